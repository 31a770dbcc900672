"""Blind labels: raters see "Response A/B/..." and the letter does not follow the model."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from reviewer.store.models import Model, Response
from reviewer.studies.blinding import label_for_index, reshuffle_labels
from reviewer.studies.demo import build_demo


def test_label_for_index() -> None:
    assert [label_for_index(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_demo_letters_do_not_reveal_the_model(store) -> None:
    build_demo(store)
    with store.Session() as session:
        rows = session.execute(select(Response.case_id, Response.blind_label, Model.name)
                               .join(Model, Model.id == Response.model_id)).all()
    per_case: dict[int, list[str]] = {}
    for case_id, label, _model in rows:
        per_case.setdefault(case_id, []).append(label)
    assert all(sorted(labels) == ["A", "B", "C"] for labels in per_case.values())
    # inserted in model order alpha, beta, gamma: each model must not hold the same letter everywhere
    letters_per_model = {m: Counter(lab for _c, lab, mm in rows if mm == m) for m in {r[2] for r in rows}}
    assert all(len(counter) > 1 for counter in letters_per_model.values()), letters_per_model


def test_reshuffle_is_stable_and_idempotent(store) -> None:
    build_demo(store)
    with store.begin() as session:
        before = dict(session.execute(select(Response.id, Response.blind_label)).all())
        case_ids = {cid for (cid,) in session.execute(select(Response.case_id))}
        assert reshuffle_labels(session, case_ids) == 0
    with store.Session() as session:
        assert dict(session.execute(select(Response.id, Response.blind_label)).all()) == before
