"""Evidence on the review column (a part of :class:`~reviewer.gui.rater.review_column.ReviewColumn`):
select text in the answer, press E, and it is attached to the focused criterion; every span is
shown highlighted in the answer (the focused criterion's stronger) and counted on its row.

The selection is made in the rendered answer; :func:`reviewer.rating.spans.locate` finds it in the
stored Markdown text, whose offsets are what is stored. Highlighting goes the other way: each
stored quote is found again in the rendered text near where it sits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reviewer.errors import ConflictError, ReviewerError
from reviewer.rating.spans import locate
from reviewer.rating.views import EvidenceView, RatingState

if TYPE_CHECKING:
    from reviewer.gui.rater.review_column import ReviewColumn

FOCUSED, OTHER = QColor("#ffd54f"), QColor("#fff3c4")


class EvidenceMixin:
    def attach_evidence(self: ReviewColumn) -> bool:
        """Attach the text selected in the answer to the focused criterion (one write)."""
        crit = self.checklist.current_criterion()
        cursor = self.response.body.textCursor()
        if self.item is None or crit is None:
            return False
        if not cursor.hasSelection():
            self.message.emit(self.tr("Select text in the answer first, then press E to attach it "
                                      "to criterion %d") % crit.number)
            return False
        plain = self.response.body.toPlainText()
        span = locate(self.item.response_text, cursor.selectedText(),
                      cursor.selectionStart() / max(1, len(plain)))
        if span is None:
            self.message.emit(self.tr("The selection was not found in the answer's text: select "
                                      "words of the answer only"))
            return False
        try:
            eid, state = self.ops.add_evidence(self.rater_id, self.item.response_id, crit.id, *span,
                                               actor=self.actor, expected_version=self.version)
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except ReviewerError as exc:
            self.refused(exc)
            return False
        quote = self.item.response_text[span[0]:span[1]]
        spans = self.item.evidence.get(crit.id, ()) + (EvidenceView(eid, crit.id, *span, quote),)
        self.item.evidence[crit.id] = spans  # the DTO's dict is ours to extend
        self._after_evidence(state)
        self.message.emit(self.tr("Evidence attached to criterion %d") % crit.number)
        return True

    def remove_last_evidence(self: ReviewColumn) -> bool:
        """Remove the focused criterion's most recent evidence."""
        crit = self.checklist.current_criterion()
        if self.item is None or crit is None or not self.item.evidence.get(crit.id):
            return False
        last = self.item.evidence[crit.id][-1]
        try:
            state = self.ops.remove_evidence(self.rater_id, self.item.response_id, last.id,
                                             actor=self.actor, expected_version=self.version)
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except ReviewerError as exc:
            self.refused(exc)
            return False
        self.item.evidence[crit.id] = self.item.evidence[crit.id][:-1]
        self._after_evidence(state)
        self.message.emit(self.tr("Evidence removed from criterion %d") % crit.number)
        return True

    def _after_evidence(self: ReviewColumn, state: RatingState) -> None:
        self.version, self.status = state.rating_version, state.status
        self.edited = True
        self.time.queue(self.item.response_id)
        self._show_status(self.item.edited_after_submit)
        self.response.body.setTextCursor(QTextCursor(self.response.body.document()))  # selection done
        self.show_evidence()
        self.saved.emit(state)

    def show_evidence(self: ReviewColumn) -> None:
        """Highlight every span in the answer (the focused criterion's stronger); count per row."""
        body = self.response.body
        selections = []
        item = self.item
        focused = self.checklist.current_criterion()
        if item is not None:
            plain = body.toPlainText()
            for cid, spans in item.evidence.items():
                for ev in spans:
                    found = locate(plain, ev.quote, ev.start / max(1, len(item.response_text)))
                    if found is None:
                        continue
                    sel = QTextEdit.ExtraSelection()
                    cursor = QTextCursor(body.document())
                    cursor.setPosition(found[0])
                    cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
                    fmt = QTextCharFormat()
                    fmt.setBackground(FOCUSED if focused is not None and cid == focused.id else OTHER)
                    sel.cursor, sel.format = cursor, fmt
                    selections.append(sel)
        body.setExtraSelections(selections)
        for row in self.checklist.rows[:self.checklist.count]:
            if row.criterion is not None:
                row.set_evidence(len(item.evidence.get(row.criterion.id, ())) if item else 0)

    def highlighted(self: ReviewColumn) -> list[str]:
        """The texts highlighted in the answer now (for tests and screenshots)."""
        return [s.cursor.selectedText() for s in self.response.body.extraSelections()]
