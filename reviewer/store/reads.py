"""Reads over the models that several capabilities share: a case's newest checklist version.

Importers look criteria up by key, uid or text (:func:`latest_checklists`); the judge and the
exports need only the version ids (:func:`latest_checklist_ids`, one query). Analyses read
hundreds of thousands of numeric rows at once (:func:`numeric_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from reviewer.store.models import ChecklistVersion, Criterion, JudgeRun, JudgeVerdict
from reviewer.store.vocabulary import USABLE_PARSE_STATUSES


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
    for (case_id, _version), checklist in _checklists(session, case_ids).items():
        if case_id not in out or checklist.version > out[case_id].version:
            out[case_id] = checklist
    _fill_criteria(session, out.values())
    return out


def checklist_versions(session: Session, case_ids: Sequence[int]) -> dict[tuple[int, int], LatestChecklist]:
    """(case id, version) -> that checklist version with its criteria, every version of the cases."""
    out = _checklists(session, case_ids)
    _fill_criteria(session, out.values())
    return out


def _checklists(session: Session, case_ids: Sequence[int]) -> dict[tuple[int, int], LatestChecklist]:
    out: dict[tuple[int, int], LatestChecklist] = {}
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = session.execute(select(ChecklistVersion.case_id, ChecklistVersion.id, ChecklistVersion.version)
                               .where(ChecklistVersion.case_id.in_(chunk)))
        for case_id, version_id, version in rows:
            out[(case_id, version)] = LatestChecklist(version_id, version)
    return out


def _fill_criteria(session: Session, checklists: Iterable[LatestChecklist]) -> None:
    by_version = {lc.version_id: lc for lc in checklists}
    version_ids = list(by_version)
    for start in range(0, len(version_ids), 500):
        chunk = version_ids[start:start + 500]
        rows = session.execute(
            select(Criterion.checklist_version_id, Criterion.id, Criterion.key, Criterion.text, Criterion.uid)
            .where(Criterion.checklist_version_id.in_(chunk))
            .order_by(Criterion.checklist_version_id, Criterion.position))
        for version_id, cid, key, text, uid in rows:
            by_version[version_id].criteria.append(CriterionInfo(cid, key, text, uid))


def latest_checklist_ids(session: Session, case_ids: Iterable[int]) -> dict[int, int]:
    """case id -> id of its latest checklist version."""
    ids = list(case_ids)
    if not ids:
        return {}
    newest = (select(ChecklistVersion.case_id, func.max(ChecklistVersion.version).label("v"))
              .where(ChecklistVersion.case_id.in_(ids)).group_by(ChecklistVersion.case_id).subquery())
    rows = session.execute(select(ChecklistVersion.case_id, ChecklistVersion.id).join(
        newest, (ChecklistVersion.case_id == newest.c.case_id) & (ChecklistVersion.version == newest.c.v)))
    return {case_id: cv_id for case_id, cv_id in rows}


def usable_verdict_condition() -> ColumnElement[bool]:
    """SQL condition on ``JudgeVerdict``: the rule of :func:`reviewer.store.vocabulary.usable_verdict`
    (a usable status and a ``met`` or ``score``)."""
    return JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES) & or_(JudgeVerdict.met.is_not(None),
                                                                       JudgeVerdict.score.is_not(None))


def judge_run_has_usable_verdict() -> ColumnElement[bool]:
    """SQL condition on ``JudgeRun``: the run holds at least one usable verdict."""
    return JudgeRun.id.in_(select(JudgeVerdict.judge_run_id).where(usable_verdict_condition()))


def verdict_status_counts(session: Session, run_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """run id -> {parse status: number of verdicts} (a run without verdicts maps to {})."""
    ids = list(run_ids)
    out: dict[int, dict[str, int]] = {i: {} for i in ids}
    for start in range(0, len(ids), 500):
        rows = session.execute(select(JudgeVerdict.judge_run_id, JudgeVerdict.parse_status, func.count())
                               .where(JudgeVerdict.judge_run_id.in_(ids[start:start + 500]))
                               .group_by(JudgeVerdict.judge_run_id, JudgeVerdict.parse_status))
        for run_id, status, n in rows:
            out[run_id][str(status)] = int(n)
    return out



def numeric_rows(session: Session, query: Select) -> np.ndarray:
    """The rows of *query*, whose columns are all numbers (ids, counts, flags, ``CASE`` codes), as
    a (rows x columns) float array; NULL is NaN.

    Fetched through the driver's cursor: SQLAlchemy's result rows cost about three times the
    fetch itself on a study's 180,000 criterion ratings (benchmarks/agreement_study.py). The
    statement is compiled with its values inline (``literal_binds``: rendered and quoted by the
    dialect), so the one code path serves SQLite and PostgreSQL, whose parameter styles differ.
    """
    conn = session.connection()
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    width = len(query.selected_columns)
    if not rows:
        return np.zeros((0, width))
    return np.array(rows, dtype=float).reshape(len(rows), width)
