"""Study databases for the tests: build a database once, then copy the file for each test.

Creating the schema through the Alembic migrations takes a noticeable time per database on a busy
machine, and most tests want an empty or a demo study. :func:`build_template` makes such a file
once (through ``open_store``, as the app makes it), folds the write-ahead log into it and checks
that nothing but the one file is left; :func:`copy_database` copies it to a test's folder, where
``open_store`` finds the head revision and runs no migration. The fixtures that use these live in
``tests/conftest.py``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer.store import Store

SIDE_FILES = ("-wal", "-shm", "-journal")


def side_files(path: Path) -> list[Path]:
    """The SQLite files that belong to *path* and exist (write-ahead log, shared memory, journal)."""
    return [p for p in (path.with_name(path.name + s) for s in SIDE_FILES) if p.exists()]


def build_template(path: Path, fill: Callable[[Store], object] | None = None, *,
                   start: Path | None = None) -> Path:
    """A closed, self-contained study database at *path*: migrated (or copied from *start*), filled
    by *fill*, its write-ahead log checkpointed into the file. Returns *path*."""
    from reviewer.store import open_store

    if start is not None:
        copy_database(start, path)
    store = open_store(path)
    try:
        if fill is not None:
            fill(store)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()  # the last connection closing removes the (now empty) -wal and -shm files
    left = side_files(path)
    if left:
        raise RuntimeError(f"template database {path} still has {[p.name for p in left]} after closing")
    return path


def copy_database(template: Path, path: Path) -> Path:
    """Copy the closed database *template* to the new file *path* (the one file: no -wal is left
    to copy, see :func:`build_template`). Returns *path*."""
    if side_files(template):
        raise RuntimeError(f"{template} is open or was not closed cleanly: copying the file alone would "
                           "lose what its write-ahead log holds")
    if path.exists() or side_files(path):
        raise FileExistsError(f"{path} already exists: a test asked for two databases at the same place")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path
