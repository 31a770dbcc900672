"""RatingOperations: the rating service on an open store, one transaction per call, views out.

What the window relies on: reads hand back frozen views (never ORM objects), each write returns
its RatingState and commits on its own, a stale screen is refused with ConflictError, and a submit
writes its time in the same transaction (a refused submit writes none of it)."""

from __future__ import annotations

import dataclasses

import pytest

from reviewer import rating as svc
from reviewer.errors import ConflictError, IncompleteRatingError, NotFoundError
from reviewer.rating.operations import RatingOperations
from reviewer.rating.views import KnownRaters, QueueView, RaterView, StudyLookup
from tests.support.rating import make_study


def _stored(store, rater_id: int, rid: int) -> svc.ItemView:  # noqa: ANN001
    with store.Session() as s:
        return svc.load_item(s, rater_id, rid)


def test_reads_hand_back_views(store):
    ids = make_study(store, cases=3, with_judge=True)
    ops = RatingOperations(store)
    assert ops.find_study(name="s1") == StudyLookup(ids["study"])
    assert ops.find_study(name="nope") == StudyLookup(None)
    assert ops.find_study() == StudyLookup(None, ((ids["study"], "s1"),))
    assert ops.find_study(uid="no-such-uid") == StudyLookup(None, ((ids["study"], "s1"),))
    assert ops.known_raters() == KnownRaters(("alice", "bob"), None)
    assert ops.get_rater("alice", create=False) == RaterView(ids["alice"], "alice")
    with pytest.raises(NotFoundError):
        ops.get_rater("carol", create=False)
    assert ops.get_rater("carol").name == "carol" and "carol" in ops.known_raters().names
    assert ops.study_name(ids["study"]) == "s1"
    queue = ops.queue(ids["study"], ids["alice"])
    with store.Session() as s:
        assert queue == QueueView(svc.queue_ids(s, ids["study"], ids["alice"]), {},
                                  ["cardiology", "oncology"])
        assert ops.queue_rows(ids["alice"], queue.ids[:2]) == svc.queue_rows(s, ids["alice"], queue.ids[:2])
        assert ops.response_categories(ids["study"]) == svc.response_categories(s, ids["study"])
    rid = queue.ids[0]
    item, ov = ops.load_item(ids["alice"], rid)
    assert ov is None and item == _stored(store, ids["alice"], rid)
    item, ov = ops.load_item(ids["alice"], rid, with_overview=True)
    assert ov is not None and ov.judges and dataclasses.is_dataclass(ov)
    assert len(ops.other_responses(rid)) == 1 and rid not in ops.other_responses(rid)
    assert ops.stored_version(ids["alice"], rid) == 0


def test_each_write_commits_and_a_stale_screen_is_refused(store):
    ids = make_study(store, criteria=2, extra_scales=[{"name": "clarity", "min": 1, "max": 3}])
    ops = RatingOperations(store)
    me, rid = ids["alice"], ids["responses"][0]
    crit = _stored(store, me, rid).criteria[0].id
    state = ops.set_criterion(me, rid, crit, "met", actor="alice", expected_version=0)
    assert state.status == "draft" and ops.stored_version(me, rid) == state.rating_version
    writes = [lambda v: ops.set_overall_score(me, rid, 4, actor="alice", expected_version=v),
              lambda v: ops.set_extra_score(me, rid, "clarity", 2, actor="alice", expected_version=v),
              lambda v: ops.set_safety_flag(me, rid, True, actor="alice", expected_version=v),
              lambda v: ops.set_comment(me, rid, "ok", actor="alice", expected_version=v)]
    version = state.rating_version
    for write in writes:
        with pytest.raises(ConflictError):
            write(version - 1)
        version = write(version).rating_version
    with pytest.raises(ConflictError):
        ops.add_feedback(me, rid, crit, "unclear", "?", expected_version=version - 1)
    assert ops.add_feedback(me, rid, crit, "unclear", "?", expected_version=version) > 0
    item = _stored(store, me, rid)
    assert (item.values, item.overall_score, item.extra_scores, item.safety_flag, item.comment) == \
        ({crit: "met"}, 4, {"clarity": 2}, True, "ok")
    assert item.rating_version == version and item.feedback == {crit: ("unclear",)}


def test_time_and_submit_share_one_transaction(store):
    ids = make_study(store, criteria=1)
    ops = RatingOperations(store)
    me, (rid, other) = ids["alice"], ids["responses"][:2]
    crit = _stored(store, me, rid).criteria[0].id
    version = ops.set_criterion(me, rid, crit, "met", expected_version=0).rating_version
    states = ops.add_time(me, {rid: 2.0, other: 9.0})  # no rating of *other*: its time is not kept
    assert [(s.response_id, s.time_spent_s, s.rating_version) for s in states] == [(rid, 2.0, version)]
    with pytest.raises(IncompleteRatingError):  # no overall score yet: refused, its time not written
        ops.submit(me, rid, actor="alice", expected_version=version, seconds=1.5)
    assert _stored(store, me, rid).time_spent_s == 2.0
    version = ops.set_overall_score(me, rid, 3, expected_version=version).rating_version
    with pytest.raises(ConflictError):
        ops.submit(me, rid, expected_version=version - 1, seconds=1.5)
    assert _stored(store, me, rid).time_spent_s == 2.0
    state = ops.submit(me, rid, actor="alice", expected_version=version, seconds=1.5)
    assert state.status == "submitted"
    item = _stored(store, me, rid)
    assert item.status == "submitted" and item.time_spent_s == 3.5
