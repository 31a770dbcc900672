"""Ratings that changed on both sides of a merge: list them, and settle each one.

The merge keeps the local rating and stores the incoming version in RatingConflict. The
coordinator then keeps the local one (the incoming one stays on record) or takes the incoming
one; either way the conflict is marked resolved and an AuditEvent (``rating.conflict_resolve``)
records who chose what, with the rating before and after.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError, NotFoundError
from reviewer.reviewfiles.common import rating_snapshot
from reviewer.reviewfiles.merge import apply_snapshot, snapshot_criteria
from reviewer.store.models import (
    AuditEvent,
    Case,
    ChecklistVersion,
    Criterion,
    Rater,
    Rating,
    RatingConflict,
    Response,
    Study,
)

KEEP = ("local", "incoming")


def list_conflicts(session: Session, *, study: str | None = None, include_resolved: bool = False
                   ) -> list[dict[str, Any]]:
    """Conflicts, oldest first: uid, rating, rater, response, file, resolved, both versions."""
    query = (select(RatingConflict, Rating.uid, Rater.name, Response.uid, Study.name)
             .join(Rating, RatingConflict.rating_id == Rating.id).join(Rater, Rating.rater_id == Rater.id)
             .join(Response, Rating.response_id == Response.id).join(Case, Response.case_id == Case.id)
             .join(Study, Case.study_id == Study.id))
    if study is not None:
        query = query.where((Study.name == study) | (Study.uid == study))
    if not include_resolved:
        query = query.where(RatingConflict.resolved.is_(False))
    return [{"uid": c.uid, "rating_uid": ruid, "rater": rater, "response_uid": resp, "study": sname,
             "file": c.source_file, "created_at": c.created_at.isoformat(timespec="seconds"),
             "resolved": c.resolved, "local": c.local, "incoming": c.incoming}
            for c, ruid, rater, resp, sname in session.execute(query.order_by(RatingConflict.id))]


def resolve_conflict(session: Session, conflict_uid: str, keep: str, *, actor: str = "") -> dict[str, Any]:
    """Settle one conflict by keeping the ``local`` or the ``incoming`` version; returns the rating after."""
    if keep not in KEEP:
        raise InputError(f"keep must be 'local' or 'incoming', not {keep!r}")
    conflict = session.scalar(select(RatingConflict).where(RatingConflict.uid == conflict_uid))
    if conflict is None:
        raise NotFoundError(f"no rating conflict with uid {conflict_uid!r}")
    if conflict.resolved:
        raise InputError("this conflict is already resolved", item=conflict_uid)
    rating = session.get(Rating, conflict.rating_id)
    before = rating_snapshot(session, rating)
    if keep == "incoming":
        snap = conflict.incoming
        crit_uids = snapshot_criteria({"criteria": snap.get("criteria") or {}, "evidence": snap.get("evidence")})
        crit_ids = dict(session.execute(select(Criterion.uid, Criterion.id).where(Criterion.uid.in_(crit_uids))).all())
        missing = [u for u in crit_uids if u not in crit_ids]
        if missing:
            raise InputError(f"the incoming version names criteria that no longer exist: {', '.join(missing[:3])}",
                             item=conflict_uid)
        cv_id = session.scalar(select(ChecklistVersion.id)
                               .where(ChecklistVersion.uid == snap.get("checklist_version_uid")))
        apply_snapshot(session, rating, snap, crit_ids, cv_id)
    conflict.resolved = True
    session.flush()
    after = rating_snapshot(session, rating)
    study_id = session.scalar(select(Case.study_id).join(Response, Response.case_id == Case.id)
                              .where(Response.id == rating.response_id))
    session.add(AuditEvent(study_id=study_id, actor=actor, action="rating.conflict_resolve", entity_type="rating",
                           entity_uid=rating.uid, before=before, after={**after, "kept": keep,
                                                                        "conflict_uid": conflict.uid}))
    session.flush()
    return after
