"""Judge-physician agreement from a stratified sample: weighted estimators and a design bootstrap.

When physicians rate only a sample drawn by stratum (:mod:`reviewer.stats.sampling`), a plain
average over the rated items over-represents the strata sampled heavily (the items the judge was
unsure of, where it errs most) and so understates agreement. Here every rated item carries the
weight ``w_i = N_h / n_h`` (its stratum's size over the items rated in it: the inverse of its
inclusion probability ``pi_i = n_h / N_h``), which makes the weighted sums Horvitz-Thompson
estimators of the population totals (Horvitz & Thompson 1952, "A generalization of sampling
without replacement from a finite universe", JASA 47:663-685; for stratified simple random
sampling, Cochran 1977, *Sampling Techniques*, 3rd ed., ch. 5).

Every statistic is a function of the four pair counts of HealthBench's meta-evaluation
(:func:`reviewer.stats.healthbench.pair_counts`: judge met / physician met, TP FP FN TN) summed
over items, so each is estimated by plugging the weighted totals into its formula:

* ``agreement_rate``: ``(TP + TN) / (TP + FP + FN + TN)`` -- a ratio of two totals, the
  combined ratio estimator (Cochran 1977, ch. 6);
* ``kappa``: Cohen's kappa (Cohen 1960) of the weighted 2 x 2 table;
* ``macro_f1``: HealthBench's ``(F1_met + F1_not_met) / 2`` (:func:`reviewer.stats.healthbench.macro_f1`)
  of the weighted table.

Totals are exactly unbiased; the ratios are consistent (bias O(1/n), Cochran 1977, ch. 6).

The interval is the percentile interval of the **rescaling bootstrap** of Rao & Wu (1988,
"Resampling inference with complex survey data", JASA 83:231-241; Rao, Wu & Yue 1992, *Survey
Methodology* 18:209-217): inside every stratum, ``n_h - 1`` of its ``n_h`` rated items are drawn
with replacement and each draw weighs ``N_h / (n_h - 1)``. Resampling within strata keeps each
stratum's share fixed, as the design did, and the ``n_h - 1`` rescaling makes the bootstrap
variance of a total equal the textbook stratified variance ``sum_h N_h^2 s_h^2 / n_h`` (without
the finite-population correction, so slightly conservative). A stratum with a single rated item
contributes its weighted sums to every resample unchanged (no variance can be estimated from one
item; ``details["strata_without_variance"]`` counts them). With few items the percentiles are
taken at Hesterberg's expanded level (:func:`expanded_level`), Student's t with Satterthwaite's
effective degrees of freedom (:func:`effective_df`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import stats

from reviewer.stats.bootstrap import DEFAULT_CONFIDENCE, percentile_ci
from reviewer.stats.healthbench import macro_f1
from reviewer.stats.results import Estimate


def agreement_rate(s: np.ndarray) -> np.ndarray:
    """Share of pairs where judge and physician agree, from (B x 4) counts [TP, FP, FN, TN]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (s[:, 0] + s[:, 3]) / s.sum(axis=1)


def kappa(s: np.ndarray) -> np.ndarray:
    """Cohen's (1960) kappa of the 2 x 2 table [TP, FP, FN, TN] (rows: judge met / not met):
    ``(p_o - p_e) / (1 - p_e)``, ``p_e = p_judge_met p_phys_met + p_judge_not p_phys_not``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        n = s.sum(axis=1)
        po = (s[:, 0] + s[:, 3]) / n
        judge_met = (s[:, 0] + s[:, 1]) / n
        phys_met = (s[:, 0] + s[:, 2]) / n
        pe = judge_met * phys_met + (1 - judge_met) * (1 - phys_met)
        return (po - pe) / (1 - pe)


FINISHERS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "agreement_rate": agreement_rate, "kappa": kappa, "macro_f1": macro_f1}
STATISTICS = tuple(FINISHERS)


def _check(features: np.ndarray, strata: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    f = np.asarray(features, dtype=float).reshape(-1, 4)
    h = np.asarray(strata, dtype=np.int64)
    N = np.asarray(sizes, dtype=float)
    if h.shape[0] != f.shape[0]:
        raise ValueError(f"{f.shape[0]} feature rows but {h.shape[0]} strata labels")
    if h.size and (h.min() < 0 or h.max() >= N.size):
        raise ValueError("a stratum label outside 0..len(sizes)-1")
    return f, h, N


def item_weights(strata: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """``N_h / n_h`` for each rated item (``n_h``: rated items of its stratum)."""
    h = np.asarray(strata, dtype=np.int64)
    N = np.asarray(sizes, dtype=float)
    n = np.bincount(h, minlength=N.size).astype(float)
    return N[h] / n[h]


def weighted_totals(features: np.ndarray, strata: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Horvitz-Thompson estimate of the population's four pair counts (a length-4 array)."""
    f, h, N = _check(features, strata, sizes)
    return (item_weights(h, N)[:, None] * f).sum(axis=0)


def rao_wu_totals(features: np.ndarray, strata: np.ndarray, sizes: np.ndarray, n_boot: int,
                  rng: np.random.Generator) -> np.ndarray:
    """(n_boot x 4) bootstrap totals of the Rao-Wu rescaling bootstrap (see the module doc)."""
    f, h, N = _check(features, strata, sizes)
    out = np.zeros((n_boot, 4))
    for stratum in np.unique(h):
        rows = f[h == stratum]
        n = rows.shape[0]
        if n == 1:
            out += N[stratum] * rows[0]
            continue
        counts = rng.multinomial(n - 1, np.full(n, 1.0 / n), size=n_boot).astype(float)
        out += (N[stratum] / (n - 1)) * (counts @ rows)
    return out


def stratified_estimate(features: np.ndarray, strata: np.ndarray, sizes: np.ndarray, statistic: str, *,
                        n_boot: int = 1000, seed: int | np.random.Generator | None = 0,
                        confidence: float = DEFAULT_CONFIDENCE, expand: bool = True) -> Estimate:
    """*statistic* (``agreement_rate``, ``kappa`` or ``macro_f1``) of judge against physicians
    estimated from the rated items of a stratified sample, with its Rao-Wu bootstrap interval.

    *features*: (items x 4) pair counts of each rated item (TP, FP, FN, TN); *strata*: each item's
    stratum; *sizes*: ``N_h`` of every stratum of the population. Strata with items in the
    population but none rated are not represented: ``details["uncovered_items"]`` says how many
    population items that leaves out (the estimate then describes the covered strata only).
    """
    if statistic not in FINISHERS:
        raise ValueError(f"unknown statistic {statistic!r} (use {', '.join(STATISTICS)})")
    f, h, N = _check(features, strata, sizes)
    finish = FINISHERS[statistic]
    n_h = np.bincount(h, minlength=N.size)
    details = {"strata": int(N.size), "uncovered_items": int(N[n_h == 0].sum()),
               "strata_without_variance": int((n_h == 1).sum()), "population_items": int(N.sum()),
               "design": "stratified, weights N_h/n_h; Rao-Wu rescaling bootstrap"}
    if f.shape[0] == 0:
        return Estimate(statistic, float("nan"), 0, n_raters=0, confidence=confidence, details=details)
    total = weighted_totals(f, h, N)
    df = effective_df(f, h, N)
    level = expanded_level(confidence, df) if expand else confidence
    with np.errstate(divide="ignore", invalid="ignore"):
        value = float(finish(total[None, :])[0])
        ci = None
        if n_boot > 0:
            rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
            ci = percentile_ci(np.asarray(finish(rao_wu_totals(f, h, N, n_boot, rng)), dtype=float), level)
    details["pairs_rated"] = int(f.sum())
    details["effective_df"] = float(df)
    details["percentile_level"] = float(level)
    return Estimate(statistic, value, int(f.shape[0]), n_raters=0, ci=ci, n_boot=n_boot if ci else 0,
                    confidence=confidence, level="stratified", details=details)


def effective_df(features: np.ndarray, strata: np.ndarray, sizes: np.ndarray) -> float:
    """Satterthwaite's (1946, Biometrics Bulletin 2:110-114) effective degrees of freedom of the
    stratified variance ``sum_h g_h s_h^2`` with ``g_h = N_h (N_h - n_h) / n_h`` (Cochran 1977,
    ch. 5): ``(sum g_h s_h^2)^2 / sum g_h^2 s_h^4 / (n_h - 1)``, on the items' linearised
    agreement (:func:`stratum_variances`). Infinity when no stratum shows any spread."""
    f, h, N = _check(features, strata, sizes)
    n = np.bincount(h, minlength=N.size).astype(float)
    var = stratum_variances(f, h, N.size)
    ok = (n >= 2) & np.isfinite(var) & (var > 0)
    if not ok.any():
        return float("inf")
    g = N[ok] * np.maximum(N[ok] - n[ok], 0.0) / n[ok]
    num = (g * var[ok]).sum() ** 2
    den = (g ** 2 * var[ok] ** 2 / (n[ok] - 1)).sum()
    return float(num / den) if den > 0 else float("inf")


def expanded_level(confidence: float, df: float) -> float:
    """Hesterberg's (2015, "What Teachers Should Know About the Bootstrap", *The American
    Statistician* 69:371-386, sec. 5.3) *expanded percentile interval*: the percentile interval at
    the level whose normal quantile equals Student's t quantile with *df* degrees of freedom, so
    that a small sample's interval is as wide as a t interval rather than a z one. (The ``n/(n-1)``
    factor Hesterberg adds is already in the Rao-Wu rescaling.)"""
    if not np.isfinite(df) or df <= 0:
        return confidence
    tail = (1.0 - confidence) / 2.0
    z = float(stats.t.ppf(1.0 - tail, df))
    return float(1.0 - 2.0 * stats.norm.sf(z))


def unweighted_estimate(features: np.ndarray, statistic: str) -> float:
    """The same statistic over the rated items as if they were the population (no weights): what
    a plain average reports, biased when the items were not drawn with equal chances."""
    f = np.asarray(features, dtype=float).reshape(-1, 4)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(FINISHERS[statistic](f.sum(axis=0)[None, :])[0])


def stratum_variances(features: np.ndarray, strata: np.ndarray, n_strata: int) -> np.ndarray:
    """Within-stratum variance (ddof 1; NaN under two items) of each item's linearised agreement
    ``z_i = (a_i - R c_i) / mean(c)`` (``a_i`` agreeing pairs, ``c_i`` pairs, ``R`` the pooled
    agreement rate): the influence of an item on the agreement-rate ratio (Woodruff 1971, JASA
    66:411-414), which steers the Neyman allocation for every statistic."""
    f = np.asarray(features, dtype=float).reshape(-1, 4)
    h = np.asarray(strata, dtype=np.int64)
    out = np.full(n_strata, np.nan)
    if f.shape[0] == 0:
        return out
    a = f[:, 0] + f[:, 3]
    c = f.sum(axis=1)
    scale = c.mean() if c.mean() > 0 else 1.0
    rate = a.sum() / c.sum() if c.sum() > 0 else 0.0
    z = (a - rate * c) / scale
    for stratum in range(n_strata):
        zs = z[h == stratum]
        if zs.size >= 2:
            out[stratum] = float(zs.var(ddof=1))
    return out
