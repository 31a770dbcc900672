"""A throwaway database on the PostgreSQL server named by REVIEWER_TEST_PG_URL (started by
.ci/pg_server.sh), for tests marked ``postgres``."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("REVIEWER_TEST_PG_URL", "")
SKIP_REASON = ("REVIEWER_TEST_PG_URL is not set: start a throwaway server with "
               "eval \"$(.ci/pg_server.sh start)\" (needs the postgresql package)")


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database (the server's test user creates it), dropped afterwards; its URL."""
    psycopg = pytest.importorskip("psycopg")
    base = make_url(PG_URL)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"reviewer_t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL server at REVIEWER_TEST_PG_URL is unreachable: {exc}")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def as_role(url: str, role: str, password: str | None = None) -> str:
    """The same database, logged in as *role*."""
    return make_url(url).set(username=role, password=password).render_as_string(hide_password=False)
