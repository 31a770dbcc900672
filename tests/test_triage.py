"""Triage: per-criterion agreement figures, ranking, and the disagreement drill-down."""

from __future__ import annotations

import json

import krippendorff
import numpy as np
import pytest
from helpers_refinement import CASES, build_small_study

from reviewer.checklists import ChangeCriterion, edit_checklist
from reviewer.triage import disagreements, triage
from reviewer.triage_stats import cohen_kappa, majority, share, trouble_score


def _kripp(matrix: list[list[object]]) -> float:
    """Independent value: the krippendorff package (raters x units, nominal)."""
    cats = sorted({v for row in matrix for v in row if v is not None})
    data = np.array([[np.nan if v is None else cats.index(v) for v in row] for row in matrix], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def test_small_helpers():
    assert majority(["met", "met", "not_met"]) == "met" and majority(["met", "not_met"]) is None
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == pytest.approx(0.5)
    fig = share([True, False, False, False], n_boot=500)
    assert fig.value == 0.25 and fig.n == 4 and fig.ci[0] == 0.0 and 0.5 <= fig.ci[1] <= 1.0
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
    assert worst.alpha_ci is not None and worst.judge_disagreement_ci == (1.0, 1.0)
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
