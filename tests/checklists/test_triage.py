"""Triage: per-criterion agreement figures, ranking, and the disagreement drill-down."""

from __future__ import annotations

import json

import krippendorff
import numpy as np
import pytest

from reviewer.checklists.triage import disagreements, judge_disagreement, triage
from reviewer.checklists.trouble import majority, trouble_score
from reviewer.checklists.versions import ChangeCriterion, edit_checklist
from reviewer.stats import compute, from_wide
from reviewer.stats.grouped import Grouping, agreement_by_group
from tests.support.refinement import CASES, build_small_study


def _kripp(matrix: list[list[object]]) -> float:
    """Independent value: the krippendorff package (raters x units, nominal)."""
    cats = sorted({v for row in matrix for v in row if v is not None})
    data = np.array([[np.nan if v is None else cats.index(v) for v in row] for row in matrix], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _grouped(mats: list[np.ndarray], cats: list[str], n_boot: int) -> dict:
    """Every matrix (units x raters of category words, None = missing) as one group."""
    width = max(m.shape[1] for m in mats)
    codes = np.full((sum(len(m) for m in mats), width), np.nan)
    row = 0
    for m in mats:
        for (i, j), v in np.ndenumerate(m):
            if v is not None:
                codes[row + i, j] = cats.index(v)
        row += len(m)
    group = np.repeat(np.arange(len(mats)), [len(m) for m in mats])
    return agreement_by_group(codes, len(cats), Grouping.of(group), ("krippendorff_alpha", "percent_agreement"),
                              n_boot=n_boot, seed=0)


def test_batched_alpha_matches_agreement_engine_and_krippendorff():
    """The grouped engine triage uses (reviewer.stats.grouped), with not applicable as a third
    nominal category here, against one engine call per matrix and the krippendorff package."""
    rng = np.random.default_rng(3)
    cats = ["met", "not_met", "na"]
    mats = []
    for _ in range(30):
        raters, units = int(rng.integers(2, 5)), int(rng.integers(2, 9))
        m = np.where(rng.random((units, raters)) < 0.2, None,
                     np.array(cats, dtype=object)[rng.integers(0, 3, (units, raters))])
        mats.append(m)
    got = _grouped(mats, cats, n_boot=0)
    for m, a, p in zip(mats, got["krippendorff_alpha"], got["percent_agreement"], strict=True):
        engine = compute(from_wide(m), "krippendorff_alpha").value
        if not np.isfinite(a.value):
            assert not np.isfinite(engine)
            continue
        assert a.value == pytest.approx(engine, abs=1e-9)
        assert a.value == pytest.approx(_kripp([list(col) for col in m.T]), abs=1e-9)
        assert p.value == pytest.approx(compute(from_wide(m), "percent_agreement").value, abs=1e-9)
    # the batched bootstrap gives each statistic its own interval around its own value
    boot = _grouped(mats, cats, n_boot=300)["krippendorff_alpha"]
    for a, b in zip(got["krippendorff_alpha"], boot, strict=True):
        if np.isfinite(a.value):  # an interval wherever alpha is defined, holding its value
            assert b.ci is not None and b.ci[0] <= b.value <= b.ci[1] and b.value == a.value


def test_small_helpers():
    assert majority(["met", "met", "not_met"]) == "met" and majority(["met", "not_met"]) is None
    assert majority(["na", "na", "met"]) == "met" and majority(["na"]) is None  # n.a. is no vote
    pair = from_wide(np.array([["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]], dtype=object))
    assert compute(pair, "cohen_kappa").value == pytest.approx(0.5)
    # the judge differs from the majority on one answer of four
    args = (np.array([0.0, 1, 1, 1]), np.ones(4), np.zeros(4, int), np.arange(4), 1)
    fig = judge_disagreement(*args, n_boot=500, seed=0, min_units=1)[0]
    assert fig.value == 0.25 and fig.n_units == 4 and fig.ci[0] == 0.0 and 0.5 <= fig.ci[1] <= 1.0
    # four units are below MIN_INTERVAL_UNITS: by default the figure carries no interval
    fig = judge_disagreement(*args, n_boot=500, seed=0)[0]
    assert fig.value == 0.25 and fig.ci is None and fig.n_boot == 0
    assert trouble_score(None, 1.0, 4, 0.0, 4, 0) == 0.0
    assert trouble_score(-0.2, 0.3, 20, 1.0, 20, 6) > trouble_score(-0.2, 0.3, 2, 1.0, 2, 6)


def test_triage_ranks_the_troublemaker_first(store):
    build_small_study(store)
    with store.begin() as s:
        rows = triage(s, "small", n_boot=200)
    assert [r.key for r in rows[:2]] == ["hb-2", "med-3"]
    worst = rows[0]
    assert worst.case == "hb-case" and worst.text == "Mentions aspirin appropriately."
    assert worst.n_rr == 4 and worst.n_jr == 4 and worst.judge_disagreement == 1.0
    assert worst.feedback == 2 and worst.feedback_kinds == {"unclear": 1, "wrong": 1}
    values = [[v[1] for v in ratings.values()] for ratings in CASES[0]["ratings"]]
    matrix = [[values[u][r] for u in range(4)] for r in range(3)]
    assert worst.alpha == pytest.approx(_kripp(matrix))
    assert worst.percent_agreement == pytest.approx(1 / 3)
    # 4 units: below MIN_INTERVAL_UNITS, so no interval (one from 4 responses would say nothing)
    assert worst.alpha_ci is None and worst.judge_disagreement_ci is None
    hb1 = next(r for r in rows if r.key == "hb-1")
    assert hb1.alpha == 1.0 and hb1.percent_agreement == 1.0 and hb1.trouble == 0.0
    json.dumps([r.to_dict() for r in rows])  # JSON-ready


def test_disagreements_side_by_side(store):
    build_small_study(store)
    with store.begin() as s:
        rep = disagreements(s, "hb-2", "hb-case")
    assert rep.version == 1 and rep.judge_run == "judge-v1" and len(rep.rows) == 4
    first = rep.rows[0]
    assert first.blind_label == "A" and first.rater_values == {"phys-a": "met", "phys-b": "not_met",
                                                               "phys-c": "met"}
    assert first.majority == "met" and first.judge == "not_met" and first.judge_disagrees
    assert {n.kind for n in rep.general_notes} == {"unclear", "wrong"}
    with store.begin() as s:
        assert disagreements(s, "hb-1", "hb-case").rows == ()


def test_edit_keeps_triage_on_the_rated_wording(store):
    build_small_study(store)
    with store.begin() as s:
        edit_checklist(s, "hb-case", author="c", reason="r",
                       edits=[ChangeCriterion("hb-2", text="Advises chewing aspirin unless allergic.")])
    with store.begin() as s:
        row = next(r for r in triage(s, "small", n_boot=0) if r.key == "hb-2")
        assert row.version == 1 and row.latest_version == 2 and row.edited_since
        assert row.text == "Mentions aspirin appropriately."


def _second_run(store, name="judge-v2"):
    """After rewording hb-2, an imported judge run on version 2 that now matches the physicians."""
    from sqlalchemy import select

    from reviewer.checklists.versions import latest_checklist
    from reviewer.store.models import JudgeRun, JudgeVerdict, Response

    with store.begin() as s:
        edit_checklist(s, "hb-case", author="c", reason="reword",
                       edits=[ChangeCriterion("hb-2", text="Advises chewing aspirin unless allergic.")])
        cv = latest_checklist(s, "hb-case")
        run = JudgeRun(study_id=cv.case.study_id, name=name, judge_model="hand-made", mode="imported",
                       status="done")
        s.add(run)
        s.flush()
        responses = s.scalars(select(Response).where(Response.case_id == cv.case_id).order_by(Response.id)).all()
        judge = [[True, True, False], [False, False, True], [True, False, False], [True, True, False]]
        for resp, row in zip(responses, judge, strict=True):
            for c, met in zip(sorted(cv.criteria, key=lambda c: c.position), row, strict=True):
                s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=c.id, met=met,
                                   parse_status="imported"))


def test_compare_versions_names_both_and_shows_the_gain(store):
    from reviewer.checklists.refinement import NEEDS_RATINGS, compare_runs, compare_versions

    build_small_study(store)
    _second_run(store)
    table = compare_versions(store, "hb-case", 1, 2, "judge-v1", "judge-v2")
    assert table.title == "case hb-case: checklist v1 vs v2" and table.old_label == "v1"
    row = {r.key: r for r in table.rows}["hb-2"]
    assert row.change == "changed" and row.n == 4
    assert row.old.agreement == 0.0 and row.new.agreement == 1.0 and row.new.kappa == pytest.approx(1.0)
    assert row.old.kappa == pytest.approx(-1.0)
    assert row.rater_alpha_old is not None and row.rater_alpha_new is None and row.rater_note == NEEDS_RATINGS
    assert {r.key: r.change for r in table.rows} == {"hb-1": "same", "hb-2": "changed", "hb-3": "same"}
    assert table.overall.n == 12 and table.overall.new.agreement == 1.0
    assert table.overall.old.agreement == pytest.approx(8 / 12)
    runs = compare_runs(store, "judge-v1", "judge-v2", study="small")
    assert runs.overall.n == 12 and runs.overall.old.agreement == pytest.approx(8 / 12)


def test_triage_and_compare_commands(store, db_path, capsys):
    from reviewer.cli.main import main

    build_small_study(store)
    db = ["--db", str(db_path)]
    assert main([*db, "triage", "--limit", "2", "--boot", "100"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "judge run: judge-v1" in out[0] and "hb-2" in out[2] and "hb-case" in out[2] and "med-3" in out[3]
    assert main([*db, "triage", "--json", "--boot", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["key"] == "hb-2" and rows[0]["n_rr"] == 4 and rows[0]["feedback"] == 2
    assert rows[0]["alpha_ci"] is None and len(rows) == 6  # 4 units: no interval
    assert main([*db, "triage", "--case", "hb-case", "--criterion", "hb-2"]) == 0
    out = capsys.readouterr().out
    assert "phys-b=not_met" in out and "majority=met; judge=not_met" in out
    assert "note (unclear) by phys-b: Which dose counts as appropriate?" in out
    _second_run(store)
    assert main([*db, "compare", "hb-case", "--old-run", "judge-v1", "--new-run", "judge-v2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("case hb-case: checklist v1 vs v2") and "now: Advises chewing aspirin" in out
    # the physicians' figures follow the judges', with n: hb-2 was reworded and nobody re-rated it yet
    assert "case hb-case / hb-2: v1 -> v2" in out and "needs new ratings: reviewer checklist rerate hb-case" in out
    assert main([*db, "compare", "hb-case", "--old-run", "judge-v1", "--new-run", "judge-v2", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["old_label"] == "v1" and table["new_label"] == "v2" and table["overall"]["n"] == 12
    edited = table["before_after"]["criteria"]
    assert [(c["key"], c["old"]["n_answers"], c["new"]["n_ratings"]) for c in edited] == [("hb-2", 4, 0)]
    assert {j["judge_run"] for j in edited[0]["old"]["judges"]} == {"judge-v1", "judge-v2"}
    assert main([*db, "compare", "--old-run", "judge-v1", "--new-run", "judge-v2"]) == 0
    assert capsys.readouterr().out.startswith("judge template judge-v1 vs judge-v2")
