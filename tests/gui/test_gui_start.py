"""How the app opens: the first response is painted before SQLAlchemy is imported, the window it
becomes is the same as one built the ordinary way, and a key pressed while the store opens is saved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from reviewer import rating as svc
from reviewer.store.models import CriterionRating, Rating
from tests.support.gui import isolate_settings, visible_texts
from tests.support.rating import make_study

ROOT = Path(__file__).resolve().parents[2]


def test_first_paint_before_sqlalchemy_and_early_keys_are_kept(store, db_path, tmp_path):
    ids = make_study(store, cases=3, criteria=3)
    with store.Session() as s:
        first = svc.queue_ids(s, ids["study"], ids["alice"])[0]
        item = svc.load_item(s, ids["alice"], first)
    store.close()
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "gui" / "gui_start_driver.py"), str(db_path),
                          str(tmp_path / "settings"), "alice"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["sqlalchemy_loaded"] is False and seen["store_open"] is False
    assert seen["current"] == first and seen["rows"] == len(ids["responses"])
    texts = "\n".join(seen["texts"])
    assert item.criteria[0].text in texts and "Response " + item.blind_label in texts
    assert seen["store_open_after"] is True
    # while the store opens the rater is told so (status bar, busy cursor); then both are gone
    assert seen["status"] == "Opening the study…" and seen["busy_cursor"] is True
    assert seen["status_after"] == "" and seen["busy_cursor_after"] is False
    # the key pressed at the first paint answered the first criterion, and it is in the database
    crit = item.criteria[0].id
    assert seen["values_after"] == {str(crit): "met"}
    from reviewer.store import open_store

    reopened = open_store(db_path)
    try:
        with reopened.Session() as s:
            rating = s.scalar(select(Rating).where(Rating.rater_id == ids["alice"], Rating.response_id == first))
            values = dict(s.execute(select(CriterionRating.criterion_id, CriterionRating.value)
                                    .where(CriterionRating.rating_id == rating.id)).all())
    finally:
        reopened.close()
    assert values == {crit: "met"}


def test_window_from_the_first_screen_equals_the_ordinary_one(qtbot, store, db_path, tmp_path):
    from reviewer.gui.app import build_window, start_window

    isolate_settings(tmp_path / "settings")
    ids = make_study(store, cases=4, criteria=2, extra_scales=[{"name": "clarity", "min": 1, "max": 3}])
    with store.begin() as s:  # a draft and a submitted rating, so the queue shows every status
        order = svc.queue_ids(s, ids["study"], ids["bob"])
        crit = svc.load_item(s, ids["bob"], order[0]).criteria[0].id
        svc.set_criterion(s, ids["bob"], order[0], crit, "not_met")
        svc.add_feedback(s, ids["bob"], order[0], crit, "unclear", "which dose?")
    painted = []
    fast = start_window(db_path, rater="bob", interactive=False,
                        on_painted=lambda w: painted.append(w.store is None))
    qtbot.addWidget(fast)
    slow = build_window(db_path, rater="bob", interactive=False)
    qtbot.addWidget(slow)
    slow.show()
    assert painted == [True]  # this database took the first-screen path
    for w in (fast, slow):
        w.persist_settings = False
        w.resize(1400, 900)
        qtbot.wait(10)
    assert fast.current_id == slow.current_id == order[0]
    assert fast.model.ids() == slow.model.ids() and fast.model.counts() == slow.model.counts()
    assert [fast.model.data(fast.model.index(r, c)) for r in range(8) for c in range(6)] == \
        [slow.model.data(slow.model.index(r, c)) for r in range(8) for c in range(6)]
    assert sorted(visible_texts(fast)) == sorted(visible_texts(slow))
    assert [a.text() for a in fast.menuBar().actions()] == [a.text() for a in slow.menuBar().actions()]
    assert fast.columns[0].item == slow.columns[0].item


def test_a_review_file_opened_again_takes_the_first_screen_path(qtbot, store, tmp_path):
    from reviewer.gui.app import start_window
    from reviewer.reviewfiles import open_review_file, pack_review_file
    from reviewer.studies.assignment import design_assignments
    from reviewer.studies.lookup import get_study
    from tests.support.reviewfiles import build_study

    isolate_settings(tmp_path / "settings")
    build_study(store, n_cases=3)
    with store.begin() as s:
        design_assignments(s, get_study(s, None), ["dr-a", "dr-b"], per_response=1, seed=3)
    rvw = tmp_path / "dr-a.rvw"
    pack_review_file(store, "dr-a", rvw)
    painted = []

    def open_it():  # noqa: ANN202
        w = start_window(str(rvw), interactive=False, on_painted=lambda w: painted.append(w.store is None))
        qtbot.addWidget(w)
        w.persist_settings = False
        return w

    first_time = open_it()  # unpacks: the ordinary path
    assert painted == [False] and first_time.rater_name == "dr-a"
    first_time.close()
    again = open_it()  # the working copy exists: painted before the store was opened
    assert painted == [False, True] and again.rater_name == "dr-a"
    qtbot.keyClick(again.active.checklist, "2")  # a change in the ready window lands in the working copy
    crit = again.columns[0].item.criteria[0].id
    assert again.columns[0].values[crit] == "not_met"
    work, _manifest = open_review_file(rvw)
    try:
        assert again.store.url == work.url
        with work.Session() as s:
            assert again.current_id == svc.queue_ids(s, again.study_id, again.rater_id)[0]
            assert svc.load_item(s, again.rater_id, again.current_id).values == {crit: "not_met"}
    finally:
        work.close()


def test_a_store_that_fails_to_open_after_the_first_paint_closes_the_window(qtbot, store, db_path, tmp_path,
                                                                            monkeypatch):
    import pytest

    from reviewer.errors import ReviewerError
    from reviewer.gui import app as gui_app

    isolate_settings(tmp_path / "settings")
    make_study(store)

    def locked(_target):  # noqa: ANN001, ANN202  (e.g. the file vanished or is locked right after the read)
        raise ReviewerError(f"{db_path}: database is locked")

    monkeypatch.setattr(gui_app, "open_target", locked)
    shown = []
    with pytest.raises(ReviewerError, match="database is locked"):
        gui_app.start_window(db_path, rater="alice", interactive=False, on_painted=shown.append)
    assert len(shown) == 1 and shown[0].store is None
    assert not shown[0].isVisible()  # no window without its store is left on screen


def test_the_first_screen_path_reopens_where_the_rater_stopped(qtbot, store, db_path, tmp_path):
    from reviewer.gui import settings
    from reviewer.gui.app import start_window

    isolate_settings(tmp_path / "settings")
    ids = make_study(store, cases=4, criteria=2)
    with store.Session() as s:
        order = svc.queue_ids(s, ids["study"], ids["bob"])
    painted = []
    first = start_window(db_path, rater="bob", interactive=False, on_painted=lambda w: painted.append(w.store is None))
    qtbot.addWidget(first)
    assert painted == [True] and first.current_id == order[0]
    first.select_row(5)  # the rater moves on to item 6, then closes the app
    first.close()
    assert settings.POSITION(url=first.url, study=str(ids["study"]), rater="bob").value() == str(order[5])
    again = start_window(db_path, rater="bob", interactive=False, on_painted=lambda w: painted.append(w.store is None))
    qtbot.addWidget(again)
    again.persist_settings = False
    assert painted == [True, True]
    assert again.current_id == order[5]
