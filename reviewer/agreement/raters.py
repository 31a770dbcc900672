"""Rater-rater agreement of a study: pooled, per criterion / category / model, per rater, per pair.

Criterion answers are nominal (met / not met; not applicable = missing), so the headline is
Krippendorff's alpha (nominal) beside Fleiss' kappa, Gwet's AC1 and percent agreement
(DESIGN.md, "Agreement, in plain terms"). Whole-answer scores get alpha (ordinal and interval)
and ICC. Bootstrap intervals resample cases (all the units of a case together).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from reviewer.agreement.results import estimates_frame, frame
from reviewer.agreement.tables import BINARY, majority, to_table, unit_ids
from reviewer.stats import compute, from_wide
from reviewer.stats.bootstrap import MIN_INTERVAL_UNITS, AdditiveStat, cluster_order, make_estimate
from reviewer.stats.data import RatingTable, encode
from reviewer.stats.grouped import Grouping, agreement_by_group
from reviewer.stats.healthbench import pair_counts, pairwise_macro_f1
from reviewer.stats.results import Estimate
from reviewer.stats.scores import bland_altman

_TABLES: ContextVar[dict | None] = ContextVar("agreement_tables", default=None)

CRITERION_UNIT = ("response_id", "criterion_key")
BINARY_STATS: list[tuple[str, dict[str, Any]]] = [  # grouped: reviewer.stats.grouped.GROUPED_STATISTICS
    ("krippendorff_alpha", {"level": "nominal"}),
    ("fleiss_kappa", {}),
    ("gwet_ac1", {}),
    ("percent_agreement", {}),
]
SCORE_STATS: list[tuple[str, dict[str, Any]]] = [
    ("krippendorff_alpha", {"level": "ordinal"}),
    ("krippendorff_alpha", {"level": "interval"}),
    ("icc", {"form": "ICC1"}),
    ("icc", {"form": "ICC2"}),
]


@contextmanager
def shared_tables() -> Iterator[None]:
    """Within the block, :func:`table_of` builds each frame's units x raters table once (one
    analysis reads the same criterion ratings for the pooled, grouped, per-rater, per-pair and
    judge figures)."""
    token = _TABLES.set({})
    try:
        yield
    finally:
        _TABLES.reset(token)


def table_of(df: pd.DataFrame, unit_cols: Sequence[str], *,
             cluster: str | None = "case_id") -> tuple[RatingTable, np.ndarray | None]:
    """:func:`~reviewer.agreement.tables.to_table` of *df*, remembered inside :func:`shared_tables`
    (keyed by the frame itself, which the memo holds, so a new frame never takes an old entry)."""
    memo = _TABLES.get()
    if memo is None:
        return to_table(df, unit_cols, cluster=cluster)
    key = (id(df), tuple(unit_cols))
    hit = memo.get(key)
    if hit is None or hit[0] is not df or (cluster is not None and cluster not in hit[2]):
        table, clusters = to_table(df, unit_cols, cluster=cluster)
        hit = memo[key] = (df, table, {**(hit[2] if hit is not None and hit[0] is df else {}), cluster: clusters})
    return hit[1], hit[2].get(cluster) if cluster is not None else None


def pick_clusters(df: pd.DataFrame, preferred: str | None) -> str | None:
    """The column the bootstrap resamples: *preferred* (cases) when the data hold at least two of
    them, else responses when at least two, else None (the units themselves)."""
    for col in (preferred, "response_id"):
        if col and col in df and df[col].nunique() >= 2:
            return col
    return None


RESAMPLED = {"case_id": "cases", "response_id": "responses", None: "units"}


def binary_estimates(df: pd.DataFrame, n_boot: int, seed: int, *, cluster: str | None = "case_id",
                     unit_cols: tuple[str, ...] = CRITERION_UNIT) -> list[Estimate]:
    """The :data:`BINARY_STATS` on criterion ratings *df* (NaN values where there is no data).
    ``details["resampled"]`` says what the bootstrap resampled (cases, responses or units)."""
    col = pick_clusters(df, cluster)
    table, clusters = table_of(df, unit_cols, cluster=col)
    out = []
    for name, kw in BINARY_STATS:
        est = compute(table, name, categories=BINARY, clusters=clusters, n_boot=n_boot, seed=seed, **kw)
        est.details["resampled"] = RESAMPLED[col]
        out.append(est)
    return out


def score_estimates(df: pd.DataFrame, n_boot: int, seed: int) -> list[Estimate]:
    """The :data:`SCORE_STATS` on whole-answer scores *df* (unit = response, clusters = cases)."""
    if df.empty:
        return []
    col = pick_clusters(df, "case_id")
    table, clusters = to_table(df, ("response_id",), cluster=col)
    if table.n_raters < 2:
        return []
    out = []
    for name, kw in SCORE_STATS:
        est = compute(table, name, clusters=clusters, n_boot=n_boot, seed=seed, **kw)
        est.details["resampled"] = RESAMPLED[col]
        out.append(est)
    return out


def group_clusters(info: pd.DataFrame, group: np.ndarray, preferred: str | None) -> tuple[Grouping, list[str | None]]:
    """The :class:`~reviewer.stats.grouped.Grouping` of units *info* (one row per unit) in groups
    *group*, each group resampling what :func:`pick_clusters` picks for its rows (cases, else
    responses, else units), and that column per group."""
    n_groups = int(group.max()) + 1 if len(group) else 0
    cols: list[str | None] = [None] * n_groups
    key = np.arange(len(info), dtype=np.int64)  # units
    for col in (preferred, "response_id"):
        if not col or col not in info:
            continue
        many = info[col].groupby(group).nunique().reindex(range(n_groups), fill_value=0).to_numpy() >= 2
        take = np.array([c is None for c in cols]) & many
        if take.any():
            order, _ = cluster_order(info[col].to_numpy())
            on = take[group]
            key[on] = order[on]
            cols = [col if t else c for c, t in zip(cols, take, strict=True)]
    return Grouping(np.asarray(group, dtype=np.int64), key, n_groups), cols


def grouped_binary(crit: pd.DataFrame, by: list[str], n_boot: int, seed: int, *,
                   label_cols: list[str] | None = None, cluster: str | None = "case_id") -> pd.DataFrame:
    """:data:`BINARY_STATS` per group of criterion units, from one units x raters matrix.

    The matrix is built once and every group is computed by
    :func:`reviewer.stats.grouped.agreement_by_group` (the same values and intervals as
    :func:`reviewer.stats.compute` on each group's rows), so 50,000 criteria stay fast. Bootstrap
    clusters as :func:`pick_clusters` (cases, else responses, else units) within each group.
    Groups of fewer than :data:`~reviewer.stats.bootstrap.MIN_INTERVAL_UNITS` units get no
    interval (a criterion rated on 3 answers has nothing to resample). Checklist triage computes
    its per-criterion figures with the same function.
    """
    label_cols = label_cols or by
    if crit.empty:
        return frame([], label_cols)
    table, _ = table_of(crit, CRITERION_UNIT, cluster=None)
    codes, _cats = encode(table, BINARY)
    info = crit.assign(_u=unit_ids(crit, CRITERION_UNIT)).drop_duplicates("_u").set_index("_u")
    info = info.reindex(table.units).reset_index(drop=True)
    group = info.groupby(by, sort=True, dropna=False).ngroup().to_numpy()
    grouping, cols = group_clusters(info, group, cluster)
    names = [name for name, _kw in BINARY_STATS]
    est = agreement_by_group(codes, len(BINARY), grouping, names, n_boot=n_boot, seed=seed,
                             min_units=MIN_INTERVAL_UNITS)
    first = info.assign(_g=group).drop_duplicates("_g").set_index("_g").sort_index()
    resampled = [RESAMPLED[c] for c in cols]
    return estimates_frame(first[label_cols].reset_index(drop=True),
                           [(est[name], {"resampled": resampled}) for name in names])


def _agreement_stat(counts: np.ndarray) -> AdditiveStat:
    def finish(s: np.ndarray) -> np.ndarray:
        return (s[:, 0] + s[:, 3]) / s.sum(axis=1)

    return AdditiveStat(counts, finish, int((counts.sum(axis=1) > 0).sum()))


def rater_drift(crit: pd.DataFrame, scores: pd.DataFrame, overall_alpha: float, n_boot: int,
                seed: int) -> pd.DataFrame:
    """Each rater against the rest (see :class:`~reviewer.agreement.results.StudyAgreement`)."""
    table, clusters = table_of(crit, CRITERION_UNIT)
    x = table.values.astype(float)
    rows = []
    for j, rater in enumerate(table.raters):
        mine = x[:, j]
        others = np.delete(x, j, axis=1)
        counts = pair_counts(mine, others)
        est = make_estimate(_agreement_stat(counts), "pairwise_agreement", n_raters=x.shape[1],
                            clusters=clusters, n_boot=n_boot, seed=seed)
        rows.append(est.row(rater=rater))
        rows.append(pairwise_macro_f1(mine, others, clusters=clusters, n_boot=n_boot, seed=seed)
                    .row(rater=rater))
        # kappa on the units this rater rated (n = those units, not every unit of the study)
        rated = ~np.isnan(mine)
        maj = majority(others[rated])
        pair = from_wide(np.column_stack([mine[rated], maj]), [u for u, k in zip(table.units, rated, strict=True) if k],
                         [rater, "majority"])
        kappa = compute(pair, "cohen_kappa", categories=BINARY,
                        clusters=clusters[rated] if clusters is not None else None, n_boot=n_boot, seed=seed)
        rows.append({**kappa.row(rater=rater), "statistic": "cohen_kappa_vs_majority"})
        rest = from_wide(others, table.units, [r for r in table.raters if r != rater])
        alpha = compute(rest, "krippendorff_alpha", level="nominal", categories=BINARY, clusters=clusters,
                        n_boot=n_boot, seed=seed)
        rows.append({**alpha.row(rater=rater), "statistic": "alpha_without_rater",
                     "delta": overall_alpha - alpha.value})
    if len(scores):
        wide = scores.pivot_table(index="response_id", columns="rater", values="value", aggfunc="last")
        case_of = scores.drop_duplicates("response_id").set_index("response_id")["case_id"]
        for rater in wide.columns:
            rest = wide.drop(columns=rater).mean(axis=1)
            est = bland_altman(wide[rater].to_numpy(), rest.to_numpy(),
                               clusters=case_of.reindex(wide.index).to_numpy(), n_boot=n_boot, seed=seed)
            row = est.row(rater=rater)
            row.update(statistic="score_bias", level="overall_score", n_raters=wide.shape[1])
            rows.append(row)
    return frame(rows, ["rater"])


def rater_pairs(crit: pd.DataFrame, n_boot: int, seed: int) -> pd.DataFrame:
    """Cohen's kappa and percent agreement for every pair of raters (criteria pooled)."""
    table, clusters = table_of(crit, CRITERION_UNIT)
    x = table.values.astype(float)
    rows = []
    for a, b in combinations(range(len(table.raters)), 2):
        both = ~np.isnan(x[:, a]) & ~np.isnan(x[:, b])
        if not both.any():
            continue
        sub = from_wide(x[both][:, [a, b]], [u for u, k in zip(table.units, both, strict=True) if k],
                        [table.raters[a], table.raters[b]])
        cl = clusters[both] if clusters is not None else None
        labels = {"rater_a": table.raters[a], "rater_b": table.raters[b]}
        for name in ("cohen_kappa", "percent_agreement"):
            est = compute(sub, name, categories=BINARY, clusters=cl, n_boot=n_boot, seed=seed)
            rows.append(est.row(**labels))
    return frame(rows, ["rater_a", "rater_b"])
