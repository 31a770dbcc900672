"""Tried as a new user would (issue 15): every command of the README that needs no model, run with a
wrong path, an unreadable file, a read-only database and a locked database, ends with one line on
stderr naming the problem and exit status 2, never a traceback; the database is unchanged.

Commands run in-process (``reviewer.cli.main.main``) on a copy of the demo study. The read-only
database is opened through SQLite's ``mode=ro`` URL (chmod does not stop root, who runs CI); the
locked one is held by an exclusive write transaction from this test, with the busy timeout cut to
0.2 s through ``REVIEWER_BUSY_TIMEOUT_MS``. A command that only reads may succeed on a read-only or
locked database (SQLite's WAL lets readers in): then it must exit 0; every writing command must fail.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli.main import main
from tests.support.db import copy_database
from tests.support.fuzz import db_digest
from tests.support.reviewfiles import dump_tables

# name: (argv after the global options, writes to the database?). {x} = an input file named x from
# the `inputs` fixture, {out} = a fresh output path (the suffix after it is kept).
README_COMMANDS: dict[str, tuple[list[str], bool]] = {
    "init": (["init", "--study", "new"], True),
    "status": (["status"], False),
    "import healthbench": (["import", "healthbench", "{healthbench}"], True),
    "import healthbench-meta": (["import", "healthbench-meta", "{meta}"], True),
    "import llmeval-med": (["import", "llmeval-med", "{llmeval}"], True),
    "import responses": (["import", "responses", "{responses}", "--model", "m-new"], True),
    "import ratings": (["import", "ratings", "{ratings}", "--study", "Demo study"], True),
    "import verdicts": (["import", "verdicts", "{verdicts}", "--judge", "j-new"], True),
    "export": (["export", "cases", "-o", "{out}.csv"], False),
    "assign": (["assign", "--raters", "dr-new1,dr-new2", "--per-response", "2"], True),
    "pack": (["pack", "--rater", "dr-chen", "-o", "{out}.rvw"], True),
    "return": (["return", "{rvw}", "-o", "{out}.rvr"], False),
    "merge": (["merge", "{rvr}"], True),
    "conflicts": (["conflicts"], False),
    "audit": (["audit"], False),
    "stats": (["stats", "{stats}", "--statistic", "krippendorff_alpha"], False),
    "agreement": (["agreement", "--json"], False),
    "report": (["report", "-o", "{out}.csv", "--bootstrap", "5", "--quiet"], False),
    "triage": (["triage", "--json"], False),
    "scores": (["scores", "--judge-run", "demo-judge", "--json"], False),
    "templates": (["templates", "list"], False),
    "judge-runs list": (["judge-runs", "list"], False),
    "judge-runs delete": (["judge-runs", "delete", "demo-judge", "--yes"], True),
    "checklist show": (["checklist", "show", "demo-en-01"], False),
    "checklist edit": (["checklist", "edit", "demo-en-01", "--add", "Mentions follow-up", "--reason", "r"], True),
    "checklist export": (["checklist", "export", "-o", "{out}.jsonl", "--format", "healthbench"], False),
    "compare": (["compare", "demo-en-01", "--old-run", "demo-judge", "--new-run", "demo-judge"], False),
    "guidelines": (["guidelines", "{guide}"], True),
    "adjudicate": (["adjudicate", "--auto", "majority", "--quorum", "2"], True),
    "plan": (["plan", "--judge-run", "demo-judge", "--target-width", "0.1", "--raters", "dr-chen"], True),
}
NO_DATABASE = {"return", "stats"}  # these read and write files only
NOT_TRIED = {  # README commands left out here, and why
    "generate": "loads a model (tests/generation/ try its failures)",
    "judge": "loads a model (tests/judging/)",
    "rejudge": "loads a model",
    "gui": "opens a window (tests/gui/test_gui_cli.py)",
    "demo": "opens a window on the bundled demo",
    "team": "PostgreSQL only (tests/cli/test_team_cli.py, tests/team/ against the real server)",
}
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, demo_template: Path, healthbench_dir: Path,
           llmeval_med_file: Path) -> dict[str, Path]:
    """A valid input file for every importing command (so that only the condition under test fails)."""
    folder = tmp_path_factory.mktemp("new-user-inputs")
    db = copy_database(demo_template, folder / "source.db")
    files = {"healthbench": healthbench_dir / "sample.jsonl", "meta": healthbench_dir / "sample_meta.jsonl",
             "llmeval": llmeval_med_file}
    files["responses"] = folder / "responses.jsonl"
    files["responses"].write_text(json.dumps({"case_id": "demo-en-01", "model": "m-new",
                                              "response": "Rest and fluids."}) + "\n", "utf-8")
    files["verdicts"] = folder / "verdicts.jsonl"
    with sqlite3.connect(db) as conn:
        case_uid, criterion = conn.execute(
            'SELECT c.uid, cr.text FROM "case" c JOIN checklist_version v ON v.case_id = c.id '
            "JOIN criterion cr ON cr.checklist_version_id = v.id WHERE c.external_id = 'demo-en-01'").fetchone()
        response_uid = conn.execute("SELECT r.uid FROM response r JOIN \"case\" c ON c.id = r.case_id "
                                    "WHERE c.external_id = 'demo-en-01'").fetchone()[0]
    files["verdicts"].write_text(json.dumps({"case_id": case_uid, "response_id": response_uid,
                                             "criterion": criterion, "met": True}) + "\n", "utf-8")
    files["guide"] = folder / "guide.md"
    files["guide"].write_text("# How to rate\n\nRate what the answer says, not what it should say.\n", "utf-8")
    files["stats"] = folder / "stats.csv"
    files["stats"].write_text("unit,rater,value\nu1,a,1\nu1,b,1\nu2,a,0\nu2,b,1\nu3,a,0\nu3,b,0\n", "utf-8")
    files["ratings"] = folder / "ratings.csv"
    files["rvw"] = folder / "dr-patel.rvw"
    files["rvr"] = folder / "dr-patel.rvr"
    for argv in (["export", "ratings", "-o", str(folder / "exported.csv")],
                 ["pack", "--rater", "dr-patel", "-o", str(files["rvw"])]):
        assert main(["--db", str(db), *argv]) == 0
    with (folder / "exported.csv").open(encoding="utf-8", newline="") as src, \
            files["ratings"].open("w", encoding="utf-8", newline="") as dst:  # new ratings: a new rater's
        rows = list(csv.DictReader(src))
        writer = csv.DictWriter(dst, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "rater": "dr-new", "rating_uid": ""} for row in rows)
    assert main(["return", str(files["rvw"]), "-o", str(files["rvr"])]) == 0
    # the demo study that issued dr-patel's pack (a return merges only there), as one closed file
    files["source"] = folder / "issued.db"
    with sqlite3.connect(db) as src, sqlite3.connect(files["source"]) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return files


@pytest.fixture
def demo_db(inputs: dict[str, Path], tmp_path: Path) -> Path:
    return copy_database(inputs["source"], tmp_path / "study.db")


@pytest.fixture
def locked(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The study database with another program's write lock held for the whole test."""
    monkeypatch.setenv("REVIEWER_BUSY_TIMEOUT_MS", "200")
    sqlite3.connect(demo_db).execute("PRAGMA journal_mode=WAL").close()
    holder = sqlite3.connect(demo_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield demo_db
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _argv(name: str, files: dict[str, Path], out_dir: Path, **swap: Path) -> list[str]:
    argv: list[str] = []
    for arg in README_COMMANDS[name][0]:
        if arg.startswith("{out}"):
            arg = str(out_dir / f"out{arg[len('{out}'):]}")
        elif arg.startswith("{") and arg.endswith("}"):
            key = arg[1:-1]
            arg = str(swap.get(key, files[key]))
        argv.append(arg)
    return argv


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def _one_clean_line(rc: int, err: str, *words: str) -> str:
    assert rc == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith(("analysing", "writing"))]
    assert len(lines) == 1 and lines[0].startswith("reviewer: error: "), err
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
    return lines[0]


def _input_of(name: str) -> str | None:
    return next((a[1:-1] for a in README_COMMANDS[name][0] if a.startswith("{") and not a.startswith("{out")),
                None)


WITH_INPUT = [n for n in README_COMMANDS if _input_of(n)]
WITH_DATABASE = [n for n in README_COMMANDS if n not in NO_DATABASE]


@pytest.mark.parametrize("name", WITH_INPUT)
def test_a_missing_input_file_is_one_line(name: str, inputs: dict[str, Path], demo_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = dump_tables_of(demo_db)
    missing = tmp_path / "no-such-folder" / "input.file"
    rc, _, err = _run(["--db", str(demo_db), *_argv(name, inputs, tmp_path, **{_input_of(name): missing})], capsys)
    _one_clean_line(rc, err, "input.file")
    assert dump_tables_of(demo_db) == before


@pytest.mark.parametrize("name", WITH_INPUT)
def test_an_unreadable_input_file_is_one_line(name: str, inputs: dict[str, Path], demo_db: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Unreadable: mode 000 for an ordinary user; for root (whom modes do not stop) a folder where
    the file should be."""
    before = dump_tables_of(demo_db)
    source = inputs[_input_of(name)]
    bad = tmp_path / f"unreadable{source.suffix}"
    if os.geteuid() == 0:
        bad.mkdir()
    else:
        bad.write_bytes(source.read_bytes())
        bad.chmod(0)
    rc, _, err = _run(["--db", str(demo_db), *_argv(name, inputs, tmp_path, **{_input_of(name): bad})], capsys)
    _one_clean_line(rc, err, bad.name)
    assert dump_tables_of(demo_db) == before


@pytest.mark.parametrize("name", WITH_DATABASE)
def test_a_wrong_database_path_is_one_line(name: str, inputs: dict[str, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """--db under a plain file (no folder can be made there) and --db naming a file that is not a database."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    rc, _, err = _run(["--db", str(blocker / "study.db"), *_argv(name, inputs, tmp_path)], capsys)
    _one_clean_line(rc, err, "a-file")
    rc, _, err = _run(["--db", str(blocker), *_argv(name, inputs, tmp_path)], capsys)
    _one_clean_line(rc, err, "not a reviewer study database")
    assert blocker.read_text("utf-8") == "not a folder"


@pytest.mark.parametrize("name", WITH_DATABASE)
def test_a_read_only_database_is_one_line(name: str, inputs: dict[str, Path], demo_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing may land in the working folder (a backup once went to ./file:/…)
    before = dump_tables_of(demo_db)
    url = f"sqlite:///file:{demo_db}?mode=ro&uri=true"
    rc, _, err = _run(["--db", url, *_argv(name, inputs, tmp_path)], capsys)
    if README_COMMANDS[name][1]:
        _one_clean_line(rc, err, "read-only")
    else:
        assert rc == 0, err
    assert dump_tables_of(demo_db) == before
    assert not (tmp_path / "file:").exists()


@pytest.mark.parametrize("name", WITH_DATABASE)
def test_a_locked_database_is_one_line(name: str, inputs: dict[str, Path], locked: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = db_digest(locked)  # WAL: readers still read while another program holds the write lock
    rc, _, err = _run(["--db", str(locked), *_argv(name, inputs, tmp_path)], capsys)
    if README_COMMANDS[name][1]:
        _one_clean_line(rc, err, "locked", str(locked))
    else:
        assert rc == 0, err
    assert db_digest(locked) == before


def test_every_readme_command_is_tried_or_named() -> None:
    named = set(re.findall(r"`reviewer ([a-z][a-z-]*)", README.read_text("utf-8")))
    tried = {name.split()[0] for name in README_COMMANDS}
    assert named - tried - set(NOT_TRIED) == set()
    assert tried <= named  # the list follows the README


def dump_tables_of(path: Path) -> dict[str, Any]:
    from reviewer.store import open_store

    store = open_store(path, upgrade=False)
    try:
        return dump_tables(store)
    finally:
        store.close()
