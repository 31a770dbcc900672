"""Judge-rater agreement: one judge run scored like one more rater against the physicians.

* HealthBench pairwise macro-F1 of the judge, the physician baseline and the judge's percentile
  (:mod:`reviewer.stats.healthbench`);
* kappa, alpha, AC1 and percent agreement against the physician majority label (ties left out);
* alpha with the judge's labels in place of each physician in turn (on the units that physician
  rated) beside the physicians' own alpha;
* correlation and bias of the judge's score against the physicians' mean score per response.

Units are response x criterion; bootstrap intervals resample cases (within one criterion, which is
one case: its responses, as :func:`~reviewer.agreement.raters.pick_clusters` picks).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reviewer.agreement.extract import rubric_scores
from reviewer.agreement.raters import CRITERION_UNIT, group_clusters, table_of
from reviewer.agreement.results import JudgeAgreement, estimates_frame, frame
from reviewer.agreement.tables import BINARY, labels_matrix, majority, to_table, unit_ids
from reviewer.stats import compute, from_wide
from reviewer.stats.bootstrap import MIN_INTERVAL_UNITS
from reviewer.stats.grouped import agreement_by_group, grouped_estimates
from reviewer.stats.healthbench import (
    DEFAULT_MIN_PHYSICIAN_LABELS,
    HealthBenchResult,
    macro_f1,
    meta_evaluation,
    pair_counts,
    pairwise_macro_f1,
    physician_baseline,
)
from reviewer.stats.scores import bland_altman, kendall, pearson, spearman


def _vs_majority(judge: np.ndarray, maj: np.ndarray, units: list[str], clusters: np.ndarray | None,
                 n_boot: int, seed: int) -> list:
    pair = from_wide(np.column_stack([judge, maj]), units, ["judge", "physician_majority"])
    out = [compute(pair, "cohen_kappa", categories=BINARY, clusters=clusters, n_boot=n_boot, seed=seed),
           compute(pair, "krippendorff_alpha", level="nominal", categories=BINARY, clusters=clusters,
                   n_boot=n_boot, seed=seed),
           compute(pair, "gwet_ac1", categories=BINARY, clusters=clusters, n_boot=n_boot, seed=seed),
           compute(pair, "percent_agreement", categories=BINARY, clusters=clusters, n_boot=n_boot, seed=seed)]
    return out


def _group_rows(info: pd.DataFrame, judge: np.ndarray, phys: np.ndarray, maj: np.ndarray, by: list[str],
                n_boot: int, seed: int) -> pd.DataFrame:
    """Per group of *by* (rows with a missing label left out, as ``groupby`` does): the judge's
    pairwise macro-F1 against the physicians and percent agreement with the majority label.

    One pass for all groups (:func:`reviewer.stats.grouped.grouped_estimates` and
    :func:`~reviewer.stats.grouped.agreement_by_group`): the same values and intervals as
    :func:`~reviewer.stats.healthbench.pairwise_macro_f1` and ``compute(.., "percent_agreement")``
    on each group's rows, with the clusters :func:`~reviewer.agreement.raters.pick_clusters` picks
    for the group (one criterion is one case: then its responses); groups of fewer than
    :data:`~reviewer.stats.bootstrap.MIN_INTERVAL_UNITS` units get no interval."""
    group_all = info.groupby(by, sort=True).ngroup().to_numpy()
    keep = group_all >= 0
    if not keep.any():
        return frame([], by)
    info, judge, phys, maj = info[keep].reset_index(drop=True), judge[keep], phys[keep], maj[keep]
    grouping, _cols = group_clusters(info, group_all[keep], "case_id")
    g, n_groups = grouping.group, grouping.n_groups
    counts = pair_counts(judge, phys)
    n_items = np.bincount(g, weights=(counts.sum(axis=1) > 0).astype(float), minlength=n_groups).astype(np.int64)
    rated = np.column_stack([np.bincount(g, weights=(~np.isnan(phys[:, j])).astype(float), minlength=n_groups)
                             for j in range(phys.shape[1])]) if phys.shape[1] else np.zeros((n_groups, 0))
    f1 = grouped_estimates(counts, macro_f1, grouping, "pairwise_macro_f1", n_units=n_items,
                           n_raters=(rated > 0).sum(axis=1), n_boot=n_boot, seed=seed, min_units=MIN_INTERVAL_UNITS)
    pa = agreement_by_group(np.column_stack([judge, maj]), len(BINARY), grouping, ["percent_agreement"],
                            n_boot=n_boot, seed=seed, min_units=MIN_INTERVAL_UNITS)["percent_agreement"]
    first = info.assign(_g=g).drop_duplicates("_g").set_index("_g").sort_index()
    return estimates_frame(first[by].reset_index(drop=True),
                           [(f1, {}), (pa, {"statistic": "percent_agreement_vs_majority"})])


def _swapped(judge: np.ndarray, phys: np.ndarray, raters: list[str], units: list[str],
             clusters: np.ndarray | None, n_boot: int, seed: int) -> pd.DataFrame:
    base = compute(from_wide(phys, units, raters), "krippendorff_alpha", level="nominal",
                   categories=BINARY, clusters=clusters, n_boot=n_boot, seed=seed)
    rows = []
    for j, rater in enumerate(raters):
        x = phys.copy()
        rated = ~np.isnan(x[:, j])
        x[rated, j] = judge[rated]
        est = compute(from_wide(x, units, raters), "krippendorff_alpha", level="nominal",
                      categories=BINARY, clusters=clusters, n_boot=n_boot, seed=seed)
        row = est.row(physician=rater)
        row.update(statistic="alpha_swapped", alpha_physicians=base.row()["value"],
                   alpha_physicians_ci_low=base.ci_low, alpha_physicians_ci_high=base.ci_high,
                   delta=est.value - base.value)
        rows.append(row)
    return frame(rows, ["physician"])


def _scores(crit_j: pd.DataFrame, crit_p: pd.DataFrame, score_j: pd.DataFrame, score_p: pd.DataFrame,
            n_boot: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    data = []
    if len(crit_j):
        points = crit_p.drop_duplicates(["case_id", "criterion_key"])[["case_id", "criterion_key", "points"]]
        j = rubric_scores(crit_j.merge(points, on=["case_id", "criterion_key"], how="left"), "met", by=())
        p = rubric_scores(crit_p, "value", by=("rater",)).groupby("response_id")["score"].mean()
        m = j.set_index("response_id")["score"].to_frame("judge").join(p.rename("physicians"), how="inner")
        data.append(m.assign(basis="rubric_score"))
    if len(score_j) and len(score_p):
        p = score_p.groupby("response_id")["value"].mean()
        m = score_j.groupby("response_id")["score"].last().to_frame("judge").join(p.rename("physicians"),
                                                                                how="inner")
        data.append(m.assign(basis="overall_score"))
    if not data:
        empty = pd.DataFrame(columns=["response_id", "basis", "judge", "physicians", "case_id"])
        return frame([], ["basis"]), empty
    cases = pd.concat([crit_p, score_p])[["response_id", "case_id"]].drop_duplicates("response_id")
    sd = pd.concat(data).reset_index().merge(cases, on="response_id", how="left")
    rows = []
    for basis, g in sd.groupby("basis", sort=False):
        x, y, cl = g["judge"].to_numpy(float), g["physicians"].to_numpy(float), g["case_id"].to_numpy()
        for fn in (pearson, spearman, kendall, bland_altman):
            est = fn(x, y, clusters=cl, n_boot=n_boot, seed=seed)
            rows.append({**est.row(basis=basis), **{k: v for k, v in est.details.items()
                                                    if k in ("sd", "loa_low", "loa_high")}})
    return frame(rows, ["basis"]), sd[["response_id", "case_id", "basis", "judge", "physicians"]]


def _healthbench(judge: np.ndarray, phys: np.ndarray, clusters: np.ndarray | None, jd: pd.DataFrame,
                 crit_p: pd.DataFrame, categories: dict[tuple[int, str], str], min_labels: float,
                 n_boot: int, seed: int) -> HealthBenchResult:
    """HealthBench's numbers as simple-evals computes them (``healthbench_meta_eval.py``
    ``HealthBenchMetaEval.__call__``; ``healthbench_analysis.ipynb`` ``plot_model_physician_agreement``):
    the judge on the rows it graded, every physician on every label they gave (not only the rows
    the judge graded), per category (:func:`~reviewer.agreement.extract.criterion_categories`) and
    theme, with the judge's coverage beside."""
    judge_est = pairwise_macro_f1(judge, phys, clusters=clusters, n_boot=n_boot, seed=seed)
    table, clusters_all = table_of(crit_p, CRITERION_UNIT)
    units, raters = list(table.units), [str(r) for r in table.raters]
    if not units:
        return HealthBenchResult(judge=judge_est, coverage={"rows": 0, "rows_graded": 0, "fraction": None})
    phys_all = table.values.astype(float)
    judge_all = labels_matrix(jd.assign(rater="judge"), CRITERION_UNIT, units, ["judge"], value="met")[:, 0] \
        if len(jd) else np.full(len(units), np.nan)
    info = crit_p.drop_duplicates(["response_id", "criterion_key"]).assign(_u=lambda d: unit_ids(d, CRITERION_UNIT))
    info = info.set_index("_u").reindex(units)
    cats = [categories.get((int(c), str(k)), "") for c, k in zip(info["case_id"], info["criterion_key"], strict=True)]
    meta = meta_evaluation(judge_all, phys_all, raters, cats, min_physician_labels=min_labels)
    baseline = physician_baseline(phys_all, raters, clusters=clusters_all, n_boot=n_boot, seed=seed)
    o = meta.overall
    coverage = {"rows": o.rows, "rows_graded": o.rows_graded,
                "fraction": o.rows_graded / o.rows if o.rows else None}
    return HealthBenchResult(judge=judge_est, physicians=baseline, percentile=o.percentile, meta=meta,
                             coverage=coverage)


def analyze_judge(run_name: str, judge_model: str, crit_j: pd.DataFrame, score_j: pd.DataFrame,
                  crit_p: pd.DataFrame, score_p: pd.DataFrame, n_boot: int, seed: int, *,
                  categories: dict[tuple[int, str], str] | None = None,
                  min_physician_labels: float = DEFAULT_MIN_PHYSICIAN_LABELS) -> JudgeAgreement:
    """The :class:`JudgeAgreement` of one run: *crit_j* / *score_j* from
    :func:`~reviewer.agreement.extract.judge_verdicts`, *crit_p* / *score_p* the physicians';
    *categories*: (case id, criterion key) -> HealthBench category, for the per-theme tables."""
    jd = crit_j[crit_j["met"].notna()]
    units_j = set(unit_ids(jd, CRITERION_UNIT))
    pd_on = crit_p[unit_ids(crit_p, CRITERION_UNIT).isin(units_j)] if len(crit_p) else crit_p
    table, clusters = to_table(pd_on, CRITERION_UNIT)
    units, raters = list(table.units), [str(r) for r in table.raters]
    phys = table.values.astype(float) if len(units) else np.zeros((0, 0))
    judge = labels_matrix(jd.assign(rater="judge"), CRITERION_UNIT, units, ["judge"], value="met")[:, 0] \
        if units else np.zeros(0)
    maj = majority(phys) if len(units) else np.zeros(0)
    hb = _healthbench(judge, phys, clusters, jd, crit_p, categories or {}, min_physician_labels, n_boot, seed)
    vs = frame([e.row() for e in _vs_majority(judge, maj, units, clusters, n_boot, seed)], [])
    info = pd_on.drop_duplicates(["response_id", "criterion_key"]).assign(_u=lambda d: unit_ids(d, CRITERION_UNIT))
    info = info.set_index("_u").reindex(units).reset_index(drop=True)
    by_crit = _group_rows(info, judge, phys, maj, ["case_uid", "case_title", "category", "criterion_key",
                                                    "criterion_text"], n_boot, seed) if units else frame([], [])
    by_cat = _group_rows(info, judge, phys, maj, ["category"], n_boot, seed) if units else frame([], [])
    by_model = _group_rows(info, judge, phys, maj, ["model"], n_boot, seed) if units else frame([], [])
    swapped = _swapped(judge, phys, raters, units, clusters, n_boot, seed) if units else frame([], [])
    scores, score_data = _scores(jd, crit_p, score_j, score_p, n_boot, seed)
    both = ~np.isnan(judge) & ~np.isnan(maj)
    conf = pd.crosstab(pd.Categorical(maj[both], categories=BINARY), pd.Categorical(judge[both], categories=BINARY),
                       dropna=False)
    conf.index = ["not_met", "met"]
    conf.columns = ["not_met", "met"]
    conf.index.name, conf.columns.name = "physician_majority", "judge"
    return JudgeAgreement(judge_run=run_name, judge_model=judge_model, n_items=int((~np.isnan(judge)).sum()),
                          healthbench=hb, vs_majority=vs, swapped=swapped, by_criterion=by_crit,
                          by_category=by_cat, by_model=by_model, scores=scores, score_data=score_data,
                          confusion=conf)
