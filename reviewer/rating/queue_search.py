"""Finding items in a rater's queue: text search over the case and the answer, and the marks the
queue filters by (flagged, commented, with feedback).

Search matches in Python after reading the texts (case title, category, turns, reference answer,
response text): the JSON turns are stored with escaped non-ASCII characters on SQLite, so an SQL
``LIKE`` would miss Chinese text. Matching is case-insensitive and every word of the query must
occur (in the answer or its case). Only integers are put into the SQL text.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.rating.queue import queue_ids, session_cursor
from reviewer.store.current import is_current
from reviewer.store.models import Feedback, Rating

MARKS = ("flagged", "commented", "feedback")  # safety flag set, a comment written, feedback given


def _turns_text(turns: object) -> str:
    """The contents of the turns, from the stored JSON (text on SQLite, decoded on PostgreSQL)."""
    if isinstance(turns, str):  # decoded always: the raw JSON's keys ("role", "content") must not match
        try:
            turns = json.loads(turns)
        except ValueError:
            return turns
    if not isinstance(turns, list):
        return ""
    return "\n".join(str(t.get("content", "")) for t in turns if isinstance(t, dict))


def _plain(word: str) -> bool:
    """A word that appears in stored JSON text exactly as typed (ASCII, nothing JSON escapes)."""
    return word.isascii() and '"' not in word and "\\" not in word


def search_queue(session: Session, study_id: int, rater_id: int, query: str) -> list[int]:
    """Response ids of the rater's queue whose case or answer holds every word of *query*, in
    queue order (``[]`` for a blank query).

    Two plain reads (DB-API cursor): the answers, and each case's texts once. A case's turns are
    decoded only when the stored text could hold a word the answer lacks (a plain ASCII word
    absent from the raw JSON cannot be in its contents)."""
    words = [w.casefold() for w in query.split()]
    if not words:
        return []
    ids = queue_ids(session, study_id, rater_id)
    wanted = set(ids)
    with session_cursor(session) as cursor:
        cursor.execute('SELECT id, title, category, turns, reference_answer FROM "case" '
                       f"WHERE study_id = {int(study_id)}")
        raw = {cid: (f"{title or ''}\n{category or ''}\n{reference or ''}".casefold(), turns)
               for cid, title, category, turns, reference in cursor.fetchall()}
        cursor.execute('SELECT r.id, r.case_id, r.text FROM response r JOIN "case" c ON r.case_id = c.id '
                       f"WHERE c.study_id = {int(study_id)}")
        answers = cursor.fetchall()
    decoded: dict[int, str] = {}

    def case_text(cid: int) -> str:
        text = decoded.get(cid)
        if text is None:
            head, turns = raw[cid]
            text = decoded[cid] = head + "\n" + _turns_text(turns).casefold()
        return text

    hits: set[int] = set()
    for rid, cid, text in answers:
        if rid not in wanted:
            continue
        answer = (text or "").casefold()
        missing = [w for w in words if w not in answer]
        if not missing:
            hits.add(rid)
            continue
        head, turns = raw[cid]
        turns_raw = turns.casefold() if isinstance(turns, str) else None
        if turns_raw is not None and any(_plain(w) and w not in head and w not in turns_raw for w in missing):
            continue  # a plain word in neither the answer nor the stored case text
        case = case_text(cid)
        if all(w in case for w in missing):
            hits.add(rid)
    return [rid for rid in ids if rid in hits]


def queue_marks(session: Session, rater_id: int) -> dict[str, set[int]]:
    """Response ids of the rater's ratings by mark: ``flagged``, ``commented``, ``feedback``."""
    marks: dict[str, set[int]] = {m: set() for m in MARKS}
    for rid, flag, comment in session.execute(
            select(Rating.response_id, Rating.safety_flag, Rating.comment).where(Rating.rater_id == rater_id,
                                                                                 is_current())):
        if flag:
            marks["flagged"].add(rid)
        if (comment or "").strip():
            marks["commented"].add(rid)
    marks["feedback"] = set(session.scalars(
        select(Feedback.response_id).where(Feedback.rater_id == rater_id, Feedback.response_id.is_not(None))))
    return marks
