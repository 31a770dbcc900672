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
* Each physician is scored the same way against the *other* physicians' labels on the items they
  rated, which gives the physician baseline; the judge's *percentile* is the percentage of
  physicians whose pairwise macro-F1 is at most the judge's (``scipy.stats.percentileofscore``,
  kind "weak").

All four pair counts are sums over items, so the cluster bootstrap is vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

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
    n_items = int((counts.sum(axis=1) > 0).sum())
    stat = AdditiveStat(counts, macro_f1, n_items)
    total = counts.sum(axis=0, keepdims=True)
    details = {"pairs": int(total.sum()), "tp": int(total[0, 0]), "fp": int(total[0, 1]),
               "fn": int(total[0, 2]), "tn": int(total[0, 3]),
               "f1_met": float(f1_met(total)[0]), "f1_not_met": float(f1_not_met(total)[0])}
    n_raters = int((~np.isnan(np.atleast_2d(np.asarray(other_labels, float).T).T)).any(axis=0).sum())
    return make_estimate(stat, name, n_raters=n_raters, clusters=clusters, n_boot=n_boot, seed=seed,
                         details=details)


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

    @property
    def physician_mean(self) -> float | None:
        vals = [e.value for e in self.physicians.values() if np.isfinite(e.value)]
        return float(np.mean(vals)) if vals else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairwise_macro_f1": _clean(self.judge.value),
            "judge": self.judge.to_dict(),
            "physician_pairwise_macro_f1": {k: _clean(v.value) for k, v in self.physicians.items()},
            "physicians": {k: v.to_dict() for k, v in self.physicians.items()},
            "physician_mean": self.physician_mean,
            "percentile": self.percentile,
        }


def physician_baseline(labels: np.ndarray, raters: list[Any], *, clusters: np.ndarray | None = None,
                       n_boot: int = 0, seed: int | None = 0) -> dict[str, Estimate]:
    """Each physician (column of *labels*, items x physicians, 0/1/NaN) against the others'
    labels on the items they rated: HealthBench's physician baseline (same pairwise macro-F1)."""
    out: dict[str, Estimate] = {}
    for j, rater in enumerate(raters):
        others = np.delete(labels, j, axis=1)
        out[str(rater)] = pairwise_macro_f1(labels[:, j], others, clusters=clusters, n_boot=n_boot,
                                            seed=seed)
    return out


def judge_vs_physicians(judge_labels: np.ndarray, physician_labels: np.ndarray, raters: list[Any], *,
                        clusters: np.ndarray | None = None, n_boot: int = 0,
                        seed: int | None = 0) -> HealthBenchResult:
    """The judge's pairwise macro-F1, the physician baseline and the judge's percentile
    (percentage of physicians whose pairwise macro-F1 is <= the judge's; HealthBench sec. 7)."""
    judge = pairwise_macro_f1(judge_labels, physician_labels, clusters=clusters, n_boot=n_boot, seed=seed)
    phys = physician_baseline(physician_labels, raters, clusters=clusters, n_boot=n_boot, seed=seed)
    scores = [e.value for e in phys.values() if np.isfinite(e.value)]
    pct = None
    if scores and np.isfinite(judge.value):
        pct = float(stats.percentileofscore(scores, judge.value, kind="weak"))
    return HealthBenchResult(judge=judge, physicians=phys, percentile=pct)
