"""The stale-screen guard of the rating service: an edit made from an out-of-date screen is refused.

Every change to a rater's answers bumps ``Rating.version``. A screen reads the version with the
item (``ItemView.rating_version``; 0 while there is no rating yet) and hands it back with each
write as ``expected_version``. When the stored rating has moved on (the same rater changed it in
another window on the same file, or on another machine against the team server), the write raises
:class:`~reviewer.errors.ConflictError` before anything is changed, naming the item; the screen
then reloads and shows the newer values. ``expected_version=None`` skips the check (the command
line, imports, scripts).

Time on item is not an edit: :func:`reviewer.rating.add_time` adds it in the database, never
bumps the version and is never refused (see its docstring).
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from reviewer.errors import ConflictError
from reviewer.store.current import newest_first
from reviewer.store.models import Case, Criterion, Rating, Response

# built once: the app checks a prefetched item's version on every step to the next response
_VERSION = newest_first(select(Rating.version).where(Rating.rater_id == bindparam("rater"),
                                                     Rating.response_id == bindparam("response")))


def stored_version(session: Session, rater_id: int, response_id: int) -> int:
    """The version of the rater's current rating of the response as stored now (0 when there is none)."""
    version = session.connection().execute(_VERSION, {"rater": rater_id, "response": response_id}).scalar()
    return int(version or 0)


def guarded_rating(session: Session, rater_id: int, response_id: int, expected: int | None, *,
                   field: str = "", criterion_id: int | None = None) -> Rating | None:
    """The rater's current rating of the response (:mod:`reviewer.store.current`; ``None`` when
    there is none), after refusing a stale screen.

    With *expected* given the row is read afresh (``populate_existing``): the check compares with
    what is stored now, and the ORM's own ``UPDATE ... WHERE version = ?`` then guards the moment
    between this read and the write.
    """
    query = newest_first(select(Rating).where(Rating.rater_id == rater_id, Rating.response_id == response_id))
    if expected is None:
        return session.scalar(query)
    rating = session.scalar(query.execution_options(populate_existing=True))
    check_version(session, rating.version if rating else 0, expected, response_id, field=field,
                  criterion_id=criterion_id)
    return rating


def check_version(session: Session, found: int, expected: int | None, response_id: int, *,
                  field: str = "", criterion_id: int | None = None) -> None:
    """Raise :class:`ConflictError` when *expected* is given and differs from the *found* version.

    *field* (``overall score``, ``comment``, ...) or *criterion_id* names what the refused write
    was about; they are only looked up when the write is refused.
    """
    if expected is None or int(expected) == int(found):
        return
    what = _criterion_label(session, criterion_id) if criterion_id is not None else field
    where = _response_label(session, response_id) + (f", {what}" if what else "")
    had = "no rating yet" if not expected else f"version {expected}"
    now = "no rating" if not found else f"version {found}"
    raise ConflictError(f"{where}: this rating was changed elsewhere (in another window or on another "
                        f"machine) since this screen read it ({had}; stored now: {now}); nothing was "
                        "changed: reload the item to see the newest values")


def _response_label(session: Session, response_id: int) -> str:
    """``Response B of case "Chest pain"``: the words a rater sees (never a model name)."""
    row = session.execute(select(Response.blind_label, Case.title, Case.external_id)
                          .join(Case, Response.case_id == Case.id).where(Response.id == response_id)).first()
    if row is None:
        return f"response {response_id}"
    label, title, external = row
    case = title or external
    return f"Response {label} of case {case!r}" if case else f"Response {label}"


def _criterion_label(session: Session, criterion_id: int) -> str:
    """``criterion 2 (key k0_1)``: its number as shown (1-based, in checklist order) and its key."""
    row = session.execute(select(Criterion.checklist_version_id, Criterion.position, Criterion.key)
                          .where(Criterion.id == criterion_id)).first()
    if row is None:
        return f"criterion id {criterion_id}"
    version_id, position, key = row
    before = session.scalar(select(func.count(Criterion.id)).where(
        Criterion.checklist_version_id == version_id,
        (Criterion.position < position) | ((Criterion.position == position) & (Criterion.id < criterion_id))))
    return f"criterion {int(before or 0) + 1} (key {key})"
