"""The store opens with the right pragmas, migrations match the models, URLs resolve as documented."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from reviewer.errors import ReviewerError
from reviewer.store import open_store, resolve_url
from reviewer.store.migrate import current_revision, head_revision
from reviewer.store.models import Base, Case, Study


def test_sqlite_pragmas(store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_head_revision_constant_matches_the_scripts() -> None:
    from reviewer.store.revision import HEAD_REVISION

    assert HEAD_REVISION == head_revision()


def test_migrations_match_models(store) -> None:
    """Every model change has its Alembic revision: the migrated schema equals the metadata."""
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_a_database_at_head_opens_without_migrating(fresh_db: Path, empty_db_template: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the ``store`` fixture relies on: the session's template is one closed file (no -wal or
    -shm to lose in a copy), and opening a copy of it only reads the revision: no upgrade, no backup."""
    from reviewer.store import migrate
    from tests.support.db import side_files

    assert side_files(empty_db_template) == []

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a database at the head revision was migrated again")

    monkeypatch.setattr(migrate, "upgrade_to_head", refuse)
    store = open_store(fresh_db)
    try:
        assert current_revision(store.engine) == head_revision()
    finally:
        store.close()
    assert sorted(p.name for p in fresh_db.parent.iterdir()) == [fresh_db.name]


def test_foreign_keys_enforced(store) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with store.begin() as session:
            session.add(Case(study_id=999, turns=[]))


def test_uids_and_timestamps(store) -> None:
    from reviewer.store.models import utcnow

    before = utcnow()
    with store.begin() as session:
        session.add(Study(name="s"))
    after = utcnow()
    with store.Session() as session:
        study = session.scalar(select(Study))
        assert len(study.uid) == 36 and uuid.UUID(study.uid).version == 4
        assert before <= study.created_at <= after and before <= study.updated_at <= after  # set on insert


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("REVIEWER_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")


def test_foreign_database_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE something (x)")
    with pytest.raises(ReviewerError, match="not a reviewer study database"):
        open_store(path)


def test_concurrent_edit_of_a_rating_is_a_conflict_not_a_lost_write(store) -> None:
    """Two sessions load the same rating; the second writer is refused and nothing is overwritten."""
    from reviewer.errors import ConflictError
    from reviewer.store.models import Model, Rater, Rating, Response
    from reviewer.studies.lookup import create_study

    with store.begin() as s:
        study = create_study(s, "s")
        case = Case(study_id=study.id, turns=[{"role": "user", "content": "q"}])
        model = Model(study_id=study.id, name="m")
        rater = Rater(name="dr-a")
        s.add_all([case, model, rater])
        s.flush()
        resp = Response(case_id=case.id, model_id=model.id, text="a", blind_label="A")
        s.add(resp)
        s.flush()
        s.add(Rating(response_id=resp.id, rater_id=rater.id, comment="first"))
    with pytest.raises(ConflictError, match="changed by someone else"), store.begin() as first:
        mine = first.scalar(select(Rating))
        with store.begin() as second:
            theirs = second.scalar(select(Rating))
            theirs.comment = "theirs"
        mine.comment = "mine"
    with store.Session() as s:
        rating = s.scalar(select(Rating))
        assert rating.comment == "theirs" and rating.version == 2
