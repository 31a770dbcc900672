"""The vectorised cluster bootstrap reproduces a naive loop over the same resamples."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from reviewer.stats import bootstrap, compute, from_wide
from reviewer.stats.alpha import alpha_stat
from reviewer.stats.bootstrap import bootstrap_values, percentile_ci, resample_indices


def _data(seed: int = 0, units: int = 30, raters: int = 4) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=(units, 1))
    x = np.clip(truth + rng.integers(-1, 2, size=(units, raters)), 1, 5).astype(float)
    x[rng.random(x.shape) < 0.15] = np.nan
    return x


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_bootstrap_equals_naive_loop(level: str) -> None:
    x = _data()
    n_boot, seed = 50, 123
    fast = bootstrap_values(alpha_stat(x, level), None, n_boot, seed)
    idx = np.vstack(list(resample_indices(len(x), n_boot, seed)))
    naive = np.array([krippendorff.alpha(reliability_data=x[i].T, level_of_measurement=level)
                      for i in idx])
    np.testing.assert_allclose(fast, naive, atol=1e-10)
    assert percentile_ci(fast) == pytest.approx(percentile_ci(naive))


def test_cluster_bootstrap_resamples_whole_cases() -> None:
    x = _data(seed=1, units=24)
    clusters = np.repeat([f"case{i}" for i in range(8)], 3)  # 8 cases x 3 criteria
    n_boot, seed = 40, 9
    fast = bootstrap_values(alpha_stat(x, "nominal"), clusters, n_boot, seed)
    case_ids = np.unique(clusters)
    idx = np.vstack(list(resample_indices(len(case_ids), n_boot, seed)))
    naive = []
    for draw in idx:
        rows = np.concatenate([np.flatnonzero(clusters == case_ids[c]) for c in draw])
        naive.append(krippendorff.alpha(reliability_data=x[rows].T, level_of_measurement="nominal"))
    np.testing.assert_allclose(fast, naive, atol=1e-10)


def test_kappa_bootstrap_equals_naive_sklearn() -> None:
    rng = np.random.default_rng(2)
    a = rng.integers(0, 3, size=50)
    b = np.where(rng.random(50) < 0.7, a, rng.integers(0, 3, size=50))
    est = compute(from_wide(np.column_stack([a, b]).astype(float)), "cohen_kappa", weights="quadratic",
                  n_boot=80, seed=5)
    idx = np.vstack(list(resample_indices(50, 80, 5)))
    naive = [cohen_kappa_score(a[i], b[i], weights="quadratic", labels=[0, 1, 2]) for i in idx]
    assert est.ci == pytest.approx(percentile_ci(np.array(naive)))


def test_different_seeds_differ_and_default_is_1000() -> None:
    from reviewer.stats.bootstrap import DEFAULT_N_BOOT

    x = _data(seed=3)
    a = bootstrap_values(alpha_stat(x, "interval"), None, 20, 1)
    b = bootstrap_values(alpha_stat(x, "interval"), None, 20, 2)
    assert not np.allclose(a, b)
    assert len(bootstrap_values(alpha_stat(x, "interval"), None, seed=1)) == DEFAULT_N_BOOT == 1000


def test_multinomial_path_same_distribution_as_indices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Collapsing repeated unit rows (multinomial counts per distinct row) is the same bootstrap."""
    rng = np.random.default_rng(6)
    truth = rng.random((600, 1)) < 0.5
    x = np.where(rng.random((600, 3)) < 0.85, truth, ~truth).astype(float)
    x[rng.random(x.shape) < 0.1] = np.nan
    stat = alpha_stat(x, "nominal")
    multi = bootstrap_values(stat, None, 4000, 1, method="multinomial")
    idx = bootstrap_values(stat, None, 4000, 2, method="indices")
    from scipy import stats

    assert stats.ks_2samp(multi, idx).pvalue > 0.01
    assert np.std(multi) == pytest.approx(np.std(idx), rel=0.1)
    assert np.mean(multi) == pytest.approx(np.mean(idx), abs=0.005)
    # auto draws indices whole while (resamples x clusters) fits RESAMPLE_CELLS ...
    auto = bootstrap_values(stat, None, 100, 3)
    np.testing.assert_array_equal(auto, bootstrap_values(stat, None, 100, 3, method="indices"))
    # ... and above it takes the multinomial path when rows repeat (few distinct rows), seeded
    monkeypatch.setattr(bootstrap, "RESAMPLE_CELLS", 100 * 600 - 1)
    auto = bootstrap_values(stat, None, 100, 3)
    np.testing.assert_array_equal(auto, bootstrap_values(stat, None, 100, 3, method="multinomial"))


def test_shared_resamples_draw_once_and_change_nothing() -> None:
    """Inside shared_resamples the counts of one size are drawn once, and every statistic gets
    the same values as outside the block (the same draws, whole or in chunks)."""
    x = _data(seed=8)
    stat = alpha_stat(x, "interval")
    outside = bootstrap_values(stat, None, 300, 5)
    chunked = np.vstack([bootstrap.counts_from_indices(i, len(x)) for i in
                         bootstrap.resample_indices(len(x), 300, 5)]) @ stat.features
    with np.errstate(divide="ignore", invalid="ignore"):
        np.testing.assert_allclose(outside, stat.finish(chunked), rtol=1e-12)
    with bootstrap.shared_resamples():
        first = bootstrap.resample_counts(len(x), 300, 5)
        assert bootstrap.resample_counts(len(x), 300, 5) is first
        np.testing.assert_allclose(bootstrap_values(stat, None, 300, 5), outside, rtol=1e-12)
    assert bootstrap.resample_counts(len(x), 300, 5) is not first  # nothing kept after the block
