"""Blinded response labels: raters only ever see "Response A", "Response B", ... never a model name."""

from __future__ import annotations

import string
from collections.abc import Iterable

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


def display_name(label: str) -> str:
    return f"Response {label}"


def shuffled_order_key(case_uid: str, response_uid: str) -> str:
    import hashlib

    return hashlib.sha256(f"{case_uid}:{response_uid}".encode()).hexdigest()


def reshuffle_labels(session: Session, case_ids: Iterable[int]) -> int:
    """Re-letter the responses of these cases in an order drawn from their uids, not their insertion.

    Labels handed out in insertion order would give the first model generated or imported the letter
    A on every case, and a rater could learn which model "A" is. Here the order of a case's
    responses is the order of sha256(case uid : response uid): unpredictable, the same on every
    machine, and stable while the set of responses stays the same. Returns how many labels changed.
    Ratings point at responses, not labels, so nothing rated is affected.
    """
    from sqlalchemy import update

    from reviewer.store.models import Case

    ids = sorted(set(case_ids))
    changed: list[dict[str, object]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = session.execute(
            select(Response.id, Response.uid, Response.blind_label, Response.case_id, Case.uid)
            .join(Case, Case.id == Response.case_id).where(Response.case_id.in_(chunk))
        ).all()
        by_case: dict[int, list] = {}
        for row in rows:
            by_case.setdefault(row[3], []).append(row)
        for group in by_case.values():
            group.sort(key=lambda r: shuffled_order_key(r[4], r[1]))
            for index, (rid, _uid, label, _cid, _cuid) in enumerate(group):
                new = label_for_index(index)
                if new != label:
                    changed.append({"rid": rid, "label": new})
    if changed:
        from sqlalchemy import bindparam

        table = Response.__table__
        session.execute(update(table).where(table.c.id == bindparam("rid"))
                        .values(blind_label=bindparam("label")), changed)
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Response):
                session.expire(obj, ["blind_label"])
    return len(changed)
