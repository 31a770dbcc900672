"""The rater's window on a database another program holds locked past the busy timeout (issue 15):
the answer is refused with one clear line in the banner, nothing is stored, the app keeps running,
and the same key works once the lock is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reviewer import rating as svc
from reviewer.gui.app import make_app
from reviewer.gui.rater.main_window import MainWindow
from reviewer.rating.operations import RatingOperations
from tests.support.gui import isolate_settings
from tests.support.rating import make_study


def test_a_locked_database_is_a_banner_not_a_crash(qtbot, store, db_path: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path / "settings")
    make_app("en")
    ids = make_study(store)
    monkeypatch.setenv("REVIEWER_BUSY_TIMEOUT_MS", "200")
    store.engine.dispose()  # new connections take the short busy timeout
    w = MainWindow(RatingOperations(store), ids["study"], ids["alice"], "alice", False)
    w.persist_settings = False
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    rid, col = w.current_id, w.active
    crit = col.item.criteria[0].id

    def stored() -> object:
        with store.Session() as s:
            return svc.load_item(s, ids["alice"], rid).values.get(crit)

    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_1)
        assert col.banner.isVisible()
        text = col.banner.text()
        assert "locked by another program" in text and str(db_path) in text and "Traceback" not in text
        assert not col.checklist.rows[0].buttons["met"].isChecked()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert stored() is None  # nothing was written while locked
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_1)
    assert stored() == "met" and col.checklist.rows[0].buttons["met"].isChecked()
    w.close()
