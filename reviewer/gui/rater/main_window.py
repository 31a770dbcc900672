"""The main window: work queue on the left, the case, then one or two review columns.

It owns navigation (queue selection, next/previous, next unrated, submit-and-advance), the
side-by-side and coordinator modes, zoom, and remembered geometry. Keyboard shortcuts are set up
in :mod:`reviewer.gui.rater.shortcuts`.

Every read and write goes through the rating operations it is handed
(:class:`reviewer.rating.operations.RatingOperations`, one transaction per call); the window never
sees a session. It can be built before the store is open, from the app's first screen
(:mod:`reviewer.rating.first_screen`): it then shows the first response at once and
:meth:`MainWindow.attach` hands it the operations right after the first paint (see
:func:`reviewer.gui.app.start_window`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui import settings
from reviewer.gui.dialogs import FeedbackDialog, ShortcutsDialog
from reviewer.gui.rater.panes import CasePane
from reviewer.gui.rater.queue_model import QueueModel
from reviewer.gui.rater.review_column import ReviewColumn
from reviewer.gui.rater.shortcuts import install_menus_and_shortcuts
from reviewer.gui.style import apply_style, is_dark
from reviewer.rating.views import RatingState

if TYPE_CHECKING:
    from reviewer.rating.first_screen import FirstScreen
    from reviewer.rating.operations import RatingOperations
    from reviewer.store import Store


QUIET_AFTER_DIALOG_MS = 600  # single-key shortcuts rest this long after the feedback dialog closes


class MainWindow(QMainWindow):
    openRequested = Signal(str)  # a study or review file to open in another window (File menu)

    def __init__(self, ops: RatingOperations | None, study_id: int, rater_id: int, rater_name: str,
                 coordinator: bool = False, *, first: FirstScreen | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """With *ops*, a ready window. Without them, *first* fills the window and :meth:`attach`
        must follow before the event loop handles user input. *clock* counts time on item."""
        super().__init__()
        self.ops, self.study_id, self.rater_id = ops, study_id, rater_id
        self.rater_name, self.coordinator = rater_name, coordinator
        self.current_id: int | None = None
        self.persist_settings = True
        self.letter_shortcuts: list = []  # single-key QShortcuts (shortcuts.py fills it)  # screenshots and benchmarks leave the user's settings alone
        self.side_by_side = False
        self._stacked = False
        if first is not None:
            self.study_name, self.url = first.study_name, first.url
        else:
            self.study_name, self.url = ops.study_name(study_id), ops.store.url
        # queue panel
        self.model = QueueModel(ops, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((40, 0, 72, 96, 50, 100)):
            self.table.setColumnWidth(col, width)
        # the case title takes the room left; the category (also in the row's tooltip, the case pane
        # and the category filter) would only push the table into scrolling sideways
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(5, True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status_filter = QComboBox()
        for label, value in ((self.tr("All statuses"), ""), (self.tr("New"), "new"),
                             (self.tr("Draft"), "draft"), (self.tr("Submitted"), "submitted")):
            self.status_filter.addItem(label, value)
        self.category_filter = QComboBox()
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.category_filter.currentIndexChanged.connect(self._filters_changed)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v / %m submitted"))
        self.next_unrated_button = QPushButton(self.tr("Next unrated (U)"))
        self.next_unrated_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_unrated_button.clicked.connect(self.next_unrated)
        self.queue_panel = queue_panel = QWidget()
        queue_panel.setObjectName("QueuePanel")
        ql = QVBoxLayout(queue_panel)
        ql.setContentsMargins(8, 8, 6, 8)
        title = QLabel(self.tr("Work queue"))
        title.setObjectName("PaneTitle")
        ql.addWidget(title)
        self.who = who = QLabel()
        who.setObjectName("Subtle")
        self._show_who()
        ql.addWidget(who)
        ql.addWidget(self.progress)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.category_filter, 1)
        ql.addLayout(filters)
        ql.addWidget(self.table, 1)
        ql.addWidget(self.next_unrated_button)

        # review area
        self.case_pane = CasePane()
        self.columns = [ReviewColumn(ops, rater_id, rater_name, name, clock=clock) for name in ("A", "B")]
        for col in self.columns:
            col.coordinator = coordinator
            col.saved.connect(self._on_saved)
            col.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
            col.feedbackRequested.connect(self.ask_feedback)
        self.columns[0].submitted.connect(self._on_submitted)
        self.columns[1].setVisible(False)
        self.active = self.columns[0]
        self.col_splitter = QSplitter(Qt.Orientation.Horizontal)
        for col in self.columns:
            self.col_splitter.addWidget(col)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(queue_panel)
        self.splitter.addWidget(self.case_pane)
        self.splitter.addWidget(self.col_splitter)
        self.splitter.setSizes([420, 380, 800])
        self.empty = QLabel(self.tr("No responses assigned yet: import responses or ask your coordinator"))
        self.empty.setObjectName("EmptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        self.setCentralWidget(self.stack)

        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(40)
        self._prefetch_timer.timeout.connect(self._prefetch_next)

        install_menus_and_shortcuts(self)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._restore_settings()
        if first is not None:
            self.model.load_first(first)
            self.columns[0].seed(first.item)
            self._fill_queue_panel()
            self.statusBar().showMessage(self.tr("Opening the study…"))  # until attach()
        if ops is not None:
            self.attach(ops)

    def _show_who(self) -> None:
        # Qt adds the application's display name ("Reviewer") to the title itself
        self.setWindowTitle(self.tr("%s — %s") % (self.study_name, self.rater_name))
        self.who.setText(self.tr("Rater: %s") % self.rater_name
                         + (self.tr("  ·  coordinator mode") if self.coordinator else ""))

    def switch_rater(self, name: str) -> None:
        """Rate as another rater in this window (File › Switch rater…): pending writes of the
        current one land first; the queue, progress and position are the new rater's."""
        if name == self.rater_name or self.ops is None:
            return
        for col in self.columns:
            col.flush()
        rater = self.ops.get_rater(name, create=True)
        self.rater_id, self.rater_name = rater.id, rater.name
        for col in self.columns:
            col.set_rater(rater.id, rater.name)
        self._show_who()
        self.current_id = None
        self.reload()
        self.statusBar().showMessage(self.tr("Now rating as %s") % rater.name, 6000)

    def ask_switch_rater(self) -> None:
        from reviewer.gui.dialogs import RaterPicker

        dialog = RaterPicker(list(self.ops.known_raters().names), self.rater_name, self)
        dialog.setWindowTitle(self.tr("Switch rater"))
        if dialog.exec() and dialog.name():
            self.switch_rater(dialog.name())

    @property
    def store(self) -> Store | None:
        """The open store (``None`` until attached), for the coordinator's tools and jobs."""
        return self.ops.store if self.ops is not None else None

    def attach(self, ops: RatingOperations) -> None:
        """Connect the store's operations: load the queue (unless the first screen did), the
        coordinator's tools, and start reading ahead."""
        self.ops = ops
        self.model.attach(ops)
        for col in self.columns:
            col.attach(ops)
        if self.current_id is None:
            self.reload()
        else:  # the first screen showed the queue's first item: go where the rater stopped
            self._resume()
        from reviewer.gui.coordinator.menu import install  # coordinator menu, jobs, return ratings

        install(self)
        self._prefetch_timer.start()
        if self.statusBar().currentMessage() == self.tr("Opening the study…"):
            self.statusBar().clearMessage()

    # -- settings -----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.value()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1560, 940)
        for option, splitter in ((settings.WINDOW_SPLITTER, self.splitter),
                                 (settings.WINDOW_COLUMNS, self.col_splitter)):
            state = option.value()
            if state is not None:
                splitter.restoreState(state)

    def save_settings(self) -> None:
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.WINDOW_SPLITTER.set(self.splitter.saveState())
        settings.WINDOW_COLUMNS.set(self.col_splitter.saveState())

    def zoom(self, step: int) -> None:
        """Ctrl +/-/0: change the text size, remembered."""
        size = settings.FONT_PT
        pt = size.default if step == 0 else max(7.0, min(24.0, size.value() + step))
        size.set(pt)
        apply_style(QApplication.instance(), pt)
        if self.current_id is not None:
            self.case_pane.show_item(None)
            self.case_pane.show_item(self.columns[0].item, is_dark())

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.load(self.study_id, self.rater_id)
        self._fill_queue_panel()

    def _fill_queue_panel(self) -> None:
        cats = self.model.categories()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("All categories"), "")
        for c in cats:
            self.category_filter.addItem(c, c)
        self.category_filter.blockSignals(False)
        self._update_progress()
        empty = not self.model.ids()
        self.stack.setCurrentWidget(self.empty if empty else self.splitter)
        if not empty:
            resume = self._resume_row() if self.ops is not None else None
            self.select_row(0 if resume is None else resume)

    def _update_progress(self) -> None:
        done, total = self.model.counts()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _filters_changed(self) -> None:
        self.model.set_filters(self.status_filter.currentData() or "", self.category_filter.currentData() or "")
        if self.current_id is not None:
            row = self.model.row_of(self.current_id)
            if row is not None:
                self.table.selectRow(row)

    # -- where the rater stopped -------------------------------------------------------------------
    def _position(self) -> settings.Option[str]:
        return settings.POSITION(url=self.url, study=str(self.study_id), rater=self.rater_name)

    def _resume_row(self) -> int | None:
        """The row of the response the rater had open last time (``None``: none, or gone)."""
        stored = self._position().value()
        rid = int(stored) if stored.isdigit() else None
        if rid is None or self.model.queue_index(rid) is None:
            return None
        return self.model.row_of(rid)

    def _resume(self) -> None:
        """Open the response the rater had open last time (when it is still in the queue)."""
        row = self._resume_row()
        if row is not None and self.model.response_at(row) != self.current_id:
            self.select_row(row)

    # -- navigation ----------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        """Open the response on this row of the (filtered) queue table."""
        if 0 <= row < self.model.rowCount():
            idx = self.model.index(row, 0)
            before = self.table.currentIndex().row()
            self._scroll_into_view(idx, downwards=row >= before)
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _scroll_into_view(self, idx, downwards: bool) -> None:  # noqa: ANN001
        """Scroll by pages, not rows: stepping down a long queue then repaints the table once a
        page instead of on every step."""
        if self.table.viewport().rect().contains(self.table.visualRect(idx)):
            return
        hint = QAbstractItemView.ScrollHint.PositionAtTop if downwards else \
            QAbstractItemView.ScrollHint.PositionAtBottom
        self.table.scrollTo(idx, hint)

    def _row_changed(self, current, _previous) -> None:  # noqa: ANN001
        rid = self.model.response_at(current.row()) if current.isValid() else None
        if rid is not None:
            self.open_response(rid)

    def open_response(self, response_id: int) -> None:
        if response_id == self.current_id:
            return
        self.current_id = response_id
        if self.persist_settings and self.ops is not None:
            self._position().set(str(response_id))
        first = self.columns[0]
        first.show_item(response_id)
        self.case_pane.show_item(first.item, is_dark())
        self._show_partner()
        self.active = first
        first.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.ops is not None:
            self._prefetch_timer.start()

    def _prefetch_next(self) -> None:
        """Idle time: load the response after the current one (the usual next step)."""
        following = self.model.response_at(self.table.currentIndex().row() + 1)
        if following is not None:  # the timer runs only once the store is attached
            self.columns[0].prefetch(following)

    def _show_partner(self) -> None:
        second = self.columns[1]
        partner = self._partner_id() if self.side_by_side else None
        if partner is not None or second.item is not None:
            second.show_item(partner)
        second.setVisible(partner is not None)
        if self._stacked != self.side_by_side:  # re-laying out the splitters is slow: only on a change
            self._stacked = self.side_by_side
            for col in self.columns:
                col.set_stacked(self.side_by_side)

    def _partner_id(self) -> int | None:
        """Another response to the same case in this rater's queue (for side-by-side)."""
        item = self.columns[0].item
        if item is None:
            return None
        ids = [i for i in self.ops.other_responses(item.response_id) if self.model.queue_index(i) is not None]
        return ids[0] if ids else None

    def step(self, delta: int) -> None:
        row = self.table.currentIndex().row()
        self.select_row(max(0, min(self.model.rowCount() - 1, row + delta)))

    def next_unrated(self) -> None:
        """The next response (after the current one, wrapping) that is not submitted."""
        ids = self.model.ids()
        start = self.model.queue_index(self.current_id) if self.current_id is not None else None
        start = -1 if start is None else start
        n = len(ids)
        for k in range(1, n + 1):
            rid = ids[(start + k) % n]
            if self.model.status_of(rid) != "submitted":
                row = self.model.row_of(rid)
                if row is None:  # hidden by a filter: show everything again
                    self.status_filter.setCurrentIndex(0)
                    self.category_filter.setCurrentIndex(0)
                    row = self.model.row_of(rid)
                self.select_row(row or 0)
                return
        self.statusBar().showMessage(self.tr("Everything in your queue is submitted. Thank you!"), 8000)

    def toggle_side_by_side(self) -> None:
        """B: two answers to the same case side by side; on a case with one answer in the queue
        nothing moves (the queue stays), and the status bar says why."""
        if not self.side_by_side and self._partner_id() is None:
            self.statusBar().showMessage(self.tr("No other response to this case in your queue"), 6000)
            return
        self.side_by_side = not self.side_by_side
        self.queue_panel.setVisible(not self.side_by_side)  # two answers need the room
        if self.side_by_side:
            half = max(1, sum(self.col_splitter.sizes()) // 2)
            self.col_splitter.setSizes([half, half])
        self._show_partner()
        if not self.columns[1].isVisible():
            self.active = self.columns[0]

    def switch_column(self) -> None:
        visible = [c for c in self.columns if c.isVisible()]
        if len(visible) == 2:
            self.active = visible[1] if self.active is visible[0] else visible[0]
            self.active.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
            self.statusBar().showMessage(self.tr("Now rating Response %s") % self.active.item.blind_label, 4000)

    def submit_current(self) -> None:
        col = self.active
        if col.submit() and col is self.columns[1]:
            self.statusBar().showMessage(self.tr("Submitted"), 4000)

    # -- reacting to saves -----------------------------------------------------------------------
    def _on_saved(self, state: RatingState) -> None:
        for col in self.columns:
            col.forget(state.response_id)
        self.model.update_state(state)
        self._update_progress()

    def _on_submitted(self, response_id: int) -> None:
        row = self.model.row_of(response_id)
        if row is None:  # filtered away: the row that took its place is the next one
            row = self.table.currentIndex().row() - 1
        if row + 1 < self.model.rowCount():
            self.select_row(row + 1)
        else:
            self.statusBar().showMessage(self.tr("Submitted. That was the last response in this list."), 8000)

    def ask_feedback(self, column: ReviewColumn, criterion_id: int) -> None:
        crit = next((c for c in (column.item.criteria if column.item else ()) if c.id == criterion_id), None)
        if crit is None:
            return
        dialog = FeedbackDialog(f"{crit.number}. {crit.text}", self)
        accepted = dialog.exec()
        self.activateWindow()  # the keyboard goes back to the checklist
        column.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
        self.quiet_letter_keys()
        if accepted:
            column.record_feedback(criterion_id, dialog.kind(), dialog.text())

    def quiet_letter_keys(self, ms: int = QUIET_AFTER_DIALOG_MS) -> None:
        """Right after a dialog closes, letters still being typed for it must not answer criteria:
        the single-key shortcuts rest for a moment."""
        for sc in self.letter_shortcuts:
            sc.setEnabled(False)
        QTimer.singleShot(ms, self._wake_letter_keys)

    def _wake_letter_keys(self) -> None:
        for sc in self.letter_shortcuts:
            sc.setEnabled(True)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # -- window events ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange:
            for col in self.columns:
                col.set_active(self.isActiveWindow())
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: ANN001
        for col in self.columns:
            col.flush()
        if self.persist_settings:
            self.save_settings()
        super().closeEvent(event)
