"""Evidence: a span of the answer a rater attaches to a criterion (the rater's reason, which
adjudication and checklist refinement need).

A span is stored with character offsets into the response text (``str`` indices, end exclusive)
and the quoted text itself; it belongs to the rater's rating of that response (a draft is made for
the first one, as for any answer) and to one criterion of the checklist version the rating uses.
Adding or removing evidence is a rater write: a stale screen is refused like an edit, and an edit
of a submitted rating leaves an audit event.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError, NotFoundError
from reviewer.rating.service import _audit_edit, _check_criterion, _rating_for_write, _state
from reviewer.rating.views import RatingState
from reviewer.store.models import Evidence, Response


def add_evidence(session: Session, rater_id: int, response_id: int, criterion_id: int, start: int, end: int,
                 *, actor: str | None = None, expected_version: int | None = None) -> tuple[int, RatingState]:
    """Attach ``text[start:end]`` of the response to the criterion; (evidence id, new state).

    Offsets outside the text, or an empty or blank span, are refused naming the response."""
    text = session.scalar(select(Response.text).where(Response.id == response_id))
    if text is None:
        raise NotFoundError(f"no response with id {response_id}")
    start, end = int(start), int(end)
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise InputError(f"evidence must be a non-empty span of the answer (0 ≤ start < end ≤ {len(text)}), "
                         f"not {start}–{end}", item=f"response {response_id}")
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field="evidence",
                               criterion_id=criterion_id)
    key = _check_criterion(session, rating, criterion_id)
    ev = Evidence(rating_id=rating.id, criterion_id=criterion_id, start=start, end=end, quote=text[start:end])
    session.add(ev)
    session.flush()
    _audit_edit(session, rating, actor, f"evidence:{key}", None, [start, end])
    return ev.id, _state(session, rating)


def remove_evidence(session: Session, rater_id: int, response_id: int, evidence_id: int, *,
                    actor: str | None = None, expected_version: int | None = None) -> RatingState:
    """Remove one span of the rater's own evidence on this response."""
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field="evidence")
    ev = session.get(Evidence, evidence_id)
    if ev is None or ev.rating_id != rating.id:
        raise NotFoundError(f"no evidence {evidence_id} on this rating")
    key = _check_criterion(session, rating, ev.criterion_id)
    _audit_edit(session, rating, actor, f"evidence:{key}", [ev.start, ev.end], None)
    session.delete(ev)
    return _state(session, rating)
