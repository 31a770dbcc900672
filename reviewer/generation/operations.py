"""Generation reads for a running job's progress line, each one short transaction.

The Generate job notes the newest answer id before it starts (:func:`last_response_id`) and then,
at every progress report, sums the completion tokens of the generated answers written since
(:func:`completion_tokens_since`) to show tokens per second.
"""

from __future__ import annotations

from sqlalchemy import func, select

from reviewer.store import Store
from reviewer.store.models import Response


def last_response_id(store: Store) -> int:
    """The highest answer id in the store (0 when it holds none)."""
    with store.Session() as s:
        return s.scalar(select(func.max(Response.id))) or 0


def completion_tokens_since(store: Store, after_id: int) -> int:
    """Completion tokens of the generated answers (not imported ones) with an id above *after_id*."""
    with store.Session() as s:
        return s.scalar(select(func.coalesce(func.sum(Response.completion_tokens), 0))
                        .where(Response.id > after_id, Response.generation_run_id.is_not(None))) or 0
