"""What the coordinator sees beside a rater's own rating: other raters' answers, judge verdicts,
and the model behind a response. Raters never get these: the app calls this only in coordinator mode.

No Qt; returns frozen dataclasses (defined in :mod:`reviewer.rating.views`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from reviewer.errors import ReviewerError
from reviewer.rating.views import JudgeColumn, OtherRating, Overview  # noqa: F401  (re-exported)
from reviewer.store.current import is_current
from reviewer.store.models import CriterionRating, JudgeRun, JudgeVerdict, Model, Rater, Rating, Response
from reviewer.store.vocabulary import usable_verdict

INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def check_overview_access(session: Session) -> None:
    """Refuse coordinator mode, with a message, on a database login that may not read models,
    judge verdicts or other raters' ratings (a physician's team role, reviewer.team)."""
    try:
        for column in (Model.name, JudgeVerdict.id):
            session.execute(select(column).limit(1)).all()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        raise ReviewerError("coordinator mode needs the coordinator's database login: this one (a "
                            "physician's team role) may not see model names, verdicts or other raters' "
                            "ratings. Open the study without --coordinator.") from None


def overview(session: Session, response_id: int, rater_id: int | None) -> Overview:
    """Everyone else's view of one response (the rater *rater_id* is left out)."""
    model = session.scalar(select(Model.name).join(Response, Response.model_id == Model.id)
                           .where(Response.id == response_id)) or ""
    others: list[OtherRating] = []
    q = (select(Rating.id, Rater.name, Rating.status, Rating.overall_score)
         .join(Rater, Rater.id == Rating.rater_id).where(Rating.response_id == response_id, is_current())
         .order_by(Rater.name))
    if rater_id is not None:
        q = q.where(Rating.rater_id != rater_id)
    for rid, name, status, score in session.execute(q):
        values = {cid: v for cid, v in session.execute(
            select(CriterionRating.criterion_id, CriterionRating.value)
            .where(CriterionRating.rating_id == rid))}
        others.append(OtherRating(name, status, values, score))
    judges: dict[int, tuple[str, str, dict[int, bool | None], list[float | None]]] = {}
    rows = session.execute(
        select(JudgeRun.id, JudgeRun.name, JudgeRun.judge_model, JudgeVerdict.criterion_id,
               JudgeVerdict.met, JudgeVerdict.score, JudgeVerdict.parse_status)
        .join(JudgeRun, JudgeRun.id == JudgeVerdict.judge_run_id)
        .where(JudgeVerdict.response_id == response_id).order_by(JudgeRun.id))
    for run_id, name, judge_model, cid, met, score, status in rows:
        entry = judges.setdefault(run_id, (name, judge_model, {}, [None]))
        if cid is None:  # an unusable verdict (vocabulary.usable_verdict) shows as no verdict
            entry[3][0] = score if usable_verdict(status, score) else None
        else:
            entry[2][cid] = met if usable_verdict(status, met) else None
    return Overview(model, tuple(others),
                    tuple(JudgeColumn(n, m, v, s[0]) for n, m, v, s in judges.values()))
