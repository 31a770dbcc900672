"""Judge runs as a list to look over and prune: each run's counts by parse status, and deleting a
run with its verdicts (one transaction, one audit event).

A run that failed before writing a usable verdict (e.g. the model never loaded) holds nothing the
analyses can use (:func:`reviewer.store.vocabulary.usable_verdict`); the agreement analysis, the
triage and the screens' filters leave it out, and this is where it can be removed for good.
Every function takes the open :class:`~reviewer.store.Store` first and owns its transaction;
no ORM object leaves this module.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from reviewer.errors import NotFoundError
from reviewer.store import Store
from reviewer.store.models import AuditEvent, JudgeRun, JudgeVerdict
from reviewer.store.reads import usable_verdict_condition, verdict_status_counts
from reviewer.studies.lookup import get_study


@dataclass(frozen=True)
class JudgeRunInfo:
    """One judge run: *counts* = {parse status: verdicts}; *usable* = verdicts that count."""

    name: str
    template: str
    template_version: int | None
    model: str
    mode: str
    status: str
    created: str
    counts: dict[str, int] = field(default_factory=dict)
    usable: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total}


def list_judge_runs(store: Store, study: str | int | None = None) -> list[JudgeRunInfo]:
    """Every judge run of *study* (a name, an id, or None for the only study), oldest first."""
    with store.Session() as s:
        study_id = study if isinstance(study, int) else get_study(s, study).id
        runs = s.scalars(select(JudgeRun).where(JudgeRun.study_id == study_id).order_by(JudgeRun.id)).all()
        counts = verdict_status_counts(s, [r.id for r in runs])
        usable = _usable_counts(s, [r.id for r in runs])
        return [JudgeRunInfo(
            name=r.name, template=r.template_name, template_version=r.template_version, model=r.judge_model,
            mode=r.mode, status=r.status,
            created=r.created_at.isoformat(sep=" ", timespec="seconds") if r.created_at else "",
            counts=counts[r.id], usable=usable.get(r.id, 0)) for r in runs]


def _usable_counts(session: Session, run_ids: list[int]) -> dict[int, int]:
    """run id -> its number of usable verdicts."""
    if not run_ids:
        return {}
    rows = session.execute(
        select(JudgeVerdict.judge_run_id, func.count())
        .where(JudgeVerdict.judge_run_id.in_(run_ids), usable_verdict_condition())
        .group_by(JudgeVerdict.judge_run_id))
    return {int(run_id): int(n) for run_id, n in rows}


def delete_judge_run(store: Store, name: str, *, study: str | int | None = None, actor: str = "") -> int:
    """Delete judge run *name* of *study* and all its verdicts in one transaction, leaving an
    AuditEvent ``judge_run.delete`` (before: the run's settings and counts); returns the number of
    verdicts removed. ``NotFoundError`` (nothing changed) when the study has no such run."""
    with store.begin() as s:
        st_id = study if isinstance(study, int) else get_study(s, study).id
        run = s.scalar(select(JudgeRun).where(JudgeRun.study_id == st_id, JudgeRun.name == name))
        if run is None:
            known = ", ".join(s.scalars(select(JudgeRun.name).where(JudgeRun.study_id == st_id)
                                        .order_by(JudgeRun.id))) or "none"
            raise NotFoundError(f"no judge run named {name!r} in this study (judge runs: {known})")
        counts = verdict_status_counts(s, [run.id])[run.id]
        before = {"name": run.name, "judge_model": run.judge_model, "backend": run.backend, "mode": run.mode,
                  "template": run.template_name, "template_version": run.template_version,
                  "status": run.status, "verdicts": counts}
        removed = s.execute(delete(JudgeVerdict).where(JudgeVerdict.judge_run_id == run.id)).rowcount or 0
        s.add(AuditEvent(study_id=st_id, actor=actor, action="judge_run.delete", entity_type="judge_run",
                         entity_uid=run.uid, before=before, after=None))
        s.delete(run)
        return int(removed)

