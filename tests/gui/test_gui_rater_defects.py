"""The rater's first-hour defects of issue 17, each driven through the real window (pytest-qt,
offscreen) and read back from the store where a write is involved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from reviewer import rating as svc
from reviewer.gui import settings
from tests.support.rating import make_study

CTRL = Qt.KeyboardModifier.ControlModifier


def _inside(widget, viewport) -> bool:  # noqa: ANN001
    """Whether *widget* lies wholly within *viewport* horizontally (nothing cut on the right)."""
    left = widget.mapTo(viewport, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= viewport.width()


def _checklist_fits(w) -> list[str]:  # noqa: ANN001
    col = w.active
    viewport = col.scroll.viewport()
    bad = []
    for row in col.checklist.rows[:col.checklist.count]:
        for part in (row.feedback, *row.buttons.values()):
            if not _inside(part, viewport):
                bad.append(f"row {row.index + 1}: {part.text()!r} cut")
        if row.meta.isVisible():
            if not _inside(row.meta, viewport) or row.meta.width() < row.meta.sizeHint().width():
                bad.append(f"row {row.index + 1}: {row.meta.text()!r} cut to {row.meta.width()} px")
    if not _inside(col.form.comment, viewport):
        bad.append("comment box cut")
    return bad


@pytest.mark.parametrize("zoom_steps", [0, 1, 2])
def test_checklist_is_not_clipped_at_any_zoom(rater_window, qtbot, store, zoom_steps):
    ids = make_study(store, cases=1, criteria=4)
    w = rater_window(store, ids)
    w.resize(1280, 800)
    for _ in range(zoom_steps):
        w.zoom(1)
    try:  # the layout settles over a few event-loop turns after a text size change
        qtbot.waitUntil(lambda: _checklist_fits(w) == [], timeout=3000)
    finally:
        w.zoom(0)


def test_checklist_is_not_clipped_with_the_jobs_panel_open(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=4)
    w = rater_window(store, ids, coordinator=True)
    w.resize(1280, 800)
    w.zoom(1)
    w.coordinator_ui.ensure_jobs_panel().show()
    try:  # the layout settles over a few event-loop turns after a text size change
        qtbot.waitUntil(lambda: _checklist_fits(w) == [], timeout=3000)
    finally:
        w.zoom(0)


def test_harmful_criterion_is_present_or_absent_and_red_when_present(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2, points=[5, -8], tiers=False)
    w = rater_window(store, ids)
    rows = w.active.checklist.rows
    good, harm = rows[0], rows[1]
    assert good.buttons["met"].text() == "1 Met"
    assert harm.buttons["met"].text() == "1 Present" and harm.buttons["not_met"].text() == "2 Absent"
    assert harm.meta.text() == "-8 pts"
    w.active.checklist.set_current(1)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_1)  # the harm happened
    assert harm.buttons["met"].isChecked()
    colour = harm.buttons["met"].palette().color(harm.buttons["met"].backgroundRole())
    shot = harm.buttons["met"].grab().toImage()
    centre = shot.pixelColor(shot.width() // 2, 2)
    assert centre.red() > 150 and centre.green() < 110, (centre.name(), colour.name())
    with store.Session() as s:  # stored as "met" (the behaviour happened): scoring is unchanged
        assert svc.load_item(s, ids["alice"], w.current_id).values[ids["criteria"][ids["cases"][0]][1]] == "met"


def test_anchors_naming_tiers_are_adapted_for_cases_without_tiers(rater_window, store):
    ids = make_study(store, cases=1, criteria=2, tiers=False)
    w = rater_window(store, ids)
    anchors = " ".join(b.toolTip() for b in w.active.form.overall.buttons())
    assert "ore" not in anchors.replace("score", "") and "econdary" not in anchors
    assert "All requirements met" in anchors


def test_submit_refusal_follows_every_change_and_clears(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2)
    w = rater_window(store, ids)
    col = w.active
    qtbot.keyClick(col.checklist, Qt.Key.Key_Return, CTRL)
    assert "criterion 1" in w.statusBar().currentMessage() and col.banner.isVisibleTo(w)
    qtbot.keyClick(col.checklist, Qt.Key.Key_1)
    assert "criterion 1" not in w.statusBar().currentMessage()
    assert "criterion 2" in w.statusBar().currentMessage() and "criterion 2" in col.banner.text()
    qtbot.keyClick(col.checklist, Qt.Key.Key_2)
    qtbot.keyClick(col.checklist, Qt.Key.Key_4, CTRL)
    assert w.statusBar().currentMessage() == ""
    assert not col.banner.isVisibleTo(w)


def test_one_answer_case_keeps_its_layout_on_b(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2)
    with store.begin() as s:  # the case keeps one answer
        from sqlalchemy import delete

        from reviewer.store.models import Response
        s.execute(delete(Response).where(Response.id == ids["responses"][1]))
    w = rater_window(store, ids)
    assert len(w.model.ids()) == 1
    before = (w.queue_panel.isVisible(), w.side_by_side)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_B)
    assert (w.queue_panel.isVisible(), w.side_by_side) == before
    assert "No other response" in w.statusBar().currentMessage()


def test_window_title_names_the_app_once(rater_window, store):
    ids = make_study(store, cases=1)
    w = rater_window(store, ids)
    # Qt adds the application's display name ("Reviewer") to every title itself
    assert "Reviewer" not in w.windowTitle()
    assert "s1" in w.windowTitle() and "alice" in w.windowTitle()


def test_shortcut_sheet_never_scrolls_sideways(rater_window, qtbot, store):
    from reviewer.gui.dialogs import ShortcutsDialog

    ids = make_study(store, cases=1)
    w = rater_window(store, ids)
    w.zoom(2)
    try:
        d = ShortcutsDialog(w)
        qtbot.addWidget(d)
        d.show()
        qtbot.wait(20)
        assert d.table.horizontalScrollBar().maximum() == 0
        assert d.table.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        assert d.table.wordWrap()
    finally:
        w.zoom(0)


def test_reopens_where_the_rater_stopped(rater_window, qtbot, store):
    ids = make_study(store, cases=3)
    w = rater_window(store, ids, persist=True)
    w.select_row(4)
    stopped = w.current_id
    assert stopped != w.model.ids()[0]
    w.close()
    again = rater_window(store, ids, persist=True)
    assert again.current_id == stopped
    other = rater_window(store, ids, rater="bob", persist=True)  # per rater
    assert other.current_id == other.model.ids()[0]
    assert settings.FONT_PT.value() == settings.FONT_PT.default


def test_rater_picker_asks_before_creating_a_new_rater(qtbot):
    from reviewer.gui.dialogs import RaterPicker

    d = RaterPicker(["dr-chen", "dr-wu"], "dr-chen")
    qtbot.addWidget(d)
    d.show()
    d.combo.setCurrentText("dr-chn")  # a typo
    d.accept()
    assert d.result() == 0 and d.isVisible()  # not taken at once
    assert "dr-chn" in d.warning.text() and "dr-chen" in d.warning.text()  # names the likely one
    d.accept()  # OK again on the same name: a new rater, knowingly
    assert d.result() == 1 and d.is_new()
    known = RaterPicker(["dr-chen"], "dr-chen")
    qtbot.addWidget(known)
    known.accept()
    assert known.result() == 1 and not known.is_new() and not known.warning.isVisibleTo(known)


def test_switch_rater_shows_the_other_queue_and_writes_as_them(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2)
    w = rater_window(store, ids)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_1)  # alice answers criterion 1
    alice_rid = w.current_id
    menu = [a for a in w.menuBar().actions()[0].menu().actions() if a.shortcut().toString() == "Ctrl+Shift+R"]
    assert menu, "File › Switch rater… with Ctrl+Shift+R"
    w.switch_rater("bob")
    assert w.rater_name == "bob" and "bob" in w.windowTitle() and "bob" in w.who.text()
    rid = w.current_id
    assert w.active.values == {}  # bob's own (empty) rating, not alice's
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_2)
    with store.Session() as s:
        assert list(svc.load_item(s, ids["bob"], rid).values.values()) == ["not_met"]
        assert list(svc.load_item(s, ids["alice"], alice_rid).values.values()) == ["met"]


def test_feedback_dialog_is_driven_by_the_keyboard(qtbot):
    from reviewer.gui.dialogs import FeedbackDialog

    d = FeedbackDialog("1. Mentions the dose")
    qtbot.addWidget(d)
    with qtbot.waitExposed(d):
        d.show()
    d.activateWindow()
    assert d.focusWidget() is d.choices[0]
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Down)
    assert d.kind() == "wrong"
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert d.result() == 1


def test_letters_typed_right_after_the_feedback_dialog_answer_nothing(rater_window, qtbot, store):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    ids = make_study(store, cases=1, criteria=2)
    w = rater_window(store, ids)
    QTimer.singleShot(50, lambda: QApplication.activeModalWidget().reject())  # Esc on the dialog
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_F)
    qtbot.waitUntil(w.isActiveWindow, timeout=200)  # the keyboard is back on the window ...
    assert w.focusWidget() is w.active.checklist
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_Y)  # ... but the rater is still typing
    assert w.active.values == {}
    qtbot.wait(700)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_Y)
    assert list(w.active.values.values()) == ["met"]
