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


def test_every_kind_of_write_refused_by_a_lock_says_not_saved(qtbot, store, db_path: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Not only answers: a submit, evidence and feedback refused by a locked database show the same
    "Not saved" banner (before, only the answer writes did; the others went to the status bar only)."""
    isolate_settings(tmp_path / "settings")
    make_app("en")
    ids = make_study(store)
    monkeypatch.setenv("REVIEWER_BUSY_TIMEOUT_MS", "200")
    store.engine.dispose()
    w = MainWindow(RatingOperations(store), ids["study"], ids["alice"], "alice", False)
    w.persist_settings = False
    qtbot.addWidget(w)
    w.show()
    col = w.active
    rid = col.item.response_id
    for c in col.item.criteria:  # a complete rating, so that the submit is refused by the lock only
        assert col.write("criterion", c.id, "met")
    assert col.write("overall", None, 4)
    crit = col.item.criteria[0].id

    def evidence() -> None:
        found = col.response.body.document().find("aspirin")
        assert not found.isNull()
        col.response.body.setTextCursor(found)
        col.attach_evidence()

    def attempts() -> dict[str, object]:
        return {"submit": col.submit, "feedback": lambda: col.record_feedback(crit, "unclear", "why?"),
                "evidence": evidence}

    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        for name, attempt in attempts().items():
            col.banner.setVisible(False)
            holder.execute("BEGIN EXCLUSIVE")
            try:
                attempt()
                assert col.banner.isVisibleTo(w), name
                assert col.banner.text().startswith("Not saved:") and "locked" in col.banner.text(), name
            finally:
                holder.execute("ROLLBACK")
    finally:
        holder.close()
    with store.Session() as s:
        item = svc.load_item(s, ids["alice"], rid)
        assert item.status == "draft" and not item.feedback and not item.evidence  # nothing kept while locked
    assert col.submit()  # and the same works once the lock is gone
    w.close()
