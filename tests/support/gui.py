"""GUI test helpers: isolated QSettings, a window on a fresh study, and a walk over visible text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def isolate_settings(folder: Path) -> None:
    """Point QSettings at a temp folder so tests never read or write the user's settings."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person could read in *root*: labels, buttons, text boxes, combo items, tables,
    tooltips, the window title."""
    out = [root.windowTitle()]
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(m.rowCount()):
                for c in range(m.columnCount()):
                    out.append(str(m.data(m.index(r, c)) or ""))
                    out.append(str(m.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) or ""))
    return [t for t in out if t]
