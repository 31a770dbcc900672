"""Menus and keyboard shortcuts of the main window (the list the F1 dialog shows).

Single-letter shortcuts are window-wide; text boxes take plain keys first (Qt's shortcut override),
so typing a comment never answers a criterion. Up/Down are handled by the checklist itself so that
the queue table keeps its arrow keys.

Opening another study (File menu) is asked of the app through the window's ``openRequested``
signal: the app builds windows, the window does not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from reviewer.gui import settings
from reviewer.store.vocabulary import MET, NA, NOT_MET

if TYPE_CHECKING:
    from reviewer.gui.rater.main_window import MainWindow


def _keys(window: MainWindow, keys: tuple[str, ...], slot) -> None:  # noqa: ANN001
    for key in keys:
        sc = QShortcut(QKeySequence(key), window)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
        sc.activated.connect(slot)
        if len(key) == 1:
            window.letter_shortcuts.append(sc)


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


def install_menus_and_shortcuts(w: MainWindow) -> None:
    _keys(w, ("1", "Y"), lambda: w.active.checklist.answer_current(MET))
    _keys(w, ("2", "N"), lambda: w.active.checklist.answer_current(NOT_MET))
    _keys(w, ("3", "A"), lambda: w.active.checklist.answer_current(NA))
    _keys(w, ("0",), lambda: w.active.checklist.answer_current(None))
    _keys(w, ("J",), lambda: w.active.checklist.move(1))
    _keys(w, ("K",), lambda: w.active.checklist.move(-1))
    _keys(w, ("Shift+N", "PgDown"), lambda: w.step(1))
    _keys(w, ("P", "Shift+P", "PgUp"), lambda: w.step(-1))
    _keys(w, ("U",), w.next_unrated)
    _keys(w, ("Ctrl+Return", "Ctrl+Enter"), w.submit_current)
    _keys(w, ("C",), lambda: _focus_comment(w))
    _keys(w, ("Esc",), lambda: _focus_checklist(w))
    _keys(w, ("S",), lambda: _toggle_safety(w))
    _keys(w, ("F",), lambda: _feedback(w))
    _keys(w, ("B",), w.toggle_side_by_side)
    _keys(w, ("Ctrl+Tab",), w.switch_column)
    _keys(w, ("Ctrl+Z",), lambda: w.active.undo_stack.undo())
    _keys(w, ("Ctrl+Shift+Z", "Ctrl+Y"), lambda: w.active.undo_stack.redo())
    _keys(w, ("F1", "?"), w.show_shortcuts)
    _keys(w, ("Ctrl+L",), lambda: w.table.setFocus(Qt.FocusReason.ShortcutFocusReason))
    for digit in range(1, 10):
        _keys(w, (f"Ctrl+{digit}",), lambda d=digit: w.active.set_overall_from_key(d))

    bar = w.menuBar()
    file_menu = bar.addMenu(w.tr("&File"))
    act = QAction(w.tr("&Open study…"), w)
    act.setShortcut(QKeySequence("Ctrl+O"))
    act.triggered.connect(lambda: _open_dialog(w))
    file_menu.addAction(act)
    act = QAction(w.tr("S&witch rater…"), w)
    act.setShortcut(QKeySequence("Ctrl+Shift+R"))
    act.triggered.connect(w.ask_switch_rater)
    file_menu.addAction(act)
    recent = file_menu.addMenu(w.tr("Recent studies"))
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    file_menu.addSeparator()
    act = QAction(w.tr("&Quit"), w)
    act.setShortcut(QKeySequence("Ctrl+Q"))
    act.triggered.connect(w.close)
    file_menu.addAction(act)
    view = bar.addMenu(w.tr("&View"))
    for text, keys, step in ((w.tr("Larger text"), ("Ctrl++", "Ctrl+="), 1),
                             (w.tr("Smaller text"), ("Ctrl+-",), -1), (w.tr("Default text size"), ("Ctrl+0",), 0)):
        act = QAction(text, w)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.triggered.connect(lambda _=False, s=step: w.zoom(s))
        view.addAction(act)
    act = QAction(w.tr("Side by side"), w)
    act.triggered.connect(w.toggle_side_by_side)
    view.addAction(act)
    language = view.addMenu(w.tr("Language (after a restart)"))
    for code, name in (("en", "English"), ("zh_CN", "简体中文")):
        act = QAction(name, w)
        act.triggered.connect(lambda _=False, c=code: _set_language(w, c))
        language.addAction(act)
    help_menu = bar.addMenu(w.tr("&Help"))
    act = QAction(w.tr("Keyboard shortcuts"), w)
    act.triggered.connect(w.show_shortcuts)
    help_menu.addAction(act)


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
