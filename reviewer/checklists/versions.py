"""Versioned checklists: look up, edit (a new immutable version), diff, and read ratings as rated.

A :class:`~reviewer.store.models.ChecklistVersion` is never changed once written. An edit copies
the latest version into a new one (``version + 1``, ``parent_id`` = the old one, author, reason)
with fresh :class:`~reviewer.store.models.Criterion` rows that keep their stable ``key``; added
criteria get new keys that were never used on the case. Ratings, verdicts and feedback point at
the criterion *rows* of the version they were made on, so an old rating keeps showing the wording
the rater saw. Every edit writes an ``AuditEvent`` ("checklist.edit") with before/after snapshots.

The functions take an open ``Session`` (the caller owns the transaction: one user action = one
``store.begin()``) and return ORM rows or frozen DTOs that are safe to hand to the GUI.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reviewer.errors import ConflictError, InputError, NotFoundError
from reviewer.store.models import (
    AuditEvent,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Rater,
    Rating,
    Study,
)

EDITABLE_FIELDS = ("text", "points", "tier", "tags")
TIERS = ("core", "secondary")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Marks a field an edit leaves alone (``None`` is a real value: e.g. "no points")."""


# ---------------------------------------------------------------------------------------- edits
@dataclass(frozen=True)
class ChangeCriterion:
    """Change some fields of the criterion with this key (UNSET fields stay as they are)."""

    key: str
    text: Any = UNSET
    points: Any = UNSET
    tier: Any = UNSET
    tags: Any = UNSET


@dataclass(frozen=True)
class AddCriterion:
    """A new criterion, at *position* (0-based; default: at the end), with a new key."""

    text: str
    points: float | None = None
    tier: str | None = None
    tags: Sequence[str] = ()
    position: int | None = None
    key: str | None = None


@dataclass(frozen=True)
class RemoveCriterion:
    key: str


@dataclass(frozen=True)
class ReorderCriteria:
    """The new order, as the full list of keys."""

    keys: Sequence[str]


Edit = ChangeCriterion | AddCriterion | RemoveCriterion | ReorderCriteria


def edit_from_dict(data: Mapping[str, Any]) -> Edit:
    """An edit from a plain dict: ``{"op": "change"|"add"|"remove"|"reorder", ...}``."""
    data = dict(data)
    op = data.pop("op", "change")
    try:
        if op == "change":
            return ChangeCriterion(**data)
        if op == "add":
            return AddCriterion(**data)
        if op == "remove":
            return RemoveCriterion(**data)
        if op == "reorder":
            return ReorderCriteria(**data)
    except TypeError as exc:
        raise InputError(f"bad {op!r} edit: {exc}") from exc
    raise InputError(f"unknown edit op {op!r} (expected change, add, remove or reorder)")


# ----------------------------------------------------------------------------------------- DTOs
@dataclass(frozen=True)
class CriterionView:
    id: int
    uid: str
    key: str
    position: int
    text: str
    points: float | None
    tier: str | None
    tags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "position": self.position, "text": self.text, "points": self.points,
                "tier": self.tier, "tags": list(self.tags), "uid": self.uid}


@dataclass(frozen=True)
class ChecklistView:
    id: int
    uid: str
    case_id: int
    case_uid: str
    case_external_id: str | None
    case_title: str
    version: int
    parent_version: int | None
    author: str
    reason: str
    created_at: datetime | None
    criteria: tuple[CriterionView, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_external_id or self.case_uid, "case_uid": self.case_uid,
                "case_title": self.case_title, "version": self.version,
                "parent_version": self.parent_version, "author": self.author, "reason": self.reason,
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "uid": self.uid, "criteria": [c.to_dict() for c in self.criteria]}


@dataclass(frozen=True)
class CriterionChange:
    """How one criterion (by key) differs between two versions.

    kind: "added", "removed", "changed" (some of text/points/tier/tags differ) or "moved" (only
    its position differs). ``fields`` maps each changed field to ``(old, new)``.
    """

    key: str
    kind: str
    fields: dict[str, tuple[Any, Any]]
    old_position: int | None
    new_position: int | None
    old_text: str | None
    new_text: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind,
                "fields": {k: list(v) for k, v in self.fields.items()},
                "old_position": self.old_position, "new_position": self.new_position,
                "old_text": self.old_text, "new_text": self.new_text}


@dataclass(frozen=True)
class RatedCriterion:
    """One criterion answer of a rating, with the wording of the version the rater saw."""

    key: str
    version: int
    text: str
    points: float | None
    tier: str | None
    value: str


def criterion_view(c: Criterion) -> CriterionView:
    return CriterionView(id=c.id, uid=c.uid, key=c.key, position=c.position, text=c.text,
                         points=c.points, tier=c.tier, tags=tuple(c.tags or ()))


def checklist_view(session: Session, cv: ChecklistVersion) -> ChecklistView:
    case = session.get(Case, cv.case_id)
    assert case is not None
    parent = session.get(ChecklistVersion, cv.parent_id) if cv.parent_id else None
    crits = sorted(cv.criteria, key=lambda c: (c.position, c.id))
    return ChecklistView(id=cv.id, uid=cv.uid, case_id=case.id, case_uid=case.uid,
                         case_external_id=case.external_id, case_title=case.title,
                         version=cv.version, parent_version=parent.version if parent else None,
                         author=cv.author, reason=cv.reason, created_at=cv.created_at,
                         criteria=tuple(criterion_view(c) for c in crits))


# --------------------------------------------------------------------------------------- lookup
def find_case(session: Session, ref: Case | str | int, *, study: Study | str | None = None) -> Case:
    """The case named by *ref*: a Case, its uid, its external (dataset) id, or ``#<local id>``."""
    if isinstance(ref, Case):
        return ref
    if isinstance(ref, int) or (isinstance(ref, str) and ref.startswith("#") and ref[1:].isdigit()):
        case = session.get(Case, int(str(ref).lstrip("#")))
        if case is None:
            raise NotFoundError(f"no case with id {ref}")
        return case
    stmt = select(Case).where(or_(Case.uid == ref, Case.external_id == ref))
    if study is not None:
        study_id = study.id if isinstance(study, Study) else session.scalar(
            select(Study.id).where(Study.name == study))
        if study_id is None:
            raise NotFoundError(f"no study named {study!r}")
        stmt = stmt.where(Case.study_id == study_id)
    cases = session.scalars(stmt.order_by(Case.id)).all()
    if not cases:
        raise NotFoundError(f"no case {ref!r} (give its dataset id or uid)")
    if len(cases) > 1:
        raise NotFoundError(f"case id {ref!r} is ambiguous ({len(cases)} cases): name the study "
                            "or use the case uid")
    return cases[0]


def get_checklist(session: Session, case: Case | str, version: int | None = None) -> ChecklistVersion:
    """Version *version* of the case's checklist (the latest when None)."""
    case = find_case(session, case)
    stmt = select(ChecklistVersion).where(ChecklistVersion.case_id == case.id)
    if version is None:
        cv = session.scalar(stmt.order_by(ChecklistVersion.version.desc()).limit(1))
    else:
        cv = session.scalar(stmt.where(ChecklistVersion.version == version))
    if cv is None:
        which = "checklist" if version is None else f"checklist version {version}"
        raise NotFoundError(f"case {case.external_id or case.uid!r} has no {which}")
    return cv


def latest_checklist(session: Session, case: Case | str) -> ChecklistVersion:
    """The newest checklist version of a case."""
    return get_checklist(session, case)


def list_versions(session: Session, case: Case | str) -> list[ChecklistView]:
    case = find_case(session, case)
    rows = session.scalars(select(ChecklistVersion).where(ChecklistVersion.case_id == case.id)
                           .order_by(ChecklistVersion.version)).all()
    return [checklist_view(session, cv) for cv in rows]


def show_checklist(session: Session, case: Case | str, version: int | None = None) -> ChecklistView:
    return checklist_view(session, get_checklist(session, case, version))


# ------------------------------------------------------------------------------------------ edit
def _snapshot(crits: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{k: c[k] for k in ("key", "text", "points", "tier", "tags")} for c in crits]


def _new_key(used: set[str]) -> str:
    n = len(used) + 1
    while f"c{n}" in used:
        n += 1
    return f"c{n}"


def _check_value(name: str, value: Any, key: str) -> Any:
    if name == "text":
        if not isinstance(value, str) or not value.strip():
            raise InputError("criterion text must not be empty", item=key)
        return value.strip()
    if name == "points":
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError) as exc:
            raise InputError(f"points must be a number, not {value!r}", item=key) from exc
    if name == "tier":
        if value in (None, ""):
            return None
        if value not in TIERS:
            raise InputError(f"tier must be one of {', '.join(TIERS)}, not {value!r}", item=key)
        return value
    if name == "tags":
        if isinstance(value, str):
            value = [t.strip() for t in value.split(",") if t.strip()]
        return [str(t) for t in value or ()]
    raise InputError(f"unknown criterion field {name!r}", item=key)


def apply_edits(current: list[dict[str, Any]], edits: Sequence[Edit], used_keys: set[str]
                ) -> list[dict[str, Any]]:
    """Pure part of :func:`edit_checklist`: the new criterion list (dicts) after *edits*."""
    items = [dict(c) for c in current]
    used = set(used_keys) | {c["key"] for c in items}

    def index_of(key: str) -> int:
        for i, c in enumerate(items):
            if c["key"] == key:
                return i
        raise NotFoundError(f"no criterion with key {key!r} in this checklist "
                            f"(keys: {', '.join(c['key'] for c in items)})")

    for edit in edits:
        if isinstance(edit, Mapping):
            edit = edit_from_dict(edit)
        if isinstance(edit, ChangeCriterion):
            item = items[index_of(edit.key)]
            for name in EDITABLE_FIELDS:
                value = getattr(edit, name)
                if value is not UNSET:
                    item[name] = _check_value(name, value, edit.key)
        elif isinstance(edit, AddCriterion):
            key = edit.key or _new_key(used)
            if key in used:
                raise InputError(f"key {key!r} is already used on this case", item=key)
            used.add(key)
            new = {"key": key, "text": _check_value("text", edit.text, key),
                   "points": _check_value("points", edit.points, key),
                   "tier": _check_value("tier", edit.tier, key),
                   "tags": _check_value("tags", list(edit.tags), key)}
            pos = len(items) if edit.position is None else max(0, min(edit.position, len(items)))
            items.insert(pos, new)
        elif isinstance(edit, RemoveCriterion):
            items.pop(index_of(edit.key))
        elif isinstance(edit, ReorderCriteria):
            keys = list(edit.keys)
            if sorted(keys) != sorted(c["key"] for c in items):
                raise InputError("reorder must list every key of the checklist exactly once")
            by_key = {c["key"]: c for c in items}
            items = [by_key[k] for k in keys]
        else:
            raise InputError(f"not an edit: {edit!r}")
    return items


def _as_dicts(cv: ChecklistVersion) -> list[dict[str, Any]]:
    crits = sorted(cv.criteria, key=lambda c: (c.position, c.id))
    return [{"key": c.key, "text": c.text, "points": c.points, "tier": c.tier,
             "tags": list(c.tags or ()), "guidance": c.guidance} for c in crits]


def edit_checklist(session: Session, case: Case | str, *, author: str, reason: str,
                   edits: Sequence[Edit | Mapping[str, Any]], base_version: int | None = None
                   ) -> ChecklistVersion:
    """Apply *edits* to the latest checklist of *case* and store the result as a new version.

    ``base_version`` (optional) is the version the editor was looking at: if a newer one exists
    the edit is refused with ``ConflictError`` instead of silently building on a version the
    editor never saw (0 = "no checklist yet"). A case without any checklist gets version 1 from
    its first edit (add criteria). Raises ``InputError`` for an empty reason or an edit that
    changes nothing.
    """
    if not reason or not reason.strip():
        raise InputError("say why the checklist changes (--reason)")
    case = find_case(session, case)
    latest = session.scalar(select(ChecklistVersion).where(ChecklistVersion.case_id == case.id)
                            .order_by(ChecklistVersion.version.desc()).limit(1))
    current = latest.version if latest is not None else 0  # 0: the case has no checklist yet
    if base_version is not None and base_version != current:
        raise ConflictError(f"checklist of case {case.external_id or case.uid!r} is at version "
                            f"{current}, not {base_version}: reload and edit again")
    used = set(session.scalars(select(Criterion.key).join(ChecklistVersion)
                               .where(ChecklistVersion.case_id == case.id)))
    before = _as_dicts(latest) if latest is not None else []
    after = apply_edits(before, list(edits), used)
    if after == before:
        raise InputError("the edit changes nothing", item=case.external_id or case.uid)
    new = ChecklistVersion(case_id=case.id, version=current + 1, parent_id=latest.id if latest else None,
                           author=author or "", reason=reason.strip())
    session.add(new)
    session.flush()
    for pos, c in enumerate(after):
        session.add(Criterion(checklist_version_id=new.id, key=c["key"], position=pos, text=c["text"],
                              points=c["points"], tier=c["tier"], tags=list(c["tags"]),
                              guidance=c.get("guidance")))  # a rater's guidance follows its criterion
    session.add(AuditEvent(study_id=case.study_id, actor=author or "", action="checklist.edit",
                           entity_type="checklist_version", entity_uid=new.uid,
                           before={"case_uid": case.uid, "version": current, "criteria": _snapshot(before)},
                           after={"case_uid": case.uid, "version": new.version, "reason": new.reason,
                                  "criteria": _snapshot(after)}))
    session.flush()
    session.refresh(new)
    return new


# ------------------------------------------------------------------------------------------ diff
def diff_criteria(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
                  ) -> list[CriterionChange]:
    """Changes by key between two criterion lists (pure).

    "moved": the criterion is not in the longest run of kept criteria whose order stayed the same
    (difflib's matching blocks), so moving one item marks that item only, and additions or
    removals alone move nothing.
    """
    old_by = {c["key"]: (i, c) for i, c in enumerate(old)}
    new_by = {c["key"]: (i, c) for i, c in enumerate(new)}
    kept_old = [c["key"] for c in old if c["key"] in new_by]
    kept_new = [c["key"] for c in new if c["key"] in old_by]
    matcher = difflib.SequenceMatcher(a=kept_old, b=kept_new, autojunk=False)
    in_place = {kept_old[b.a + k] for b in matcher.get_matching_blocks() for k in range(b.size)}
    changes: list[CriterionChange] = []
    for key, (i, c) in old_by.items():
        if key not in new_by:
            changes.append(CriterionChange(key, "removed", {}, i, None, c["text"], None))
    for key, (j, c) in new_by.items():
        if key not in old_by:
            changes.append(CriterionChange(key, "added", {}, None, j, None, c["text"]))
            continue
        i, o = old_by[key]
        fields = {f: (o.get(f), c.get(f)) for f in EDITABLE_FIELDS
                  if _norm(f, o.get(f)) != _norm(f, c.get(f))}
        moved = key not in in_place
        if fields:
            if moved:
                fields["position"] = (i, j)
            changes.append(CriterionChange(key, "changed", fields, i, j, o["text"], c["text"]))
        elif moved:
            changes.append(CriterionChange(key, "moved", {"position": (i, j)}, i, j, o["text"],
                                           c["text"]))
    order = {c["key"]: n for n, c in enumerate(list(new) + list(old))}
    return sorted(changes, key=lambda ch: order.get(ch.key, 0))


def _norm(name: str, value: Any) -> Any:
    if name == "tags":
        return tuple(value or ())
    if name == "points" and value is not None:
        return float(value)
    return value


def diff_versions(session: Session, case: Case | str, v1: int, v2: int) -> list[CriterionChange]:
    """What changed from version *v1* to version *v2* of a case's checklist, by criterion key."""
    a = _as_dicts(get_checklist(session, case, v1))
    b = _as_dicts(get_checklist(session, case, v2))
    return diff_criteria(a, b)


# --------------------------------------------------------------------------------- as it was rated
def criteria_as_rated(session: Session, rating: Rating | int | str) -> list[RatedCriterion]:
    """The criterion answers of a rating with the wording, points and tier the rater saw."""
    if not isinstance(rating, Rating):
        stmt = select(Rating).where(Rating.id == rating) if isinstance(rating, int) else \
            select(Rating).where(Rating.uid == rating)
        found = session.scalar(stmt)
        if found is None:
            raise NotFoundError(f"no rating {rating!r}")
        rating = found
    rows = session.execute(
        select(Criterion, ChecklistVersion.version, CriterionRating.value)
        .join(CriterionRating, CriterionRating.criterion_id == Criterion.id)
        .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
        .where(CriterionRating.rating_id == rating.id)
        .order_by(Criterion.position, Criterion.id)).all()
    return [RatedCriterion(key=c.key, version=v, text=c.text, points=c.points, tier=c.tier, value=val)
            for c, v, val in rows]


def rater_names(session: Session) -> dict[int, str]:
    return {i: n for i, n in session.execute(select(Rater.id, Rater.name)).all()}


def count_versions(session: Session, case: Case) -> int:
    return session.scalar(select(func.count()).select_from(ChecklistVersion)
                          .where(ChecklistVersion.case_id == case.id)) or 0
