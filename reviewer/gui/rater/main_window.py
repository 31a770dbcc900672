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

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from reviewer.gui import settings
from reviewer.gui.dialogs import FeedbackDialog, ShortcutsDialog
from reviewer.gui.rater.navigation import QueueNavigation
from reviewer.gui.rater.panes import CasePane
from reviewer.gui.rater.queue_model import QueueModel
from reviewer.gui.rater.queue_panel import QueuePanel
from reviewer.gui.rater.review_column import ReviewColumn
from reviewer.gui.rater.shortcuts import install_menus_and_shortcuts
from reviewer.gui.safe_text import plain_label
from reviewer.gui.style import apply_style, is_dark
from reviewer.rating.views import RatingState

if TYPE_CHECKING:
    from reviewer.rating.first_screen import FirstScreen
    from reviewer.rating.operations import RatingOperations
    from reviewer.store import Store


QUIET_AFTER_DIALOG_MS = 600  # single-key shortcuts rest this long after the feedback dialog closes


class MainWindow(QueueNavigation, QMainWindow):
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
        self.letter_shortcuts: list = []  # single-key QShortcuts (shortcuts.py fills it)
        self.key_shortcuts: dict[str, list] = {}  # action name -> its QShortcuts (keymap)
        self.key_actions: dict = {}  # action name -> its menu QAction
        self.timer_paused = False
        self.guidelines = None  # the guidelines dock, made on first F2  # screenshots and benchmarks leave the user's settings alone
        self.side_by_side = False
        self._stacked = False
        if first is not None:
            self.study_name, self.url = first.study_name, first.url
        else:
            self.study_name, self.url = ops.study_name(study_id), ops.store.url
        # queue panel
        self.model = QueueModel(ops, self)
        self.queue_panel = panel = QueuePanel(self.model)
        self.table, self.progress, self.who = panel.table, panel.progress, panel.who
        self.status_filter, self.category_filter = panel.status_filter, panel.category_filter
        self.next_unrated_button = panel.next_unrated_button
        self.next_unrated_button.clicked.connect(self.next_unrated)
        for combo in (panel.status_filter, panel.category_filter, panel.mark_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        panel.search.returnPressed.connect(self.run_search)
        panel.search.textChanged.connect(lambda text: text or self.run_search())
        self._found: list[int] | None = None  # search hits (None: no search)
        self._show_who()

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
        self.splitter.addWidget(panel)
        self.splitter.addWidget(self.case_pane)
        self.splitter.addWidget(self.col_splitter)
        self.splitter.setSizes([420, 380, 800])
        self.empty = plain_label(self.tr("No responses assigned yet: import responses or ask your coordinator"))
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

        self.timer_label = plain_label(self.tr("Timer paused"))
        self.timer_label.setObjectName("Safety")
        self.timer_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.timer_label)
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
        self.queue_panel.fit_columns()
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

    def toggle_guidelines(self) -> None:
        from reviewer.gui.rater.guidelines import toggle

        toggle(self)

    def show_preferences(self) -> None:
        """File › Keyboard…: rebind any action; applied at once when saved."""
        from reviewer.gui.rater.preferences import KeyPreferences
        from reviewer.gui.rater.shortcuts import apply_keymap

        if KeyPreferences(self).exec():
            apply_keymap(self)

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
