"""Pure per-criterion figures for checklist triage (numpy only: no Qt, no database).

Every figure is written as ``finish(column sums of a per-unit feature matrix)`` so that the
bootstrap over units (responses) is one matrix product instead of a loop around the estimate
(the same idea as :mod:`reviewer.stats.bootstrap`; units are the clusters resampled).

- Krippendorff's alpha, nominal (Krippendorff 2011, "Computing Krippendorff's alpha-reliability",
  section C): with ``n_uc`` the number of values of category *c* in unit *u*, ``m_u`` the values
  in the unit (only units with ``m_u >= 2`` are pairable), ``A = Σ_u Σ_c n_uc (n_uc - 1) / (m_u - 1)``
  (the coincidences on the diagonal), ``n_c = Σ_u n_uc`` and ``n = Σ_c n_c``::

      alpha = 1 - (n - 1) (n - A) / (n² - Σ_c n_c²)

  undefined (None) when only one category occurs. The same figure as
  :func:`reviewer.stats.alpha.krippendorff_alpha` and the ``krippendorff`` package (the tests
  check both); computed here for all criteria of a study at once (:func:`batch`), because one
  engine call per criterion costs milliseconds and a HealthBench-sized study has 50,000 criteria.
- Percent agreement: the mean over units of the share of agreeing rater pairs in the unit,
  ``Σ_c n_uc (n_uc - 1) / (m_u (m_u - 1))`` (Fleiss 1971's P_i).
- Judge–rater disagreement: the share of units where the judge's verdict differs from the
  physicians' strict majority (units without a strict majority are left out).
- Confidence intervals: percentile bootstrap over units, ``n_boot`` resamples, seeded.
"""

from __future__ import annotations

import warnings
from collections import Counter
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


CATEGORIES = ("met", "not_met", "na")


def unit_counts(units: Sequence[Sequence[Hashable]], categories: Sequence[Hashable] = CATEGORIES) -> np.ndarray:
    """(units x categories) value counts of the units with at least two values."""
    col = {c: i for i, c in enumerate(categories)}
    rows = [vals for vals in units if len(vals) >= 2]
    out = np.zeros((len(rows), len(categories)))
    for r, vals in enumerate(rows):
        for v in vals:
            out[r, col[v]] += 1
    return out


def alpha_features(counts: np.ndarray) -> np.ndarray:
    """Per-unit features of nominal alpha: [A_u, n_u1, ..., n_uK] (see the module docstring)."""
    m = counts.sum(axis=1)
    a = (counts * (counts - 1)).sum(axis=1) / np.maximum(m - 1, 1)
    return np.column_stack([a, counts])


def alpha_finish(sums: np.ndarray) -> np.ndarray:
    a, nc = sums[..., 0], sums[..., 1:]
    n = nc.sum(axis=-1)
    denom = n * n - (nc * nc).sum(axis=-1)
    ok = denom > 1e-9
    return np.where(ok, 1 - (n - 1) * (n - a) / np.where(ok, denom, 1), np.nan)


def agreement_features(counts: np.ndarray) -> np.ndarray:
    """Per-unit features of percent agreement: [P_u, 1]."""
    m = counts.sum(axis=1)
    p = (counts * (counts - 1)).sum(axis=1) / np.maximum(m * (m - 1), 1)
    return np.column_stack([p, np.ones_like(p)])


def share_features(flags: Sequence[bool]) -> np.ndarray:
    f = np.asarray(flags, dtype=float).reshape(-1)
    return np.column_stack([f, np.ones_like(f)])


def ratio_finish(sums: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return sums[..., 0] / sums[..., 1]


def batch(features: Sequence[np.ndarray], finish: Callable[[np.ndarray], np.ndarray], *,
          n_boot: int = DEFAULT_N_BOOT, seed: int = 0) -> list[Figure]:
    """:func:`bootstrap` for many statistics at once (one per feature matrix, same width p).

    Matrices with the same number of units share one (n_boot x units) resample-count matrix, so
    every group is a single ``einsum``; each statistic still gets its own percentile interval.
    """
    out: list[Figure | None] = [None] * len(features)
    by_n: dict[int, list[int]] = {}
    for i, f in enumerate(features):
        by_n.setdefault(f.shape[0], []).append(i)
    rng = np.random.default_rng(seed)
    tail = (1 - CONFIDENCE) / 2 * 100
    for n, idx in sorted(by_n.items()):
        if n == 0:
            for i in idx:
                out[i] = Figure(None, 0, None)
            continue
        stack = np.stack([features[i] for i in idx])  # (C, n, p)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = finish(stack.sum(axis=1))  # (C,)
            cis: list[tuple[float, float] | None] = [None] * len(idx)
            if n_boot > 0:
                draws = rng.integers(0, n, size=(n_boot, n))
                counts = np.zeros((n_boot, n))
                np.add.at(counts, (np.repeat(np.arange(n_boot), n), draws.ravel()), 1.0)
                for start in range(0, len(idx), 256):  # bounded memory: 256 x n_boot x p
                    part = stack[start:start + 256]
                    boot = np.asarray(finish(np.matmul(counts, part)), dtype=float)  # (C, B)
                    boot[~np.isfinite(boot)] = np.nan
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows: no interval
                        lo, hi = np.nanpercentile(boot, [tail, 100 - tail], axis=1)
                    for j in range(boot.shape[0]):
                        if np.isfinite(lo[j]) and np.isfinite(hi[j]):
                            cis[start + j] = (float(lo[j]), float(hi[j]))
        for j, i in enumerate(idx):
            out[i] = Figure(_clean(float(values[j])), n, cis[j])
    return [f for f in out if f is not None]


def share(flags: Sequence[bool], *, n_boot: int = DEFAULT_N_BOOT, seed: int = 0) -> Figure:
    """The share of True among *flags*, with a bootstrap CI."""
    f = np.asarray(flags, dtype=float)
    feats = np.column_stack([f, np.ones_like(f)])
    return bootstrap(feats, lambda s: s[:, 0] / s[:, 1], n_boot=n_boot, seed=seed)


def majority(values: Sequence[Hashable]) -> Hashable | None:
    """The strict majority value (more than half), or None."""
    if not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return value if count * 2 > len(values) else None


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
