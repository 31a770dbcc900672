"""HealthBench's pairwise macro-F1: a grader (LLM judge or physician) against physicians.

Method of the HealthBench meta-evaluation (Arora et al. 2025, "HealthBench: Evaluating Large
Language Models Towards Improved Human Health", OpenAI; code ``simple-evals``,
``healthbench_meta_eval.py``, ``compute_metrics_for_rater_by_class``):

* For every item (response x criterion) and every physician label on it, the grader's label is
  compared with that physician's label -- one *pair* per physician label.
* Over all pairs: precision and recall of "met" (TP / (TP + FP), TP / (TP + FN)) give
  F1_met = 2PR / (P + R); the same with "not met" as the positive class gives F1_not_met;
  F1 is undefined when its precision or recall is (no predictions / no true labels of the class).
* Pairwise macro-F1 = (F1_met + F1_not_met) / 2.
* Each physician is scored the same way against the *other* physicians' labels on every item they
  rated, which gives the physician baseline; the judge's *percentile* among physicians is
  (physicians below + 1/2 x physicians equal) / physicians x 100 (simple-evals
  ``healthbench_scripts/healthbench_analysis.ipynb``, ``plot_model_physician_agreement``).
* :func:`meta_evaluation` gives the reference's tables: per category and per theme, the
  physician baseline as the n-weighted mean, the percentile over physicians with n > 50.

All four pair counts are sums over items, so the cluster bootstrap is vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reviewer.stats.bootstrap import AdditiveStat, make_estimate
from reviewer.stats.results import Estimate, _clean


def pair_counts(self_labels: np.ndarray, other_labels: np.ndarray) -> np.ndarray:
    """Per-item pair counts (items x 4: TP, FP, FN, TN) of a grader's 0/1 labels (NaN = none)
    against a matrix (items x raters) of other raters' 0/1 labels (NaN = not rated)."""
    s = np.asarray(self_labels, dtype=float)[:, None]
    o = np.asarray(other_labels, dtype=float)
    if o.ndim == 1:
        o = o[:, None]
    valid = ~np.isnan(o) & ~np.isnan(s)
    sp = (s == 1) & valid
    sn = (s == 0) & valid
    op = o == 1
    on = o == 0
    return np.column_stack([(sp & op).sum(1), (sp & on).sum(1), (sn & op).sum(1), (sn & on).sum(1)]
                           ).astype(float)


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = tp / (tp + fp)
        r = tp / (tp + fn)
        f1 = np.where((p + r) > 0, 2 * p * r / (p + r), 0.0)
    return np.where(np.isnan(p) | np.isnan(r), np.nan, f1)


def f1_met(s: np.ndarray) -> np.ndarray:
    """F1 of "met" from (B x 4) pair counts [TP, FP, FN, TN]."""
    return _f1(s[:, 0], s[:, 1], s[:, 2])


def f1_not_met(s: np.ndarray) -> np.ndarray:
    """F1 of "not met": TN plays true positive, FN false positive, FP false negative."""
    return _f1(s[:, 3], s[:, 2], s[:, 1])


def macro_f1(s: np.ndarray) -> np.ndarray:
    """(F1_met + F1_not_met) / 2 from (B x 4) pair counts (NaN if either is undefined)."""
    return (f1_met(s) + f1_not_met(s)) / 2.0


def pairwise_macro_f1(self_labels: np.ndarray, other_labels: np.ndarray, *, name: str = "pairwise_macro_f1",
                      clusters: np.ndarray | None = None, n_boot: int = 0,
                      seed: int | None = 0) -> Estimate:
    """Pairwise macro-F1 of *self_labels* (items,) against *other_labels* (items x raters):
    ``(F1_met + F1_not_met) / 2`` over all (item, other label) pairs, F1 = 2PR / (P + R)
    (Arora et al. 2025, HealthBench meta-evaluation; simple-evals ``healthbench_meta_eval.py``).

    ``n_units``: items with at least one pair; ``details``: pair counts and both class F1s.
    """
    counts = pair_counts(self_labels, other_labels)
    n_raters = int((~np.isnan(np.atleast_2d(np.asarray(other_labels, float).T).T)).any(axis=0).sum())
    return _estimate(counts, name, n_raters, clusters, n_boot, seed)


def _estimate(counts: np.ndarray, name: str, n_raters: int, clusters: np.ndarray | None, n_boot: int,
              seed: int | None) -> Estimate:
    n_items = int((counts.sum(axis=1) > 0).sum())
    stat = AdditiveStat(counts, macro_f1, n_items)
    total = counts.sum(axis=0, keepdims=True)
    details = {"pairs": int(total.sum()), "tp": int(total[0, 0]), "fp": int(total[0, 1]),
               "fn": int(total[0, 2]), "tn": int(total[0, 3]),
               "f1_met": float(f1_met(total)[0]), "f1_not_met": float(f1_not_met(total)[0])}
    return make_estimate(stat, name, n_raters=n_raters, clusters=clusters, n_boot=n_boot, seed=seed,
                         details=details)


def leave_one_out_counts(labels: np.ndarray, j: int, pos: np.ndarray | None = None,
                         neg: np.ndarray | None = None) -> np.ndarray:
    """:func:`pair_counts` of column *j* of *labels* (items x raters, 0/1/NaN) against the other
    columns, in O(items): the others' met / not-met counts per item are the row totals (*pos*,
    *neg*, computed when not given) less the rater's own label."""
    x = np.asarray(labels, dtype=float)
    pos = (x == 1).sum(axis=1) if pos is None else pos
    neg = (x == 0).sum(axis=1) if neg is None else neg
    sp, sn = x[:, j] == 1, x[:, j] == 0
    return np.column_stack([sp * (pos - 1), sp * neg, sn * pos, sn * (neg - 1)]).astype(float)


@dataclass
class HealthBenchResult:
    """Judge vs physicians in HealthBench's terms.

    ``judge``: the judge's pairwise macro-F1 (Estimate, with CI); ``physicians``: each physician's
    pairwise macro-F1 against the other physicians (rater id -> Estimate); ``percentile``: the
    judge's percentile among the physicians (None when no physician has a defined score).
    """

    judge: Estimate
    physicians: dict[str, Estimate] = field(default_factory=dict)
    percentile: float | None = None
    meta: MetaEvaluation | None = None
    coverage: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "pairwise_macro_f1": _clean(self.judge.value),
            "judge": self.judge.to_dict(),
            "physician_pairwise_macro_f1": {k: _clean(v.value) for k, v in self.physicians.items()},
            "physicians": {k: v.to_dict() for k, v in self.physicians.items()},
            "percentile": self.percentile,
            "grader_coverage": self.coverage,
        }
        if self.meta is not None:
            m = self.meta
            out.update(physician_weighted_mean=m.overall.physician_weighted_mean,
                       percentile=m.overall.percentile, n_physicians=m.overall.n_physicians,
                       n_physicians_kept=m.overall.n_physicians_kept,
                       min_physician_labels=m.min_physician_labels,
                       by_theme={k: g.to_dict() for k, g in m.by_theme.items()},
                       by_category={k: g.to_dict() for k, g in m.by_category.items()})
        return out


def physician_baseline(labels: np.ndarray, raters: list[Any], *, clusters: np.ndarray | None = None,
                       n_boot: int = 0, seed: int | None = 0) -> dict[str, Estimate]:
    """Each physician (column of *labels*, items x physicians, 0/1/NaN) against the others'
    labels on the items they rated: HealthBench's physician baseline (same pairwise macro-F1)."""
    x = np.asarray(labels, dtype=float)
    pos, neg = (x == 1).sum(axis=1), (x == 0).sum(axis=1)
    has = (~np.isnan(x)).any(axis=0)
    out: dict[str, Estimate] = {}
    for j, rater in enumerate(raters):
        out[str(rater)] = _estimate(leave_one_out_counts(x, j, pos, neg), "pairwise_macro_f1",
                                    int(has.sum() - has[j]), clusters, n_boot, seed)
    return out


def judge_vs_physicians(judge_labels: np.ndarray, physician_labels: np.ndarray, raters: list[Any], *,
                        clusters: np.ndarray | None = None, n_boot: int = 0,
                        seed: int | None = 0) -> HealthBenchResult:
    """The judge's pairwise macro-F1, the physician baseline and the judge's percentile among all
    physicians with a defined score (:func:`midrank_percentile`, the reference's formula; the
    reference's filter on n and weighting come with :func:`meta_evaluation`)."""
    judge = pairwise_macro_f1(judge_labels, physician_labels, clusters=clusters, n_boot=n_boot, seed=seed)
    phys = physician_baseline(physician_labels, raters, clusters=clusters, n_boot=n_boot, seed=seed)
    scores = [e.value for e in phys.values() if np.isfinite(e.value)]
    pct = None
    if scores and np.isfinite(judge.value):
        pct = midrank_percentile(scores, judge.value)
    return HealthBenchResult(judge=judge, physicians=phys, percentile=pct)


# --- the reference's meta-evaluation tables (per category, per theme, weighted baseline, percentile) ---

DEFAULT_MIN_PHYSICIAN_LABELS = 50
"""``MIN_SAMPLES`` of simple-evals ``healthbench_scripts/healthbench_analysis.ipynb``,
``plot_model_physician_agreement``: a physician enters the percentile when their ``n`` is above it."""


def theme_of(category: str) -> str | None:
    """The theme of a meta-evaluation category: the text between ``cluster:`` and the first ``_``
    (``cluster:emergency_referrals_emergent`` -> ``emergency``), as ``plot_model_physician_agreement``
    in simple-evals ``healthbench_analysis.ipynb`` names it (``c.replace('cluster:', '').split('_', 1)[0]``,
    only for keys starting with ``cluster:``). None for a category without the ``cluster:`` prefix."""
    if not category.startswith("cluster:"):
        return None
    return category[len("cluster:"):].split("_", 1)[0]


def reference_balanced_f1(counts: np.ndarray) -> tuple[float, float] | None:
    """``(value, n)`` of ``pairwise_*_f1_balanced`` from summed pair counts [TP, FP, FN, TN].

    simple-evals ``healthbench_meta_eval.py``: ``compute_metrics_for_rater_by_class`` keeps one
    precision list per class of the rater's own label and one recall list per class of the other
    label; ``get_f1_metrics`` / ``compute_f1_metric`` give F1 = 2PR / (P + R) (0 when P = R = 0)
    with ``n = n_precision + n_recall - TP``; ``get_balanced_metrics`` / ``compute_balanced_metric``
    give ``(F1_pos + F1_neg) / 2`` with ``n = n_pos + n_neg``. A class whose precision or recall list
    is empty has no F1 key there, so the balanced value does not exist: None here.
    """
    tp, fp, fn, tn = (float(x) for x in counts)

    def f1(t: float, self_n: float, other_n: float) -> tuple[float, float] | None:
        if self_n == 0 or other_n == 0:
            return None
        p, r = t / self_n, t / other_n
        value = 0.0 if p == 0 and r == 0 else 2 * (p * r) / (p + r)
        return value, self_n + other_n - p * self_n

    pos = f1(tp, tp + fp, tp + fn)
    neg = f1(tn, tn + fn, tn + fp)
    if pos is None or neg is None:
        return None
    return (pos[0] + neg[0]) / 2, pos[1] + neg[1]


def weighted_mean(values_and_ns: list[tuple[float, float]]) -> tuple[float, float] | None:
    """``agg_n_and_val_list`` of ``healthbench_analysis.ipynb``: sum(value x n) / sum(n), sum(n)."""
    if not values_and_ns:
        return None
    total = sum(n for _, n in values_and_ns)
    return sum(v * n for v, n in values_and_ns) / total, total


def midrank_percentile(scores: list[float], value: float) -> float | None:
    """The grader's percentile among physicians, ``plot_model_physician_agreement``
    (``healthbench_analysis.ipynb``): (physicians below + 1/2 x physicians equal) / physicians x 100."""
    if not scores:
        return None
    arr = np.asarray(scores, dtype=float)
    return float((np.sum(arr < value) + 0.5 * np.sum(arr == value)) / len(arr) * 100)


@dataclass
class MetaGroup:
    """One row of the reference's summary table (one theme, one category, or everything)."""

    grader_macro_f1: float | None
    grader_n: float
    physician_weighted_mean: float | None
    percentile: float | None
    n_physicians: int
    n_physicians_kept: int
    physicians: dict[str, float] = field(default_factory=dict)
    rows: int = 0
    rows_graded: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"grader_macro_f1": self.grader_macro_f1, "grader_n": self.grader_n,
                "physician_weighted_mean": self.physician_weighted_mean, "percentile": self.percentile,
                "n_physicians": self.n_physicians, "n_physicians_kept": self.n_physicians_kept,
                "rows": self.rows, "rows_graded": self.rows_graded,
                "grader_coverage": self.rows_graded / self.rows if self.rows else None}


def _group(grader: tuple[float, float] | None, phys: dict[str, tuple[float, float]],
           min_n: float) -> MetaGroup:
    """Weighted physician mean over all physicians; percentile over those with n > *min_n*."""
    mean = weighted_mean(list(phys.values()))
    kept = [v for v, n in phys.values() if n > min_n]
    pct = midrank_percentile(kept, grader[0]) if grader is not None else None
    return MetaGroup(grader[0] if grader else None, grader[1] if grader else 0.0,
                     mean[0] if mean else None, pct, len(phys), len(kept),
                     {k: v for k, (v, _) in phys.items()})


@dataclass
class MetaEvaluation:
    """The grader against physicians as simple-evals reports it: ``overall`` (pooled over all rows:
    ``pairwise_model_f1_balanced`` and each physician's ``pairwise_physician_f1_balanced``),
    ``by_category`` (one ``cluster:`` key each) and ``by_theme`` (the per-category values of the
    theme's categories aggregated by ``agg_n_and_val_list``, as ``plot_model_physician_agreement``)."""

    overall: MetaGroup
    by_category: dict[str, MetaGroup]
    by_theme: dict[str, MetaGroup]
    min_physician_labels: float


def meta_evaluation(grader: np.ndarray, physicians: np.ndarray, raters: list[Any], categories: list[str], *,
                    min_physician_labels: float = DEFAULT_MIN_PHYSICIAN_LABELS) -> MetaEvaluation:
    """simple-evals' meta-evaluation numbers from rows (item x criterion): *grader* (rows,) 0/1/NaN,
    *physicians* (rows x physicians) 0/1/NaN, *categories* one per row ('' = none).

    The grader is compared with every physician label of the rows it graded; each physician with
    the other physicians' labels on every row they labelled (``HealthBenchMetaEval.__call__``).
    Per category, a rater's ``(value, n)`` is :func:`reference_balanced_f1` of its pair counts;
    a theme aggregates its categories with :func:`weighted_mean`, skipping a category where that
    rater's balanced F1 does not exist; the physician baseline is :func:`weighted_mean` over all
    physicians, the percentile :func:`midrank_percentile` over physicians whose ``n`` exceeds
    *min_physician_labels*.
    """
    phys = np.asarray(physicians, dtype=float)
    if phys.ndim == 1:
        phys = phys[:, None]
    cats = np.asarray(categories, dtype=object)
    names = sorted({c for c in categories if c})
    per_rater: dict[str, np.ndarray] = {"": pair_counts(np.asarray(grader, dtype=float), phys)}
    pos, neg = (phys == 1).sum(axis=1), (phys == 0).sum(axis=1)
    for j, rater in enumerate(raters):
        per_rater[str(rater)] = leave_one_out_counts(phys, j, pos, neg)
    index = {c: i for i, c in enumerate(names)}
    codes = np.asarray([index.get(c, -1) for c in categories], dtype=int).reshape(-1)
    by_cat_counts: dict[str, dict[str, np.ndarray]] = {c: {} for c in names}
    for r, m in per_rater.items():
        sums = np.zeros((len(names) + 1, 4))
        np.add.at(sums, codes, m)  # row -1 (the last) collects rows without a category
        for i, c in enumerate(names):
            by_cat_counts[c][r] = sums[i]
    cat_values = {c: {r: reference_balanced_f1(v) for r, v in d.items()} for c, d in by_cat_counts.items()}

    def split(values: dict[str, tuple[float, float] | None]) -> tuple[Any, dict[str, tuple[float, float]]]:
        return values.get(""), {r: v for r, v in values.items() if r and v is not None}

    overall = _group(*split({r: reference_balanced_f1(m.sum(axis=0)) for r, m in per_rater.items()}),
                     min_physician_labels)
    by_category = {c: _group(*split(cat_values[c]), min_physician_labels) for c in names}
    by_theme: dict[str, MetaGroup] = {}
    for theme in sorted({t for c in names if (t := theme_of(c)) is not None}):
        members = [c for c in names if theme_of(c) == theme]
        agg = {r: weighted_mean([v for c in members if (v := cat_values[c][r]) is not None])
               for r in per_rater}
        by_theme[theme] = _group(*split(agg), min_physician_labels)
    labelled = (~np.isnan(phys)).any(axis=1)
    graded = labelled & ~np.isnan(np.asarray(grader, dtype=float))
    themes = np.asarray([theme_of(c) or "" for c in categories], dtype=object)
    for group, mask in [(overall, np.ones(len(cats), bool)),
                        *((g, cats == c) for c, g in by_category.items()),
                        *((g, themes == t) for t, g in by_theme.items())]:
        group.rows, group.rows_graded = int((labelled & mask).sum()), int((graded & mask).sum())
    return MetaEvaluation(overall, by_category, by_theme, min_physician_labels)
