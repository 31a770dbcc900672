"""Agreement between two sets of scores on the same units: correlations and Bland-Altman.

* Pearson's r = cov(x, y) / (sd(x) sd(y)), from the sums n, Sx, Sy, Sxx, Syy, Sxy.
* Spearman's rho = Pearson's r of the mid-ranks (Spearman 1904).
* Kendall's tau-b = (P - Q) / sqrt((n0 - n1)(n0 - n2)) with P, Q concordant / discordant pairs,
  n0 = n(n-1)/2 and n1, n2 the pairs tied in x, in y (Kendall 1945); equals ``scipy.stats.kendalltau``.
* Bland & Altman (1986, Lancet i:307-310): d = x - y, bias = mean(d), limits of agreement
  bias +/- 1.96 sd(d) (sd with n - 1).

Bootstrap: cluster resamples as in :mod:`reviewer.stats.bootstrap`. A resample that repeats a
unit repeats its pair; ranks and pair counts are computed on the resample with those repeats
(weighted mid-ranks; quadratic forms for Kendall's pair counts, so Kendall's CI is skipped above
``KENDALL_BOOT_MAX`` units).

The point values are computed here with numpy (the tests check them against ``scipy.stats``):
importing ``scipy.stats`` costs about a second, on every start of the command line and the app.
"""

from __future__ import annotations

import numpy as np

from reviewer.stats.bootstrap import (
    AdditiveStat,
    make_estimate,
    percentile_ci,
    unit_weight_chunks,
)
from reviewer.stats.results import Estimate

KENDALL_BOOT_MAX = 3000
Z_95 = 1.959963984540054


def _paired(x: np.ndarray, y: np.ndarray, clusters: np.ndarray | None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = ~(np.isnan(x) | np.isnan(y))
    cl = None if clusters is None else np.asarray(clusters, dtype=object)[keep]
    return x[keep], y[keep], cl


def _pearson_finish(s: np.ndarray) -> np.ndarray:
    n, sx, sy, sxx, syy, sxy = (s[:, i] for i in range(6))
    cov = sxy - sx * sy / n
    return cov / np.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n))


def pearson(x: np.ndarray, y: np.ndarray, *, clusters: np.ndarray | None = None, n_boot: int = 0,
            seed: int | None = 0) -> Estimate:
    """Pearson's r = (Sxy - Sx Sy / n) / sqrt((Sxx - Sx^2 / n)(Syy - Sy^2 / n)) (Pearson 1896) on
    the pairs where both scores are present; equals ``scipy.stats.pearsonr``."""
    x, y, cl = _paired(x, y, clusters)
    feats = np.column_stack([np.ones_like(x), x, y, x * x, y * y, x * y])
    stat = AdditiveStat(feats, _pearson_finish, len(x))
    return make_estimate(stat, "pearson", n_raters=2, clusters=cl, n_boot=n_boot, seed=seed)


def _weighted_midranks(v: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Mid-ranks of each unit's value in resamples where unit u appears w[b, u] times."""
    values, group = np.unique(v, return_inverse=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(len(values)))
    gw = np.add.reduceat(w[:, order], starts, axis=1)  # weight per distinct value, per resample
    below = np.cumsum(gw, axis=1) - gw
    return (below + (gw + 1.0) / 2.0)[:, group]


def midranks(v: np.ndarray) -> np.ndarray:
    """Average ranks, 1-based, ties sharing the mean of their ranks (``scipy.stats.rankdata``'s
    "average" method)."""
    _, inverse, counts = np.unique(v, return_inverse=True, return_counts=True)
    top = np.cumsum(counts)
    return (top - (counts - 1) / 2.0)[inverse.reshape(-1)]


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    da, db = a - a.mean(), b - b.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        return float((da * db).sum() / np.sqrt((da * da).sum() * (db * db).sum()))


def _dense_ranks(v: np.ndarray) -> np.ndarray:
    return np.unique(v, return_inverse=True)[1].reshape(-1).astype(np.int64)


def _tied_pairs(ranks: np.ndarray) -> int:
    counts = np.bincount(ranks).astype(np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _inversions(a: np.ndarray) -> int:
    """Pairs i < j with a[i] > a[j] (a: integers >= 0), by a bottom-up merge sort: at each level,
    every element of a right half counts the elements of its left half above it
    (``searchsorted`` on block-offset keys), then each block is sorted. O(n log^2 n)."""
    a = np.asarray(a, dtype=np.int64).copy()
    n = len(a)
    span = int(a.max()) + 1 if n else 1
    idx = np.arange(n)
    total, width = 0, 1
    while width < n:
        block = idx // (2 * width)
        right = (idx % (2 * width)) >= width
        keys = block * span + a
        left_keys = keys[~right]  # sorted: blocks in order, each half sorted at the level below
        r_block = block[right]
        above = np.searchsorted(left_keys, (r_block + 1) * span, side="left") - \
            np.searchsorted(left_keys, keys[right], side="right")
        total += int(above.sum())
        a = a[np.argsort(keys, kind="stable")]
        width *= 2
    return total


def kendall_tau_b(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall's tau-b of paired values, as ``scipy.stats.kendalltau`` computes it (Knight 1966:
    sort by x then y, discordant pairs = inversions of y; ties in x, in y and in both counted)."""
    n = len(x)
    if n < 2:
        return float("nan")
    xr, yr = _dense_ranks(x), _dense_ranks(y)
    order = np.lexsort((yr, xr))
    xr, yr = xr[order], yr[order]
    discordant = _inversions(yr)
    same = np.r_[True, (xr[1:] != xr[:-1]) | (yr[1:] != yr[:-1]), True]
    runs = np.diff(np.flatnonzero(same)).astype(np.int64)
    both = int((runs * (runs - 1) // 2).sum())
    xtie, ytie = _tied_pairs(xr), _tied_pairs(yr)
    total = n * (n - 1) // 2
    with np.errstate(divide="ignore", invalid="ignore"):
        return float((total - xtie - ytie + both - 2 * discordant) / np.sqrt(float(total - xtie))
                     / np.sqrt(float(total - ytie)))


def _weighted_pearson(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    n = w.sum(axis=1)
    ma = (w * a).sum(axis=1) / n
    mb = (w * b).sum(axis=1) / n
    da = a - ma[:, None]
    db = b - mb[:, None]
    return (w * da * db).sum(axis=1) / np.sqrt((w * da * da).sum(axis=1) * (w * db * db).sum(axis=1))


def spearman(x: np.ndarray, y: np.ndarray, *, clusters: np.ndarray | None = None, n_boot: int = 0,
             seed: int | None = 0) -> Estimate:
    """Spearman's rho (Spearman 1904, Am. J. Psychol. 15:72-101): Pearson's r of the mid-ranks;
    equals ``scipy.stats.spearmanr``. Bootstrap ranks are weighted mid-ranks of the resample."""
    x, y, cl = _paired(x, y, clusters)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = _correlation(midranks(x), midranks(y)) if len(x) > 1 else float("nan")
        ci = None
        if n_boot > 0 and len(x) > 1:
            vals = [_weighted_pearson(_weighted_midranks(x, w), _weighted_midranks(y, w), w)
                    for w in unit_weight_chunks(len(x), cl, n_boot, seed)]
            ci = percentile_ci(np.concatenate(vals))
    return Estimate("spearman", value, len(x), 2, ci, n_boot if ci else 0)


def kendall(x: np.ndarray, y: np.ndarray, *, clusters: np.ndarray | None = None, n_boot: int = 0,
            seed: int | None = 0) -> Estimate:
    """Kendall's tau-b = (P - Q) / sqrt((n0 - n1)(n0 - n2)) (Kendall 1945, Biometrika 33:239-251);
    equals ``scipy.stats.kendalltau``. CI by quadratic forms in the resample
    counts: P - Q = w'Sw / 2 with S_ij = sign(x_i - x_j) sign(y_i - y_j); tied pairs likewise."""
    x, y, cl = _paired(x, y, clusters)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = kendall_tau_b(x, y)
        ci = None
        details: dict = {}
        if n_boot > 0 and 1 < len(x) <= KENDALL_BOOT_MAX:
            dx = np.sign(x[:, None] - x[None, :])
            dy = np.sign(y[:, None] - y[None, :])
            s = dx * dy
            tx = (dx == 0).astype(float)
            ty = (dy == 0).astype(float)
            vals = []
            for w in unit_weight_chunks(len(x), cl, n_boot, seed):
                n = w.sum(axis=1)
                pq = 0.5 * ((w @ s) * w).sum(axis=1)
                n1 = 0.5 * (((w @ tx) * w).sum(axis=1) - n)
                n2 = 0.5 * (((w @ ty) * w).sum(axis=1) - n)
                n0 = n * (n - 1) / 2.0
                vals.append(pq / np.sqrt((n0 - n1) * (n0 - n2)))
            ci = percentile_ci(np.concatenate(vals))
        elif n_boot > 0:
            details["ci_note"] = f"no bootstrap CI above {KENDALL_BOOT_MAX} pairs"
    return Estimate("kendall", value, len(x), 2, ci, n_boot if ci else 0, details=details)


def bland_altman(x: np.ndarray, y: np.ndarray, *, clusters: np.ndarray | None = None,
                 n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Mean difference x - y (bias) with limits of agreement bias +/- 1.96 sd(x - y)
    (Bland & Altman 1986, Lancet 327:307-310).

    ``value`` is the bias; ``details`` holds ``sd``, ``loa_low``, ``loa_high`` and, with a
    bootstrap, ``loa_low_ci`` / ``loa_high_ci``.
    """
    x, y, cl = _paired(x, y, clusters)
    d = x - y
    feats = np.column_stack([np.ones_like(d), d, d * d])

    def sd(s: np.ndarray) -> np.ndarray:
        return np.sqrt((s[:, 2] - s[:, 1] ** 2 / s[:, 0]) / (s[:, 0] - 1.0))

    def bias(s: np.ndarray) -> np.ndarray:
        return s[:, 1] / s[:, 0]

    def low(s: np.ndarray) -> np.ndarray:
        return bias(s) - Z_95 * sd(s)

    def high(s: np.ndarray) -> np.ndarray:
        return bias(s) + Z_95 * sd(s)

    n = len(d)
    est = make_estimate(AdditiveStat(feats, bias, n), "mean_difference", n_raters=2, clusters=cl,
                        n_boot=n_boot, seed=seed)
    with np.errstate(divide="ignore", invalid="ignore"):
        sums = feats.sum(axis=0, keepdims=True)
        details = {"sd": float(sd(sums)[0]), "loa_low": float(low(sums)[0]),
                   "loa_high": float(high(sums)[0]), "mean_x": float(np.mean(x)) if n else float("nan"),
                   "mean_y": float(np.mean(y)) if n else float("nan")}
    if n_boot > 0 and n > 1:
        lo = make_estimate(AdditiveStat(feats, low, n), "loa_low", n_raters=2, clusters=cl,
                           n_boot=n_boot, seed=seed)
        hi = make_estimate(AdditiveStat(feats, high, n), "loa_high", n_raters=2, clusters=cl,
                           n_boot=n_boot, seed=seed)
        details["loa_low_ci"] = list(lo.ci) if lo.ci else None
        details["loa_high_ci"] = list(hi.ci) if hi.ci else None
    return Estimate(est.statistic, est.value, est.n_units, 2, est.ci, est.n_boot, level=None,
                    details=details)
