"""The rater's aids of issue 17 through the real window (pytest-qt, offscreen), read back from the
store: queue search, jump to an item, come back later, evidence, guidelines, rebinding keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from reviewer.gui.rater import keymap
from reviewer.rating.operations import RatingOperations
from reviewer.store.models import Criterion, Response, Study
from tests.support.rating import make_study

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_search_finds_an_item_by_a_word_of_its_answer(rater_window, qtbot, store):
    ids = make_study(store, cases=20, criteria=1)
    target = ids["responses"][27]
    with store.begin() as s:
        s.execute(update(Response).where(Response.id == target).values(text="Watch for bradycardia at night."))
    w = rater_window(store, ids)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_F, CTRL)
    assert w.focusWidget() is w.queue_panel.search
    qtbot.keyClicks(w.queue_panel.search, "Bradycardia")
    qtbot.keyClick(w.queue_panel.search, Qt.Key.Key_Return)
    assert w.model.rowCount() == 1 and w.model.response_at(0) == target
    assert w.current_id == target
    assert "1" in w.statusBar().currentMessage()
    w.queue_panel.search.clear()  # an empty box shows the whole queue again
    assert w.model.rowCount() == 40 and w.current_id == target


def test_jump_to_item_25(rater_window, qtbot, store):
    ids = make_study(store, cases=15, criteria=1)
    w = rater_window(store, ids)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        spin = dialog.findChild(__import__("PySide6.QtWidgets").QtWidgets.QSpinBox)
        spin.setValue(25)
        dialog.accept()

    QTimer.singleShot(50, answer)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_G, CTRL)
    assert w.current_id == w.model.ids()[24]
    assert w.model.data(w.table.currentIndex().siblingAtColumn(0)) == 25
    w.status_filter.setCurrentIndex(4)  # submitted only: item 3 is hidden, and shown again to reach it
    assert w.jump_to(3) and w.current_id == w.model.ids()[2]
    assert not w.jump_to(99) and "99" in w.statusBar().currentMessage()


def test_skip_then_come_back(rater_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=1)
    w = rater_window(store, ids)
    queue = w.model.ids()
    assert w.current_id == queue[0]
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_L)  # come back later: set aside, moved on
    assert w.current_id == queue[1]
    assert w.model.status_of(queue[0]) == "skipped"
    assert w.queue_panel.later.isVisibleTo(w) and "1" in w.queue_panel.later.text()
    for _ in range(3):  # rate and submit the three others; Next unrated passes the one set aside
        col = w.active
        assert w.current_id != queue[0] and w.model.status_of(w.current_id) == "new"
        qtbot.keyClick(col.checklist, Qt.Key.Key_1)
        qtbot.keyClick(col.checklist, Qt.Key.Key_4, CTRL)
        qtbot.keyClick(col.checklist, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_U)  # only the one set aside is left: back to it
    assert w.current_id == queue[0]
    assert w.progress.value() == 3
    col = w.active
    assert "later" in col.status_label.text().lower()
    qtbot.keyClick(col.checklist, Qt.Key.Key_2)
    qtbot.keyClick(col.checklist, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(col.checklist, Qt.Key.Key_Return, CTRL)
    assert w.progress.value() == 4 and w.model.status_of(queue[0]) == "submitted"
    assert not w.queue_panel.later.isVisibleTo(w)
    ops = RatingOperations(store)
    assert not ops.load_item(ids["alice"], queue[0])[0].skipped


def _select(body, word: str) -> None:  # noqa: ANN001
    found = body.document().find(word)
    assert not found.isNull()
    body.setTextCursor(found)


def test_evidence_is_stored_with_offsets_and_shown_after_reopening(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=2)
    w = rater_window(store, ids)
    col = w.active
    rid = w.current_id
    text = col.item.response_text  # "Answer 0-x: take *aspirin*." (Markdown: rendered "aspirin")
    col.checklist.set_current(1)
    _select(col.response.body, "take aspirin")
    qtbot.keyClick(col.checklist, Qt.Key.Key_E)
    crit = col.item.criteria[1]
    stored = RatingOperations(store).load_item(ids["alice"], rid)[0].evidence[crit.id]
    assert len(stored) == 1
    start, end = stored[0].start, stored[0].end
    assert text[start:end] == "take *aspirin" and stored[0].quote == "take *aspirin"
    assert col.highlighted() == ["take aspirin"]
    assert col.checklist.rows[1].quotes.text() == "1 quoted"
    w.close()
    again = rater_window(store, ids)
    again.select_response(rid)
    col = again.active
    assert col.highlighted() == ["take aspirin"]
    assert col.checklist.rows[1].quotes.isVisibleTo(again)
    col.checklist.set_current(1)
    qtbot.keyClick(col.checklist, Qt.Key.Key_E, SHIFT)  # removed again
    assert RatingOperations(store).load_item(ids["alice"], rid)[0].evidence == {}
    assert col.highlighted() == []


def test_evidence_needs_a_selection(rater_window, qtbot, store):
    ids = make_study(store, cases=1, criteria=1)
    w = rater_window(store, ids)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_E)
    assert "Select text in the answer" in w.statusBar().currentMessage()
    assert RatingOperations(store).load_item(ids["alice"], w.current_id)[0].status == "new"


def test_rebound_shortcut_works_and_a_conflicting_one_is_refused(rater_window, qtbot, store):
    from reviewer.gui.rater.preferences import KeyPreferences
    from reviewer.gui.rater.shortcuts import apply_keymap

    ids = make_study(store, cases=1, criteria=3)
    w = rater_window(store, ids)
    prefs = KeyPreferences(w)
    qtbot.addWidget(prefs)
    prefs.edits["met"].setText("Ctrl+M")
    prefs.edits["not_met"].setText("2; ctrl+m")  # the same key again
    prefs.accept()
    assert prefs.result() == 0 and prefs.error.isVisibleTo(prefs)
    assert "Ctrl+M" in prefs.error.text() and "not met" in prefs.error.text()
    assert keymap.current()["met"] == ("1", "Y")  # nothing saved
    prefs.edits["not_met"].setText("2")
    prefs.edits["na"].setText("Ctrl+Shift+!!")  # unreadable
    prefs.accept()
    assert prefs.result() == 0 and "Ctrl+Shift+!!" in prefs.error.text()
    prefs.edits["na"].setText("3")
    prefs.accept()
    assert prefs.result() == 1
    apply_keymap(w)
    col = w.active
    qtbot.keyClick(col.checklist, Qt.Key.Key_Y)  # no longer bound
    assert col.values == {}
    qtbot.keyClick(col.checklist, Qt.Key.Key_M, CTRL)
    assert list(col.values.values()) == ["met"]
    assert "Ctrl+M" in dict((what, keys) for keys, what in __import__(
        "reviewer.gui.dialogs", fromlist=["shortcut_rows"]).shortcut_rows())["Criterion met, move down"]


def test_preset_without_single_letters(rater_window, qtbot, store):
    from reviewer.gui.rater.preferences import KeyPreferences

    ids = make_study(store, cases=1, criteria=2)
    w = rater_window(store, ids)
    binding = keymap.preset("no_letters")
    assert not [k for keys in binding.values() for k in keys if keymap.is_letter_key(k)]
    assert keymap.conflicts(binding) == {} and keymap.conflicts(keymap.preset("standard")) == {}
    prefs = KeyPreferences(w)
    qtbot.addWidget(prefs)
    prefs.preset.setCurrentIndex(1)
    prefs.fill(keymap.preset(prefs.preset.currentData()))
    prefs.accept()
    assert prefs.result() == 1
    from reviewer.gui.rater.shortcuts import apply_keymap

    apply_keymap(w)
    assert not any(len(sc.key().toString()) == 1 and sc.key().toString().isalpha()
                   for scs in w.key_shortcuts.values() for sc in scs)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_1)  # digits stay
    assert list(w.active.values.values()) == ["met"]


def test_guidelines_panel_and_criterion_guidance(rater_window, qtbot, store, tmp_path):
    ids = make_study(store, cases=1, criteria=2)
    cid = ids["criteria"][ids["cases"][0]][1]
    with store.begin() as s:
        s.execute(update(Criterion).where(Criterion.id == cid).values(guidance="Only a **dose in mg** counts."))
    w = rater_window(store, ids)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_F2)
    dock = w.guidelines
    assert dock.isVisible() and "no rating guidelines" in dock.source.text()
    guide = tmp_path / "guide.md"
    guide.write_text("# How to rate\n\nJudge the answer, not the style.", encoding="utf-8")
    dock.open_file(str(guide))
    assert "Judge the answer" in dock.text.toPlainText()
    row = w.active.checklist.rows[1]
    assert not row.guidance.isVisibleTo(w)
    w.active.checklist.set_current(1)
    assert row.guidance.isVisibleTo(w) and "dose in mg" in row.guidance.text()
    assert "dose in mg" in dock.criterion.text()
    with store.begin() as s:  # the study's own guidelines come first
        s.execute(update(Study).values(settings={"guidelines": "# Study guide\n\nRead twice."}))
    dock.load()
    assert "Read twice" in dock.text.toPlainText()
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_F2)
    assert not dock.isVisible()


def test_mark_filters(rater_window, qtbot, store):
    ids = make_study(store, cases=2, criteria=1)
    w = rater_window(store, ids)
    first = w.current_id
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_S)  # flagged
    w.queue_panel.mark_filter.setCurrentIndex(1)
    assert [w.model.response_at(r) for r in range(w.model.rowCount())] == [first]
    w.queue_panel.mark_filter.setCurrentIndex(2)  # commented: none
    assert w.model.rowCount() == 0
    w.queue_panel.mark_filter.setCurrentIndex(0)
    assert w.model.rowCount() == 4
