"""The review app driven through its real widgets (pytest-qt, offscreen), then read back from the store."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from reviewer import rating as svc
from reviewer.store import open_store
from reviewer.store.models import Rating
from tests.support.gui import visible_texts
from tests.support.rating import MODEL_NAMES, make_study

CTRL = Qt.KeyboardModifier.ControlModifier


def key(qtbot, w, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(w.focusWidget() or w, k, mod)


def test_rate_whole_item_by_keyboard_then_reopen(rater_window, qtbot, store, db_path):
    ids = make_study(store, extra_scales=[{"name": "clarity", "min": 1, "max": 3}])
    opened = time.monotonic()
    w = rater_window(store, ids)
    first = w.current_id
    assert first == w.model.ids()[0]
    col = w.active
    assert w.focusWidget() is col.checklist
    for k in (Qt.Key.Key_1, Qt.Key.Key_N, Qt.Key.Key_A):  # met, not met, n.a.: each moves down
        key(qtbot, w, k)
    assert col.checklist.current == 2  # the last row keeps the focus
    key(qtbot, w, Qt.Key.Key_K)
    key(qtbot, w, Qt.Key.Key_Y)  # criterion 2: not met -> met
    key(qtbot, w, Qt.Key.Key_4, CTRL)  # overall score 4
    key(qtbot, w, Qt.Key.Key_S)  # safety flag
    key(qtbot, w, Qt.Key.Key_F1)  # the shortcuts dialog is modal: close it at once
    key(qtbot, w, Qt.Key.Key_C)
    assert w.focusWidget() is col.form.comment
    qtbot.keyClicks(col.form.comment, "needs dose")
    key(qtbot, w, Qt.Key.Key_Escape)  # back to the checklist, comment written
    assert w.focusWidget() is col.checklist
    key(qtbot, w, Qt.Key.Key_Return, CTRL)
    assert w.current_id != first  # submit moved on
    assert w.progress.value() == 1
    w.close()
    open_for = time.monotonic() - opened
    store.close()
    again = open_store(db_path)
    with again.Session() as s:
        item = svc.load_item(s, ids["alice"], first)
        rating = s.scalar(select(Rating).where(Rating.response_id == first))
    crit = [c.id for c in item.criteria]
    assert item.values == {crit[0]: "met", crit[1]: "met", crit[2]: "na"}
    assert (item.overall_score, item.safety_flag, item.comment, item.status) == (4, True, "needs dose", "submitted")
    assert rating.submitted_at is not None and 0 < rating.time_spent_s <= open_for  # time on the item was kept
    again.close()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """Modal dialogs would block the test: the shortcuts dialog opens and closes at once."""
    from reviewer.gui.rater import main_window

    monkeypatch.setattr(main_window.ShortcutsDialog, "exec", lambda self: self.done(0) or 0)


def test_incomplete_submit_is_refused_naming_what_is_missing(rater_window, qtbot, store):
    ids = make_study(store)
    w = rater_window(store, ids)
    first = w.current_id
    key(qtbot, w, Qt.Key.Key_1)
    key(qtbot, w, Qt.Key.Key_Return, CTRL)
    col = w.active
    assert w.current_id == first
    assert col.banner.isVisible()
    text = col.banner.text()
    assert "criterion 2" in text and "criterion 3" in text and "overall score" in text
    assert "criterion 1 " not in text
    with store.Session() as s:
        assert s.scalar(select(Rating.status).where(Rating.response_id == first)) == "draft"


def test_undo_redo_through_the_service(rater_window, qtbot, store):
    ids = make_study(store)
    w = rater_window(store, ids)
    rid = w.current_id
    key(qtbot, w, Qt.Key.Key_2)
    crit = w.active.item.criteria[0].id

    def stored():
        with store.Session() as s:
            return svc.load_item(s, ids["alice"], rid).values.get(crit)

    assert stored() == "not_met"
    key(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert stored() is None
    assert not w.active.checklist.rows[0].buttons["not_met"].isChecked()
    key(qtbot, w, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored() == "not_met"
    assert w.active.checklist.rows[0].buttons["not_met"].isChecked()


def test_navigation_filters_and_next_unrated(rater_window, qtbot, store):
    ids = make_study(store, cases=3, criteria=1)
    w = rater_window(store, ids)
    order = w.model.ids()
    key(qtbot, w, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert w.current_id == order[1]
    key(qtbot, w, Qt.Key.Key_P)
    assert w.current_id == order[0]
    key(qtbot, w, Qt.Key.Key_1)
    key(qtbot, w, Qt.Key.Key_5, CTRL)
    key(qtbot, w, Qt.Key.Key_Return, CTRL)
    assert w.current_id == order[1]
    w.status_filter.setCurrentIndex(w.status_filter.findData("submitted"))
    assert w.model.rowCount() == 1
    w.status_filter.setCurrentIndex(0)
    w.category_filter.setCurrentIndex(w.category_filter.findData("oncology"))
    assert 0 < w.model.rowCount() < len(order)
    w.category_filter.setCurrentIndex(0)
    w.select_row(0)
    key(qtbot, w, Qt.Key.Key_U)
    assert w.current_id == order[1]


def test_side_by_side_rates_the_partner(rater_window, qtbot, store):
    ids = make_study(store, criteria=2)
    w = rater_window(store, ids)
    key(qtbot, w, Qt.Key.Key_B)
    a, b = w.columns
    assert b.isVisible() and b.item.case_id == a.item.case_id and b.item.response_id != a.item.response_id
    key(qtbot, w, Qt.Key.Key_Tab, CTRL)
    assert w.active is b
    key(qtbot, w, Qt.Key.Key_3)
    with store.Session() as s:
        assert svc.load_item(s, ids["alice"], b.item.response_id).values == {b.item.criteria[0].id: "na"}
        assert svc.load_item(s, ids["alice"], a.item.response_id).values == {}


def test_rater_never_sees_model_names_or_other_verdicts(rater_window, qtbot, store):
    ids = make_study(store, with_judge=True)
    with store.begin() as s:  # bob rates everything first
        for rid in ids["responses"]:
            item = svc.load_item(s, ids["bob"], rid)
            for c in item.criteria:
                svc.set_criterion(s, ids["bob"], rid, c.id, "not_met")
            svc.set_overall_score(s, ids["bob"], rid, 1)
            svc.set_comment(s, ids["bob"], rid, "bob-secret-comment")
    forbidden = (*MODEL_NAMES, "judge1", "judge-secret-model", "bob", "bob-secret-comment")
    w = rater_window(store, ids, "alice")
    key(qtbot, w, Qt.Key.Key_B)  # side by side shows more
    for _ in ids["responses"]:
        texts = "\n".join(visible_texts(w))
        assert "Response A" in texts or "Response B" in texts
        for word in forbidden:
            assert word not in texts
        key(qtbot, w, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    # the same walk finds them in coordinator mode, so the walk can see them when they are there
    c = rater_window(store, ids, "alice", coordinator=True)
    texts = "\n".join(visible_texts(c))
    assert "bob: not met" in texts and "judge1: met" in texts
    assert any(name in texts for name in MODEL_NAMES)
    assert c.active.checklist.rows[0].property("disagree") is True


def test_empty_queue_shows_empty_state(rater_window, store):
    ids = make_study(store, cases=1)
    from reviewer.store.models import Assignment

    with store.begin() as s:
        s.add(Assignment(study_id=ids["study"], rater_id=ids["bob"], response_id=ids["responses"][0]))
    w = rater_window(store, ids, "alice")
    assert w.stack.currentWidget() is w.empty
    assert "No responses assigned yet" in w.empty.text()
