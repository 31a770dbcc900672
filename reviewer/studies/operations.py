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
