"""Lookups the importers share: a case's latest checklist (by key, uid or text) and cases by the
id a file gives (external id or uid). Each loads what it needs in a few queries up front."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.store.models import Case, ChecklistVersion, Criterion


@dataclass
class CriterionInfo:
    id: int
    key: str
    text: str
    uid: str


@dataclass
class LatestChecklist:
    """The newest checklist version of a case, with lookups by text, key and uid."""

    version_id: int
    version: int
    criteria: list[CriterionInfo] = field(default_factory=list)

    def find(self, ref: str) -> CriterionInfo | None:
        """A criterion by its key, its uid, or its text (whitespace-insensitive)."""
        for c in self.criteria:
            if ref in (c.key, c.uid):
                return c
        wanted = " ".join(ref.split())
        for c in self.criteria:
            if " ".join(c.text.split()) == wanted:
                return c
        return None


def latest_checklists(session: Session, case_ids: Sequence[int]) -> dict[int, LatestChecklist]:
    """For each case id, its newest checklist version and criteria (two queries per 500 cases)."""
    out: dict[int, LatestChecklist] = {}
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = session.execute(select(ChecklistVersion.case_id, ChecklistVersion.id, ChecklistVersion.version)
                               .where(ChecklistVersion.case_id.in_(chunk)))
        for case_id, version_id, version in rows:
            have = out.get(case_id)
            if have is None or version > have.version:
                out[case_id] = LatestChecklist(version_id, version)
    by_version = {lc.version_id: lc for lc in out.values()}
    version_ids = list(by_version)
    for start in range(0, len(version_ids), 500):
        chunk = version_ids[start:start + 500]
        rows = session.execute(
            select(Criterion.checklist_version_id, Criterion.id, Criterion.key, Criterion.text, Criterion.uid)
            .where(Criterion.checklist_version_id.in_(chunk))
            .order_by(Criterion.checklist_version_id, Criterion.position))
        for version_id, cid, key, text, uid in rows:
            by_version[version_id].criteria.append(CriterionInfo(cid, key, text, uid))
    return out


class CaseResolver:
    """Finds a study's case by the id a file gives: its external id (any source) or its uid.

    Loaded with one query; an external id shared by cases of two sources is ambiguous and
    raises InputError (name the case by uid instead).
    """

    def __init__(self, session: Session, study_id: int) -> None:
        self.by_ext: dict[str, list[int]] = {}
        self.by_uid: dict[str, int] = {}
        for cid, ext, uid in session.execute(select(Case.id, Case.external_id, Case.uid)
                                             .where(Case.study_id == study_id)):
            self.by_uid[uid] = cid
            if ext is not None:
                self.by_ext.setdefault(ext, []).append(cid)

    def get(self, ref: str, *, file: str | Path, line: int | None = None, item: str | None = None) -> int:
        found = self.by_ext.get(ref)
        if found and len(found) == 1:
            return found[0]
        if found:
            raise InputError(f"case id {ref!r} matches {len(found)} cases of different sources; "
                             "use the case uid", file=str(file), line=line, item=item)
        if ref in self.by_uid:
            return self.by_uid[ref]
        raise InputError(f"no case with id {ref!r} in this study (import the cases first)",
                         file=str(file), line=line, item=item)
