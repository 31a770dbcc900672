"""Starting the app: the QApplication, translations, which study and which rater, the window,
and the offscreen screenshot mode used by ``--screenshot`` and the docs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from reviewer.errors import NotFoundError, ReviewerError
from reviewer.gui.i18n import install_translator
from reviewer.gui.lazy_import import lazy_module
from reviewer.gui.rater.main_window import DEFAULT_PT, MainWindow
from reviewer.gui.style import apply_style
from reviewer.reviewfiles.workcopy import is_review_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from reviewer.store import Store

svc = lazy_module("reviewer.rating")

_windows: list[MainWindow] = []  # keeps windows opened from the File menu alive


def _drop_offscreen_noise() -> None:
    """Qt's offscreen platform (screenshots, tests, CI) warns "This plugin does not support
    propagateSizeHints()" for every window: harmless, and it buries real messages. Only that line
    is dropped; every other Qt message is written to stderr as Qt would."""
    import sys

    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    def handler(kind, context, message: str) -> None:  # noqa: ANN001
        if "propagateSizeHints" not in message:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    _keep.append(handler)
    qInstallMessageHandler(handler)


_keep: list = []  # the installed message handler stays referenced


def make_app(language: str | None = None) -> QApplication:
    """The QApplication (created once), with settings names, translations and the style."""
    app = QApplication.instance()
    if app is None:
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            _drop_offscreen_noise()
        app = QApplication([os.environ.get("REVIEWER_APP_NAME", "reviewer")])
        app.setOrganizationName("reviewer")
        app.setApplicationName("reviewer")
        app.setApplicationDisplayName("Reviewer")
        install_translator(app, language)
        apply_style(app, QSettings().value("view/font_pt", DEFAULT_PT, type=float))
    return app  # type: ignore[return-value]


def open_target(target: str | os.PathLike[str] | None) -> tuple[Store, dict]:
    """A study database (path or URL) or a review file (``.rvw``, opened as its working copy)."""
    if is_review_file(target):
        from reviewer.reviewfiles.pack import open_review_file

        return open_review_file(target)
    from reviewer.store import open_store

    return open_store(target), {}  # at head already: one query, Alembic not loaded


def pick_study(store: Store, name: str | None, manifest: dict, parent: QWidget | None,
               interactive: bool) -> int:
    with store.Session() as s:
        if manifest.get("study_uid"):
            sid = svc.find_study(s, uid=manifest["study_uid"])
            if sid is not None:
                return sid
        if name:
            sid = svc.find_study(s, name=name)
            if sid is None:
                raise NotFoundError(f"no study named {name!r} in this database")
            return sid
        studies = svc.study_list(s)
    if not studies:
        raise NotFoundError("this database holds no study yet: import cases first (reviewer import ...)")
    if len(studies) == 1 or not interactive:
        return studies[0][0]
    names = [n for _, n in studies]
    chosen, ok = QInputDialog.getItem(parent, "Reviewer", "Study", names, 0, False)
    if not ok:
        raise ReviewerError("no study chosen")
    return studies[names.index(chosen)][0]


def pick_rater(store: Store, name: str | None, manifest: dict, parent: QWidget | None,
               interactive: bool) -> tuple[int, str]:
    """The rater: --rater, the review file's rater, the remembered one, or asked once."""
    with store.Session() as s:
        if not name and manifest.get("rater_uid"):
            name = svc.rater_name_by_uid(s, manifest["rater_uid"])
        known = svc.rater_names(s)
    if not name:
        remembered = remembered_rater(store.url)
        name = remembered if remembered in known else ""
    if not name and interactive:
        from reviewer.gui.dialogs import RaterPicker

        dialog = RaterPicker(known, QSettings().value("rater/last", "", type=str), parent)
        if not dialog.exec() or not dialog.name():
            raise ReviewerError("no rater chosen")
        name = dialog.name()
    if not name:
        name = known[0] if known else "rater"
    with store.begin() as s:
        rater_id = svc.get_rater(s, name, create=True).id
    remember(store.url, name)
    return rater_id, name


def remembered_rater(url: str) -> str:
    """The rater last chosen for the store at *url* (``""`` when none)."""
    return QSettings().value(f"rater/{url}", "", type=str)


def remember(url: str, rater: str) -> None:
    """Remember the rater for this store, and the store among the recent ones."""
    settings = QSettings()
    settings.setValue(f"rater/{url}", rater)
    settings.setValue("rater/last", rater)
    recent = [p for p in settings.value("recent", [], type=list) if p != url]
    settings.setValue("recent", [url, *recent][:8])


def build_window(target: str | os.PathLike[str] | None, *, rater: str | None = None,
                 coordinator: bool = False, study: str | None = None,
                 interactive: bool = True) -> MainWindow:
    """The ready window, built in one go (the store is opened first)."""
    store, manifest = open_target(target)
    study_id = pick_study(store, study, manifest, None, interactive)
    rater_id, rater_name = pick_rater(store, rater, manifest, None, interactive)
    return MainWindow(store, study_id, rater_id, rater_name, coordinator)


def start_window(target: str | os.PathLike[str] | None, *, rater: str | None = None,
                 coordinator: bool = False, study: str | None = None, interactive: bool = True,
                 on_painted: Callable[[MainWindow], None] | None = None) -> MainWindow:
    """The window as the app opens it: shown with the first response before the store is opened.

    For a plain SQLite study database (the common case) the first screen is read with stdlib
    ``sqlite3`` (:mod:`reviewer.rating.first_screen`; for a review file opened before, from its working
    copy), shown and painted; *on_painted* is called then; only
    then are SQLAlchemy and the models imported and the store attached. User input is not handled
    in between (the paint processes only non-input events), so a key pressed while the store opens
    waits and is handled by the ready window. Anything else (a review file not unpacked yet, URLs, a
    database that needs an upgrade, a rater or study to ask for, coordinator mode) goes through
    :func:`build_window` and is shown when ready.
    """
    from reviewer.rating.first_screen import read_first_screen

    first = None if coordinator else read_first_screen(
        target, rater=rater, study=study, remembered_rater=remembered_rater, interactive=interactive)
    if first is None:
        window = build_window(target, rater=rater, coordinator=coordinator, study=study,
                              interactive=interactive)
        window.show()
    else:
        window = MainWindow(None, first.study_id, first.rater_id, first.rater_name, first=first)
        window.show()
        paint_now(window)
    if on_painted is not None:
        on_painted(window)
    if first is not None:
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # the window shows, but waits a moment
        try:
            store, _manifest = open_target(first.target)  # a review file: its working copy, pack checked
            remember(store.url, first.rater_name)
            window.attach(store)
        except BaseException:
            window.close()  # never leave a window without its store on screen
            raise
        finally:
            QApplication.restoreOverrideCursor()
    return window


def paint_now(window: QWidget, wait_ms: int = 200) -> None:
    """Let a just-shown window be exposed and painted, without handling user input."""
    from PySide6.QtCore import QElapsedTimer

    app = QApplication.instance()
    clock = QElapsedTimer()
    clock.start()
    flags = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    app.processEvents(flags)
    handle = window.windowHandle()
    while handle is not None and not handle.isExposed() and clock.elapsed() < wait_ms:
        app.processEvents(flags, 10)
    app.processEvents(flags)


def save_screenshot(window: MainWindow, png: str | os.PathLike[str], width: int = 1600,
                    height: int = 960) -> Path:
    """Show *window*, let it lay out, and write what it draws to *png*."""
    app = QApplication.instance()
    window.persist_settings = False
    window.resize(width, height)
    window.show()
    for _ in range(5):
        app.processEvents()
    path = Path(png)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        raise ReviewerError(f"could not write the screenshot to {path}")
    return path


def open_in_new_window(target: str, parent: QWidget | None = None) -> None:
    try:
        window = build_window(target)
    except ReviewerError as exc:
        QMessageBox.warning(parent, "Reviewer", str(exc))
        return
    _windows.append(window)
    window.show()


def run_app(target: str | os.PathLike[str] | None, *, rater: str | None = None, coordinator: bool = False,
            study: str | None = None, screenshot: str | None = None, language: str | None = None) -> int:
    """Open the main window (or, with *screenshot*, render it offscreen to a PNG and return)."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app(language)
    try:
        window = start_window(target, rater=rater, coordinator=coordinator, study=study,
                              interactive=not screenshot)
    except ReviewerError as exc:
        if not screenshot:  # started from a desktop icon there is no terminal to print to
            QMessageBox.critical(None, "Reviewer", str(exc))
        raise
    if screenshot:
        path = save_screenshot(window, screenshot)
        window.close()
        print(f"wrote {path}")
        return 0
    return app.exec()
