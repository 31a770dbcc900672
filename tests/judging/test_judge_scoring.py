"""HealthBench and LLMEval-Med scoring against hand-worked examples and an independent bootstrap."""

from __future__ import annotations

import numpy as np
import pytest

from reviewer.stats.rubric import (
    GradedAnswer,
    GradedCriterion,
    answer_score,
    clipped_mean_estimate,
    criterion_tag_scores,
    healthbench_summary,
    leaderboard,
    llmeval_summary,
)

G = GradedCriterion
# Hand-worked: (5 - 2) / (5 + 3) = 0.375
A = (G(5, True, ("axis:accuracy",)), G(3, False, ("axis:completeness",)), G(-2, True, ("axis:accuracy",)))
# Only a negative criterion met: -6 / 4 = -1.5 (a negative answer score is allowed)
B = (G(4, False, ("axis:completeness",)), G(-6, True, ("axis:accuracy",)))
C = (G(2, True), G(2, True))


def test_answer_scores_by_hand() -> None:
    assert answer_score(A) == pytest.approx(0.375)
    assert answer_score(B) == pytest.approx(-1.5)
    assert answer_score(C) == pytest.approx(1.0)
    assert answer_score((G(-3, True),)) is None  # no positive points: undefined, not zero


def test_fractional_met_counts_partly() -> None:
    assert answer_score((G(4, 0.5), G(4, 1.0))) == pytest.approx(0.75)


def test_tag_scores_by_hand() -> None:
    tags = criterion_tag_scores(A)
    assert tags["axis:accuracy"] == pytest.approx((5 - 2) / 5)
    assert tags["axis:completeness"] == pytest.approx(0.0)
    # B: accuracy has no positive points there, so no accuracy score for B
    assert "axis:accuracy" not in criterion_tag_scores(B)


def test_overall_is_clipped_mean() -> None:
    summary = healthbench_summary([GradedAnswer(A), GradedAnswer(B), GradedAnswer(C)])
    # mean(0.375, -1.5, 1.0) = -0.0417 -> clipped to 0
    assert summary["overall"].value == 0.0
    assert summary["overall"].n == 3
    summary = healthbench_summary([GradedAnswer(A), GradedAnswer(C, ("theme:hedging",))])
    assert summary["overall"].value == pytest.approx((0.375 + 1.0) / 2)
    assert summary["tags"]["theme:hedging"].value == pytest.approx(1.0)
    assert summary["tags"]["axis:accuracy"].value == pytest.approx(0.6)


def _simple_evals_bootstrap_std(values: list[float], n: int, seed: int) -> float:
    """The loop simple-evals runs (np.random.choice resamples, np.std of clipped means)."""
    rng = np.random.RandomState(seed)
    means = [np.clip(np.mean(rng.choice(values, len(values))), 0, 1) for _ in range(n)]
    return float(np.std(means))


def test_bootstrap_std_matches_independent_loop() -> None:
    values = list(np.random.default_rng(3).normal(0.5, 0.2, size=60))
    ours = clipped_mean_estimate(values, n_boot=4000, seed=1)
    theirs = _simple_evals_bootstrap_std(values, 4000, seed=2)
    analytic = np.std(values) / np.sqrt(len(values))
    assert ours.std == pytest.approx(theirs, rel=0.08)
    assert ours.std == pytest.approx(analytic, rel=0.08)
    assert ours.ci_low < ours.value < ours.ci_high


def test_llmeval_mean_and_share() -> None:
    summary = llmeval_summary([5, 4, 3, 2, 4])
    assert summary["mean"].value == pytest.approx(3.6)
    assert summary["share_ge4"].value == pytest.approx(0.6)


def test_leaderboard_orders_models_and_reports_exclusions() -> None:
    rows = leaderboard({"m1": [0.2, 0.4], "m2": [0.9, 0.7, 0.8]}, "healthbench", excluded={"m1": 1})
    assert [r.model for r in rows] == ["m2", "m1"]
    assert rows[0].score.value == pytest.approx(0.8)
    assert rows[1].n_excluded == 1
    rows = leaderboard({"a": [5, 5, 3], "b": [2, 4]}, "llmeval")
    assert rows[0].model == "a" and rows[0].share_good.value == pytest.approx(2 / 3)
    assert rows[0].as_dict()["share_ge4"] == pytest.approx(2 / 3)
