"""Finding items in a rater's queue: text search over the case and the answer, and the marks the
queue filters by (flagged, commented, with feedback).

Search matches in Python after reading the texts (case title, category, turns, reference answer,
response text): the JSON turns are stored with escaped non-ASCII characters on SQLite, so an SQL
``LIKE`` would miss Chinese text. Matching is case-insensitive and every word of the query must
occur (in any of the texts of the item).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.rating.queue import queue_ids
from reviewer.store.models import Case, Feedback, Rating, Response

MARKS = ("flagged", "commented", "feedback")  # safety flag set, a comment written, feedback given


def _turns_text(turns: object) -> str:
    if not isinstance(turns, list):
        return ""
    return "\n".join(str(t.get("content", "")) for t in turns if isinstance(t, dict))


def search_queue(session: Session, study_id: int, rater_id: int, query: str) -> list[int]:
    """Response ids of the rater's queue whose case or answer holds every word of *query*, in
    queue order (``[]`` for a blank query)."""
    words = [w.casefold() for w in query.split()]
    if not words:
        return []
    ids = queue_ids(session, study_id, rater_id)
    wanted = set(ids)
    hits: set[int] = set()
    rows = session.execute(
        select(Response.id, Response.text, Case.title, Case.category, Case.turns, Case.reference_answer)
        .join(Case, Case.id == Response.case_id).where(Case.study_id == study_id))
    for rid, text, title, category, turns, reference in rows:
        if rid not in wanted:
            continue
        haystack = "\n".join((text or "", title or "", category or "", _turns_text(turns), reference or "")).casefold()
        if all(w in haystack for w in words):
            hits.add(rid)
    return [rid for rid in ids if rid in hits]


def queue_marks(session: Session, rater_id: int) -> dict[str, set[int]]:
    """Response ids of the rater's ratings by mark: ``flagged``, ``commented``, ``feedback``."""
    marks: dict[str, set[int]] = {m: set() for m in MARKS}
    for rid, flag, comment in session.execute(
            select(Rating.response_id, Rating.safety_flag, Rating.comment).where(Rating.rater_id == rater_id)):
        if flag:
            marks["flagged"].add(rid)
        if (comment or "").strip():
            marks["commented"].add(rid)
    marks["feedback"] = set(session.scalars(
        select(Feedback.response_id).where(Feedback.rater_id == rater_id, Feedback.response_id.is_not(None))))
    return marks
