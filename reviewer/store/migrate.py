"""Alembic migrations run from code: on open, an older database is backed up and upgraded.

SQLite migrations run with foreign keys OFF (a batch "move and copy" of a parent table with
``ON DELETE CASCADE`` would otherwise delete child rows), then ``PRAGMA foreign_key_check``
must come back empty or the backup is restored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from reviewer.errors import ReviewerError
from reviewer.paths import migrations_dir


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("version_locations", str(migrations_dir() / "versions"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run ``alembic upgrade`` to *revision* on this engine (no backup; see upgrade_to_head)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        if engine.dialect.name == "sqlite":
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ReviewerError(f"migration left broken references: {problems[:5]}")
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade_to_head(engine: Engine, *, backup: bool = True) -> None:
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    has_tables = bool(inspect(engine).get_table_names())
    if current is None and has_tables:
        raise ReviewerError(f"{engine.url}: not a reviewer study database (no schema revision found)")
    db_file = Path(engine.url.database) if engine.dialect.name == "sqlite" and engine.url.database else None
    backup_file: Path | None = None
    if backup and current is not None and db_file is not None and db_file.exists():
        with engine.connect() as conn:  # fold the WAL into the main file before copying
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        backup_file = db_file.with_name(f"{db_file.name}.bak-{current}")
        shutil.copy2(db_file, backup_file)
    try:
        upgrade(engine)
    except Exception:
        if backup_file is not None:
            engine.dispose()
            shutil.copy2(backup_file, db_file)
        raise
