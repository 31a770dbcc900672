"""The agreement report's "Against the gold labels" section (issue 18): the demo study with gold
labels from auto_majority plus one person's decision; the numbers equal ``result.vs_gold``, the CSV
holds the rows, the HTML the heading; a study without gold labels has no such section."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from reviewer.adjudication.decisions import auto_majority, record_gold
from reviewer.agreement.service import analyze_study
from reviewer.reports.agreement_report import build_agreement_report
from reviewer.reports.writers import write_report
from reviewer.store.models import MET, NOT_MET, Case, Criterion, GoldLabel, Response
from tests.support.db import copy_database

HEADING = "Against the gold labels"


@pytest.fixture(scope="module")
def gold_report(tmp_path_factory: pytest.TempPathFactory, demo_template: Path):
    from reviewer.store import open_store

    folder = tmp_path_factory.mktemp("gold-report")
    store = open_store(copy_database(demo_template, folder / "demo.db"))
    with store.begin() as s:
        auto_majority(s, 2, author="auto")
    with store.begin() as s:  # one person's decision, against the majority
        label, resp_uid, case_uid, key = s.execute(
            select(GoldLabel, Response.uid, Case.external_id, Criterion.key)
            .join(Response, Response.id == GoldLabel.response_id).join(Case, Case.id == Response.case_id)
            .join(Criterion, Criterion.id == GoldLabel.criterion_id)
            .where(GoldLabel.value.in_([MET, NOT_MET])).order_by(GoldLabel.id)).first()
        record_gold(s, case_uid, resp_uid, key, NOT_MET if label.value == MET else MET,
                    reason="Read again: the answer says otherwise.", author="dr-lead")
    result = analyze_study(store, n_boot=60, seed=1)
    doc = build_agreement_report(result)
    paths = {ext: write_report(doc, folder / f"report.{ext}") for ext in ("html", "csv", "pdf", "xlsx")}
    yield store, result, doc, paths
    store.close()


def _section(doc):  # noqa: ANN001, ANN202
    return next(s for s in doc.sections if s.title == HEADING)


def test_gold_section_equals_vs_gold(gold_report) -> None:
    _store, result, doc, _paths = gold_report
    assert len(result.vs_gold) >= 2
    section = _section(doc)
    table = section.tables[0].frame
    assert table["accuracy"].is_monotonic_increasing  # worst first
    by_grader = table.set_index("grader")
    for e in result.vs_gold:
        name = f"judge:{e['judge_run']}" if "judge_run" in e else e["rater"]
        row = by_grader.loc[name]
        assert row["n"] == e["n"] and row["n_cases"] == e["n_cases"]
        for stat, col in (("accuracy", "accuracy"), ("macro_f1", "macro_f1"), ("cohen_kappa", "kappa")):
            assert row[col] == pytest.approx(e[stat]["value"], abs=5e-5)
            assert [row[f"{col}_lo"], row[f"{col}_hi"]] == pytest.approx(e[stat]["ci"], abs=5e-5)
            assert row[f"{col}_informative"] in ("yes", "no")  # marked as the other tables
    counts = result.gold_counts
    assert counts["manual"] == 1 and counts["majority"] == counts["labels"] - 1 > 0
    assert section.text.startswith(f"{counts['labels']} gold labels (met / not met): 1 decided by a person, "
                                   f"{counts['majority']} by majority vote.")
    assert [f.name for f in section.figures] == ["vs_gold_accuracy"]
    assert section.figures[0].png.startswith(b"\x89PNG")


def test_gold_rows_in_csv_and_xlsx_and_heading_in_html(gold_report) -> None:
    _store, result, _doc, paths = gold_report
    csv = pd.read_csv(paths["csv"])
    rows = csv[csv["table"] == "vs_gold"]
    assert len(rows) == len(result.vs_gold)
    got = dict(zip(rows["grader"], rows["accuracy"], strict=True))
    for e in result.vs_gold:
        name = f"judge:{e['judge_run']}" if "judge_run" in e else e["rater"]
        assert got[name] == pytest.approx(e["accuracy"]["value"], abs=5e-5)
    text = paths["html"].read_text(encoding="utf-8")
    assert f"<h2>{HEADING}</h2>" in text
    assert "Accuracy against the gold labels with 95% interval" in text
    assert paths["pdf"].stat().st_size > 0
    sheet = pd.read_excel(paths["xlsx"], sheet_name="vs_gold")
    assert sorted(sheet["grader"]) == sorted(got)


def test_no_gold_no_section(tmp_path: Path, demo_template: Path) -> None:
    from reviewer.store import open_store

    store = open_store(copy_database(demo_template, tmp_path / "demo.db"))
    try:
        result = analyze_study(store, n_boot=20, seed=1)
    finally:
        store.close()
    assert result.vs_gold == [] and result.gold_counts == {}
    doc = build_agreement_report(result)
    assert HEADING not in [s.title for s in doc.sections]
    assert "vs_gold" not in {t.name for t in doc.tables()}
