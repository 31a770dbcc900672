"""Time on item: counted while the window is active and the item is on screen, not while the
window is in the background, written when moving on (a moment later) and at once on closing."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from reviewer import rating as svc
from reviewer.gui.rater.item_time import BACKLOG_DELAY_MS
from tests.helpers_gui import isolate_settings
from tests.helpers_rating import make_study


def _spent(store, ids, response_id: int) -> float:  # noqa: ANN001
    with store.Session() as s:
        return svc.load_item(s, ids["alice"], response_id).time_spent_s


def test_time_on_item_counts_only_active_time_and_is_written(qtbot, store, tmp_path):
    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow

    isolate_settings(tmp_path / "settings")
    make_app("en")
    ids = make_study(store, cases=2, criteria=2)
    w = MainWindow(store, ids["study"], ids["alice"], "alice")
    w.persist_settings = False
    qtbot.addWidget(w)
    w.show()
    col = w.columns[0]
    first = w.current_id
    col.set_active(True)  # what the window's activation event does
    qtbot.wait(400)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)  # the first change creates the rating
    col.set_active(False)  # the rater switches to another program: not counted
    time.sleep(1.5)
    col.set_active(True)
    qtbot.wait(300)
    qtbot.keyClick(col.checklist, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)  # next response
    assert w.current_id != first
    written_before = _spent(store, ids, first)
    qtbot.wait(BACKLOG_DELAY_MS + 300)  # the backlog is written a moment after moving on
    spent = _spent(store, ids, first)
    assert 0.65 <= spent < 1.8, spent  # ~0.4 s + ~0.3 s active; the 1.5 s in the background is not there
    assert written_before < spent
    # the second item has been on screen all along (~1.8 s); its first change creates its rating,
    # which then holds the time counted before it; closing the window writes the rest at once
    qtbot.wait(200)
    qtbot.keyClick(col.checklist, Qt.Key.Key_2)
    qtbot.wait(300)
    w.close()
    assert 2.2 <= _spent(store, ids, w.current_id) < 4.5
