"""The stored words of a rating (criterion answers and rating statuses), importable without
SQLAlchemy: the app's first screen is drawn before the ORM is loaded (see reviewer.rating.first_screen)."""

from __future__ import annotations

# Criterion answers, as stored in CriterionRating.value
MET = "met"
NOT_MET = "not_met"
NA = "na"
CRITERION_VALUES = (MET, NOT_MET, NA)

# Rating.status
DRAFT = "draft"
SUBMITTED = "submitted"
