"""Pure per-criterion figures for checklist triage (numpy only: no Qt, no database).

Every figure is written as ``finish(column sums of a per-unit feature matrix)`` so that the
bootstrap over units (responses) is one matrix product instead of a loop around the estimate
(the same idea as :mod:`reviewer.agreement.bootstrap`; units are the clusters resampled).

- (Rater–rater alpha and percent agreement come from :mod:`reviewer.agreement`.)
- Judge–rater disagreement: the share of units where the judge's verdict differs from the
  physicians' strict majority (units without a strict majority are left out).
- Confidence intervals: percentile bootstrap over units, ``n_boot`` resamples, seeded.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_N_BOOT = 1000
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Figure:
    """A value with its n and percentile bootstrap CI (None when undefined / no resample defined)."""

    value: float | None
    n: int
    ci: tuple[float, float] | None


def _clean(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def bootstrap(features: np.ndarray, finish: Callable[[np.ndarray], np.ndarray], *,
              n_boot: int = DEFAULT_N_BOOT, seed: int = 0) -> Figure:
    """Point value ``finish(F.sum(0))`` and the percentile CI over resampled units (rows of F)."""
    n = features.shape[0]
    if n == 0:
        return Figure(None, 0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = float(finish(features.sum(axis=0, keepdims=True))[0])
        ci = None
        if n_boot > 0:
            rng = np.random.default_rng(seed)
            idx = rng.integers(0, n, size=(n_boot, n))
            counts = np.zeros((n_boot, n))
            np.add.at(counts, (np.repeat(np.arange(n_boot), n), idx.ravel()), 1.0)
            values = np.asarray(finish(counts @ features), dtype=float)
            finite = values[np.isfinite(values)]
            if finite.size:
                tail = (1 - CONFIDENCE) / 2 * 100
                lo, hi = np.percentile(finite, [tail, 100 - tail])
                ci = (float(lo), float(hi))
    return Figure(_clean(value), n, ci)


def share(flags: Sequence[bool], *, n_boot: int = DEFAULT_N_BOOT, seed: int = 0) -> Figure:
    """The share of True among *flags*, with a bootstrap CI."""
    f = np.asarray(flags, dtype=float)
    feats = np.column_stack([f, np.ones_like(f)])
    return bootstrap(feats, lambda s: s[:, 0] / s[:, 1], n_boot=n_boot, seed=seed)


def majority(values: Sequence[Hashable]) -> Hashable | None:
    """The strict majority value (more than half), or None."""
    if not values:
        return None
    uniq, counts = np.unique(np.asarray([str(v) for v in values]), return_counts=True)
    best = int(np.argmax(counts))
    if counts[best] * 2 > len(values):
        wanted = uniq[best]
        return next(v for v in values if str(v) == wanted)
    return None


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Unweighted Cohen's kappa of two label lists (None when undefined: p_e = 1)."""
    if not a:
        return None
    cats = sorted({*map(str, a), *map(str, b)})
    ia = np.array([cats.index(str(x)) for x in a])
    ib = np.array([cats.index(str(x)) for x in b])
    po = float(np.mean(ia == ib))
    pa = np.bincount(ia, minlength=len(cats)) / len(ia)
    pb = np.bincount(ib, minlength=len(cats)) / len(ib)
    pe = float(pa @ pb)
    return None if pe >= 1 else (po - pe) / (1 - pe)


# ------------------------------------------------------------------------------ trouble score
SHRINK = 2.0
FEEDBACK_HALF = 2.0


def evidence(n: int) -> float:
    """Weight of n units of evidence: n / (n + 2), so 1 unit counts a third, 10 units 83%."""
    return n / (n + SHRINK) if n > 0 else 0.0


def trouble_score(alpha: float | None, pct: float | None, n_rr: int, judge_disagreement: float | None,
                  n_jr: int, feedback: int) -> float:
    """Combined trouble in [0, 1]; higher is worse. The mean of three parts:

    - rater–rater: ``1 - max(alpha, 0)``, or ``1 - percent agreement`` where alpha is undefined
      (all values equal: then it is 0), times ``evidence(n_rr)``;
    - judge–rater: the share of answers where the judge differs from the physician majority,
      times ``evidence(n_jr)``;
    - feedback: ``f / (f + 2)`` for *f* feedback notes (one note 0.33, two 0.5, six 0.75).

    A missing part counts as 0, so a criterion rises only on evidence of trouble; the evidence
    weights keep a criterion seen on one or two answers from outranking one with the same figures
    on twenty. The CIs in the triage rows show the remaining small-n noise.
    """
    if alpha is not None:
        rr = 1.0 - max(alpha, 0.0)
    elif pct is not None:
        rr = 1.0 - pct
    else:
        rr = 0.0
    jr = judge_disagreement or 0.0
    fb = feedback / (feedback + FEEDBACK_HALF) if feedback > 0 else 0.0
    return (rr * evidence(n_rr) + jr * evidence(n_jr) + fb) / 3.0
