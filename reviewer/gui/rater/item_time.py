"""Time on item: counted only while the window is active and an item is on screen, and written
in the background so that moving on never waits for a disk sync.

Time left behind when moving on goes to a backlog written a moment after the next item is shown
(one transaction for all of it); closing the window writes it at once. A write of answers takes the
time counted so far along into that backlog. Time is never refused by the stale-screen guard and
never bumps the rating's version (see :func:`reviewer.rating.service.add_time`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.errors import ReviewerError

if TYPE_CHECKING:
    from reviewer.rating.operations import RatingOperations

BACKLOG_DELAY_MS = 1500


class ItemTime(QObject):
    """*clock* gives seconds (``time.monotonic``; tests pass a fake one and step it by hand)."""

    saved = Signal(object)  # RatingState of each rating whose time was written
    failed = Signal(str)

    def __init__(self, ops: Callable[[], RatingOperations | None], rater_id: int, parent: QObject | None = None,
                 *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._ops, self.rater_id, self._clock = ops, rater_id, clock
        self.pending_s = 0.0  # counted on the item on screen, not yet in the backlog
        self.active = False
        self.paused = False  # the rater paused the timer (counts nothing until resumed)
        self._since: float | None = None  # when counting (re)started; None: not counting
        self._backlog: dict[int, float] = {}
        self.backlog_timer = QTimer(self)
        self.backlog_timer.setSingleShot(True)
        self.backlog_timer.setInterval(BACKLOG_DELAY_MS)
        self.backlog_timer.timeout.connect(self.write)

    def set_paused(self, paused: bool) -> None:
        """Pause (the time so far is kept) or resume counting."""
        if paused and not self.paused:
            self.take()
            self._since = None
        elif not paused and self.paused and self.active:
            self._since = self._clock()
        self.paused = paused

    def set_active(self, active: bool, showing: bool) -> None:
        """The window became active or inactive (*showing*: an item is on screen)."""
        if active and not self.active and showing and not self.paused:
            self._since = self._clock()
        elif not active and self.active:
            self.take()
            self._since = None  # the time in the background is not counted
        self.active = active

    def restart(self) -> None:
        """A new item is on screen: count from now (while the window is active)."""
        if self.active and not self.paused:
            self._since = self._clock()

    def take(self) -> float:
        """Add the time since the last take to :attr:`pending_s` and return it."""
        if self._since is not None:
            now = self._clock()
            self.pending_s += now - self._since
            self._since = now
        return self.pending_s

    def queue(self, response_id: int, *, keep: bool = True, later: bool = True) -> None:
        """Move the pending time of *response_id* to the backlog (dropped when not *keep*: an item
        the rater never touched has no rating to hold it), written later or at once."""
        self.take()
        if self.pending_s > 0 and keep:
            self._backlog[response_id] = self._backlog.get(response_id, 0.0) + self.pending_s
        self.pending_s = 0.0
        if later:
            self.backlog_timer.start()
        else:
            self.write()

    def write(self) -> None:
        """Write the backlog now (one transaction)."""
        self.backlog_timer.stop()
        ops = self._ops()
        if not self._backlog or ops is None:
            return
        backlog, self._backlog = self._backlog, {}
        try:
            states = ops.add_time(self.rater_id, backlog)
        except ReviewerError as exc:
            self.failed.emit(str(exc))
            return
        for state in states:
            self.saved.emit(state)
