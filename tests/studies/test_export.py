"""Exports: one row per criterion rating / case / response / verdict, CSV, JSONL and Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select

from reviewer.cli.main import main


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, healthbench_dir: Path, new_db: Callable[[Path], Path]) -> Path:
    """Sample cases, the meta labels (12 criterion ratings) and a two-verdict judge run."""
    from reviewer.importing import import_healthbench, import_healthbench_meta, import_verdicts
    from reviewer.store import open_store

    folder = tmp_path_factory.mktemp("export")
    db = new_db(folder / "s.db")
    store = open_store(db)
    import_healthbench(store, healthbench_dir / "sample.jsonl")
    import_healthbench_meta(store, healthbench_dir / "sample_meta.jsonl")
    verdicts = folder / "v.jsonl"
    verdicts.write_text("\n".join(json.dumps(r) for r in [
        {"case_id": "7f66b4c4-029b-590c-b5eb-46cb9f543a77", "response_id": "f985f968-2798-5f3e-8049-861e506a9f59",
         "criterion": "Clearly recommends immediate in-person emergency care.", "met": True, "probability": 0.9,
         "explanation": "says call now"},
        {"case_id": "7f66b4c4-029b-590c-b5eb-46cb9f543a77", "response_id": "a540a516-8717-575c-9a05-65181286d633",
         "score": 2},
    ]) + "\n", encoding="utf-8")
    import_verdicts(store, verdicts, judge="judge-1", judge_model="tiny")
    store.close()
    return db


def _read(path: Path) -> list[dict]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("ext", [".csv", ".jsonl", ".parquet"])
def test_row_counts_match_the_database(filled: Path, tmp_path: Path, ext: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.store import open_store
    from reviewer.store.models import Case, CriterionRating, JudgeVerdict, Response

    store = open_store(filled)
    with store.Session() as s:
        want = {kind: s.scalar(select(func.count()).select_from(model)) for kind, model in
                (("ratings", CriterionRating), ("cases", Case), ("responses", Response),
                 ("verdicts", JudgeVerdict))}
    store.close()
    assert want == {"ratings": 12, "cases": 4, "responses": 4, "verdicts": 2}
    for kind, n in want.items():
        out = tmp_path / f"{kind}{ext}"
        assert main(["--db", str(filled), "export", kind, "-o", str(out)]) == 0
        assert f"wrote {n} {kind} rows" in capsys.readouterr().out
        assert len(_read(out)) == n


def test_rating_rows_are_long_format_with_stable_ids(filled: Path, tmp_path: Path, healthbench_dir: Path) -> None:
    from reviewer.store import open_store
    from reviewer.store.models import Rating
    from reviewer.studies.exports import export

    store = open_store(filled)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export(store, "ratings", first)
    export(store, "ratings", second, study="default")
    with store.Session() as s:
        uids = set(s.scalars(select(Rating.uid)))
    store.close()
    rows = _read(first)
    assert rows == _read(second)  # the same ids every time
    assert {r["rating_uid"] for r in rows} == uids
    meta = [json.loads(line) for line in (healthbench_dir / "sample_meta.jsonl").read_text().splitlines()]
    want = {(m["completion_id"], pid, "met" if met else "not_met")
            for m in meta for pid, met in zip(m["anonymized_physician_ids"], m["binary_labels"], strict=True)}
    assert {(r["response_external_id"], r["rater"], r["value"]) for r in rows} == want
    row = rows[0]
    assert row["criterion_points"] == 5 and isinstance(row["criterion_points"], int)
    assert row["criterion_key"] and row["criterion_text"] and row["checklist_version"] == 1
    assert row["status"] == "submitted" and row["case_source"] == "healthbench"


def test_cases_and_verdicts_content(filled: Path, tmp_path: Path, healthbench_dir: Path) -> None:
    from reviewer.store import open_store
    from reviewer.studies.exports import export

    store = open_store(filled)
    export(store, "cases", tmp_path / "cases.csv")
    export(store, "verdicts", tmp_path / "verdicts.parquet")
    store.close()
    sample = [json.loads(line) for line in (healthbench_dir / "sample.jsonl").read_text().splitlines()]
    cases = {r["external_id"]: r for r in _read(tmp_path / "cases.csv")}
    for example in sample:
        row = cases[example["prompt_id"]]
        assert json.loads(row["turns"]) == example["prompt"]
        criteria = json.loads(row["criteria"])
        assert [(c["text"], c["points"], c["tags"]) for c in criteria] == [
            (r["criterion"], r["points"], r["tags"]) for r in example["rubrics"]]
    verdicts = sorted(_read(tmp_path / "verdicts.parquet"), key=lambda r: r["score"] or 0)
    assert [v["judge_run"] for v in verdicts] == ["judge-1", "judge-1"]
    assert verdicts[0]["met"] is True and verdicts[0]["probability"] == pytest.approx(0.9)
    assert verdicts[0]["criterion_text"] == "Clearly recommends immediate in-person emergency care."
    assert verdicts[1]["score"] == 2 and verdicts[1]["criterion_key"] is None
    assert {v["parse_status"] for v in verdicts} == {"imported"}


def test_unknown_format_is_refused(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(filled), "export", "cases", "-o", str(tmp_path / "cases.xlsx")]) == 2
    assert "unknown export format .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "cases.xlsx").exists()
