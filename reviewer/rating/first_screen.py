"""The app's first screen, read with the standard library's ``sqlite3`` before SQLAlchemy is loaded.

Importing SQLAlchemy and declaring the models costs about half a second on a slow laptop, more than
everything else the window needs before it can show the first response. So the app reads what the
first screen shows (study, rater, queue order, the first page of queue rows and the first item)
straight from the SQLite file, paints it, and only then opens the store as usual: the rater reads
while the rest loads, and key presses made meanwhile wait in Qt's queue (nothing runs without the
store). The queue order comes from :mod:`reviewer.rating.queue_reads` and the item is put together by
:func:`reviewer.rating.views.assemble_item`, the same code the rating service uses; a test checks
that every item reads the same both ways.

A review file (``.rvw``) opened before is read from its working copy, for the study and rater its
manifest names. Anything unusual returns ``None`` and the app takes its ordinary path, which also
gives the proper messages: a URL, a missing file, a review file not unpacked yet (or another pack's
working copy), a schema that needs an upgrade, an unknown rater or study, several studies to choose
from, an empty queue, any SQLite error.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.paths import DB_ENV_VAR, default_db_path
from reviewer.rating import queue_reads
from reviewer.rating.views import HeadRow, ItemView, QueueItem, RatingRow, SchemeRow, assemble_item
from reviewer.reviewfiles.workcopy import existing_working_copy, is_review_file
from reviewer.store.current_sql import CURRENT_RATING
from reviewer.store.vocabulary import SUBMITTED


@dataclass(frozen=True)
class FirstScreen:
    target: str  # what the app opens after the first paint (database path, or the review file)
    path: Path
    url: str  # the store URL the app will open (settings are kept per URL)
    study_id: int
    study_name: str
    rater_id: int
    rater_name: str
    queue: list[int]  # response ids in queue order
    statuses: dict[int, str]  # response id in the queue -> draft | submitted (absent: new)
    rows: dict[int, QueueItem]  # the first page of the queue table
    categories: list[str]
    item: ItemView  # the first response of the queue


def sqlite_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file a target names, when it names an existing one (``None`` otherwise)."""
    if target is None:
        target = os.environ.get(DB_ENV_VAR) or default_db_path()
    if is_review_file(target):
        return None  # see read_first_screen: a review file is read from its working copy
    text = str(target)
    if "://" in text:
        if not text.startswith("sqlite:///") or "?" in text:
            return None
        text = text[len("sqlite:///"):]
    path = Path(text).expanduser().resolve()
    return path if path.is_file() else None


@contextmanager
def _reader(path: Path) -> Iterator[sqlite3.Cursor | None]:
    """A read-only cursor on the database at *path*; ``None`` when its schema is not the current
    one (the ordinary opening upgrades it). Raises ``sqlite3.Error`` for what is not a database."""
    from reviewer.store.revision import HEAD_REVISION

    conn = sqlite3.connect(path, timeout=5)
    try:
        conn.execute("PRAGMA query_only = ON")
        cursor = conn.cursor()
        cursor.execute("SELECT version_num FROM alembic_version")
        yield cursor if (cursor.fetchone() or (None,))[0] == HEAD_REVISION else None
    finally:
        conn.close()


def has_study(target: str | os.PathLike[str] | None, name: str) -> bool:
    """Whether the SQLite database *target* is at the current schema and holds a study *name*
    (``reviewer demo`` skips building the demo then, and opens without loading SQLAlchemy first)."""
    path = sqlite_file(target)
    if path is None:
        return False
    try:
        with _reader(path) as cursor:
            if cursor is None:
                return False
            cursor.execute("SELECT 1 FROM study WHERE name = ?", (name,))
            return cursor.fetchone() is not None
    except sqlite3.Error:
        return False


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def read_item(cursor: sqlite3.Cursor, rater_id: int, response_id: int) -> ItemView | None:
    """One item as :func:`reviewer.rating.load_item` reads it (``None``: no such response)."""
    cursor.execute(
        'SELECT r.uid, r.text, r.blind_label, c.id, c.uid, c.title, c.category, c.turns, '
        'c.reference_answer, c.study_id, s.settings FROM response r JOIN "case" c ON r.case_id = c.id '
        "JOIN study s ON c.study_id = s.id WHERE r.id = ?", (response_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    (resp_uid, text, label, case_id, case_uid, title, category, turns, reference, study_id, settings) = row
    head = HeadRow(response_id, resp_uid, text, label, case_id, case_uid, title, category, _json(turns),
                   reference, _json(settings))
    cursor.execute("SELECT id, uid, status, version, overall_score, extra_scores, comment, safety_flag, "
                   "time_spent_s, checklist_version_id, skipped FROM rating WHERE rater_id = ? AND response_id = ? "
                   f"AND {CURRENT_RATING}", (rater_id, response_id))
    rating = cursor.fetchone()
    cl_id = rating[9] if rating is not None and rating[9] else None
    if cl_id is None:
        cursor.execute("SELECT id FROM checklist_version WHERE case_id = ? ORDER BY version DESC LIMIT 1",
                       (case_id,))
        cl_id = (cursor.fetchone() or (None,))[0]
    criteria: list[tuple] = []
    if cl_id is not None:
        cursor.execute("SELECT id, key, text, points, tier, tags, guidance FROM criterion "
                       "WHERE checklist_version_id = ? ORDER BY position, id", (cl_id,))
        criteria = [(cid, key, txt, points, tier, _json(tags), guidance)
                    for cid, key, txt, points, tier, tags, guidance in cursor.fetchall()]
    cursor.execute("SELECT score_min, score_max, score_anchors, require_overall, extra_scales "
                   "FROM rating_scheme WHERE study_id = ? ORDER BY id LIMIT 1", (study_id,))
    s = cursor.fetchone()
    scheme = SchemeRow(s[0], s[1], _json(s[2]), s[3], _json(s[4])) if s is not None else None
    values: dict[int, str] = {}
    carried: list[int] = []
    edited = False
    rating_row = None
    if rating is not None:
        rating_row = RatingRow(rating[2], rating[3], rating[4], _json(rating[5]), rating[6], rating[7], rating[8],
                               rating[10])
        cursor.execute("SELECT criterion_id, value, carried FROM criterion_rating WHERE rating_id = ?", (rating[0],))
        answers = cursor.fetchall()
        values = {cid: value for cid, value, _ in answers}
        carried = [cid for cid, _, was_carried in answers if was_carried]
        if rating[2] == SUBMITTED:
            cursor.execute("SELECT id FROM audit_event WHERE entity_uid = ? AND action = 'rating.edit_submitted' "
                           "LIMIT 1", (rating[1],))
            edited = cursor.fetchone() is not None
    evidence: list[tuple] = []
    if rating is not None:
        cursor.execute('SELECT id, criterion_id, start, "end", quote FROM evidence WHERE rating_id = ? ORDER BY id',
                       (rating[0],))
        evidence = cursor.fetchall()
    cursor.execute("SELECT criterion_id, kind FROM feedback WHERE rater_id = ? AND response_id = ? ORDER BY id",
                   (rater_id, response_id))
    return assemble_item(head, cl_id, criteria, scheme, rating_row, values, cursor.fetchall(), edited, evidence,
                         carried)


def read_first_screen(target: str | os.PathLike[str] | None, *, rater: str | None, study: str | None,
                      remembered_rater: Callable[[str], str], interactive: bool,
                      page: int = 200) -> FirstScreen | None:
    """What the window shows first, or ``None`` when the ordinary path must run (see the module)."""
    manifest: dict[str, Any] = {}
    if is_review_file(target):
        found = existing_working_copy(target)
        if found is None:
            return None
        path, manifest = found
        path = path.resolve()
    else:
        path = sqlite_file(target)
        if path is None:
            return None
    url = f"sqlite:///{path}"
    try:
        with _reader(path) as cursor:
            if cursor is None:
                return None
            return _read(cursor, str(target if manifest else path), path, url, rater, remembered_rater, study,
                         manifest, interactive, page)
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None


def _studies(cursor: sqlite3.Cursor, uid: str | None, name: str | None) -> list[tuple[int, str]]:
    """(id, name) of the candidate studies, as :func:`reviewer.gui.app.pick_study` picks them."""
    if uid:
        cursor.execute("SELECT id, name FROM study WHERE uid = ?", (uid,))
        found = cursor.fetchall()
        if found:
            return found
    if name:
        cursor.execute("SELECT id, name FROM study WHERE name = ?", (name,))
    else:
        cursor.execute("SELECT id, name FROM study ORDER BY name")
    return cursor.fetchall()


def _read(cursor: sqlite3.Cursor, target: str, path: Path, url: str, rater: str | None,
          remembered_rater: Callable[[str], str], study: str | None, manifest: dict[str, Any],
          interactive: bool, page: int) -> FirstScreen | None:
    if not rater and manifest.get("rater_uid"):  # a review file is for the rater it names
        cursor.execute("SELECT name FROM rater WHERE uid = ?", (manifest["rater_uid"],))
        rater = (cursor.fetchone() or (None,))[0]
    rater = rater or remembered_rater(url)
    if not rater:
        return None
    studies = _studies(cursor, manifest.get("study_uid"), study)
    if len(studies) > 1 and interactive:
        return None  # the ordinary path asks which one
    cursor.execute("SELECT id FROM rater WHERE name = ?", (rater,))
    rater_row = cursor.fetchone()
    if not studies or rater_row is None:
        return None
    (study_id, study_name), rater_id = studies[0], rater_row[0]
    queue = queue_reads.queue_ids(cursor, study_id, rater_id)
    if not queue:
        return None
    item = read_item(cursor, rater_id, queue[0])
    if item is None:
        return None
    statuses = queue_reads.queue_statuses(cursor, rater_id, queue)
    first = queue[:page]
    rows = queue_reads.queue_rows(cursor, rater_id, first, {rid: i + 1 for i, rid in enumerate(first)})
    cursor.execute('SELECT DISTINCT category FROM "case" WHERE study_id = ?', (study_id,))
    categories = sorted(c for (c,) in cursor.fetchall() if c)
    return FirstScreen(target, path, url, study_id, study_name, rater_id, rater, queue, statuses, rows, categories, item)
