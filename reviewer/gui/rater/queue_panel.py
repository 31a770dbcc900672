"""The work queue panel: progress, search, filters (status, category, marks) and the queue table.

It only holds widgets; the main window reads the filters and drives the model
(:class:`reviewer.gui.rater.queue_model.QueueModel`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.rater.queue_model import QueueModel
from reviewer.gui.safe_text import plain_label


class QueuePanel(QWidget):
    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QueuePanel")
        self.table = table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(26)
        table.setShowGrid(False)
        table.setWordWrap(False)
        hh = table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.fit_columns()
        # the case title takes the room left; the category (also in the row's tooltip, the case pane
        # and the category filter) would only push the table into scrolling sideways
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setColumnHidden(5, True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status_filter = QComboBox()
        for label, value in ((self.tr("All statuses"), ""), (self.tr("New"), "new"),
                             (self.tr("Draft"), "draft"), (self.tr("Come back later"), "skipped"),
                             (self.tr("Submitted"), "submitted")):
            self.status_filter.addItem(label, value)
        self.category_filter = QComboBox()
        self.mark_filter = QComboBox()
        for label, value in ((self.tr("All marks"), ""), (self.tr("Flagged"), "flagged"),
                             (self.tr("Commented"), "commented"), (self.tr("With feedback"), "feedback")):
            self.mark_filter.addItem(label, value)
        for combo in (self.status_filter, self.category_filter, self.mark_filter):
            # narrow when room is short (the checklist must keep its width at large text sizes)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search case and answer (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v / %m submitted"))
        self.later = plain_label()
        self.later.setObjectName("Subtle")
        self.later.setVisible(False)
        self.next_unrated_button = QPushButton(self.tr("Next unrated (U)"))
        self.next_unrated_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ql = QVBoxLayout(self)
        ql.setContentsMargins(8, 8, 6, 8)
        title = plain_label(self.tr("Work queue"))
        title.setObjectName("PaneTitle")
        ql.addWidget(title)
        self.who = plain_label()
        self.who.setObjectName("Subtle")
        ql.addWidget(self.who)
        ql.addWidget(self.progress)
        ql.addWidget(self.later)
        ql.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.mark_filter, 1)
        ql.addLayout(filters)
        ql.addWidget(table, 1)
        ql.addWidget(self.next_unrated_button)

    def fit_columns(self) -> None:
        """Column widths for the text size: at least the header's title, never less than the
        widths the queue had at the default size (the lazy model is not measured row by row)."""
        font = QFont(QApplication.font())
        font.setBold(True)  # the header's style
        model, metrics = self.table.model(), QFontMetrics(font)
        for col, base in enumerate((40, 0, 72, 96, 50, 100)):
            if col == 1:
                continue  # the case title stretches
            title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(base, metrics.horizontalAdvance(title) + 24)
            if col == 0:  # room for the largest position number
                width = max(width, metrics.horizontalAdvance(str(max(1, model.rowCount()))) + 20)
            self.table.setColumnWidth(col, width)

    def filters(self) -> tuple[str, str, str]:
        """(status, category, mark); ``""`` for any."""
        return (self.status_filter.currentData() or "", self.category_filter.currentData() or "",
                self.mark_filter.currentData() or "")

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.category_filter, self.mark_filter):
            combo.setCurrentIndex(0)
