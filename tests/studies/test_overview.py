"""The study overview's counts on a small hand-built study: every figure derived by hand from the
rows the test writes (assignments by ``assign``, ratings added directly)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewer.errors import ConflictError
from reviewer.store.models import Assignment, MergeRecord, Rater, Rating
from reviewer.store.vocabulary import DRAFT, SUBMITTED
from reviewer.studies.operations import assign, assigned_rater_names, rater_names
from reviewer.studies.overview import study_overview
from tests.support.rating import make_study


def test_overview_counts_assigned_submitted_drafts_outstanding_and_returns(store) -> None:
    ids = make_study(store, cases=3)  # 3 cases x 2 answers, raters alice and bob
    sid = ids["study"]
    report = assign(store, sid, ["alice", "bob"], per_response=1, overlap=0.0, max_per_rater=2, created_by="t")
    assert report.to_dict()
    with store.begin() as s:
        raters = dict(s.execute(select(Rater.name, Rater.id)).all())
        mine = {name: [a.response_id for a in s.scalars(select(Assignment).where(Assignment.rater_id == rid)
                                                         .order_by(Assignment.position))]
                for name, rid in raters.items()}
        a0, a1 = mine["alice"]
        s.add_all([Rating(response_id=a0, rater_id=raters["alice"], status=SUBMITTED, time_spent_s=30.0),
                   Rating(response_id=a1, rater_id=raters["alice"], status=DRAFT, time_spent_s=12.0),
                   Rating(response_id=a0, rater_id=raters["bob"], status=SUBMITTED, time_spent_s=5.0)])
        s.add(Rater(name="carol"))
        s.flush()
        carol = s.scalar(select(Rater.id).where(Rater.name == "carol"))
        s.add(Rating(response_id=mine["bob"][0], rater_id=carol, status=SUBMITTED))
        s.add(MergeRecord(study_id=sid, rater_id=raters["bob"], content_hash="x" * 64, file_name="bob.rvr"))
    ov = study_overview(store, sid)
    rows = {r.rater: r for r in ov.raters}
    assert (ov.study, ov.responses, ov.unassigned) == ("s1", 6, 2)  # 4 of 6 answers assigned
    alice, bob, carol_row = rows["alice"], rows["bob"], rows["carol"]
    assert (alice.assigned, alice.submitted, alice.drafts, alice.outstanding, alice.other_submitted) == (2, 1, 1, 1, 0)
    assert alice.time_spent_s == 42.0 and alice.last_return is None and alice.last_activity is not None
    # bob rated alice's a0 (not his): counted as other, his own two still outstanding
    assert (bob.assigned, bob.submitted, bob.outstanding, bob.other_submitted) == (2, 0, 2, 1)
    assert bob.last_return is not None and bob.last_return_file == "bob.rvr"
    assert (carol_row.assigned, carol_row.submitted, carol_row.other_submitted) == (0, 0, 1)
    assert ov.submitted == 3 and ov.outstanding == 3
    assert assigned_rater_names(store, sid) == ["alice", "bob"]
    assert rater_names(store, sid) == ["alice", "bob", "carol"]


def test_assign_refuses_a_second_design_without_replace(store) -> None:
    ids = make_study(store)
    assign(store, ids["study"], ["alice", "bob"], created_by="t")
    with pytest.raises(ConflictError):
        assign(store, ids["study"], ["alice"], per_response=1, created_by="t")
    assign(store, ids["study"], ["alice"], per_response=1, replace=True, created_by="t")
    with store.Session() as s:
        assert s.scalar(select(Assignment.id).join(Rater).where(Rater.name == "alice")) is not None
