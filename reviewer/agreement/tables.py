"""Long frames from the store to the units x raters tables of :mod:`reviewer.stats`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from reviewer.stats import RatingTable, from_long

BINARY = [0.0, 1.0]  # not met, met: both categories always count (q = 2)


def unit_ids(df: pd.DataFrame, unit_cols: Sequence[str]) -> pd.Series:
    """One text id per unit from the unit columns (e.g. response_id + criterion_key)."""
    if len(unit_cols) == 1:
        return df[unit_cols[0]].astype(str)
    out = df[unit_cols[0]].astype(str)
    for col in unit_cols[1:]:
        out = out + "\x1f" + df[col].astype(str)
    return out


def to_table(df: pd.DataFrame, unit_cols: Sequence[str], *, value: str = "value", rater: str = "rater",
             cluster: str | None = "case_id") -> tuple[RatingTable, np.ndarray | None]:
    """The units x raters table of *df* and one cluster label per unit (for the bootstrap)."""
    d = df.assign(_unit=unit_ids(df, unit_cols)) if len(df) else df.assign(_unit=pd.Series(dtype=str))
    table = from_long(d, "_unit", rater, value)
    if cluster is None:
        return table, None
    first = d.drop_duplicates("_unit").set_index("_unit")[cluster]
    return table, first.reindex(table.units).to_numpy()


def labels_matrix(df: pd.DataFrame, unit_cols: Sequence[str], units: Sequence[str], raters: Sequence[str],
                  value: str = "value") -> np.ndarray:
    """A float matrix (len(units) x len(raters)) of *df*'s values, NaN where absent."""
    d = df.assign(_unit=unit_ids(df, unit_cols))
    wide = d.pivot_table(index="_unit", columns="rater", values=value, aggfunc="last")
    return wide.reindex(index=list(units), columns=list(raters)).to_numpy(dtype=float)


def majority(labels: np.ndarray) -> np.ndarray:
    """Majority 0/1 label per row (NaN where no label or an exact tie)."""
    n = (~np.isnan(labels)).sum(axis=1)
    met = np.nansum(labels, axis=1)
    out = np.where(2 * met > n, 1.0, np.where(2 * met < n, 0.0, np.nan))
    return np.where(n > 0, out, np.nan)
