"""Blinded response labels: raters only ever see "Response A", "Response B", ... never a model name."""

from __future__ import annotations

import string

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.store.models import Response


def label_for_index(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, ... (spreadsheet-style)."""
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        label = letters[rem] + label
    return label


def next_blind_label(session: Session, case_id: int) -> str:
    """The first label not yet used by a response of this case (call before adding the response).

    Pending (flushed or not) responses in the session count too, so a batch insert gets A, B, C...
    """
    used = set(session.scalars(select(Response.blind_label).where(Response.case_id == case_id)))
    used |= {r.blind_label for r in session.new if isinstance(r, Response) and r.case_id == case_id}
    i = 0
    while label_for_index(i) in used:
        i += 1
    return label_for_index(i)


def display_name(label: str) -> str:
    return f"Response {label}"
