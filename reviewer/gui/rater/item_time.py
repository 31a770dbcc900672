"""Time on item: counted only while the window is active and an item is on screen, and written
in the background so that moving on never waits for a disk sync.

Time left behind when moving on goes to a backlog written a moment after the next item is shown
(one transaction for all of it); closing the window writes it at once. A write of answers takes the
time counted so far along into that backlog. Time is never refused by the stale-screen guard and
never bumps the rating's version (see :func:`reviewer.rating.add_time`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from reviewer.errors import ReviewerError
from reviewer.gui.lazy_import import lazy_module

if TYPE_CHECKING:
    from reviewer.store import Store

svc = lazy_module("reviewer.rating")
BACKLOG_DELAY_MS = 1500


class ItemTime(QObject):
    saved = Signal(object)  # RatingState of each rating whose time was written
    failed = Signal(str)

    def __init__(self, store: Callable[[], Store | None], rater_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store, self._rater_id = store, rater_id
        self.pending_s = 0.0  # counted on the item on screen, not yet in the backlog
        self.active = False
        self._clock = QElapsedTimer()
        self._backlog: dict[int, float] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BACKLOG_DELAY_MS)
        self._timer.timeout.connect(self.write)

    def set_active(self, active: bool, showing: bool) -> None:
        """The window became active or inactive (*showing*: an item is on screen)."""
        if active and not self.active and showing:
            self._clock.start()
        elif not active and self.active:
            self.take()
        self.active = active

    def restart(self) -> None:
        """A new item is on screen: count from now (while the window is active)."""
        if self.active:
            self._clock.start()

    def take(self) -> float:
        """Add the time since the last take to :attr:`pending_s` and return it."""
        if self._clock.isValid():
            self.pending_s += self._clock.restart() / 1000.0
        return self.pending_s

    def queue(self, response_id: int, *, keep: bool = True, later: bool = True) -> None:
        """Move the pending time of *response_id* to the backlog (dropped when not *keep*: an item
        the rater never touched has no rating to hold it), written later or at once."""
        self.take()
        if self.pending_s > 0 and keep:
            self._backlog[response_id] = self._backlog.get(response_id, 0.0) + self.pending_s
        self.pending_s = 0.0
        if later:
            self._timer.start()
        else:
            self.write()

    def write(self) -> None:
        """Write the backlog now (one transaction)."""
        self._timer.stop()
        store = self._store()
        if not self._backlog or store is None:
            return
        backlog, self._backlog = self._backlog, {}
        try:
            with store.begin() as s:
                states = [svc.add_time(s, self._rater_id, rid, sec) for rid, sec in backlog.items()]
        except ReviewerError as exc:
            self.failed.emit(str(exc))
            return
        for state in states:
            if state is not None:
                self.saved.emit(state)
