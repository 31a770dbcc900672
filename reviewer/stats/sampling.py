"""Stratified sampling by judge confidence, with Neyman allocation: which items physicians rate next.

The design (Cochran 1977, *Sampling Techniques*, 3rd ed., ch. 5: stratified random sampling):

* **Strata.** Items are grouped by how unsure the judge is (:func:`strata_from_scores`: equal-count
  groups of a priority score such as ``0.5 - |p - 0.5|``, or the share of criteria on which judge
  runs disagree); items without a score form a stratum of their own. The judge's errors concentrate
  where it is unsure, so the agreement figure varies little inside the confident strata and much
  inside the unsure ones -- the situation where stratification pays.
* **Allocation.** Neyman (1934, "On the two different aspects of the representative method",
  JRSS 97:558-625) allocation minimises the variance of the stratified estimator for a given total
  n: ``n_h ∝ N_h S_h`` (Cochran 1977, sec. 5.5). Rounds add to what earlier rounds took, and
  sample sizes are whole numbers, so :func:`neyman_allocation` gives the units one at a time to the
  stratum with the largest priority ``N_h S_h / sqrt(n_h (n_h + 1))`` -- the Huntington-Hill
  apportionment, which Wright (2012, "The Equivalence of Neyman Optimum Allocation for Sampling and
  Equal Proportions for Apportioning the U.S. House of Representatives", *The American
  Statistician* 66:217-224) shows is the exact integer optimum of Neyman's problem. Every stratum
  first gets ``min_per_stratum`` (2: a within-stratum variance needs two items) and at least
  :data:`FLOOR_SHARE` (half) of its proportional allocation ``n N_h / N`` -- a compromise between
  Neyman and proportional allocation (Cochran 1977, ch. 5, shows how little a moderate departure
  from the optimum costs): the confident strata, where the judge's rare errors hide, are never left to
  two or three ratings, which in the simulation of ``benchmarks/adaptive_review.py`` is what keeps
  the intervals' coverage at its nominal level.
* **Per-stratum spread.** Before anything is rated, ``S_h`` comes from the judge itself
  (:func:`prior_sd`: a calibrated judge that says p is wrong with probability ``min(p, 1-p)``);
  once a stratum has ratings, the observed spread is pooled with that prior
  (:func:`pooled_sd`, the prior counting as ``prior_weight`` items). The spread only steers how
  many items each stratum gets; the estimate stays unbiased whatever it is, because every item of a
  stratum has the same chance of being drawn (:func:`draw_within_strata`: simple random sampling
  without replacement inside each stratum) and the estimator weighs each rated item by ``N_h / n_h``
  (:mod:`reviewer.stats.weighted`). (Strictly, a round's allocation depends on earlier ratings, so
  ``n_h`` is not fixed in advance; the estimator is design-consistent, and the simulation measures
  its mean error under rounds and stopping: +0.003, Monte Carlo s.e. 0.0016.)
* **Checks.** :func:`separates` compares the disagreement physicians find in the surest and least
  sure strata; when the strata do not separate the judge's errors, :func:`next_batch` falls back to
  proportional allocation. :func:`plan_estimate` gives the interval the plan stops on: the
  stratified bootstrap, guarded by the judge's prior while strata have few ratings.

Why strata rather than item-by-item importance sampling (active testing, Kossen et al. 2021,
"Active Testing: Sample-Efficient Model Evaluation", ICML, whose LURE weights make a
probability-proportional-to-uncertainty sample unbiased; or Hansen-Hurwitz / Poisson sampling):
within a stratum every answer has the same inclusion probability, so the weights are few and
stable (a sure-looking answer drawn with a tiny probability never carries a huge weight),
the bootstrap that respects the design is simply a bootstrap inside each stratum, and each round's
allocation can be re-optimised from the ratings so far.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from reviewer.stats.results import Estimate
from reviewer.stats.weighted import stratified_estimate, stratum_variances

MIN_PER_STRATUM = 2
PRIOR_WEIGHT = 8.0
FLOOR_SHARE = 0.5
MIN_RATED_TO_CHECK = 5
SEPARATION = 0.5
SD_FLOOR = 0.05


def strata_from_scores(scores: Sequence[float] | np.ndarray, n_strata: int) -> np.ndarray:
    """Stratum number (0 = most confident) of each item: equal-count groups of the finite scores,
    in score order (ties stay together, so a group may be larger or a stratum missing), and the
    items without a score (NaN) in one extra stratum after the others. Numbers are consecutive."""
    s = np.asarray(scores, dtype=float)
    out = np.full(s.shape, -1, dtype=np.int64)
    finite = np.isfinite(s)
    if finite.any() and n_strata >= 1:
        values = s[finite]
        ranks = np.searchsorted(np.sort(values), values, side="left")  # ties share the lowest rank
        out[finite] = np.minimum(ranks * n_strata // values.size, n_strata - 1)
    out[~finite] = n_strata
    _, dense = np.unique(out, return_inverse=True)
    return dense.astype(np.int64)


def prior_sd(error_rate: float, pairs_per_item: float = 1.0) -> float:
    """Prior spread of an item's agreement rate when the judge is wrong with probability
    *error_rate* on each of its *pairs_per_item* pairs (independent Bernoulli pairs:
    ``sqrt(q (1 - q) / c)``), never below :data:`SD_FLOOR` so that no stratum is starved before it
    has been looked at."""
    q = min(max(float(error_rate), 0.0), 0.5)
    return max(math.sqrt(q * (1.0 - q) / max(float(pairs_per_item), 1.0)), SD_FLOOR)


def pooled_sd(prior: float, observed_var: float | None, n_rated: int, prior_weight: float | None = None) -> float:
    """``S_h`` for the next allocation: the observed within-stratum variance (``n_rated - 1``
    degrees of freedom) pooled with the prior's, the prior worth *prior_weight* items
    (default :data:`PRIOR_WEIGHT`)."""
    if prior_weight is None:
        prior_weight = PRIOR_WEIGHT
    if observed_var is None or n_rated < 2 or not math.isfinite(observed_var):
        return prior
    df = n_rated - 1
    return max(math.sqrt((prior_weight * prior ** 2 + df * observed_var) / (prior_weight + df)), SD_FLOOR)


def neyman_allocation(sizes: Sequence[int], sds: Sequence[float], taken: Sequence[int], extra: int,
                      min_per_stratum: int = MIN_PER_STRATUM, floor_share: float | None = None) -> np.ndarray:
    """How many more items each stratum gets (a whole-number array summing to at most *extra*).

    *sizes*: ``N_h``; *sds*: ``S_h``; *taken*: items already drawn per stratum. First every stratum
    is brought up to ``max(min_per_stratum, ceil(floor_share n N_h / N))`` (capped at ``N_h``; in
    stratum order, while *extra* lasts; *n* is the total after this batch, *floor_share* defaults
    to :data:`FLOOR_SHARE`); the rest go one by one to the largest Huntington-Hill priority
    ``N_h S_h / sqrt(n_h (n_h + 1))`` among strata with items left (Wright 2012).
    """
    N = np.asarray(sizes, dtype=np.int64)
    S = np.asarray(sds, dtype=float)
    n = np.asarray(taken, dtype=np.int64).copy()
    start = n.copy()
    left = int(extra)
    share = FLOOR_SHARE if floor_share is None else floor_share
    total = int(n.sum()) + left
    floor = np.ceil(share * total * N / max(int(N.sum()), 1)).astype(np.int64)
    for h in range(len(N)):
        need = max(0, min(max(min_per_stratum, int(floor[h])), int(N[h])) - int(n[h]))
        give = min(need, left)
        n[h] += give
        left -= give
    heap = [(-_priority(N[h], S[h], n[h]), h) for h in range(len(N)) if n[h] < N[h]]
    heapq.heapify(heap)
    while left > 0 and heap:
        _, h = heapq.heappop(heap)
        n[h] += 1
        left -= 1
        if n[h] < N[h]:
            heapq.heappush(heap, (-_priority(N[h], S[h], n[h]), h))
    return n - start


def _priority(size: int, sd: float, n: int) -> float:
    if n <= 0:
        return math.inf
    return float(size) * float(sd) / math.sqrt(n * (n + 1.0))


def draw_within_strata(strata: np.ndarray, available: np.ndarray, counts: Sequence[int],
                       rng: np.random.Generator) -> np.ndarray:
    """Indices of the items drawn: ``counts[h]`` items by simple random sampling without
    replacement among the *available* items of stratum h (sorted, for a stable order)."""
    strata = np.asarray(strata)
    chosen: list[np.ndarray] = []
    for h, k in enumerate(counts):
        if k <= 0:
            continue
        pool = np.flatnonzero((strata == h) & available)
        if k > pool.size:
            raise ValueError(f"stratum {h} has {pool.size} items left, not {k}")
        chosen.append(rng.choice(pool, size=int(k), replace=False))
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Design:
    """A stratification of the population: each item's stratum, ``N_h`` and the prior ``S_h``.

    ``method`` says in words how items are chosen (it goes into the plan's report); ``error``: the
    judge's expected error rate in each stratum (mean ``min(p, 1 - p)``; NaN for the stratum of
    items without a score, which :func:`separates` leaves out), when known.
    """

    strata: np.ndarray
    sizes: np.ndarray
    prior: np.ndarray
    method: str
    error: np.ndarray | None = None

    @property
    def n_strata(self) -> int:
        return int(self.sizes.size)

    @classmethod
    def by_score(cls, scores: Sequence[float] | np.ndarray, n_strata: int,
                 error_rate: Sequence[float] | np.ndarray | None = None,
                 pairs_per_item: float = 1.0) -> Design:
        """Strata from a priority score (:func:`strata_from_scores`); the prior ``S_h`` of each from
        the mean of *error_rate* over its items (the score itself when not given)."""
        s = np.asarray(scores, dtype=float)
        strata = strata_from_scores(s, n_strata)
        k = int(strata.max()) + 1 if strata.size else 0
        sizes = np.bincount(strata, minlength=k)
        err = np.asarray(error_rate if error_rate is not None else s, dtype=float)
        err = np.where(np.isfinite(err), err, 0.5)
        error = np.array([float(err[strata == h].mean()) for h in range(k)])
        prior = np.array([prior_sd(e, pairs_per_item) for e in error])
        error[[not np.isfinite(s[strata == h]).any() for h in range(k)]] = np.nan  # the unscored stratum
        return cls(strata, sizes, prior, f"stratified by the judge's uncertainty into {k} strata of equal size "
                   "(answers without a score apart); each round, Neyman allocation (Huntington-Hill "
                   "priorities) with at least half the proportional share per stratum; simple random "
                   "sampling without replacement inside each stratum; each rated answer weighs N_h/n_h",
                   error)

    @classmethod
    def uniform(cls, n_items: int, error_rate: Sequence[float] | np.ndarray | None = None,
                pairs_per_item: float = 1.0) -> Design:
        """One stratum: simple random sampling of the whole population (prior ``S`` from the mean
        *error_rate*, as :meth:`by_score` gives each stratum)."""
        err = np.asarray(error_rate, dtype=float) if error_rate is not None else np.zeros(0)
        err = err[np.isfinite(err)]
        prior = prior_sd(float(err.mean()), pairs_per_item) if err.size else SD_FLOOR
        return cls(np.zeros(n_items, dtype=np.int64), np.array([n_items]), np.array([prior]),
                   "simple random sampling without replacement (one stratum)")


def stratum_disagreement(design: Design, rated: np.ndarray, rated_features: np.ndarray) -> np.ndarray:
    """Share of judge-physician pairs that disagree in each stratum's rated items (NaN where a
    stratum has fewer than :data:`MIN_RATED_TO_CHECK` rated items)."""
    rated = np.asarray(rated, dtype=np.int64)
    f = np.asarray(rated_features, dtype=float).reshape(-1, 4)
    h = design.strata[rated]
    n = np.bincount(h, minlength=design.n_strata)
    pairs = np.bincount(h, weights=f.sum(axis=1), minlength=design.n_strata)
    off = np.bincount(h, weights=f[:, 1] + f[:, 2], minlength=design.n_strata)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((n >= MIN_RATED_TO_CHECK) & (pairs > 0), off / pairs, np.nan)


def separates(design: Design, rated: np.ndarray, rated_features: np.ndarray) -> tuple[bool, str]:
    """Whether the ratings so far bear out the strata: the surest stratum with enough ratings must
    show under half the disagreement of the least sure one. When it does not, the judge's
    uncertainty does not show where it errs; the strata then only cost precision in the answers
    they starve, so :func:`next_batch` falls back to proportional allocation (and the plan's report
    says so). The stratum of items without a score takes no part. Returns (verdict, the figures in
    words)."""
    d = stratum_disagreement(design, rated, rated_features) if len(rated) else np.zeros(0)
    scored = np.array([np.isfinite(design.error[h]) if design.error is not None else True
                       for h in range(design.n_strata)], dtype=bool)
    seen = np.flatnonzero(np.isfinite(d) & scored[:d.size])
    if seen.size < 2 or d[seen[-1]] == 0:
        return True, ""  # too few ratings to tell, or no disagreement at all to locate
    lo, hi = int(seen[0]), int(seen[-1])
    words = (f"physicians disagree with the judge on {d[lo]:.0%} of criteria where it is surest "
             f"(stratum {lo}) and {d[hi]:.0%} where it is least sure (stratum {hi})")
    return bool(d[lo] < SEPARATION * d[hi]), words


def next_batch(design: Design, chosen: np.ndarray, batch: int, rng: np.random.Generator, *,
               rated: np.ndarray | None = None, rated_features: np.ndarray | None = None) -> np.ndarray:
    """Population indices of the next *batch* items: Neyman allocation over the strata given what
    is already *chosen* (a boolean mask), with ``S_h`` pooled from the prior and the spread of the
    *rated* items (indices; default: every chosen item) whose pair counts are *rated_features*;
    proportional allocation instead when the ratings show the strata do not separate the judge's
    errors (:func:`separates`)."""
    chosen = np.asarray(chosen, dtype=bool)
    taken = np.bincount(design.strata[chosen], minlength=design.n_strata)
    if rated is None:
        rated = np.flatnonzero(chosen)
    have = rated_features is not None and len(rated) > 0
    var = (stratum_variances(rated_features, design.strata[rated], design.n_strata)
           if have else np.full(design.n_strata, np.nan))
    n_rated = np.bincount(design.strata[rated], minlength=design.n_strata)
    sds = [pooled_sd(float(design.prior[h]), None if np.isnan(var[h]) else float(var[h]), int(n_rated[h]))
           for h in range(design.n_strata)]
    floor = None if not have or separates(design, rated, rated_features)[0] else 1.0
    counts = neyman_allocation(design.sizes, sds, taken, batch, floor_share=floor)
    return draw_within_strata(design.strata, ~chosen, counts, rng)


def spread_sds(design: Design, rated: np.ndarray, rated_features: np.ndarray) -> tuple[float, float]:
    """Standard error of the agreement rate from the stratum spreads: (pooled, observed).

    ``sqrt(sum_h (N_h / N)^2 S_h^2 / n_h)`` over the strata with rated items, with ``S_h`` the
    spread pooled with the judge's prior (:func:`pooled_sd`, as the allocation uses it) and with
    the observed spread alone (0 where a stratum has under two items)."""
    rated = np.asarray(rated, dtype=np.int64)
    h = design.strata[rated]
    var = stratum_variances(rated_features, h, design.n_strata)
    n = np.bincount(h, minlength=design.n_strata)
    share = design.sizes / max(float(design.sizes.sum()), 1.0)
    pooled = observed = 0.0
    for k in np.flatnonzero(n):
        v = None if np.isnan(var[k]) else float(var[k])
        pooled += share[k] ** 2 * pooled_sd(float(design.prior[k]), v, int(n[k])) ** 2 / n[k]
        observed += share[k] ** 2 * (v or 0.0) / n[k]
    return math.sqrt(pooled), math.sqrt(observed)


def plan_estimate(design: Design, rated: np.ndarray, rated_features: np.ndarray, statistic: str, *,
                  n_boot: int = 1000, seed: int | np.random.Generator | None = 0,
                  confidence: float = 0.95) -> Estimate:
    """The statistic from the rated items of a plan, with the interval the planner stops on.

    The interval is the Rao-Wu bootstrap's expanded percentile interval
    (:func:`reviewer.stats.weighted.stratified_estimate`), **guarded** against strata whose few
    ratings happen to show no spread: where the standard error from the prior-pooled spreads
    (:func:`spread_sds`) exceeds the one from the observed spreads, the interval's half-widths
    grow by that ratio (capped at 10); for ``agreement_rate``, whose scale those spreads are on,
    the interval is at least ``estimate ± t * pooled s.e.``. The judge's own probabilities thus
    act as a prior on each stratum's spread (worth :data:`PRIOR_WEIGHT` ratings), the usual guard
    of fixed-width sequential intervals against stopping on an early, lucky, too-small variance
    (Chow & Robbins 1965, "On the asymptotic theory of fixed-width sequential confidence intervals
    for the mean", Ann. Math. Stat. 36:457-462, add ``1/n`` to the variance for the same reason).
    ``details``: ``se_pooled``, ``se_observed``, ``guard`` (the factor applied, 1 when none).
    """
    rated = np.asarray(rated, dtype=np.int64)
    est = stratified_estimate(rated_features, design.strata[rated], design.sizes, statistic,
                              n_boot=n_boot, seed=seed, confidence=confidence)
    se_pooled, se_obs = spread_sds(design, rated, rated_features) if rated.size else (math.nan, math.nan)
    details = dict(est.details, se_pooled=se_pooled, se_observed=se_obs, guard=1.0)
    ci = est.ci
    if ci is not None and math.isfinite(est.value) and se_pooled > se_obs:
        lo, hi = ci
        factor = min(se_pooled / se_obs, 10.0) if se_obs > 0 else 1.0
        lo, hi = est.value - (est.value - lo) * factor, est.value + (hi - est.value) * factor
        if statistic == "agreement_rate":
            t = float(stats.norm.isf((1.0 - details.get("percentile_level", confidence)) / 2.0))
            lo, hi = min(lo, est.value - t * se_pooled), max(hi, est.value + t * se_pooled)
        details["guard"] = float(factor)
        ci = (float(lo), float(hi))
    return replace(est, ci=ci, details=details)
