"""Study reads for the screens, each one short transaction that returns plain values.

The coordinator views (Agreement, Triage, the Generate and Judge dialogs) fill their filters from
these: the study's name, its case categories, its model names and its judge runs. Nothing here
hands an ORM object to the caller; every function takes the open :class:`~reviewer.store.Store`
first and opens (and closes) its own session.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.store import Store
from reviewer.store.models import JudgeRun, Model
from reviewer.store.reads import judge_run_has_usable_verdict
from reviewer.studies import lookup


@dataclass(frozen=True)
class StudyChoices:
    """What a study's filter bars offer: its name, categories, model names, judge runs (oldest first)."""

    name: str
    categories: tuple[str, ...]
    models: tuple[str, ...]
    judge_runs: tuple[str, ...]


def _models(session: Session, study_id: int) -> list[str]:
    return sorted(set(session.scalars(select(Model.name).where(Model.study_id == study_id))))


def _judge_runs(session: Session, study_id: int, usable_only: bool = True) -> list[str]:
    q = select(JudgeRun.name).where(JudgeRun.study_id == study_id).order_by(JudgeRun.id)
    if usable_only:  # a run that failed before its first usable verdict offers nothing to filter on
        q = q.where(judge_run_has_usable_verdict())
    return list(session.scalars(q))


def study_name(store: Store, study_id: int) -> str:
    """The study's name ("" when there is no such study)."""
    with store.Session() as s:
        return lookup.study_name(s, study_id)


def study_categories(store: Store, study_id: int) -> list[str]:
    """The distinct case categories of a study, sorted, without blanks (case selectors and filters)."""
    with store.Session() as s:
        return lookup.study_categories(s, study_id)


def model_names(store: Store, study_id: int) -> list[str]:
    """The distinct names of the study's answer models, sorted."""
    with store.Session() as s:
        return _models(s, study_id)


def judge_run_names(store: Store, study_id: int, *, newest_first: bool = False,
                    usable_only: bool = True) -> list[str]:
    """The names of the study's judge runs in the order they were made (or newest first); by
    default only the runs with a usable verdict (:func:`reviewer.store.reads.judge_run_has_usable_verdict`)."""
    with store.Session() as s:
        runs = _judge_runs(s, study_id, usable_only)
    return runs[::-1] if newest_first else runs


def study_choices(store: Store, study_id: int) -> StudyChoices:
    """Name, categories, model names and judge runs (those with a usable verdict) of a study,
    read in one transaction."""
    with store.Session() as s:
        return StudyChoices(
            name=lookup.study_name(s, study_id), categories=tuple(lookup.study_categories(s, study_id)),
            models=tuple(_models(s, study_id)),
            judge_runs=tuple(_judge_runs(s, study_id)))


def assigned_rater_names(store: Store, study_id: int) -> list[str]:
    """The names of the raters with assignments in the study, sorted."""
    from reviewer.store.models import Assignment, Rater

    with store.Session() as s:
        return sorted(set(s.scalars(select(Rater.name).join(Assignment, Assignment.rater_id == Rater.id)
                                    .where(Assignment.study_id == study_id))))


def rater_names(store: Store, study_id: int | None = None) -> list[str]:
    """Every rater's name, sorted; with *study_id*, those assigned in that study first (then the rest)."""
    from reviewer.store.models import Rater

    with store.Session() as s:
        names = sorted(s.scalars(select(Rater.name)))
    if study_id is None:
        return names
    assigned = assigned_rater_names(store, study_id)
    return assigned + [n for n in names if n not in set(assigned)]


def assign(store: Store, study_id: int, raters: list[str], *, created_by: str = "", **options: object) -> object:
    """Design and store the assignments of the study in one transaction (what ``reviewer assign``
    and the Assign dialog do); *options* are those of
    :func:`reviewer.studies.assignment.design_assignments`. Returns its ``DesignReport``."""
    from reviewer.store.models import Study
    from reviewer.studies.assignment import design_assignments

    with store.begin() as s:
        study = s.get(Study, study_id)
        if study is None:
            from reviewer.errors import NotFoundError

            raise NotFoundError(f"no study with id {study_id}")
        return design_assignments(s, study, raters, created_by=created_by, **options)  # type: ignore[arg-type]
