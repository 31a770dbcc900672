"""Starting the app: the QApplication, translations, which study and which rater, the window,
and the offscreen screenshot mode used by ``--screenshot`` and the docs."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from sqlalchemy import select

from reviewer import rating as svc
from reviewer.errors import NotFoundError, ReviewerError
from reviewer.gui.i18n import install_translator
from reviewer.gui.main_window import DEFAULT_PT, MainWindow
from reviewer.gui.style import apply_style
from reviewer.store import Store, open_store
from reviewer.store.models import Rater, Study

_windows: list[MainWindow] = []  # keeps windows opened from the File menu alive


def make_app(language: str | None = None) -> QApplication:
    """The QApplication (created once), with settings names, translations and the style."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([os.environ.get("REVIEWER_APP_NAME", "reviewer")])
        app.setOrganizationName("reviewer")
        app.setApplicationName("reviewer")
        app.setApplicationDisplayName("Reviewer")
        install_translator(app, language)
        apply_style(app, QSettings().value("view/font_pt", DEFAULT_PT, type=float))
    return app  # type: ignore[return-value]


def open_target(target: str | os.PathLike[str] | None) -> tuple[Store, dict]:
    """A study database (path or URL) or a review file (``.rvw``, opened as its working copy)."""
    if target is not None and str(target).lower().endswith(".rvw"):
        from reviewer.reviewfiles.pack import open_review_file

        return open_review_file(target)
    return open_store(target), {}  # at head already: one query, Alembic not loaded


def pick_study(store: Store, name: str | None, manifest: dict, parent: QWidget | None,
               interactive: bool) -> int:
    with store.Session() as s:
        if manifest.get("study_uid"):
            sid = s.scalar(select(Study.id).where(Study.uid == manifest["study_uid"]))
            if sid is not None:
                return sid
        if name:
            sid = s.scalar(select(Study.id).where(Study.name == name))
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
    settings = QSettings()
    with store.Session() as s:
        if not name and manifest.get("rater_uid"):
            name = s.scalar(select(Rater.name).where(Rater.uid == manifest["rater_uid"]))
        known = svc.rater_names(s)
    if not name:
        remembered = settings.value(f"rater/{store.url}", "", type=str)
        name = remembered if remembered in known else ""
    if not name and interactive:
        from reviewer.gui.dialogs import RaterPicker

        dialog = RaterPicker(known, settings.value("rater/last", "", type=str), parent)
        if not dialog.exec() or not dialog.name():
            raise ReviewerError("no rater chosen")
        name = dialog.name()
    if not name:
        name = known[0] if known else "rater"
    with store.begin() as s:
        rater_id = svc.get_rater(s, name, create=True).id
    settings.setValue(f"rater/{store.url}", name)
    settings.setValue("rater/last", name)
    recent = [p for p in settings.value("recent", [], type=list) if p != store.url]
    settings.setValue("recent", [store.url, *recent][:8])
    return rater_id, name


def build_window(target: str | os.PathLike[str] | None, *, rater: str | None = None,
                 coordinator: bool = False, study: str | None = None,
                 interactive: bool = True) -> MainWindow:
    store, manifest = open_target(target)
    study_id = pick_study(store, study, manifest, None, interactive)
    rater_id, rater_name = pick_rater(store, rater, manifest, None, interactive)
    return MainWindow(store, study_id, rater_id, rater_name, coordinator)


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
    window = build_window(target, rater=rater, coordinator=coordinator, study=study,
                          interactive=not screenshot)
    if screenshot:
        path = save_screenshot(window, screenshot)
        window.close()
        print(f"wrote {path}")
        return 0
    window.show()
    return app.exec()
