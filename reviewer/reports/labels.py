"""Generic report-table helpers: worst-first sorting, why a figure is undefined, which intervals inform.

Used by :mod:`reviewer.reports.agreement_report` on the tables it places in a document, so the
HTML, PDF, XLSX and CSV all carry the same sort order, reasons and flags.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from reviewer.stats.bootstrap import MIN_INTERVAL_UNITS

REASON = "why_undefined"
ALL_AGREED = "all raters agreed (one category only)"
NOT_INFORMATIVE_NOTE = (f"* interval not informative: fewer than {MIN_INTERVAL_UNITS} units "
                        f"(n < {MIN_INTERVAL_UNITS}; tables of many small groups, such as per criterion, compute none) or zero width (every resample gave "
                        "the same value); the bounds computed are in the CSV / XLSX export.")


def _num(value: object) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v


def undefined_reason(statistic: str, value: object, n_units: object, n_raters: object,
                     agreement: object = None) -> str:
    """Why *statistic* has no value (``""`` when it has one), from what the table row holds.

    Chance-corrected statistics (alpha, kappa, AC1) are undefined when the expected disagreement is
    zero, i.e. every rating fell in one category (Krippendorff 2011, "Computing Krippendorff's
    alpha-reliability", section C: D_e = 0), which shows as percent agreement 1; ICC needs a complete
    targets x raters table (Shrout & Fleiss 1979; reviewer/stats/icc.py ``icc_stat`` drops
    incomplete units, so its n is the number of complete units).
    """
    if not math.isnan(_num(value)):
        return ""
    n, k = _num(n_units), _num(n_raters)
    if statistic == "icc":
        done = 0 if math.isnan(n) else int(n)
        return f"needs every rater on every response: {done} complete unit{'s' if done != 1 else ''}"
    if not math.isnan(k) and k < 2:
        return "fewer than 2 raters"
    if math.isnan(n) or n < 1:
        return "no unit rated by 2 or more raters"
    if _num(agreement) == 1.0:
        return ALL_AGREED
    return "one category only" if statistic != "percent_agreement" else "no pairable ratings"


def explain(frame: pd.DataFrame, *, value: str, statistic: str, n_units: str = "n",
            n_raters: str | None = None, agreement: str | None = None) -> pd.DataFrame:
    """*frame* with a :data:`REASON` column saying why *value* is undefined (None where defined)."""
    if frame.empty or value not in frame:
        return frame
    reasons = []
    for rec in frame.to_dict(orient="records"):
        stat = rec.get("statistic", statistic) if statistic == "" else statistic
        reasons.append(undefined_reason(str(stat), rec.get(value), rec.get(n_units),
                                        rec.get(n_raters) if n_raters else None,
                                        rec.get(agreement) if agreement else None))
    return frame.assign(**{REASON: [r or None for r in reasons]})


def worst_first(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """*frame* sorted by *keys* ascending (the lowest agreement first), undefined values last."""
    keys = [k for k in keys if k in frame.columns]
    if frame.empty or not keys:
        return frame
    out = frame.copy()
    for k in keys:
        out[k] = pd.to_numeric(out[k], errors="coerce")
    return out.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)


def informative(low: object, high: object, n: object) -> str:
    """``"yes"`` when the interval [low, high] tells something: both bounds, at least
    :data:`MIN_INTERVAL_UNITS` units and a width above zero; else ``"no"``."""
    lo, hi, units = _num(low), _num(high), _num(n)
    if math.isnan(lo) or math.isnan(hi):
        return "no"
    if math.isnan(units) or units < MIN_INTERVAL_UNITS or hi - lo <= 0:
        return "no"
    return "yes"


def n_column(columns: Sequence[str]) -> str | None:
    """The column holding a table's units: ``n_units``, else ``n``, else None."""
    return "n_units" if "n_units" in columns else "n" if "n" in columns else None


def interval_of(column: str, columns: Sequence[str]) -> tuple[str, str, str] | None:
    """(low, high, flag) column names of *column*'s interval when *columns* hold one: ``value`` has
    ``ci_low``/``ci_high``/``ci_informative``, any other ``x`` has ``x_lo``/``x_hi``/``x_informative``."""
    lo, hi, flag = (("ci_low", "ci_high", "ci_informative") if column == "value"
                    else (f"{column}_lo", f"{column}_hi", f"{column}_informative"))
    return (lo, hi, flag) if lo in columns and hi in columns else None


def interval_columns(columns: Sequence[str]) -> list[tuple[str, str, str]]:
    """(low, high, flag) column names of every interval in *columns* (see :func:`interval_of`)."""
    names = ["value", *(c[:-3] for c in columns if c.endswith("_lo") and c != "value_lo")]
    return [found for name in names if (found := interval_of(name, columns)) is not None]


def mark_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    """*frame* with a yes/no ``*_informative`` column after each interval (n from ``n_units`` or
    ``n``); the bounds themselves are kept."""
    if frame.empty:
        return frame
    n_col = n_column([str(c) for c in frame.columns])
    out = frame
    for lo, hi, flag in interval_columns([str(c) for c in frame.columns]):
        if flag in out.columns:
            continue
        n = out[n_col] if n_col else pd.Series([math.nan] * len(out), index=out.index)
        out = out.assign(**{flag: [informative(a, b, c) for a, b, c in zip(out[lo], out[hi], n, strict=True)]})
    return out
