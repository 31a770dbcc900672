"""LLMEval-Med's usability agreement between a judge and the physicians (pure, numpy only).

Reference: Zhang et al. 2025, "LLMEval-Med: A Real-world Clinical Benchmark for Medical LLMs with
Physician Validation" (arXiv:2506.04078, EMNLP 2025 Findings), human-machine agreement analysis:
a response is *usable* when its score on the 1-5 scale is at least 4; the agreement rate is the
share of responses that the judge and the physicians put in the same class (usable / unusable),
reported per area (Figure 5) and per model as a usable / unusable confusion matrix (Figure 6).
The upstream aggregation script (llmeval/LLMEval-Med ``evaluate/Aggregate.py``: ``average_runs``
averages a question's scores over the judging runs, ``usable_count`` counts ``score >= 4`` with
``USABILITY_THRESHOLD = 4.0``) uses the same cut on the mean of the judge's samples. (Its notes say
the paper's MTG usability came from a 5-dimension human evaluation instead; here every area uses
the one threshold.)

* :func:`usable`: ``score >= threshold`` (NaN stays NaN: no class);
* :func:`agreement_rate`: ``(1/n) sum_i [h_i == j_i]`` over the n responses both classed;
* :func:`usability_confusion`: 2 x 2 counts, rows human (usable, unusable), columns judge
  (usable, unusable), the layout of the paper's Figure 6.

Cohen's kappa on the same two class vectors is :func:`reviewer.stats.kappa.cohen_kappa`.
"""

from __future__ import annotations

import numpy as np

DEFAULT_USABLE_THRESHOLD = 4.0


def usable(scores: np.ndarray, threshold: float = DEFAULT_USABLE_THRESHOLD) -> np.ndarray:
    """1.0 where ``score >= threshold`` (usable), 0.0 below, NaN where the score is NaN."""
    s = np.asarray(scores, dtype=float)
    return np.where(np.isnan(s), np.nan, (s >= threshold).astype(float))


def _both(human: np.ndarray, judge: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h, j = np.asarray(human, dtype=float), np.asarray(judge, dtype=float)
    if h.shape != j.shape:
        raise ValueError(f"human and judge classes differ in length: {h.shape} vs {j.shape}")
    ok = ~np.isnan(h) & ~np.isnan(j)
    return h[ok], j[ok]


def agreement_rate(human: np.ndarray, judge: np.ndarray) -> tuple[float, int]:
    """(share of responses classed alike, n) over the responses both classed; (NaN, 0) if none."""
    h, j = _both(human, judge)
    if not len(h):
        return float("nan"), 0
    return float(np.mean(h == j)), int(len(h))


def usability_confusion(human: np.ndarray, judge: np.ndarray) -> list[list[int]]:
    """[[human usable & judge usable, human usable & judge unusable],
    [human unusable & judge usable, human unusable & judge unusable]]."""
    h, j = _both(human, judge)
    return [[int(((h == 1) & (j == 1)).sum()), int(((h == 1) & (j == 0)).sum())],
            [int(((h == 0) & (j == 1)).sum()), int(((h == 0) & (j == 0)).sum())]]
