"""Agreement reports of the demo study: every format written, numbers traceable to the CSV and
checked against the krippendorff package computed directly from the database."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from reviewer.agreement.service import analyze_study
from reviewer.cli.main import main
from reviewer.reports.agreement_report import build_agreement_report
from reviewer.reports.writers import write_report
from reviewer.store.models import Criterion, CriterionRating, Rater, Rating
from tests.support.db import copy_database


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory, demo_template: Path):
    from reviewer.store import open_store

    folder = tmp_path_factory.mktemp("report")
    store = open_store(copy_database(demo_template, folder / "demo.db"))
    result = analyze_study(store, n_boot=60, seed=1)
    doc = build_agreement_report(result)
    paths = {ext: write_report(doc, folder / f"report.{ext}") for ext in ("html", "pdf", "csv", "xlsx")}
    yield store, doc, paths
    store.close()


def test_csv_holds_every_table_exactly(demo_report) -> None:
    _store, doc, paths = demo_report
    csv = pd.read_csv(paths["csv"])
    assert set(csv["table"]) == {t.name for t in doc.tables() if len(t.frame)}
    for table in doc.tables():
        if table.frame.empty:
            continue
        rows = csv[csv["table"] == table.name].dropna(axis=1, how="all").drop(columns="table")
        expected = table.frame.dropna(axis=1, how="all")
        assert set(rows.columns) == {str(c) for c in expected.columns}
        rows = rows[[str(c) for c in expected.columns]]
        for col in expected.columns:
            if pd.api.types.is_numeric_dtype(expected[col]):
                np.testing.assert_allclose(rows[col].to_numpy(float), expected[col].to_numpy(float),
                                           rtol=1e-9, equal_nan=True)


def test_xlsx_has_a_sheet_per_table(demo_report) -> None:
    _store, doc, paths = demo_report
    sheets = pd.read_excel(paths["xlsx"], sheet_name=None)
    assert len(sheets) == len(doc.tables())
    assert "summary" in sheets and sheets["summary"].shape[0] >= 4


def test_html_is_self_contained_and_shows_the_csv_numbers(demo_report) -> None:
    _store, _doc, paths = demo_report
    text = paths["html"].read_text("utf-8")
    sources = re.findall(r'src="([^"]+)"', text)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    for heading in ("Summary", "Criteria, worst first", "Raters", "Confusion matrix", "Bland–Altman", "Methods"):
        assert heading in text
    summary = pd.read_csv(paths["csv"]).query("table == 'summary'")
    for value in summary["value"].dropna():
        assert f"{value:.3f}" in text


def test_headline_alpha_matches_krippendorff_on_raw_ratings(demo_report) -> None:
    store, _doc, paths = demo_report
    with store.Session() as session:
        rows = session.execute(
            select(Rating.response_id, Criterion.key, Rater.name, CriterionRating.value)
            .join(CriterionRating, CriterionRating.rating_id == Rating.id)
            .join(Criterion, Criterion.id == CriterionRating.criterion_id)
            .join(Rater, Rater.id == Rating.rater_id)
        ).all()
    frame = pd.DataFrame(rows, columns=["response", "key", "rater", "value"])
    frame = frame[frame["value"] != "na"]
    frame["v"] = (frame["value"] == "met").astype(float)
    wide = frame.pivot_table(index="rater", columns=["response", "key"], values="v")
    expected = krippendorff.alpha(reliability_data=wide.to_numpy(), level_of_measurement="nominal")
    summary = pd.read_csv(paths["csv"]).query("table == 'summary' and statistic == 'krippendorff_alpha'")
    reported = summary[summary["scope"] == "criteria (pooled)"]["value"].iloc[0]
    assert reported == pytest.approx(expected, abs=1e-4)


def test_pdf_has_pages_and_text(demo_report) -> None:
    _store, _doc, paths = demo_report
    data = paths["pdf"].read_bytes()
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: page text not checked")
    text = subprocess.run(["pdftotext", str(paths["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    assert "Agreement report" in text and "Methods" in text and "macro-F1" in text


def test_report_command_and_bad_extension(tmp_path: Path, demo_template: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_database(demo_template, tmp_path / "s.db")
    assert main(["--db", str(db), "report", "-o", str(tmp_path / "r.html"), "--bootstrap", "20", "--quiet"]) == 0
    assert (tmp_path / "r.html").stat().st_size > 10_000
    assert main(["--db", str(db), "report", "-o", str(tmp_path / "r.docx"), "--bootstrap", "20", "--quiet"]) == 2
    assert "unknown report format" in capsys.readouterr().err
