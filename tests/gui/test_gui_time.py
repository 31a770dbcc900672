"""Time on item: counted while the window is active and the item is on screen, not while the
window is in the background, written when moving on (a moment later) and at once on closing.

The window counts with a fake clock that only the test moves, so every figure is exact: no sleeps,
no wall-clock windows. Steps are powers of two so that the sums are exact in binary too.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reviewer import rating as svc
from reviewer.gui.rater.item_time import BACKLOG_DELAY_MS
from tests.support.gui import isolate_settings
from tests.support.rating import make_study

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _spent(store, ids, response_id: int) -> float:  # noqa: ANN001
    with store.Session() as s:
        return svc.load_item(s, ids["alice"], response_id).time_spent_s


@pytest.fixture
def timed_window(qtbot, store, tmp_path):
    """make(ids) -> (window, clock): the rater's window, shown and active, on a fake clock."""
    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations

    isolate_settings(tmp_path / "settings")
    make_app("en")
    made = []

    def make(ids):  # noqa: ANN001, ANN202
        clock = FakeClock()
        w = MainWindow(RatingOperations(store), ids["study"], ids["alice"], "alice", clock=clock)
        w.persist_settings = False
        qtbot.addWidget(w)
        with qtbot.waitActive(w):
            w.show()
            w.activateWindow()
        w.columns[0].set_active(True)  # what the window's activation event does (already done)
        made.append(w)
        return w, clock

    yield make
    for w in made:
        w.close()


def test_time_on_item_counts_only_active_time_and_is_written(timed_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=2)
    w, clock = timed_window(ids)
    col = w.columns[0]
    first = w.current_id
    clock.advance(0.5)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)  # the first change creates the rating
    col.set_active(False)  # the rater switches to another program: not counted
    clock.advance(60.0)
    col.set_active(True)
    clock.advance(0.25)
    qtbot.keyClick(col.checklist, Qt.Key.Key_N, SHIFT)  # next response
    assert w.current_id != first
    # the backlog is written a moment after moving on, not while the next response is shown
    assert _spent(store, ids, first) == 0.0
    timer = col.time.backlog_timer
    assert timer.isActive() and timer.isSingleShot() and timer.interval() == BACKLOG_DELAY_MS
    timer.timeout.emit()  # the moment has come
    assert not timer.isActive()
    assert _spent(store, ids, first) == 0.75  # 0.5 s + 0.25 s active; the 60 s in the background are not there
    # the second item has been on screen since; its first change creates its rating, which then
    # holds the time counted before it; closing the window writes the rest at once
    second = w.current_id
    clock.advance(2.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_2)
    clock.advance(0.5)
    w.close()
    assert _spent(store, ids, second) == 2.5
    assert _spent(store, ids, first) == 0.75  # nothing more for the first item


def test_time_in_the_background_is_not_counted_even_when_the_window_closes_there(timed_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2)
    w, clock = timed_window(ids)
    col = w.columns[0]
    rid = w.current_id
    clock.advance(1.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)
    clock.advance(0.5)
    col.set_active(False)
    clock.advance(3600.0)  # an hour in another program, then the window is closed from the task bar
    w.close()
    assert _spent(store, ids, rid) == 1.5


def test_an_item_only_looked_at_keeps_no_time(timed_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=2)
    w, clock = timed_window(ids)
    col = w.columns[0]
    first = w.current_id
    clock.advance(4.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_N, SHIFT)  # moved on without a change: no rating to hold it
    timer = col.time.backlog_timer
    timer.timeout.emit()
    assert _spent(store, ids, first) == 0.0
    with store.Session() as s:
        assert svc.queue_statuses(s, ids["alice"], [first]) == {}  # and no draft was made for it


def test_submitting_writes_the_time_with_the_rating(timed_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=1)
    w, clock = timed_window(ids)
    col = w.columns[0]
    rid = w.current_id
    clock.advance(1.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)  # 1.0 s goes to the backlog with this write
    col.time.backlog_timer.timeout.emit()
    assert _spent(store, ids, rid) == 1.0
    clock.advance(0.5)
    qtbot.keyClick(col.checklist, Qt.Key.Key_3, CTRL)  # the overall score (queues the 0.5 s)
    clock.advance(0.25)
    assert col.submit()
    # the submit's own transaction holds the time since the last write; the backlog the rest
    assert _spent(store, ids, rid) == 1.25
    assert col.time.pending_s == 0.0
    col.time.backlog_timer.timeout.emit()
    assert _spent(store, ids, rid) == 1.75
    with store.Session() as s:
        assert svc.load_item(s, ids["alice"], rid).status == "submitted"


def test_a_submitted_item_only_looked_at_keeps_its_stored_time(timed_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=1)
    w, clock = timed_window(ids)
    col = w.columns[0]
    rid = w.current_id
    clock.advance(1.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)
    qtbot.keyClick(col.checklist, Qt.Key.Key_3, CTRL)
    assert col.submit()  # moves on to the next response
    col.time.backlog_timer.timeout.emit()
    stored = _spent(store, ids, rid)
    assert stored == 1.0
    qtbot.keyClick(col.checklist, Qt.Key.Key_P)  # back to the submitted one, only to read it
    assert w.current_id == rid
    clock.advance(30.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_N, SHIFT)
    col.time.backlog_timer.timeout.emit()
    w.close()
    assert _spent(store, ids, rid) == stored  # a merge finds it unchanged
    # an edit of the submitted rating while it is open does count the time spent on it
    w2, clock2 = timed_window(ids)
    w2.select_row(0)
    assert w2.current_id == rid
    clock2.advance(2.0)
    qtbot.keyClick(w2.columns[0].checklist, Qt.Key.Key_4, CTRL)
    w2.close()
    assert _spent(store, ids, rid) == stored + 2.0


def test_a_paused_timer_counts_nothing(timed_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2)
    w, clock = timed_window(ids)
    col = w.columns[0]
    rid = w.current_id
    clock.advance(1.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)
    qtbot.keyClick(col.checklist, Qt.Key.Key_P, CTRL | SHIFT)  # pause: the phone rings
    assert w.timer_paused and w.timer_label.isVisibleTo(w)
    clock.advance(600.0)
    qtbot.keyClick(col.checklist, Qt.Key.Key_P, CTRL | SHIFT)  # resume
    assert not w.timer_label.isVisibleTo(w)
    clock.advance(0.5)
    w.close()
    assert _spent(store, ids, rid) == 1.5
