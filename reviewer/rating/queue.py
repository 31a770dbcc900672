"""A rater's work queue: which responses, in what order, and their status (no Qt).

Part of the rating service; :mod:`reviewer.rating` re-exports everything here. The reads go
through :mod:`reviewer.rating.queue_reads` on a DB-API cursor of the session's own connection (inside its
transaction): 50,000 ids in a few milliseconds, without statement compiles or ORM rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.rating import queue_reads
from reviewer.rating.queue_reads import stable_shuffle  # noqa: F401  (re-exported)
from reviewer.rating.views import NEW, QueueItem  # noqa: F401  (re-exported)
from reviewer.store.models import Case, Response
from reviewer.store.vocabulary import SUBMITTED
from reviewer.studies.lookup import study_categories, study_name  # noqa: F401  (re-exported)


@contextmanager
def session_cursor(session: Session) -> Iterator[Any]:
    """A DB-API cursor on the session's connection (same transaction as the session; pending ORM
    changes are flushed first, as an ORM query would)."""
    session.flush()
    cursor = session.connection().connection.dbapi_connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def queue_ids(session: Session, study_id: int, rater_id: int) -> list[int]:
    """Response ids of the rater's queue, in order (see :func:`reviewer.rating.queue_reads.queue_ids`)."""
    with session_cursor(session) as cursor:
        return queue_reads.queue_ids(cursor, study_id, rater_id)


def queue_rows(session: Session, rater_id: int, response_ids: list[int],
               positions: dict[int, int] | None = None) -> dict[int, QueueItem]:
    """Queue rows for some response ids (the lazy table model asks for a page at a time)."""
    with session_cursor(session) as cursor:
        return queue_reads.queue_rows(cursor, rater_id, response_ids, positions)


def work_queue(session: Session, study_id: int, rater_id: int) -> list[QueueItem]:
    """The rater's whole queue as rows (see :func:`queue_ids` for the order)."""
    ids = queue_ids(session, study_id, rater_id)
    positions = {rid: i + 1 for i, rid in enumerate(ids)}
    rows = queue_rows(session, rater_id, ids, positions)
    return [rows[rid] for rid in ids if rid in rows]


def queue_statuses(session: Session, rater_id: int, response_ids: list[int]) -> dict[int, str]:
    """Status (draft/submitted) of the rater's ratings among *response_ids*; absent means new."""
    with session_cursor(session) as cursor:
        return queue_reads.queue_statuses(cursor, rater_id, response_ids)


def progress(session: Session, study_id: int, rater_id: int, response_ids: list[int] | None = None
             ) -> tuple[int, int]:
    """(submitted, assigned) for the rater's queue."""
    ids = response_ids if response_ids is not None else queue_ids(session, study_id, rater_id)
    statuses = queue_statuses(session, rater_id, ids)
    return sum(1 for s in statuses.values() if s == SUBMITTED), len(ids)


def response_categories(session: Session, study_id: int) -> dict[int, str]:
    """response id -> its case's category, for every response of the study."""
    rows = session.execute(select(Response.id, Case.category).join(Case, Response.case_id == Case.id)
                           .where(Case.study_id == study_id))
    return {rid: cat or "" for rid, cat in rows}


def other_responses(session: Session, response_id: int) -> list[int]:
    """The other responses to the same case as *response_id*, by blind label (side-by-side)."""
    case_id = select(Response.case_id).where(Response.id == response_id).scalar_subquery()
    return list(session.scalars(select(Response.id).where(Response.case_id == case_id, Response.id != response_id)
                                .order_by(Response.blind_label)))
