"""One statistic for every group of units at once (every criterion, category or model of a study).

A HealthBench-sized study has 50,000 criteria; calling :func:`reviewer.stats.compute` per
criterion costs milliseconds each. This module gives, for every group, the *same* value and
interval as that call on the group's own table with the same clusters, ``n_boot`` and seed, from
one pass over all the units. Nothing here is a second bootstrap: it reuses the pieces of
:mod:`reviewer.stats.bootstrap` and the feature functions of :mod:`reviewer.stats.alpha` and
:mod:`reviewer.stats.kappa`:

- the per-unit features are built once for all units (:func:`~reviewer.stats.alpha.difference_features`,
  :func:`~reviewer.stats.kappa.multi_features`) and summed per cluster in
  :func:`~reviewer.stats.bootstrap.cluster_order` (labels in text order), as ``cluster_sums`` does;
- every group's bootstrap starts from ``default_rng(seed)``, so all groups with the same number of
  clusters n draw the very same resamples (:func:`~reviewer.stats.bootstrap.resample_indices`):
  they are drawn once per n, and each group's resampled sums are the same ``counts @ F_c`` matrix
  product :func:`~reviewer.stats.bootstrap.bootstrap_sums` computes, one group after another in a
  single ``np.matmul`` call -- over the distinct rows of ``counts`` only (a group of 3 clusters
  has at most 10), each value then standing for every resample that drew that row;
- ``bootstrap_sums`` ("auto") draws indices whole up to
  :data:`~reviewer.stats.bootstrap.RESAMPLE_CELLS` and may switch to multinomial counts above;
  groups larger than that therefore go through :func:`~reviewer.stats.bootstrap.bootstrap_values`
  one by one, exactly as a single call would;
- the interval is :func:`~reviewer.stats.bootstrap.percentile_cis` (percentile interval of the
  finite resampled values; Efron & Tibshirani 1993, ch. 13).

Formulas: Krippendorff's alpha, nominal (Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability"), Fleiss' kappa, Gwet's AC1 and percent agreement (Gwet 2014, *Handbook of
Inter-Rater Reliability*, sec. 2.5); see those modules. The one difference from a single call:
alpha's point value is the formula on the summed features, where ``krippendorff_alpha`` takes the
``krippendorff`` package's (they agree to rounding; the tests check both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from reviewer.stats.alpha import difference_features, difference_finish
from reviewer.stats.bootstrap import (
    DEFAULT_CONFIDENCE,
    RESAMPLE_CELLS,
    AdditiveStat,
    bootstrap_values,
    cluster_order,
    percentile_ci,
    percentile_cis,
    resample_counts,
)
from reviewer.stats.kappa import MULTI_KINDS, multi_features, multi_finish, weight_matrix
from reviewer.stats.results import Estimate

DISTINCT_MAX_CLUSTERS = 64  # up to this many clusters, resamples repeat: compute once per distinct one
GROUPED_STATISTICS = ("krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "percent_agreement")
CHUNK_CELLS = 1 << 22  # resampled sums held at once (groups x n_boot x p), about 32 MB


@dataclass(frozen=True)
class Grouping:
    """Which group each unit belongs to, and its bootstrap cluster within the group.

    ``group``: group number of each unit (0 .. n_groups - 1). ``cluster``: an integer key per
    unit; the units of a group with the same key are one cluster, and clusters are drawn in
    increasing key order. Build it with :meth:`of`.
    """

    group: np.ndarray
    cluster: np.ndarray
    n_groups: int

    @classmethod
    def of(cls, group: Sequence[int] | np.ndarray, clusters: Sequence[Any] | np.ndarray | None = None,
           n_groups: int | None = None) -> Grouping:
        """*clusters*: one label per unit, ordered as ``cluster_sums`` orders them (None: every
        unit is its own cluster, in unit order, as ``clusters=None`` in a single call)."""
        g = np.asarray(group, dtype=np.int64)
        key = np.arange(len(g), dtype=np.int64) if clusters is None else cluster_order(np.asarray(clusters))[0]
        if n_groups is None:
            n_groups = int(g.max()) + 1 if g.size else 0
        return cls(g, key, n_groups)


def _cluster_sums(features: np.ndarray, grouping: Grouping) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-cluster feature sums, clusters sorted by (group, key), with each group's first row and size."""
    span = int(grouping.cluster.max()) + 1 if grouping.cluster.size else 1
    uniq, inverse = np.unique(grouping.group * span + grouping.cluster, return_inverse=True)
    fc = np.column_stack([np.bincount(inverse, weights=features[:, j], minlength=len(uniq))
                          for j in range(features.shape[1])]) if len(uniq) else np.zeros((0, features.shape[1]))
    sizes = np.bincount(uniq // span, minlength=grouping.n_groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return fc, starts, sizes


def grouped_estimates(features: np.ndarray, finish: Callable[[np.ndarray], np.ndarray], grouping: Grouping,
                      statistic: str, *, n_units: np.ndarray, n_raters: np.ndarray | int = 0,
                      level: str | None = None, details: dict[str, Any] | None = None, n_boot: int = 0,
                      seed: int | None = 0, confidence: float = DEFAULT_CONFIDENCE,
                      min_units: int = 1) -> list[Estimate]:
    """For every group, :func:`~reviewer.stats.bootstrap.make_estimate` of
    ``AdditiveStat(features[group rows], finish, n_units[g])`` with the group's clusters.

    *features*: units x p (all groups); *n_units*: units that take part, per group (a group
    with fewer than *min_units*, and always one with none, gets no interval); *n_raters*: per
    group, or one number for all.
    """
    features = np.asarray(features, dtype=float)
    n_groups, p = grouping.n_groups, features.shape[1]
    n_units = np.asarray(n_units, dtype=np.int64)
    raters = np.broadcast_to(np.asarray(n_raters, dtype=np.int64), (n_groups,))
    sums = np.column_stack([np.bincount(grouping.group, weights=features[:, j], minlength=n_groups)
                            for j in range(p)]) if n_groups else np.zeros((0, p))
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.asarray(finish(sums), dtype=float) if n_groups else np.zeros(0)
    cis: list[tuple[float, float] | None] = [None] * n_groups
    if n_boot > 0 and n_groups:
        fc, starts, sizes = _cluster_sums(features, grouping)
        todo = np.flatnonzero((n_units >= max(min_units, 1)) & (sizes > 0))
        for n in np.unique(sizes[todo]):
            members = todo[sizes[todo] == n]
            if n * n_boot > RESAMPLE_CELLS:  # one by one, as a single call decides chunks or multinomial
                for g in members:
                    stat = AdditiveStat(fc[starts[g]:starts[g] + n], finish, int(n_units[g]))
                    cis[g] = percentile_ci(bootstrap_values(stat, None, n_boot, seed), confidence)
                continue
            counts = resample_counts(int(n), n_boot, seed)
            if n <= DISTINCT_MAX_CLUSTERS:
                # few clusters repeat the same resample (3 clusters: at most 10 distinct count rows):
                # the statistic is computed once per distinct row and spread back to all n_boot
                distinct, inverse = np.unique(counts, axis=0, return_inverse=True)
                inverse = inverse.reshape(-1)
            else:
                distinct, inverse = counts, np.arange(n_boot)
            width = len(distinct)
            step = max(1, CHUNK_CELLS // (max(width, n_boot) * max(p, 1)))
            for lo in range(0, len(members), step):
                part = members[lo:lo + step]
                stack = fc[starts[part][:, None] + np.arange(n)]  # (groups, n, p)
                with np.errstate(divide="ignore", invalid="ignore"):
                    boot = np.asarray(finish(np.matmul(distinct, stack).reshape(-1, p)), dtype=float)
                boot = boot.reshape(len(part), width)[:, inverse]
                for g, ci in zip(part, percentile_cis(boot, confidence), strict=True):
                    cis[g] = ci
    return [Estimate(statistic=statistic, value=float(values[g]), n_units=int(n_units[g]), n_raters=int(raters[g]),
                     ci=cis[g], n_boot=n_boot if cis[g] else 0, confidence=confidence, level=level,
                     details=dict(details or {})) for g in range(n_groups)]


def agreement_by_group(codes: np.ndarray, n_categories: int, grouping: Grouping,
                       statistics: Sequence[str] = GROUPED_STATISTICS, *, n_boot: int = 0, seed: int | None = 0,
                       confidence: float = DEFAULT_CONFIDENCE, min_units: int = 1) -> dict[str, list[Estimate]]:
    """Nominal agreement per group, as ``compute(group table, name, categories=<the n_categories
    categories>, clusters=..., n_boot=..., seed=...)`` gives it for each group.

    *codes*: units x raters category codes 0 .. n_categories - 1 (NaN: no rating), e.g. from
    :func:`reviewer.stats.data.encode`. *statistics*: names from :data:`GROUPED_STATISTICS`
    (alpha nominal; the kappa family unweighted). Groups with fewer than *min_units* units get no
    interval (:func:`grouped_estimates`).
    """
    unit, rater = np.nonzero(~np.isnan(codes))
    return agreement_from_long(unit, rater, codes[unit, rater], n_categories, grouping, statistics,
                               n_boot=n_boot, seed=seed, confidence=confidence, min_units=min_units)


def agreement_from_long(unit: np.ndarray, rater: np.ndarray, code: np.ndarray, n_categories: int,
                        grouping: Grouping, statistics: Sequence[str] = GROUPED_STATISTICS, *, n_boot: int = 0,
                        seed: int | None = 0, confidence: float = DEFAULT_CONFIDENCE,
                        min_units: int = 1) -> dict[str, list[Estimate]]:
    """:func:`agreement_by_group` from one entry per rating (no units x raters matrix, whose size
    grows with the number of raters): *unit* is the row of *grouping* rated, *rater* any integer
    id of the rater, *code* the category code; one entry per unit and rater."""
    n, q = len(grouping.group), n_categories
    unit = np.asarray(unit, dtype=np.int64)
    counts = np.bincount(unit * q + np.asarray(code, dtype=np.int64), minlength=n * q).reshape(n, q).astype(float)
    pairs = np.unique(np.column_stack([grouping.group[unit], np.asarray(rater, dtype=np.int64)]), axis=0)
    raters = np.bincount(pairs[:, 0], minlength=grouping.n_groups) if len(pairs) else np.zeros(grouping.n_groups)
    m = counts.sum(axis=1)
    pair = m >= 2
    n_pair = np.bincount(grouping.group, weights=pair.astype(float), minlength=grouping.n_groups).astype(np.int64)
    boot = {"n_boot": n_boot, "seed": seed, "confidence": confidence, "min_units": min_units}
    out: dict[str, list[Estimate]] = {}
    for name in statistics:
        if name == "krippendorff_alpha":
            delta = 1.0 - np.eye(q)
            feats = difference_features(counts * pair[:, None], delta, np.where(pair, m - 1.0, 1.0))
            out[name] = grouped_estimates(feats, difference_finish(delta), grouping, name, n_units=n_pair,
                                          n_raters=raters, level="nominal", **boot)
        elif name in GROUPED_STATISTICS:
            w = weight_matrix(q, "none")
            out[name] = grouped_estimates(multi_features(counts, w), multi_finish(MULTI_KINDS[name], w), grouping,
                                          name, n_units=n_pair, n_raters=raters, level="none",
                                          details={"n_categories": q}, **boot)
        else:
            from reviewer.errors import InputError

            raise InputError(f"no grouped form of {name!r}: use one of {', '.join(GROUPED_STATISTICS)}")
    return out
