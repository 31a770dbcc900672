"""Nothing lost on the way back: evidence and "come back later" travel through a review file.

The pack copies the rater's evidence and flag into the working copy; the return carries them per
rating; verify refuses a forged evidence item (offsets, quote, a criterion of another case) with
the database untouched; merge applies them only with a newer revision of the rating, so an older
return never brings back evidence a newer one removed; a return without the keys still merges.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.errors import InputError
from reviewer.rating.evidence import add_evidence, remove_evidence
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.reviewfiles.conflicts import resolve_conflict
from reviewer.store import open_store
from reviewer.store.models import (
    Case,
    ChecklistVersion,
    Criterion,
    Evidence,
    Rater,
    Rating,
    RatingConflict,
    Response,
    Study,
)
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from tests.support.reviewfiles import build_study, dump_tables, resign_return, review_secret

RATER = "dr-dana"


def _ids(store) -> tuple[int, list[int]]:
    with store.Session() as s:
        rid = s.scalar(select(Rater.id).where(Rater.name == RATER))
        return rid, [q.response_id for q in R.work_queue(s, s.scalar(select(Study.id)), rid)]


def _criteria(store, response_id: int) -> list[int]:
    rid, _ = _ids(store)
    with store.Session() as s:
        return [c.id for c in R.load_item(s, rid, response_id).criteria]


def _rate(store, response_id: int, comment: str) -> None:
    rid, _ = _ids(store)
    with store.begin() as s:
        for cid in _criteria(store, response_id):
            R.set_criterion(s, rid, response_id, cid, "met")
        R.set_comment(s, rid, response_id, comment)


def _attach(store, response_id: int, start: int, end: int, criterion: int = 0) -> int:
    rid, _ = _ids(store)
    cid = _criteria(store, response_id)[criterion]
    with store.begin() as s:
        ev_id, _state = add_evidence(s, rid, response_id, cid, start, end)
    return ev_id


def _version(store, response_id: int) -> int:
    rid, _ = _ids(store)
    with store.Session() as s:
        return R.stored_version(s, rid, response_id)


def _evidence(store) -> dict[str, list[tuple[str, int, int, str]]]:
    """Response uid -> the rater's evidence on it (criterion uid, start, end, quote), sorted."""
    out: dict[str, list[tuple[str, int, int, str]]] = {}
    with store.Session() as s:
        for resp, crit, start, end, quote in s.execute(
                select(Response.uid, Criterion.uid, Evidence.start, Evidence.end, Evidence.quote)
                .join(Rating, Evidence.rating_id == Rating.id).join(Response, Rating.response_id == Response.id)
                .join(Criterion, Evidence.criterion_id == Criterion.id)
                .join(Rater, Rating.rater_id == Rater.id).where(Rater.name == RATER)):
            out.setdefault(resp, []).append((crit, start, end, quote))
    return {k: sorted(v) for k, v in out.items()}


def _skipped(store) -> dict[str, bool]:
    with store.Session() as s:
        return dict(s.execute(select(Response.uid, Rating.skipped).join(Rating, Rating.response_id == Response.id)
                              .join(Rater, Rating.rater_id == Rater.id).where(Rater.name == RATER)).all())


@pytest.fixture
def study(fresh_db: Path):
    store = open_store(fresh_db)
    build_study(store, n_cases=2)
    with store.begin() as s:
        design_assignments(s, get_study(s, None), [RATER], per_response=1, seed=5)
    yield store
    store.close()


def test_evidence_and_skipped_go_out_in_the_pack_and_come_back_in_the_merge(study, tmp_path: Path) -> None:
    _rid, items = _ids(study)
    assert len(items) == 4
    _rate(study, items[0], "before the pack")
    _attach(study, items[0], 0, 6)  # "Answer", attached in the shared database
    rid, _ = _ids(study)
    with study.begin() as s:
        R.set_skipped(s, rid, items[1], True)
    packed = _evidence(study)
    rvw = tmp_path / "dana.rvw"
    pack_review_file(study, RATER, rvw)

    work, _ = open_review_file(rvw)
    assert _evidence(work) == packed  # the working copy holds the rater's evidence and flag
    assert _skipped(work) == _skipped(study)

    # in the working copy: more evidence (every edit raises the revision), one removed, one set aside
    v0 = _version(work, items[0])
    _attach(work, items[0], 7, 8, criterion=1)
    assert _version(work, items[0]) > v0
    _rate(work, items[2], "in the file")
    ev = _attach(work, items[2], 9, 11, criterion=2)
    v1 = _version(work, items[2])
    with work.begin() as s:
        remove_evidence(s, rid, items[2], ev)
    assert _version(work, items[2]) > v1
    _attach(work, items[2], 2, 6)
    with work.begin() as s:
        R.set_skipped(s, rid, items[3], True)
        R.set_skipped(s, rid, items[1], False)
    expected_evidence, expected_skipped = _evidence(work), _skipped(work)
    work.close()

    out = write_return_file(rvw, tmp_path / "dana.rvr")
    assert out["counts"]["ratings"] == 4
    with zipfile.ZipFile(tmp_path / "dana.rvr") as zf:
        payload = json.loads(zf.read("payload.json"))
    by_response = {r["response_uid"]: r for r in payload["ratings"]}
    for resp, evidence in expected_evidence.items():
        assert [(e["criterion_uid"], e["start"], e["end"], e["quote"]) for e in by_response[resp]["evidence"]] \
            == evidence
    assert {resp: r["skipped"] for resp, r in by_response.items()} == expected_skipped

    report = merge_return_files(study, [tmp_path / "dana.rvr"], actor="coord")
    assert report.changed
    assert _evidence(study) == expected_evidence  # same offsets, same quotes
    assert _skipped(study) == expected_skipped
    with study.Session() as s:
        for resp, evidence in _evidence(study).items():
            text = s.scalar(select(Response.text).where(Response.uid == resp))
            assert all(text[start:end] == quote for _c, start, end, quote in evidence)
    assert merge_return_files(study, [tmp_path / "dana.rvr"], actor="coord").files[0].already_merged


@pytest.fixture
def returned(study, tmp_path: Path):
    """A working copy with evidence on two answers, returned (not merged): (store, rvw, rvr)."""
    _rid, items = _ids(study)
    rvw = tmp_path / "dana.rvw"
    pack_review_file(study, RATER, rvw)
    work, _ = open_review_file(rvw)
    for resp in items[:2]:
        _rate(work, resp, "rated")
        _attach(work, resp, 0, 6)
    work.close()
    write_return_file(rvw, tmp_path / "dana.rvr")
    return study, rvw, tmp_path / "dana.rvr"


def _forge(rvw: Path, rvr: Path, edit) -> Path:  # noqa: ANN001
    def payload_edit(payload: dict) -> None:
        rating = next(r for r in payload["ratings"] if r["evidence"])
        edit(rating["evidence"][0], rating)

    return resign_return(rvr, rvr.with_name("forged.rvr"), review_secret(rvw), payload_edit=payload_edit)


def _other_case_criterion(store, response_uid: str) -> str:
    with store.Session() as s:
        case_id = s.scalar(select(Response.case_id).where(Response.uid == response_uid))
        return s.scalar(select(Criterion.uid).join(ChecklistVersion, Criterion.checklist_version_id == ChecklistVersion.id)
                        .join(Case, ChecklistVersion.case_id == Case.id).where(Case.id != case_id).limit(1))


@pytest.mark.parametrize("forgery, match", [
    (lambda e, r, s: e.update(end=10_000), "evidence #1: offsets 0-10000 are not a span of the answer"),
    (lambda e, r, s: e.update(start=-1), "evidence #1: offsets -1-6 are not a span"),
    (lambda e, r, s: e.update(start=6, end=6, quote=""), "evidence #1: offsets 6-6"),
    (lambda e, r, s: e.update(start=True), "evidence #1: offsets"),
    (lambda e, r, s: e.update(quote="Answex"), "evidence #1: the quote is not the answer's text"),
    (lambda e, r, s: e.update(criterion_uid=_other_case_criterion(s, r["response_uid"])),
     "evidence #1: criterion .* is not in the checklist this rating uses"),
    (lambda e, r, s: r.update(evidence="all of it"), "evidence is not a list"),
    (lambda e, r, s: r.update(skipped="yes"), "skipped 'yes' is not true or false"),
])
def test_a_forged_evidence_item_is_refused_with_the_database_unchanged(returned, forgery, match) -> None:
    store, rvw, rvr = returned
    bad = _forge(rvw, rvr, lambda e, r: forgery(e, r, store))
    before = dump_tables(store)
    with pytest.raises(InputError, match=match) as info:
        merge_return_files(store, [bad], actor="coord")
    assert "forged.rvr" in str(info.value) and "rating " in str(info.value)
    assert dump_tables(store) == before


def test_an_older_return_does_not_bring_back_removed_evidence(returned, tmp_path: Path) -> None:
    store, rvw, r1 = returned
    rid, items = _ids(store)
    work, _ = open_review_file(rvw)
    with work.Session() as s:
        ev_ids = list(s.scalars(select(Evidence.id).order_by(Evidence.id)))
    with work.begin() as s:
        remove_evidence(s, rid, items[0], ev_ids[0])  # the rater takes one back
    kept = _evidence(work)
    work.close()
    r2 = tmp_path / "r2.rvr"
    write_return_file(rvw, r2)

    merge_return_files(store, [r2], actor="coord")
    assert _evidence(store) == kept
    report = merge_return_files(store, [r1], actor="coord")  # the older one, afterwards
    assert not report.changed and len(report.files[0].older) == 1  # the other one: same revision
    assert _evidence(store) == kept


def test_both_orders_end_with_the_newest_evidence(study, tmp_path: Path) -> None:
    rid, items = _ids(study)
    rvw = tmp_path / "dana.rvw"
    pack_review_file(study, RATER, rvw)
    work, _ = open_review_file(rvw)
    _rate(work, items[0], "rated")
    ev = _attach(work, items[0], 0, 6)
    work.close()
    write_return_file(rvw, tmp_path / "r1.rvr")
    work, _ = open_review_file(rvw)
    with work.begin() as s:
        remove_evidence(s, rid, items[0], ev)
    _attach(work, items[0], 7, 8, criterion=1)
    newest = _evidence(work)
    work.close()
    write_return_file(rvw, tmp_path / "r2.rvr")
    merge_return_files(study, [tmp_path / "r1.rvr"], actor="coord")
    merge_return_files(study, [tmp_path / "r2.rvr"], actor="coord")
    assert _evidence(study) == newest


def _strip(payload: dict) -> None:
    """What a return of an older file of this format holds: no evidence, no flag."""
    for rating in payload["ratings"]:
        rating.pop("evidence")
        rating.pop("skipped")


def test_a_first_return_without_evidence_keys_merges(returned, tmp_path: Path) -> None:
    store, rvw, r1 = returned
    old_style = resign_return(r1, tmp_path / "old.rvr", review_secret(rvw), payload_edit=_strip)
    report = merge_return_files(store, [old_style], actor="coord")
    assert len(report.files[0].inserted) == 2
    assert _evidence(store) == {}
    assert set(_skipped(store).values()) == {False}


def test_a_later_return_without_evidence_keys_merges_and_keeps_the_evidence(returned, tmp_path: Path) -> None:
    store, rvw, r1 = returned
    merge_return_files(store, [r1], actor="coord")
    merged = _evidence(store)
    assert sum(len(v) for v in merged.values()) == 2
    _rid, items = _ids(store)
    work, _ = open_review_file(rvw)
    _rate(work, items[0], "changed later")
    work.close()
    write_return_file(rvw, tmp_path / "r2.rvr")

    old_style = resign_return(tmp_path / "r2.rvr", tmp_path / "old.rvr", review_secret(rvw), payload_edit=_strip)
    report = merge_return_files(store, [old_style], actor="coord")
    assert len(report.files[0].updated) == 1 and not report.files[0].conflicts
    with store.Session() as s:
        assert "changed later" in s.scalars(select(Rating.comment)).all()
    assert _evidence(store) == merged  # the evidence the study holds stays


def test_a_conflict_settled_for_the_incoming_version_takes_its_evidence(study, tmp_path: Path) -> None:
    _rid, items = _ids(study)
    _rate(study, items[0], "original")
    rvw = tmp_path / "dana.rvw"
    pack_review_file(study, RATER, rvw)
    work, _ = open_review_file(rvw)
    _rate(work, items[0], "file side")
    _attach(work, items[0], 0, 6)
    incoming = _evidence(work)
    work.close()
    _rate(study, items[0], "coordinator side")  # both sides changed it
    write_return_file(rvw, tmp_path / "dana.rvr")
    report = merge_return_files(study, [tmp_path / "dana.rvr"], actor="coord")
    assert len(report.files[0].conflicts) == 1
    assert _evidence(study) == {}  # the local version is kept meanwhile
    with study.begin() as s:
        conflict = s.scalar(select(RatingConflict))
        assert conflict.incoming["evidence"][0]["quote"] == "Answer"
        resolve_conflict(s, conflict.uid, "incoming", actor="coord")
    assert _evidence(study) == incoming
