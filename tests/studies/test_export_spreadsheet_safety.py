"""`reviewer export … -o FILE.csv`: text a spreadsheet would run as a formula gets the OWASP
apostrophe, numbers (negative ones too) stay bare, and JSONL keeps the text exactly as stored."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from reviewer.cli.main import main
from reviewer.store import Store
from reviewer.store.models import Case, Response
from tests.support.rating import make_study


def test_export_csv_neutralises_formula_cells(store: Store, fresh_db: Path, tmp_path: Path, capsys) -> None:
    ids = make_study(store, cases=1)
    with store.begin() as s:
        case = s.get(Case, ids["cases"][0])
        case.title = '=HYPERLINK("http://evil.example","open me")'
        case.category = "+cmd|' /C calc'!A0"
        response = s.get(Response, ids["responses"][0])
        response.text = "-5 mg twice daily"
        response.seed = -5
        s.get(Response, ids["responses"][1]).text = "@SUM(A1:A3)"
    store.close()
    out = tmp_path / "cases.csv"
    assert main(["--db", str(fresh_db), "export", "cases", "-o", str(out)]) == 0
    (case_row,) = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert case_row["title"] == '\'=HYPERLINK("http://evil.example","open me")'
    assert case_row["category"] == "'+cmd|' /C calc'!A0"
    out = tmp_path / "responses.csv"
    assert main(["--db", str(fresh_db), "export", "responses", "-o", str(out)]) == 0
    rows = sorted(csv.DictReader(out.open(encoding="utf-8", newline="")), key=lambda r: r["external_id"])
    assert [r["text"] for r in rows] == ["'-5 mg twice daily", "'@SUM(A1:A3)"]
    assert rows[0]["seed"] == "-5"  # a number stays a number
    jsonl = tmp_path / "responses.jsonl"
    assert main(["--db", str(fresh_db), "export", "responses", "-o", str(jsonl)]) == 0
    texts = sorted(json.loads(line)["text"] for line in jsonl.read_text("utf-8").splitlines())
    assert texts == ["-5 mg twice daily", "@SUM(A1:A3)"]
    capsys.readouterr()
