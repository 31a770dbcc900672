"""What a change of one field of the rating on screen writes, and its undo command.

Every write expects the version of the rating the column shows (see :mod:`reviewer.rating.guard`):
the service refuses it with ``ConflictError`` when the rating was changed elsewhere since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reviewer.gui.rater.review_column import ReviewColumn
    from reviewer.rating.operations import RatingOperations
    from reviewer.rating.views import RatingState


def save_field(ops: RatingOperations, rater_id: int, response_id: int, field: str, key: object, value: object,
               *, actor: str, expected_version: int) -> RatingState:
    """One field's write (one transaction): ``criterion`` (key: criterion id), ``overall``,
    ``extra`` (key: scale name), ``safety`` or ``comment``."""
    if field == "criterion":
        return ops.set_criterion(rater_id, response_id, key, value, actor=actor,
                                 expected_version=expected_version)
    if field == "overall":
        return ops.set_overall_score(rater_id, response_id, value, actor=actor,
                                     expected_version=expected_version)
    if field == "extra":
        return ops.set_extra_score(rater_id, response_id, str(key), value, actor=actor,
                                   expected_version=expected_version)
    if field == "safety":
        return ops.set_safety_flag(rater_id, response_id, bool(value), actor=actor,
                                   expected_version=expected_version)
    return ops.set_comment(rater_id, response_id, str(value), actor=actor, expected_version=expected_version)


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
