"""Opening a study store: URL resolution, SQLite pragmas, sessions, migrations on open."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from reviewer.errors import ConflictError, InputError, UnavailableError, explain
from reviewer.paths import DB_ENV_VAR, default_db_path, masked_url  # noqa: F401  (re-exported)
from reviewer.store.revision import HEAD_REVISION


def resolve_url(target: str | os.PathLike[str] | None) -> str:
    """A file path means SQLite; a string with ``://`` is a SQLAlchemy URL used as it is."""
    if target is None:
        target = os.environ.get(DB_ENV_VAR) or default_db_path()
    text = str(target)
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, also in SQLite's URI form
    (``sqlite:///file:/path/study.db?mode=ro&uri=true``); None for a server or an in-memory database."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") and str(parsed.query.get("uri", "")).lower() in ("true", "1"):
        if parsed.query.get("mode") == "memory":
            return None
        database = unquote(database.removeprefix("file:").removeprefix("//localhost"))
    return Path(database)


BUSY_TIMEOUT_ENV = "REVIEWER_BUSY_TIMEOUT_MS"  # how long a write waits for another writer's lock


def busy_timeout_ms() -> int:
    """Milliseconds SQLite waits for a lock held by another program before "database is locked":
    10 s, or ``$REVIEWER_BUSY_TIMEOUT_MS`` (a whole number; anything else keeps the default)."""
    text = os.environ.get(BUSY_TIMEOUT_ENV, "")
    return int(text) if text.isdigit() else 10000


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    # PRAGMAs are no-ops inside a transaction; pysqlite on 3.11 has no .autocommit attribute.
    previous = getattr(dbapi_connection, "autocommit", None)
    if previous is not None and previous is not True:
        dbapi_connection.autocommit = True
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
    if previous is not None and previous is not True:
        dbapi_connection.autocommit = previous


def make_engine(url: str, **kwargs) -> Engine:  # noqa: ANN003
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _stored_revision(engine: Engine) -> str | None:
    """The database's Alembic revision read with one query (None when there is none yet)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


@dataclass
class Store:
    """An open study database: the engine and a session factory (``expire_on_commit=False``)."""

    url: str
    engine: Engine
    Session: sessionmaker[Session]

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any exception.

        A write to a row that another writer changed in the meantime (a stale ``version`` column,
        e.g. two people editing the same rating) rolls back and raises :class:`ConflictError`
        instead of overwriting the other change; a database that is locked past the busy timeout,
        read-only or on a full disk raises :class:`UnavailableError` with the one line to show.
        """
        try:
            with self.Session.begin() as session:
                yield session
        except StaleDataError as exc:
            raise ConflictError("this record was changed by someone else at the same time; nothing of "
                                "this change was saved: reload it and try again") from exc
        except DBAPIError as exc:  # locked, read-only, disk full: a message every caller can show
            unavailable = _unavailable(exc, self.url)
            if unavailable is None:
                raise
            raise unavailable from exc

    def close(self) -> None:
        self.engine.dispose()


def _unavailable(exc: DBAPIError, url: str) -> UnavailableError | None:
    """An UnavailableError naming the database file (or the URL, password masked) when
    reviewer.errors.explain knows what the user can do about *exc*; else None (a bug: re-raise)."""
    path = sqlite_path(url)
    message = explain(exc, database=str(path) if path else url)
    return None if message is None else UnavailableError(message)


@contextmanager
def transaction(target: Store | Session) -> Iterator[Session]:
    """One transaction for a whole file. A Store gets a fresh one; a Session already inside a
    transaction is used as it is (the caller commits or rolls back)."""
    if isinstance(target, Session):
        if target.in_transaction():
            yield target
        else:
            with target.begin():
                yield target
    else:
        with target.begin() as session:
            yield session


def open_store(target: str | os.PathLike[str] | None = None, *, upgrade: bool = True,
               backup: bool = True) -> Store:
    """Open (creating or upgrading as needed) the store named by a path or URL.

    An existing database at an older schema revision is copied to ``NAME.bak-REV`` first, then
    upgraded (see :mod:`reviewer.store.migrate`).
    """
    url = resolve_url(target)
    try:
        engine = make_engine(url)
    except (ArgumentError, ImportError) as exc:  # NoSuchModuleError is an ArgumentError
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"not a database this app can open ({masked_url(first)}); give a file path, or a URL "
                         "such as postgresql+psycopg://user@host/db (pip install \"reviewer[postgres]\")",
                         file=masked_url(url)) from exc
    if upgrade and _stored_revision(engine) != HEAD_REVISION:
        from reviewer.store.migrate import upgrade_to_head

        try:
            upgrade_to_head(engine, backup=backup)
        except DBAPIError as exc:  # not a database, locked, read-only: say so naming the file
            engine.dispose()
            unavailable = _unavailable(exc, url)
            if unavailable is None:
                raise
            raise unavailable from exc
    return Store(url=url, engine=engine, Session=sessionmaker(engine, expire_on_commit=False))
