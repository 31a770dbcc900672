"""Adjudication: the gold (reference) answers a study ends in (issue 18).

Kept apart from :mod:`reviewer.store.models` (which imports this module at its end, so that
``Base.metadata`` and Alembic see the tables and ``from reviewer.store.models import GoldLabel``
works). A gold label is "a rater of its own kind" (DESIGN.md): one answer per (response,
criterion) and one consensus overall score per response, each with who decided, how and why.
"""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reviewer.store.models import Base, _Row

MANUAL = "manual"  # how a label was reached: a person's decision (never overwritten by a rule)
MAJORITY = "majority"  # "majority k of n": k of the n met / not-met answers agreed (n.a. is no vote)


def majority_method(k: int, n: int) -> str:
    return f"{MAJORITY} {k} of {n}"


class GoldLabel(_Row, Base):
    """The adjudicated answer to one criterion (as worded in its checklist version) for one response."""

    __tablename__ = "gold_label"
    __table_args__ = (UniqueConstraint("response_id", "criterion_id"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(10))  # met | not_met | na (vocabulary.CRITERION_VALUES)
    reason: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(40), default=MANUAL)  # "manual" | "majority k of n"


class ConsensusScore(_Row, Base):
    """The adjudicated overall score of one response."""

    __tablename__ = "consensus_score"
    __table_args__ = (UniqueConstraint("response_id"),)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(40), default=MANUAL)
