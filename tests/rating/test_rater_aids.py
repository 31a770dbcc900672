"""Come back later, evidence spans, queue search and marks, study guidelines: the rating service on
a real SQLite study (issue 17, rater side)."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import select, update

from reviewer.errors import ConflictError, InputError
from reviewer.rating.operations import RatingOperations
from reviewer.store import open_store
from reviewer.store.models import AuditEvent, Case, Evidence, Response, Study
from tests.support.rating import make_study


def test_skip_is_a_queue_status_until_taken_up_or_submitted(store):
    ids = make_study(store, cases=2, criteria=1)
    ops = RatingOperations(store)
    rid = ids["responses"][0]
    state = ops.set_skipped(ids["alice"], rid, True)
    assert state.status == "draft"
    assert ops.queue(ids["study"], ids["alice"]).statuses[rid] == "skipped"
    rows = ops.queue_rows(ids["alice"], [rid])
    assert rows[rid].status == "skipped"
    assert ops.load_item(ids["alice"], rid)[0].skipped
    item = ops.load_item(ids["alice"], rid)[0]
    ops.set_criterion(ids["alice"], rid, item.criteria[0].id, "met", expected_version=state.rating_version)
    ops.set_overall_score(ids["alice"], rid, 4)
    done = ops.submit(ids["alice"], rid)
    assert done.status == "submitted"
    assert ops.queue(ids["study"], ids["alice"]).statuses[rid] == "submitted"
    assert not ops.load_item(ids["alice"], rid)[0].skipped
    with pytest.raises(InputError, match="submitted"):
        ops.set_skipped(ids["alice"], rid, True)


def test_evidence_is_stored_with_offsets_refused_when_stale_and_exported(store, db_path, tmp_path):
    ids = make_study(store, cases=1, criteria=2)
    ops = RatingOperations(store)
    rid = ids["responses"][0]
    crit = ids["criteria"][ids["cases"][0]]
    text = ops.load_item(ids["alice"], rid)[0].response_text  # "Answer 0-0: take *aspirin*."
    start = text.index("aspirin")
    eid, state = ops.add_evidence(ids["alice"], rid, crit[1], start, start + 7, expected_version=0)
    item = ops.load_item(ids["alice"], rid)[0]
    (span,) = item.evidence[crit[1]]
    assert (span.id, span.start, span.end, span.quote) == (eid, start, start + 7, "aspirin")
    assert item.rating_version == state.rating_version
    with pytest.raises(ConflictError):  # a stale screen is refused like an edit
        ops.add_evidence(ids["alice"], rid, crit[0], 0, 6, expected_version=state.rating_version - 1)
    for bad in ((5, 5), (-1, 3), (0, len(text) + 1)):
        with pytest.raises(InputError, match="span of the answer"):
            ops.add_evidence(ids["alice"], rid, crit[0], *bad)
    from reviewer.studies.exports import export

    ops.set_criterion(ids["alice"], rid, crit[1], "met")
    export(store, "ratings", tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(r for r in rows if r["criterion_key"] == "k0_1")
    assert json.loads(row["evidence"]) == [{"end": start + 7, "quote": "aspirin", "start": start}]
    store.close()
    again = open_store(db_path)  # reopened: still there
    with again.Session() as s:
        assert s.scalars(select(Evidence.quote)).all() == ["aspirin"]
    again.close()


def test_removing_evidence_from_a_submitted_rating_leaves_a_trace(store):
    ids = make_study(store, cases=1, criteria=1)
    ops = RatingOperations(store)
    rid = ids["responses"][0]
    cid = ids["criteria"][ids["cases"][0]][0]
    eid, _ = ops.add_evidence(ids["alice"], rid, cid, 0, 6)
    ops.set_criterion(ids["alice"], rid, cid, "met")
    ops.set_overall_score(ids["alice"], rid, 3)
    ops.submit(ids["alice"], rid)
    ops.remove_evidence(ids["alice"], rid, eid)
    assert ops.load_item(ids["alice"], rid)[0].evidence == {}
    with store.Session() as s:
        actions = s.scalars(select(AuditEvent.before).where(AuditEvent.action == "rating.edit_submitted")).all()
    assert actions == [{"evidence:k0_0": [0, 6]}]


def test_search_finds_words_of_case_and_answer_in_queue_order(store):
    ids = make_study(store, cases=3, criteria=1)
    with store.begin() as s:
        s.execute(update(Response).where(Response.id == ids["responses"][3]).values(text="建议低盐饮食 and rest"))
        s.execute(update(Case).where(Case.id == ids["cases"][2]).values(
            turns=[{"role": "user", "content": "高血压患者怎么办"}]))
    ops = RatingOperations(store)
    queue = ops.queue(ids["study"], ids["alice"]).ids
    assert ops.search_queue(ids["study"], ids["alice"], "低盐") == [ids["responses"][3]]
    assert ops.search_queue(ids["study"], ids["alice"], "LOW 低盐") == []  # every word must occur
    case3 = [r for r in queue if r in ids["responses"][4:6]]
    assert ops.search_queue(ids["study"], ids["alice"], "高血压") == case3
    assert ops.search_queue(ids["study"], ids["alice"], "ASPIRIN") == [r for r in queue if r != ids["responses"][3]]
    assert ops.search_queue(ids["study"], ids["alice"], "  ") == []


def test_marks_and_guidelines(store):
    ids = make_study(store, cases=2, criteria=1)
    ops = RatingOperations(store)
    r = ids["responses"]
    cid = ids["criteria"][ids["cases"][0]][0]
    ops.set_safety_flag(ids["alice"], r[0], True)
    ops.set_comment(ids["alice"], r[1], "check the dose")
    ops.set_comment(ids["alice"], r[2], "   ")
    ops.add_feedback(ids["alice"], r[0], cid, "unclear")
    ops.set_safety_flag(ids["bob"], r[3], True)  # another rater's marks are not alice's
    assert ops.queue_marks(ids["alice"]) == {"flagged": {r[0]}, "commented": {r[1]}, "feedback": {r[0]}}
    assert ops.study_guidelines(ids["study"]) == ""
    with store.begin() as s:
        s.execute(update(Study).values(settings={"guidelines": "# Rating guide\n\nRead the whole answer."}))
    assert ops.study_guidelines(ids["study"]).startswith("# Rating guide")


def test_first_screen_reads_guidance_skip_and_evidence_as_the_service_does(store, db_path):
    import sqlite3

    from reviewer.rating.first_screen import read_item
    from reviewer.store.models import Criterion

    ids = make_study(store, cases=1, criteria=2)
    ops = RatingOperations(store)
    rid = ids["responses"][0]
    cid = ids["criteria"][ids["cases"][0]][0]
    with store.begin() as s:
        s.execute(update(Criterion).where(Criterion.id == cid).values(guidance="Count any **dose** mentioned."))
    ops.set_skipped(ids["alice"], rid, True)
    ops.add_evidence(ids["alice"], rid, cid, 0, 6)
    service_view = ops.load_item(ids["alice"], rid)[0]
    con = sqlite3.connect(db_path)
    try:
        first_view = read_item(con.cursor(), ids["alice"], rid)
    finally:
        con.close()
    assert first_view == service_view
    assert service_view.skipped and service_view.criteria[0].guidance == "Count any **dose** mentioned."
    assert service_view.evidence[cid][0].quote == "Answer"


def test_guidance_follows_its_criterion_into_a_new_checklist_version(store):
    from reviewer.checklists.versions import ChangeCriterion, edit_checklist
    from reviewer.store.models import ChecklistVersion, Criterion

    ids = make_study(store, cases=1, criteria=2)
    cid = ids["criteria"][ids["cases"][0]][0]
    with store.begin() as s:
        s.execute(update(Criterion).where(Criterion.id == cid).values(guidance="Dose in mg only."))
    with store.begin() as s:
        new = edit_checklist(s, "c0", author="coord", reason="clearer wording",
                             edits=[ChangeCriterion(key="k0_1", text="Mentions rest")])
        guidance = dict(s.execute(select(Criterion.key, Criterion.guidance)
                                  .join(ChecklistVersion).where(ChecklistVersion.id == new.id)).all())
    assert guidance == {"k0_0": "Dose in mg only.", "k0_1": None}


def test_search_does_not_match_the_stored_json_keys(store):
    ids = make_study(store, cases=1, criteria=1)
    ops = RatingOperations(store)
    assert ops.search_queue(ids["study"], ids["alice"], "role") == []
    assert ops.search_queue(ids["study"], ids["alice"], "content") == []
    assert len(ops.search_queue(ids["study"], ids["alice"], "what now")) == 2  # the turn's words
