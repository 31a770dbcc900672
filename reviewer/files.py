"""Files written for people: whole or not at all, and spreadsheets whose text cannot run.

- :func:`atomic_write` / :func:`atomic_path`: the output is written to a temporary file in the
  target's own folder, flushed to disk (``fsync``) and renamed over the target (``os.replace``), so a
  reader sees the old file or the new one, never half of one; a failure (a full disk, a writer that
  raises) removes the temporary file and leaves any old target as it was.
- :func:`spreadsheet_text`: the OWASP rule against CSV/formula injection: a text cell starting with
  ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading apostrophe, so Excel, LibreOffice
  and Sheets show it as text instead of evaluating it. Numbers are not text and pass unchanged (a
  stored -5 stays the number -5; the text "-5 mg" becomes "'-5 mg").

Every CSV and XLSX writer (study exports, the report's CSV and XLSX) and every report, export and
checklist export goes through here; review files (packs, returns, backups) may use the same helpers.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> Any:
    """*value* made safe for a spreadsheet cell: text that a spreadsheet would read as a formula gets
    a leading apostrophe; anything that is not text (numbers, None, dates) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _temp_name(path: Path) -> Path:
    """A fresh hidden name beside *path* that keeps its extension (writers that pick a format by
    the suffix still see the right one)."""
    return path.with_name(f".{path.stem}.{secrets.token_hex(6)}.tmp{path.suffix}")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a platform that cannot open folders skips it."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside *path* for a writer that takes a file name (pandas, pyarrow,
    QPdfWriter, gzip); on a clean exit it is synced and renamed to *path*, on any error removed.

    The temporary file is created empty (mode 0666 less the umask, like an ordinary new file) so
    that its name cannot be taken by another process in between."""
    target = Path(path)
    while True:
        temp = _temp_name(target)
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        except OSError as exc:  # a read-only or missing folder: name the file the user asked for
            raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
        os.close(fd)
        break
    try:
        yield temp
        _fsync_file(temp)
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno is not None and exc.filename in (None, str(temp)):
            # a write() error names no file, a rename names the temp: name the file the user asked for
            raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from exc
        raise
    _fsync_dir(target.parent)


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO[Any]]:
    """``open(path, mode)`` that lands whole or not at all: write to the handle it yields; the file
    appears under *path* only when the block ends without an error (text modes default to UTF-8)."""
    if mode not in ("w", "wb", "wt"):
        raise ValueError(f"atomic_write writes a new file: mode 'w' or 'wb', not {mode!r}")
    binary = "b" in mode
    with atomic_path(path) as temp:
        with open(temp, mode, encoding=None if binary else encoding,
                  newline=None if binary else newline) as handle:
            yield handle
            handle.flush()


def safe_file_name(text: str, fallback: str) -> str:
    """*text* as a piece of a file name: anything but letters, digits, ``-`` and ``_`` made ``_``
    (*fallback* when nothing is left)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or fallback


def spreadsheet_text_undone(value: Any) -> Any:
    """The inverse of :func:`spreadsheet_text` for a cell read back from a CSV this app wrote (an
    apostrophe followed by a formula start loses the apostrophe); anything else is unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
