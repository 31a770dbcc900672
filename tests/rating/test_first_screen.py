"""The app's first screen, read with stdlib sqlite3 before SQLAlchemy is loaded, shows exactly what
the rating service reads: every item of the demo study for every rater, the queue order and rows."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from reviewer import rating as svc
from reviewer.rating.first_screen import has_study, read_first_screen, read_item, sqlite_file
from reviewer.store import Store, open_store
from reviewer.store.models import Criterion, Rater, Rating, Response, Study
from tests.support.db import copy_database
from tests.support.rating import make_study


def _never(_url: str) -> str:
    return ""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Iterator[tuple[Store, Path]]:
    path = copy_database(demo_template, tmp_path_factory.mktemp("first") / "demo.db")
    store = open_store(path)
    with store.begin() as s:  # one submitted rating edited afterwards (the view marks it)
        rating = s.scalars(select(Rating).where(Rating.status == "submitted")).first()
        crit = s.scalars(select(Criterion.id).where(Criterion.checklist_version_id == rating.checklist_version_id)
                         ).first()
        value = "na" if s.scalar(text("SELECT value FROM criterion_rating WHERE rating_id = :r AND "
                                      "criterion_id = :c"), {"r": rating.id, "c": crit}) != "na" else "met"
        svc.set_criterion(s, rating.rater_id, rating.response_id, crit, value)
        svc.get_rater(s, "newcomer")  # a rater with nothing rated yet
    with store.begin() as s:  # a case reworded and re-rated: drafts on version 2 with carried answers
        from reviewer.checklists.rerate import request_rerating
        from reviewer.checklists.versions import ChangeCriterion, edit_checklist
        from reviewer.store.models import Case, ChecklistVersion

        edited_case = s.scalar(select(ChecklistVersion.case_id).where(ChecklistVersion.id == rating.checklist_version_id))
        case = s.scalars(select(Case).where(Case.id != edited_case).order_by(Case.id.desc())).first()
        key = s.scalars(select(Criterion.key).join(ChecklistVersion).where(ChecklistVersion.case_id == case.id)).first()
        edit_checklist(s, case, author="coord", reason="clearer", edits=[ChangeCriterion(key=key, text="Reworded.")])
        assert request_rerating(s, [case], actor="coord").items
    yield store, path
    store.close()


def test_every_item_reads_the_same_as_the_rating_service(demo) -> None:  # noqa: ANN001
    store, path = demo
    with store.Session() as s:
        raters = list(s.scalars(select(Rater.id)))
        responses = list(s.scalars(select(Response.id)))
        expected = {(ra, re): svc.load_item(s, ra, re) for ra in raters for re in responses}
    conn = sqlite3.connect(path)
    try:
        got = {key: read_item(conn.cursor(), *key) for key in expected}
        assert read_item(conn.cursor(), raters[0], 10**9) is None
    finally:
        conn.close()
    assert got == expected
    views = list(expected.values())
    # the comparison covered what matters: answers, feedback, scores, an edited submitted rating
    assert any(v.values for v in views) and any(v.feedback for v in views)
    assert any(v.overall_score is not None for v in views) and any(v.edited_after_submit for v in views)
    assert any(v.status == "new" for v in views) and all(v.criteria for v in views)
    assert any(v.carried for v in views)  # and re-ratings on a new checklist version


def test_first_screen_matches_the_queue_of_the_service(demo) -> None:  # noqa: ANN001
    store, path = demo
    with store.Session() as s:
        study = s.scalars(select(Study)).one()
        names = list(s.scalars(select(Rater.name).where(Rater.name != "newcomer")))
        assert len(names) == 3
        for name in names:
            rater_id = s.scalar(select(Rater.id).where(Rater.name == name))
            first = read_first_screen(path, rater=name, study=None, remembered_rater=_never, interactive=True)
            assert first is not None
            queue = svc.queue_ids(s, study.id, rater_id)
            assert (first.study_id, first.study_name, first.rater_id) == (study.id, study.name, rater_id)
            assert first.queue == queue
            assert first.item == svc.load_item(s, rater_id, queue[0])
            assert first.rows == svc.queue_rows(s, rater_id, queue[:200],
                                                {rid: i + 1 for i, rid in enumerate(queue[:200])})
            assert first.statuses == svc.queue_statuses(s, rater_id, queue)
    # nothing assigned to the newcomer: the ordinary path shows the empty state
    assert read_first_screen(path, rater="newcomer", study=None, remembered_rater=_never, interactive=True) is None
    # the rater may come from the remembered setting, keyed by the store URL
    seen = []
    first = read_first_screen(str(path), rater=None, study=None,
                              remembered_rater=lambda url: seen.append(url) or names[0], interactive=False)
    assert first is not None and first.rater_name == names[0]
    assert seen == [store.url] and first.url == store.url


def test_unusual_targets_take_the_ordinary_path(tmp_path: Path, demo) -> None:  # noqa: ANN001
    _store, path = demo
    kw = {"remembered_rater": _never, "interactive": True}
    assert read_first_screen(path, rater="nobody", study=None, **kw) is None  # unknown rater
    assert read_first_screen(path, rater=None, study=None, **kw) is None  # no rater known yet
    assert read_first_screen(path, rater="dr-chen", study="no such study", **kw) is None
    assert read_first_screen(path, rater="dr-chen", study=None, **kw) is not None
    assert read_first_screen(tmp_path / "missing.db", rater="dr-chen", study=None, **kw) is None
    assert sqlite_file("postgresql://u@localhost/db") is None and sqlite_file(tmp_path / "x.rvw") is None
    assert sqlite_file(f"sqlite:///{path}") == path
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert read_first_screen(tmp_path / "junk.db", rater="dr-chen", study=None, **kw) is None
    # an older schema: the ordinary path upgrades it first
    old = tmp_path / "old.db"
    src, conn = sqlite3.connect(path), sqlite3.connect(old)
    src.backup(conn)  # the live file is in WAL mode: copy through SQLite, not the bytes
    src.close()
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    assert read_first_screen(old, rater="dr-chen", study=None, **kw) is None
    # `reviewer demo` builds the demo only when this says it is missing
    from reviewer.paths import DEMO_STUDY_NAME

    assert has_study(path, DEMO_STUDY_NAME) and not has_study(path, "another study")
    assert not has_study(old, DEMO_STUDY_NAME) and not has_study(tmp_path / "junk.db", DEMO_STUDY_NAME)
    assert not has_study(tmp_path / "missing.db", DEMO_STUDY_NAME)


def test_several_studies_are_asked_for_unless_named(tmp_path: Path, new_db: Callable[[Path], Path]) -> None:
    store = open_store(new_db(tmp_path / "two.db"))
    ids = make_study(store, name="b-study")
    store.close()
    conn = sqlite3.connect(tmp_path / "two.db")
    conn.execute("INSERT INTO study (uid, name, description, settings, created_at, updated_at) "
                 "VALUES ('u-a', 'a-study', '', '{}', '2026-01-01', '2026-01-01')")
    conn.commit()
    conn.close()
    kw = {"remembered_rater": _never}
    assert read_first_screen(tmp_path / "two.db", rater="alice", study=None, interactive=True, **kw) is None
    first = read_first_screen(tmp_path / "two.db", rater="alice", study="b-study", interactive=True, **kw)
    assert first is not None and first.study_id == ids["study"] and len(first.queue) == len(ids["responses"])
    # the empty study (first by name) has no queue: ordinary path, which shows the empty state
    assert read_first_screen(tmp_path / "two.db", rater="alice", study=None, interactive=False, **kw) is None


def test_reading_the_first_screen_imports_no_sqlalchemy(demo) -> None:  # noqa: ANN001
    _store, path = demo
    code = ("import sys\nfrom reviewer.rating.first_screen import read_first_screen\n"
            f"f = read_first_screen({str(path)!r}, rater='dr-chen', study=None, "
            "remembered_rater=lambda u: '', interactive=True)\n"
            "print(f is not None, 'sqlalchemy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["True", "False"]
