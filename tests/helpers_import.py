"""Fast fresh study databases for the import/export tests.

Creating the schema through the migrations costs about a second per database on the shared
machine; the importer tests need a dozen fresh ones. ``fresh_db`` copies one migrated, empty
database made once per session instead (a real SQLite file at head, as open_store makes it).
Import the ``*_fixture`` functions into a test module to use the fixtures by their short names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session", name="empty_db_template")
def empty_db_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reviewer.store import open_store

    path = tmp_path_factory.mktemp("empty-db") / "empty.db"
    open_store(path).close()  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture(name="fresh_db")
def fresh_db_fixture(empty_db_template: Path, tmp_path: Path) -> Path:
    """The path of a new, empty, migrated study database in tmp_path."""
    path = tmp_path / "study.db"
    shutil.copy2(empty_db_template, path)
    return path


@pytest.fixture(name="fresh_store")
def fresh_store_fixture(fresh_db: Path):
    from reviewer.store import open_store

    store = open_store(fresh_db)
    yield store
    store.close()
