"""The rating guidelines at hand (F2): the study's guidelines (Markdown kept with the study), or a
Markdown file the rater opens (remembered per study database), in a dock beside the checklist;
below them, the guidance of the focused criterion when it has any.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QPushButton, QVBoxLayout, QWidget

from reviewer.gui import settings
from reviewer.gui.rater.panes import CSS, _Browser
from reviewer.gui.safe_text import markdown_html, markdown_label, plain_label

if TYPE_CHECKING:
    from reviewer.gui.rater.main_window import MainWindow


class GuidelinesDock(QDockWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.tr("Rating guidelines"), window)
        self.setObjectName("GuidelinesDock")
        self.window_ = window
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(8, 6, 8, 8)
        self.source = plain_label()
        self.source.setObjectName("Subtle")
        self.source.setWordWrap(True)
        self.text = _Browser()
        self.open_button = QPushButton(self.tr("Open a guidelines file (Markdown)…"))
        self.open_button.clicked.connect(self.choose_file)
        self.criterion_title = plain_label()
        self.criterion_title.setObjectName("SectionTitle")
        self.criterion = markdown_label(object_name="Guidance")
        lay.addWidget(self.source)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.open_button)
        lay.addWidget(self.criterion_title)
        lay.addWidget(self.criterion)
        self.setWidget(body)
        self.load()

    def _file_option(self) -> settings.Option[str]:
        return settings.GUIDELINES_FILE(url=self.window_.url)

    def load(self) -> None:
        """The study's guidelines, else the remembered file, else a line saying there are none."""
        w = self.window_
        text = w.ops.study_guidelines(w.study_id) if w.ops is not None else ""
        source = self.tr("From the study")
        path = self._file_option().value()
        if not text and path:
            try:
                text = Path(path).read_text(encoding="utf-8")
                source = self.tr("From %s") % path
            except OSError as exc:
                source = self.tr("Could not read %s: %s") % (path, exc.strerror or exc)
        if not text:
            source = self.tr("This study has no rating guidelines yet. Ask your coordinator, or open a file.")
        self.source.setText(source)
        self.text.setHtml(f"<style>{CSS}</style>" + markdown_html(text) if text else "")
        self.text.setVisible(bool(text))
        self.show_criterion()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Rating guidelines"), "",
                                              self.tr("Markdown (*.md *.markdown *.txt);;All files (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        self._file_option().set(path)
        self.load()

    def show_criterion(self) -> None:
        crit = self.window_.active.checklist.current_criterion() if self.window_.active else None
        guidance = crit.guidance if crit is not None else None
        self.criterion_title.setText(self.tr("Criterion %d") % crit.number if guidance else "")
        self.criterion.set_markdown(guidance or "")
        self.criterion_title.setVisible(bool(guidance))
        self.criterion.setVisible(bool(guidance))


def toggle(window: MainWindow) -> GuidelinesDock:
    """F2: show the guidelines dock (made on first use) or hide it; remembered."""
    dock = window.guidelines
    if dock is None:
        dock = window.guidelines = GuidelinesDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        for col in window.columns:
            col.checklist.focusChanged.connect(lambda _row: dock.show_criterion())
        dock.hide()
    shown = not dock.isVisible()
    dock.setVisible(shown)
    if shown:
        dock.load()
    if window.persist_settings:
        settings.GUIDELINES_OPEN.set(shown)
    return dock
