"""Adjudication as operations for the screens: each call opens and closes its own transaction.

The Adjudicate view (``gui/coordinator/adjudication_view.py``) reads the queue
(:func:`queue_items`), stores a person's gold label (:func:`decide_gold`) and fills labels by majority
(:func:`fill_by_majority`, run as a job). Every function takes the open
:class:`~reviewer.store.Store` first and returns the frozen results of :mod:`.queue` and
:mod:`.decisions`, which hold the rules; these only open the transaction around them.
"""

from __future__ import annotations

from reviewer.adjudication.decisions import AutoReport, GoldDecision, auto_majority, record_gold
from reviewer.adjudication.queue import QueueItem, adjudication_queue
from reviewer.store import Store


def queue_items(store: Store, study: str, *, include_decided: bool = True) -> list[QueueItem]:
    """The items to adjudicate, worst first, decided ones included unless told otherwise (the screen
    keeps them in the list so a decision stays in view with who made it and how)."""
    with store.Session() as s:
        return adjudication_queue(s, study, include_decided=include_decided)


def decide_gold(store: Store, study: str, item: QueueItem, value: str, *, reason: str, author: str) -> GoldDecision:
    """A person's gold label for *item* (one transaction, audited): see
    :func:`reviewer.adjudication.decisions.record_gold`."""
    with store.begin() as s:
        return record_gold(s, item.case_uid, item.response_uid, item.criterion_key, value, reason=reason,
                           author=author, study=study, version=item.version)


def fill_by_majority(store: Store, study: str, quorum: int, *, author: str) -> AutoReport:
    """Gold labels by majority with *quorum* (one transaction): see
    :func:`reviewer.adjudication.decisions.auto_majority`."""
    with store.begin() as s:
        return auto_majority(s, quorum, author=author, study=study)
