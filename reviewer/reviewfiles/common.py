"""What review files, return files and merges share: hashes, rating snapshots, safe zip reading.

A rating *snapshot* is a plain dict (uids only, no local ids) that can travel between databases;
its *digest* covers only what the rater decided (criterion values, scores, comment, safety flag,
status, and the evidence and "come back later" flag when there are any), not the time spent, so
that merely opening an item on one side is not a change. A rating without evidence that is not set
aside has the digest it had before evidence travelled, so older packs and returns still agree.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.files import atomic_path
from reviewer.reviewfiles.workcopy import MANIFEST, REVIEW_DB  # noqa: F401  (re-exported)
from reviewer.reviewfiles.zipread import ZipBoundError, extract_member, read_member
from reviewer.store.models import (
    SUBMITTED,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Evidence,
    Rater,
    Rating,
    Response,
)

REVIEW_FORMAT = "reviewer-review-file"
RETURN_FORMAT = "reviewer-return-file"
# 2: returns carry an HMAC (reviewer.reviewfiles.auth) and per-rating revisions; a return of
# format 1 (a bare SHA-256 anyone can recompute) is refused
FORMAT_VERSION = 2
PAYLOAD = "payload.json"
SUBMITTED_STATUS = SUBMITTED
# The audit events a return may carry: the rater's own edits in the working copy (written by
# reviewer.rating.service); the merge records them as coming from the return.
RATER_EDIT_ACTIONS = ("rating.submit", "rating.edit_submitted")
DIGEST_FIELDS = ("status", "overall_score", "extra_scores", "comment", "safety_flag", "criteria")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def canonical_json(data: Any) -> bytes:
    """Stable bytes for hashing: sorted keys, no whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def parse_iso(value: str | None) -> datetime | None:
    """A stored (naive UTC) time from ISO text; a time with an offset is converted to UTC."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo is not None else parsed


def rating_snapshot(session: Session, rating: Rating) -> dict[str, Any]:
    """A rating as plain data keyed by uids (criterion values keyed by criterion uid)."""
    crit_rows = session.execute(
        select(Criterion.uid, CriterionRating.value).join(CriterionRating, CriterionRating.criterion_id == Criterion.id)
        .where(CriterionRating.rating_id == rating.id)
    ).all()
    checklist_uid = None
    if rating.checklist_version_id is not None:
        checklist_uid = session.scalar(select(ChecklistVersion.uid)
                                       .where(ChecklistVersion.id == rating.checklist_version_id))
    return {
        "uid": rating.uid,
        "response_uid": session.scalar(select(Response.uid).where(Response.id == rating.response_id)),
        "rater_uid": session.scalar(select(Rater.uid).where(Rater.id == rating.rater_id)),
        "checklist_version_uid": checklist_uid,
        "status": rating.status,
        "overall_score": rating.overall_score,
        "extra_scores": dict(rating.extra_scores or {}),
        "comment": rating.comment or "",
        "safety_flag": bool(rating.safety_flag),
        "time_spent_s": float(rating.time_spent_s or 0.0),
        "submitted_at": iso(rating.submitted_at),
        "created_at": iso(rating.created_at),
        "updated_at": iso(rating.updated_at),
        "version": rating.version,
        "criteria": {uid: value for uid, value in sorted(crit_rows)},
        "skipped": bool(rating.skipped),
        "evidence": _evidence_of(session, [rating.id])[rating.id],
    }


def _evidence_of(session: Session, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The evidence of each rating as plain data (criterion uid, start, end, quote), sorted."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        for rid, cuid, s, e, quote in session.execute(
                select(Evidence.rating_id, Criterion.uid, Evidence.start, Evidence.end, Evidence.quote)
                .join(Criterion, Evidence.criterion_id == Criterion.id)
                .where(Evidence.rating_id.in_(ids[start:start + 500]))):
            out[rid].append({"criterion_uid": cuid, "start": s, "end": e, "quote": quote or ""})
    for items in out.values():
        items.sort(key=evidence_key)
    return out


def evidence_key(item: dict[str, Any]) -> tuple[str, int, int, str]:
    """The sort order (and identity) of one evidence item."""
    return (item["criterion_uid"], item["start"], item["end"], item["quote"])


def rating_snapshots(session: Session, ratings: list[Rating]) -> list[dict[str, Any]]:
    """:func:`rating_snapshot` for many ratings with a handful of queries (same output)."""
    if not ratings:
        return []
    ids = [r.id for r in ratings]
    crit: dict[int, dict[str, str]] = {i: {} for i in ids}
    resp_uid: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for rid, cuid, value in session.execute(
                select(CriterionRating.rating_id, Criterion.uid, CriterionRating.value)
                .join(Criterion, CriterionRating.criterion_id == Criterion.id)
                .where(CriterionRating.rating_id.in_(chunk))):
            crit[rid][cuid] = value
        resp_uid.update(session.execute(select(Rating.id, Response.uid).join(Response, Rating.response_id == Response.id)
                                        .where(Rating.id.in_(chunk))).all())
    evidence = _evidence_of(session, ids)
    cv_ids = sorted({r.checklist_version_id for r in ratings if r.checklist_version_id is not None})
    cv_uid = dict(session.execute(select(ChecklistVersion.id, ChecklistVersion.uid)
                                  .where(ChecklistVersion.id.in_(cv_ids))).all()) if cv_ids else {}
    rater_uid = dict(session.execute(select(Rater.id, Rater.uid)
                                     .where(Rater.id.in_(sorted({r.rater_id for r in ratings})))).all())
    return [{
        "uid": r.uid, "response_uid": resp_uid.get(r.id), "rater_uid": rater_uid.get(r.rater_id),
        "checklist_version_uid": cv_uid.get(r.checklist_version_id) if r.checklist_version_id else None,
        "status": r.status, "overall_score": r.overall_score, "extra_scores": dict(r.extra_scores or {}),
        "comment": r.comment or "", "safety_flag": bool(r.safety_flag), "time_spent_s": float(r.time_spent_s or 0.0),
        "submitted_at": iso(r.submitted_at), "created_at": iso(r.created_at), "updated_at": iso(r.updated_at),
        "version": r.version, "criteria": dict(sorted(crit[r.id].items())),
        "skipped": bool(r.skipped), "evidence": evidence[r.id],
    } for r in ratings]


def rating_digest(snapshot: dict[str, Any]) -> str:
    """SHA-256 of what the rater decided (see the module doc)."""
    decided = {k: snapshot.get(k) for k in DIGEST_FIELDS}
    if snapshot.get("evidence"):  # only when there is some: the digest of a rating without stays as it was
        decided["evidence"] = sorted(snapshot["evidence"], key=evidence_key)
    if snapshot.get("skipped"):
        decided["skipped"] = True
    return sha256_bytes(canonical_json(decided))


@contextmanager
def zip_errors(path: Path, kind: str) -> Iterator[None]:
    """Turn what reading a zip can raise into an InputError naming the file."""
    try:
        yield
    except InputError:
        raise
    except ZipBoundError as exc:
        raise InputError(f"refused: {exc}", file=str(path)) from exc
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            raise InputError(f"damaged or tampered: a member's checksum does not match ({exc})",
                             file=str(path)) from exc
        raise InputError(f"not a {kind}, or truncated/corrupt (not a readable zip: {exc})", file=str(path)) from exc
    except (zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"damaged or tampered: the {kind} cannot be read ({exc})", file=str(path)) from exc


def read_zip(path: Path, kind: str, members: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and raw members of a review/return zip, or an InputError naming the problem.

    Members are read with the bounds of :mod:`reviewer.reviewfiles.zipread` (a zip bomb is refused
    by its declared sizes before anything is expanded).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    with zip_errors(path, kind), zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        missing = [m for m in (MANIFEST, *members) if m not in names]
        if missing:
            raise InputError(f"not a {kind}: missing {', '.join(missing)} inside the zip", file=str(path))
        raw = {name: read_member(zf, name) for name in (MANIFEST, *members)}
    try:
        manifest = json.loads(raw[MANIFEST].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"the manifest is not valid JSON ({exc})", file=str(path), item=MANIFEST) from exc
    if not isinstance(manifest, dict):
        raise InputError("the manifest is not a JSON object", file=str(path), item=MANIFEST)
    return manifest, raw


def extract_zip_member(path: Path, kind: str, name: str, dest: Path) -> str:
    """Stream member *name* of a review zip to *dest* (bounded, whole or nothing); its SHA-256."""
    with zip_errors(path, kind), zipfile.ZipFile(path) as zf:
        if name not in zf.namelist():
            raise InputError(f"not a {kind}: missing {name} inside the zip", file=str(path))
        return extract_member(zf, name, dest)


def canonical_bytes(data: Any, path: Path, item: str) -> bytes:
    """:func:`canonical_json`, or an InputError when the data holds text that is not Unicode."""
    try:
        return canonical_json(data)
    except (UnicodeEncodeError, ValueError, RecursionError) as exc:
        raise InputError(f"holds text that is not valid Unicode or data nested too deeply ({exc})",
                         file=str(path), item=item) from exc


def write_zip_atomically(out: Path, members: dict[str, bytes]) -> None:
    """Write a zip of *members* through :func:`reviewer.files.atomic_path`: a failure leaves no
    partial file and an existing *out* untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as partial, zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def check_format(manifest: dict[str, Any], path: Path, expected: str) -> None:
    fmt = manifest.get("format")
    if fmt != expected:
        raise InputError(f"not a {expected.replace('reviewer-', '').replace('-', ' ')} (format is {fmt!r})",
                         file=str(path), item=MANIFEST)
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InputError(f"format version {version!r} is newer than this program understands "
                         f"({FORMAT_VERSION}); update reviewer", file=str(path), item=MANIFEST)
