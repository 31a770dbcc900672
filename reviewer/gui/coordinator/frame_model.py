"""A read-only table model over a small pandas DataFrame (agreement, triage and comparison tables).

Numbers are shown rounded (3 decimals), NaN/None as an en dash; the raw value is available under
``Qt.UserRole`` so a sort proxy sorts numerically. ``display`` maps a column to how its cells read
(e.g. a statistic's key shown in the UI language); the frame keeps the value. Optional per-row background colours mark the
rows that need attention (e.g. alpha below 0.667).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


def format_value(value: Any) -> str:
    """How a cell reads: 3 decimals for floats, integers as such, '–' for missing."""
    if value is None:
        return "–"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:.3f}"
    if hasattr(value, "item"):
        return format_value(value.item())
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    return str(value)


class DataFrameModel(QAbstractTableModel):
    """Rows and columns of a DataFrame; ``set_frame`` replaces it (model reset)."""

    def __init__(self, frame: pd.DataFrame | None = None, parent: Any = None, *,
                 headers: dict[str, str] | None = None,
                 display: dict[str, Callable[[Any], str | None]] | None = None,
                 row_color: Callable[[pd.Series], str | None] | None = None) -> None:
        super().__init__(parent)
        self.headers = headers or {}
        self.display = display or {}
        self.row_color = row_color
        self._frame = pd.DataFrame()
        self._colors: list[str | None] = []
        self.set_frame(frame if frame is not None else pd.DataFrame())

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self._colors = [self.row_color(row) for _, row in self._frame.iterrows()] if self.row_color else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame.columns)

    def value(self, row: int, column: str) -> Any:
        return self._frame.iloc[row][column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._frame.iat[index.row(), index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and self.display:
            shown = self.display.get(str(self._frame.columns[index.column()]))
            text = shown(value) if shown is not None else None
            if text is not None:
                return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 30 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = str(value)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.UserRole:
            return value.item() if hasattr(value, "item") else value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float, np.integer, np.floating)) \
                and not isinstance(value, (bool, np.bool_)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._colors and self._colors[index.row()]:
            return QColor(self._colors[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self._frame.columns):
            name = str(self._frame.columns[section])
            return self.headers.get(name, name.replace("_", " "))
        return str(section + 1)


def make_table_view(model: DataFrameModel, *, stretch_last: bool = True) -> QTableView:
    """A read-only, row-selecting table view with the app's look."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    return view


def fit_columns(view: QTableView, max_width: int = 360) -> None:
    """Size columns to their contents, none wider than *max_width*."""
    view.resizeColumnsToContents()
    for col in range(view.model().columnCount()):
        if view.columnWidth(col) > max_width:
            view.setColumnWidth(col, max_width)


def set_combo_items(combo: Any, items: list[tuple[str, Any]]) -> None:
    """Replace *combo*'s (text, data) items, keeping the current choice when it is still offered
    (else the first item): how the coordinator views follow a judge run added or deleted."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)
