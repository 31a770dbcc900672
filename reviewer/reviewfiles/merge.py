"""Merging return files into the study database: checked, backed up, idempotent, conflicts kept.

Every file is checked before anything is written (zip readable, format, payload SHA-256, study
and rater known); one bad file refuses the whole call with an InputError naming the file and the
problem, and the database is untouched. Then a backup copy of the database is taken (SQLite:
``VACUUM INTO`` a file in ``<db folder>/<db name>-backups/``; a server database: every table as
gzipped JSON lines in the user data folder), and all files are merged in one transaction.

Per rating (matched by uid, or by response and rater): new ones are inserted; one that only the
rater changed since the pack replaces the local one; one that only the coordinator's side
changed is kept as it is; one that changed on both sides (compared with the states both sides
agreed on: at pack time, after earlier merges) keeps the local version and stores the incoming one in RatingConflict, flagged in the
report. A file whose payload hash was merged before is skipped whole (MergeRecord), so merging
the same return again changes nothing. Each insert, update and conflict leaves an AuditEvent
with before and after; each merged file leaves one ``merge`` event.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.reviewfiles.backup import backup_database
from reviewer.reviewfiles.common import (
    MANIFEST,
    PAYLOAD,
    RETURN_FORMAT,
    check_format,
    parse_iso,
    rating_digest,
    rating_snapshot,
    read_zip,
    sha256_bytes,
)
from reviewer.store import Store
from reviewer.store.models import (
    AuditEvent,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Feedback,
    MergeRecord,
    Rater,
    Rating,
    RatingConflict,
    Response,
    Study,
    utcnow,
)


@dataclass
class FileReport:
    file: str
    study: str
    rater: str
    content_hash: str
    already_merged: bool = False
    inserted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"uid", "reason"}
    feedback_added: int = 0
    feedback_skipped: int = 0
    audit_imported: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class MergeReport:
    files: list[FileReport]
    backup: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"backup": self.backup, "files": [asdict(f) for f in self.files]}

    @property
    def conflicts(self) -> list[str]:
        return [uid for f in self.files for uid in f.conflicts]

    def lines(self) -> list[str]:
        out = [f"backup of the study database: {self.backup}"]
        for f in self.files:
            out.append(f"{f.file}: rater {f.rater!r}, study {f.study!r}")
            if f.already_merged:
                out.append("  skipped: already merged (same content hash); nothing changed")
                continue
            out.append(f"  ratings: {len(f.inserted)} new, {len(f.updated)} updated, "
                       f"{len(f.unchanged)} unchanged, {len(f.conflicts)} conflicts, {len(f.skipped)} skipped")
            out.append(f"  feedback: {f.feedback_added} new, {f.feedback_skipped} already there")
            for uid in f.conflicts:
                out.append(f"  CONFLICT rating {uid}: changed on both sides; local kept, incoming stored "
                           "for the coordinator (rating_conflict)")
            for item in f.skipped:
                out.append(f"  skipped rating {item['uid']}: {item['reason']}")
            out.extend(f"  note: {n}" for n in f.notes)
        return out


@dataclass
class _Checked:
    path: Path
    manifest: dict[str, Any]
    payload: dict[str, Any]
    content_hash: str


def check_return_file(session: Session, path: Path) -> _Checked:
    """Read and verify one return file against this database; InputError names the problem."""
    manifest, raw = read_zip(path, "return file", (PAYLOAD,))
    check_format(manifest, path, RETURN_FORMAT)
    digest = sha256_bytes(raw[PAYLOAD])
    if digest != manifest.get("payload_sha256"):
        raise InputError("tampered or damaged: the payload does not match the SHA-256 in the manifest",
                         file=str(path), item=PAYLOAD)
    try:
        payload = json.loads(raw[PAYLOAD].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"the payload is not valid JSON ({exc})", file=str(path), item=PAYLOAD) from exc
    for key in ("study_uid", "rater_uid"):
        if payload.get(key) != manifest.get(key):
            raise InputError(f"tampered: {key} differs between manifest and payload", file=str(path), item=MANIFEST)
    study = session.scalar(select(Study).where(Study.uid == manifest.get("study_uid")))
    if study is None:
        same_name = session.scalar(select(Study.uid).where(Study.name == manifest.get("study_name")))
        hint = (f"; the study called {manifest.get('study_name')!r} here is a different one (uid {same_name})"
                if same_name else "")
        raise InputError(f"this return is for another study ({manifest.get('study_name')!r}, uid "
                         f"{manifest.get('study_uid')}), which is not in this database{hint}", file=str(path))
    rater = session.scalar(select(Rater).where(Rater.uid == manifest.get("rater_uid")))
    if rater is None:
        raise InputError(f"the rater of this return ({manifest.get('rater_name')!r}, uid "
                         f"{manifest.get('rater_uid')}) is not in this database", file=str(path))
    if not isinstance(payload.get("ratings"), list) or not isinstance(payload.get("feedback"), list):
        raise InputError("the payload has no ratings/feedback lists", file=str(path), item=PAYLOAD)
    return _Checked(path=path, manifest=manifest, payload=payload, content_hash=digest)


def _audit(session: Session, study: Study, actor: str, action: str, uid: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None, etype: str = "rating") -> None:
    session.add(AuditEvent(study_id=study.id, actor=actor, action=action, entity_type=etype, entity_uid=uid,
                           before=before, after=after))


def apply_snapshot(session: Session, rating: Rating, snap: dict[str, Any], crit_ids: dict[str, int],
           cv_id: int | None) -> None:
    """Write the incoming values onto *rating* (criterion ratings replaced by criterion)."""
    rating.status = snap["status"]
    rating.overall_score = snap.get("overall_score")
    rating.extra_scores = dict(snap.get("extra_scores") or {})
    rating.comment = snap.get("comment") or ""
    rating.safety_flag = bool(snap.get("safety_flag"))
    rating.time_spent_s = float(snap.get("time_spent_s") or 0.0)
    rating.submitted_at = parse_iso(snap.get("submitted_at"))
    rating.checklist_version_id = cv_id
    rating.source = "merge"
    if snap.get("updated_at"):
        rating.updated_at = parse_iso(snap["updated_at"])
    wanted = {crit_ids[uid]: value for uid, value in snap["criteria"].items()}
    existing = {cr.criterion_id: cr for cr in rating.criterion_ratings}
    for cid, cr in existing.items():
        if cid not in wanted:
            rating.criterion_ratings.remove(cr)
        elif cr.value != wanted[cid]:
            cr.value = wanted[cid]
    for cid, value in wanted.items():
        if cid not in existing:
            rating.criterion_ratings.append(CriterionRating(criterion_id=cid, value=value))


def _synced_digests(session: Session, uid: str, base: str | None) -> set[str]:
    """Digests both sides agreed on for this rating: its state at pack time and after every merge.

    A local rating still in one of these states was not changed here since, so a newer incoming
    version may replace it (a rater who returns twice from the same file is no conflict). A
    conflict settled by taking the incoming version counts too.
    """
    known = {base} if base else set()
    actions = ("rating.merge_insert", "rating.merge_update", "rating.conflict_resolve")
    for action, after in session.execute(select(AuditEvent.action, AuditEvent.after).where(
            AuditEvent.entity_uid == uid, AuditEvent.action.in_(actions))):
        # a conflict settled for the local side is no agreement with the rater's file
        if isinstance(after, dict) and (action != "rating.conflict_resolve" or after.get("kept") == "incoming"):
            known.add(rating_digest(after))
    return known


@dataclass
class _Lookup:
    """Uid -> local id maps of one study and one rater, loaded once per file."""

    responses: dict[str, int]
    criteria: dict[str, int]
    checklists: dict[str, int]
    by_uid: dict[str, Rating]
    by_response: dict[int, Rating]
    foreign_uids: set[str]  # incoming rating uids that belong to another rater here

    @classmethod
    def load(cls, session: Session, study: Study, rater: Rater, incoming: list[str]) -> _Lookup:
        responses = dict(session.execute(select(Response.uid, Response.id).join(Case)
                                         .where(Case.study_id == study.id)).all())
        criteria = dict(session.execute(
            select(Criterion.uid, Criterion.id).join(ChecklistVersion, Criterion.checklist_version_id == ChecklistVersion.id)
            .join(Case, ChecklistVersion.case_id == Case.id).where(Case.study_id == study.id)).all())
        checklists = dict(session.execute(select(ChecklistVersion.uid, ChecklistVersion.id).join(Case)
                                          .where(Case.study_id == study.id)).all())
        ratings = session.scalars(select(Rating).where(Rating.rater_id == rater.id)).all()
        mine = {r.uid for r in ratings}
        foreign: set[str] = set()
        for start in range(0, len(incoming), 500):
            chunk = [u for u in incoming[start:start + 500] if u not in mine]
            if chunk:
                foreign |= set(session.scalars(select(Rating.uid).where(Rating.uid.in_(chunk))))
        return cls(responses, criteria, checklists, {r.uid: r for r in ratings},
                   {r.response_id: r for r in ratings}, foreign)


def _merge_rating(session: Session, study: Study, rater: Rater, snap: dict[str, Any], rep: FileReport,
                  actor: str, source_name: str, look: _Lookup) -> None:
    uid = str(snap.get("uid"))
    if snap.get("rater_uid") != rater.uid:
        rep.skipped.append({"uid": uid, "reason": "rating by another rater than the file's"})
        return
    resp_id = look.responses.get(str(snap.get("response_uid")))
    if resp_id is None:
        rep.skipped.append({"uid": uid, "reason": f"response {snap.get('response_uid')} is not in this study"})
        return
    crit_uids = list((snap.get("criteria") or {}).keys())
    unknown = [u for u in crit_uids if u not in look.criteria]
    if unknown:
        rep.skipped.append({"uid": uid, "reason": f"unknown criteria {', '.join(unknown[:3])}"})
        return
    crit_ids = {u: look.criteria[u] for u in crit_uids}
    cv_id = look.checklists.get(snap.get("checklist_version_uid") or "")
    incoming_digest = rating_digest(snap)
    local = look.by_uid.get(uid) or look.by_response.get(resp_id)
    if local is None:
        if uid in look.foreign_uids:
            rep.skipped.append({"uid": uid, "reason": "a rating with this uid belongs to another rater here"})
            return
        rating = Rating(uid=uid, response_id=resp_id, rater_id=rater.id, status=snap["status"],
                        created_at=parse_iso(snap.get("created_at")) or utcnow())
        session.add(rating)
        apply_snapshot(session, rating, snap, crit_ids, cv_id)
        look.by_uid[uid] = look.by_response[resp_id] = rating
        rep.inserted.append(uid)
        after = {k: v for k, v in snap.items() if k != "base"}
        _audit(session, study, actor, "rating.merge_insert", uid, None, after)
        return
    before = rating_snapshot(session, local)
    local_digest = rating_digest(before)
    synced = _synced_digests(session, local.uid, snap.get("base") if local.uid == uid else None)
    if incoming_digest == local_digest:
        if float(snap.get("time_spent_s") or 0.0) > float(local.time_spent_s or 0.0):
            local.time_spent_s = float(snap["time_spent_s"])
        rep.unchanged.append(uid)
        return
    if local_digest in synced:  # nobody changed it here since the pack or the last merge of it
        apply_snapshot(session, local, snap, crit_ids, cv_id)
        session.flush()
        rep.updated.append(uid)
        _audit(session, study, actor, "rating.merge_update", local.uid, before, rating_snapshot(session, local))
        return
    if incoming_digest in synced:
        rep.skipped.append({"uid": uid, "reason": "unchanged by the rater since the pack or the last "
                                                  "merge; the newer local version is kept"})
        return
    for conflict in session.scalars(select(RatingConflict).where(RatingConflict.rating_id == local.id)):
        if rating_digest(conflict.incoming) == incoming_digest:
            rep.skipped.append({"uid": uid, "reason": "this conflict is already recorded"})
            return
    conflict = RatingConflict(rating_id=local.id, local=before, incoming=dict(snap), source_file=source_name)
    session.add(conflict)
    session.flush()
    rep.conflicts.append(uid)
    _audit(session, study, actor, "rating.conflict", local.uid, before, dict(snap))


def _merge_feedback(session: Session, rater: Rater, items: list[dict[str, Any]], rep: FileReport) -> None:
    for item in items:
        if session.scalar(select(Feedback.id).where(Feedback.uid == item.get("uid"))) is not None:
            rep.feedback_skipped += 1
            continue
        cid = session.scalar(select(Criterion.id).where(Criterion.uid == item.get("criterion_uid")))
        rid = (session.scalar(select(Response.id).where(Response.uid == item.get("response_uid")))
               if item.get("response_uid") else None)
        if cid is None:
            rep.notes.append(f"feedback {item.get('uid')} skipped: unknown criterion")
            continue
        session.add(Feedback(uid=item["uid"], rater_id=rater.id, criterion_id=cid, response_id=rid,
                             kind=str(item.get("kind") or ""), note=str(item.get("note") or ""),
                             created_at=parse_iso(item.get("created_at")) or utcnow()))
        rep.feedback_added += 1


def _merge_audit(session: Session, study: Study, items: list[dict[str, Any]], rep: FileReport) -> None:
    """The rater's own audit trail from the working copy (by uid: imported once)."""
    for item in items:
        if not isinstance(item, dict) or not item.get("uid") or not item.get("action"):
            continue
        if session.scalar(select(AuditEvent.id).where(AuditEvent.uid == item["uid"])) is not None:
            continue
        session.add(AuditEvent(uid=item["uid"], study_id=study.id, actor=str(item.get("actor") or ""),
                               action=str(item["action"])[:60], entity_type=str(item.get("entity_type") or "")[:60],
                               entity_uid=str(item.get("entity_uid") or "")[:36], before=item.get("before"),
                               after=item.get("after"), created_at=parse_iso(item.get("created_at")) or utcnow()))
        rep.audit_imported += 1


def merge_return_files(store: Store, paths: list[str | os.PathLike[str]], *, actor: str = "",
                       study: str | None = None) -> MergeReport:
    """Check every return file, back the database up, then merge them all in one transaction."""
    if not paths:
        raise InputError("no return files given")
    files = [Path(p) for p in paths]
    with store.Session() as session:
        checked = [check_return_file(session, p) for p in files]
        if study is not None:
            for c in checked:
                if study not in (c.manifest.get("study_name"), c.manifest.get("study_uid")):
                    raise InputError(f"this return is for study {c.manifest.get('study_name')!r}, not {study!r}",
                                     file=str(c.path))
    backup = backup_database(store)
    reports: list[FileReport] = []
    with store.begin() as session:
        for c in checked:
            study_row = session.scalar(select(Study).where(Study.uid == c.manifest["study_uid"]))
            rater = session.scalar(select(Rater).where(Rater.uid == c.manifest["rater_uid"]))
            rep = FileReport(file=c.path.name, study=study_row.name, rater=rater.name, content_hash=c.content_hash)
            reports.append(rep)
            done = session.scalar(select(MergeRecord).where(MergeRecord.study_id == study_row.id,
                                                            MergeRecord.content_hash == c.content_hash))
            if done is not None:
                rep.already_merged = True
                continue
            packed = session.scalars(select(AuditEvent.after).where(AuditEvent.action == "review_file.pack",
                                                                    AuditEvent.entity_uid == rater.uid)).all()
            if not any(isinstance(a, dict) and a.get("pack_uid") == c.manifest.get("pack_uid") for a in packed):
                rep.notes.append("this database has no record of packing the review file this return comes from")
            look = _Lookup.load(session, study_row, rater,
                                [str(r.get("uid")) for r in c.payload["ratings"] if isinstance(r, dict)])
            for snap in c.payload["ratings"]:
                if not isinstance(snap, dict) or not isinstance(snap.get("criteria"), dict) or "status" not in snap:
                    rep.skipped.append({"uid": str(snap.get("uid") if isinstance(snap, dict) else snap),
                                        "reason": "not a rating record"})
                    continue
                _merge_rating(session, study_row, rater, snap, rep, actor, c.path.name, look)
            _merge_feedback(session, rater, c.payload["feedback"], rep)
            _merge_audit(session, study_row, c.payload.get("audit") or [], rep)
            summary = {k: v for k, v in asdict(rep).items() if k not in ("file",)}
            record = MergeRecord(study_id=study_row.id, rater_id=rater.id, content_hash=c.content_hash,
                                 file_name=c.path.name, report=summary)
            session.add(record)
            session.flush()
            _audit(session, study_row, actor, "merge", record.uid, None,
                   {"file": c.path.name, "rater": rater.name, "pack_uid": c.manifest.get("pack_uid"),
                    "inserted": len(rep.inserted), "updated": len(rep.updated), "conflicts": len(rep.conflicts),
                    "skipped": len(rep.skipped), "backup": str(backup)}, etype="merge_record")
    return MergeReport(files=reports, backup=str(backup))


