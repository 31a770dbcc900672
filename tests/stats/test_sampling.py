"""Stratification by judge uncertainty and Neyman allocation: exact integer optimum, floors, draws."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from reviewer.stats.sampling import (
    Design,
    draw_within_strata,
    next_batch,
    neyman_allocation,
    plan_estimate,
    pooled_sd,
    separates,
    strata_from_scores,
)


def test_strata_are_equal_count_score_groups_and_unscored_items_stand_apart() -> None:
    scores = np.array([0.1, 0.4, 0.2, np.nan, 0.3, 0.0, 0.5, np.nan])
    strata = strata_from_scores(scores, 3)
    finite = ~np.isnan(scores)
    assert set(strata[~finite]) == {3}
    assert np.bincount(strata[finite]).tolist() == [2, 2, 2]
    order = np.argsort(scores[finite])
    assert (np.diff(strata[finite][order]) >= 0).all()  # more unsure, higher stratum
    ties = strata_from_scores(np.array([0.2, 0.2, 0.2, 0.2, 0.4]), 2)
    assert len(set(ties[:4])) == 1  # tied scores never split


def test_neyman_allocation_is_the_exact_integer_optimum() -> None:
    sizes, sds = [300, 500, 200], [0.05, 0.2, 0.45]
    alloc = neyman_allocation(sizes, sds, [0, 0, 0], 30, min_per_stratum=1, floor_share=0.0)

    def variance(n: tuple[int, ...]) -> float:
        return sum(N * N * s * s / k for N, s, k in zip(sizes, sds, n, strict=True))

    best = min((n for n in itertools.product(range(1, 29), repeat=3) if sum(n) == 30), key=variance)
    assert tuple(alloc) == best
    continuous = 30 * np.multiply(sizes, sds) / np.dot(sizes, sds)
    assert np.abs(alloc - continuous).max() < 1.0  # Neyman's n_h ∝ N_h S_h, rounded


def test_rounds_add_to_what_was_taken_and_respect_the_floors() -> None:
    sizes, sds = [1000, 1000, 1000], [0.02, 0.1, 0.4]
    first = neyman_allocation(sizes, sds, [0, 0, 0], 10, floor_share=0.0)
    assert first.sum() == 10 and (first >= 2).all()
    second = neyman_allocation(sizes, sds, first, 30, floor_share=0.5)
    total = first + second
    assert second.sum() == 30 and (second >= 0).all()
    assert (total >= np.ceil(0.5 * 40 / 3)).all()  # at least half the proportional share
    assert total[2] > total[1] >= total[0]
    capped = neyman_allocation([3, 1000], [0.5, 0.01], [0, 0], 50, floor_share=0.0)
    assert capped[0] == 3 and capped.sum() == 50  # never more than a stratum holds


def test_draws_are_uniform_inside_a_stratum_and_never_repeat_an_item() -> None:
    strata = np.repeat([0, 1], [10, 90])
    available = np.ones(100, dtype=bool)
    available[:5] = False
    hits = np.zeros(100)
    rng = np.random.default_rng(0)
    for _ in range(2000):
        picked = draw_within_strata(strata, available, [2, 3], rng)
        assert len(set(picked)) == 5 and available[picked].all()
        hits[picked] += 1
    assert hits[5:10] / 2000 == pytest.approx(np.full(5, 2 / 5), abs=0.04)
    assert hits[10:] / 2000 == pytest.approx(np.full(90, 3 / 90), abs=0.02)
    with pytest.raises(ValueError, match="stratum 0 has 5 items left"):
        draw_within_strata(strata, available, [6, 0], rng)


def test_the_prior_counts_as_a_few_ratings() -> None:
    assert pooled_sd(0.3, None, 0) == 0.3
    assert pooled_sd(0.3, 0.0, 9, prior_weight=8) == pytest.approx(np.sqrt(8 * 0.09 / 16))
    assert pooled_sd(0.3, 0.04, 1000) == pytest.approx(0.2, abs=0.005)


def test_next_batch_favours_the_unsure_strata_and_the_guard_widens_a_spreadless_sample() -> None:
    rng = np.random.default_rng(1)
    score = rng.random(3000) * 0.5
    design = Design.by_score(score, 3, score)
    chosen = np.zeros(3000, dtype=bool)
    feats = np.tile([5.0, 0.0, 0.0, 5.0], (3000, 1))  # the judge agrees on everything rated
    for _ in range(3):
        chosen[next_batch(design, chosen, 20, rng, rated_features=feats[chosen])] = True
    counts = np.bincount(design.strata[chosen])
    assert counts.sum() == 60 and counts[2] > counts[0]
    rated = np.flatnonzero(chosen)
    est = plan_estimate(design, rated, feats[rated], "agreement_rate", n_boot=200)
    assert est.value == 1.0
    assert est.details["se_observed"] == 0.0 and est.details["se_pooled"] > 0.02
    assert est.ci[0] < 0.95  # no spread seen, but the judge's own doubt keeps the interval open


def test_strata_that_do_not_separate_the_errors_fall_back_to_proportional_allocation() -> None:
    score = np.repeat([0.05, 0.45], 500)
    design = Design.by_score(score, 2, score)
    rng = np.random.default_rng(2)
    chosen = np.zeros(1000, dtype=bool)
    chosen[np.r_[0:6, 500:530]] = True
    rated = np.flatnonzero(chosen)
    varied = np.where((rated % 2 == 0)[:, None], [[5.0, 0.0, 0.0, 5.0]], [[1.0, 4.0, 4.0, 1.0]])  # 40% off
    separated = np.where((rated >= 500)[:, None], varied, [[5.0, 0.0, 0.0, 5.0]])
    assert separates(design, rated, separated)[0]
    steered = np.bincount(design.strata[next_batch(design, chosen, 40, rng, rated_features=separated)], minlength=2)
    assert steered[0] >= 13 and steered[1] > steered[0]  # stratum 0 to half its proportional share (19), then Neyman
    flat = varied  # as much disagreement where the judge is sure
    ok, words = separates(design, rated, flat)
    assert not ok and "40% of criteria where it is surest (stratum 0)" in words
    fallback = np.bincount(design.strata[next_batch(design, chosen, 40, rng, rated_features=flat)], minlength=2)
    assert (fallback + [6, 30]).tolist() == [38, 38]  # proportional: half of the 76 chosen in each


def test_the_unscored_stratum_takes_no_part_in_the_separation_check() -> None:
    score = np.r_[np.full(500, 0.05), np.full(500, 0.45), np.full(100, np.nan)]
    design = Design.by_score(score, 2, score)
    assert design.n_strata == 3 and np.isnan(design.error[2]) and design.prior[2] > design.prior[1]
    rated = np.r_[0:10, 500:510, 1000:1010]
    feats = np.repeat([[4.5, 0.5, 0.5, 4.5], [3.0, 2.0, 2.0, 3.0], [4.5, 0.5, 0.5, 4.5]], 10, axis=0)
    ok, words = separates(design, rated, feats)  # 10% off where sure, 40% where unsure, 10% unscored
    assert ok and "10% of criteria where it is surest (stratum 0) and 40% where it is least sure (stratum 1)" in words
