"""Chance-corrected agreement for categories: Cohen, Scott, Fleiss, Gwet, Brennan-Prediger.

All coefficients have the form ``(p_a - p_e) / (1 - p_e)``: observed agreement against the
agreement expected by chance; they differ in ``p_e``. Weights ``w_kl`` (agreement credit for
categories k and l, ``w_kk = 1``) follow Cohen 1968 and Gwet 2014, *Handbook of Inter-Rater
Reliability*, 4th ed., ch. 2-3:

* none: ``w = I``;  linear: ``1 - |k - l| / (q - 1)``;  quadratic: ``1 - (k - l)^2 / (q - 1)^2``

with k, l the positions in the ordered category list (by default the sorted distinct values used,
so the weights are spaced by rank, as in R's ``irr`` and scikit-learn's ``cohen_kappa_score``).

Two raters (units rated by both): ``p_a = sum_kl w_kl p_kl``;
Cohen 1960/1968: ``p_e = sum_kl w_kl p_k. p_.l`` (each rater's own marginals);
Scott 1955: ``p_e = sum_kl w_kl pi_k pi_l`` with ``pi`` the pooled marginals.

Any number of raters, missing ratings allowed (Gwet 2014, sec. 2.5; R package ``irrCAC``):
``r_ik`` raters put unit i in k, ``r_i = sum_k r_ik``, ``r*_ik = sum_l w_kl r_il``;
``p_a = mean over units with r_i >= 2 of sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))``;
``pi_k = mean over units with r_i >= 1 of r_ik / r_i``; q categories, ``T_w = sum_kl w_kl``;
Fleiss 1971 (generalised): ``p_e = sum_kl w_kl pi_k pi_l``;
Gwet 2008 AC1 / AC2: ``p_e = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k)``;
Brennan & Prediger 1981: ``p_e = T_w / q^2``;
percent agreement: ``p_a`` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from reviewer.errors import InputError
from reviewer.stats.bootstrap import AdditiveStat, make_estimate
from reviewer.stats.data import RatingTable, category_counts, encode, missing_mask
from reviewer.stats.results import Estimate

WEIGHTS = ("none", "linear", "quadratic")


def weight_matrix(q: int, kind: str | None = "none") -> np.ndarray:
    """Agreement weights (q x q) for ``none``, ``linear`` or ``quadratic`` (see module docstring)."""
    kind = kind or "none"
    if kind not in WEIGHTS:
        raise InputError(f"unknown weights {kind!r}: use one of {', '.join(WEIGHTS)}")
    if kind == "none" or q < 2:
        return np.eye(q) if kind == "none" else np.ones((q, q))
    k = np.arange(q)
    diff = np.abs(k[:, None] - k[None, :]) / (q - 1)
    return 1.0 - diff if kind == "linear" else 1.0 - diff**2


def _two_raters(table: RatingTable, statistic: str) -> RatingTable:
    if table.n_raters != 2:
        names = ", ".join(map(str, table.raters))
        raise InputError(f"{statistic} needs exactly 2 raters; the data has {table.n_raters} ({names})")
    return table


def _pair_stat(table: RatingTable, weights: str, categories: Sequence[Any] | None,
               pooled: bool) -> tuple[AdditiveStat, int]:
    complete = ~missing_mask(table.values).any(axis=1)
    sub = RatingTable(np.where(complete[:, None], table.values, np.nan if table.values.dtype.kind == "f"
                               else None), table.units, table.raters)
    codes, cats = encode(sub, categories)
    q = len(cats)
    w = weight_matrix(q, weights)
    a = np.nan_to_num(codes[:, 0], nan=0).astype(int)
    b = np.nan_to_num(codes[:, 1], nan=0).astype(int)
    one = complete.astype(float)
    eye = np.eye(max(q, 1))
    onehot_a = eye[a][:, :q] * one[:, None]
    onehot_b = eye[b][:, :q] * one[:, None]
    w_obs = (w[a, b] if q else np.zeros(len(a))) * one
    feats = np.column_stack([one, w_obs, onehot_a, onehot_b])

    def finish(s: np.ndarray) -> np.ndarray:
        n = s[:, 0]
        po = s[:, 1] / n
        pa = s[:, 2:2 + q] / n[:, None]
        pb = s[:, 2 + q:] / n[:, None]
        if pooled:
            pa = pb = (pa + pb) / 2.0
        pe = np.einsum("bk,kl,bl->b", pa, w, pb)
        return (po - pe) / (1.0 - pe)

    return AdditiveStat(feats, finish, int(complete.sum())), q


def cohen_kappa(table: RatingTable, weights: str = "none", categories: Sequence[Any] | None = None,
                *, clusters: np.ndarray | None = None, n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Cohen's kappa (Cohen 1960, Educ. Psychol. Meas. 20:37-46; weighted: Cohen 1968, Psychol.
    Bull. 70:213-220) for exactly two raters, on the units both rated:
    ``kappa = (p_a - p_e) / (1 - p_e)``, ``p_a = sum_kl w_kl p_kl``, ``p_e = sum_kl w_kl p_k. p_.l``.
    Equals scikit-learn's ``cohen_kappa_score`` (same rank-spaced weights)."""
    _two_raters(table, "Cohen's kappa")
    stat, q = _pair_stat(table, weights, categories, pooled=False)
    return make_estimate(stat, "cohen_kappa", n_raters=2, level=weights or "none", clusters=clusters,
                         n_boot=n_boot, seed=seed, details={"n_categories": q})


def scott_pi(table: RatingTable, weights: str = "none", categories: Sequence[Any] | None = None,
             *, clusters: np.ndarray | None = None, n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Scott's pi (Scott 1955, Public Opinion Quarterly 19:321-325) for exactly two raters:
    ``(p_a - p_e) / (1 - p_e)`` with ``p_e = sum_kl w_kl pi_k pi_l``, ``pi`` = pooled marginals."""
    _two_raters(table, "Scott's pi")
    stat, q = _pair_stat(table, weights, categories, pooled=True)
    return make_estimate(stat, "scott_pi", n_raters=2, level=weights or "none", clusters=clusters,
                         n_boot=n_boot, seed=seed, details={"n_categories": q})


def multi_features(r: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Per-unit features ``[pairable, p_a,i, rated, r_i1 / r_i .. r_iq / r_i]`` of the multi-rater
    coefficients (module docstring) from the category counts *r* (units x q) and weights *w*."""
    ri = r.sum(axis=1)
    pair = ri >= 2
    rated = ri >= 1
    r_star = r @ w.T
    with np.errstate(divide="ignore", invalid="ignore"):
        pa_i = np.where(pair, (r * (r_star - 1.0)).sum(axis=1) / (ri * (ri - 1.0)), 0.0)
        share = np.where(rated[:, None], r / np.where(rated, ri, 1.0)[:, None], 0.0)
    return np.column_stack([pair.astype(float), pa_i, rated.astype(float), share])


MULTI_KINDS = {"percent_agreement": "percent", "fleiss_kappa": "fleiss", "gwet_ac1": "gwet",
               "gwet_ac2": "gwet", "brennan_prediger": "bp"}


def multi_finish(kind: str, w: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """The coefficient *kind* (percent, fleiss, gwet, bp) on summed :func:`multi_features`."""
    q = w.shape[0]
    t_w = w.sum()

    def finish(s: np.ndarray) -> np.ndarray:
        pa = s[:, 1] / s[:, 0]
        if kind == "percent":
            return pa
        pi = s[:, 3:] / s[:, 2][:, None]
        if kind == "fleiss":
            pe = np.einsum("bk,kl,bl->b", pi, w, pi)
        elif kind == "gwet":
            pe = t_w / (q * (q - 1.0)) * (pi * (1.0 - pi)).sum(axis=1) if q > 1 else np.ones(len(s))
        else:  # brennan_prediger
            pe = np.full(len(s), t_w / q**2)
        return (pa - pe) / (1.0 - pe)

    return finish


def _multi_stat(table: RatingTable, weights: str, categories: Sequence[Any] | None,
                kind: str) -> tuple[AdditiveStat, int, int]:
    codes, cats = encode(table, categories)
    q = len(cats)
    w = weight_matrix(q, weights)
    feats = multi_features(category_counts(codes, q), w)
    n_raters = int((~np.isnan(codes)).any(axis=0).sum())
    return AdditiveStat(feats, multi_finish(kind, w), int(feats[:, 0].sum())), q, n_raters


def _multi(name: str, kind: str, table: RatingTable, weights: str, categories: Sequence[Any] | None,
           clusters: np.ndarray | None, n_boot: int, seed: int | None) -> Estimate:
    stat, q, n_raters = _multi_stat(table, weights, categories, kind)
    return make_estimate(stat, name, n_raters=n_raters, level=weights or "none", clusters=clusters,
                         n_boot=n_boot, seed=seed, details={"n_categories": q})


def fleiss_kappa(table: RatingTable, weights: str = "none", categories: Sequence[Any] | None = None,
                 *, clusters: np.ndarray | None = None, n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Fleiss' kappa (Fleiss 1971, Psychol. Bull. 76:378-382) for any number of raters; with
    missing ratings, Gwet's generalisation (Gwet 2014 sec. 2.5, R ``irrCAC::fleiss.kappa.raw``):
    ``p_a`` = mean over units with r_i >= 2 of ``sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))``,
    ``p_e = sum_kl w_kl pi_k pi_l`` with ``pi_k`` = mean of ``r_ik / r_i``."""
    return _multi("fleiss_kappa", "fleiss", table, weights, categories, clusters, n_boot, seed)


def gwet_ac(table: RatingTable, weights: str = "none", categories: Sequence[Any] | None = None,
            *, clusters: np.ndarray | None = None, n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Gwet's AC1 (unweighted; Gwet 2008, Br. J. Math. Stat. Psychol. 61:29-48) or AC2 (weighted;
    Gwet 2014, *Handbook of Inter-Rater Reliability*): ``p_a`` as in :func:`fleiss_kappa`,
    ``p_e = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k)``. Pass the full *categories* list when some
    categories went unused: q enters ``p_e``."""
    name = "gwet_ac1" if (weights or "none") == "none" else "gwet_ac2"
    return _multi(name, "gwet", table, weights, categories, clusters, n_boot, seed)


def brennan_prediger(table: RatingTable, weights: str = "none", categories: Sequence[Any] | None = None,
                     *, clusters: np.ndarray | None = None, n_boot: int = 0,
                     seed: int | None = 0) -> Estimate:
    """Brennan & Prediger (1981, Educ. Psychol. Meas. 41:687-699): ``(p_a - p_e) / (1 - p_e)``
    with ``p_a`` as in :func:`fleiss_kappa` and ``p_e = T_w / q^2`` (1/q unweighted)."""
    return _multi("brennan_prediger", "bp", table, weights, categories, clusters, n_boot, seed)


def percent_agreement(table: RatingTable, categories: Sequence[Any] | None = None, *,
                      clusters: np.ndarray | None = None, n_boot: int = 0, seed: int | None = 0
                      ) -> Estimate:
    """Percent agreement ``p_a`` = mean over units with r_i >= 2 of
    ``sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))``: the share of agreeing rater pairs within a unit,
    averaged over units (Gwet 2014 sec. 2.5; two raters: the share of units where they agree)."""
    return _multi("percent_agreement", "percent", table, "none", categories, clusters, n_boot, seed)
