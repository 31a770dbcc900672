"""LLMEval-Med import: 667 cases, tiered criteria from the free-text checklists, chained rounds."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer.cli.main import main
from reviewer.importing.llmeval_checklist import CORE, SECONDARY, parse_checklist


def _status(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    assert main(["--db", str(db), "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _records(file: Path) -> list[tuple[str, int, dict]]:
    data = json.loads(file.read_text(encoding="utf-8"))
    return [(area, i, r) for area, records in data.items() for i, r in enumerate(records)]


def _checklist(record: dict) -> str | None:
    value = record.get("checklist")
    return value if isinstance(value, str) and value.strip() else None


@pytest.fixture(scope="module")
def imported(llmeval_med_file: Path, tmp_path_factory: pytest.TempPathFactory, new_db: Callable[[Path], Path]):
    from reviewer.importing import import_llmeval_med
    from reviewer.store import open_store

    db = new_db(tmp_path_factory.mktemp("llmeval") / "study.db")
    store = open_store(db)
    report = import_llmeval_med(store, llmeval_med_file)
    yield store, report, db
    store.close()


def test_667_cases_and_report(imported, llmeval_med_file: Path) -> None:
    from reviewer.store.models import Case

    store, report, _db = imported
    assert report.created["cases"] == 667
    with store.Session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 667
    with_list = [r for _a, _i, r in _records(llmeval_med_file) if _checklist(r)]
    assert report.notes["records_with_checklist"] == len(with_list) == report.created["checklists"]
    print(f"records with checklist: {len(with_list)}, items parsed: {report.notes['checklist_items']}")


def test_one_criterion_per_numbered_item_with_tier(imported, llmeval_med_file: Path) -> None:
    """Independent count: lines that start with a number and . or 、 in each tier's block."""
    from reviewer.store.models import Case, ChecklistVersion, Criterion

    store, report, _db = imported
    numbered_total = 0
    with store.Session() as s:
        rows = s.execute(select(Case.external_id, Criterion.tier, Criterion.key, Criterion.tags, Criterion.text)
                         .join(ChecklistVersion, ChecklistVersion.case_id == Case.id)
                         .join(Criterion, Criterion.checklist_version_id == ChecklistVersion.id)
                         .order_by(Criterion.position)).all()
        versions = {ext: n for ext, n in s.execute(
            select(Case.external_id, func.count(ChecklistVersion.id))
            .outerjoin(ChecklistVersion, ChecklistVersion.case_id == Case.id).group_by(Case.external_id))}
    by_case: dict[str, list] = {}
    for ext, tier, key, tags, text in rows:
        by_case.setdefault(ext, []).append((tier, key, tags, text))
    for area, index, record in _records(llmeval_med_file):
        ext = f"{area}/{index}"
        text = _checklist(record)
        if text is None:
            assert versions[ext] == 0 and ext not in by_case  # no checklist: no version, no criteria
            continue
        secondary_at = text.find("次要需求")
        core_block, secondary_block = (text, "") if secondary_at < 0 else (text[:secondary_at], text[secondary_at:])
        want_core = len(re.findall(r"(?m)^\s*\d+\s*[.、．]", core_block))
        want_secondary = len(re.findall(r"(?m)^\s*\d+\s*[.、．]", secondary_block))
        got = [c for c in by_case[ext] if "unnumbered" not in c[2]]
        assert sum(1 for c in got if c[0] == CORE) == want_core, ext
        assert sum(1 for c in got if c[0] == SECONDARY) == want_secondary, ext
        numbered_total += want_core + want_secondary
        keys = [c[1] for c in by_case[ext]]
        assert len(set(keys)) == len(keys)
        assert all(re.fullmatch(r"(core|secondary)-\d+", k) for k in keys)
        assert all(c[3] and not re.match(r"^\d+\s*[.、]", c[3]) for c in by_case[ext])
    unnumbered = sum(1 for c in rows if "unnumbered" in c[3])
    assert report.notes["checklist_items"] == numbered_total + unnumbered == len(rows)
    assert unnumbered == report.notes["unnumbered_items"] == 2


def test_round_three_case_holds_five_turns_in_order(imported, llmeval_med_file: Path) -> None:
    from reviewer.store.models import Case

    store, _report, _db = imported
    records = _records(llmeval_med_file)
    pos = next(k for k, (_a, _i, r) in enumerate(records) if r["round"] == 3)
    (area, index, third), (_, _, second), (_, _, first) = records[pos], records[pos - 1], records[pos - 2]
    assert (first["round"], second["round"]) == (1, 2)
    with store.Session() as s:
        case = s.scalar(select(Case).where(Case.external_id == f"{area}/{index}"))
    assert [t["role"] for t in case.turns] == ["user", "assistant", "user", "assistant", "user"]
    assert [t["content"] for t in case.turns] == [first["problem"], first["sanswer"], second["problem"],
                                                 second["sanswer"], third["problem"]]
    assert case.reference_answer == third["sanswer"]
    assert case.meta["round"] == 3 and case.meta["groupCode"] == third["groupCode"]
    assert case.category == f"{area} / {third['category2']}"


def test_missing_values_stay_missing(imported, llmeval_med_file: Path) -> None:
    from reviewer.store.models import Case

    store, _report, _db = imported
    area, index, record = next((a, i, r) for a, i, r in _records(llmeval_med_file)
                               if isinstance(r["sanswer"], float) and math.isnan(r["sanswer"]))
    with store.Session() as s:
        case = s.scalar(select(Case).where(Case.external_id == f"{area}/{index}"))
    assert case.reference_answer is None


def test_cli_import_twice_keeps_first_counts(llmeval_med_file: Path, fresh_db: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = fresh_db
    assert main(["--db", str(db), "import", "llmeval-med", str(llmeval_med_file)]) == 0
    out = capsys.readouterr().out
    assert "667" in out
    first = _status(db, capsys)
    assert first["cases"] == 667
    assert main(["--db", str(db), "import", "llmeval-med", str(llmeval_med_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(report["created"].values()) == 0 and report["skipped"]["cases"] == 667
    assert _status(db, capsys) == first


@pytest.mark.parametrize(("text", "expected"), [
    ("核心需求：\n1. 内容要求：甲。\n2. 乙。\n\n次要需求：\n无",
     [("core-1", "甲。", ["requirement:内容要求"]), ("core-2", "乙。", [])]),
    ("一、核心需求\n1. 格式要求：甲\n二、次要需求：\n1. 乙\n2、丙",
     [("core-1", "甲", ["requirement:格式要求"]), ("secondary-1", "乙", []), ("secondary-2", "丙", [])]),
    ("核心需求：\n1.内容要求①：甲\n4. 乙\n4. 丙\n次要需求：\n说明丁。",
     [("core-1", "甲", ["requirement:内容要求"]), ("core-2", "乙", []), ("core-3", "丙", []),
      ("secondary-1", "说明丁。", ["unnumbered"])]),
    ("核心需求：\n1. 甲\n继续甲\n次要需求：\n1. 语言准确性：乙", [("core-1", "甲\n继续甲", []),
                                                     ("secondary-1", "语言准确性：乙", [])]),
])
def test_checklist_variants(text: str, expected: list) -> None:
    assert [(i.key, i.text, i.tags) for i in parse_checklist(text)] == expected


def test_model_answers_in_the_llmeval_shape(imported, llmeval_med_file: Path, tmp_path: Path) -> None:
    """The benchmark's own answer layout: the question set with a ``model_answer`` per record."""
    from reviewer.importing import import_responses
    from reviewer.store.models import Case, Response

    store, _report, _db = imported
    data = json.loads(llmeval_med_file.read_text(encoding="utf-8"))
    area = next(iter(data))
    for i, record in enumerate(data[area][:3]):
        record["model_answer"] = f"回答 {i}"
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = import_responses(store, answers, model="model-q")
    assert report.created["responses"] == 3
    assert import_responses(store, answers, model="model-q").skipped["responses"] == 3
    with store.Session() as s:
        got = s.execute(select(Case.external_id, Response.text).join(Response).order_by(Response.id)).all()
    assert [tuple(g) for g in got] == [(f"{area}/{i}", f"回答 {i}") for i in range(3)]
