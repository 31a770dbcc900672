"""The one rule for a rater's *current* rating of a response.

A rating belongs to (response, rater, checklist version): after a criterion is reworded a rater
may be asked to rate the answer again on the new version (:mod:`reviewer.checklists.rerate`).
The current rating of a rater for a response is the one on the **newest checklist version they
have a rating on** (a rating of a case without a checklist counts as version 0). The older ones
stay as they were, read-only, for before/after figures; nothing else reads them.

Three spellings of the same rule, for the three kinds of reader:

* :func:`is_current` -- a SQL condition on a ``Rating`` (or an alias): bulk readers (agreement,
  exports, queue statuses, overviews) add it to their ``WHERE``;
* :func:`newest_first` -- narrows a query already limited to one rater and one response to the
  current rating (``ORDER BY`` version ``DESC LIMIT 1``): the rating screen's single lookups;
* :data:`reviewer.store.current_sql.CURRENT_RATING` -- the same condition as SQL text, for the
  first screen's and the queue's raw DB-API reads (made before the ORM is loaded).

A test checks that all three choose the same ratings.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import aliased

from reviewer.store.models import ChecklistVersion, Rating

_Q = TypeVar("_Q", bound=Select[Any])


def version_number(rating: Any = Rating) -> ColumnElement[int]:
    """The checklist version number of *rating* (0 without a checklist), as a scalar subquery."""
    cv = aliased(ChecklistVersion)
    return func.coalesce(select(cv.version).where(cv.id == rating.checklist_version_id)
                         .correlate_except(cv).scalar_subquery(), 0)


def is_current(rating: Any = Rating) -> ColumnElement[bool]:
    """SQL: *rating* (``Rating`` or an alias of it) is its rater's current rating of its response,
    i.e. the rater has no rating of the same response on a newer checklist version."""
    newer = aliased(Rating)
    return ~exists().where(newer.response_id == rating.response_id, newer.rater_id == rating.rater_id,
                           newer.id != rating.id, version_number(newer) > version_number(rating)
                           ).correlate_except(newer)


def newest_first(query: _Q) -> _Q:
    """*query* over ``Rating`` (already narrowed to one rater and one response), limited to the
    current rating: newest checklist version first, one row."""
    cv = aliased(ChecklistVersion)
    return query.outerjoin(cv, Rating.checklist_version_id == cv.id).order_by(
        func.coalesce(cv.version, 0).desc(), Rating.id.desc()).limit(1)
