"""The demo study's report: worst-first tables sorted with undefined figures last and explained,
uninformative intervals marked, readable XLSX sheet names, and a PDF that wraps words and keeps
headings with what follows them."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from reviewer.agreement.service import analyze_study
from reviewer.reports.agreement_report import build_agreement_report
from reviewer.reports.document import ReportDocument, Table
from reviewer.reports.labels import NOT_INFORMATIVE_NOTE
from reviewer.reports.writers import _sheet_name, table_html, write_report
from tests.support.db import copy_database


@pytest.fixture(scope="module")
def demo_doc(tmp_path_factory: pytest.TempPathFactory, demo_template: Path):
    from reviewer.store import open_store

    folder = tmp_path_factory.mktemp("report-tables")
    store = open_store(copy_database(demo_template, folder / "demo.db"))
    doc = build_agreement_report(analyze_study(store, n_boot=40, seed=2))
    store.close()
    paths = {ext: write_report(doc, folder / f"report.{ext}") for ext in ("html", "pdf", "csv", "xlsx")}
    return doc, paths


def _worst_first(doc: ReportDocument) -> list[Table]:
    return [t for t in doc.tables() if "worst first" in t.title]


def test_every_worst_first_table_is_sorted_with_undefined_last(demo_doc) -> None:
    doc, _paths = demo_doc
    tables = _worst_first(doc)
    assert {t.name for t in tables} >= {"by_criterion", "judge[demo-judge].by_criterion"}
    for table in tables:
        frame = table.frame
        keys = [c for c in ("alpha", "macro_f1", "agreement", "value") if c in frame.columns]
        assert keys, f"{table.name}: no agreement column to sort by"
        key = keys[0]
        values = [float(v) for v in frame[key]]
        defined = [v for v in values if not math.isnan(v)]
        n_defined = len(defined)
        assert n_defined > 0, table.name
        assert all(not math.isnan(v) for v in values[:n_defined]), f"{table.name}: undefined before defined"
        assert all(a <= b for a, b in zip(defined, defined[1:], strict=False)), f"{table.name}: not ascending"
        undefined = frame.iloc[n_defined:]
        if len(undefined):  # each undefined figure says why
            assert "why_undefined" in frame and undefined["why_undefined"].notna().all(), table.name
            assert frame.iloc[:n_defined]["why_undefined"].isna().all(), table.name


def test_criteria_where_all_agreed_come_last_labelled(demo_doc) -> None:
    doc, paths = demo_doc
    frame = next(t for t in doc.tables() if t.name == "by_criterion").frame
    last = frame[frame["alpha"].isna()]
    assert len(last) >= 1  # the demo has criteria every physician answered alike
    assert (last["agreement"] == 1.0).all()
    assert set(last["why_undefined"]) == {"all raters agreed (one category only)"}
    assert not np.isnan(frame["alpha"].iloc[0])
    table = next(t for t in doc.tables() if t.name == "by_criterion")
    assert f"{len(last)} criteria have no alpha" in table.note
    assert f"{len(last)} criteria have no alpha" in paths["html"].read_text("utf-8")


def test_intervals_from_few_units_are_flagged_and_marked(demo_doc) -> None:
    doc, paths = demo_doc
    crit = next(t for t in doc.tables() if t.name == "by_criterion").frame
    small = crit[crit["n"] < 10]
    assert len(small) and (small["alpha_informative"] == "no").all()
    summary = next(t for t in doc.tables() if t.name == "summary").frame
    pooled = summary[summary["scope"] == "criteria (pooled)"]
    assert (pooled["n"] >= 10).all() and (pooled["ci_informative"] == "yes").all()
    csv = pd.read_csv(paths["csv"])
    rows = csv[csv["table"] == "by_criterion"]
    assert set(rows["alpha_informative"]) <= {"yes", "no"}
    # per-criterion intervals are computed only from MIN_INTERVAL_UNITS (10) units on
    assert rows.loc[rows["n"] < 10, "alpha_lo"].isna().all()
    html = paths["html"].read_text("utf-8")
    assert "n\u00a0&lt;\u00a010*" in html and "interval not informative" in html


def test_zero_width_interval_is_not_shown_as_an_interval() -> None:
    frame = pd.DataFrame({"statistic": ["a", "b"], "value": [0.8, 0.5], "ci_low": [0.8, 0.3],
                          "ci_high": [0.8, 0.7], "n_units": [30, 30],
                          "ci_informative": ["no", "yes"]})
    text = table_html(Table("t", "T", frame))
    assert "[0.800, 0.800]" not in text and "–*" in text and "[0.300, 0.700]" in text
    assert "interval not informative" in text


def test_xlsx_sheet_names_are_whole_words_and_unique(demo_doc) -> None:
    doc, paths = demo_doc
    names = openpyxl.load_workbook(paths["xlsx"], read_only=True).sheetnames
    assert len(names) == len(set(names)) == len(doc.tables())
    assert all(len(n) <= 31 for n in names)
    assert "demo-judge by_criterion" in names
    used: set[str] = set()
    long = "judge[gpt-4o-mini-2024-07-18 healthbench grader].by_criterion"
    first, second = _sheet_name(long, used), _sheet_name(long, used)
    assert first == "gpt-4o-mini-2024 by_criterion" and second == "gpt-4o-mini-2024 by_criterion 2"
    run = "gpt-4o-mini-2024-07-18 healthbench grader"
    cut = first.split(" ")[0]
    assert run.startswith(cut) and run[len(cut)] in " -_"  # cut where a word ends


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfimages") is None,
                    reason="poppler-utils not installed")
def test_pdf_keeps_figure_headings_with_their_figures(demo_doc) -> None:
    doc, paths = demo_doc
    pages = _pages(paths["pdf"])
    listing = subprocess.run(["pdfimages", "-list", str(paths["pdf"])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    image_pages = [int(line.split()[0]) for line in listing if line.split()[2] == "image"]
    figures = doc.figures()
    assert len(image_pages) == len(figures)
    for fig, page in zip(figures, image_pages, strict=True):
        assert fig.title[:30] in " ".join(pages[page - 1].split()), f"{fig.title!r} not on page {page}"
    for page in pages[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        titles = [t.title for t in doc.tables()] + [s.title for s in doc.sections]
        assert lines and lines[-1] not in titles, f"heading {lines[-1]!r} ends a page"


def _doc_words(doc: ReportDocument) -> set[str]:
    """Every word (3+ ASCII letters) the document holds: titles, texts, column names, cells."""
    parts = [doc.title, doc.subtitle, NOT_INFORMATIVE_NOTE]
    for section in doc.sections:
        parts += [section.title, section.text, *(f.title for f in section.figures), *(f.note for f in section.figures)]
    for table in doc.tables():
        parts += [table.title, table.note, *(str(c).replace("_", " ") for c in table.frame.columns)]
        for col in table.frame.columns:
            parts += [str(v) for v in table.frame[col].head(table.display_rows)]
    parts.append("more rows in the CSV XLSX export No data for this table yet")
    return set(re.findall(r"[A-Za-z]{3,}", unicodedata.normalize("NFKC", " ".join(parts))))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_wraps_words_whole(demo_doc) -> None:
    """A word broken inside (e.g. "emergen" / "cy" in a narrow criterion-text column) leaves pieces
    that are no word of the document."""
    doc, paths = demo_doc
    text = unicodedata.normalize("NFKC", "\n".join(_pages(paths["pdf"])))
    known = _doc_words(doc)
    pieces = sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in known})
    assert not pieces, f"words broken across lines: {pieces[:20]}"


def test_pdf_tables_let_long_identifiers_wrap_and_html_keeps_them_whole() -> None:
    """A HealthBench category id has no space; in the PDF (columns cannot scroll) it may wrap after
    '_', ':' and '/', while the HTML report keeps the text exactly as stored."""
    from reviewer.reports.document import Table
    from reviewer.reports.writers import table_html

    name = "cluster:emergency_referrals_emergent_emergency_behavior"
    table = Table("t", "By category", pd.DataFrame({"category": [name], "value": [0.5]}))
    assert f"<td class=\"text\">{name}</td>" in table_html(table)
    pdf_cell = table_html(table, breakable=True)
    assert "cluster:\u200bemergency_\u200breferrals_\u200bemergent_\u200bemergency_\u200bbehavior" in pdf_cell
    assert "0.500" in pdf_cell and "\u200b" not in pdf_cell.split(name[:3])[0]


def test_summary_percentile_counts_the_physicians_it_ranks(demo_template: Path, tmp_path: Path) -> None:
    """The percentile ranks only physicians with more than --min-physician-labels labels; the
    summary's n is that number, not every physician's (a cut above every physician's count ranks
    none; a cut of 0 ranks every physician who labelled)."""
    from reviewer.store import open_store

    store = open_store(copy_database(demo_template, tmp_path / "demo.db"))
    try:
        for cut in (10**6, 0):
            result = analyze_study(store, n_boot=0, min_physician_labels=cut)
            summary = next(t for t in build_agreement_report(result).tables() if t.name == "summary").frame
            for j in result.judges:
                row = summary[(summary["scope"] == f"judge {j.judge_run}")
                              & (summary["statistic"] == "percentile_among_physicians")].iloc[0]
                labels = j.healthbench.meta.overall
                assert row["n"] == labels.n_physicians_kept
                if cut:
                    assert row["n"] == 0 < len(j.healthbench.physicians)
                else:
                    assert 0 < row["n"] <= len(j.healthbench.physicians)
    finally:
        store.close()
