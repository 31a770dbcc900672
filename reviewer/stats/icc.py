"""Intraclass correlation in the six forms of Shrout & Fleiss (1979).

Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater reliability.
*Psychological Bulletin* 86(2), 420-428. With n targets (units) and k judges (raters), all
ratings present, the two-way ANOVA mean squares are

    BMS = SS_rows / (n - 1)                 (between targets)
    WMS = (SS_total - SS_rows) / (n (k - 1))  (within targets)
    JMS = SS_cols / (k - 1)                 (between judges)
    EMS = SS_residual / ((n - 1)(k - 1))

and the forms (case 1: one-way random; case 2: two-way random; case 3: two-way mixed, consistency;
"k": reliability of the mean of k judges):

    ICC1  = (BMS - WMS) / (BMS + (k - 1) WMS)
    ICC2  = (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n)
    ICC3  = (BMS - EMS) / (BMS + (k - 1) EMS)
    ICC1k = (BMS - WMS) / BMS
    ICC2k = (BMS - EMS) / (BMS + (JMS - EMS) / n)
    ICC3k = (BMS - EMS) / BMS

Units with a missing rating are left out (the forms need a complete targets x judges table), as
``pingouin.intraclass_corr`` does. Every sum of squares is a function of per-unit sums (row sum,
row sum squared, sum of squares, one column per judge), which the bootstrap resamples.
"""

from __future__ import annotations

import numpy as np

from reviewer.errors import InputError
from reviewer.stats.bootstrap import AdditiveStat, make_estimate
from reviewer.stats.data import RatingTable, numeric
from reviewer.stats.results import Estimate

FORMS = ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")


def mean_squares(s: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """BMS, WMS, JMS, EMS and n from (B x (4 + k)) sums [n, sum row, sum row^2, sum x^2, col sums]."""
    n = s[:, 0]
    total = s[:, 1]
    corr = total**2 / (n * k)
    ss_total = s[:, 3] - corr
    ss_rows = s[:, 2] / k - corr
    ss_cols = (s[:, 4:] ** 2).sum(axis=1) / n - corr
    ss_res = ss_total - ss_rows - ss_cols
    return {
        "n": n,
        "BMS": ss_rows / (n - 1),
        "WMS": (ss_total - ss_rows) / (n * (k - 1)),
        "JMS": ss_cols / (k - 1),
        "EMS": ss_res / ((n - 1) * (k - 1)),
    }


def icc_from_ms(ms: dict[str, np.ndarray], k: int, form: str) -> np.ndarray:
    """The Shrout-Fleiss form *form* from mean squares (formulas in the module docstring)."""
    bms, wms, jms, ems, n = ms["BMS"], ms["WMS"], ms["JMS"], ms["EMS"], ms["n"]
    if form == "ICC1":
        return (bms - wms) / (bms + (k - 1) * wms)
    if form == "ICC2":
        return (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n)
    if form == "ICC3":
        return (bms - ems) / (bms + (k - 1) * ems)
    if form == "ICC1k":
        return (bms - wms) / bms
    if form == "ICC2k":
        return (bms - ems) / (bms + (jms - ems) / n)
    if form == "ICC3k":
        return (bms - ems) / bms
    raise InputError(f"unknown ICC form {form!r}: use one of {', '.join(FORMS)}")


def icc_stat(x: np.ndarray, form: str) -> AdditiveStat:
    """ICC as an :class:`AdditiveStat` on a units x raters float matrix (incomplete units dropped)."""
    if form not in FORMS:
        raise InputError(f"unknown ICC form {form!r}: use one of {', '.join(FORMS)}")
    complete = ~np.isnan(x).any(axis=1)
    k = x.shape[1]
    x0 = np.where(complete[:, None], x, 0.0)
    row = x0.sum(axis=1)
    feats = np.column_stack([complete.astype(float), row, row**2, (x0**2).sum(axis=1), x0])

    def finish(s: np.ndarray) -> np.ndarray:
        return icc_from_ms(mean_squares(s, k), k, form)

    return AdditiveStat(feats, finish, int(complete.sum()))


def icc(table: RatingTable, form: str = "ICC2", *, clusters: np.ndarray | None = None,
        n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """Intraclass correlation, Shrout-Fleiss form *form* (ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k)."""
    x = numeric(table)
    if x.shape[1] < 2:
        raise InputError(f"ICC needs at least 2 raters; the data has {x.shape[1]}")
    stat = icc_stat(x, form)
    ms = mean_squares(stat.features.sum(axis=0, keepdims=True), x.shape[1])
    details = {key: float(v[0]) for key, v in ms.items() if key != "n"}
    return make_estimate(stat, "icc", n_raters=x.shape[1], level=form, clusters=clusters,
                         n_boot=n_boot, seed=seed, details=details)
