"""Ratings made outside the app, written as submitted ratings (source ``import``) of raters.

Shared by the HealthBench meta-evaluation importer (physician labels) and the ratings importer
(``reviewer import ratings``): one rating per (response, rater), one criterion rating per
(rating, criterion). Both are matched against what the database holds first, so importing the
same labels twice adds nothing; a label that disagrees with a stored one is kept as stored and
reported as a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.importing.common import ImportReport, bulk_insert
from reviewer.store.current import is_current
from reviewer.store.models import SUBMITTED, CriterionRating, Rating, utcnow

RatingKey = tuple[int, int]  # (response id, rater id)


@dataclass
class RatingIn:
    """The rating-level part of one imported rating (None: take the stored or default value)."""

    response_id: int
    rater_id: int
    checklist_version_id: int | None
    overall_score: float | None = None
    extra_scores: dict[str, Any] = field(default_factory=dict)
    comment: str = ""
    safety_flag: bool = False
    time_spent_s: float = 0.0
    submitted_at: datetime | None = None
    uid: str | None = None
    line: int | None = None

    @property
    def key(self) -> RatingKey:
        return (self.response_id, self.rater_id)


@dataclass
class LabelIn:
    """One criterion answer of one imported rating."""

    rating: RatingKey
    criterion_id: int
    value: str
    line: int | None = None


def write_rater_labels(session: Session, ratings: Sequence[RatingIn], labels: Sequence[LabelIn],
                       report: ImportReport) -> dict[RatingKey, int]:
    """Insert the ratings and criterion ratings the database lacks; return rating ids by key.

    *ratings* holds one entry per key (the first wins); every label's rating must be among them.
    A rating already stored for (response, rater) is kept as it is (counted as skipped): the rater's
    current rating (:mod:`reviewer.store.current`); labels for another checklist version than that
    rating's are not added to it (a warning says so).
    """
    resp_ids = list({r.response_id for r in ratings})
    existing: dict[RatingKey, int] = {}
    stored_version: dict[RatingKey, int | None] = {}
    existing_cr: dict[tuple[int, int], str] = {}
    for start in range(0, len(resp_ids), 500):
        chunk = resp_ids[start:start + 500]
        for resp, rater, rid, cv in session.execute(  # the raters' current ratings (reviewer.store.current)
                select(Rating.response_id, Rating.rater_id, Rating.id, Rating.checklist_version_id)
                .where(Rating.response_id.in_(chunk), is_current())):
            existing[(resp, rater)] = rid
            stored_version[(resp, rater)] = cv
        existing_cr.update(((rid, crit), value) for rid, crit, value in session.execute(
            select(CriterionRating.rating_id, CriterionRating.criterion_id, CriterionRating.value)
            .join(Rating, Rating.id == CriterionRating.rating_id)
            .where(Rating.response_id.in_(chunk))))
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    new_keys: list[RatingKey] = []
    seen: set[RatingKey] = set()
    other_version: set[RatingKey] = set()
    for r in ratings:
        if r.key in seen:
            continue
        seen.add(r.key)
        if r.key in existing:
            report.skip("ratings")
            if stored_version[r.key] != r.checklist_version_id:
                other_version.add(r.key)
                where = f"line {r.line}: " if r.line is not None else ""
                report.warnings.append(f"{where}this rater's rating of the answer is stored on another checklist "
                                       "version; the stored rating was kept and these labels were not added")
            continue
        row = {"response_id": r.response_id, "rater_id": r.rater_id,
               "checklist_version_id": r.checklist_version_id, "status": SUBMITTED,
               "overall_score": r.overall_score, "extra_scores": dict(r.extra_scores), "comment": r.comment,
               "safety_flag": r.safety_flag, "time_spent_s": r.time_spent_s,
               "submitted_at": r.submitted_at or now, "source": "import", "version": 1}
        if r.uid:
            row["uid"] = r.uid
        new_rows.append(row)
        new_keys.append(r.key)
    ids = dict(existing)
    ids.update(zip(new_keys, bulk_insert(session, Rating, new_rows), strict=True))
    report.add("ratings", len(new_rows))
    new_cr: dict[tuple[int, int], dict[str, Any]] = {}
    for label in labels:
        if label.rating in other_version:
            report.skip("criterion_ratings")
            continue
        rating_id = ids[label.rating]
        key = (rating_id, label.criterion_id)
        before = existing_cr.get(key) or (new_cr[key]["value"] if key in new_cr else None)
        if before is None:
            new_cr[key] = {"rating_id": rating_id, "criterion_id": label.criterion_id, "value": label.value}
        else:
            report.skip("criterion_ratings")
            if before != label.value:
                report.warnings.append(f"line {label.line}: a label of the same rater on the same criterion "
                                       f"and response says {label.value}, kept {before}")
    bulk_insert(session, CriterionRating, list(new_cr.values()), ids=False)
    report.add("criterion_ratings", len(new_cr))
    return ids
