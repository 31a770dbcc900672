"""The rating service on an open store, one short transaction per call: what the rater's window calls.

Anki's "operations" shape: a widget makes one call (``ops.set_criterion(...)``), the call owns its
transaction (reads in a plain session, writes in ``store.begin()``, which turns a lost race on a
rating's version into :class:`~reviewer.errors.ConflictError`) and hands back frozen dataclasses of
:mod:`reviewer.rating.views`, never ORM objects. The GUI never sees a session, SQL or a model, and
imports this module only once the first screen is painted (it loads SQLAlchemy).

Each write returns the :class:`~reviewer.rating.views.RatingState` it left behind: what changed, for
the queue row, the progress bar and any copy of the item read before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from reviewer.rating import service
from reviewer.rating.overview import check_overview_access, overview
from reviewer.rating.views import (
    ItemView,
    KnownRaters,
    Overview,
    QueueItem,
    QueueView,
    RaterView,
    RatingState,
    StudyLookup,
)

if TYPE_CHECKING:
    from reviewer.store import Store


class RatingOperations:
    """The rater's reads and writes on *store*; each method is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- which study, which rater ----------------------------------------------------------
    def find_study(self, *, uid: str | None = None, name: str | None = None) -> StudyLookup:
        """The study with this uid (a review file's), else with this name; with neither asked for
        (or a uid not found and no name), every study to choose from."""
        with self.store.Session() as s:
            if uid:
                found = service.find_study(s, uid=uid)
                if found is not None:
                    return StudyLookup(found)
            if name:
                return StudyLookup(service.find_study(s, name=name))
            return StudyLookup(None, tuple(service.study_list(s)))

    def known_raters(self, uid: str | None = None) -> KnownRaters:
        """Every rater's name, and the name of the rater with *uid* (a review file's) when given."""
        with self.store.Session() as s:
            named = service.rater_name_by_uid(s, uid) if uid else None
            return KnownRaters(tuple(service.rater_names(s)), named)

    def get_rater(self, name: str, *, create: bool = True) -> RaterView:
        """The rater called *name* (created when *create* is true and there is none)."""
        with self.store.begin() as s:
            rater = service.get_rater(s, name, create=create)
            return RaterView(rater.id, rater.name)

    def require_coordinator_access(self) -> None:
        """Raise ReviewerError when this database login may not open coordinator mode."""
        with self.store.Session() as s:
            check_overview_access(s)

    def study_name(self, study_id: int) -> str:
        with self.store.Session() as s:
            return service.study_name(s, study_id)

    # -- the work queue ---------------------------------------------------------------------
    def queue(self, study_id: int, rater_id: int) -> QueueView:
        """The rater's queue in order, each response's status, and the study's categories."""
        with self.store.Session() as s:
            ids = service.queue_ids(s, study_id, rater_id)
            return QueueView(ids, service.queue_statuses(s, rater_id, ids), service.study_categories(s, study_id))

    def queue_rows(self, rater_id: int, response_ids: list[int],
                   positions: dict[int, int] | None = None) -> dict[int, QueueItem]:
        """Rows of the queue table for some responses (the table asks a page at a time)."""
        with self.store.Session() as s:
            return service.queue_rows(s, rater_id, response_ids, positions)

    def response_categories(self, study_id: int) -> dict[int, str]:
        """response id -> its case's category (for the category filter)."""
        with self.store.Session() as s:
            return service.response_categories(s, study_id)

    def other_responses(self, response_id: int) -> list[int]:
        """The other responses to the same case, by blind label (side by side)."""
        with self.store.Session() as s:
            return service.other_responses(s, response_id)

    # -- one item ---------------------------------------------------------------------------
    def load_item(self, rater_id: int, response_id: int, *,
                  with_overview: bool = False) -> tuple[ItemView, Overview | None]:
        """The item as the rater sees it, and (coordinator mode) everyone else's view of it."""
        with self.store.Session() as s:
            item = service.load_item(s, rater_id, response_id)
            return item, overview(s, response_id, rater_id) if with_overview else None

    def stored_version(self, rater_id: int, response_id: int) -> int:
        """The version of the rater's rating as stored now (0: none yet)."""
        with self.store.Session() as s:
            return service.stored_version(s, rater_id, response_id)

    # -- writes: each expects the version on screen (None: unchecked) -------------------------
    def set_criterion(self, rater_id: int, response_id: int, criterion_id: int, value: str | None, *,
                      actor: str | None = None, expected_version: int | None = None) -> RatingState:
        """Answer a criterion (``None`` clears it); the hot path, one key press each."""
        with self.store.begin() as s:
            return service.set_criterion(s, rater_id, response_id, criterion_id, value, actor=actor,
                                         expected_version=expected_version)

    def set_overall_score(self, rater_id: int, response_id: int, score: float | None, *,
                          actor: str | None = None, expected_version: int | None = None) -> RatingState:
        with self.store.begin() as s:
            return service.set_overall_score(s, rater_id, response_id, score, actor=actor,
                                             expected_version=expected_version)

    def set_extra_score(self, rater_id: int, response_id: int, name: str, score: float | None, *,
                        actor: str | None = None, expected_version: int | None = None) -> RatingState:
        with self.store.begin() as s:
            return service.set_extra_score(s, rater_id, response_id, name, score, actor=actor,
                                           expected_version=expected_version)

    def set_safety_flag(self, rater_id: int, response_id: int, flag: bool, *,
                        actor: str | None = None, expected_version: int | None = None) -> RatingState:
        with self.store.begin() as s:
            return service.set_safety_flag(s, rater_id, response_id, flag, actor=actor,
                                           expected_version=expected_version)

    def set_comment(self, rater_id: int, response_id: int, comment: str, *,
                    actor: str | None = None, expected_version: int | None = None) -> RatingState:
        with self.store.begin() as s:
            return service.set_comment(s, rater_id, response_id, comment, actor=actor,
                                       expected_version=expected_version)

    def add_time(self, rater_id: int, seconds: Mapping[int, float]) -> list[RatingState]:
        """Add time on item to several ratings at once (response id -> seconds); the states of the
        ratings that exist (time on an item never rated is not kept, see
        :func:`reviewer.rating.service.add_time`)."""
        with self.store.begin() as s:
            states = [service.add_time(s, rater_id, rid, sec) for rid, sec in seconds.items()]
        return [state for state in states if state is not None]

    def submit(self, rater_id: int, response_id: int, *, actor: str | None = None,
               expected_version: int | None = None, seconds: float = 0.0) -> RatingState:
        """Submit the rating, with the time spent on it since the last write (same transaction:
        a refused submit keeps the time for later). Raises
        :class:`~reviewer.errors.IncompleteRatingError` naming what is unanswered."""
        with self.store.begin() as s:
            if seconds > 0:
                service.add_time(s, rater_id, response_id, seconds)
            return service.submit(s, rater_id, response_id, actor=actor, expected_version=expected_version)

    def add_feedback(self, rater_id: int, response_id: int | None, criterion_id: int, kind: str,
                     note: str = "", *, expected_version: int | None = None) -> int:
        """A rater's note on a criterion (``unclear``, ``wrong``, ``missing``); its id."""
        with self.store.begin() as s:
            return service.add_feedback(s, rater_id, response_id, criterion_id, kind, note,
                                        expected_version=expected_version)

    # -- come back later, evidence, search, guidelines (issue 17) -----------------------------
    def set_skipped(self, rater_id: int, response_id: int, skipped: bool, *,
                    expected_version: int | None = None) -> RatingState:
        """Set the item aside ("come back later") or take it up again."""
        with self.store.begin() as s:
            return service.set_skipped(s, rater_id, response_id, skipped, expected_version=expected_version)

    def add_evidence(self, rater_id: int, response_id: int, criterion_id: int, start: int, end: int, *,
                     actor: str | None = None, expected_version: int | None = None) -> tuple[int, RatingState]:
        """Attach ``text[start:end]`` of the answer to a criterion; (evidence id, state)."""
        from reviewer.rating.evidence import add_evidence

        with self.store.begin() as s:
            return add_evidence(s, rater_id, response_id, criterion_id, start, end, actor=actor,
                                expected_version=expected_version)

    def remove_evidence(self, rater_id: int, response_id: int, evidence_id: int, *,
                        actor: str | None = None, expected_version: int | None = None) -> RatingState:
        from reviewer.rating.evidence import remove_evidence

        with self.store.begin() as s:
            return remove_evidence(s, rater_id, response_id, evidence_id, actor=actor,
                                   expected_version=expected_version)

    def search_queue(self, study_id: int, rater_id: int, query: str) -> list[int]:
        """Response ids of the queue whose case or answer holds every word of *query*, in order."""
        from reviewer.rating.queue_search import search_queue

        with self.store.Session() as s:
            return search_queue(s, study_id, rater_id, query)

    def queue_marks(self, rater_id: int) -> dict[str, set[int]]:
        """Response ids by mark (``flagged``, ``commented``, ``feedback``) for the queue filters."""
        from reviewer.rating.queue_search import queue_marks

        with self.store.Session() as s:
            return queue_marks(s, rater_id)

    def study_guidelines(self, study_id: int) -> str:
        """The study's rating guidelines (Markdown; ``""`` when it has none)."""
        with self.store.Session() as s:
            return service.study_guidelines(s, study_id)
