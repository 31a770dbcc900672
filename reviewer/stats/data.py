"""Long-format ratings (unit, rater, value) to the matrices the statistics need.

Every statistic in this package starts from a *units x raters* table with NaN for a missing
rating. Categorical statistics then work on integer codes (the position of a value in an ordered
category list); numeric ones on the values themselves.

Category order (used by weighted kappa, AC2 and ordinal alpha) is, by default, the sorted list of
distinct values the raters actually used (numeric order when every value is a number, text order
otherwise) -- the convention of R's ``irr`` and scikit-learn's ``cohen_kappa_score``. An explicit
ordered category list overrides it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from reviewer.errors import InputError


@dataclass(frozen=True)
class RatingTable:
    """Ratings as a units x raters table.

    ``values``: object or float array (units x raters), NaN / None where a rater gave no rating.
    ``units`` / ``raters``: the row and column labels, in order.
    """

    values: np.ndarray
    units: list[Any]
    raters: list[Any]

    @property
    def n_units(self) -> int:
        return len(self.units)

    @property
    def n_raters(self) -> int:
        return len(self.raters)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def from_long(df: pd.DataFrame, unit: str = "unit", rater: str = "rater", value: str = "value",
              *, source: str | None = None) -> RatingTable:
    """Pivot a long-format frame (one row per rating) into a :class:`RatingTable`.

    Rows with a missing value are dropped (a missing rating). Two rows for the same unit and rater
    are an error (``InputError`` naming *source* and the unit), since silently keeping one would
    change the statistic.
    """
    for col in (unit, rater, value):
        if col not in df.columns:
            raise InputError(f"no column {col!r} (columns are: {', '.join(map(str, df.columns))})",
                             file=source)
    data = df[[unit, rater, value]]
    data = data[data[value].notna()]
    dup = data.duplicated([unit, rater], keep=False)
    if dup.any():
        first = data[dup].iloc[0]
        raise InputError(f"rater {first[rater]!r} rated unit {first[unit]!r} more than once",
                         file=source)
    units = list(pd.unique(df[unit]))
    raters = list(pd.unique(data[rater]))
    u_index = {u: i for i, u in enumerate(units)}
    r_index = {r: i for i, r in enumerate(raters)}
    vals = data[value].to_numpy()
    numeric = pd.api.types.is_numeric_dtype(data[value]) and not pd.api.types.is_bool_dtype(data[value])
    numeric = numeric or all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
                  for v in vals)
    out = np.full((len(units), len(raters)), np.nan if numeric else None,
                  dtype=float if numeric else object)
    if len(data):
        rows = data[unit].map(u_index).to_numpy(dtype=int)
        cols = data[rater].map(r_index).to_numpy(dtype=int)
        out[rows, cols] = vals
    return RatingTable(out, units, raters)


def from_wide(matrix: Any, units: Sequence[Any] | None = None,
              raters: Sequence[Any] | None = None) -> RatingTable:
    """A :class:`RatingTable` from a units x raters array-like (NaN / None = missing)."""
    arr = np.asarray(matrix)
    if arr.ndim != 2:
        raise InputError(f"expected a units x raters table, got an array of shape {arr.shape}")
    if arr.dtype.kind not in "fiub":
        arr = arr.astype(object)
    else:
        arr = arr.astype(float)
    units = list(units) if units is not None else list(range(arr.shape[0]))
    raters = list(raters) if raters is not None else list(range(arr.shape[1]))
    return RatingTable(arr, units, raters)


def missing_mask(values: np.ndarray) -> np.ndarray:
    """True where a cell holds no rating."""
    if values.dtype.kind == "f":
        return np.isnan(values)
    return np.vectorize(_is_missing, otypes=[bool])(values) if values.size else np.zeros(values.shape, bool)


def _sort_key(values: list[Any]) -> list[Any]:
    try:
        return sorted(values, key=float)
    except (TypeError, ValueError):
        return sorted(values, key=str)


def encode(table: RatingTable, categories: Sequence[Any] | None = None) -> tuple[np.ndarray, list[Any]]:
    """Integer codes (float array, NaN = missing) and the ordered category list.

    With *categories*, a value's code is its position in that list (values are matched as they are,
    then by their text, so "1" on the command line matches the number 1). A value not in the list
    is an ``InputError``. Without, the categories are the distinct values used, sorted.
    """
    mask = missing_mask(table.values)
    present = table.values[~mask]
    if categories is None:
        cats = _sort_key(list(pd.unique(present)))
    else:
        cats = list(categories)
        if len(set(map(str, cats))) != len(cats):
            raise InputError("the category list names a category twice")
    lookup: dict[Any, int] = {}
    for i, c in enumerate(cats):
        lookup.setdefault(c, i)
    by_text = {str(c): i for i, c in enumerate(cats)}
    codes = np.full(table.values.shape, np.nan)
    if table.values.dtype.kind == "f":  # fast path: look up each distinct number once
        where = ~mask
        uniq, inverse = np.unique(table.values[where], return_inverse=True)
        idx = np.array([_lookup(v, lookup, by_text) for v in uniq], dtype=float)
        bad = np.flatnonzero(np.isnan(idx))
        if bad.size:
            _raise_unknown(table, uniq[bad[0]], cats)
        codes[where] = idx[inverse]
        return codes, cats
    flat = table.values.ravel()
    out = codes.ravel()
    for k in np.flatnonzero(~mask.ravel()):
        idx_k = _lookup(flat[k], lookup, by_text)
        if np.isnan(idx_k):
            _raise_unknown(table, flat[k], cats)
        out[k] = idx_k
    return codes, cats


def _lookup(v: Any, lookup: dict[Any, int], by_text: dict[str, int]) -> float:
    """Position of value *v* in the category list (NaN if absent): as it is, then by its text."""
    idx = lookup.get(v) if _hashable(v) else None
    if idx is None:
        idx = by_text.get(str(v))
        if idx is None and isinstance(v, (float, np.floating)) and float(v).is_integer():
            idx = by_text.get(str(int(v)))
    return float("nan") if idx is None else float(idx)


def _raise_unknown(table: RatingTable, v: Any, cats: list[Any]) -> None:
    where = np.argwhere(table.values == v) if table.values.dtype.kind == "f" else []
    unit = f" (unit {table.units[where[0][0]]!r})" if len(where) else ""
    raise InputError(f"value {v!r}{unit} is not one of the categories {', '.join(map(str, cats))}")


def _hashable(v: Any) -> bool:
    try:
        hash(v)
    except TypeError:
        return False
    return True


def numeric(table: RatingTable) -> np.ndarray:
    """The ratings as floats (NaN = missing); an ``InputError`` names the first non-number."""
    if table.values.dtype.kind == "f":
        return table.values
    out = np.full(table.values.shape, np.nan)
    mask = missing_mask(table.values)
    for k in np.flatnonzero(~mask.ravel()):
        v = table.values.ravel()[k]
        try:
            out.ravel()[k] = float(v)
        except (TypeError, ValueError):
            raise InputError(f"value {v!r} (unit {table.units[k // table.n_raters]!r}) is not a "
                             "number; this statistic needs numeric ratings") from None
    return out


def category_counts(codes: np.ndarray, n_categories: int) -> np.ndarray:
    """``counts[u, c]``: how many raters put unit *u* in category *c* (units x categories)."""
    n_units = codes.shape[0]
    rows, cols = np.nonzero(~np.isnan(codes))
    flat = rows * n_categories + codes[rows, cols].astype(np.int64)
    return np.bincount(flat, minlength=n_units * n_categories).reshape(n_units, n_categories).astype(float)
