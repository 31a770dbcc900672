"""The agreement analysis carries the before / after figures of edited criteria (issue 18): the
same numbers as ``reviewer compare --before-after``, in ``reviewer agreement --json`` under
``before_after`` and in a report section "Before and after checklist edits" (HTML and CSV); a
study without a reworded criterion has no such section."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd

from reviewer.agreement.service import analyze_study
from reviewer.checklists.before_after import before_after
from reviewer.cli.main import main
from reviewer.reports.agreement_report import build_agreement_report
from reviewer.reports.writers import write_report
from tests.support.before_after import CASE, NEW_TEXT, OLD_TEXT, build_rated_study
from tests.support.refinement import build_small_study

SECTION = "Before and after checklist edits"


def test_analysis_report_and_json_carry_the_before_after_figures(store, db_path, tmp_path: Path,  # noqa: ANN001
                                                                 capsys) -> None:  # noqa: ANN001
    ids = build_rated_study(store)
    result = analyze_study(store, n_boot=100, seed=2)
    with store.Session() as s:
        direct = before_after(s, ids["study"], n_boot=100, seed=2)
    assert result.before_after == direct and len(direct.rows) == 1

    doc = build_agreement_report(result)
    section = next(sec for sec in doc.sections if sec.title == SECTION)
    phys, judges = (t.frame for t in section.tables)
    assert [t.name for t in section.tables] == ["before_after", "before_after.judges"]
    old, new = direct.rows[0].old, direct.rows[0].new
    assert phys[["side", "versions", "n", "n_ratings", "n_raters"]].values.tolist() == [
        ["before", "v1", 12, 35, 3], ["after", "v2", 11, 23, 2]]
    assert phys["alpha"].tolist() == [round(old.alpha, 4), round(new.alpha, 4)]
    assert phys["agreement_lo"].tolist() == [round(old.percent_agreement_ci[0], 4),
                                             round(new.percent_agreement_ci[0], 4)]
    assert phys["alpha_informative"].tolist() == ["yes", "yes"]  # marked like every report interval
    assert judges[["side", "versions", "judge_run", "n"]].values.tolist() == [
        ["before", "v1", "j1", 12], ["after", "v2", "j2", 10]]
    assert judges["kappa"].tolist() == [round(j.kappa, 4) for j in (old.judges[0], new.judges[0])]
    assert set(result.tables()) >= {"before_after", "before_after.judges"}

    paths = {ext: write_report(doc, tmp_path / f"report.{ext}") for ext in ("html", "csv")}
    page = html.unescape(paths["html"].read_text("utf-8"))
    part = page[page.index(f"<h2>{SECTION}</h2>"):]
    part = part[:part.index("<h2>", 5)]
    assert OLD_TEXT in part and NEW_TEXT in part
    cells = re.findall(r"<td[^>]*>(.*?)</td>", part)
    assert ["before", "v1", OLD_TEXT, "12", "35", "3", f"{old.alpha:.3f}"] == cells[2:9]
    assert f"[{old.alpha_ci[0]:.3f}, {old.alpha_ci[1]:.3f}]" in cells
    csv = pd.read_csv(paths["csv"])
    assert csv[csv["table"] == "before_after"]["n_ratings"].tolist() == [35, 23]

    assert main(["--db", str(db_path), "agreement", "--bootstrap", "100", "--seed", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["before_after"] == json.loads(json.dumps(direct.to_dict()))
    assert data["before_after"]["criteria"][0]["case"] == CASE


def test_one_judge_run_analysed_shows_that_run_on_both_wordings(store) -> None:  # noqa: ANN001
    build_rated_study(store)
    result = analyze_study(store, judge_run="j2", n_boot=0)
    row = result.before_after.rows[0]
    assert [(j.judge_run, j.n) for j in row.old.judges] == [("j2", 0)]
    assert [(j.judge_run, j.n) for j in row.new.judges] == [("j2", 10)]


def test_no_edited_criterion_no_section(store) -> None:  # noqa: ANN001
    build_small_study(store)
    result = analyze_study(store, n_boot=0)
    assert result.before_after is not None and result.before_after.rows == ()
    assert result.to_dict()["before_after"]["criteria"] == []
    assert SECTION not in [sec.title for sec in build_agreement_report(result).sections]
    assert "before_after" not in result.tables()
