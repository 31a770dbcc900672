"""Errors that carry what a person needs to fix the problem: the file, the line, the item."""

from __future__ import annotations

import errno
import sqlite3


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


class UnavailableError(ReviewerError):
    """The database refused a write for a reason the user can fix (locked by another program past
    the busy timeout, read-only, a full disk); the transaction was rolled back, nothing changed."""


class IncompleteRatingError(ReviewerError):
    """Submit refused: names every unanswered criterion (by number and text) and the overall score."""

    def __init__(self, missing: list) -> None:
        self.missing = list(missing)  # reviewer.rating.views.MissingAnswer (str() gives the words)
        super().__init__("cannot submit yet; still unanswered: " + "; ".join(map(str, self.missing)))


# ---------------------------------------------------------------- failures a user causes, in words

_OS_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space (or write somewhere else) and try again",
    errno.EDQUOT: "the disk quota is used up; free some space and try again",
    errno.EACCES: "permission denied; check that you may read (or write) this file and its folder",
    errno.EPERM: "operation not permitted; check the file's and the folder's permissions",
    errno.EROFS: "the file system is read-only; write to another folder",
    errno.ENOENT: "no such file or folder; check the path",
    errno.EISDIR: "this is a folder, not a file; give the path of a file",
    errno.ENOTDIR: "a part of this path is not a folder; check the path",
    errno.ENAMETOOLONG: "the file name is too long; use a shorter one",
    errno.EEXIST: "this file already exists",
}

_SQLITE_ADVICE = (  # (words in the driver's message, what to tell the user)
    ("database is locked", "the database is locked by another program (still busy after the wait); close "
     "the other reviewer window or command using it and try again"),
    ("readonly database", "the database is read-only; copy it somewhere you may write, or ask for write access"),
    ("read-only", "the database is read-only; copy it somewhere you may write, or ask for write access"),
    ("unable to open database", "cannot open the database file (or a copy of it); check the path, that "
     "the database is not read-only and that its folder is writable"),
    ("database or disk is full", "the disk is full; free some space and try again"),
    ("disk i/o error", "the disk reported an error while writing the database; check the disk and try again"),
    ("file is not a database", "this file is not a reviewer study database (not SQLite); check the path"),
    ("database disk image is malformed", "the database file is damaged; restore it from a backup"),
)


def explain(exc: BaseException, *, database: str | None = None) -> str | None:
    """The one line to show for a failure the user caused (a full disk, a read-only or locked
    database, a missing file), naming the file or database and what to do; None for anything else,
    which is a bug and keeps its traceback. The single place where such failures are classified:
    the command line and the app both ask here. Passwords in database URLs are masked."""
    from reviewer.paths import masked_url

    where = f"{masked_url(database)}: " if database else ""
    if isinstance(exc, ReviewerError):
        return masked_url(str(exc))
    if isinstance(exc, OSError) and exc.errno in _OS_ADVICE:
        prefix = f"{exc.filename}: " if exc.filename is not None else ""
        return masked_url(prefix + _OS_ADVICE[exc.errno])
    if isinstance(exc, OverflowError):  # e.g. --seed 99999999999999999999 reaching a 64-bit column
        return f"a number is too large to store ({exc}); give one below 2**63"
    if isinstance(exc, UnicodeError):
        return (f"text that is not valid Unicode ({exc}); save the input as UTF-8 and try again")
    orig = getattr(exc, "orig", None)  # a SQLAlchemy DBAPIError wraps the driver's error
    driver_error = orig if isinstance(orig, BaseException) else exc
    if isinstance(driver_error, sqlite3.Error):
        text = str(driver_error).lower()
        for words, advice in _SQLITE_ADVICE:
            if words in text:
                return f"{where}{advice}"
        return None
    module = type(driver_error).__module__ or ""
    if module.startswith("psycopg") and type(driver_error).__name__ == "OperationalError":
        first = str(driver_error).strip().splitlines()[0] if str(driver_error).strip() else "connection failed"
        return masked_url(f"{where}cannot use the database server ({first}); check the URL, that the "
                          "server runs, and the password (in the URL, PGPASSWORD or ~/.pgpass)")
    return None
