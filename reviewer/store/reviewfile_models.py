"""Review-file bookkeeping: the packs a study issued, the returns it merged, the conflicts it kept.

Kept apart from :mod:`reviewer.store.models` (which imports this module at its end, so that
``Base.metadata`` and Alembic see the tables and ``from reviewer.store.models import ReviewPack``
works). See :mod:`reviewer.reviewfiles` for how they are used.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reviewer.store.models import Base, _Row


class RatingConflict(_Row, Base):
    """A rating that changed on both sides of a merge: both versions kept, flagged for the coordinator."""

    __tablename__ = "rating_conflict"
    rating_id: Mapped[int] = mapped_column(ForeignKey("rating.id", ondelete="CASCADE"), index=True)
    local: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    incoming: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_file: Mapped[str] = mapped_column(Text, default="")
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class MergeRecord(_Row, Base):
    """One merged return file (its content hash makes merging idempotent)."""

    __tablename__ = "merge_record"
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("rater.id", ondelete="CASCADE"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(Text, default="")
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ReviewPack(_Row, Base):
    """One rater's review file as issued (its ``uid`` is the file's pack uid): the secret that
    authenticates its returns (32 random bytes, hex) and the responses it was issued for."""

    __tablename__ = "review_pack"
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id", ondelete="CASCADE"), index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("rater.id", ondelete="CASCADE"), index=True)
    secret: Mapped[str] = mapped_column(String(64))
    response_uids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    file_name: Mapped[str] = mapped_column(Text, default="")


class PackRating(_Row, Base):
    """The newest revision of one rating that the study holds from one pack (merged or kept as a
    conflict): a return applies a rating only when its revision is newer."""

    __tablename__ = "pack_rating"
    __table_args__ = (UniqueConstraint("pack_id", "rating_id"),)
    pack_id: Mapped[int] = mapped_column(ForeignKey("review_pack.id", ondelete="CASCADE"), index=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("rating.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
