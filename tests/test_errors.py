"""reviewer.errors.explain: the one place that turns a failure a user caused into one line; real
driver and OS errors are produced here where the machine allows it."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from reviewer.errors import InputError, explain


def _sqlite_error(tmp_path: Path, kind: str) -> sqlite3.Error:
    db = tmp_path / "s.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    conn.close()
    try:
        if kind == "readonly":
            ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            ro.execute("INSERT INTO t VALUES (1)")
        elif kind == "locked":
            holder = sqlite3.connect(db, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            sqlite3.connect(db, timeout=0).execute("INSERT INTO t VALUES (1)")
        else:
            junk = tmp_path / "junk.db"
            junk.write_text("not a database at all, just text " * 50, "utf-8")
            sqlite3.connect(junk).execute("SELECT * FROM sqlite_master")
    except sqlite3.Error as exc:
        return exc
    raise AssertionError(f"no {kind} error")


@pytest.mark.parametrize(("kind", "words"), [("readonly", "read-only"), ("locked", "locked by another program"),
                                             ("junk", "not a reviewer study database")])
def test_real_sqlite_errors_become_one_line_naming_the_database(kind: str, words: str, tmp_path: Path) -> None:
    exc = _sqlite_error(tmp_path, kind)
    message = explain(exc, database="postgresql://dr:S3cret@h/db")
    assert message is not None and words in message and "\n" not in message
    assert message.startswith("postgresql://dr:***@h/db: ")


def test_os_errors_name_the_file_and_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(OSError) as missing:
        (tmp_path / "nope.csv").open()
    assert explain(missing.value) == f"{tmp_path / 'nope.csv'}: no such file or folder; check the path"
    with pytest.raises(OSError) as folder:
        tmp_path.open()
    assert "this is a folder, not a file" in explain(folder.value)
    full = OSError(errno.ENOSPC, "No space left on device", "/mnt/usb/report.xlsx")
    assert explain(full) == "/mnt/usb/report.xlsx: the disk is full; free some space (or write somewhere else) " \
                            "and try again"
    assert "read-only" in explain(OSError(errno.EROFS, "Read-only file system", "/media/cd/x.csv"))


def test_bugs_are_not_explained_away() -> None:
    assert explain(KeyError("x")) is None
    assert explain(OSError(errno.EBADF, "Bad file descriptor")) is None
    assert explain(sqlite3.OperationalError("no such table: rating")) is None  # a schema bug, not the user
    assert explain(InputError("bad value", file="a.csv", line=3)) == "a.csv, line 3: bad value"
