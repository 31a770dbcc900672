"""The hot path of the rating service: answering a criterion of an existing draft rating.

A rater presses a key about once a second; each press is one transaction. Plain Core statements
(no ORM unit of work) keep the CPU cost of that transaction small; the optimistic version check the
ORM would do (``Rating.version``) is done by hand: the UPDATE only matches the version we read,
and with ``expected_version`` that version must be the one the rater's screen showed (see
:mod:`reviewer.rating.guard`).
Anything unusual (no rating yet, a submitted rating that needs an audit event) returns ``None`` and
:func:`reviewer.rating.set_criterion` takes its general ORM path.
"""

from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from reviewer.errors import ConflictError, InputError, NotFoundError
from reviewer.rating.guard import check_version
from reviewer.store.current import newest_first
from reviewer.store.models import DRAFT, Criterion, CriterionRating, Rating, utcnow

# Statements built once with bound parameters: building and cache-keying a statement per key
# press costs more CPU than running it.
_HEAD = newest_first(
    select(Rating.id, Rating.version, Rating.status, Rating.checklist_version_id, Rating.time_spent_s)
    .where(Rating.rater_id == bindparam("rater"), Rating.response_id == bindparam("response")))
_CRIT = select(Criterion.checklist_version_id).where(Criterion.id == bindparam("criterion"))
_WHERE = (CriterionRating.rating_id == bindparam("rating"), CriterionRating.criterion_id == bindparam("criterion"))
_DELETE = delete(CriterionRating).where(*_WHERE)
# an answer the rater gives here is theirs, no longer one carried from an older version
_UPDATE = update(CriterionRating).where(*_WHERE).values(value=bindparam("value"), carried=False,
                                                         updated_at=bindparam("now"))
_INSERT = insert(CriterionRating).values(rating_id=bindparam("rating"), criterion_id=bindparam("criterion"),
                                         value=bindparam("value"))
_BUMP = update(Rating).where(Rating.id == bindparam("rating"), Rating.version == bindparam("version")) \
    .values(version=bindparam("new_version"), updated_at=bindparam("now"))


def set_criterion_draft(session: Session, rater_id: int, response_id: int, criterion_id: int,
                        value: str | None, *, expected_version: int | None = None
                        ) -> tuple[str, int, float] | None:
    """(status, new version, time spent) after the write, or ``None`` when the general path must run.

    A stale *expected_version* raises :class:`ConflictError` before anything is written.
    """
    conn = session.connection()
    head = conn.execute(_HEAD, {"rater": rater_id, "response": response_id}).first()
    if head is None or head.status != DRAFT:
        return None  # the general path checks expected_version too
    check_version(session, head.version, expected_version, response_id, criterion_id=criterion_id)
    crit = conn.execute(_CRIT, {"criterion": criterion_id}).first()
    if crit is None:
        raise NotFoundError(f"no criterion with id {criterion_id}")
    if head.checklist_version_id is not None and crit[0] != head.checklist_version_id:
        raise InputError("criterion is not in the checklist version this rating uses",
                         item=f"criterion {criterion_id}")
    now = utcnow()
    keys = {"rating": head.id, "criterion": criterion_id}
    if value is None:
        conn.execute(_DELETE, keys)
    elif conn.execute(_UPDATE, {**keys, "value": value, "now": now}).rowcount == 0:
        conn.execute(_INSERT, {**keys, "value": value})
    bumped = conn.execute(_BUMP, {"rating": head.id, "version": head.version,
                                  "new_version": head.version + 1, "now": now}).rowcount
    if bumped != 1:
        raise ConflictError("this rating was changed elsewhere at the same moment; reopen it")
    session.expire_all()  # ORM objects already in this session must not show the old values
    return DRAFT, head.version + 1, float(head.time_spent_s or 0.0)
