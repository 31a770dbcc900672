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


def generation_preview(store: Store, study_id: int, cases: str = "all") -> dict[str, object]:
    """The conversation the model would answer for the first selected case, as plain
    ``User: …`` / ``Assistant:`` text (a model's own chat template wraps the same messages), and
    how many cases the selection covers. Reads only. Keys: ``prompt``, ``cases``, ``case``."""
    from reviewer.generation.selection import select_cases
    from reviewer.generation.service import _messages
    from reviewer.generation.transformers_backend import plain_prompt

    with store.Session() as s:
        chosen = select_cases(s, study_id, cases)
        for case in chosen:
            msgs = _messages(case)
            if isinstance(msgs, list):
                return {"prompt": plain_prompt(msgs), "cases": len(chosen), "case": case.external_id or case.uid}
    return {"prompt": "", "cases": len(chosen), "case": ""}
