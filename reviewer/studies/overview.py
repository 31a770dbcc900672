"""The coordinator's study overview: who has rated how much, what is outstanding, each rater's
last return, read in one transaction with a handful of grouped queries.

Per rater (everyone with an assignment, a rating or a merged return in the study): assigned
answers, submitted ratings of assigned answers, drafts, outstanding (assigned and not yet
submitted), time spent, the last change to one of their ratings, and the last merged return file
(when and which file). Study totals: answers, answers nobody is assigned, ratings submitted in all.
Returned as frozen dataclasses; no ORM object leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select

from reviewer.store import Store
from reviewer.store.current import is_current
from reviewer.store.models import Assignment, Case, MergeRecord, Rater, Rating, Response
from reviewer.store.vocabulary import DRAFT, SUBMITTED


@dataclass(frozen=True)
class RaterProgress:
    rater: str
    assigned: int
    submitted: int  # submitted ratings of assigned answers
    drafts: int  # draft ratings of assigned answers
    outstanding: int  # assigned answers without a submitted rating
    other_submitted: int  # submitted ratings of answers not assigned to this rater (imports, old designs)
    time_spent_s: float
    last_activity: datetime | None
    last_return: datetime | None
    last_return_file: str


@dataclass(frozen=True)
class StudyOverview:
    study: str
    responses: int
    unassigned: int  # answers no rater is assigned
    submitted: int  # submitted ratings in all
    raters: tuple[RaterProgress, ...]

    @property
    def outstanding(self) -> int:
        return sum(r.outstanding for r in self.raters)


def study_overview(store: Store, study_id: int) -> StudyOverview:
    """Counts per rater and for the study (see the module doc)."""
    from reviewer.studies.lookup import study_name

    with store.Session() as s:
        in_study = select(Response.id).join(Case, Response.case_id == Case.id).where(Case.study_id == study_id)
        n_responses = s.scalar(select(func.count()).select_from(in_study.subquery())) or 0
        assigned_ids = select(Assignment.response_id).where(Assignment.study_id == study_id)
        unassigned = s.scalar(select(func.count()).select_from(
            in_study.where(Response.id.not_in(assigned_ids)).subquery())) or 0
        assigned = dict(s.execute(select(Assignment.rater_id, func.count()).where(Assignment.study_id == study_id)
                                  .group_by(Assignment.rater_id)).all())
        on_assigned = and_(Assignment.study_id == study_id, Assignment.rater_id == Rating.rater_id,
                           Assignment.response_id == Rating.response_id)
        by_status: dict[tuple[int, str], int] = {}
        for rater_id, status, n in s.execute(
                select(Rating.rater_id, Rating.status, func.count()).join(Assignment, on_assigned)
                .where(is_current()).group_by(Rating.rater_id, Rating.status)):
            by_status[(rater_id, status)] = n
        rated = {}
        for rater_id, n, spent, last in s.execute(
                select(Rating.rater_id, func.count(), func.coalesce(func.sum(Rating.time_spent_s), 0.0),
                       func.max(Rating.updated_at))
                .where(Rating.response_id.in_(in_study), Rating.status == SUBMITTED, is_current())
                .group_by(Rating.rater_id)):
            rated[rater_id] = (n, float(spent), last)
        activity = dict(s.execute(select(Rating.rater_id, func.max(Rating.updated_at))
                                  .where(Rating.response_id.in_(in_study)).group_by(Rating.rater_id)).all())
        spent_all = dict(s.execute(select(Rating.rater_id, func.coalesce(func.sum(Rating.time_spent_s), 0.0))
                                   .where(Rating.response_id.in_(in_study)).group_by(Rating.rater_id)).all())
        returns: dict[int, tuple[datetime, str]] = {}
        for rater_id, when, file_name in s.execute(
                select(MergeRecord.rater_id, MergeRecord.created_at, MergeRecord.file_name)
                .where(MergeRecord.study_id == study_id).order_by(MergeRecord.created_at, MergeRecord.id)):
            returns[rater_id] = (when, file_name or "")
        ids = set(assigned) | set(activity) | set(returns)
        names = dict(s.execute(select(Rater.id, Rater.name).where(Rater.id.in_(ids))).all()) if ids else {}
        rows = []
        for rid in ids:
            submitted = by_status.get((rid, SUBMITTED), 0)
            n_assigned = assigned.get(rid, 0)
            when, file_name = returns.get(rid, (None, ""))
            rows.append(RaterProgress(
                rater=names.get(rid, str(rid)), assigned=n_assigned, submitted=submitted,
                drafts=by_status.get((rid, DRAFT), 0), outstanding=n_assigned - submitted,
                other_submitted=rated.get(rid, (0, 0.0, None))[0] - submitted,
                time_spent_s=float(spent_all.get(rid, 0.0)), last_activity=activity.get(rid),
                last_return=when, last_return_file=file_name))
        total_submitted = sum(v[0] for v in rated.values())
        return StudyOverview(study=study_name(s, study_id), responses=n_responses, unassigned=unassigned,
                             submitted=total_submitted, raters=tuple(sorted(rows, key=lambda r: r.rater)))
