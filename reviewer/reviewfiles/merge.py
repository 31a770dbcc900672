"""Merging return files into the study database: authenticated, checked, order-independent.

Every file is read, authenticated and validated first (:mod:`reviewer.reviewfiles.verify`): one
bad file refuses the whole call with an InputError naming the file and the item, and the database
is untouched. Then all files are merged in one transaction. A merge that changes nothing is rolled
back and takes no backup; otherwise a backup copy of the database as it was before the merge
(:mod:`reviewer.reviewfiles.backup`, from a separate connection, written to a temporary name and
renamed) is taken just before the commit, and removed again if the commit fails.

Order: each incoming rating carries its *revision* (the working copy's version of the row, which
every edit raises). The study keeps, per pack and rating, the newest revision it holds from that
pack (:class:`PackRating`); a rating is applied only when its revision is newer. So an older
return after a newer one changes nothing (and says so), any set of returns of one pack merged in
any order ends in the same ratings (those of the newest revision of each), and a repeated return
adds nothing: a byte-identical (or re-serialised, same content) one is reported "already merged"
(MergeRecord holds the SHA-256 of the canonical payload) and a re-serialised copy of an old one
falls to the revision rule.

A rating's evidence and "come back later" flag travel with it: applied only when the rating is
(the study's evidence of that rating replaced by the returned set), so an older return never brings
back evidence a newer one removed; a return without them (an older file of this format) leaves
those of the study as they are.

Per rating (matched by uid, or by response, rater and checklist version: the key of a rating; a
return never moves a rating to another version, and a return of a rating a re-rating superseded
updates that older rating only, never the current one), when the revision is newer: new ones are
inserted; one that only the rater changed since the states both sides agreed on (at pack time,
after earlier merges) replaces the local one; one that only the coordinator's side changed is kept
as it is; one that changed on both sides keeps the local version and stores the incoming one in
RatingConflict (an open conflict of the same rating is brought up to the newer revision rather
than doubled). Each insert, update and conflict leaves an AuditEvent with before and after; the
rater's own edit events are recorded as the rater's, dated now, marked with the return they came
from (``_from_return`` in ``after``: pack, file and the time the rater's clock gave); each merged
file leaves one ``merge`` event.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reviewer.errors import ConflictError, InputError, ReviewerError
from reviewer.reviewfiles.backup import backup_database, discard_backup
from reviewer.reviewfiles.common import parse_iso, rating_digest, rating_snapshot
from reviewer.reviewfiles.verify import CheckedReturn, check_return_file
from reviewer.store import Store
from reviewer.store.current import is_current
from reviewer.store.models import (
    AuditEvent,
    CriterionRating,
    Evidence,
    Feedback,
    MergeRecord,
    PackRating,
    Rater,
    Rating,
    RatingConflict,
    ReviewPack,
    Study,
    utcnow,
)

AUDIT_NAMESPACE = uuid.UUID("5b0f3f9e-3c55-4d0e-9d4c-7e1a0c2b6a11")  # uid of an imported edit event


@dataclass
class FileReport:
    file: str
    study: str
    rater: str
    content_hash: str
    pack: str = ""
    already_merged: bool = False
    inserted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    older: list[str] = field(default_factory=list)  # revision older than what the study holds from the pack
    conflicts: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"uid", "reason"}
    feedback_added: int = 0
    feedback_skipped: int = 0
    audit_imported: int = 0
    time_raised: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.conflicts or self.feedback_added or self.audit_imported
                    or self.time_raised)


@dataclass
class MergeReport:
    files: list[FileReport]
    backup: str | None  # None: nothing changed, so no backup was taken

    def to_dict(self) -> dict[str, Any]:
        return {"backup": self.backup, "changed": self.changed, "files": [asdict(f) for f in self.files]}

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.files)

    @property
    def conflicts(self) -> list[str]:
        return [uid for f in self.files for uid in f.conflicts]

    def lines(self) -> list[str]:
        out = [f"backup of the study database: {self.backup}" if self.backup
               else "nothing changed: the study database is as it was (no backup needed)"]
        for f in self.files:
            out.append(f"{f.file}: rater {f.rater!r}, study {f.study!r}, pack {f.pack}")
            if f.already_merged:
                out.append("  already merged (same content), nothing changed")
                continue
            if not f.changed:
                out.append(f"  nothing newer than what the study holds from this pack: {len(f.older)} ratings "
                           f"older, {len(f.unchanged)} the same; nothing changed")
                out.extend(f"  skipped rating {item['uid']}: {item['reason']}" for item in f.skipped)
                continue
            out.append(f"  ratings: {len(f.inserted)} new, {len(f.updated)} updated, "
                       f"{len(f.unchanged)} unchanged, {len(f.older)} older than held, "
                       f"{len(f.conflicts)} conflicts, {len(f.skipped)} skipped")
            out.append(f"  feedback: {f.feedback_added} new, {f.feedback_skipped} already there; "
                       f"{f.audit_imported} edit events of the rater recorded")
            for uid in f.conflicts:
                out.append(f"  CONFLICT rating {uid}: changed on both sides; local kept, incoming stored "
                           "for the coordinator (rating_conflict)")
            for item in f.skipped:
                out.append(f"  skipped rating {item['uid']}: {item['reason']}")
            out.extend(f"  note: {n}" for n in f.notes)
        return out


def _audit(session: Session, study: Study, actor: str, action: str, uid: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None, etype: str = "rating") -> None:
    session.add(AuditEvent(study_id=study.id, actor=actor, action=action, entity_type=etype, entity_uid=uid,
                           before=before, after=after))


def snapshot_criteria(snap: dict[str, Any]) -> list[str]:
    """The criterion uids a snapshot names: its answers and its evidence."""
    return list(dict.fromkeys([*snap["criteria"], *(e["criterion_uid"] for e in snap.get("evidence") or [])]))


def apply_snapshot(session: Session, rating: Rating, snap: dict[str, Any], crit_ids: dict[str, int],
           cv_id: int | None) -> None:
    """Write the incoming values onto *rating* (criterion ratings replaced by criterion; the
    rating's evidence replaced by the incoming set, when the snapshot carries one; *crit_ids*
    maps every uid of :func:`snapshot_criteria`)."""
    rating.status = snap["status"]
    rating.overall_score = snap.get("overall_score")
    rating.extra_scores = dict(snap.get("extra_scores") or {})
    rating.comment = snap.get("comment") or ""
    rating.safety_flag = bool(snap.get("safety_flag"))
    # time on item only grows (a working copy adds it without a new revision)
    rating.time_spent_s = max(float(snap.get("time_spent_s") or 0.0), float(rating.time_spent_s or 0.0))
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
            cr.carried = False  # the rater answered it: no longer the answer carried from an older version
    for cid, value in wanted.items():
        if cid not in existing:
            rating.criterion_ratings.append(CriterionRating(criterion_id=cid, value=value))
    if "skipped" in snap:
        rating.skipped = bool(snap["skipped"])
    if "evidence" in snap:  # a return of an older file carries none: the evidence here stays
        _replace_evidence(session, rating, snap["evidence"], crit_ids)


def _replace_evidence(session: Session, rating: Rating, items: list[dict[str, Any]],
                      crit_ids: dict[str, int]) -> None:
    """Make the rating's evidence exactly *items* (left alone when it already is)."""
    wanted = sorted((crit_ids[e["criterion_uid"]], e["start"], e["end"], e["quote"]) for e in items)
    if rating.id is None:
        if not wanted:
            return
        session.flush()  # a new rating: its id, for the evidence rows
    held = sorted(tuple(row) for row in session.execute(
        select(Evidence.criterion_id, Evidence.start, Evidence.end, Evidence.quote)
        .where(Evidence.rating_id == rating.id)))
    if held == wanted:
        return
    session.execute(delete(Evidence).where(Evidence.rating_id == rating.id))
    session.add_all(Evidence(rating_id=rating.id, criterion_id=cid, start=start, end=end, quote=quote)
                    for cid, start, end, quote in wanted)


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
    """The rater's ratings here and what the study holds from this pack, loaded once per file."""

    by_uid: dict[str, Rating]
    by_response: dict[tuple[int, int | None], Rating]  # (response id, checklist version id): the key
    held: dict[int, PackRating]  # rating id -> newest revision held from this pack
    superseded: set[int]  # ids of the rater's ratings a re-rating superseded (reviewer.store.current)
    new: list[tuple[Rating, int]] = field(default_factory=list)  # inserted here, no id until the flush

    @classmethod
    def load(cls, session: Session, c: CheckedReturn) -> _Lookup:
        ratings = session.scalars(select(Rating).where(Rating.rater_id == c.rater.id)).all()
        held = {p.rating_id: p for p in session.scalars(select(PackRating).where(PackRating.pack_id == c.pack.id))}
        current = set(session.scalars(select(Rating.id).where(Rating.rater_id == c.rater.id, is_current())))
        return cls({r.uid: r for r in ratings}, {(r.response_id, r.checklist_version_id): r for r in ratings}, held,
                   {r.id for r in ratings} - current)

    def hold(self, session: Session, c: CheckedReturn, rating: Rating, revision: int) -> None:
        """Record that the study now holds *revision* of *rating* from this pack."""
        if rating.id is None:
            self.new.append((rating, revision))
            return
        row = self.held.get(rating.id)
        if row is None:
            row = self.held[rating.id] = PackRating(pack_id=c.pack.id, rating_id=rating.id, revision=revision)
            session.add(row)
        elif revision > row.revision:
            row.revision = revision

    def flush_new(self, session: Session, c: CheckedReturn) -> None:
        """The revisions of the inserted ratings, after one flush gave them ids (inserts stay batched)."""
        if self.new:
            session.flush()
            session.add_all(PackRating(pack_id=c.pack.id, rating_id=r.id, revision=rev) for r, rev in self.new)
            self.new.clear()


def _merge_rating(session: Session, c: CheckedReturn, snap: dict[str, Any], rep: FileReport, actor: str,
                  look: _Lookup) -> None:
    uid, revision = snap["uid"], snap["revision"]
    resp_id = c.scope.responses[snap["response_uid"]][0]
    crit_ids = {u: c.scope.criteria[u][0] for u in snapshot_criteria(snap)}
    cv_uid = snap.get("checklist_version_uid")
    cv_id = c.scope.checklists[cv_uid][0] if cv_uid is not None else None
    local = look.by_uid.get(uid) or look.by_response.get((resp_id, cv_id))
    if local is not None and local.checklist_version_id != cv_id:
        rep.skipped.append({"uid": uid, "reason": "the return names another checklist version than the study's "
                                                  "rating; the study's rating is kept as it is"})
        return
    if local is None:
        rating = Rating(uid=uid, response_id=resp_id, rater_id=c.rater.id, status=snap["status"],
                        created_at=parse_iso(snap.get("created_at")) or utcnow())
        session.add(rating)
        apply_snapshot(session, rating, snap, crit_ids, cv_id)
        look.by_uid[uid] = look.by_response[(resp_id, cv_id)] = rating
        look.hold(session, c, rating, revision)
        rep.inserted.append(uid)
        _audit(session, c.study, actor, "rating.merge_insert", uid, None, {k: v for k, v in snap.items() if k != "base"})
        return
    look.by_uid.setdefault(uid, local)
    held = look.held.get(local.id)
    before = rating_snapshot(session, local)
    # a return of an older file of this format carries no evidence or flag: those here stay as they are
    snap = {**{k: before[k] for k in ("evidence", "skipped") if k not in snap}, **snap}
    same = rating_digest(snap) == rating_digest(before)
    if held is not None and revision < held.revision:
        rep.older.append(uid)
        return
    # the revision the study already holds from this pack: nothing new from the rater (whatever
    # became of it here since: merged, kept as a conflict, settled by the coordinator)
    unchanged_by_rater = held is not None and revision == held.revision
    if not unchanged_by_rater:
        look.hold(session, c, local, revision)
    if local.id in look.superseded:
        rep.notes.append(f"rating {local.uid} is on an older checklist version than the rater's current rating of "
                         "that answer (a re-rating): merged as the older version's rating; the current one is "
                         "unchanged")
    if same or unchanged_by_rater:
        if same and float(snap.get("time_spent_s") or 0.0) > float(local.time_spent_s or 0.0):
            local.time_spent_s = float(snap["time_spent_s"])  # time on item grows without a new revision
            rep.time_raised += 1
        rep.unchanged.append(uid)
        return
    synced = _synced_digests(session, local.uid, snap.get("base") if local.uid == uid else None)
    if rating_digest(before) in synced:  # nobody changed it here since the pack or the last merge of it
        apply_snapshot(session, local, snap, crit_ids, cv_id)
        session.flush()
        rep.updated.append(uid)
        _audit(session, c.study, actor, "rating.merge_update", local.uid, before, rating_snapshot(session, local))
        return
    if rating_digest(snap) in synced:
        rep.skipped.append({"uid": uid, "reason": "unchanged by the rater since the pack or the last "
                                                  "merge; the newer local version is kept"})
        return
    incoming = {k: v for k, v in snap.items() if k != "base"}
    open_conflict = session.scalar(select(RatingConflict).where(RatingConflict.rating_id == local.id,
                                                                RatingConflict.resolved.is_(False))
                                   .order_by(RatingConflict.id.desc()).limit(1))
    if open_conflict is not None:  # the rater went on: the open conflict shows her newest version
        open_conflict.incoming = incoming
        open_conflict.source_file = c.path.name
    else:
        session.add(RatingConflict(rating_id=local.id, local=before, incoming=incoming, source_file=c.path.name))
    session.flush()
    rep.conflicts.append(uid)
    _audit(session, c.study, actor, "rating.conflict", local.uid, before, incoming)


def _merge_feedback(session: Session, c: CheckedReturn, rep: FileReport) -> None:
    for item in c.feedback:
        if session.scalar(select(Feedback.id).where(Feedback.uid == item["uid"])) is not None:
            rep.feedback_skipped += 1  # verify refused a uid of another rater's feedback
            continue
        rid = c.scope.responses[item["response_uid"]][0] if item.get("response_uid") is not None else None
        session.add(Feedback(uid=item["uid"], rater_id=c.rater.id, criterion_id=c.scope.criteria[item["criterion_uid"]][0],
                             response_id=rid, kind=item["kind"], note=item.get("note") or "",
                             created_at=parse_iso(item.get("created_at")) or utcnow()))
        rep.feedback_added += 1


def _merge_audit(session: Session, c: CheckedReturn, look: _Lookup, rep: FileReport) -> None:
    """The rater's own edit events (verify let no other kind through), recorded as the return's:
    the rater as actor, dated now, the rater's clock and the source kept in ``after``."""
    for item in c.audit:
        event_uid = str(uuid.uuid5(AUDIT_NAMESPACE, f"{c.pack.uid}:{item['uid']}"))
        if session.scalar(select(AuditEvent.id).where(AuditEvent.uid == event_uid)) is not None:
            continue
        rating = look.by_uid.get(item["entity_uid"])
        after = dict(item.get("after") or {})
        after["_from_return"] = {"pack_uid": c.pack.uid, "file": c.path.name, "event_uid": item["uid"],
                                 "rater_clock": item.get("created_at")}
        session.add(AuditEvent(uid=event_uid, study_id=c.study.id, actor=c.rater.name, action=item["action"],
                               entity_type="rating", entity_uid=rating.uid if rating else item["entity_uid"],
                               before=item.get("before"), after=after))
        rep.audit_imported += 1


def _merge_file(session: Session, c: CheckedReturn, actor: str) -> tuple[FileReport, MergeRecord | None]:
    rep = FileReport(file=c.path.name, study=c.study.name, rater=c.rater.name, content_hash=c.content_hash,
                     pack=c.pack.uid)
    if session.scalar(select(MergeRecord.id).where(MergeRecord.study_id == c.study.id,
                                                   MergeRecord.content_hash == c.content_hash)) is not None:
        rep.already_merged = True
        return rep, None
    look = _Lookup.load(session, c)
    for snap in c.ratings:
        _merge_rating(session, c, snap, rep, actor, look)
    look.flush_new(session, c)
    _merge_feedback(session, c, rep)
    _merge_audit(session, c, look, rep)
    if not rep.changed:
        return rep, None
    summary = {k: v for k, v in asdict(rep).items() if k != "file"}
    record = MergeRecord(study_id=c.study.id, rater_id=c.rater.id, content_hash=c.content_hash,
                         file_name=c.path.name, report=summary)
    session.add(record)
    session.flush()
    return rep, record


def merge_return_files(store: Store, paths: list[str | os.PathLike[str]], *, actor: str = "",
                       study: str | None = None) -> MergeReport:
    """Check every return file, merge them all in one transaction, back up before committing a change."""
    if not paths:
        raise InputError("no return files given")
    files = [Path(p) for p in paths]
    with store.Session() as session:
        checked = [check_return_file(session, p) for p in files]
        if study is not None:
            for c in checked:
                if study not in (c.study.name, c.study.uid):
                    raise InputError(f"this return is for study {c.study.name!r}, not {study!r}", file=str(c.path))
    backup: Path | None = None
    reports: list[FileReport] = []
    session = store.Session()
    try:
        session.begin()
        records = []
        for c in checked:
            c.pack, c.study, c.rater = (session.get(ReviewPack, c.pack.id), session.get(Study, c.study.id),
                                        session.get(Rater, c.rater.id))
            rep, record = _merge_file(session, c, actor)
            reports.append(rep)
            if record is not None:
                records.append((c, rep, record))
        if not records:
            session.rollback()
            return MergeReport(files=reports, backup=None)
        try:
            backup = backup_database(store)  # another connection: the state before this transaction
        except (OSError, DBAPIError) as exc:
            raise ReviewerError(f"cannot write the backup copy of the study database before merging ({exc}); "
                                "nothing was merged: free some disk space or check the folder, then merge "
                                "again") from exc
        for c, rep, record in records:
            _audit(session, c.study, actor, "merge", record.uid, None,
                   {"file": c.path.name, "rater": c.rater.name, "pack_uid": c.pack.uid,
                    "inserted": len(rep.inserted), "updated": len(rep.updated), "conflicts": len(rep.conflicts),
                    "older": len(rep.older), "skipped": len(rep.skipped), "backup": str(backup)},
                   etype="merge_record")
        session.commit()
    except StaleDataError as exc:
        discard_backup(backup)
        raise ConflictError("a rating was changed by someone else during the merge; nothing was merged: "
                            "merge again") from exc
    except BaseException:
        session.rollback()
        discard_backup(backup)
        raise
    finally:
        session.close()
    return MergeReport(files=reports, backup=str(backup))
