"""What a change of one field of the rating on screen writes, and its undo command.

Every write expects the version of the rating the column shows (see :mod:`reviewer.rating.guard`):
the service refuses it with ``ConflictError`` when the rating was changed elsewhere since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from reviewer.gui.lazy_import import lazy_module

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from reviewer.gui.rater.review_column import ReviewColumn
    from reviewer.rating.views import RatingState

svc = lazy_module("reviewer.rating")  # imported on first use: after the first screen is painted


def save_field(session: Session, rater_id: int, response_id: int, field: str, key: object, value: object, *,
               actor: str, expected_version: int) -> RatingState:
    """One field's write: ``criterion`` (key: criterion id), ``overall``, ``extra`` (key: scale
    name), ``safety`` or ``comment``."""
    mine = {"actor": actor, "expected_version": expected_version}
    if field == "criterion":
        return svc.set_criterion(session, rater_id, response_id, key, value, **mine)
    if field == "overall":
        return svc.set_overall_score(session, rater_id, response_id, value, **mine)
    if field == "extra":
        return svc.set_extra_score(session, rater_id, response_id, str(key), value, **mine)
    if field == "safety":
        return svc.set_safety_flag(session, rater_id, response_id, bool(value), **mine)
    return svc.set_comment(session, rater_id, response_id, str(value), **mine)


class FieldCommand(QUndoCommand):
    """Undoable change of one field of the current rating; both directions call the service.

    A command whose write is refused, or that outlived a reload after a conflict (the column's
    ``generation`` moved on), is obsolete: the stack drops it instead of keeping a step that never
    happened or would replay stale values.
    """

    def __init__(self, column: ReviewColumn, field: str, key: object, before: object, after: object,
                 text: str) -> None:
        super().__init__(text)
        self.column, self.field, self.key, self.before, self.after = column, field, key, before, after
        self.generation = column.generation

    def _write(self, value: object) -> None:
        if self.generation != self.column.generation or not self.column.write(self.field, self.key, value):
            self.setObsolete(True)

    def redo(self) -> None:
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)
