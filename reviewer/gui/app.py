"""Starting the app: the QApplication, translations, which study and which rater, the window,
and the offscreen screenshot mode used by ``--screenshot`` and the docs.

The store is opened here and handed to the windows as :class:`~reviewer.rating.operations.RatingOperations`
(imported only once the first screen is painted: it loads SQLAlchemy)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from reviewer.errors import NotFoundError, ReviewerError
from reviewer.gui import settings
from reviewer.gui.i18n import install_translator
from reviewer.gui.rater.main_window import MainWindow
from reviewer.gui.style import apply_style
from reviewer.reviewfiles.workcopy import is_review_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from reviewer.rating.operations import RatingOperations

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
        apply_style(app, settings.FONT_PT.value())
    return app  # type: ignore[return-value]


def open_target(target: str | os.PathLike[str] | None) -> tuple[RatingOperations, dict]:
    """The rating operations on a study database (path or URL) or a review file (``.rvw``, opened
    as its working copy), and the review file's manifest (``{}`` for a database)."""
    from reviewer.rating.operations import RatingOperations

    if is_review_file(target):
        from reviewer.reviewfiles.pack import open_review_file

        store, manifest = open_review_file(target)
        return RatingOperations(store), manifest
    from reviewer.store import open_store

    return RatingOperations(open_store(target)), {}  # at head already: one query, Alembic not loaded


def pick_study(ops: RatingOperations, name: str | None, manifest: dict, parent: QWidget | None,
               interactive: bool) -> int:
    found = ops.find_study(uid=manifest.get("study_uid"), name=name)
    if found.study_id is not None:
        return found.study_id
    if name:
        raise NotFoundError(f"no study named {name!r} in this database")
    studies = found.studies
    if not studies:
        raise NotFoundError("this database holds no study yet: import cases first (reviewer import ...)")
    if len(studies) == 1 or not interactive:
        return studies[0][0]
    names = [n for _, n in studies]
    chosen, ok = QInputDialog.getItem(parent, "Reviewer", "Study", names, 0, False)
    if not ok:
        raise ReviewerError("no study chosen")
    return studies[names.index(chosen)][0]


def pick_rater(ops: RatingOperations, name: str | None, manifest: dict, parent: QWidget | None,
               interactive: bool) -> tuple[int, str]:
    """The rater: --rater, the review file's rater, the remembered one, or asked once."""
    raters = ops.known_raters(None if name else manifest.get("rater_uid"))
    name = name or raters.named_by_uid
    known = list(raters.names)
    if not name:
        remembered = remembered_rater(ops.store.url)
        name = remembered if remembered in known else ""
    if not name and interactive:
        from reviewer.gui.dialogs import RaterPicker

        dialog = RaterPicker(known, settings.LAST_RATER.value(), parent)
        if not dialog.exec() or not dialog.name():
            raise ReviewerError("no rater chosen")
        name = dialog.name()
    if not name:
        name = known[0] if known else "rater"
    rater_id = ops.get_rater(name, create=True).id
    remember(ops.store.url, name)
    return rater_id, name


def remembered_rater(url: str) -> str:
    """The rater last chosen for the store at *url* (``""`` when none)."""
    return settings.RATER_OF_STORE(url=url).value()


def remember(url: str, rater: str) -> None:
    """Remember the rater for this store, and the store among the recent ones."""
    settings.RATER_OF_STORE(url=url).set(rater)
    settings.LAST_RATER.set(rater)
    recent = [p for p in settings.RECENT.value() if p != url]
    settings.RECENT.set([url, *recent][:8])


def _wired(window: MainWindow) -> MainWindow:
    """The window's File menu opens other studies in windows of their own."""
    window.openRequested.connect(lambda path, w=window: open_in_new_window(path, w))
    return window


def build_window(target: str | os.PathLike[str] | None, *, rater: str | None = None,
                 coordinator: bool = False, study: str | None = None,
                 interactive: bool = True) -> MainWindow:
    """The ready window, built in one go (the store is opened first)."""
    ops, manifest = open_target(target)
    study_id = pick_study(ops, study, manifest, None, interactive)
    rater_id, rater_name = pick_rater(ops, rater, manifest, None, interactive)
    return _wired(MainWindow(ops, study_id, rater_id, rater_name, coordinator))


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
        window = _wired(MainWindow(None, first.study_id, first.rater_id, first.rater_name, first=first))
        window.show()
        paint_now(window)
    if on_painted is not None:
        on_painted(window)
    if first is not None:
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # the window shows, but waits a moment
        try:
            ops, _manifest = open_target(first.target)  # a review file: its working copy, pack checked
            remember(ops.store.url, first.rater_name)
            window.attach(ops)
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
