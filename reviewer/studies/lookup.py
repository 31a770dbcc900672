"""Studies as a service: find the study a command or import works on, or create it.

Lives outside the CLI so that importers, the app and the command line share one rule for
"which study": a named one, else the only one in the database, else ``default``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer.errors import NotFoundError
from reviewer.store.models import (
    Case,
    Criterion,
    CriterionRating,
    JudgeRun,
    JudgeVerdict,
    Rater,
    Rating,
    RatingScheme,
    Response,
    Study,
)
from reviewer.store.vocabulary import DEFAULT_SCORE_ANCHORS

DEFAULT_STUDY = "default"



def get_study(session: Session, name: str | None, *, create: bool = False) -> Study:
    """The study called *name*; with no name, the only study in the database (or 'default')."""
    if name is None:
        studies = session.scalars(select(Study).order_by(Study.id)).all()
        if len(studies) == 1:
            return studies[0]
        if len(studies) > 1:
            names = ", ".join(s.name for s in studies)
            raise NotFoundError(f"several studies in this database ({names}): name one with --study")
        name = DEFAULT_STUDY
    study = session.scalar(select(Study).where(Study.name == name))
    if study is None:
        if not create:
            raise NotFoundError(f"no study named {name!r} in this database")
        study = create_study(session, name)
    return study


def create_study(session: Session, name: str, *, description: str = "",
                 settings: dict[str, Any] | None = None) -> Study:
    """A new study with the default rating scheme (met / not met / n.a., overall 1-5)."""
    study = Study(name=name, description=description,
                  settings=settings or {"show_reference": True, "show_points": True, "show_tier": True})
    session.add(study)
    session.flush()
    session.add(RatingScheme(study_id=study.id, name="default", score_min=1, score_max=5,
                             score_anchors=dict(DEFAULT_SCORE_ANCHORS)))
    session.flush()
    return study


STATUS_KEYS = {
    "studies": Study,
    "cases": Case,
    "criteria": Criterion,
    "responses": Response,
    "raters": Rater,
    "ratings": Rating,
    "criterion_ratings": CriterionRating,
    "judge_runs": JudgeRun,
    "verdicts": JudgeVerdict,
}


def status_counts(session: Session) -> dict[str, int]:
    """How many rows of each kind the database holds (``reviewer status``)."""
    return {key: session.scalar(select(func.count()).select_from(model)) or 0
            for key, model in STATUS_KEYS.items()}


def study_name(session: Session, study_id: int) -> str:
    """The study's name ("" when there is no such study)."""
    return session.scalar(select(Study.name).where(Study.id == study_id)) or ""


def study_categories(session: Session, study_id: int) -> list[str]:
    """The study's distinct case categories, sorted, without blanks (queue and screen filters)."""
    rows = session.scalars(select(Case.category).where(Case.study_id == study_id).distinct())
    return sorted(c for c in rows if c)
