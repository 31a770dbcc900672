"""The current-rating rule of :mod:`reviewer.store.current` as plain SQL text, without SQLAlchemy:
the app's first screen and the queue reads run raw DB-API queries before the ORM is loaded.

``CURRENT_RATING`` is a condition on a table called ``rating`` (use it in a ``WHERE`` or a join's
``ON``): the rater has no rating of the same response on a newer checklist version. A test checks
that it selects exactly the ratings :func:`reviewer.store.current.is_current` selects.
"""

_VERSION_OF = "COALESCE((SELECT v.version FROM checklist_version AS v WHERE v.id = {}.checklist_version_id), 0)"

CURRENT_RATING = (
    "NOT EXISTS (SELECT 1 FROM rating AS newer WHERE newer.response_id = rating.response_id "
    "AND newer.rater_id = rating.rater_id AND newer.id != rating.id "
    f"AND {_VERSION_OF.format('newer')} > {_VERSION_OF.format('rating')})"
)
