"""One entry point for every rater-agreement statistic, by name (used by the CLI and services)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from reviewer.errors import InputError
from reviewer.stats import alpha, icc, kappa
from reviewer.stats.data import RatingTable, from_long
from reviewer.stats.results import Estimate

STATISTICS = ("krippendorff_alpha", "cohen_kappa", "scott_pi", "fleiss_kappa", "gwet_ac1",
              "brennan_prediger", "percent_agreement", "icc")


def compute(table: RatingTable, statistic: str, *, level: str | None = None, weights: str | None = None,
            categories: Sequence[Any] | None = None, form: str | None = None,
            clusters: np.ndarray | None = None, n_boot: int = 0, seed: int | None = 0) -> Estimate:
    """The statistic *statistic* (one of :data:`STATISTICS`) on *table*.

    *level*: Krippendorff's alpha level (default nominal); *weights*: none / linear / quadratic
    for the kappa family (Gwet's AC1 with weights is AC2); *categories*: ordered category list;
    *form*: ICC form (default ICC2); *clusters*: one bootstrap cluster label per unit;
    *n_boot*: resamples for the percentile CI (0: none).
    """
    boot = {"clusters": clusters, "n_boot": n_boot, "seed": seed}
    w = weights or "none"
    if statistic == "krippendorff_alpha":
        return alpha.krippendorff_alpha(table, level or "nominal", categories, **boot)
    if statistic == "cohen_kappa":
        return kappa.cohen_kappa(table, w, categories, **boot)
    if statistic == "scott_pi":
        return kappa.scott_pi(table, w, categories, **boot)
    if statistic == "fleiss_kappa":
        return kappa.fleiss_kappa(table, w, categories, **boot)
    if statistic in ("gwet_ac1", "gwet_ac2"):
        return kappa.gwet_ac(table, w, categories, **boot)
    if statistic == "brennan_prediger":
        return kappa.brennan_prediger(table, w, categories, **boot)
    if statistic == "percent_agreement":
        return kappa.percent_agreement(table, categories, **boot)
    if statistic == "icc":
        return icc.icc(table, form or "ICC2", **boot)
    raise InputError(f"unknown statistic {statistic!r}: use one of {', '.join(STATISTICS)}")


def compute_long(df: pd.DataFrame, statistic: str, *, unit: str = "unit", rater: str = "rater",
                 value: str = "value", source: str | None = None, **kwargs: Any) -> Estimate:
    """:func:`compute` on a long-format frame (one row per rating)."""
    return compute(from_long(df, unit, rater, value, source=source), statistic, **kwargs)
