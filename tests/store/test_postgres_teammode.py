"""Team mode against a real PostgreSQL server (REVIEWER_TEST_PG_URL; .ci/run starts one with
.ci/pg_server.sh). Each run creates a fresh database, runs the migrations through open_store, and
drops it at the end."""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from reviewer import rating as R
from reviewer.errors import ConflictError
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.store import open_store
from reviewer.store.migrate import current_revision, head_revision
from reviewer.store.models import Assignment, Rater, Rating, Response, Study
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import create_study, get_study
from tests.support.reviewfiles import build_study, dump_tables

PG_URL = os.environ.get("REVIEWER_TEST_PG_URL", "")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="REVIEWER_TEST_PG_URL is not set: start a throwaway server with "
                                          "eval \"$(.ci/pg_server.sh start)\" (needs the postgresql package)"),
]


@pytest.fixture(scope="module")
def pg_url() -> str:
    """A fresh database on the server for this test module (or, for a role that may not create
    databases, a fresh schema in the given one), dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    base = make_url(PG_URL)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"reviewer_t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        drop, url = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', base.set(database=name)
    except psycopg.errors.InsufficientPrivilege:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        drop = f'DROP SCHEMA IF EXISTS "{name}" CASCADE'
        url = base.update_query_dict({"options": f"-csearch_path={name}"})
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL server at REVIEWER_TEST_PG_URL is unreachable: {exc}")
    yield url.render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)


@pytest.fixture(scope="module")
def pg_store(pg_url: str):
    store = open_store(pg_url)  # runs the Alembic migrations on the empty database
    yield store
    store.close()


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def test_migrations_reach_head_and_writes_work(pg_store) -> None:
    assert pg_store.engine.dialect.name == "postgresql"
    assert current_revision(pg_store.engine) == head_revision()
    again = open_store(pg_store.url)  # opening an up-to-date server database changes nothing
    again.close()
    name = _unique("import")
    build_study(pg_store, name=name, n_cases=3, judge=True)
    with pg_store.Session() as s:
        study = s.scalar(select(Study).where(Study.name == name))
        responses = s.scalars(select(Response).join(Response.case).where(Response.case.has(study_id=study.id))).all()
        assert len(responses) == 6
        assert responses[0].settings["temperature"] == 0.7  # JSON round trip
        assert study.schemes[0].score_anchors["5"].startswith("Core")
    with pytest.raises(IntegrityError), pg_store.begin() as s:  # unique constraints hold on the server
        create_study(s, name)


def _rate_queue(store, study_name: str, rater_name: str, results: dict, errors: list) -> None:
    try:
        with store.begin() as s:
            study = get_study(s, study_name)
            rid = s.scalar(select(Rater.id).where(Rater.name == rater_name))
            queue = R.work_queue(s, study.id, rid)
            for item in queue:
                view = R.load_item(s, rid, item.response_id)
                for c in view.criteria:
                    R.set_criterion(s, rid, item.response_id, c.id, "met")
                R.set_overall_score(s, rid, item.response_id, 3)
                R.submit(s, rid, item.response_id)
            results[rater_name] = {q.response_id for q in queue}
    except Exception as exc:  # noqa: BLE001 - reported by the test thread
        errors.append(exc)


def test_several_raters_at_once_each_see_only_their_own_work(pg_store) -> None:
    name = _unique("team")
    raters = [_unique("doc") for _ in range(3)]
    build_study(pg_store, name=name, n_cases=4)
    with pg_store.begin() as s:
        report = design_assignments(s, get_study(s, name), raters, per_response=1, calibration=1, seed=4)
    results: dict[str, set[int]] = {}
    errors: list[Exception] = []
    threads = [threading.Thread(target=_rate_queue, args=(pg_store, name, r, results, errors)) for r in raters]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with pg_store.Session() as s:
        study = get_study(s, name)
        for rater in raters:
            rid = s.scalar(select(Rater.id).where(Rater.name == rater))
            assigned = set(s.scalars(select(Assignment.response_id).where(Assignment.study_id == study.id,
                                                                          Assignment.rater_id == rid)))
            assert results[rater] == assigned
            assert len(assigned) == report.items_per_rater[rater]
            rated = set(s.scalars(select(Rating.response_id).where(Rating.rater_id == rid,
                                                                   Rating.status == "submitted")))
            assert rated == assigned  # each rated exactly their own queue, nothing else
    calib = [r for r in results.values()]
    assert set.intersection(*calib)  # the calibration item is in every queue


def test_two_concurrent_writers_on_one_rating_are_detected_not_lost(pg_store) -> None:
    name = _unique("race")
    rater = _unique("doc")
    build_study(pg_store, name=name, n_cases=1)
    with pg_store.begin() as s:
        design_assignments(s, get_study(s, name), [rater], per_response=1)
        rid = s.scalar(select(Rater.id).where(Rater.name == rater))
        resp = R.work_queue(s, get_study(s, name).id, rid)[0].response_id
        R.set_comment(s, rid, resp, "first")

    # Two writers hold the same rating in open transactions (both read version N); the first
    # commits; the second's UPDATE ... WHERE version = N then matches nothing: refused, not applied.
    first, second = pg_store.Session(), pg_store.Session()
    try:
        first.begin()
        second.begin()
        held = [x.scalar(select(Rating).where(Rating.rater_id == rid, Rating.response_id == resp))
                for x in (first, second)]
        assert held[0].version == held[1].version
        R.set_comment(first, rid, resp, "from writer one")
        first.commit()
        with pytest.raises((StaleDataError, ConflictError)):
            R.set_comment(second, rid, resp, "from writer two")
        second.rollback()
    finally:
        first.close()
        second.close()
    with pg_store.Session() as s:
        rating = s.scalar(select(Rating).where(Rating.rater_id == rid, Rating.response_id == resp))
        assert rating.comment == "from writer one"
        version_after_one = rating.version

    # Truly at once, in two threads: B's UPDATE blocks on A's row lock until A commits, then finds
    # that the version has moved on.
    barrier = threading.Barrier(2)
    a_wrote = threading.Event()
    outcome: dict[str, str] = {}

    def writer(tag: str) -> None:
        with pg_store.Session() as s:
            s.begin()
            held = s.scalar(select(Rating).where(Rating.rater_id == rid, Rating.response_id == resp))
            assert held.version == version_after_one
            barrier.wait(10)
            try:
                if tag == "A":
                    R.set_comment(s, rid, resp, "writer A")  # UPDATE sent: A holds the row lock
                    a_wrote.set()
                    threading.Event().wait(0.5)
                else:
                    a_wrote.wait(10)
                    R.set_comment(s, rid, resp, "writer B")  # blocks until A commits
                s.commit()
                outcome[tag] = "committed"
            except (StaleDataError, ConflictError):
                s.rollback()
                outcome[tag] = "refused"

    threads = [threading.Thread(target=writer, args=(tag,)) for tag in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert outcome == {"A": "committed", "B": "refused"}
    with pg_store.Session() as s:
        rating = s.scalar(select(Rating).where(Rating.rater_id == rid, Rating.response_id == resp))
        assert rating.comment == "writer A"
        assert rating.version == version_after_one + 1

    # The same race on a criterion answer (the rating service's lean draft path): B reads the
    # version, waits for A's row lock, then its version bump matches nothing -> ConflictError.
    with pg_store.begin() as s:
        crit = R.load_item(s, rid, resp).criteria[0].id
        R.set_criterion(s, rid, resp, crit, "met")
    a_wrote.clear()
    crit_outcome: dict[str, str] = {}

    def crit_writer(tag: str, value: str) -> None:
        with pg_store.Session() as s:
            s.begin()
            try:
                if tag == "A":
                    R.set_criterion(s, rid, resp, crit, value)
                    a_wrote.set()
                    threading.Event().wait(0.5)
                else:
                    a_wrote.wait(10)
                    R.set_criterion(s, rid, resp, crit, value)  # blocks on A's row lock
                s.commit()
                crit_outcome[tag] = "committed"
            except (StaleDataError, ConflictError) as exc:
                s.rollback()
                crit_outcome[tag] = type(exc).__name__

    threads = [threading.Thread(target=crit_writer, args=args) for args in (("A", "not_met"), ("B", "na"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert crit_outcome == {"A": "committed", "B": "ConflictError"}
    with pg_store.Session() as s:
        view = R.load_item(s, rid, resp)
        assert view.values[crit] == "not_met"  # A's answer stands; B was told, not silently lost


def test_review_file_loop_against_the_server(pg_store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where a server merge writes its backup
    name = _unique("offline")
    rater = _unique("doc")
    build_study(pg_store, name=name, n_cases=2)
    with pg_store.begin() as s:
        design_assignments(s, get_study(s, name), [rater], per_response=1)
    rvw = tmp_path / "r.rvw"
    pack_review_file(pg_store, rater, rvw, study=name)
    work, _ = open_review_file(rvw)
    n = 0
    with work.begin() as s:
        rid = s.scalar(select(Rater.id))
        for item in R.work_queue(s, s.scalar(select(Study.id)), rid):
            R.set_comment(s, rid, item.response_id, "offline note")
            n += 1
    work.close()
    write_return_file(rvw, tmp_path / "r.rvr")
    report = merge_return_files(pg_store, [tmp_path / "r.rvr"], actor="coord")
    assert len(report.files[0].inserted) == n == 4
    assert Path(report.backup).is_file() and report.backup.endswith(".jsonl.gz")
    once = dump_tables(pg_store)
    merge_return_files(pg_store, [tmp_path / "r.rvr"], actor="coord")
    assert dump_tables(pg_store) == once


def test_a_stale_screen_on_another_machine_is_refused(pg_store) -> None:
    """Two machines (two stores on the server), one rater, one item: both screens read version v;
    the second machine's edits with expected_version=v are refused and change nothing."""
    name, rater = _unique("stale"), _unique("doc")
    build_study(pg_store, name=name, n_cases=1)
    other = open_store(pg_store.url)
    try:
        with pg_store.begin() as s:
            design_assignments(s, get_study(s, name), [rater], per_response=1)
            rid = s.scalar(select(Rater.id).where(Rater.name == rater))
            resp = R.work_queue(s, get_study(s, name).id, rid)[0].response_id
            crit = R.load_item(s, rid, resp).criteria[0].id
            R.set_comment(s, rid, resp, "first")
        screens = []
        for store in (pg_store, other):
            with store.Session() as s:
                screens.append(R.load_item(s, rid, resp).rating_version)
        assert screens[0] == screens[1]
        with pg_store.begin() as s:
            R.set_criterion(s, rid, resp, crit, "met", expected_version=screens[0])
            R.set_comment(s, rid, resp, "machine one", expected_version=screens[0] + 1)
        for write in (lambda s: R.set_criterion(s, rid, resp, crit, "not_met", expected_version=screens[1]),
                      lambda s: R.set_comment(s, rid, resp, "machine two", expected_version=screens[1])):
            with pytest.raises(ConflictError, match="changed elsewhere"), other.begin() as s:
                write(s)
        with other.Session() as s:
            view = R.load_item(s, rid, resp)
        assert (view.values[crit], view.comment, view.rating_version) == ("met", "machine one", screens[0] + 2)
    finally:
        other.close()


def test_pack_without_a_study_and_a_forged_return_on_the_server(pg_store, tmp_path: Path, monkeypatch) -> None:
    """`reviewer pack` finds the rater's one study by itself on PostgreSQL (no DISTINCT over the
    JSON settings column), and a return re-signed with a guessed secret is refused there too."""
    from reviewer.errors import InputError
    from tests.support.reviewfiles import resign_return

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    name, rater = _unique("nostudy"), _unique("doc")
    build_study(pg_store, name=name, n_cases=1)
    with pg_store.begin() as s:
        design_assignments(s, get_study(s, name), [rater], per_response=1)
    rvw = tmp_path / "r.rvw"
    assert pack_review_file(pg_store, rater, rvw).manifest["study_name"] == name
    work, _ = open_review_file(rvw)
    with work.begin() as s:
        rid = s.scalar(select(Rater.id))
        R.set_comment(s, rid, R.work_queue(s, s.scalar(select(Study.id)), rid)[0].response_id, "note")
    work.close()
    write_return_file(rvw, tmp_path / "r.rvr")
    before = dump_tables(pg_store)
    with pytest.raises(InputError, match="does not verify"):
        merge_return_files(pg_store, [resign_return(tmp_path / "r.rvr", tmp_path / "f.rvr", "ef" * 32)])
    assert dump_tables(pg_store) == before
    assert len(merge_return_files(pg_store, [tmp_path / "r.rvr"]).files[0].inserted) == 1


def test_pack_without_study_on_the_server(pg_store, tmp_path: Path, capsys) -> None:
    """`reviewer pack --rater NAME` with no --study finds the rater's one study on PostgreSQL too
    (the lookup once ran DISTINCT over whole study rows, which PostgreSQL refuses for JSON columns)."""
    from reviewer.cli.main import main

    name, rater = _unique("pack-no-study"), _unique("dr-pack")
    build_study(pg_store, name=name, n_cases=2)
    with pg_store.begin() as s:
        design_assignments(s, get_study(s, name), [rater], per_response=1)
    rvw = tmp_path / "r.rvw"
    capsys.readouterr()
    assert main(["pack", "--rater", rater, "-o", str(rvw), "--db", pg_store.url]) == 0
    assert f"study {name!r}" in capsys.readouterr().out
    work, manifest = open_review_file(rvw)
    work.close()
    assert manifest["study_name"] == name


def test_a_password_in_the_url_never_shows(pg_store, tmp_path: Path, capsys, caplog) -> None:
    """The test server trusts its user, so any password in the URL connects: status, init and an
    error (a database that does not exist) print the URL with the password masked, logs included."""
    from reviewer.cli.main import main

    secret = "Pw-" + uuid.uuid4().hex
    url = make_url(pg_store.url).set(password=secret)
    with_password = url.render_as_string(hide_password=False)
    assert secret in with_password
    capsys.readouterr()
    assert main(["status", "--db", with_password]) == 0
    assert main(["--db", with_password, "init", "--study", _unique("pw")]) == 0
    missing = url.set(database="no_such_db_" + uuid.uuid4().hex[:8]).render_as_string(hide_password=False)
    assert main(["status", "--db", missing]) == 2
    out, err = capsys.readouterr()
    assert "database: " in out and ":***@" in out
    assert err.startswith("reviewer: error: ") and len(err.strip().splitlines()) == 1, err
    assert secret not in out + err + caplog.text
