"""A stale screen cannot overwrite a newer rating: every rater write with ``expected_version``.

Two stores on the same SQLite file stand for two windows (or two machines): both read the item at
version v, the first writes, the second's write with ``expected_version=v`` is refused with
ConflictError and leaves the database exactly as the first left it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from reviewer import rating as svc
from reviewer.errors import ConflictError
from reviewer.rating.drafts import set_criterion_draft
from reviewer.store import open_store
from tests.support.rating import make_study

TABLES = ("rating", "criterion_rating", "feedback", "audit_event")


def dump(store) -> dict[str, list]:
    """Every row of the rating tables: "left exactly as it was" compares these."""
    with store.Session() as s:
        return {t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY id"))] for t in TABLES}


@pytest.fixture
def two_screens(store, db_path):
    """The study, the response under review, its criteria, and a second store on the same file."""
    ids = make_study(store, extra_scales=[{"name": "clarity", "min": 1, "max": 3}])
    other = open_store(db_path)
    rid = ids["responses"][0]
    with store.Session() as s:
        crits = [c.id for c in svc.load_item(s, ids["alice"], rid).criteria]
    yield ids, rid, crits, other
    other.close()


def _answer_all(store, ids, rid, crits, *, submit: bool = False) -> None:
    with store.begin() as s:
        for c in crits:
            svc.set_criterion(s, ids["alice"], rid, c, "met")
        svc.set_overall_score(s, ids["alice"], rid, 4)
        if submit:
            svc.submit(s, ids["alice"], rid)


def _version(store, ids, rid) -> int:
    with store.Session() as s:
        return svc.load_item(s, ids["alice"], rid).rating_version


# Each write: (what it does with a value, how to read that value back). "b" is the stale screen's.
WRITES = {
    "criterion": (lambda s, a, rid, crits, v, ev: svc.set_criterion(s, a, rid, crits[1], {"a": "na", "b": "not_met"}[v],
                                                                    expected_version=ev),
                  lambda item, crits: item.values.get(crits[1])),
    "overall": (lambda s, a, rid, crits, v, ev: svc.set_overall_score(s, a, rid, {"a": 2, "b": 5}[v],
                                                                      expected_version=ev),
                lambda item, crits: item.overall_score),
    "extra": (lambda s, a, rid, crits, v, ev: svc.set_extra_score(s, a, rid, "clarity", {"a": 1, "b": 3}[v],
                                                                  expected_version=ev),
              lambda item, crits: item.extra_scores.get("clarity")),
    "comment": (lambda s, a, rid, crits, v, ev: svc.set_comment(s, a, rid, f"from screen {v}", expected_version=ev),
                lambda item, crits: item.comment),
    "safety": (lambda s, a, rid, crits, v, ev: svc.set_safety_flag(s, a, rid, v == "a", expected_version=ev),
               lambda item, crits: item.safety_flag),
    "submit": (lambda s, a, rid, crits, v, ev: (svc.submit(s, a, rid, expected_version=ev) if v == "b" else
                                                svc.set_comment(s, a, rid, "changed before submit",
                                                                expected_version=ev)),
               lambda item, crits: (item.status, item.comment)),
    "feedback": (lambda s, a, rid, crits, v, ev: (svc.add_feedback(s, a, rid, crits[0], "unclear", "stale",
                                                                   expected_version=ev) if v == "b" else
                                                  svc.set_criterion(s, a, rid, crits[0], "not_met",
                                                                    expected_version=ev)),
                 lambda item, crits: (item.values.get(crits[0]), item.feedback)),
}


@pytest.mark.parametrize(("write", "submitted"), [(w, sub) for w in sorted(WRITES) for sub in (False, True)
                                                 if not (w == "submit" and sub)])
def test_a_stale_screen_is_refused_and_changes_nothing(two_screens, store, write, submitted):
    """Every write, on a draft and (through the audited ORM path) on a submitted rating."""
    ids, rid, crits, other = two_screens
    _answer_all(store, ids, rid, crits, submit=submitted)
    do, read = WRITES[write]
    v1, v2 = _version(store, ids, rid), _version(other, ids, rid)  # both screens read version v
    assert v1 == v2 >= 1
    with store.begin() as s:  # screen 1 writes first
        do(s, ids["alice"], rid, crits, "a", v1)
    after_first = dump(store)
    with store.Session() as s:
        first_value = read(svc.load_item(s, ids["alice"], rid), crits)
    with pytest.raises(ConflictError) as exc, other.begin() as s:  # screen 2 still thinks it is v
        do(s, ids["alice"], rid, crits, "b", v2)
    message = str(exc.value)
    assert "Response A of case 'Case 1'" in message and "changed elsewhere" in message
    assert f"version {v2}" in message and f"version {v2 + 1}" in message
    if write in ("criterion", "feedback"):
        number = 2 if write == "criterion" else 1
        assert f"criterion {number} (key k0_{number - 1})" in message
    assert dump(store) == after_first
    with other.Session() as s:
        assert read(svc.load_item(s, ids["alice"], rid), crits) == first_value


@pytest.mark.parametrize("write", sorted(WRITES))
def test_without_expected_version_the_last_write_wins_as_before(two_screens, store, write):
    ids, rid, crits, other = two_screens
    _answer_all(store, ids, rid, crits)
    do, _read = WRITES[write]
    with store.begin() as s:
        do(s, ids["alice"], rid, crits, "a", None)
    with other.begin() as s:
        do(s, ids["alice"], rid, crits, "b", None)  # the command line and imports: no check
    with store.Session() as s:
        item = svc.load_item(s, ids["alice"], rid)
    if write == "submit":
        assert item.status == "submitted"
    elif write == "feedback":
        assert item.feedback == {crits[0]: ("unclear",)}
    else:
        assert _read(item, crits) == _read_b(write, crits)


def _read_b(write: str, crits: list[int]):
    return {"criterion": "not_met", "overall": 5, "extra": 3, "comment": "from screen b", "safety": False}[write]


@pytest.mark.parametrize("write", ["criterion", "overall", "extra", "comment", "safety"])
def test_a_screen_that_saw_no_rating_is_refused_once_one_exists(two_screens, store, write):
    ids, rid, crits, other = two_screens
    do, read = WRITES[write]
    with other.Session() as s:
        assert svc.load_item(s, ids["alice"], rid).rating_version == 0  # screen 2 opened the new item
    with store.begin() as s:
        do(s, ids["alice"], rid, crits, "a", 0)  # screen 1 makes the first change: the draft exists
    before = dump(store)
    with pytest.raises(ConflictError, match="no rating yet"), other.begin() as s:
        do(s, ids["alice"], rid, crits, "b", 0)
    assert dump(store) == before


def test_a_first_change_with_expected_zero_creates_the_draft(two_screens, store):
    ids, rid, crits, _other = two_screens
    with store.begin() as s:
        state = svc.set_criterion(s, ids["alice"], rid, crits[0], "met", expected_version=0)
        assert svc.stored_version(s, ids["alice"], rid) == state.rating_version
    with store.begin() as s:  # the next edit from the same screen uses the version it got back
        again = svc.set_criterion(s, ids["alice"], rid, crits[1], "na", expected_version=state.rating_version)
    assert again.rating_version == state.rating_version + 1


def test_time_on_item_is_never_refused_and_never_bumps_the_version(two_screens, store):
    ids, rid, crits, other = two_screens
    with store.begin() as s:
        state = svc.set_criterion(s, ids["alice"], rid, crits[0], "met", expected_version=0)
    v = state.rating_version
    with other.begin() as s:  # the other window's time write
        t1 = svc.add_time(s, ids["alice"], rid, 7.0)
    with store.begin() as s:  # and this screen's own
        t2 = svc.add_time(s, ids["alice"], rid, 5.0)
    assert (t1.rating_version, t2.rating_version) == (v, v)
    assert t2.time_spent_s == pytest.approx(12.0)
    with store.begin() as s:  # neither made this screen's next edit stale
        nxt = svc.set_criterion(s, ids["alice"], rid, crits[0], "na", expected_version=v)
        svc.add_time(s, ids["alice"], rid, 1.0)
        done = svc.set_comment(s, ids["alice"], rid, "same transaction", expected_version=nxt.rating_version)
    assert done.rating_version == v + 2 and done.time_spent_s == pytest.approx(13.0)


def test_the_lean_draft_path_checks_before_it_writes(two_screens, store):
    ids, rid, crits, other = two_screens
    with store.begin() as s:
        v = svc.set_criterion(s, ids["alice"], rid, crits[0], "met").rating_version
    with other.begin() as s:
        svc.set_criterion(s, ids["alice"], rid, crits[1], "na", expected_version=v)
    before = dump(store)
    with store.begin() as s:
        with pytest.raises(ConflictError):
            set_criterion_draft(s, ids["alice"], rid, crits[2], "met", expected_version=v)
        assert set_criterion_draft(s, ids["alice"], rid, crits[2], "met") is not None  # None: as before
        s.rollback()
    assert dump(store) == before
    with store.Session() as s:
        values = svc.load_item(s, ids["alice"], rid).values
    assert values == {crits[0]: "met", crits[1]: "na"}
