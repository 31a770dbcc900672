"""Two windows, one rater, one item: an edit from the out-of-date window is refused, never lost.

Each window is what ``reviewer gui study.db`` opens (``build_window``: its own store on the same
SQLite file), driven by its keys, then read back from the database.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from reviewer import rating as svc
from tests.support.gui import isolate_settings
from tests.support.rating import make_study

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CHANGED = "changed in another window or on another machine"


@pytest.fixture
def open_window(qtbot, tmp_path, db_path):
    isolate_settings(tmp_path / "settings")
    from reviewer.gui.app import build_window, make_app

    make_app("en")
    made = []

    def make():
        w = build_window(str(db_path), rater="alice", interactive=False)
        w.persist_settings = False
        qtbot.addWidget(w)
        with qtbot.waitActive(w):
            w.show()
            w.activateWindow()
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
        w.store.close()


def press(qtbot, w, k, mod=Qt.KeyboardModifier.NoModifier):
    """A key in window *w* (made the active window first: shortcuts are window-wide)."""
    if not w.isActiveWindow():
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    qtbot.keyClick(w.focusWidget() or w, k, mod)


def stored(store, ids, rid) -> svc.ItemView:
    with store.Session() as s:
        return svc.load_item(s, ids["alice"], rid)


def dump(store) -> list:
    with store.Session() as s:
        return [tuple(r) for t in ("rating", "criterion_rating", "feedback", "audit_event")
                for r in s.execute(text(f"SELECT * FROM {t} ORDER BY id"))]


def checked(col, row: int) -> str | None:
    buttons = col.checklist.rows[row].buttons
    return next((v for v, b in buttons.items() if b.isChecked()), None)


def assert_told(qtbot, w) -> None:
    col = w.active
    assert col.banner.isVisible() and CHANGED in col.banner.text()
    assert CHANGED in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: col.undo_stack.count() == 0, timeout=2000)  # its commands were stale


def test_a_key_in_the_stale_window_is_refused_and_shows_the_newer_value(open_window, qtbot, store):
    ids = make_study(store)
    w1, w2 = open_window(), open_window()
    rid = w1.current_id
    assert w2.current_id == rid and w1.active.version == w2.active.version == 0  # the same new item
    press(qtbot, w1, Qt.Key.Key_1)  # window 1: criterion 1 met
    crit = w1.active.item.criteria[0].id
    assert stored(store, ids, rid).values == {crit: "met"}
    before = dump(store)

    press(qtbot, w2, Qt.Key.Key_2)  # window 2 still shows criterion 1 unanswered: not met
    assert dump(store) == before  # refused: nothing written
    col = w2.active
    assert stored(store, ids, rid).values == {crit: "met"}
    assert checked(col, 0) == "met" and col.values == {crit: "met"}  # window 1's value on screen
    assert col.checklist.current == 0  # the focus stays on the row the rater tried to answer
    assert_told(qtbot, w2)
    assert w2.model.status_of(rid) == "draft"  # the queue row caught up too

    press(qtbot, w2, Qt.Key.Key_2)  # now the screen is current: the change goes through
    assert stored(store, ids, rid).values == {crit: "not_met"}
    assert not col.banner.isVisible()


def _change_overall(qtbot, w):
    press(qtbot, w, Qt.Key.Key_3, CTRL)


def _toggle_safety(qtbot, w):
    press(qtbot, w, Qt.Key.Key_S)


def _comment(qtbot, w):
    press(qtbot, w, Qt.Key.Key_C)
    qtbot.keyClicks(w.active.form.comment, "typed in the stale window")
    press(qtbot, w, Qt.Key.Key_Escape)  # writes the comment


def _submit(qtbot, w):
    press(qtbot, w, Qt.Key.Key_Return, CTRL)


def _feedback(qtbot, w):
    col = w.active
    col.record_feedback(col.item.criteria[0].id, "unclear", "which dose is meant?")


@pytest.mark.parametrize("action", [_change_overall, _toggle_safety, _comment, _submit, _feedback],
                         ids=["overall", "safety", "comment", "submit", "feedback"])
def test_every_write_from_the_stale_window_is_refused(open_window, qtbot, store, action):
    ids = make_study(store, criteria=1)
    w1, w2 = open_window(), open_window()
    rid = w1.current_id
    press(qtbot, w1, Qt.Key.Key_1)
    press(qtbot, w1, Qt.Key.Key_5, CTRL)  # window 1 answers everything: submit would be allowed
    before, newest = dump(store), stored(store, ids, rid)
    action(qtbot, w2)
    assert dump(store) == before
    col = w2.active
    assert w2.current_id == rid  # a refused submit does not move on
    assert (col.values, col.overall, col.status) == (newest.values, 5, "draft")
    assert_told(qtbot, w2)
    if action is _comment:  # typed text is not thrown away unseen
        assert "Not saved: typed in the stale window" in col.banner.text()
        assert col.form.comment.toPlainText() == ""
    if action is _feedback:
        assert "which dose is meant?" in col.banner.text()


@pytest.mark.parametrize("keys", [[(Qt.Key.Key_Z, CTRL)],
                                  [(Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)]],
                         ids=["undo", "redo"])
def test_undo_and_redo_in_the_stale_window_are_refused(open_window, qtbot, store, keys):
    ids = make_study(store)
    w2 = open_window()
    rid = w2.current_id
    press(qtbot, w2, Qt.Key.Key_2)  # window 2's own change, on its undo stack
    if len(keys) == 2:
        press(qtbot, w2, *keys[0])  # undone while still current: fine
    w1 = open_window()  # opened later: it shows window 2's change, then makes its own
    press(qtbot, w1, Qt.Key.Key_3)
    before, newest = dump(store), stored(store, ids, rid)
    press(qtbot, w2, *keys[-1])
    assert dump(store) == before
    assert w2.active.values == newest.values
    assert_told(qtbot, w2)
    press(qtbot, w2, Qt.Key.Key_Z, CTRL)  # the stale history is gone: nothing happens
    assert dump(store) == before


def test_the_windows_own_edits_never_conflict_with_themselves(open_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=3)
    w = open_window()
    col = w.active
    rid = w.current_id
    messages = []
    col.message.connect(messages.append)
    for k in (Qt.Key.Key_1, Qt.Key.Key_2):
        press(qtbot, w, k)
    col.flush()  # time on item written now (it is never a change of the rating)
    assert stored(store, ids, rid).time_spent_s > 0
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    press(qtbot, w, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert col.checklist.current == 2
    press(qtbot, w, Qt.Key.Key_K)
    press(qtbot, w, Qt.Key.Key_3)  # criterion 2 again, now n.a.
    _comment(qtbot, w)
    with store.begin() as s:  # time from another window of the same rater is no change either
        svc.add_time(s, ids["alice"], rid, 4.0)
    press(qtbot, w, Qt.Key.Key_3)  # criterion 3
    _toggle_safety(qtbot, w)
    press(qtbot, w, Qt.Key.Key_N, SHIFT)  # away (time goes to the backlog) and back
    press(qtbot, w, Qt.Key.Key_P)
    col.flush()
    assert w.current_id == rid
    _change_overall(qtbot, w)
    _submit(qtbot, w)
    assert w.current_id != rid  # submitted and moved on
    assert not any(CHANGED in m for m in messages) and not col.banner.isVisible()
    item = stored(store, ids, rid)
    crits = [c.id for c in item.criteria]
    assert item.status == "submitted" and item.values == {crits[0]: "met", crits[1]: "na", crits[2]: "na"}
    assert (item.overall_score, item.safety_flag, item.comment) == (3, True, "typed in the stale window")


def test_a_prefetched_copy_never_brings_back_an_old_version(open_window, qtbot, store):
    ids = make_study(store)
    w1, w2 = open_window(), open_window()
    order = w1.model.ids()
    col = w1.active
    qtbot.waitUntil(lambda: order[1] in col._prefetched, timeout=2000)  # read while the rater reads
    press(qtbot, w2, Qt.Key.Key_N, SHIFT)
    press(qtbot, w2, Qt.Key.Key_3)  # window 2 answers the next item's criterion 1
    press(qtbot, w1, Qt.Key.Key_N, SHIFT)
    assert w1.current_id == order[1]
    newest = stored(store, ids, order[1])
    assert col.version == newest.rating_version and checked(col, 0) == "na"
    press(qtbot, w1, Qt.Key.Key_1)  # criterion 2 (the first open one): no conflict
    assert not col.banner.isVisible()
    assert stored(store, ids, order[1]).values == {**newest.values, col.item.criteria[1].id: "met"}


def test_the_first_screen_read_before_the_store_opens_is_guarded_too(qtbot, tmp_path, store, db_path):
    """The app paints its first response from a sqlite3 read, then opens the store: a change made
    elsewhere in between is not overwritten by the first key."""
    isolate_settings(tmp_path / "settings")
    from reviewer.gui.app import make_app, start_window

    make_app("en")
    ids = make_study(store)
    with store.Session() as s:
        first = svc.queue_ids(s, ids["study"], ids["alice"])[0]
        crit = svc.load_item(s, ids["alice"], first).criteria[0].id
    painted = []

    def elsewhere(w) -> None:  # another window answers criterion 1 while this one opens
        painted.append(w.store is None)
        with store.begin() as s:
            svc.set_criterion(s, ids["alice"], first, crit, "na")

    w = start_window(db_path, rater="alice", interactive=False, on_painted=elsewhere)
    qtbot.addWidget(w)
    w.persist_settings = False
    try:
        assert painted == [True] and w.current_id == first and checked(w.active, 0) is None
        press(qtbot, w, Qt.Key.Key_1)
        assert stored(store, ids, first).values == {crit: "na"}
        assert checked(w.active, 0) == "na"
        assert_told(qtbot, w)
    finally:
        w.close()
        w.store.close()
