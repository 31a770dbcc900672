"""Menus and keyboard shortcuts of the main window; the keys come from the registry in
:mod:`reviewer.gui.rater.keymap` (defaults, presets and the rater's own bindings).

Single-letter shortcuts are window-wide; text boxes take plain keys first (Qt's shortcut override),
so typing a comment never answers a criterion. Up/Down are handled by the checklist itself so that
the queue table keeps its arrow keys.

Opening another study (File menu) is asked of the app through the window's ``openRequested``
signal: the app builds windows, the window does not import it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from reviewer.gui import settings
from reviewer.gui.rater import keymap
from reviewer.store.vocabulary import MET, NA, NOT_MET

if TYPE_CHECKING:
    from reviewer.gui.rater.main_window import MainWindow


def _focus_comment(window: MainWindow) -> None:
    window.active.form.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _focus_checklist(window: MainWindow) -> None:
    window.active.form.flush_comment()
    window.active.checklist.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _feedback(window: MainWindow) -> None:
    crit = window.active.checklist.current_criterion()
    if crit is not None:
        window.ask_feedback(window.active, crit.id)


def _toggle_safety(window: MainWindow) -> None:
    col = window.active
    if col.item is not None:
        col.change_safety(not col.safety_flag)


def _slots(w: MainWindow) -> dict[str, Callable[[], object]]:
    """What each window-wide action of :data:`keymap.ACTIONS` does (menu actions are set up below)."""
    slots: dict[str, Callable[[], object]] = {
        "met": lambda: w.active.checklist.answer_current(MET),
        "not_met": lambda: w.active.checklist.answer_current(NOT_MET),
        "na": lambda: w.active.checklist.answer_current(NA),
        "clear": lambda: w.active.checklist.answer_current(None),
        "next_criterion": lambda: w.active.checklist.move(1),
        "previous_criterion": lambda: w.active.checklist.move(-1),
        "next_response": lambda: w.step(1),
        "previous_response": lambda: w.step(-1),
        "next_unrated": w.next_unrated,
        "submit": w.submit_current,
        "comment": lambda: _focus_comment(w),
        "checklist": lambda: _focus_checklist(w),
        "safety": lambda: _toggle_safety(w),
        "feedback": lambda: _feedback(w),
        "evidence": lambda: w.active.attach_evidence(),
        "remove_evidence": lambda: w.active.remove_last_evidence(),
        "skip": w.toggle_skip,
        "side_by_side": w.toggle_side_by_side,
        "switch_column": w.switch_column,
        "undo": lambda: w.active.undo_stack.undo(),
        "redo": lambda: w.active.undo_stack.redo(),
        "search": w.focus_search,
        "jump": w.ask_jump,
        "queue": lambda: w.table.setFocus(Qt.FocusReason.ShortcutFocusReason),
        "pause": w.toggle_timer,
        "guidelines": w.toggle_guidelines,
        "help": w.show_shortcuts,
    }
    for digit in range(1, 10):
        slots[f"score_{digit}"] = lambda d=digit: w.active.set_overall_from_key(d)
    return slots


MENU_ACTIONS = ("open", "quit", "switch_rater", "larger", "smaller", "default_size", "preferences")


def apply_keymap(w: MainWindow, binding: dict[str, tuple[str, ...]] | None = None) -> None:
    """Bind every action to its keys (the user's, or *binding*): window-wide shortcuts are made
    anew, menu actions get their keys. Plain single keys rest a moment after dialogs
    (:attr:`MainWindow.letter_shortcuts`)."""
    binding = keymap.current() if binding is None else binding
    for shortcuts in w.key_shortcuts.values():
        for sc in shortcuts:
            sc.setEnabled(False)
            sc.setParent(None)
            sc.deleteLater()
    w.key_shortcuts.clear()
    w.letter_shortcuts.clear()
    slots = _slots(w)
    for name, slot in slots.items():
        made = []
        for key in binding.get(name, ()):
            sc = QShortcut(QKeySequence(key), w)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
            made.append(sc)
            if len(key) == 1:
                w.letter_shortcuts.append(sc)
        w.key_shortcuts[name] = made
    for name in MENU_ACTIONS:
        action = w.key_actions.get(name)
        if action is not None:
            action.setShortcuts([QKeySequence(k) for k in binding.get(name, ())])


def _menu_action(w: MainWindow, menu, name: str, text: str, slot) -> QAction:  # noqa: ANN001
    act = QAction(text, w)
    act.triggered.connect(slot)
    menu.addAction(act)
    if name:
        w.key_actions[name] = act
    return act


def install_menus_and_shortcuts(w: MainWindow) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu(w.tr("&File"))
    _menu_action(w, file_menu, "open", w.tr("&Open study…"), lambda: _open_dialog(w))
    _menu_action(w, file_menu, "switch_rater", w.tr("S&witch rater…"), w.ask_switch_rater)
    recent = file_menu.addMenu(w.tr("Recent studies"))
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    file_menu.addSeparator()
    _menu_action(w, file_menu, "preferences", w.tr("&Keyboard…"), w.show_preferences)
    file_menu.addSeparator()
    _menu_action(w, file_menu, "quit", w.tr("&Quit"), w.close)
    view = bar.addMenu(w.tr("&View"))
    _menu_action(w, view, "larger", w.tr("Larger text"), lambda: w.zoom(1))
    _menu_action(w, view, "smaller", w.tr("Smaller text"), lambda: w.zoom(-1))
    _menu_action(w, view, "default_size", w.tr("Default text size"), lambda: w.zoom(0))
    _menu_action(w, view, "", w.tr("Side by side"), w.toggle_side_by_side)
    _menu_action(w, view, "", w.tr("Rating guidelines"), w.toggle_guidelines)
    language = view.addMenu(w.tr("Language (after a restart)"))
    for code, name in (("en", "English"), ("zh_CN", "简体中文")):
        act = QAction(name, w)
        act.triggered.connect(lambda _=False, c=code: _set_language(w, c))
        language.addAction(act)
    go = bar.addMenu(w.tr("&Go"))
    _menu_action(w, go, "", w.tr("Search the queue…"), w.focus_search)
    _menu_action(w, go, "", w.tr("Go to item…"), w.ask_jump)
    _menu_action(w, go, "", w.tr("Next unrated"), w.next_unrated)
    _menu_action(w, go, "", w.tr("Come back later / take up again"), w.toggle_skip)
    _menu_action(w, go, "", w.tr("Pause / resume the timer"), w.toggle_timer)
    help_menu = bar.addMenu(w.tr("&Help"))
    _menu_action(w, help_menu, "", w.tr("Keyboard shortcuts"), w.show_shortcuts)
    apply_keymap(w)


def _open_dialog(w: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(w, w.tr("Open a study"), "",
                                          w.tr("Studies and review files (*.db *.sqlite *.rvw);;All files (*)"))
    if path:
        w.openRequested.emit(path)


def _fill_recent(w: MainWindow, menu) -> None:  # noqa: ANN001
    menu.clear()
    for url in settings.RECENT.value():
        target = url.removeprefix("sqlite:///")
        act = menu.addAction(target)
        act.triggered.connect(lambda _=False, p=target: w.openRequested.emit(p))
    if menu.isEmpty():
        menu.addAction(w.tr("(none yet)")).setEnabled(False)


def _set_language(w: MainWindow, code: str) -> None:
    settings.LANGUAGE.set(code)
    w.statusBar().showMessage(w.tr("The language changes the next time the app starts"), 8000)
