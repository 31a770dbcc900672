"""A background job that fails: what the coordinator reads and what the log keeps never holds a
database password, and a locked database reads as the one line of reviewer.errors.explain (issue 15)."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from reviewer.gui.coordinator.jobs import Job, error_message


def test_a_failed_job_masks_the_password_in_message_and_log(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    def fails(_progress, _is_cancelled):  # noqa: ANN001, ANN202
        raise RuntimeError("could not reach postgresql+psycopg://coord:Hunter2Secret@db.example/study")

    job = Job("judge run", fails)
    failures: list[str] = []
    job.failed.connect(failures.append)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(job.failed, timeout=10000):
        job.start()
    job.wait()
    assert failures and "coord:***@db.example" in failures[0]
    assert "Hunter2Secret" not in failures[0] + caplog.text
    assert "coord:***@db.example" in caplog.text  # the bug's traceback is still logged, masked


def test_a_locked_database_reads_as_one_line() -> None:
    exc = sqlite3.OperationalError("database is locked")
    assert error_message(exc) == ("the database is locked by another program (still busy after "
                                  "the wait); close the other reviewer window or command using it and try again")
