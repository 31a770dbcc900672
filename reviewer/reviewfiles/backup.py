"""A backup copy of the whole study database, taken before every merge.

SQLite: ``VACUUM INTO`` a consistent copy in ``<db folder>/<db name>-backups/before-merge-<time>.db``
(safe while the app has the database open). A server database (PostgreSQL): every table as
gzipped JSON lines in ``<user data>/reviewer/backups/`` (for a full server backup use pg_dump).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from sqlalchemy import MetaData

from reviewer.store import Store
from reviewer.store.engine import default_db_path
from reviewer.store.models import utcnow


def backup_database(store: Store) -> Path:
    """A copy of the whole study database taken now; returns where it is."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%S_%f")
    db_file = store.path
    if db_file is not None:
        folder = db_file.parent / f"{db_file.name}-backups"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"before-merge-{stamp}.db"
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM INTO ?", (str(target),))
        return target
    folder = default_db_path().parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{store.engine.url.database or 'server'}-before-merge-{stamp}.jsonl.gz"
    meta = MetaData()
    meta.reflect(store.engine)
    with store.engine.connect() as conn, gzip.open(target, "wt", encoding="utf-8") as out:
        for table in meta.sorted_tables:
            for row in conn.execute(table.select()):
                out.write(json.dumps({"table": table.name, "row": dict(row._mapping)}, default=str) + "\n")
    return target
