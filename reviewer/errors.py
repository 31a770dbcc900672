"""Errors that carry what a person needs to fix the problem: the file, the line, the item."""

from __future__ import annotations


class ReviewerError(Exception):
    """Base for errors shown to the user as a plain message (the CLI exits 2, the app shows a dialog)."""


class InputError(ReviewerError):
    """Bad input: names the file, the line (1-based) or item, and the problem."""

    def __init__(self, problem: str, *, file: str | None = None, line: int | None = None,
                 item: str | None = None) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.item = item
        where = []
        if file:
            where.append(str(file))
        if line is not None:
            where.append(f"line {line}")
        if item:
            where.append(str(item))
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {problem}" if prefix else problem)


class NotFoundError(ReviewerError):
    """A named thing (study, case, rater, run) does not exist."""


class ConflictError(ReviewerError):
    """A write that would overwrite someone else's change (stale version)."""


class IncompleteRatingError(ReviewerError):
    """Submit refused: names every unanswered criterion (by number and text) and the overall score."""

    def __init__(self, missing: list) -> None:
        self.missing = list(missing)  # reviewer.rating.views.MissingAnswer (str() gives the words)
        super().__init__("cannot submit yet; still unanswered: " + "; ".join(map(str, self.missing)))
