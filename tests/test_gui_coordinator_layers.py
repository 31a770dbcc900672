"""The coordinator screens run no SQL of their own: every read and write is a service operation."""

from __future__ import annotations

import re
from pathlib import Path

COORDINATOR = Path(__file__).resolve().parents[1] / "reviewer" / "gui" / "coordinator"
SQL = re.compile(r"select\(|Session|sqlalchemy|reviewer\.store\.models")


def test_coordinator_screens_write_no_sql_and_open_no_sessions() -> None:
    files = sorted(COORDINATOR.rglob("*.py"))
    assert len(files) >= 8
    found = [f"{path.name}:{n}: {line.strip()}" for path in files
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if SQL.search(line)]
    assert found == []


def test_coordinator_screens_do_not_begin_transactions() -> None:
    found = [f"{path.name}:{n}" for path in sorted(COORDINATOR.rglob("*.py"))
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if ".begin()" in line]
    assert found == []
