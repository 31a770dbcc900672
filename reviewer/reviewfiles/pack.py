"""Packing a review file (``.rvw``) for one rater, and opening one for rating.

A review file is a zip holding ``manifest.json`` and ``review.db``. The manifest carries the pack's
random secret (``return_secret``, 256 bits), which the coordinator's database keeps in the pack's
record (ReviewPack, with the responses the pack was issued for): a return is authenticated with it
(:mod:`reviewer.reviewfiles.auth`). The database is an ordinary
study database (made with :func:`open_store`, so the same schema and migrations) that holds only
what the rater needs: their assigned cases and responses (uids preserved), the checklist versions
they rate against (uids preserved), the rating scheme, the rater, their assignments and their own
current earlier ratings (:mod:`reviewer.store.current`, with their evidence and "come back later" flag) and feedback (``new_only``: only the assignments the rater has not yet submitted a
rating of, e.g. round 2 of a plan; the pack record then lists just those). Model rows are renamed ``blinded-N`` (in an order shuffled per file)
with path, revision and meta cleared; responses lose their generation settings, seed, tokens,
latency, device, external id and generation run. Nothing of other raters, no judge runs or
verdicts, no assignment design (it names the other raters), no audit events.

Working copy (where the app autosaves): :func:`open_review_file` unpacks ``review.db`` once into a
folder beside the file, ``NAME.rvw.work/`` (falling back to ``<user data>/reviewer/review-work/
<pack uid>/`` when the file's folder is not writable). Every rating the app saves is committed to
that SQLite database at once (WAL, synchronous=FULL), so a crash loses nothing; the working
database is the source of truth, and :func:`reviewer.reviewfiles.ret.write_return_file` reads it.
Opening the same review file again reuses the working copy, never overwriting it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from reviewer.errors import InputError, NotFoundError, ReviewerError
from reviewer.files import atomic_path
from reviewer.reviewfiles.auth import SECRET_FIELD, new_secret
from reviewer.reviewfiles.common import (
    FORMAT_VERSION,
    MANIFEST,
    REVIEW_DB,
    REVIEW_FORMAT,
    check_format,
    extract_zip_member,
    iso,
    rating_digest,
    rating_snapshots,
    read_zip,
    sha256_file,
)
from reviewer.reviewfiles.workcopy import fallback_workdir, workdir_for  # noqa: F401  (re-exported)
from reviewer.store import Store, open_store
from reviewer.store.current import is_current
from reviewer.store.models import (
    Assignment,
    AuditEvent,
    Base,
    ChecklistVersion,
    Model,
    Rater,
    Rating,
    ReviewPack,
    Study,
    new_uid,
    utcnow,
)
from reviewer.store.vocabulary import SUBMITTED


class NothingNewError(InputError):
    """A ``new_only`` pack for a rater who has submitted a rating of every assigned answer."""


@dataclass
class PackResult:
    path: Path
    manifest: dict[str, Any]


def _rows(src: Session, table: Table, *where: Any) -> list[dict[str, Any]]:
    """Plain column dicts of *table* (Core: no ORM objects, fast for thousands of rows)."""
    query = select(table)
    for clause in where:
        query = query.where(clause)
    return [dict(r) for r in src.execute(query.order_by(table.c.id)).mappings()]


def _in(column: Any, ids: list[int]) -> Any:
    return column.in_(ids) if ids else column.in_([-1])


def _insert(dst: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        dst.execute(insert(table), rows)


def find_rater(session: Session, rater: str) -> Rater:
    """A rater by name or uid."""
    row = session.scalar(select(Rater).where((Rater.name == rater) | (Rater.uid == rater)))
    if row is None:
        raise NotFoundError(f"no rater named {rater!r} in this database")
    return row


def _rater_study(session: Session, rater: Rater, study: str | None) -> Study:
    if study is not None:
        row = session.scalar(select(Study).where((Study.name == study) | (Study.uid == study)))
        if row is None:
            raise NotFoundError(f"no study named {study!r} in this database")
        return row
    # DISTINCT over study ids, not study rows: PostgreSQL cannot compare the JSON settings column
    study_ids = session.scalars(select(Assignment.study_id).where(Assignment.rater_id == rater.id).distinct()).all()
    rows = session.scalars(select(Study).where(Study.id.in_(study_ids)).order_by(Study.name)).all()
    if not rows:
        raise NotFoundError(f"rater {rater.name!r} has no assignments; run 'reviewer assign' first")
    if len(rows) > 1:
        raise NotFoundError(f"rater {rater.name!r} has assignments in several studies "
                            f"({', '.join(s.name for s in rows)}): name one with --study")
    return rows[0]


def _submitted_response_ids(src: Session, rater: Rater) -> set[int]:
    """The responses *rater* has a submitted rating of (a draft is not done)."""
    return set(src.scalars(select(Rating.response_id).where(Rating.rater_id == rater.id,
                                                             Rating.status == SUBMITTED, is_current())))


def _copy_content(src: Session, dst: Session, study: Study, rater: Rater, seed: str, *, new_only: bool = False
                  ) -> tuple[int, dict[str, Any], list[str]]:
    """Copy the rater's share of *study* from *src* into the empty database of *dst*.

    Rows keep their uids and (the database being empty) their local ids, except the models,
    which become ``blinded-N``. With *new_only*, only the assignments whose response the rater
    has not yet submitted a rating of. Returns the item count, the base (digest, version,
    updated_at) of each copied rating and the uids of the copied responses (what the pack holds).
    """
    t = {name: Base.metadata.tables[name] for name in (
        "study", "rating_scheme", "rater", "model", "case", "checklist_version", "criterion", "response",
        "assignment", "rating", "criterion_rating", "evidence", "feedback")}
    assignments = _rows(src, t["assignment"], t["assignment"].c.study_id == study.id,
                        t["assignment"].c.rater_id == rater.id)
    if not assignments:
        raise NotFoundError(f"rater {rater.name!r} has no assignments in study {study.name!r}")
    if new_only:
        done = _submitted_response_ids(src, rater)
        assignments = [a for a in assignments if a["response_id"] not in done]
        if not assignments:
            raise NothingNewError(f"nothing new to rate for {rater.name}: every answer assigned to them in study "
                             f"{study.name!r} has a submitted rating already")
    response_ids = sorted({a["response_id"] for a in assignments})
    responses = _rows(src, t["response"], _in(t["response"].c.id, response_ids))
    case_ids = sorted({r["case_id"] for r in responses})
    cases = _rows(src, t["case"], _in(t["case"].c.id, case_ids))
    # the rater's current ratings only (reviewer.store.current): ratings a re-rating superseded
    # stay in the study, read-only, and are not the rater's to change
    ratings = src.scalars(select(Rating).where(Rating.rater_id == rater.id, _in(Rating.response_id, response_ids),
                                               is_current()).order_by(Rating.id)).all()
    latest = dict(src.execute(select(ChecklistVersion.case_id, func.max(ChecklistVersion.version))
                              .where(_in(ChecklistVersion.case_id, case_ids))
                              .group_by(ChecklistVersion.case_id)).all())
    # the versions the rater rated and those their assignments name (a re-rating request)
    rated_versions = {r.checklist_version_id for r in ratings} | {a["checklist_version_id"] for a in assignments}
    checklists = [dict(cv, parent_id=None) for cv in _rows(src, t["checklist_version"],
                                                           _in(t["checklist_version"].c.case_id, case_ids))
                  if cv["version"] == latest.get(cv["case_id"]) or cv["id"] in rated_versions]
    cv_ids = [cv["id"] for cv in checklists]
    criteria = _rows(src, t["criterion"], _in(t["criterion"].c.checklist_version_id, cv_ids))
    crit_ids = {c["id"] for c in criteria}
    response_set = set(response_ids)

    _insert(dst, t["study"], _rows(src, t["study"], t["study"].c.id == study.id))
    _insert(dst, t["rating_scheme"], _rows(src, t["rating_scheme"], t["rating_scheme"].c.study_id == study.id))
    _insert(dst, t["rater"], _rows(src, t["rater"], t["rater"].c.id == rater.id))
    model_ids = sorted({r["model_id"] for r in responses})
    random.Random(seed).shuffle(model_ids)
    model_map = {mid: n for n, mid in enumerate(model_ids, start=1)}
    now = utcnow()
    _insert(dst, t["model"], [{"id": n, "uid": new_uid(), "study_id": study.id, "name": f"blinded-{n}",
                               "kind": "imported", "path": None, "revision": None, "meta": {},
                               "created_at": now, "updated_at": now} for n in sorted(model_map.values())])
    secrets = model_secrets(src, study)
    for case in cases:
        case["meta"] = {k: v for k, v in (case["meta"] or {}).items()
                        if not _mentions(json.dumps(v, ensure_ascii=False), secrets)}
    _insert(dst, t["case"], cases)
    _insert(dst, t["checklist_version"], checklists)
    _insert(dst, t["criterion"], criteria)
    for resp in responses:
        resp.update(model_id=model_map[resp["model_id"]], external_id=None, generation_run_id=None, settings={},
                    seed=None, prompt_tokens=None, completion_tokens=None, latency_ms=None, device=None,
                    content_hash="")
    _insert(dst, t["response"], responses)
    _insert(dst, t["assignment"], [dict(a, design_id=None, checklist_version_id=a["checklist_version_id"]
                                        if a["checklist_version_id"] in cv_ids else None) for a in assignments])
    base: dict[str, Any] = {}
    for snap in rating_snapshots(src, list(ratings)):
        base[snap["uid"]] = {"digest": rating_digest(snap), "version": snap["version"],
                             "updated_at": snap["updated_at"]}
    rating_rows = [dict(r, checklist_version_id=r["checklist_version_id"] if r["checklist_version_id"] in cv_ids
                        else None) for r in _rows(src, t["rating"], _in(t["rating"].c.id, [r.id for r in ratings]))]
    _insert(dst, t["rating"], rating_rows)
    _insert(dst, t["criterion_rating"],
            [cr for cr in _rows(src, t["criterion_rating"], _in(t["criterion_rating"].c.rating_id,
                                                                  [r["id"] for r in rating_rows]))
             if cr["criterion_id"] in crit_ids])
    _insert(dst, t["evidence"],
            [ev for ev in _rows(src, t["evidence"], _in(t["evidence"].c.rating_id, [r["id"] for r in rating_rows]))
             if ev["criterion_id"] in crit_ids])
    _insert(dst, t["feedback"],
            [fb for fb in _rows(src, t["feedback"], t["feedback"].c.rater_id == rater.id)
             if fb["criterion_id"] in crit_ids and (fb["response_id"] is None or fb["response_id"] in response_set)])
    dst.flush()
    return len(assignments), base, sorted(r["uid"] for r in responses)


def model_secrets(session: Session, study: Study) -> list[str]:
    """Model names, paths and revisions of *study*: none of them may appear in a review file."""
    rows = session.execute(select(Model.name, Model.path, Model.revision).where(Model.study_id == study.id)).all()
    return sorted({v for row in rows for v in row if v and len(v) >= 3})


def _mentions(text: str, secrets: list[str]) -> bool:
    low = text.lower()
    return any(secret.lower() in low for secret in secrets)


def _check_blinded(db_file: Path, secrets: list[str]) -> None:
    """Refuse to ship a database in which a model name still appears (e.g. inside a case text)."""
    low = db_file.read_bytes().lower()
    found = [secret for secret in secrets if secret.lower().encode() in low]
    if found:
        raise ReviewerError(f"cannot pack: the model name or path {found[0]!r} appears in the content this "
                            "rater would see (a case text, title, reference or checklist); edit it out first")


@cache
def _empty_database() -> bytes:
    """An empty study database at the current schema (migrated once per process, then copied)."""
    with tempfile.TemporaryDirectory(prefix="rvw-empty-") as tmp:
        store = open_store(Path(tmp) / REVIEW_DB)
        _close_sqlite(store)
        return (Path(tmp) / REVIEW_DB).read_bytes()


def _close_sqlite(store: Store) -> None:
    """Fold the WAL into the main file and close, so that the one file holds everything."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def pack_review_file(store: Store, rater: str, out_path: str | os.PathLike[str], *, study: str | None = None,
                     actor: str = "", new_only: bool = False) -> PackResult:
    """Write the review file of *rater* (name or uid) to *out_path*; see the module doc.

    With *new_only* the file holds only the rater's assignments whose response they have no
    submitted rating of yet (drafts count as not done): round 2 of a plan without round 1's
    answers. Nothing left to rate is refused (:class:`NothingNewError`, an :class:`InputError`).

    The pack is recorded in the study database before the file appears: a ReviewPack row (the
    secret that authenticates its returns, the responses it holds) and an AuditEvent
    (``review_file.pack``).
    """
    out = Path(out_path)
    if out.suffix.lower() != ".rvw":
        raise InputError("a review file's name must end in .rvw", file=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    pack_uid = new_uid()
    with tempfile.TemporaryDirectory(prefix=".rvw-pack-", dir=out.parent) as tmp:
        db_file = Path(tmp) / REVIEW_DB
        db_file.write_bytes(_empty_database())
        target = open_store(db_file, upgrade=False)
        try:
            with store.Session() as src, target.begin() as dst:
                rater_row = find_rater(src, rater)
                study_row = _rater_study(src, rater_row, study)
                items, base, response_uids = _copy_content(src, dst, study_row, rater_row, pack_uid,
                                                           new_only=new_only)
                ids = {"study_uid": study_row.uid, "study_name": study_row.name,
                       "rater_uid": rater_row.uid, "rater_name": rater_row.name}
        finally:
            _close_sqlite(target)
        for suffix in ("-wal", "-shm"):
            Path(str(db_file) + suffix).unlink(missing_ok=True)
        with store.Session() as src:
            _check_blinded(db_file, model_secrets(src, src.scalar(select(Study).where(Study.uid == ids["study_uid"]))))
        secret = new_secret()
        manifest = {
            "format": REVIEW_FORMAT, "format_version": FORMAT_VERSION, "pack_uid": pack_uid, **ids,
            "created_at": iso(utcnow()), "item_count": items, "db_sha256": sha256_file(db_file),
            "base_ratings": base, SECRET_FIELD: secret,
        }
        # the file lands whole (reviewer.files), after the pack is on record: a return from it can
        # always be checked
        with atomic_path(out) as partial:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
                zf.write(db_file, REVIEW_DB)
            with store.begin() as session:
                study_id = session.scalar(select(Study.id).where(Study.uid == ids["study_uid"]))
                rater_id = session.scalar(select(Rater.id).where(Rater.uid == ids["rater_uid"]))
                # exactly the responses in the file: its returns are verified against them
                session.add(ReviewPack(uid=pack_uid, study_id=study_id, rater_id=rater_id, secret=secret,
                                       response_uids=response_uids, file_name=out.name))
                session.add(AuditEvent(study_id=study_id, actor=actor, action="review_file.pack", entity_type="rater",
                                       entity_uid=ids["rater_uid"], before=None,
                                       after={"pack_uid": pack_uid, "file": out.name, "items": items,
                                              "new_only": new_only, "db_sha256": manifest["db_sha256"]}))
    return PackResult(path=out, manifest=manifest)


def extract_review_file(path: Path, dest: Path) -> dict[str, Any]:
    """Check a review file and stream its database to *dest* (hash verified); its manifest."""
    manifest, _ = read_zip(path, "review file", ())
    check_format(manifest, path, REVIEW_FORMAT)
    digest = extract_zip_member(path, "review file", REVIEW_DB, dest)
    if digest != manifest.get("db_sha256"):
        dest.unlink(missing_ok=True)
        raise InputError("review file damaged: the database does not match the SHA-256 in its manifest",
                         file=str(path), item=REVIEW_DB)
    return manifest


def open_review_file(path: str | os.PathLike[str]) -> tuple[Store, dict[str, Any]]:
    """Open a review file for rating: the store of its working copy and its manifest.

    The first call unpacks (hash checked); later calls reuse the working copy. A working copy that
    belongs to another review file (another pack) is never overwritten: that is an error.
    """
    path = Path(path)
    work = workdir_for(path)
    work_manifest = work / MANIFEST
    if work_manifest.exists():
        manifest = json.loads(work_manifest.read_text("utf-8"))
        if path.exists():
            file_manifest, _ = read_zip(path, "review file", ())
            if file_manifest.get("pack_uid") != manifest.get("pack_uid"):
                raise ReviewerError(
                    f"{work} holds the work of another review file (packed {manifest.get('created_at')}); "
                    "return that one first, or move the folder away before opening this file")
        return open_store(work / REVIEW_DB), manifest
    made = not work.exists()
    work.mkdir(parents=True, exist_ok=True)
    try:
        manifest = extract_review_file(path, work / REVIEW_DB)
    except ReviewerError:
        if made:
            shutil.rmtree(work, ignore_errors=True)
        raise
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    return open_store(work / REVIEW_DB), manifest


def discard_working_copy(path: str | os.PathLike[str]) -> None:
    """Remove the working copy of a review file (after its return has been merged)."""
    work = workdir_for(Path(path))
    if work.exists():
        shutil.rmtree(work)
