"""The report's CSV and XLSX: formula-like text is neutralised, numbers stay numbers, and a report
that fails while being written leaves no file behind."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from reviewer.reports.document import ReportDocument, Section, Table
from reviewer.reports.writers import write_report

EVIL = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(A1:A2)", "-5 mg", "\tx"]


def _doc() -> ReportDocument:
    frame = pd.DataFrame({"rater": [*EVIL, "alice"], "alpha": [-0.25, 0.5, -5.0, 1.0, 0.0, 0.75],
                          "n": [-3, 1, 2, 3, 4, 5]})
    return ReportDocument(title="t", sections=[Section(title="s", tables=[Table(name="raters", title="r",
                                                                                 frame=frame)])])


def test_report_csv_neutralises_formula_text_and_keeps_numbers(tmp_path: Path) -> None:
    out = write_report(_doc(), tmp_path / "r.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["rater"] for r in rows] == ["'" + e for e in EVIL] + ["alice"]
    assert [r["alpha"] for r in rows][:3] == ["-0.25", "0.5", "-5.0"]  # negative numbers stay bare
    assert rows[0]["n"] == "-3"


def test_report_xlsx_has_no_formula_and_numeric_numbers(tmp_path: Path) -> None:
    out = write_report(_doc(), tmp_path / "r.xlsx")
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(z.read(n).decode("utf-8") for n in sheets)
    assert sheets and not re.search(r"<f[ >]", xml)
    back = pd.read_excel(out)
    assert list(back["rater"]) == ["'" + e for e in EVIL] + ["alice"]
    assert back["alpha"].dtype.kind == "f" and back["alpha"].iloc[0] == -0.25
    assert back["n"].dtype.kind == "i" and back["n"].iloc[0] == -3


def test_a_report_that_fails_midway_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    import reviewer.reports.writers as writers

    def half_then_disk_full(doc: ReportDocument, path: Path) -> None:
        path.write_text("table,rater\nraters,ali", "utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(writers.WRITERS, ".csv", half_then_disk_full)
    (tmp_path / "old.csv").write_text("kept", "utf-8")
    with pytest.raises(OSError, match="No space"):
        write_report(_doc(), tmp_path / "r.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]
