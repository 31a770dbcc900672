"""Parts the coordinator's loop dialogs share: a path picker, a check-box list, the dialog base
that starts a job on OK (after its ``problem()`` check), and the result dialog a finished job shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.dialogs import ValidatingDialog
from reviewer.gui.safe_text import plain_label


def subtle(text: str) -> QLabel:
    label = plain_label(text)
    label.setObjectName("Subtle")
    label.setWordWrap(True)
    return label


def finish_buttons(dialog: ValidatingDialog, ok_text: str) -> QDialogButtonBox:
    """The dialog's OK (labelled *ok_text*) and Cancel buttons, Cancel translated with the app."""
    buttons = dialog.error_banner_and_buttons(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("Coordinator", "Cancel"))
    return buttons


class FilePicker(QWidget):
    """A path typed in or chosen with Browse… (open a file, save a file, or a folder)."""

    def __init__(self, mode: str, caption: str, filters: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode, self.caption, self.filters = mode, caption, filters
        self.edit = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(browse)

    def _browse(self) -> None:
        if self.mode == "folder":
            path = QFileDialog.getExistingDirectory(self, self.caption, self.edit.text())
        elif self.mode == "save":
            path, _ = QFileDialog.getSaveFileName(self, self.caption, self.edit.text(), self.filters)
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.caption, self.edit.text(), self.filters)
        if path:
            self.edit.setText(path)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text)


class ResultDialog(QDialog):
    """What a finished job did: a headline and the service's own report lines."""

    def __init__(self, title: str, head: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 420)
        self.head = headline = plain_label(head)
        headline.setObjectName("SectionTitle")
        headline.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(headline)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)


def show_result(ui: Any, title: str, head: str, lines: list[str]) -> ResultDialog:
    dialog = ResultDialog(title, head, lines, ui.window)
    ui.last_dialog = dialog
    dialog.open()
    return dialog


class LoopDialog(ValidatingDialog):
    """OK checks ``problem()``, then ``start()`` runs the job (kept as ``self.job``) and closes."""

    def __init__(self, ui: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.job: Any = None

    def accept(self) -> None:
        if not self.passes():
            return
        self.job = self.start()
        QDialog.accept(self)  # checked above: not ValidatingDialog.accept, which would ask problem() again

    def start(self) -> Any:
        raise NotImplementedError

    def params(self) -> dict[str, Any]:
        return {}


class CheckList(QListView):
    """The study's raters as check boxes (checked: those already assigned in the study)."""

    def __init__(self, names: list[str], checked: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        for name in names:
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked)
            self.items.appendRow(item)
        self.setModel(self.items)
        self.setMaximumHeight(150)

    def checked(self) -> list[str]:
        return [self.items.item(i).text() for i in range(self.items.rowCount())
                if self.items.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, names: list[str]) -> None:
        for i in range(self.items.rowCount()):
            item = self.items.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)
