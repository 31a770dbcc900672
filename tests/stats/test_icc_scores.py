"""ICC against Shrout & Fleiss (1979) and pingouin; correlations and Bland-Altman against scipy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from reviewer.stats import compute, from_wide
from reviewer.stats.icc import FORMS
from reviewer.stats.scores import bland_altman, kendall, pearson, spearman

# Shrout & Fleiss (1979) Table 2: 6 targets x 4 judges, and their Table 4 values.
SF_TABLE2 = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]],
                     dtype=float)
SF_PUBLISHED = {"ICC1": 0.17, "ICC2": 0.29, "ICC3": 0.71, "ICC1k": 0.44, "ICC2k": 0.62, "ICC3k": 0.91}
PINGOUIN_NAMES = {"ICC1": "ICC(1,1)", "ICC2": "ICC(A,1)", "ICC3": "ICC(C,1)", "ICC1k": "ICC(1,k)",
                  "ICC2k": "ICC(A,k)", "ICC3k": "ICC(C,k)"}


@pytest.mark.parametrize("form", FORMS)
def test_shrout_fleiss_published(form: str) -> None:
    est = compute(from_wide(SF_TABLE2), "icc", form=form)
    assert round(est.value, 2) == SF_PUBLISHED[form]
    assert est.n_units == 6 and est.n_raters == 4


def test_icc_against_pingouin() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=(30, 1)) + rng.normal(scale=0.7, size=(30, 3)) + np.array([0.0, 0.3, -0.2])
    long = pd.DataFrame([(u, r, x[u, r]) for u in range(30) for r in range(3)],
                        columns=["unit", "rater", "value"])
    ref = pg.intraclass_corr(long, targets="unit", raters="rater", ratings="value").set_index("Type")
    for form in FORMS:
        est = compute(from_wide(x), "icc", form=form)
        assert est.value == pytest.approx(ref.loc[PINGOUIN_NAMES[form], "ICC"], abs=1e-10)


def test_icc_drops_incomplete_units_and_ci() -> None:
    x = np.vstack([SF_TABLE2, [[5, np.nan, 3, 4]]])
    est = compute(from_wide(x), "icc", form="ICC3", n_boot=200, seed=2)
    assert est.n_units == 6
    assert round(est.value, 2) == 0.71
    assert est.ci is not None and est.ci[0] < est.value < est.ci[1]


def test_correlations_against_scipy() -> None:
    rng = np.random.default_rng(9)
    x = rng.integers(1, 6, size=80).astype(float)
    y = np.clip(x + rng.integers(-2, 3, size=80), 1, 5)
    y[3] = np.nan
    keep = ~np.isnan(y)
    assert pearson(x, y).value == pytest.approx(stats.pearsonr(x[keep], y[keep]).statistic)
    assert spearman(x, y).value == pytest.approx(stats.spearmanr(x[keep], y[keep]).statistic)
    assert kendall(x, y).value == pytest.approx(stats.kendalltau(x[keep], y[keep]).statistic)
    assert pearson(x, y).n_units == 79


@pytest.mark.filterwarnings("ignore::scipy.stats.ConstantInputWarning")
def test_rank_correlations_equal_scipy_on_many_shapes() -> None:
    """The numpy Spearman (mid-ranks) and Kendall tau-b (merge-sort inversions) against
    ``scipy.stats`` on ties, continuous values, odd and large sizes, and constant input."""
    from reviewer.stats.scores import kendall_tau_b, midranks

    rng = np.random.default_rng(12)
    for n in (2, 3, 5, 17, 64, 101, 1000, 5003):
        for kind in ("likert", "continuous", "binary", "few"):
            if kind == "likert":
                x, y = rng.integers(1, 6, n).astype(float), rng.integers(1, 6, n).astype(float)
            elif kind == "continuous":
                x = rng.normal(size=n)
                y = x + rng.normal(size=n)
            elif kind == "binary":
                x, y = rng.integers(0, 2, n).astype(float), rng.integers(0, 2, n).astype(float)
            else:
                x, y = rng.integers(0, 3, n).astype(float), -rng.integers(0, 40, n).astype(float)
            np.testing.assert_array_equal(midranks(x), stats.rankdata(x))
            for mine, ref in ((spearman(x, y).value, stats.spearmanr(x, y).statistic),
                              (kendall_tau_b(x, y), stats.kendalltau(x, y).statistic)):
                assert (np.isnan(mine) and np.isnan(ref)) or mine == pytest.approx(ref, abs=1e-12), (n, kind)
    const = np.ones(10)
    assert np.isnan(kendall_tau_b(const, np.arange(10.0))) and np.isnan(spearman(const, np.arange(10.0)).value)


def test_rank_correlation_bootstrap_matches_naive_resamples() -> None:
    from reviewer.stats.bootstrap import percentile_ci, resample_indices

    rng = np.random.default_rng(4)
    x = rng.integers(1, 6, size=40).astype(float)
    y = np.clip(x + rng.integers(-1, 2, size=40), 1, 5)
    idx = np.vstack(list(resample_indices(40, 60, 8)))
    for fn, ref in ((spearman, stats.spearmanr), (kendall, stats.kendalltau)):
        naive = np.array([ref(x[i], y[i]).statistic for i in idx])
        assert fn(x, y, n_boot=60, seed=8).ci == pytest.approx(percentile_ci(naive))


def test_bland_altman() -> None:
    x = np.array([3.0, 4, 5, 2, 4, 5, 1, 3])
    y = np.array([2.0, 4, 4, 3, 3, 5, 2, 2])
    d = x - y
    est = bland_altman(x, y, n_boot=100)
    assert est.value == pytest.approx(d.mean())
    assert est.details["loa_high"] == pytest.approx(d.mean() + 1.96 * d.std(ddof=1), abs=1e-3)
    assert est.details["loa_low_ci"] is not None
