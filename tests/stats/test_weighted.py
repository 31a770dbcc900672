"""Weighted (stratified) judge-physician statistics: formulas against independent implementations,
unbiasedness under a prioritised sample, and the Rao-Wu bootstrap against the textbook variance."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score

from reviewer.stats.healthbench import pair_counts
from reviewer.stats.weighted import (
    effective_df,
    expanded_level,
    item_weights,
    rao_wu_totals,
    stratified_estimate,
    unweighted_estimate,
    weighted_totals,
)


def _labels(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    judge = (rng.random(n) < 0.6).astype(float)
    phys = np.where(rng.random(n) < 0.25, 1 - judge, judge)
    return judge, phys


def test_one_stratum_of_everything_gives_kappa_f1_and_agreement_of_the_plain_labels() -> None:
    rng = np.random.default_rng(0)
    judge, phys = _labels(rng, 400)
    feats = pair_counts(judge, phys)
    strata = np.zeros(400, dtype=int)
    sizes = np.array([400])
    kappa = stratified_estimate(feats, strata, sizes, "kappa", n_boot=0)
    f1 = stratified_estimate(feats, strata, sizes, "macro_f1", n_boot=0)
    rate = stratified_estimate(feats, strata, sizes, "agreement_rate", n_boot=0)
    assert kappa.value == pytest.approx(cohen_kappa_score(judge, phys), abs=1e-12)
    assert f1.value == pytest.approx(f1_score(phys, judge, average="macro"), abs=1e-12)
    assert rate.value == pytest.approx(float((judge == phys).mean()), abs=1e-12)
    assert 0.3 < kappa.value < 0.7  # a real, imperfect agreement: the comparison means something


def test_weights_are_stratum_size_over_rated_items() -> None:
    strata = np.array([0, 0, 1, 1, 1, 1])
    assert item_weights(strata, np.array([10, 100])).tolist() == [5.0, 5.0, 25.0, 25.0, 25.0, 25.0]
    feats = np.tile(np.array([1.0, 0.0, 0.0, 0.0]), (6, 1))
    assert weighted_totals(feats, strata, np.array([10, 100])).tolist() == [110.0, 0.0, 0.0, 0.0]


def _population(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """1,000 items of 8 criteria in 4 strata; the judge errs far more in the unsure strata."""
    strata = np.repeat(np.arange(4), 250)
    error = np.array([0.02, 0.05, 0.2, 0.45])[strata]
    judge = rng.random((1000, 8)) < 0.6
    phys = np.where(rng.random((1000, 8)) < error[:, None], ~judge, judge)
    feats = np.column_stack([(judge & phys).sum(1), (judge & ~phys).sum(1), (~judge & phys).sum(1),
                             (~judge & ~phys).sum(1)]).astype(float)
    return feats, strata, np.bincount(strata)


def test_weighted_estimate_is_unbiased_where_the_plain_average_of_the_prioritised_sample_is_not() -> None:
    rng = np.random.default_rng(1)
    feats, strata, sizes = _population(rng)
    truth = float((feats[:, 0] + feats[:, 3]).sum() / feats.sum())
    take = [4, 8, 20, 48]  # prioritised: the unsure strata sampled far more
    weighted, plain = [], []
    for _ in range(3000):
        idx = np.concatenate([rng.choice(np.flatnonzero(strata == h), size=k, replace=False)
                              for h, k in enumerate(take)])
        weighted.append(stratified_estimate(feats[idx], strata[idx], sizes, "agreement_rate", n_boot=0).value)
        plain.append(unweighted_estimate(feats[idx], "agreement_rate"))
    w, p = np.asarray(weighted), np.asarray(plain)
    se_w, se_p = w.std(ddof=1) / np.sqrt(w.size), p.std(ddof=1) / np.sqrt(p.size)
    assert abs(w.mean() - truth) < 3 * se_w
    assert truth - p.mean() > 20 * se_p  # the plain average understates agreement by far
    assert truth - p.mean() > 0.05


def test_rao_wu_bootstrap_variance_equals_the_stratified_variance_formula() -> None:
    rng = np.random.default_rng(2)
    feats, strata, sizes = _population(rng)
    idx = np.concatenate([rng.choice(np.flatnonzero(strata == h), size=k, replace=False)
                          for h, k in enumerate([3, 6, 12, 30])])
    f, h = feats[idx], strata[idx]
    boot = rao_wu_totals(f, h, sizes, 40000, np.random.default_rng(3))
    agree = boot[:, 0] + boot[:, 3]
    y = f[:, 0] + f[:, 3]
    formula = sum(sizes[k] ** 2 * y[h == k].var(ddof=1) / (h == k).sum() for k in range(4))
    assert agree.mean() == pytest.approx(weighted_totals(f, h, sizes)[[0, 3]].sum(), rel=0.01)
    assert agree.var() == pytest.approx(formula, rel=0.03)


def test_small_samples_widen_the_interval_to_students_t() -> None:
    assert expanded_level(0.95, np.inf) == 0.95
    assert expanded_level(0.95, 4.0) > 0.99  # t(4) 97.5% quantile 2.776 = the normal's 99.45% one
    feats, strata, sizes = _population(np.random.default_rng(4))
    idx = np.r_[0:3, 250:253, 500:503, 750:753]
    df = effective_df(feats[idx], strata[idx], sizes)
    assert 2.0 <= df <= 8.0  # four strata of three items: at most 4 x 2 degrees of freedom
    wide = stratified_estimate(feats[idx], strata[idx], sizes, "agreement_rate", n_boot=4000)
    plain = stratified_estimate(feats[idx], strata[idx], sizes, "agreement_rate", n_boot=4000, expand=False)
    assert wide.ci[1] - wide.ci[0] > 1.1 * (plain.ci[1] - plain.ci[0])


def test_a_stratum_with_nothing_rated_is_reported_uncovered() -> None:
    feats, strata, sizes = _population(np.random.default_rng(5))
    idx = np.r_[0:10, 250:260]
    est = stratified_estimate(feats[idx], strata[idx], sizes, "agreement_rate", n_boot=200)
    assert est.details["uncovered_items"] == 500
    with pytest.raises(ValueError, match="unknown statistic"):
        stratified_estimate(feats[idx], strata[idx], sizes, "alpha")
