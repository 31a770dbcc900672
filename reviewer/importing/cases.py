"""Writing cases with their first checklist version in bulk (shared by the case importers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.importing.common import ImportReport, bulk_insert, content_hash
from reviewer.store.models import Case, ChecklistVersion, Criterion


@dataclass
class NewCriterion:
    text: str
    key: str
    points: float | int | None = None
    tier: str | None = None
    tags: list[Any] = field(default_factory=list)


@dataclass
class NewCase:
    """A case read from a file, ready to insert. ``criteria is None`` means no checklist at all."""

    source: str
    external_id: str
    turns: list[dict[str, str]]
    title: str = ""
    category: str = ""
    reference_answer: str | None = None
    tags: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    criteria: list[NewCriterion] | None = None
    line: int | None = None

    def digest(self) -> str:
        """Content hash over what the case says (turns, reference, checklist), not where it came from."""
        crit = None if self.criteria is None else [
            [c.text, c.points, c.tier, c.tags] for c in self.criteria]
        return content_hash({"turns": self.turns, "reference": self.reference_answer, "criteria": crit})


def case_index(session: Session, study_id: int, source: str) -> dict[str, tuple[int, str]]:
    """``external_id -> (case id, content hash)`` for one source in one study (one query)."""
    rows = session.execute(select(Case.external_id, Case.id, Case.content_hash)
                           .where(Case.study_id == study_id, Case.source == source))
    return {ext: (cid, digest) for ext, cid, digest in rows if ext is not None}


def insert_cases(session: Session, study_id: int, cases: Sequence[NewCase], report: ImportReport,
                 *, author: str = "import") -> list[int]:
    """Insert cases, a version-1 checklist for each case with criteria, and the criteria.

    Returns the new case ids in order and counts cases, checklists and criteria in *report*.
    """
    case_rows = [{
        "study_id": study_id, "source": c.source, "external_id": c.external_id, "title": c.title,
        "category": c.category, "turns": c.turns, "reference_answer": c.reference_answer,
        "tags": c.tags, "meta": c.meta, "content_hash": c.digest(),
    } for c in cases]
    case_ids = bulk_insert(session, Case, case_rows)
    report.add("cases", len(case_ids))
    with_list = [(cid, c) for cid, c in zip(case_ids, cases, strict=True) if c.criteria is not None]
    version_ids = bulk_insert(session, ChecklistVersion, [
        {"case_id": cid, "version": 1, "parent_id": None, "author": author, "reason": "imported"}
        for cid, _ in with_list])
    report.add("checklists", len(version_ids))
    crit_rows = []
    for version_id, (_, c) in zip(version_ids, with_list, strict=True):
        for position, crit in enumerate(c.criteria or []):
            crit_rows.append({"checklist_version_id": version_id, "key": crit.key, "position": position,
                              "text": crit.text, "points": crit.points, "tier": crit.tier,
                              "tags": crit.tags})
    bulk_insert(session, Criterion, crit_rows, ids=False)
    report.add("criteria", len(crit_rows))
    return case_ids


def insert_new_cases(session: Session, study_id: int, source: str, cases: Sequence[NewCase],
                     report: ImportReport, *, id_name: str = "case") -> list[int]:
    """Insert the cases whose external id is new to the study; skip the others.

    An id repeated within the file, or one already stored, is counted as skipped (with its
    checklist and criteria); a stored case whose content differs gets a warning and is kept as
    stored. *id_name* names the id in warnings (e.g. ``prompt_id``).
    """
    existing = case_index(session, study_id, source)
    fresh: list[NewCase] = []
    seen: set[str] = set()
    for case in cases:
        where = f"line {case.line}: " if case.line is not None else ""
        if case.external_id in seen:
            report.skip("cases")
            report.warnings.append(f"{where}{id_name} {case.external_id} repeats an earlier line")
            continue
        seen.add(case.external_id)
        if case.external_id in existing:
            report.skip("cases")
            if case.criteria is not None:
                report.skip("checklists")
                report.skip("criteria", len(case.criteria))
            if existing[case.external_id][1] != case.digest():
                report.warnings.append(f"{where}{id_name} {case.external_id} differs from the stored case; "
                                       "the stored case was kept")
            continue
        fresh.append(case)
    return insert_cases(session, study_id, fresh, report)
