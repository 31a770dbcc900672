"""File › Open (or a recent study) naming something that is not a study database: one clear
warning naming the file, no new window and no exception escaping into Qt (issue 15)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer.gui import app as gui_app
from tests.support.gui import isolate_settings


def test_opening_a_file_that_is_not_a_database_is_one_warning(qtbot, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "settings")
    gui_app.make_app("en")
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100, "utf-8")
    seen: list[str] = []

    def answer_the_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.grab().save(str(tmp_path / "box.png"))
            box.done(0)
        else:
            QTimer.singleShot(50, answer_the_box)

    QTimer.singleShot(50, answer_the_box)
    before = len(gui_app._windows)  # noqa: SLF001 - the app's list of open windows
    gui_app.open_in_new_window(str(bogus))
    assert len(seen) == 1 and str(bogus) in seen[0] and "not a reviewer study database" in seen[0]
    assert "Traceback" not in seen[0]
    assert len(gui_app._windows) == before  # noqa: SLF001
    assert bogus.read_text("utf-8").startswith("these are my notes")
    assert (tmp_path / "box.png").stat().st_size > 0
