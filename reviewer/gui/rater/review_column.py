"""One response under review: its text, its checklist, its scores, and the controller that saves
every change at once (one short transaction per change) with undo/redo through ``QUndoStack``.

Two columns sit side by side in side-by-side mode; in single mode the column lays its response
and checklist out as two panes beside each other.

Every write expects the version of the rating on screen; when it was changed elsewhere meanwhile
(another window, another machine) the column reloads the item, says so and drops its undo history.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer.errors import ConflictError, ReviewerError, UnavailableError
from reviewer.gui.rater.checklist import ChecklistView
from reviewer.gui.rater.evidence import EvidenceMixin
from reviewer.gui.rater.field_writes import FieldCommand, save_field
from reviewer.gui.rater.item_time import ItemTime
from reviewer.gui.rater.panes import FittingScrollArea, ResponsePane
from reviewer.gui.rater.score_form import ScoreForm
from reviewer.gui.rater.submitting import SubmitMixin
from reviewer.gui.safe_text import markdown_html, plain_label, plain_tooltip
from reviewer.gui.settings import COLUMN_LAYOUT
from reviewer.rating.views import NEW, ItemView, Overview, RatingState
from reviewer.store.vocabulary import DRAFT, SUBMITTED

if TYPE_CHECKING:
    from reviewer.rating.operations import RatingOperations


class ReviewColumn(SubmitMixin, EvidenceMixin, QWidget):
    saved = Signal(object)  # RatingState after every successful write (and a reload after a conflict)
    submitted = Signal(int)  # response id
    message = Signal(str)  # for the status bar
    feedbackRequested = Signal(object, int)  # column, criterion id

    def __init__(self, ops: RatingOperations | None, rater_id: int, actor: str, name: str,
                 parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.ops, self.rater_id, self.actor, self.name = ops, rater_id, actor, name
        self.coordinator = False
        self.item: ItemView | None = None
        self.values: dict[int, str] = {}
        self.overall: float | None = None
        self.extra: dict = {}
        self.safety_flag = False
        self.status = NEW
        self.version = 0  # of the rating on screen: every write expects it (0: no rating yet)
        self.generation = 0  # bumped by a reload after a conflict: older undo commands are stale
        self._comment = ""  # the comment as stored
        self.later = False  # set aside ("come back later")
        self.edited = False  # changed since it was opened (a submitted item only looked at keeps no time)
        self._refused = False  # a submit was refused: the list of what is missing follows every change
        self.undo_stack = QUndoStack(self)
        self._prefetched: dict[int, tuple[ItemView, Overview | None]] = {}
        self.time = ItemTime(lambda: self.ops, rater_id, self, clock=clock)
        self.time.saved.connect(self.saved)
        self.time.failed.connect(self.message)

        self.response = ResponsePane()
        right = QWidget()
        right.setObjectName("ChecklistPane")
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(6, 8, 8, 8)
        head = QHBoxLayout()
        title = plain_label(self.tr("Checklist"))
        title.setObjectName("PaneTitle")
        self.status_label = plain_label()
        self.status_label.setObjectName("StatusBadge")
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.status_label)
        rlay.addLayout(head)
        self.banner = plain_label()
        self.banner.setObjectName("ErrorBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        rlay.addWidget(self.banner)
        self.rerate_banner = plain_label(object_name="InfoBanner", word_wrap=True)  # a re-rating: what is asked
        self.rerate_banner.setVisible(False)
        rlay.addWidget(self.rerate_banner)
        self.checklist = ChecklistView()
        self.form = ScoreForm()
        inner = QWidget()
        ilay = QVBoxLayout(inner)
        ilay.setContentsMargins(0, 0, 4, 0)
        ilay.addWidget(self.checklist)
        ilay.addWidget(self.form)
        ilay.addStretch(1)
        self.scroll = FittingScrollArea()
        self.scroll.setWidget(inner)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rlay.addWidget(self.scroll, 1)
        bottom = QHBoxLayout()
        self.saved_label = plain_label()
        self.saved_label.setObjectName("Subtle")
        self.submit_button = QPushButton(self.tr("Submit  (Ctrl+Enter)"))
        self.submit_button.setObjectName("Submit")
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.submit_button.clicked.connect(self.submit)
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.submit_button)
        rlay.addLayout(bottom)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.response)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([400, 500])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self.checklist.answered.connect(self.change_criterion)
        self.checklist.focusChanged.connect(self._ensure_row_visible)
        self.checklist.focusChanged.connect(lambda _row: self.show_evidence())
        self.checklist.feedbackRequested.connect(lambda cid: self.feedbackRequested.emit(self, cid))
        self.form.overallChosen.connect(self.change_overall)
        self.form.extraChosen.connect(self.change_extra)
        self.form.safetyToggled.connect(self.change_safety)
        self.form.commentEdited.connect(lambda text: self.write("comment", None, text))
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    # -- layout -----------------------------------------------------------------------------
    def set_stacked(self, stacked: bool) -> None:
        """Side-by-side mode stacks response over checklist; single mode puts them beside each other."""
        COLUMN_LAYOUT(name=self.name, shape="wide" if stacked else "stacked").set(self.splitter.saveState())
        self.splitter.setOrientation(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
        state = COLUMN_LAYOUT(name=self.name, shape="stacked" if stacked else "wide").value()
        if state is not None:
            self.splitter.restoreState(state)

    def _ensure_row_visible(self, index: int) -> None:
        if index < len(self.checklist.rows):
            self.scroll.ensureWidgetVisible(self.checklist.rows[index], 0, 24)
            self.scroll.horizontalScrollBar().setValue(0)  # rows wrap; never scroll sideways

    # -- time on item (reviewer.gui.rater.item_time) ------------------------------------------------
    def set_active(self, active: bool) -> None:
        """Count time only while the window is active and an item is shown."""
        self.time.set_active(active, self.item is not None)

    def flush(self, *, later: bool = False) -> None:
        """Write the pending comment (now) and time on item (leaving the item, closing the window).

        With *later*, the time is written a moment after the next item is on screen, so moving on
        never waits for a disk sync; closing the window writes it at once.
        """
        if self.item is not None:
            self.form.flush_comment()
            self.time.queue(self.item.response_id, keep=self.counts_time(), later=later)
        elif not later:
            self.time.write()

    def counts_time(self) -> bool:
        """Whether the time on screen belongs to the rating: a draft's always; a submitted rating's
        only when it was changed while open (looking at a finished rating changes nothing stored,
        so a later merge finds it unchanged); an untouched item has no rating to hold it."""
        return self.status == DRAFT or (self.status == SUBMITTED and self.edited)

    # -- showing an item --------------------------------------------------------------------
    def show_item(self, response_id: int | None) -> None:
        self.flush(later=True)
        self.undo_stack.clear()
        self.banner.setVisible(False)
        self.edited = self._refused = False
        if response_id is None:
            self.item = None
            self.response.show_item(None)
            self.checklist.show_criteria((), {}, False, False, {})
            self._show_rerating(None)
            self.setVisible(self.name == "A")
            return
        cached = self._prefetched.pop(response_id, None)
        self._prefetched.clear()
        # a copy read before a change elsewhere must not come back (the first screen's is just read)
        if cached is not None and self.ops is not None and \
                self.ops.stored_version(self.rater_id, response_id) != cached[0].rating_version:
            cached = None
        self._display(*(cached or self._load(response_id)))
        self.saved_label.setText("")
        self.time.restart()

    def _display(self, item: ItemView, ov: Overview | None, *, keep_row: bool = False) -> None:
        row = self.checklist.current
        self.item, self.version = item, item.rating_version
        self.values = dict(item.values)
        self.overall, self.extra = item.overall_score, dict(item.extra_scores)
        self.safety_flag, self.status, self._comment = item.safety_flag, item.status, item.comment
        self.later = item.skipped
        self.response.show_item(item, ov.model_name if ov else None)
        self.checklist.show_criteria(item.criteria, item.values, item.show_points, item.show_tier,
                                     item.feedback, item.carried)
        self._show_rerating(item)
        if keep_row:
            self.checklist.set_current(row)
        self.checklist.show_overview(ov)
        self._overview = ov
        self.form.show_overview(ov)
        self.form.set_scales(item.overall_scale, item.extra_scales)
        self.form.show_values(item.overall_score, item.extra_scores, item.comment, item.safety_flag)
        self._show_status(item.edited_after_submit)
        self.show_evidence()

    def _show_rerating(self, item: ItemView | None) -> None:
        """A re-rating on a new checklist version (the item has carried answers): one line above the
        checklist saying which answers are kept and which are asked. No count: a carried answer the
        rater changes is theirs, so "how many were reworded" is not what is left unmarked."""
        if item is None or not item.carried:
            self.rerate_banner.setVisible(False)
            return
        self.rerate_banner.setText(self.tr(
            "Re-rating on the new checklist version: the answers marked 'carried' are kept from your rating "
            "of the earlier version (their wording did not change); the reworded or added criteria need your "
            "answer."))
        self.rerate_banner.setVisible(True)

    def _load(self, response_id: int) -> tuple[ItemView, Overview | None]:
        return self.ops.load_item(self.rater_id, response_id, with_overview=self.coordinator)

    def attach(self, ops: RatingOperations) -> None:
        """The rating operations, when the column was built before the store was open (the app's
        first screen)."""
        self.ops = ops

    def set_rater(self, rater_id: int, actor: str) -> None:
        """Rate as another rater from now on (the window's Switch rater; pending writes are done)."""
        self.rater_id, self.actor = rater_id, actor
        self.time.rater_id = rater_id
        self._prefetched.clear()

    def seed(self, item: ItemView) -> None:
        """An item read before the store was open (the first screen): shown on the next
        :meth:`show_item` of its response without a database read."""
        self._prefetched[item.response_id] = (item, None)

    def prefetch(self, response_id: int | None) -> None:
        """Read the likely next item while the rater reads this one (idle time), and warm the
        Markdown cache, so that moving on costs no database round trip."""
        if response_id is None or response_id in self._prefetched or (
                self.item is not None and self.item.response_id == response_id):
            return
        item, ov = self._load(response_id)
        markdown_html(item.response_text)
        for turn in item.turns:
            markdown_html(turn.content)
        self._prefetched[response_id] = (item, ov)

    def forget(self, response_id: int) -> None:
        """Drop a prefetched copy that a write has made stale."""
        self._prefetched.pop(response_id, None)

    def _show_status(self, edited: bool = False) -> None:
        text = {"new": self.tr("New"), "draft": self.tr("Draft · saved automatically"),
                "submitted": self.tr("Submitted")}[self.status]
        if self.status == DRAFT and self.later:
            text = self.tr("Come back later · draft")
        if self.status == "submitted" and edited:
            text = self.tr("Submitted · edited after submitting")
        self.status_label.setText(text)
        if self.status_label.property("status") != self.status:
            self.status_label.setProperty("status", self.status)
            self.status_label.style().unpolish(self.status_label)
            self.status_label.style().polish(self.status_label)

    # -- changes (pushed on the undo stack; the command writes) -------------------------------
    def change_criterion(self, criterion_id: int, value: str | None) -> None:
        if self.item is None:
            return
        before = self.values.get(criterion_id)
        if before != value:
            self.undo_stack.push(FieldCommand(self, "criterion", criterion_id, before, value,
                                              self.tr("answer criterion")))

    def change_overall(self, score: float | None) -> None:
        if self.item is not None and score != self.overall:
            self.undo_stack.push(FieldCommand(self, "overall", None, self.overall, score,
                                              self.tr("overall score")))

    def change_extra(self, name: str, score: float | None) -> None:
        if self.item is not None and score != self.extra.get(name):
            self.undo_stack.push(FieldCommand(self, "extra", name, self.extra.get(name), score,
                                              self.tr("score")))

    def change_safety(self, flag: bool) -> None:
        if self.item is not None and flag != self.safety_flag:
            self.undo_stack.push(FieldCommand(self, "safety", None, self.safety_flag, flag,
                                              self.tr("safety flag")))

    def write(self, field: str, key: object, value: object) -> bool:
        """Save one change now (one transaction), then show it; ``False`` when it was refused."""
        if self.item is None:
            return False
        rid, rater = self.item.response_id, self.rater_id
        try:
            state = save_field(self.ops, rater, rid, field, key, value, actor=self.actor,
                               expected_version=self.version)
        except ConflictError as exc:
            self._conflict(exc, str(value) if field == "comment" and value != self._comment else "")
            return False
        except ReviewerError as exc:
            self.refused(exc)
            return False
        self.version = state.rating_version
        self.edited = True
        self.time.queue(rid)  # time on item rides along with the next backlog write
        if field == "criterion":
            if value is None:
                self.values.pop(key, None)
            else:
                self.values[key] = value
            self.checklist.set_value(key, value)
            self.checklist.drop_carried(key)  # the service cleared CriterionRating.carried too
            self.checklist.show_overview(self._overview)
        elif field == "overall":
            self.overall = value
        elif field == "extra":
            if value is None:
                self.extra.pop(key, None)
            else:
                self.extra[key] = value
        elif field == "safety":
            self.safety_flag = bool(value)
        else:
            self._comment = str(value)
        if field != "comment":
            self.form.show_values(self.overall, self.extra, self.form.comment.toPlainText(),
                                  self.safety_flag)
        edited = self.status == SUBMITTED
        self.status = state.status
        self._show_status(edited)
        if self._refused:
            self._show_missing()
        else:
            self.banner.setVisible(False)
        self.saved_label.setText(self.tr("Saved %s") % datetime.now().strftime("%H:%M:%S"))
        self.saved.emit(state)
        return True

    def refused(self, exc: ReviewerError) -> None:
        """A write the store refused (not a stale screen): said in the status bar, and, when the
        database could not keep it (locked, read-only, disk full), in the banner above the checklist
        too, whatever the write was (an answer, a submit, evidence, feedback): nothing unsaved looks
        saved."""
        self.message.emit(str(exc))
        if isinstance(exc, UnavailableError):
            self.banner.setText(self.tr("Not saved: %s") % str(exc))
            self.banner.setVisible(True)

    def _conflict(self, exc: ConflictError, unsaved: str = "") -> None:
        """The rating changed elsewhere: show the newest values, say so, drop the stale undo steps."""
        self.generation += 1
        QTimer.singleShot(0, self.undo_stack.clear)  # not now: a command of the stack may be running
        rid = self.item.response_id
        self._prefetched.pop(rid, None)
        self._display(*self._load(rid), keep_row=True)
        text = self.tr("This rating was changed in another window or on another machine; the newest "
                       "values are shown and your last change was not applied.")
        if unsaved:  # typed text is not thrown away unseen: it stays readable (and selectable) here
            text += "\n" + self.tr("Not saved: %s") % unsaved
        self.message.emit(text.replace("\n", " "))
        self.banner.setText(text)
        self.banner.setToolTip(plain_tooltip(str(exc)))
        self.banner.setVisible(True)
        self.saved.emit(RatingState(rid, self.status, self.version, self.item.time_spent_s))

    def set_overall_from_key(self, value: int) -> None:
        scale = self.item.overall_scale if self.item else None
        if scale is not None and scale.minimum <= value <= scale.maximum:
            self.change_overall(value)

    def record_feedback(self, criterion_id: int, kind: str, note: str) -> None:
        if self.item is None:
            return
        try:
            self.ops.add_feedback(self.rater_id, self.item.response_id, criterion_id, kind, note,
                                  expected_version=self.version)
        except ConflictError as exc:
            self._conflict(exc, note)
            return
        except ReviewerError as exc:
            self.refused(exc)
            return
        kinds = tuple(self.item.feedback.get(criterion_id, ())) + (kind,)
        self.item.feedback[criterion_id] = kinds  # the DTO's dict is ours to extend
        self.checklist.set_feedback(criterion_id, kinds)
        self.message.emit(self.tr("Feedback saved"))

