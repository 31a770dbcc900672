"""Moving through the work queue (a part of the main window): select, step, next unrated, search,
jump to an item number, filters, "come back later", progress and the paused timer.

Items set aside ("come back later", queue status ``skipped``) are passed over by Next unrated
until nothing else is left, then visited in queue order; progress counts them apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QInputDialog

from reviewer.errors import ConflictError, ReviewerError
from reviewer.rating.views import SKIPPED
from reviewer.store.vocabulary import SUBMITTED

if TYPE_CHECKING:
    from reviewer.gui.rater.main_window import MainWindow


class QueueNavigation:
    """Mixed into :class:`~reviewer.gui.rater.main_window.MainWindow`."""

    # -- progress and filters --------------------------------------------------------------------
    def _update_progress(self: MainWindow) -> None:
        done, total = self.model.counts()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        later = self.model.skipped_count()
        self.queue_panel.later.setText(self.tr("%d set aside for later") % later)
        self.queue_panel.later.setVisible(later > 0)

    def _filters_changed(self: MainWindow) -> None:
        self.model.set_filters(*self.queue_panel.filters(), found=self._found)
        if self.current_id is not None:
            row = self.model.row_of(self.current_id)
            if row is not None:
                self.table.selectRow(row)

    def run_search(self: MainWindow) -> None:
        """Show only the queue items whose case or answer holds every word typed (Enter); an
        empty box shows the whole queue again."""
        text = self.queue_panel.search.text().strip()
        self._found = self.ops.search_queue(self.study_id, self.rater_id, text) if text and self.ops else None
        self._filters_changed()
        if self._found is not None:
            if self._found:
                self.statusBar().showMessage(self.tr("%d found") % len(self._found), 6000)
                if self.model.row_of(self.current_id) is None:
                    self.select_row(0)
            else:
                self.statusBar().showMessage(self.tr("Nothing in your queue matches \u201c%s\u201d") % text, 8000)

    def focus_search(self: MainWindow) -> None:
        self.queue_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.queue_panel.search.selectAll()

    def _show_everything(self: MainWindow) -> None:
        """Clear the search and the filters (to reach an item they hide)."""
        if self._found is not None:
            self._found = None
            self.queue_panel.search.blockSignals(True)
            self.queue_panel.search.clear()
            self.queue_panel.search.blockSignals(False)
        self.queue_panel.clear_filters()
        self._filters_changed()

    # -- moving ------------------------------------------------------------------------------------
    def select_row(self: MainWindow, row: int) -> None:
        """Open the response on this row of the (filtered) queue table."""
        if 0 <= row < self.model.rowCount():
            idx = self.model.index(row, 0)
            before = self.table.currentIndex().row()
            self._scroll_into_view(idx, downwards=row >= before)
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _scroll_into_view(self: MainWindow, idx, downwards: bool) -> None:  # noqa: ANN001
        """Scroll by pages, not rows: stepping down a long queue then repaints the table once a
        page instead of on every step."""
        if self.table.viewport().rect().contains(self.table.visualRect(idx)):
            return
        hint = QAbstractItemView.ScrollHint.PositionAtTop if downwards else \
            QAbstractItemView.ScrollHint.PositionAtBottom
        self.table.scrollTo(idx, hint)

    def select_response(self: MainWindow, response_id: int) -> None:
        """Open this response, showing the whole queue first when a filter hides it."""
        row = self.model.row_of(response_id)
        if row is None:
            self._show_everything()
            row = self.model.row_of(response_id)
        if row is not None:
            self.select_row(row)

    def step(self: MainWindow, delta: int) -> None:
        row = self.table.currentIndex().row()
        self.select_row(max(0, min(self.model.rowCount() - 1, row + delta)))

    def jump_to(self: MainWindow, number: int) -> bool:
        """Open item *number* (its place in the whole queue, as the # column shows it)."""
        ids = self.model.ids()
        if not 1 <= number <= len(ids):
            self.statusBar().showMessage(self.tr("There is no item %d: your queue has %d") % (number, len(ids)), 8000)
            return False
        self.select_response(ids[number - 1])
        return True

    def ask_jump(self: MainWindow) -> None:
        """Ctrl+G: ask for an item number and go there."""
        ids = self.model.ids()
        if not ids:
            return
        current = (self.model.queue_index(self.current_id) or 0) + 1 if self.current_id else 1
        number, ok = QInputDialog.getInt(self, self.tr("Go to item"), self.tr("Item number (1–%d):") % len(ids),
                                         current, 1, len(ids))
        self.quiet_letter_keys()
        if ok:
            self.jump_to(number)

    def next_unrated(self: MainWindow) -> None:
        """The next response (after the current one, wrapping) that is neither submitted nor set
        aside; when only items set aside are left, the next of those ("come back")."""
        ids = self.model.ids()
        start = self.model.queue_index(self.current_id) if self.current_id is not None else None
        start = -1 if start is None else start
        n = len(ids)
        for wanted in (lambda st: st not in (SUBMITTED, SKIPPED), lambda st: st == SKIPPED):
            for k in range(1, n + 1):
                rid = ids[(start + k) % n]
                if wanted(self.model.status_of(rid)):
                    if self.model.status_of(rid) == SKIPPED:
                        self.statusBar().showMessage(self.tr("Back to an item you set aside"), 6000)
                    self.select_response(rid)
                    return
        self.statusBar().showMessage(self.tr("Everything in your queue is submitted. Thank you!"), 8000)

    # -- come back later, the timer -------------------------------------------------------------
    def toggle_skip(self: MainWindow) -> None:
        """L: set the item aside ("come back later") and move on, or take it up again."""
        col = self.active
        if col.item is None or col.status == SUBMITTED:
            self.statusBar().showMessage(self.tr("A submitted item is done: nothing to set aside"), 6000)
            return
        skipped = self.model.status_of(col.item.response_id) != SKIPPED
        rid = col.item.response_id
        try:
            state = col.set_skipped(skipped)
        except ConflictError:
            return
        except ReviewerError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.model.update_state(state, skipped=skipped)
        self._update_progress()
        if skipped:
            self.statusBar().showMessage(self.tr("Set aside: Next unrated comes back to it at the end"), 6000)
            self.next_unrated()
            if self.current_id == rid:  # nothing else left
                self.statusBar().showMessage(self.tr("Set aside; nothing else is left to rate"), 6000)
        else:
            self.statusBar().showMessage(self.tr("Taken up again"), 4000)

    def toggle_timer(self: MainWindow) -> None:
        """Pause or resume counting time on item (a phone call, a colleague at the door)."""
        self.timer_paused = not self.timer_paused
        for col in self.columns:
            col.time.set_paused(self.timer_paused)
        self.timer_label.setVisible(self.timer_paused)
