"""Submitting on the review column (a part of :class:`~reviewer.gui.rater.review_column.ReviewColumn`):
the submit itself, the refusal that names what is still unanswered (in the rater's language, and
following every later change until nothing is missing), and "come back later".
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from reviewer.errors import ConflictError, IncompleteRatingError, ReviewerError
from reviewer.rating.views import MissingAnswer, RatingState, missing_answers

if TYPE_CHECKING:
    from reviewer.gui.rater.review_column import ReviewColumn


class SubmitMixin:
    def submit(self: ReviewColumn) -> bool:
        """Validate and submit; an incomplete rating shows what is missing and stays a draft."""
        if self.item is None:
            return False
        generation = self.generation
        self.form.flush_comment()
        if generation != self.generation:  # the comment met a change made elsewhere: look first
            return False
        seconds = self.time.take()
        try:
            state = self.ops.submit(self.rater_id, self.item.response_id, actor=self.actor,
                                    expected_version=self.version, seconds=seconds)  # one transaction
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except IncompleteRatingError as exc:
            self._refused = True
            self._show_missing(exc.missing)
            return False
        except ReviewerError as exc:
            self.refused(exc)
            return False
        self.time.pending_s -= seconds  # written with the submit
        self.status, self.version = state.status, state.rating_version
        self._show_status()
        self.saved.emit(state)
        self.submitted.emit(self.item.response_id)
        return True

    def _missing_words(self: ReviewColumn, m: MissingAnswer) -> str:
        if m.kind == "criterion":
            return self.tr("criterion %d (%s)") % (m.number, m.text)
        if m.kind == "overall":
            return self.tr("the overall score")
        return self.tr("the %s score") % m.text.replace("_", " ")

    def _show_missing(self: ReviewColumn, missing: list[MissingAnswer] | None = None) -> None:
        """Say what still needs an answer (banner and status bar), from the answers on screen
        unless given; once nothing is missing, both are cleared."""
        if missing is None:
            missing = missing_answers(dataclasses.replace(
                self.item, values=dict(self.values), overall_score=self.overall, extra_scores=dict(self.extra)))
        if not missing:
            self._refused = False
            self.banner.setVisible(False)
            self.message.emit("")
            return
        words = [self._missing_words(m) for m in missing]
        self.banner.setText(self.tr("Cannot submit yet. Still unanswered:") + "\n"
                            + "\n".join(f"• {w}" for w in words))
        self.banner.setVisible(True)
        self.message.emit(self.tr("Cannot submit yet. Still unanswered: %s") % "; ".join(words))

    def set_skipped(self: ReviewColumn, skipped: bool) -> RatingState:
        """Set the item aside or take it up again (one write; a stale screen reloads and raises)."""
        try:
            state = self.ops.set_skipped(self.rater_id, self.item.response_id, skipped,
                                         expected_version=self.version)
        except ConflictError as exc:
            self._conflict(exc)
            raise
        self.version, self.status = state.rating_version, state.status
        self.edited = True
        self.later = skipped
        self._show_status()
        return state

