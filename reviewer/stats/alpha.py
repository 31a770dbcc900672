"""Krippendorff's alpha for nominal, ordinal, interval and ratio data, with missing ratings.

Formula (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", Annenberg School for
Communication, University of Pennsylvania; Krippendorff 2019, *Content Analysis*, 4th ed., ch. 12):

    alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck

where only *pairable* units (rated by m_u >= 2 raters) count; ``o_ck = sum_u (n_uc n_uk -
[c = k] n_uc) / (m_u - 1)`` is the coincidence matrix, ``n_c = sum_k o_ck`` (= the number of
pairable values c) and ``n = sum_c n_c``. Difference functions delta2:

* nominal: ``[c != k]``;
* ordinal: ``(sum_{g=c..k} n_g - (n_c + n_k) / 2)^2`` (depends on the marginal frequencies);
* interval: ``(c - k)^2``;
* ratio: ``((c - k) / (c + k))^2``.

The point estimate is computed by the ``krippendorff`` package (Castro 2017,
https://github.com/pln-fing-udelar/fast-krippendorff), which wants *raters x units* -- the transpose
of this package's tables. The same formula written as per-unit sums (below) gives the bootstrap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import krippendorff
import numpy as np

from reviewer.stats.bootstrap import AdditiveStat, make_estimate
from reviewer.stats.data import RatingTable, category_counts, encode, numeric
from reviewer.stats.results import Estimate

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _check_level(level: str) -> str:
    if level not in LEVELS:
        from reviewer.errors import InputError

        raise InputError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    return level


def prepare(table: RatingTable, level: str, categories: Sequence[Any] | None = None
            ) -> tuple[np.ndarray, np.ndarray | None]:
    """The units x raters float matrix alpha runs on and, for categorical levels, the values of
    the codes (nominal / ordinal: codes 0..C-1 of :func:`encode`; interval / ratio: the numbers)."""
    _check_level(level)
    if level in ("nominal", "ordinal"):
        codes, _cats = encode(table, categories)
        return codes, None
    x = numeric(table)
    return x, None


def alpha_stat(x: np.ndarray, level: str) -> AdditiveStat:
    """Alpha as an :class:`AdditiveStat` on a units x raters float matrix (NaN = missing)."""
    _check_level(level)
    present = ~np.isnan(x)
    m = present.sum(axis=1).astype(float)
    pair = m >= 2
    n_units = int(pair.sum())
    denom = np.where(pair, m - 1.0, 1.0)
    if level == "interval":
        x0 = np.where(present, x, 0.0)
        s1 = x0.sum(axis=1)
        s2 = (x0 * x0).sum(axis=1)
        d = 2.0 * (m * s2 - s1 * s1) / denom
        feats = np.column_stack([d, m, s1, s2]) * pair[:, None]

        def finish(s: np.ndarray) -> np.ndarray:
            n = s[:, 1]
            de = 2.0 * (n * s[:, 3] - s[:, 2] ** 2)
            return 1.0 - (n - 1.0) * s[:, 0] / de

        return AdditiveStat(feats, finish, n_units)

    values = np.unique(x[present])
    codes = np.where(present, np.searchsorted(values, np.where(present, x, values[0] if values.size else 0)),
                     np.nan)
    c = len(values)
    counts = category_counts(codes, c) * pair[:, None]
    if level == "ordinal":
        o = (counts[:, :, None] * counts[:, None, :]) - counts[:, :, None] * np.eye(c)[None]
        o = (o / denom[:, None, None]).reshape(len(x), c * c)

        def finish(s: np.ndarray) -> np.ndarray:
            big_o = s.reshape(-1, c, c)
            nc = big_o.sum(axis=2)
            n = nc.sum(axis=1)
            cum = np.cumsum(nc, axis=1)
            delta = (cum[:, None, :] - cum[:, :, None] + (nc[:, :, None] - nc[:, None, :]) / 2.0) ** 2
            do = (big_o * delta).sum(axis=(1, 2))
            de = np.einsum("bc,bck,bk->b", nc, delta, nc)
            return 1.0 - (n - 1.0) * do / de

        return AdditiveStat(o, finish, n_units)

    if level == "nominal":
        delta = 1.0 - np.eye(c)
    else:  # ratio
        vsum = values[:, None] + values[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.where(vsum != 0, ((values[:, None] - values[None, :]) / vsum) ** 2, 0.0)
    return AdditiveStat(difference_features(counts, delta, denom), difference_finish(delta), n_units)


def difference_features(counts: np.ndarray, delta: np.ndarray, denom: np.ndarray) -> np.ndarray:
    """Per-unit features ``[D_u, n_u1 .. n_uC]`` of alpha with a fixed difference matrix (nominal,
    ratio): ``D_u = sum_ck n_uc delta_ck n_uk / (m_u - 1)`` is the unit's share of ``D_o`` and the
    counts give ``n_c``. *counts*: pairable units' category counts (others all zero); *denom*:
    ``m_u - 1`` (1 where not pairable). A category no unit uses adds exact zeros only."""
    d = np.einsum("uc,ck,uk->u", counts, delta, counts) / denom
    return np.column_stack([d, counts])


def difference_finish(delta: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """``alpha = 1 - (n - 1) sum_u D_u / sum_ck n_c delta_ck n_k`` on summed
    :func:`difference_features` (one row per resample)."""
    def finish(s: np.ndarray) -> np.ndarray:
        nc = s[:, 1:]
        # einsum, not matmul: one pass per row over (n_boot x groups) rows; a tall matmul would go to
        # multithreaded BLAS, which is slower than this on a busy machine
        n = np.einsum("bc->b", nc)
        de = np.einsum("bc,bc->b", np.einsum("bc,ck->bk", nc, delta), nc)
        return 1.0 - (n - 1.0) * s[:, 0] / de

    return finish


def alpha_reference(x: np.ndarray, level: str) -> float:
    """Alpha by ``krippendorff.alpha`` on a units x raters matrix (transposed for the package);
    NaN where the package refuses (fewer than two distinct values)."""
    try:
        return float(krippendorff.alpha(reliability_data=x.T, level_of_measurement=level))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def krippendorff_alpha(table: RatingTable, level: str = "nominal",
                       categories: Sequence[Any] | None = None, *, clusters: np.ndarray | None = None,
                       n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Krippendorff's alpha (formula in the module docstring) with a cluster-bootstrap CI.

    *level*: nominal (default here, unlike the ``krippendorff`` package whose default is interval),
    ordinal, interval or ratio. *categories*: an explicit ordered category list for nominal /
    ordinal. *clusters*: one cluster label per unit for the bootstrap (default: units).
    ``n_units`` counts pairable units.
    """
    x, _ = prepare(table, level, categories)
    stat = alpha_stat(x, level)
    point = alpha_reference(x, level) if stat.n_units else float("nan")
    n_raters = int((~np.isnan(x)).any(axis=0).sum())
    return make_estimate(stat, "krippendorff_alpha", n_raters=n_raters, level=level, point=point,
                         clusters=clusters, n_boot=n_boot, seed=seed)
