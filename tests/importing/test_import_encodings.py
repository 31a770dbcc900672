"""Text that is not plain UTF-8 and values the database cannot hold (issue 15): UTF-16 with a BOM
imports; Latin-1, lone surrogates, integers beyond 64 bits and JSON nested thousands deep are
refused with one line naming file and line (exit 2, database unchanged); a CSV answer longer than
Python's default field limit (131,072 characters) imports whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli.main import main
from tests.support.db import build_template, copy_database
from tests.support.fuzz import db_digest


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory, healthbench_dir: Path, empty_db_template: Path) -> Path:
    from reviewer.importing import import_healthbench

    return build_template(tmp_path_factory.mktemp("enc-template") / "s.db",
                          lambda store: import_healthbench(store, healthbench_dir / "sample.jsonl"),
                          start=empty_db_template)


@pytest.fixture
def db(tmp_path: Path, template_db: Path) -> Path:
    return copy_database(template_db, tmp_path / "s.db")


@pytest.fixture
def case_id(healthbench_dir: Path) -> str:
    return json.loads((healthbench_dir / "sample.jsonl").read_text("utf-8").splitlines()[0])["prompt_id"]


def _refused(db: Path, argv: list[str], capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    before = db_digest(db)
    capsys.readouterr()
    assert main(["--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err
    assert db_digest(db) == before
    return err


def _answers(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    out = db.parent / "answers.jsonl"
    capsys.readouterr()
    assert main(["--db", str(db), "export", "responses", "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def test_utf16_with_a_bom_imports_like_utf8(db: Path, tmp_path: Path, case_id: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(f"case_id,model,response\n{case_id},m16,Trinken Sie viel Wasser – ärztlich geprüft\n",
                    encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert main(["--db", str(db), "import", "responses", str(path)]) == 0
    assert [a["text"] for a in _answers(db, capsys) if a["model"] == "m16"] == [
        "Trinken Sie viel Wasser – ärztlich geprüft"]


def test_latin1_is_refused_naming_the_line(db: Path, tmp_path: Path, case_id: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"case_id,model,response\n{case_id},m1,fine\n{case_id},m2,caf\xe9 au lait\n".encode("latin-1"))
    _refused(db, ["import", "responses", str(path)], capsys, str(path), "line 3", "not UTF-8", "0xE9",
             "save the file as UTF-8")


def test_utf16_without_a_bom_is_recognised(db: Path, tmp_path: Path, healthbench_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """No BOM, but ASCII's zero bytes give UTF-16 away (the JSON RFC's detection): it imports, and
    finds the same cases already there."""
    path = tmp_path / "sample16.jsonl"
    path.write_bytes((healthbench_dir / "sample.jsonl").read_text("utf-8").encode("utf-16-le"))
    before = db_digest(db)
    capsys.readouterr()
    assert main(["--db", str(db), "import", "healthbench", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created"].get("cases", 0) == 0 and report["skipped"]["cases"] == 4
    assert db_digest(db) == before


@pytest.mark.parametrize(("value", "needles"), [
    ('"before \\ud800 after"', ("unpaired surrogate", "\\ud800")),
    (str(2 ** 63), ("integer 9223372036854775808", "64-bit")),
    (str(-(2 ** 63) - 1), ("64-bit",)),
    ("[" * 5000 + "]" * 5000, ("nested more than 64 levels",)),
    ("[" * 70 + "]" * 70, ("nested more than 64 levels",)),
])
def test_values_the_database_cannot_hold_are_refused(value: str, needles: tuple[str, ...], db: Path,
                                                     tmp_path: Path, case_id: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.jsonl"
    good = json.dumps({"case_id": case_id, "model": "mx", "response": "ok"})
    path.write_text(good + "\n" + f'{{"case_id": "{case_id}", "model": "my", "response": "x", "meta": {value}}}\n',
                    encoding="utf-8")
    _refused(db, ["import", "responses", str(path)], capsys, str(path), "line 2", *needles)


def test_a_csv_answer_longer_than_131072_characters_imports_whole(db: Path, tmp_path: Path, case_id: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    answer = "Long answer. " * 20_000  # 260,000 characters
    path = tmp_path / "long.csv"
    path.write_text(f'case_id,model,response\n{case_id},long-model,"{answer}"\n', encoding="utf-8")
    assert main(["--db", str(db), "import", "responses", str(path)]) == 0
    assert [a["text"] for a in _answers(db, capsys) if a["model"] == "long-model"] == [answer]


def test_an_exported_apostrophe_is_read_back_as_the_original_text(db: Path, tmp_path: Path, case_id: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV cell this app wrote as '=… (reviewer.files.spreadsheet_text) imports as =…."""
    path = tmp_path / "answers.csv"
    path.write_text(f"case_id,model,response\n{case_id},safe-model,'=1+1 is two\n", encoding="utf-8")
    assert main(["--db", str(db), "import", "responses", str(path)]) == 0
    assert [a["text"] for a in _answers(db, capsys) if a["model"] == "safe-model"] == ["=1+1 is two"]
