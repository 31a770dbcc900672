"""A backup copy of the whole study database, taken before a merge that changes something.

SQLite: ``VACUUM INTO`` a consistent copy in ``<db folder>/<db name>-backups/before-merge-<time>.db``
(safe while the app has the database open, and taken from a separate connection, so that it
holds the committed state even while the merge's own transaction is open). A server database
(PostgreSQL): every table as gzipped JSON lines in ``<user data>/reviewer/backups/`` (for a full
server backup use pg_dump). Either way the copy is written to a temporary name in the same folder
and renamed when complete: a failure leaves no partial or empty backup.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from sqlalchemy import MetaData

from reviewer.files import atomic_path
from reviewer.store import Store
from reviewer.store.engine import default_db_path
from reviewer.store.models import utcnow


def backup_database(store: Store) -> Path:
    """A copy of the whole study database taken now (committed state); returns where it is."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%S_%f")
    db_file = store.path
    if db_file is not None:
        folder = db_file.parent / f"{db_file.name}-backups"
        target = folder / f"before-merge-{stamp}.db"
    else:
        folder = default_db_path().parent / "backups"
        target = folder / f"{store.engine.url.database or 'server'}-before-merge-{stamp}.jsonl.gz"
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(target) as partial:
            if db_file is not None:
                partial.unlink()  # VACUUM INTO writes a new file only
                with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql("VACUUM INTO ?", (str(partial),))
            else:
                _dump_tables(store, partial)
    except BaseException:
        if made:
            _remove_if_empty(folder)
        raise
    return target


def _dump_tables(store: Store, out_path: Path) -> None:
    meta = MetaData()
    meta.reflect(store.engine)
    with store.engine.connect() as conn, gzip.open(out_path, "wt", encoding="utf-8") as out:
        for table in meta.sorted_tables:
            for row in conn.execute(table.select()):
                out.write(json.dumps({"table": table.name, "row": dict(row._mapping)}, default=str) + "\n")


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def discard_backup(path: Path | None) -> None:
    """Remove a backup taken for a merge that then failed (and its folder, when left empty)."""
    if path is None:
        return
    path.unlink(missing_ok=True)
    _remove_if_empty(path.parent)
