"""SQLAlchemy 2 typed models for the nouns of DESIGN.md.

Every row that can travel between machines carries a stable ``uid`` (UUID4 text) as its public
identity; integer ``id`` primary keys are local to one database and never leave it.
Schema changes go through an Alembic revision in the top-level ``db/versions`` folder.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reviewer.store.vocabulary import (  # noqa: F401  (re-exported: the stored words)
    CRITERION_VALUES,
    DRAFT,
    MET,
    NA,
    NOT_MET,
    PARSED,
    SUBMITTED,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class _Row:
    """Columns every table has: local id, public uid, timestamps."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Study(_Row, Base):
    __tablename__ = "study"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Display settings: show_reference (bool), show_points (bool), show_tier (bool), language, ...
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    cases: Mapped[list[Case]] = relationship(back_populates="study", cascade="all, delete-orphan")
    schemes: Mapped[list[RatingScheme]] = relationship(back_populates="study", cascade="all, delete-orphan")


class RatingScheme(_Row, Base):
    """What a rater answers for each response."""

    __tablename__ = "rating_scheme"
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="default")
    criterion_values: Mapped[list[Any]] = mapped_column(JSON, default=lambda: list(CRITERION_VALUES))
    score_min: Mapped[int] = mapped_column(Integer, default=1)
    score_max: Mapped[int] = mapped_column(Integer, default=5)
    # {"1": "anchor text for level 1", ...}
    score_anchors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # [{"name": "clarity", "min": 1, "max": 5, "anchors": {...}}]
    extra_scales: Mapped[list[Any]] = mapped_column(JSON, default=list)
    require_overall: Mapped[bool] = mapped_column(Boolean, default=True)

    study: Mapped[Study] = relationship(back_populates="schemes")


class Case(_Row, Base):
    """One prompt: a single question or a multi-turn conversation ending with a user turn."""

    __tablename__ = "case"
    __table_args__ = (UniqueConstraint("study_id", "source", "external_id"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(100), default="")  # dataset name, e.g. "healthbench"
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    category: Mapped[str] = mapped_column(String(300), default="")  # "area / sub-area"
    # [{"role": "user"|"assistant"|"system", "content": "..."}]
    turns: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reference_answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    tags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), default="", index=True)

    study: Mapped[Study] = relationship(back_populates="cases")
    checklists: Mapped[list[ChecklistVersion]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ChecklistVersion.version"
    )
    responses: Mapped[list[Response]] = relationship(back_populates="case", cascade="all, delete-orphan")


class ChecklistVersion(_Row, Base):
    """The criteria of a case at one point in time. Immutable: an edit makes a new version."""

    __tablename__ = "checklist_version"
    __table_args__ = (UniqueConstraint("case_id", "version"),)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_version.id"), nullable=True)
    author: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="checklists")
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="checklist", cascade="all, delete-orphan", order_by="Criterion.position"
    )


class Criterion(_Row, Base):
    __tablename__ = "criterion"
    __table_args__ = (UniqueConstraint("checklist_version_id", "key"),)
    checklist_version_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_version.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64), index=True)  # stable across versions
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    points: Mapped[float | None] = mapped_column(Float, nullable=True)
    tier: Mapped[str | None] = mapped_column(String(20), nullable=True)  # "core" | "secondary"
    tags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # how to judge this criterion (Markdown), shown to the rater on the focused criterion
    guidance: Mapped[str | None] = mapped_column(Text, nullable=True)

    checklist: Mapped[ChecklistVersion] = relationship(back_populates="criteria")


class Model(_Row, Base):
    """Who produced answers: a local model, an endpoint model, or an imported source."""

    __tablename__ = "model"
    __table_args__ = (UniqueConstraint("study_id", "name"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), default="imported")  # local | endpoint | imported
    path: Mapped[str | None] = mapped_column(Text, nullable=True)
    revision: Mapped[str | None] = mapped_column(String(200), nullable=True)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class GenerationRun(_Row, Base):
    __tablename__ = "generation_run"
    __table_args__ = (UniqueConstraint("study_id", "name"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("model.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    backend: Mapped[str] = mapped_column(String(30))
    config_hash: Mapped[str] = mapped_column(String(64), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_by: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|done|cancelled|failed
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Response(_Row, Base):
    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("case_id", "external_id"),
        UniqueConstraint("generation_run_id", "case_id", "sample_index"),
    )
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("model.id", ondelete="CASCADE"), index=True)
    generation_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("generation_run.id", ondelete="SET NULL"), nullable=True, index=True
    )
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sample_index: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    # "A", "B", ...: the only name a rater ever sees
    blind_label: Mapped[str] = mapped_column(String(8), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    completion_tokens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    latency_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    device: Mapped[str | None] = mapped_column(String(50), nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64), default="", index=True)

    case: Mapped[Case] = relationship(back_populates="responses")
    model: Mapped[Model] = relationship()


class Rater(_Row, Base):
    __tablename__ = "rater"
    name: Mapped[str] = mapped_column(String(200), unique=True)  # login-like id, e.g. "phys-a"
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(30), default="physician")  # physician | coordinator


class AssignmentDesign(_Row, Base):
    __tablename__ = "assignment_design"
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(200), default="")


class Assignment(_Row, Base):
    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("rater_id", "response_id"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("rater.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    design_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment_design.id", ondelete="SET NULL"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_calibration: Mapped[bool] = mapped_column(Boolean, default=False)
    # the checklist version the rater is asked to rate (set by a re-rating request); None: the
    # case's newest version when the rater starts
    checklist_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("checklist_version.id", ondelete="SET NULL"), nullable=True)


class Rating(_Row, Base):
    """One rater's rating of one response on one checklist version (draft or submitted).

    A rater may rate a response again on a newer version of its checklist (a re-rating request,
    :mod:`reviewer.checklists.rerate`); the *current* rating is the one on the newest version
    (:mod:`reviewer.store.current`), the older ones stay as they were for before/after figures.
    """

    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("response_id", "rater_id", "checklist_version_id"),
        # a case without a checklist: one rating (NULL is distinct from NULL in a unique constraint)
        Index("uq_rating_response_rater_unversioned", "response_id", "rater_id", unique=True,
              sqlite_where=sql_text("checklist_version_id IS NULL"),
              postgresql_where=sql_text("checklist_version_id IS NULL")),
    )
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("rater.id", ondelete="CASCADE"), index=True)
    # the checklist version the rater saw
    checklist_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("checklist_version.id"), nullable=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    overall_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    extra_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    safety_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    time_spent_s: Mapped[float] = mapped_column(Float, default=0.0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    source: Mapped[str] = mapped_column(String(30), default="app")  # app | import | merge
    # optimistic concurrency: bumped on every write; a stale writer is refused
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    # "come back later": set aside by the rater (a draft); cleared when submitted or taken up again
    skipped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false(), nullable=False)

    criterion_ratings: Mapped[list[CriterionRating]] = relationship(
        back_populates="rating", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": version}


class CriterionRating(_Row, Base):
    __tablename__ = "criterion_rating"
    __table_args__ = (UniqueConstraint("rating_id", "criterion_id"),)
    rating_id: Mapped[int] = mapped_column(ForeignKey("rating.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(10))  # met | not_met | na
    # copied from the rater's rating on an older version whose wording of this criterion is the
    # same (a re-rating asks only the changed criteria); cleared when the rater answers it here
    carried: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false(), nullable=False)

    rating: Mapped[Rating] = relationship(back_populates="criterion_ratings")


class PromptTemplate(_Row, Base):
    """A judge prompt template version (built-in ones are registered on first use)."""

    __tablename__ = "prompt_template"
    __table_args__ = (UniqueConstraint("name", "version"),)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(30), default="criterion")  # criterion | score | rubric
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("prompt_template.id"), nullable=True)
    author: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class JudgeRun(_Row, Base):
    __tablename__ = "judge_run"
    __table_args__ = (UniqueConstraint("study_id", "name"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    judge_model: Mapped[str] = mapped_column(Text, default="")
    backend: Mapped[str] = mapped_column(String(30), default="imported")
    mode: Mapped[str] = mapped_column(String(20), default="generate")  # generate | logprob | imported
    template_name: Mapped[str] = mapped_column(String(200), default="")
    template_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    template_hash: Mapped[str] = mapped_column(String(64), default="")
    # "latest" or a note; each verdict also records its criterion (hence its checklist version)
    checklist_policy: Mapped[str] = mapped_column(String(50), default="latest")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="running")
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class JudgeVerdict(_Row, Base):
    """One judge answer: per criterion (criterion_id set) or whole-answer score (criterion_id null)."""

    __tablename__ = "judge_verdict"
    __table_args__ = (
        UniqueConstraint("judge_run_id", "response_id", "criterion_id"),
        Index("ix_judge_verdict_run_response", "judge_run_id", "response_id"),
    )
    judge_run_id: Mapped[int] = mapped_column(ForeignKey("judge_run.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int | None] = mapped_column(
        ForeignKey("criterion.id", ondelete="CASCADE"), nullable=True, index=True
    )
    met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    probability: Mapped[float | None] = mapped_column(Float, nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="")
    raw_output: Mapped[str] = mapped_column(Text, default="")
    parse_status: Mapped[str] = mapped_column(String(20), default=PARSED)  # vocabulary.PARSE_STATUSES
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class Feedback(_Row, Base):
    """A rater's note on a criterion: unclear, wrong, or missing something."""

    __tablename__ = "feedback"
    rater_id: Mapped[int] = mapped_column(ForeignKey("rater.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # unclear | wrong | missing
    note: Mapped[str] = mapped_column(Text, default="")


class Evidence(_Row, Base):
    """A span of the answer a rater attached to a criterion: the rater's reason. *start* and *end*
    are character offsets into the response text (Python ``str`` indices, end exclusive); *quote*
    is the text between them when attached (so a later edit of the text cannot change it)."""

    __tablename__ = "evidence"
    rating_id: Mapped[int] = mapped_column(ForeignKey("rating.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")


class AuditEvent(_Row, Base):
    """Who changed what and when; nothing is deleted without a trace."""

    __tablename__ = "audit_event"
    study_id: Mapped[int | None] = mapped_column(ForeignKey("study.id", ondelete="SET NULL"), nullable=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))  # e.g. rating.edit_submitted, merge, checklist.edit
    entity_type: Mapped[str] = mapped_column(String(60), default="")
    entity_uid: Mapped[str] = mapped_column(String(36), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


# the adjudication tables live in their own module; imported here so that Base.metadata (and
# Alembic) always holds them and the names can be imported from this module like the others
from reviewer.store import adjudication_models as _adjudication  # noqa: E402

GoldLabel = _adjudication.GoldLabel
ConsensusScore = _adjudication.ConsensusScore

# the review-file bookkeeping (packs, merges, conflicts) lives in its own module too, for the same reason
from reviewer.store import reviewfile_models as _reviewfiles  # noqa: E402

RatingConflict = _reviewfiles.RatingConflict
MergeRecord = _reviewfiles.MergeRecord
ReviewPack = _reviewfiles.ReviewPack
PackRating = _reviewfiles.PackRating
