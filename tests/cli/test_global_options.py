"""Global options (issue 15): --db and --study work before or after the command, --debug shows the
traceback of a user error (which still exits 2), and a number too large for the database is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli.main import main
from tests.support.db import copy_database


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def test_db_and_study_before_or_after_the_command(demo_template: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_database(demo_template, tmp_path / "study.db")
    before = _run(["--db", str(db), "status", "--json"], capsys)
    after = _run(["status", "--json", "--db", str(db)], capsys)
    assert before[0] == after[0] == 0 and before[1] == after[1]
    assert json.loads(after[1])["cases"] == 13
    for argv in (["--study", "second", "init", "--db", str(db)], ["init", "--db", str(db), "--study", "third"]):
        rc, out, _ = _run(argv, capsys)
        assert rc == 0 and argv[argv.index("--study") + 1] in out
    rc, out, _ = _run(["--db", str(db), "--study", "Demo study", "checklist", "show", "demo-en-01", "--json"],
                      capsys)
    assert rc == 0 and json.loads(out)["case"]
    rc, _, err = _run(["--study", "no-such-study", "checklist", "show", "demo-en-01", "--db", str(db)], capsys)
    assert rc == 2 and "no-such-study" in err  # the study before the command reached the command


def test_debug_adds_the_traceback_to_the_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    rc, _, err = _run(["--db", str(tmp_path / "s.db"), "import", "healthbench", str(missing)], capsys)
    assert rc == 2 and "Traceback" not in err and err.count("\n") == 1
    rc, _, err = _run(["import", "healthbench", str(missing), "--db", str(tmp_path / "s.db"), "--debug"], capsys)
    assert rc == 2 and "Traceback (most recent call last)" in err
    assert err.strip().splitlines()[-1].startswith("reviewer: error: ") and str(missing) in err


def test_a_number_beyond_64_bits_is_one_line(demo_template: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_database(demo_template, tmp_path / "study.db")
    rc, _, err = _run(["--db", str(db), "audit", "--limit", str(2 ** 70)], capsys)
    assert rc == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "too large" in err
