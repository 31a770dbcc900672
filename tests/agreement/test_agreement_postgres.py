"""The study analysis reads through the driver's cursor (``store.reads.numeric_rows``, values
inlined by the dialect): on PostgreSQL it must give exactly what it gives on SQLite."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from reviewer.agreement.service import analyze_study
from reviewer.store import open_store
from reviewer.studies.demo import build_demo

pytestmark = pytest.mark.postgres


def _tables(store) -> dict[str, pd.DataFrame]:  # noqa: ANN001
    """Every table of the analysis without the uid columns (random per build) and ids (given by
    each database), rows in one canonical order."""
    out = {}
    for name, df in analyze_study(store, n_boot=50, seed=3).tables().items():
        df = df.drop(columns=[c for c in df.columns if str(c).endswith(("uid", "_id"))])
        df = df.astype({c: str for c in df.columns if df[c].dtype == object or str(df[c].dtype) == "str"})
        out[name] = df.sort_values(list(df.columns), kind="stable").reset_index(drop=True) if len(df) else df
    return out


def test_demo_analysis_is_the_same_on_postgres_and_sqlite(pg_study_db: str, tmp_path: Path) -> None:
    pg = open_store(pg_study_db)
    lite = open_store(tmp_path / "demo.db")
    try:
        build_demo(pg)
        build_demo(lite)
        on_pg, on_lite = _tables(pg), _tables(lite)
    finally:
        pg.close()
        lite.close()
    assert on_pg.keys() == on_lite.keys() and len(on_pg["by_criterion"]) > 100
    assert any(name.startswith("judge[") for name in on_pg)
    for name in on_pg:
        pd.testing.assert_frame_equal(on_pg[name], on_lite[name], check_dtype=False, obj=name)
