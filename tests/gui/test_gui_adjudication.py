"""Coordinator › Adjudicate… (issue 18): a gold label decided with the keyboard is stored with its
reason and author; the majority button fills labels; no model name is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox
from sqlalchemy import select

from reviewer.store.models import AuditEvent, GoldLabel, Model
from tests.support.coordinator import assert_done, demo_ids, wait_job


def _open(coord_window, store, qtbot):  # noqa: ANN001, ANN202
    ids = demo_ids(store)
    w = coord_window(store, ids)
    view = w.coordinator_ui.open_adjudication()
    wait_job(qtbot, view.job)
    assert_done(view.job)
    assert view.items and view.current is view.items[0]
    return w, view


def test_keys_decide_a_gold_label_with_reason_and_author(coord_window, demo_store, qtbot) -> None:
    w, view = _open(coord_window, demo_store, qtbot)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J)  # J moves down, K back up
    assert view.current is view.items[1]
    qtbot.keyClick(view.table, Qt.Key.Key_K)
    item = view.current
    assert item is view.items[0] and item.gold is None
    qtbot.keyClick(view.table, Qt.Key.Key_2)  # not met: no reason yet, so nothing is saved
    assert view.reason.hasFocus() or view.focusWidget() is view.reason
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    with demo_store.Session() as s:
        assert s.scalars(select(GoldLabel)).all() == []
    assert "reason" in view.status.text()
    qtbot.keyClick(view.reason, Qt.Key.Key_Escape)  # back to the list; a move forgets the chosen value
    assert view.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    view.reason.setText("typed after moving")
    assert view.save() is None and view.pending is None
    view.reason.clear()
    qtbot.keyClick(view.table, Qt.Key.Key_K)
    qtbot.keyClick(view.table, Qt.Key.Key_2)
    qtbot.keyClicks(view.reason, "asks nothing before advising")
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    with demo_store.Session() as s:
        gold = s.scalars(select(GoldLabel)).one()
        assert (gold.value, gold.method, gold.reason, gold.author) == (
            "not_met", "manual", "asks nothing before advising", w.rater_name)
        assert s.scalar(select(AuditEvent.actor).where(AuditEvent.action == "gold.set")) == w.rater_name
    # the list shows who decided and how, and moved on to the next item without a label
    row = view.items.index(next(i for i in view.items if i.gold))
    assert w.rater_name in view.model.frame.loc[row, "gold"] and "by hand" in view.model.frame.loc[row, "gold"]
    assert view.current is not None and view.current.gold is None and view.reason.text() == ""
    view.table.selectRow(row)
    assert "decided by hand" in view.gold_label.text() and "asks nothing before advising" in view.gold_label.text()
    # with a reason already typed, a key saves at once
    view.table.selectRow(row)
    view.reason.setText("on second thought it is met")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_1)
    with demo_store.Session() as s:
        assert s.scalars(select(GoldLabel.value)).one() == "met"


def test_majority_button_fills_gold_labels_and_keeps_a_manual_one(coord_window, demo_store, qtbot) -> None:
    w, view = _open(coord_window, demo_store, qtbot)
    view.reason.setText("checked by hand")
    view.choose("na")
    manual = view.last_decision
    assert manual is not None
    view.quorum.setValue(2)
    assert "2" in view.majority_button.text()
    qtbot.mouseClick(view.majority_button, Qt.MouseButton.LeftButton)
    box = view.last_dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_job(qtbot, view.majority_job)
    assert_done(view.majority_job)
    wait_job(qtbot, view.job)
    assert_done(view.job)
    with demo_store.Session() as s:
        labels = s.scalars(select(GoldLabel)).all()
        methods = {g.method for g in labels}
    assert len(labels) > 1 and "majority 2 of 3" in methods and "manual" in methods
    shown = [i for i in view.items if i.gold and i.gold["method"].startswith("majority")]
    assert shown and all("majority" in view.model.frame.loc[view.items.index(i), "gold"] for i in shown)
    kept = next(i for i in view.items if i.gold and i.gold["method"] == "manual")
    assert kept.gold["value"] == "na" and kept.gold["reason"] == "checked by hand"
    qtbot.waitUntil(lambda: "gold labels filled" in view.status.text())


def test_no_model_name_is_on_screen(coord_window, demo_store, qtbot) -> None:
    _w, view = _open(coord_window, demo_store, qtbot)
    with demo_store.Session() as s:
        models = [m for m in s.scalars(select(Model.name)) if m]
    assert models
    for row in range(len(view.items)):
        view.table.selectRow(row)
        texts = [view.answer.toPlainText(), view.raters.toPlainText(),
                 *[lbl.text() for lbl in view.findChildren(QLabel)],
                 *[b.text() for b in view.findChildren(QAbstractButton)],
                 *(str(v) for v in view.model.frame.to_numpy().ravel())]
        for name in models:
            assert not any(name in t for t in texts), (name, row)
    assert "model" not in " ".join(view.model.frame.columns)
