"""Coordinator > "Judge runs…": the study's judge runs with their verdicts by parse status, and
deleting one (with its verdicts) after a confirmation. Reads and deletes through
:mod:`reviewer.judging.runs`, which owns the transaction and writes the audit event."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.errors import ReviewerError
from reviewer.gui.safe_text import message_box, plain_label
from reviewer.judging.runs import JudgeRunInfo, delete_judge_run, list_judge_runs


class JudgeRunsDialog(QDialog):
    """A table of judge runs (name, template, model, created, verdicts, usable) and a Delete button;
    ``runs_changed`` is emitted after a run was deleted (open views re-read their run lists)."""

    runs_changed = Signal()

    def __init__(self, store: Any, study_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.study_id, self.actor = store, study_id, actor
        self.runs: list[JudgeRunInfo] = []
        self.confirm: QMessageBox | None = None
        self.setWindowTitle(self.tr("Judge runs"))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Template"), self.tr("Model"),
                                              self.tr("Created"), self.tr("Verdicts"), self.tr("Usable")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.status = plain_label()
        self.status.setObjectName("Subtle")
        self.status.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.ask_delete)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(900, 400)
        self.refresh()

    def refresh(self) -> None:
        self.runs = list_judge_runs(self.store, self.study_id)
        self.table.setRowCount(len(self.runs))
        for row, r in enumerate(self.runs):
            counts = ", ".join(f"{status} {n}" for status, n in sorted(r.counts.items())) or self.tr("none")
            version = f" v{r.template_version}" if r.template_version is not None else ""
            for col, text in enumerate((r.name, (r.template or "-") + version, r.model or "-", r.created,
                                        counts, str(r.usable))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self._selection_changed()

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.runs[rows[0].row()].name if rows else None

    def _selection_changed(self) -> None:
        self.delete_button.setEnabled(self.selected_name() is not None)

    def ask_delete(self) -> None:
        """Ask before deleting the selected run; Yes deletes it (see :meth:`delete`)."""
        name = self.selected_name()
        if name is None:
            return
        info = next(r for r in self.runs if r.name == name)
        box = message_box(QMessageBox.Icon.Warning, self.tr("Delete judge run"),
                          self.tr("Delete judge run “%s” and its %d verdicts? This cannot be undone.")
                          % (name, info.total),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.delete(name))
        self.confirm = box
        box.open()

    def delete(self, name: str) -> int | None:
        """Delete judge run *name* and its verdicts; returns how many verdicts went (None: refused)."""
        try:
            removed = delete_judge_run(self.store, name, study=self.study_id, actor=self.actor)
        except ReviewerError as exc:
            self.status.setText(str(exc))
            self.refresh()
            return None
        self.status.setText(self.tr("Deleted judge run “%s” and %d verdicts.") % (name, removed))
        self.refresh()
        self.runs_changed.emit()
        return removed
