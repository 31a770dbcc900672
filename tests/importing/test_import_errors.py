"""Malformed input: the command exits non-zero naming file, line and problem; nothing is written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli.main import main
from tests.support.db import build_template, copy_database

REPO = Path(__file__).resolve().parents[2]


def _status(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    assert main(["--db", str(db), "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory, healthbench_dir: Path, empty_db_template: Path) -> Path:
    from reviewer.importing import import_healthbench

    return build_template(tmp_path_factory.mktemp("template") / "s.db",
                          lambda store: import_healthbench(store, healthbench_dir / "sample.jsonl"),
                          start=empty_db_template)


@pytest.fixture
def db(tmp_path: Path, template_db: Path) -> Path:
    """A study that already holds the four sample cases, so 'unchanged' means something."""
    return copy_database(template_db, tmp_path / "s.db")


def _fails(db: Path, args: list[str], capsys: pytest.CaptureFixture[str], *needles: str) -> None:
    before = _status(db, capsys)
    assert main(["--db", str(db), *args]) != 0
    err = capsys.readouterr().err
    for needle in needles:
        assert needle in err, err
    assert _status(db, capsys) == before


def test_broken_json_line(db: Path, tmp_path: Path, healthbench_dir: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    lines = (healthbench_dir / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    fresh = [json.dumps(dict(json.loads(line), prompt_id=f"new-{i}")) for i, line in enumerate(lines)]
    fresh[2] = fresh[2][:-7]  # cut the end off line 3
    bad = tmp_path / "broken.jsonl"
    bad.write_text("\n".join(fresh) + "\n", encoding="utf-8")
    _fails(db, ["import", "healthbench", str(bad)], capsys, str(bad), "line 3", "broken JSON")


def test_missing_required_field(db: Path, tmp_path: Path, healthbench_dir: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    rows = [json.loads(line) for line in (healthbench_dir / "sample.jsonl").read_text().splitlines()]
    rows = [dict(r, prompt_id=f"new-{i}") for i, r in enumerate(rows)]
    del rows[1]["rubrics"]
    bad = tmp_path / "missing.jsonl"
    bad.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    _fails(db, ["import", "healthbench", str(bad)], capsys, str(bad), "line 2", "missing required field 'rubrics'")


def test_wrong_type_names_the_item(db: Path, tmp_path: Path, healthbench_dir: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    row = json.loads((healthbench_dir / "sample.jsonl").read_text().splitlines()[0])
    row["prompt_id"] = "new-x"
    row["rubrics"][1]["points"] = "five"
    bad = tmp_path / "type.jsonl"
    bad.write_text(json.dumps(row) + "\n", encoding="utf-8")
    _fails(db, ["import", "healthbench", str(bad)], capsys, "line 1", "rubrics item 2", "'points'", "got text")


def test_csv_without_answer_column(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "answers.csv"
    bad.write_text("case_id,model,note\n7f66b4c4-029b-590c-b5eb-46cb9f543a77,m,hello\n", encoding="utf-8")
    _fails(db, ["import", "responses", str(bad)], capsys, str(bad), "line 1", "no answer column")


def test_unknown_case_in_answers(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "answers.jsonl"
    bad.write_text(json.dumps({"case_id": "7f66b4c4-029b-590c-b5eb-46cb9f543a77", "model": "m", "answer": "a"})
                   + "\n" + json.dumps({"case_id": "nope", "model": "m", "answer": "b"}) + "\n", encoding="utf-8")
    _fails(db, ["import", "responses", str(bad)], capsys, "line 2", "no case with id 'nope'")


def test_failure_after_writes_began_rolls_back(db: Path, tmp_path: Path, healthbench_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Row 1 creates a new case; row 2 names a criterion its (existing) case lacks: all undone."""
    rows = [json.loads(line) for line in (healthbench_dir / "sample_meta.jsonl").read_text().splitlines()]
    first = dict(rows[0], prompt_id="brand-new-case")
    second = dict(rows[1], rubric="A criterion the stored checklist does not have.")
    bad = tmp_path / "meta.jsonl"
    bad.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    _fails(db, ["import", "healthbench-meta", str(bad)], capsys, str(bad), "line 2",
           "no criterion with the text")


def test_verdicts_need_a_judge_name(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "v.jsonl"
    file.write_text(json.dumps({"case_id": "x", "response_id": "y", "met": True}) + "\n", encoding="utf-8")
    _fails(db, ["import", "verdicts", str(file)], capsys, "--judge")


def test_python_m_reviewer_subprocess(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The real entry point: a bad file exits 2 with the message on stderr, nothing written."""
    before = _status(db, capsys)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt_id": "a"}\n{oops\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-m", "reviewer", "--db", str(db), "import", "healthbench", str(bad)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 2
    assert f"{bad}, line 1: missing required field 'prompt'" in run.stderr
    assert _status(db, capsys) == before


def test_meta_labels_and_ids_must_pair_up(db: Path, tmp_path: Path, healthbench_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rows = [json.loads(line) for line in (healthbench_dir / "sample_meta.jsonl").read_text().splitlines()]
    rows[3]["anonymized_physician_ids"] = rows[3]["anonymized_physician_ids"][:2]
    bad = tmp_path / "meta.jsonl"
    bad.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    _fails(db, ["import", "healthbench-meta", str(bad)], capsys, str(bad), "line 4",
           "'binary_labels' has 3 entries but 'anonymized_physician_ids' has 2")
