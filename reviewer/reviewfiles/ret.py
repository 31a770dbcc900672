"""Writing a return file: a rater's ratings, feedback and time spent, authenticated by its pack.

A return file (suggested suffix ``.rvr``) is a zip of ``manifest.json`` and ``payload.json``.
The manifest names the study and the rater (uids and names), the review file it comes from
(``pack_uid`` and the SHA-256 of its database at pack time), when it was written, counts, the
SHA-256 of the (canonical) payload and ``mac``: HMAC-SHA256 with the pack's secret over manifest
and payload (:mod:`reviewer.reviewfiles.auth`), which only the holder of that review file can
compute. The payload holds every rating of the rater in the working copy (criterion values keyed
by criterion uid, scores, comment, safety flag, time spent, status, timestamps, the "come back
later" flag ``skipped`` and ``evidence``: a list of {criterion_uid, start, end, quote}) with its
``revision`` (the working copy's version of the row, which every edit raises, adding or removing
evidence and setting an item aside included, so a merge can tell
a newer return from an older one) and the *base* digest of that rating at pack time (so that a
merge can tell which side changed), plus the rater's feedback and the rater's own edit events
from the working copy (submits, edits of submitted ratings).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.errors import InputError
from reviewer.reviewfiles.auth import MAC_FIELD, SECRET_BYTES, SECRET_FIELD, return_mac
from reviewer.reviewfiles.common import (
    FORMAT_VERSION,
    MANIFEST,
    PAYLOAD,
    RATER_EDIT_ACTIONS,
    RETURN_FORMAT,
    REVIEW_DB,
    SUBMITTED_STATUS,
    canonical_json,
    iso,
    rating_snapshots,
    sha256_bytes,
    write_zip_atomically,
)
from reviewer.reviewfiles.pack import extract_review_file, workdir_for
from reviewer.store import open_store
from reviewer.store.models import AuditEvent, Criterion, Feedback, Rater, Rating, Response, utcnow


def _source(path: Path) -> tuple[Path, dict[str, Any], tempfile.TemporaryDirectory | None]:
    """The working database and manifest for a review file or a working-copy folder."""
    if path.is_dir():
        work = path
    else:
        work = workdir_for(path)
    if (work / MANIFEST).is_file() and (work / REVIEW_DB).is_file():
        return work / REVIEW_DB, json.loads((work / MANIFEST).read_text("utf-8")), None
    if path.is_dir():
        raise InputError("not a review working copy (no manifest.json and review.db inside)", file=str(path))
    # never opened: the ratings are those packed into the file
    tmp = tempfile.TemporaryDirectory(prefix="rvw-return-")
    db_file = Path(tmp.name) / REVIEW_DB
    try:
        manifest = extract_review_file(path, db_file)
    except BaseException:
        tmp.cleanup()
        raise
    return db_file, manifest, tmp


def build_payload(db_file: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """The return payload (see the module doc) read from a working database."""
    store = open_store(db_file)
    try:
        with store.Session() as s:
            rater = s.scalar(select(Rater).where(Rater.uid == manifest["rater_uid"]))
            if rater is None:
                raise InputError("the working copy does not hold the rater named in its manifest",
                                 file=str(db_file), item=manifest.get("rater_name"))
            base = manifest.get("base_ratings") or {}
            ratings = []
            rows = s.scalars(select(Rating).where(Rating.rater_id == rater.id).order_by(Rating.id)).all()
            for snap in rating_snapshots(s, list(rows)):
                snap["base"] = (base.get(snap["uid"]) or {}).get("digest")
                snap["revision"] = snap.pop("version")
                ratings.append(snap)
            feedback = []
            for fb in s.scalars(select(Feedback).where(Feedback.rater_id == rater.id).order_by(Feedback.id)):
                feedback.append({
                    "uid": fb.uid, "kind": fb.kind, "note": fb.note,
                    "criterion_uid": s.scalar(select(Criterion.uid).where(Criterion.id == fb.criterion_id)),
                    "response_uid": (s.scalar(select(Response.uid).where(Response.id == fb.response_id))
                                     if fb.response_id else None),
                    "created_at": iso(fb.created_at), "updated_at": iso(fb.updated_at),
                })
            audit = [{"uid": ev.uid, "actor": ev.actor, "action": ev.action, "entity_type": ev.entity_type,
                      "entity_uid": ev.entity_uid, "before": ev.before, "after": ev.after,
                      "created_at": iso(ev.created_at)}
                     for ev in s.scalars(select(AuditEvent).where(
                         AuditEvent.action.in_(RATER_EDIT_ACTIONS), AuditEvent.entity_type == "rating",
                         AuditEvent.entity_uid.in_([r["uid"] for r in ratings])).order_by(AuditEvent.id))]
    finally:
        store.close()
    return {
        "study_uid": manifest["study_uid"], "rater_uid": manifest["rater_uid"], "pack_uid": manifest.get("pack_uid"),
        "ratings": ratings, "feedback": feedback, "audit": audit,
        "time_spent_s": round(sum(r["time_spent_s"] for r in ratings), 3),
    }


def write_return_file(review_file_or_workdir: str | os.PathLike[str], out_path: str | os.PathLike[str]
                      ) -> dict[str, Any]:
    """Write the return file of a review file (or its working-copy folder) to *out_path*.

    Returns the return file's manifest.
    """
    src = Path(review_file_or_workdir)
    if not src.exists():
        raise InputError("no such review file or working copy", file=str(src))
    db_file, review_manifest, tmp = _source(src)
    try:
        secret = review_manifest.get(SECRET_FIELD)
        if not isinstance(secret, str) or len(secret) != 2 * SECRET_BYTES:
            raise InputError("this review file was packed by an older version of reviewer and carries no "
                             "secret to authenticate a return; ask the coordinator for a new review file "
                             "(the ratings stay in the working copy)", file=str(src))
        payload = build_payload(db_file, review_manifest)
    finally:
        if tmp is not None:
            tmp.cleanup()
    payload_bytes = canonical_json(payload)
    ratings = payload["ratings"]
    manifest = {
        "format": RETURN_FORMAT, "format_version": FORMAT_VERSION,
        "study_uid": review_manifest["study_uid"], "study_name": review_manifest.get("study_name"),
        "rater_uid": review_manifest["rater_uid"], "rater_name": review_manifest.get("rater_name"),
        "pack_uid": review_manifest.get("pack_uid"), "source_db_sha256": review_manifest.get("db_sha256"),
        "created_at": iso(utcnow()),
        "counts": {"ratings": len(ratings),
                   "submitted": sum(1 for r in ratings if r["status"] == SUBMITTED_STATUS),
                   "drafts": sum(1 for r in ratings if r["status"] != SUBMITTED_STATUS),
                   "feedback": len(payload["feedback"]), "time_spent_s": payload["time_spent_s"]},
        "payload_sha256": sha256_bytes(payload_bytes),
    }
    manifest[MAC_FIELD] = return_mac(secret, manifest, payload)
    write_zip_atomically(Path(out_path), {MANIFEST: json.dumps(manifest, indent=2, ensure_ascii=False).encode(),
                                          PAYLOAD: payload_bytes})
    return manifest
