"""The rating service against a real SQLite store: queue order, drafts, submit, audit, reopen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewer import rating as svc
from reviewer.store import open_store
from reviewer.store.models import Assignment, AuditEvent, CriterionRating, Feedback, Rating
from tests.support.rating import make_study


def test_queue_without_assignments_is_stable_per_rater_shuffle(store):
    ids = make_study(store, cases=6)
    with store.begin() as s:
        qa = [q.response_id for q in svc.work_queue(s, ids["study"], ids["alice"])]
        qa2 = svc.queue_ids(s, ids["study"], ids["alice"])
        qb = svc.queue_ids(s, ids["study"], ids["bob"])
    assert sorted(qa) == sorted(ids["responses"])
    assert qa == qa2
    assert qa != qb  # 12 responses: two raters get the same shuffle with probability 1/12!
    assert sorted(qb) == sorted(qa)


def test_queue_with_assignments_follows_position(store):
    ids = make_study(store, cases=3)
    r = ids["responses"]
    with store.begin() as s:
        for pos, rid in enumerate([r[4], r[0], r[2]]):
            s.add(Assignment(study_id=ids["study"], rater_id=ids["alice"], response_id=rid, position=pos))
    with store.begin() as s:
        q = svc.work_queue(s, ids["study"], ids["alice"])
        assert [x.response_id for x in q] == [r[4], r[0], r[2]]
        assert [x.position for x in q] == [1, 2, 3]
        assert all(x.status == svc.NEW for x in q)
        assert svc.work_queue(s, ids["study"], ids["bob"]) == []  # nothing assigned to bob


def test_draft_on_first_change_then_submit_and_reopen(store, db_path):
    ids = make_study(store, extra_scales=[{"name": "clarity", "min": 1, "max": 3, "required": True}])
    rid = ids["responses"][0]
    with store.begin() as s:
        item = svc.load_item(s, ids["alice"], rid)
    assert item.status == svc.NEW and item.rating_version == 0
    assert [c.number for c in item.criteria] == [1, 2, 3]
    assert item.overall_scale.minimum == 1 and item.overall_scale.maximum == 5
    assert item.overall_scale.anchors[0][0] == 1 and item.overall_scale.anchors[0][1]
    crits = [c.id for c in item.criteria]
    with store.begin() as s:
        assert svc.add_time(s, ids["alice"], rid, 5.0) is None  # viewing alone creates nothing
        st = svc.set_criterion(s, ids["alice"], rid, crits[0], "met", actor="alice")
    assert st.status == "draft" and st.rating_version >= 1
    with store.begin() as s:
        with pytest.raises(svc.IncompleteRatingError) as exc:
            svc.submit(s, ids["alice"], rid)
    msg = str(exc.value)
    assert "criterion 2 (Criterion text 0-1)" in msg and "criterion 3" in msg
    assert "overall score" in msg and "clarity" in msg and "criterion 1 " not in msg
    with store.begin() as s:
        svc.set_criterion(s, ids["alice"], rid, crits[1], "not_met")
        svc.set_criterion(s, ids["alice"], rid, crits[2], "na")
        svc.set_overall_score(s, ids["alice"], rid, 4)
        svc.set_extra_score(s, ids["alice"], rid, "clarity", 2)
        svc.set_comment(s, ids["alice"], rid, "fine 好")
        svc.set_safety_flag(s, ids["alice"], rid, True)
        svc.add_time(s, ids["alice"], rid, 12.5)
        svc.add_feedback(s, ids["alice"], rid, crits[1], "unclear", "ambiguous wording")
        st = svc.submit(s, ids["alice"], rid)
    assert st.status == "submitted"
    store.close()
    again = open_store(db_path)
    with again.begin() as s:
        item = svc.load_item(s, ids["alice"], rid)
        rating = s.scalar(select(Rating).where(Rating.response_id == rid))
        assert rating.checklist_version_id == item.checklist_version_id is not None
        assert rating.submitted_at is not None
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "rating.submit")) is not None
        fb = s.scalar(select(Feedback))
        assert (fb.kind, fb.note, fb.criterion_id) == ("unclear", "ambiguous wording", crits[1])
    assert item.values == {crits[0]: "met", crits[1]: "not_met", crits[2]: "na"}
    assert (item.overall_score, item.extra_scores, item.comment, item.safety_flag) == (
        4, {"clarity": 2}, "fine 好", True)
    assert item.time_spent_s == pytest.approx(12.5)
    assert item.feedback == {crits[1]: ("unclear",)}
    assert item.status == "submitted" and not item.edited_after_submit
    again.close()


def test_editing_submitted_rating_is_audited(store):
    ids = make_study(store, criteria=1)
    rid = ids["responses"][0]
    with store.begin() as s:
        crit = svc.load_item(s, ids["alice"], rid).criteria[0].id
        svc.set_criterion(s, ids["alice"], rid, crit, "met")
        svc.set_overall_score(s, ids["alice"], rid, 5)
        svc.submit(s, ids["alice"], rid)
    with store.begin() as s:
        st = svc.set_criterion(s, ids["alice"], rid, crit, "not_met", actor="coord")
        svc.set_overall_score(s, ids["alice"], rid, 2)
    assert st.status == "submitted"
    with store.begin() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "rating.edit_submitted")
                           .order_by(AuditEvent.id)).all()
        assert [(e.actor, e.before, e.after) for e in events] == [
            ("coord", {"criterion:k0_0": "met"}, {"criterion:k0_0": "not_met"}),
            ("alice", {"overall_score": 5}, {"overall_score": 2}),
        ]
        assert svc.load_item(s, ids["alice"], rid).edited_after_submit


def test_clear_criterion_and_bad_values(store):
    ids = make_study(store, criteria=2)
    rid = ids["responses"][1]
    with store.begin() as s:
        crit = svc.load_item(s, ids["bob"], rid).criteria[0].id
        svc.set_criterion(s, ids["bob"], rid, crit, "met")
        v1 = svc.set_criterion(s, ids["bob"], rid, crit, None).rating_version
    with store.begin() as s:
        assert s.scalar(select(CriterionRating)) is None
        assert svc.load_item(s, ids["bob"], rid).rating_version == v1
    from reviewer.errors import InputError
    with pytest.raises(InputError), store.begin() as s:
        svc.set_criterion(s, ids["bob"], rid, crit, "maybe")
    with pytest.raises(InputError), store.begin() as s:
        svc.set_overall_score(s, ids["bob"], rid, 9)
    with pytest.raises(InputError), store.begin() as s:
        svc.add_feedback(s, ids["bob"], rid, crit, "boring")
    other_case_crit = ids["criteria"][ids["cases"][1]][0]
    with pytest.raises(InputError), store.begin() as s:
        svc.set_criterion(s, ids["bob"], rid, other_case_crit, "met")


def test_progress_and_statuses(store):
    ids = make_study(store, criteria=1)
    with store.begin() as s:
        q = svc.queue_ids(s, ids["study"], ids["alice"])
        first = q[0]
        crit = svc.load_item(s, ids["alice"], first).criteria[0].id
        svc.set_criterion(s, ids["alice"], first, crit, "met")
        svc.set_overall_score(s, ids["alice"], first, 3)
        svc.submit(s, ids["alice"], first)
        svc.set_comment(s, ids["alice"], q[1], "later")
    with store.begin() as s:
        assert svc.progress(s, ids["study"], ids["alice"]) == (1, 4)
        rows = {x.response_id: x.status for x in svc.work_queue(s, ids["study"], ids["alice"])}
    assert rows[first] == "submitted" and rows[q[1]] == "draft" and rows[q[2]] == "new"


def test_each_change_bumps_the_version_once(store):
    ids = make_study(store, criteria=2)
    rid = ids["responses"][0]
    with store.begin() as s:
        crits = [c.id for c in svc.load_item(s, ids["alice"], rid).criteria]
        first = svc.set_criterion(s, ids["alice"], rid, crits[0], "met")  # creates the draft (ORM path)
    versions = [first.rating_version]
    for value in ("not_met", "na", None, "met"):  # existing draft: the lean Core path
        with store.begin() as s:
            versions.append(svc.set_criterion(s, ids["alice"], rid, crits[1], value).rating_version)
    assert versions == list(range(versions[0], versions[0] + 5))
    with store.begin() as s:
        item = svc.load_item(s, ids["alice"], rid)
        rows = s.scalars(select(CriterionRating).where(CriterionRating.criterion_id == crits[1])).all()
    assert item.rating_version == versions[-1]
    assert item.values == {crits[0]: "met", crits[1]: "met"}
    assert len(rows) == 1 and rows[0].uid  # re-inserted after the clear, with a fresh uid
