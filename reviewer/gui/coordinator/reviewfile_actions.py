""""Return ratings…" (a rater working on a .rvw review file) and "Merge returns…" (coordinator).

The window knows it works on a review file from ``window.review_file`` (set by whoever opened it)
or, failing that, because its database is a review file's working copy (a ``review.db`` beside the
review file's ``manifest.json``); :func:`review_source` answers which. Returning writes the return
file with :func:`reviewer.reviewfiles.write_return_file`; merging runs
:func:`reviewer.reviewfiles.merge_return_files` in a job and shows its report (conflicts, backup).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QWidget,
)

from reviewer.files import safe_file_name
from reviewer.gui.coordinator.dialog_parts import ResultDialog
from reviewer.gui.safe_text import show_message
from reviewer.reviewfiles.common import MANIFEST, REVIEW_DB, REVIEW_FORMAT


def review_source(window: Any) -> Path | None:
    """The review file (or its working-copy folder) this window rates, or None for a study database."""
    explicit = getattr(window, "review_file", None)
    if explicit:
        return Path(explicit)
    db = getattr(window.store, "path", None)
    if db is None or db.name != REVIEW_DB:
        return None
    manifest = db.parent / MANIFEST
    try:
        data = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return db.parent if data.get("format") == REVIEW_FORMAT else None


def default_return_path(source: Path, rater: str) -> Path:
    """``NAME.rvw`` -> ``NAME-<rater>.rvr`` beside it (a working copy ``NAME.rvw.work`` alike)."""
    name = source.name
    for suffix in (".work", ".rvw"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return source.parent / f"{name}-{safe_file_name(rater, 'rater')}.rvr"


def write_return(window: Any, out_path: str | Path) -> dict[str, Any]:
    """Save what is on screen, then write the return file; returns its manifest."""
    from reviewer.reviewfiles import write_return_file

    for col in getattr(window, "columns", ()):
        col.flush()
    source = review_source(window)
    if source is None:
        from reviewer.errors import InputError

        raise InputError("this window is not working on a review file (.rvw)")
    return write_return_file(source, out_path)


def return_ratings(window: Any) -> Path | None:
    """Ask where to write the return file, write it, and say where it went."""
    from reviewer.errors import ReviewerError

    source = review_source(window)
    if source is None:
        return None
    suggested = default_return_path(source, window.rater_name)
    path, _ = QFileDialog.getSaveFileName(window, window.tr("Return ratings"), str(suggested),
                                          window.tr("Return files (*.rvr);;All files (*)"))
    if not path:
        return None
    try:
        manifest = write_return(window, path)
    except ReviewerError as exc:
        show_message(window, window.tr("Return ratings"), str(exc))
        return None
    c = manifest.get("counts", {})
    show_message(
        window, window.tr("Return ratings"),
        window.tr("Wrote %s\n\n%d ratings (%d submitted, %d drafts), %d feedback notes.\n"
                  "Send this file to your coordinator.")
        % (path, c.get("ratings", 0), c.get("submitted", 0), c.get("drafts", 0), c.get("feedback", 0)),
        QMessageBox.Icon.Information)
    return Path(path)


def merge_job(store: Any, paths: list[str], actor: str, study: str | None
              ) -> Callable[[Callable[..., None], Callable[[], bool]], Any]:
    def fn(progress: Callable[..., None], _is_cancelled: Callable[[], bool]) -> Any:
        from reviewer.reviewfiles import merge_return_files

        progress(0, 1, "checking and merging")
        report = merge_return_files(store, paths, actor=actor, study=study)
        progress(1, 1, "")
        return report

    return fn


class MergeReportDialog(ResultDialog):
    """The merge report: per file what was new, updated, unchanged, conflicting; the backup path
    (the headline in the error banner's colours when conflicts were kept)."""

    def __init__(self, report: Any, parent: QWidget | None = None) -> None:
        n_conf = len(report.conflicts)
        if report.backup:
            text = (QCoreApplication.translate("MergeReportDialog", "%d file(s) merged; %d conflict(s) kept for "
                                               "review. Backup: %s") % (len(report.files), n_conf, report.backup))
        else:
            text = QCoreApplication.translate("MergeReportDialog", "%d file(s) read: nothing newer than what the "
                                              "study holds, nothing changed (no backup needed)") % len(report.files)
        super().__init__(QCoreApplication.translate("MergeReportDialog", "Merge report"), text, report.lines(),
                         parent)
        self.resize(760, 460)
        if n_conf:
            self.head.setObjectName("ErrorBanner")


def merge_returns(window: Any, paths: list[str] | None = None) -> Any:
    """Pick return files (unless given), merge them in a job, then show the report; returns the job."""
    if paths is None:
        paths, _ = QFileDialog.getOpenFileNames(window, window.tr("Merge returns"), "",
                                                window.tr("Return files (*.rvr);;All files (*)"))
    if not paths:
        return None
    ui = window.coordinator_ui

    def done(report: Any) -> None:
        if report is None:
            return
        ui.last_merge_report = report
        window.reload()
        dialog = MergeReportDialog(report, window)
        ui.last_dialog = dialog
        dialog.open()

    return ui.jobs.start(window.tr("Merge %d return file(s)") % len(paths),
                         merge_job(window.store, list(paths), window.rater_name, window.study_name),
                         on_done=done)
