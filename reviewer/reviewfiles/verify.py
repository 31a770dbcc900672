"""Checking a return file before anything is written: who issued it, who wrote it, what it holds.

In this order, each failure an InputError naming the file and the item:

1. the zip (bounded reading), the format, the payload's SHA-256 (damage);
2. the pack: the return must name a pack this database issued (:class:`ReviewPack`), carry the
   code computed with that pack's secret (:mod:`reviewer.reviewfiles.auth`), and name the study
   and the rater the pack was issued for: a rater can only ever return her own pack;
3. the content, against the study's rating scheme: each rating by the pack's rater, for a
   response the pack was issued for, on a checklist of that response's case, with criterion
   values from the vocabulary that the scheme allows, scores inside their scales, a known status,
   a revision, readable times, ``skipped`` true or false (never on a submitted rating), and each
   evidence item on a criterion of that checklist with ``0 <= start < end <= len(text)`` of the
   response and its quote exactly ``text[start:end]`` (a return without these keys, from an older
   file of this format, is fine); feedback of a known kind on the pack's criteria; audit events only
   the rater's own edits (:data:`RATER_EDIT_ACTIONS`) of the return's ratings. A uid that belongs
   to another rater's rating or feedback here is refused.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.reviewfiles.auth import MAC_FIELD, mac_verifies
from reviewer.reviewfiles.common import (
    MANIFEST,
    PAYLOAD,
    RATER_EDIT_ACTIONS,
    RETURN_FORMAT,
    canonical_bytes,
    check_format,
    read_zip,
    sha256_bytes,
)
from reviewer.store.models import (
    Case,
    ChecklistVersion,
    Criterion,
    Feedback,
    Rater,
    Rating,
    RatingScheme,
    Response,
    ReviewPack,
    Study,
)
from reviewer.store.vocabulary import CRITERION_VALUES, FEEDBACK_KINDS, RATING_STATUSES, SUBMITTED

MAX_REVISION = 2**62
MAX_TEXT = 1_000_000  # characters in a comment or a note
MAX_EVIDENCE = 10_000  # evidence items on one rating


@dataclass
class PackScope:
    """What one pack covers here: its responses and the checklists and criteria of their cases."""

    responses: dict[str, tuple[int, int]]  # response uid -> (response id, case id)
    checklists: dict[str, tuple[int, int]]  # checklist version uid -> (id, case id)
    criteria: dict[str, tuple[int, int]]  # criterion uid -> (id, checklist version id)

    @classmethod
    def load(cls, session: Session, pack: ReviewPack) -> PackScope:
        wanted = set(pack.response_uids or [])
        responses = {uid: (rid, cid) for uid, rid, cid in session.execute(
            select(Response.uid, Response.id, Response.case_id).join(Case, Response.case_id == Case.id)
            .where(Case.study_id == pack.study_id)) if uid in wanted}
        cases = {cid for _rid, cid in responses.values()}
        checklists = {uid: (cv, cid) for uid, cv, cid in session.execute(
            select(ChecklistVersion.uid, ChecklistVersion.id, ChecklistVersion.case_id)
            .join(Case, ChecklistVersion.case_id == Case.id).where(Case.study_id == pack.study_id))
            if cid in cases}
        cv_ids = {cv for cv, _cid in checklists.values()}
        criteria = {uid: (crit, cv) for uid, crit, cv in session.execute(
            select(Criterion.uid, Criterion.id, Criterion.checklist_version_id)
            .join(ChecklistVersion, Criterion.checklist_version_id == ChecklistVersion.id)
            .join(Case, ChecklistVersion.case_id == Case.id).where(Case.study_id == pack.study_id))
            if cv in cv_ids}
        return cls(responses, checklists, criteria)


@dataclass
class CheckedReturn:
    """A return that passed every check: its pack, study, rater and content, ready to merge."""

    path: Path
    manifest: dict[str, Any]
    payload: dict[str, Any]
    content_hash: str
    pack: ReviewPack
    study: Study
    rater: Rater
    scope: PackScope
    ratings: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)


def _is_number(value: Any) -> bool:
    """A finite int or float (not a bool; an integer past the float range is no number here)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _is_uid(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 36


def _key(value: Any) -> str | None:
    """*value* when it can be a uid to look up, else ``None`` (a list or object is no key)."""
    return value if isinstance(value, str) else None


def _time_ok(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_payload(path: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Manifest, payload and content hash (SHA-256 of the canonical payload) of a return file."""
    manifest, raw = read_zip(path, "return file", (PAYLOAD,))
    if manifest.get("format") == RETURN_FORMAT and manifest.get("format_version") == 1:
        raise InputError("refused: this return was written by an older version of reviewer and is not "
                         "authenticated (format 1); the rater must write it again from a review file packed "
                         "by this version", file=str(path), item=MANIFEST)
    check_format(manifest, path, RETURN_FORMAT)
    try:
        payload = json.loads(raw[PAYLOAD].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"the payload is not valid JSON ({exc})", file=str(path), item=PAYLOAD) from exc
    if not isinstance(payload, dict):
        raise InputError("the payload is not a JSON object", file=str(path), item=PAYLOAD)
    content_hash = sha256_bytes(canonical_bytes(payload, path, PAYLOAD))
    if sha256_bytes(raw[PAYLOAD]) != manifest.get("payload_sha256") and content_hash != manifest.get(
            "payload_sha256"):
        raise InputError("tampered or damaged: the payload does not match the SHA-256 in the manifest",
                         file=str(path), item=PAYLOAD)
    canonical_bytes(manifest, path, MANIFEST)
    return manifest, payload, content_hash


def _find_pack(session: Session, path: Path, manifest: dict[str, Any]) -> ReviewPack:
    pack_uid = manifest.get("pack_uid")
    pack = session.scalar(select(ReviewPack).where(ReviewPack.uid == pack_uid)) if _is_uid(pack_uid) else None
    if pack is not None:
        return pack
    claimed = manifest.get("study_uid")
    if _is_uid(claimed) and session.scalar(select(Study.id).where(Study.uid == claimed)) is None:
        same_name = (session.scalar(select(Study.uid).where(Study.name == manifest.get("study_name")))
                     if isinstance(manifest.get("study_name"), str) else None)
        hint = (f"; the study called {manifest.get('study_name')!r} here is a different one (uid {same_name})"
                if same_name else "")
        raise InputError(f"refused: this return is for another study ({manifest.get('study_name')!r}, uid "
                         f"{claimed}), which is not in this database{hint}", file=str(path))
    raise InputError(f"refused: this database never issued the review file this return names (pack "
                     f"{pack_uid!r}); only returns of packs written by 'reviewer pack' here can be merged",
                     file=str(path), item="pack_uid")


def authenticate(session: Session, path: Path, manifest: dict[str, Any], payload: dict[str, Any]
                 ) -> tuple[ReviewPack, Study, Rater]:
    """The pack, study and rater of a return whose code verifies with that pack's secret."""
    pack = _find_pack(session, path, manifest)
    if MAC_FIELD not in manifest:
        raise InputError("refused: the return carries no authentication code", file=str(path), item=MAC_FIELD)
    if not mac_verifies(pack.secret, manifest, payload):
        raise InputError(f"refused: the authentication code does not verify with the secret of pack {pack.uid}: "
                         "the return was changed after it was written, or was not written from that review "
                         "file", file=str(path), item=MAC_FIELD)
    study = session.get(Study, pack.study_id)
    rater = session.get(Rater, pack.rater_id)
    for key, want, what in (("study_uid", study.uid, f"study {study.name!r}"),
                            ("rater_uid", rater.uid, f"rater {rater.name!r}")):
        for where, data in ((MANIFEST, manifest), (PAYLOAD, payload)):
            if data.get(key) != want:
                raise InputError(f"refused: pack {pack.uid} was issued to {what}, but the return names "
                                 f"{key} {data.get(key)!r}", file=str(path), item=where)
    if payload.get("pack_uid") != pack.uid:
        raise InputError(f"refused: the payload names pack {payload.get('pack_uid')!r}, not {pack.uid}",
                         file=str(path), item=PAYLOAD)
    return pack, study, rater


def check_return_file(session: Session, path: Path) -> CheckedReturn:
    """Read, authenticate and validate one return file (see the module doc)."""
    path = Path(path)
    manifest, payload, content_hash = read_payload(path)
    pack, study, rater = authenticate(session, path, manifest, payload)
    checked = CheckedReturn(path=path, manifest=manifest, payload=payload, content_hash=content_hash, pack=pack,
                            study=study, rater=rater, scope=PackScope.load(session, pack))
    for key in ("ratings", "feedback", "audit"):
        if not isinstance(payload.get(key, []), list):
            raise InputError(f"the payload's {key} is not a list", file=str(path), item=PAYLOAD)
    _check_ratings(session, checked, payload.get("ratings") or [])
    _check_feedback(session, checked, payload.get("feedback") or [])
    _check_audit(checked, payload.get("audit") or [])
    return checked


def _scheme(session: Session, study_id: int) -> RatingScheme | None:
    return session.scalar(select(RatingScheme).where(RatingScheme.study_id == study_id)
                          .order_by(RatingScheme.id).limit(1))


def _rating_problem(snap: dict[str, Any], c: CheckedReturn, scheme: RatingScheme | None,
                    allowed: list[str]) -> str | None:
    """What is wrong with one incoming rating, or ``None``."""
    if snap.get("rater_uid") != c.rater.uid:
        return f"names rater {snap.get('rater_uid')!r}, not the pack's rater {c.rater.name!r}"
    located = c.scope.responses.get(_key(snap.get("response_uid")))
    if located is None:
        return f"response {snap.get('response_uid')!r} is not one this pack was issued for"
    if snap.get("status") not in RATING_STATUSES:
        return f"status {snap.get('status')!r} is not one of {', '.join(RATING_STATUSES)}"
    revision = snap.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or not 0 < revision < MAX_REVISION:
        return f"revision {revision!r} is not a positive whole number"
    cv_uid = snap.get("checklist_version_uid")
    rating_cv = c.scope.checklists.get(_key(cv_uid))
    if cv_uid is not None and (rating_cv is None or rating_cv[1] != located[1]):
        return f"checklist version {cv_uid!r} is not a checklist of the response's case"
    case_cvs = {cv for cv, case in c.scope.checklists.values() if case == located[1]}
    criteria = snap.get("criteria")
    if not isinstance(criteria, dict):
        return "criteria is not an object"
    for cuid, value in criteria.items():
        crit = c.scope.criteria.get(cuid)
        if crit is None or (crit[1] != rating_cv[0] if rating_cv is not None else crit[1] not in case_cvs):
            return f"criterion {cuid!r} is not in the checklist this rating uses"
        if value not in allowed:
            return f"criterion {cuid!r}: value {value!r} is not one of {', '.join(allowed)}"
    low, high = (scheme.score_min, scheme.score_max) if scheme is not None else (None, None)
    score = snap.get("overall_score")
    if score is not None and (not _is_number(score) or (low is not None and not low <= score <= high)):
        return f"overall score {score!r} is outside the rating scheme's scale {low}-{high}"
    extras = snap.get("extra_scores") or {}
    if not isinstance(extras, dict):
        return "extra_scores is not an object"
    scales = {s.get("name"): s for s in (scheme.extra_scales if scheme is not None else []) if isinstance(s, dict)}
    for name, value in extras.items():
        if name not in scales:
            return f"extra score {name!r} is not a scale of the rating scheme"
        s_low, s_high = scales[name].get("min", low), scales[name].get("max", high)
        if value is not None and (not _is_number(value) or not s_low <= value <= s_high):
            return f"extra score {name!r} = {value!r} is outside its scale {s_low}-{s_high}"
    if not isinstance(snap.get("comment", ""), str) or len(snap.get("comment") or "") > MAX_TEXT:
        return "comment is not text (or longer than a million characters)"
    if not isinstance(snap.get("safety_flag", False), bool):
        return f"safety_flag {snap.get('safety_flag')!r} is not true or false"
    spent = snap.get("time_spent_s", 0.0)
    if not _is_number(spent) or spent < 0:
        return f"time_spent_s {spent!r} is not a number of seconds"
    for key in ("submitted_at", "created_at", "updated_at"):
        if not _time_ok(snap.get(key)):
            return f"{key} {snap.get(key)!r} is not a time"
    if snap.get("base") is not None and not isinstance(snap.get("base"), str):
        return "base is not a digest"
    if not isinstance(snap.get("skipped", False), bool):
        return f"skipped {snap.get('skipped')!r} is not true or false"
    if snap.get("skipped") and snap.get("status") == SUBMITTED:
        return "a submitted rating cannot be set aside (skipped)"
    return None


def _evidence_problem(snap: dict[str, Any], c: CheckedReturn, text: Any) -> str | None:
    """What is wrong with the evidence of one incoming rating (already checked otherwise), or ``None``.

    *text* is a callable giving the response's text (read only for a rating that has evidence)."""
    if "evidence" not in snap:
        return None  # an older file of this format: the study's evidence stays as it is
    items = snap["evidence"]
    if not isinstance(items, list):
        return "evidence is not a list"
    if len(items) > MAX_EVIDENCE:
        return f"more than {MAX_EVIDENCE} evidence items"
    if not items:
        return None
    located = c.scope.responses[snap["response_uid"]]
    rating_cv = c.scope.checklists.get(_key(snap.get("checklist_version_uid")))
    case_cvs = {cv for cv, case in c.scope.checklists.values() if case == located[1]}
    answer = text(located[0])
    for n, item in enumerate(items, start=1):
        label = f"evidence #{n}"
        if not isinstance(item, dict):
            return f"{label} is not an object"
        crit = c.scope.criteria.get(_key(item.get("criterion_uid")))
        if crit is None or (crit[1] != rating_cv[0] if rating_cv is not None else crit[1] not in case_cvs):
            return f"{label}: criterion {item.get('criterion_uid')!r} is not in the checklist this rating uses"
        start, end, quote = item.get("start"), item.get("end"), item.get("quote")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) \
                or not 0 <= start < end <= len(answer):
            return (f"{label}: offsets {start!r}-{end!r} are not a span of the answer "
                    f"(0 <= start < end <= {len(answer)})")
        if not isinstance(quote, str) or quote != answer[start:end]:
            return f"{label}: the quote is not the answer's text between {start} and {end}"
    return None


def _check_ratings(session: Session, c: CheckedReturn, items: list[Any]) -> None:
    scheme = _scheme(session, c.study.id)
    allowed = [v for v in CRITERION_VALUES if scheme is None or v in (scheme.criterion_values or [])]
    seen_uids: set[str] = set()
    seen_responses: set[str] = set()
    wanted = [r["uid"] for r in items if isinstance(r, dict) and _is_uid(r.get("uid"))]
    existing: dict[str, tuple[int, str]] = {}  # rating uid here -> (rater id, response uid)
    for start in range(0, len(wanted), 500):
        existing.update((uid, (rater_id, resp)) for uid, rater_id, resp in session.execute(
            select(Rating.uid, Rating.rater_id, Response.uid).join(Response, Rating.response_id == Response.id)
            .where(Rating.uid.in_(wanted[start:start + 500]))))
    texts: dict[int, str] = {}

    def answer_text(response_id: int) -> str:
        if response_id not in texts:
            texts[response_id] = session.scalar(select(Response.text).where(Response.id == response_id)) or ""
        return texts[response_id]

    for n, snap in enumerate(items, start=1):
        if not isinstance(snap, dict) or not _is_uid(snap.get("uid")):
            raise InputError("not a rating record (no uid)", file=str(c.path), item=f"rating #{n}")
        uid = snap["uid"]
        problem = _rating_problem(snap, c, scheme, allowed)
        if problem is None:
            problem = _evidence_problem(snap, c, answer_text)
        if problem is None and (uid in seen_uids or snap["response_uid"] in seen_responses):
            problem = "appears twice in the return"
        if problem is None:
            local = existing.get(uid)
            if local is not None and local[0] != c.rater.id:
                problem = "a rating with this uid belongs to another rater here"
            elif local is not None and local[1] != snap["response_uid"]:
                problem = "a rating with this uid rates another response here"
        if problem is not None:
            raise InputError(f"refused: {problem}; nothing was merged", file=str(c.path), item=f"rating {uid}")
        seen_uids.add(uid)
        seen_responses.add(snap["response_uid"])
        c.ratings.append(snap)


def _check_feedback(session: Session, c: CheckedReturn, items: list[Any]) -> None:
    for n, item in enumerate(items, start=1):
        label = f"feedback {item.get('uid')}" if isinstance(item, dict) else f"feedback #{n}"
        problem = None
        if not isinstance(item, dict) or not _is_uid(item.get("uid")):
            problem = "not a feedback record (no uid)"
        elif item.get("kind") not in FEEDBACK_KINDS:
            problem = f"kind {item.get('kind')!r} is not one of {', '.join(FEEDBACK_KINDS)}"
        elif not isinstance(item.get("note", ""), str) or len(item.get("note") or "") > MAX_TEXT:
            problem = "note is not text"
        elif _key(item.get("criterion_uid")) not in c.scope.criteria:
            problem = f"criterion {item.get('criterion_uid')!r} is not one of this pack's criteria"
        elif item.get("response_uid") is not None and _key(item.get("response_uid")) not in c.scope.responses:
            problem = f"response {item.get('response_uid')!r} is not one this pack was issued for"
        elif not _time_ok(item.get("created_at")):
            problem = f"created_at {item.get('created_at')!r} is not a time"
        else:
            owner = session.scalar(select(Feedback.rater_id).where(Feedback.uid == item["uid"]))
            if owner is not None and owner != c.rater.id:
                problem = "a feedback note with this uid belongs to another rater here"
        if problem is not None:
            raise InputError(f"refused: {problem}; nothing was merged", file=str(c.path), item=label)
        c.feedback.append(item)


def _check_audit(c: CheckedReturn, items: list[Any]) -> None:
    """Only the rater's own edits of this return's ratings; the merge records them as the return's."""
    ratings = {r["uid"] for r in c.ratings}
    for n, item in enumerate(items, start=1):
        label = f"audit event {item.get('uid')}" if isinstance(item, dict) else f"audit event #{n}"
        problem = None
        if not isinstance(item, dict) or not _is_uid(item.get("uid")):
            problem = "not an audit event (no uid)"
        elif item.get("action") not in RATER_EDIT_ACTIONS:
            problem = (f"action {item.get('action')!r} is not a rater's edit (a return may carry only "
                       f"{', '.join(RATER_EDIT_ACTIONS)})")
        elif item.get("entity_type") != "rating" or _key(item.get("entity_uid")) not in ratings:
            problem = f"it is about {item.get('entity_type')!r} {item.get('entity_uid')!r}, not a rating of this return"
        elif item.get("actor") not in ("", None, c.rater.name):
            problem = f"actor {item.get('actor')!r} is not the pack's rater {c.rater.name!r}"
        elif not all(v is None or isinstance(v, dict) for v in (item.get("before"), item.get("after"))):
            problem = "before/after are not objects"
        elif not _time_ok(item.get("created_at")):
            problem = f"created_at {item.get('created_at')!r} is not a time"
        if problem is not None:
            raise InputError(f"refused: {problem}; nothing was merged", file=str(c.path), item=label)
        c.audit.append(item)
