"""A database made at the first schema revision is backed up and upgraded on open, data intact."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text

from reviewer.store.engine import make_engine, resolve_url
from reviewer.store.migrate import current_revision, head_revision, upgrade


def test_database_at_0001_is_upgraded_with_backup_and_keeps_its_data(tmp_path: Path) -> None:
    from reviewer.store import open_store
    from reviewer.store.models import Case, Study

    db = tmp_path / "old.db"
    engine = make_engine(resolve_url(db))
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "prompt_template" not in tables  # added by 0002: we really are at the first revision
        conn.execute(text(
            "INSERT INTO study (id, uid, name, description, settings, created_at, updated_at) "
            "VALUES (1, 'study-uid-1', 'legacy', '', '{}', '2025-01-02 03:04:05.000000', "
            "'2025-01-02 03:04:05.000000')"))
        conn.execute(text(
            "INSERT INTO \"case\" (id, uid, study_id, source, external_id, title, category, turns, "
            "reference_answer, tags, meta, content_hash, created_at, updated_at) VALUES "
            "(1, 'case-uid-1', 1, 'manual', 'c-1', 'Chest pain', 'emergency', "
            "'[{\"role\": \"user\", \"content\": \"胸痛怎么办？\"}]', 'Call 120.', '[\"x\"]', '{}', '', "
            "'2025-01-02 03:04:05.000000', '2025-01-02 03:04:05.000000')"))
    engine.dispose()

    store = open_store(db)
    try:
        assert current_revision(store.engine) == head_revision() != "0001"
        assert (tmp_path / "old.db.bak-0001").is_file()
        with store.Session() as session:
            case = session.scalar(select(Case).where(Case.uid == "case-uid-1"))
            assert case is not None
            assert case.turns == [{"role": "user", "content": "胸痛怎么办？"}]
            assert case.reference_answer == "Call 120." and case.tags == ["x"]
            assert session.scalar(select(Study.name).where(Study.id == case.study_id)) == "legacy"
        with store.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "prompt_template" in tables
    finally:
        store.close()
    # the backup is the untouched revision-0001 database
    old = make_engine(resolve_url(tmp_path / "old.db.bak-0001"))
    assert current_revision(old) == "0001"
    with old.connect() as conn:
        assert conn.exec_driver_sql("SELECT external_id FROM \"case\"").scalar() == "c-1"
    old.dispose()


def test_0003_adds_the_pack_tables_to_a_0002_database_and_goes_back(tmp_path: Path) -> None:
    """Review packs (their secrets) and per-pack rating revisions: new, empty tables; existing rows
    untouched; the downgrade removes exactly them."""
    from alembic import command

    from reviewer.store.migrate import alembic_config

    db = tmp_path / "at0002.db"
    engine = make_engine(resolve_url(db))
    upgrade(engine, "0002")

    def tables() -> set[str]:
        with engine.connect() as conn:
            return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}

    before = tables()
    assert "review_pack" not in before and "merge_record" in before
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO study (id, uid, name, description, settings, created_at, updated_at) "
            "VALUES (1, 'study-uid-1', 'legacy', '', '{}', '2025-01-02 03:04:05', '2025-01-02 03:04:05')"))
    upgrade(engine, "0003")
    assert current_revision(engine) == "0003"
    assert tables() == before | {"review_pack", "pack_rating"}
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM study").scalar() == "legacy"
        assert conn.exec_driver_sql("SELECT count(*) FROM review_pack").scalar() == 0
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert tables() == before and current_revision(engine) == "0002"
    engine.dispose()


def _rows_at_0002(conn) -> None:  # noqa: ANN001
    """One study with a case, a criterion, a response and a submitted rating, in plain SQL."""
    t = "'2025-01-02 03:04:05.000000'"
    stamp = f"{t}, {t}"
    for sql in (
        f"INSERT INTO study (id, name, description, settings, uid, created_at, updated_at) "
        f"VALUES (1, 's', '', '{{}}', 'u-study', {stamp})",
        f"INSERT INTO rater (id, name, display_name, role, uid, created_at, updated_at) "
        f"VALUES (1, 'dr-a', '', 'physician', 'u-rater', {stamp})",
        f"INSERT INTO \"case\" (id, study_id, source, title, category, turns, tags, meta, content_hash, uid, "
        f"created_at, updated_at) VALUES (1, 1, 'm', 'T', '', '[]', '[]', '{{}}', '', 'u-case', {stamp})",
        f"INSERT INTO checklist_version (id, case_id, version, author, reason, uid, created_at, updated_at) "
        f"VALUES (1, 1, 1, '', '', 'u-cl', {stamp})",
        f"INSERT INTO criterion (id, checklist_version_id, key, position, text, tags, uid, created_at, updated_at) "
        f"VALUES (1, 1, 'k1', 0, 'Mentions rest', '[]', 'u-crit', {stamp})",
        f"INSERT INTO model (id, study_id, name, kind, meta, uid, created_at, updated_at) "
        f"VALUES (1, 1, 'm1', 'imported', '{{}}', 'u-model', {stamp})",
        f"INSERT INTO response (id, case_id, model_id, sample_index, text, blind_label, settings, content_hash, "
        f"uid, created_at, updated_at) VALUES (1, 1, 1, 0, 'Rest well.', 'A', '{{}}', '', 'u-resp', {stamp})",
        f"INSERT INTO rating (id, response_id, rater_id, status, extra_scores, comment, safety_flag, time_spent_s, "
        f"source, version, uid, created_at, updated_at) "
        f"VALUES (1, 1, 1, 'submitted', '{{}}', '', 0, 12.5, 'app', 3, 'u-rating', {stamp})",
        f"INSERT INTO criterion_rating (rating_id, criterion_id, value, uid, created_at, updated_at) "
        f"VALUES (1, 1, 'met', 'u-cr', {stamp})",
    ):
        conn.execute(text(sql))


def test_0003b_adds_guidance_skip_and_evidence_and_keeps_ratings(tmp_path: Path) -> None:
    from reviewer.rating.operations import RatingOperations
    from reviewer.store import open_store

    db = tmp_path / "at-0002.db"
    engine = make_engine(resolve_url(db))
    upgrade(engine, "0002")
    with engine.begin() as conn:
        _rows_at_0002(conn)
    engine.dispose()
    store = open_store(db)
    try:
        assert current_revision(store.engine) == head_revision()
        item = RatingOperations(store).load_item(1, 1)[0]
        assert (item.status, item.values, item.time_spent_s, item.rating_version) == ("submitted", {1: "met"}, 12.5, 3)
        assert not item.skipped and item.evidence == {} and item.criteria[0].guidance is None
        _, state = RatingOperations(store).add_evidence(1, 1, 1, 0, 4)  # the new table takes rows
        assert RatingOperations(store).load_item(1, 1)[0].evidence[1][0].quote == "Rest"
        assert state.rating_version == 4
    finally:
        store.close()
    from alembic import command

    from reviewer.store.migrate import alembic_config

    engine = make_engine(resolve_url(db))  # and down again, foreign keys on: the ratings stay
    cfg = alembic_config()
    with engine.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM criterion_rating").scalar() == 1
        cols = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(rating)")}
        assert "skipped" not in cols
    assert current_revision(engine) == "0002"
    engine.dispose()


def test_0004_adds_gold_labels_to_a_0003b_database_with_backup_and_goes_back(tmp_path: Path) -> None:
    """Adjudication (issue 18): two new tables on a copy of a database at 0003b; the ratings are
    untouched, the backup is the 0003b file, and the downgrade removes exactly the new tables."""
    from alembic import command

    from reviewer.store import open_store
    from reviewer.store.migrate import alembic_config
    from reviewer.store.models import ConsensusScore, GoldLabel, Rating

    db = tmp_path / "at-0003b.db"
    engine = make_engine(resolve_url(db))
    upgrade(engine, "0003b")
    with engine.begin() as conn:
        _rows_at_0002(conn)
        before = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "gold_label" not in before
    engine.dispose()
    store = open_store(db)
    try:
        assert current_revision(store.engine) == head_revision()
        assert (tmp_path / "at-0003b.db.bak-0003b").is_file()
        with store.begin() as s:
            s.add(GoldLabel(study_id=1, response_id=1, criterion_id=1, value="met", reason="clear", author="lead",
                            method="manual"))
            s.add(ConsensusScore(study_id=1, response_id=1, score=4.0, reason="r", author="lead", method="manual"))
        with store.Session() as s:
            rating = s.get(Rating, 1)
            assert (rating.status, rating.version, rating.time_spent_s) == ("submitted", 3, 12.5)
            gold = s.scalar(select(GoldLabel))
            assert (gold.value, gold.reason, gold.author, gold.method) == ("met", "clear", "lead", "manual")
    finally:
        store.close()
    engine = make_engine(resolve_url(db))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003b")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables == before
        assert conn.exec_driver_sql("SELECT count(*) FROM criterion_rating").scalar() == 1
    assert current_revision(engine) == "0003b"
    engine.dispose()


def test_0005_keys_ratings_by_checklist_version_on_a_0004_database_with_backup(tmp_path: Path) -> None:
    """Re-rating (issue 18): on a copy of a database at 0004 the rating table is rebuilt with the
    key (response, rater, checklist version); every rating, criterion rating and piece of evidence
    survives (the batch copy runs with foreign keys off), a rating without a version gets the one
    of the criteria it answered, the backup is the 0004 file, a second rating on version 2 is now
    allowed while a second one on the same version is not, and the downgrade goes back when no
    response holds two ratings of one rater (and refuses, naming why, when one does)."""
    import pytest
    from alembic import command
    from sqlalchemy.exc import IntegrityError

    from reviewer.store import open_store
    from reviewer.store.migrate import alembic_config
    from reviewer.store.models import Assignment, CriterionRating, Evidence, Rating

    db = tmp_path / "at-0004.db"
    engine = make_engine(resolve_url(db))
    upgrade(engine, "0004")
    with engine.begin() as conn:
        _rows_at_0002(conn)
        t = "'2025-01-02 03:04:05.000000'"
        conn.execute(text("INSERT INTO evidence (rating_id, criterion_id, start, \"end\", quote, uid, created_at, "
                          f"updated_at) VALUES (1, 1, 0, 4, 'Rest', 'u-ev', {t}, {t})"))
        conn.execute(text("INSERT INTO assignment (study_id, rater_id, response_id, position, is_calibration, uid, "
                          f"created_at, updated_at) VALUES (1, 1, 1, 0, 0, 'u-as', {t}, {t})"))
        conn.execute(text("INSERT INTO checklist_version (id, case_id, version, author, reason, uid, created_at, "
                          f"updated_at) VALUES (2, 1, 2, '', 'reworded', 'u-cl2', {t}, {t})"))
        assert conn.exec_driver_sql("SELECT checklist_version_id FROM rating").scalar() is None
    engine.dispose()
    store = open_store(db)
    try:
        assert current_revision(store.engine) == head_revision() == "0005"
        backup = make_engine(resolve_url(tmp_path / "at-0004.db.bak-0004"))
        assert current_revision(backup) == "0004"
        backup.dispose()
        with store.Session() as s:
            rating = s.get(Rating, 1)
            assert (rating.status, rating.version, rating.time_spent_s, rating.uid) == ("submitted", 3, 12.5, "u-rating")
            assert rating.checklist_version_id == 1  # from the criterion it answered
            assert [(c.value, c.carried) for c in rating.criterion_ratings] == [("met", False)]
            assert s.scalar(select(Evidence.quote).where(Evidence.rating_id == 1)) == "Rest"
            assert s.scalar(select(Assignment.checklist_version_id)) is None
        with store.begin() as s:  # the same rater on version 2 of the same response: allowed now
            s.add(Rating(response_id=1, rater_id=1, checklist_version_id=2, status="draft"))
        with pytest.raises(IntegrityError), store.begin() as s:
            s.add(Rating(response_id=1, rater_id=1, checklist_version_id=2, status="draft"))
        with store.Session() as s:
            assert s.scalar(select(func.count(CriterionRating.id))) == 1
    finally:
        store.close()
    engine = make_engine(resolve_url(db))
    cfg = alembic_config()
    with pytest.raises(RuntimeError, match="more than one checklist version"), engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM rating WHERE checklist_version_id = 2")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert current_revision(engine) == "0004"
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM criterion_rating").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM evidence").scalar() == 1
    upgrade(engine, "0005")  # and up again from the key the SQLite downgrade left (a unique index)
    assert current_revision(engine) == "0005"
    with engine.connect() as conn:
        indexes = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "uq_rating_response_id_rater_id" not in indexes
        assert conn.exec_driver_sql("SELECT count(*) FROM criterion_rating").scalar() == 1
    engine.dispose()
