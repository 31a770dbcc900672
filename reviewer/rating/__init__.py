"""The rater's service: work queue, one item's view, every write a rater makes, the version guard
and the first screen read before SQLAlchemy is imported.

- :mod:`.service`: reads and writes on a caller's session (``set_criterion``, ``submit``, ...)
- :mod:`.operations`: ``RatingOperations``, the same reads and writes on an open store, each call one
  transaction returning views (what the GUI calls; it never sees a session)
- :mod:`.views`: frozen dataclasses the GUI shows (no SQLAlchemy); :mod:`.queue_reads` and
  :mod:`.first_screen`: the DB-API reads shared by the ORM path and the first screen
- :mod:`.guard`: the ``expected_version`` check; :mod:`.drafts`: the fast criterion write;
  :mod:`.queue`: queue order and rows; :mod:`.overview`: other raters and the judge (coordinator)
- :mod:`.evidence`: spans of the answer attached to a criterion; :mod:`.queue_search`: text search
  over the queue and its marks (flagged, commented, with feedback)

Public names load on first use (PEP 562), so ``reviewer.rating.views`` imports without SQLAlchemy.
"""

from reviewer import lazy_exports

__getattr__ = lazy_exports(__name__, ["service", "queue", "views", "guard", "drafts", "overview", "operations",
                                         "evidence", "queue_search"])
