"""Vectorised cluster bootstrap for statistics that are functions of per-unit sums.

Every statistic in this package is written as ``finish(S)`` where ``S`` is the column sum of a
per-unit feature matrix ``F`` (units x p): e.g. for Krippendorff's alpha the features are each
unit's observed disagreement and its value counts; for Cohen's kappa the agreement weight and the
two raters' one-hot categories. Resampling clusters (cases) with replacement then needs no loop
around the point estimate: with ``W`` the (resamples x clusters) matrix of how often each cluster
was drawn and ``Fc`` the per-cluster feature sums, the resampled sums are the matrix product
``S_b = W @ Fc`` and ``finish`` runs once on all rows at once.

This is the ordinary nonparametric bootstrap over clusters (Efron & Tibshirani 1993, ch. 6; for
clustered data Field & Welsh 2007, "Bootstrapping clustered data", JRSS-B 69:369-390, the
"cluster bootstrap"); the interval is the percentile interval (Efron & Tibshirani 1993, ch. 13).
Resample *b* draws ``n_clusters`` cluster indices with ``numpy.random.default_rng(seed).integers``;
:func:`resample_indices` yields exactly those draws, so a naive loop can reproduce every resample.

Those draws depend only on (clusters, resamples, seed), so one study analysis -- dozens of
statistics over the same cases -- needs them once: inside :func:`shared_resamples`, the counts
matrix ``W`` of each size is drawn once and every statistic is one ``W @ Fc`` product. The values
are the same as without the block (the same draws); only the drawing is not repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np

from reviewer.stats.results import Estimate

DEFAULT_N_BOOT = 1000
DEFAULT_CONFIDENCE = 0.95
# how many drawn indices one chunk may hold (keeps memory near 32 MB for int64 draws)
CHUNK_CELLS = 4_000_000
# the largest (resamples x clusters) counts matrix drawn whole (48 MB of float64; 1,000 resamples
# of 6,000 cases): up to it ``auto`` draws indices, above it a chunked loop or multinomial counts
RESAMPLE_CELLS = 6_000_000
# intervals need at least this many units to say something (fewer: the tables that carry many
# small groups, such as per criterion, leave the interval out; reports mark the rest)
MIN_INTERVAL_UNITS = 10

_RESAMPLES: ContextVar[dict[tuple[int, int, int], np.ndarray] | None] = ContextVar("_RESAMPLES", default=None)


@dataclass
class AdditiveStat:
    """A statistic as ``finish(features.sum(axis=0))``.

    ``features``: units x p array (one row per unit that takes part; all-zero rows are harmless).
    ``finish``: maps a (B x p) array of sums to B values (NaN where undefined).
    ``n_units``: the units that take part (reported as n).
    """

    features: np.ndarray
    finish: Callable[[np.ndarray], np.ndarray]
    n_units: int

    def value(self) -> float:
        sums = self.features.sum(axis=0, keepdims=True)
        return float(self.finish(sums)[0])


def resample_indices(n_clusters: int, n_boot: int, seed: int | None) -> Iterator[np.ndarray]:
    """Chunks of resamples: int arrays (chunk x n_clusters) of drawn cluster indices.

    Deterministic for a given seed and size; concatenating the chunks gives all ``n_boot`` rows.
    """
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_boot, CHUNK_CELLS // max(n_clusters, 1)))
    done = 0
    while done < n_boot:
        size = min(chunk, n_boot - done)
        yield rng.integers(0, n_clusters, size=(size, n_clusters))
        done += size


def counts_from_indices(idx: np.ndarray, n_clusters: int) -> np.ndarray:
    """(chunk x n_clusters) counts of each cluster in each resample, via one ``bincount``."""
    rows = idx.shape[0]
    offsets = (np.arange(rows) * n_clusters)[:, None]
    flat = np.bincount((idx + offsets).ravel(), minlength=rows * n_clusters)
    return flat.reshape(rows, n_clusters).astype(float)


@contextmanager
def shared_resamples() -> Iterator[None]:
    """Within the block, :func:`resample_counts` draws each (clusters, resamples, seed) once."""
    token = _RESAMPLES.set({} if _RESAMPLES.get() is None else _RESAMPLES.get())
    try:
        yield
    finally:
        _RESAMPLES.reset(token)


def resample_counts(n_clusters: int, n_boot: int, seed: int | None) -> np.ndarray:
    """(n_boot x n_clusters) counts of each cluster in each resample: the draws of
    :func:`resample_indices`, whole (for sizes up to :data:`RESAMPLE_CELLS`). Read-only; remembered
    inside :func:`shared_resamples` (a seeded draw only)."""
    memo = _RESAMPLES.get() if seed is not None else None
    key = (n_clusters, n_boot, int(seed or 0))
    if memo is not None and key in memo:
        return memo[key]
    counts = np.vstack([counts_from_indices(idx, n_clusters) for idx in resample_indices(n_clusters, n_boot, seed)])
    counts.flags.writeable = False
    if memo is not None:
        memo[key] = counts
    return counts


def cluster_order(clusters: np.ndarray) -> tuple[np.ndarray, int]:
    """The cluster number of each label and the number of clusters: clusters are numbered (and so
    drawn) in the text order of their labels, in every bootstrap of this package."""
    arr = np.asarray(clusters)
    if arr.dtype.kind in "iub" and arr.size:  # numbers: text order of the distinct values only
        uniq, inverse = np.unique(arr, return_inverse=True)
        rank = np.empty(len(uniq), dtype=np.int64)
        rank[np.argsort(uniq.astype(str), kind="stable")] = np.arange(len(uniq))
        inverse = rank[inverse.reshape(-1)]
    else:
        _, inverse = np.unique(np.asarray(clusters, dtype=object).astype(str), return_inverse=True)
    return inverse.astype(np.int64), int(inverse.max()) + 1 if inverse.size else 0


def cluster_sums(features: np.ndarray, clusters: np.ndarray | None) -> tuple[np.ndarray, int]:
    """Per-cluster feature sums (clusters x p, in :func:`cluster_order`) and the number of clusters.

    *clusters*: one label per feature row (None: every unit is its own cluster).
    """
    if clusters is None:
        return features, features.shape[0]
    inverse, n = cluster_order(clusters)
    out = np.zeros((n, features.shape[1]))
    np.add.at(out, inverse, features)
    return out, n


def collapse(fc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct cluster feature rows and how many clusters share each (types x p, types)."""
    rows = np.ascontiguousarray(fc)
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    return rows[first], counts.astype(float)


def multinomial_sums(fc: np.ndarray, n_boot: int, seed: int | None,
                     collapsed: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Resampled sums drawing, per resample, how many of the n clusters fall on each distinct
    feature row: ``M ~ Multinomial(n, n_g / n)`` and ``S = M @ F_types``.

    Exactly the bootstrap distribution of :func:`bootstrap_sums` with ``method="indices"``: drawing n
    clusters uniformly and adding their rows only depends on how many draws land on each distinct
    row, and those counts are multinomial (aggregation property of the multinomial). Cost: n_boot x
    types binomial draws instead of n_boot x n uniform draws.
    """
    types, sizes = collapsed if collapsed is not None else collapse(fc)
    n = int(sizes.sum())
    rng = np.random.default_rng(seed)
    m = rng.multinomial(n, sizes / n, size=n_boot).astype(float)
    return m @ types


def bootstrap_sums(features: np.ndarray, clusters: np.ndarray | None = None,
                   n_boot: int = DEFAULT_N_BOOT, seed: int | None = 0, method: str = "auto") -> np.ndarray:
    """(n_boot x p) resampled feature sums, clusters drawn with replacement.

    *method*: ``indices`` draws cluster indices (:func:`resample_indices`, so a naive loop over the
    same draws gives the same values); ``multinomial`` draws counts per distinct feature row
    (:func:`multinomial_sums`, same distribution, far fewer draws when rows repeat -- e.g. 5 raters
    on a 1-5 scale give at most a few hundred distinct rows however many units there are);
    ``auto`` draws indices up to :data:`RESAMPLE_CELLS` (whole, :func:`resample_counts`, shared
    inside :func:`shared_resamples`) and above it takes ``multinomial`` when there are at most
    half as many distinct rows as clusters.
    """
    fc, n = cluster_sums(np.asarray(features, dtype=float), clusters)
    if n == 0 or n_boot <= 0:
        return np.zeros((0, features.shape[1]))
    whole = n * n_boot <= RESAMPLE_CELLS
    collapsed = None
    if method == "auto":
        collapsed = collapse(fc) if not whole else None
        method = "multinomial" if collapsed is not None and len(collapsed[1]) * 2 <= n else "indices"
    if method == "multinomial":
        return multinomial_sums(fc, n_boot, seed, collapsed)
    if whole:
        return resample_counts(n, n_boot, seed) @ fc
    parts = [counts_from_indices(idx, n) @ fc for idx in resample_indices(n, n_boot, seed)]
    return np.vstack(parts)


def bootstrap_values(stat: AdditiveStat, clusters: np.ndarray | None = None,
                     n_boot: int = DEFAULT_N_BOOT, seed: int | None = 0, method: str = "auto") -> np.ndarray:
    """The statistic on every resample (NaN where a resample leaves it undefined)."""
    sums = bootstrap_sums(stat.features, clusters, n_boot, seed, method)
    if sums.shape[0] == 0:
        return np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(stat.finish(sums), dtype=float)


def percentile_ci(values: np.ndarray, confidence: float = DEFAULT_CONFIDENCE) -> tuple[float, float] | None:
    """Percentile interval of the finite resampled values; None when none is finite."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    tail = (1.0 - confidence) / 2.0 * 100.0
    lo, hi = np.percentile(finite, [tail, 100.0 - tail])
    return float(lo), float(hi)


def percentile_cis(values: np.ndarray, confidence: float = DEFAULT_CONFIDENCE) -> list[tuple[float, float] | None]:
    """:func:`percentile_ci` of every row of a (statistics x resamples) array, in one
    ``np.percentile`` call per count of finite values (the same partition and interpolation as
    row by row: a row's finite values, in order, are one row of that call)."""
    out: list[tuple[float, float] | None] = [None] * values.shape[0]
    finite = np.isfinite(values)
    k = finite.sum(axis=1)
    tail = (1.0 - confidence) / 2.0 * 100.0
    for size in np.unique(k[k > 0]):
        rows = np.flatnonzero(k == size)
        kept = values[rows] if size == values.shape[1] else values[rows][finite[rows]].reshape(len(rows), size)
        lo, hi = np.percentile(kept, [tail, 100.0 - tail], axis=1)
        for i, a, b in zip(rows, lo, hi, strict=True):
            out[i] = (float(a), float(b))
    return out


def make_estimate(stat: AdditiveStat, statistic: str, *, n_raters: int, level: str | None = None,
                  point: float | None = None, clusters: np.ndarray | None = None,
                  n_boot: int = 0, seed: int | None = 0, confidence: float = DEFAULT_CONFIDENCE,
                  details: dict | None = None) -> Estimate:
    """An :class:`Estimate` from an additive statistic: point value (or *point* when given, e.g.
    from a reference package) and, with ``n_boot > 0``, the percentile cluster-bootstrap interval."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = stat.value() if point is None else point
        ci = None
        if n_boot > 0 and stat.n_units > 0:
            ci = percentile_ci(bootstrap_values(stat, clusters, n_boot, seed), confidence)
    return Estimate(statistic=statistic, value=float(value), n_units=stat.n_units, n_raters=n_raters,
                    ci=ci, n_boot=n_boot if ci else 0, confidence=confidence, level=level,
                    details=details or {})


def unit_weight_chunks(n_units: int, clusters: np.ndarray | None, n_boot: int,
                       seed: int | None) -> Iterator[np.ndarray]:
    """Chunks (chunk x n_units) of how often each unit is in each resample, from the same cluster
    draws as :func:`bootstrap_sums`: for statistics that are not sums (ranks, pair counts)."""
    if clusters is None:
        inverse = np.arange(n_units)
        n = n_units
    else:
        inverse, n = cluster_order(clusters)
    if n == 0:
        return
    if n * n_boot <= RESAMPLE_CELLS:
        counts = resample_counts(n, n_boot, seed)
        step = max(1, CHUNK_CELLS // max(n_units, 1))
        for lo in range(0, n_boot, step):
            yield counts[lo:lo + step][:, inverse]
        return
    for idx in resample_indices(n, n_boot, seed):
        yield counts_from_indices(idx, n)[:, inverse]
