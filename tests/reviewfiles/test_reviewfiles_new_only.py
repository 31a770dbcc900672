"""``reviewer pack --new-only`` (issue 20): a second review file holds only the answers the rater has
not submitted a rating of yet (a draft counts as not done); its pack record lists exactly those, so
a return touching an earlier answer is refused; nothing left to rate is refused before any file or
record is written."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.cli.main import main
from reviewer.errors import InputError
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.store import open_store
from reviewer.store.models import AuditEvent, Rater, Rating, Response, ReviewPack, Study
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from tests.support.reviewfiles import build_study, dump_tables, resign_return, review_secret

DANA = "dr-dana"


def _rate(work, index: int, *, submit: bool) -> str:  # noqa: ANN001
    """Rate item *index* of the working copy's queue (submitted or left a draft); its response uid."""
    with work.begin() as s:
        rid = s.scalar(select(Rater.id).where(Rater.name == DANA))
        resp = R.work_queue(s, s.scalar(select(Study.id)), rid)[index].response_id
        view = R.load_item(s, rid, resp)
        for c in view.criteria:
            R.set_criterion(s, rid, resp, c.id, "met")
        R.set_overall_score(s, rid, resp, 4)
        if submit:
            R.submit(s, rid, resp, actor=DANA)
        return view.response_uid


def _file_responses(rvw: Path) -> set[str]:
    """Response uids in a review file's database."""
    with zipfile.ZipFile(rvw) as zf:
        data = zf.read("review.db")
    db = rvw.with_suffix(".peek.db")
    db.write_bytes(data)
    with sqlite3.connect(db) as conn:
        uids = {uid for (uid,) in conn.execute("SELECT uid FROM response")}
    conn.close()
    db.unlink()
    return uids


def _manifest(rvw: Path) -> dict:
    with zipfile.ZipFile(rvw) as zf:
        return json.loads(zf.read("manifest.json"))


@pytest.fixture
def round_one(fresh_db: Path, tmp_path: Path):
    """Dana assigned all four answers; round 1 returned with two submitted, one draft, one untouched.
    Yields (store, tmp, all four uids, the two submitted uids, the draft's uid)."""
    store = open_store(fresh_db)
    build_study(store, n_cases=2)  # two cases, two models: four answers
    with store.begin() as s:
        design_assignments(s, get_study(s, None), [DANA], per_response=1, seed=1)
    rvw = tmp_path / "r1.rvw"
    pack_review_file(store, DANA, rvw, actor="coord")
    work, _ = open_review_file(rvw)
    submitted = {_rate(work, 0, submit=True), _rate(work, 1, submit=True)}
    draft = _rate(work, 2, submit=False)
    work.close()
    write_return_file(rvw, tmp_path / "r1.rvr")
    merge_return_files(store, [tmp_path / "r1.rvr"], actor="coord")
    with store.Session() as s:
        every = set(s.scalars(select(Response.uid)))
    assert len(every) == 4 and len(submitted) == 2 and draft not in submitted
    yield store, tmp_path, every, submitted, draft
    store.close()


def test_new_only_packs_exactly_the_unfinished_answers_and_their_return_merges(round_one) -> None:
    store, tmp, every, submitted, draft = round_one
    new = every - submitted
    full = tmp / "full.rvw"
    pack_review_file(store, DANA, full, actor="coord")  # without the option: everything, as before
    assert _manifest(full)["item_count"] == 4 and _file_responses(full) == every

    rvw = tmp / "r2.rvw"
    result = pack_review_file(store, DANA, rvw, actor="coord", new_only=True)
    assert result.manifest["item_count"] == 2
    assert _file_responses(rvw) == new  # the draft is still to do; the submitted ones stay home
    assert len(result.manifest["base_ratings"]) == 1  # the draft is the only earlier rating it carries
    with store.Session() as s:
        pack = s.scalar(select(ReviewPack).where(ReviewPack.uid == result.manifest["pack_uid"]))
        assert sorted(pack.response_uids) == sorted(new)
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "review_file.pack")
                         .order_by(AuditEvent.id.desc()).limit(1))
        assert event.after["new_only"] is True and event.after["items"] == 2

    work, _ = open_review_file(rvw)
    with work.Session() as s:  # the rater's draft came along, with its values
        assert s.scalar(select(Rating.status).join(Response, Rating.response_id == Response.id).where(Response.uid == draft)) == "draft"
    rated = {_rate(work, 0, submit=True), _rate(work, 1, submit=True)}
    work.close()
    assert rated == new
    write_return_file(rvw, tmp / "r2.rvr")
    merge_return_files(store, [tmp / "r2.rvr"], actor="coord")
    with store.Session() as s:
        statuses = dict(s.execute(select(Response.uid, Rating.status).join(Rating, Rating.response_id == Response.id)
                                  .join(Rater, Rating.rater_id == Rater.id).where(Rater.name == DANA)).all())
    assert statuses == {uid: "submitted" for uid in every}

    # everything is submitted now: a new-only pack has nothing to hold, and nothing is written
    before = dump_tables(store)
    with pytest.raises(InputError, match=f"nothing new to rate for {DANA}"):
        pack_review_file(store, DANA, tmp / "r3.rvw", actor="coord", new_only=True)
    assert not (tmp / "r3.rvw").exists() and dump_tables(store) == before


def test_a_new_only_return_that_touches_an_earlier_answer_is_refused(round_one) -> None:
    store, tmp, every, submitted, _draft = round_one
    rvw = tmp / "r2.rvw"
    pack_review_file(store, DANA, rvw, actor="coord", new_only=True)
    work, _ = open_review_file(rvw)
    _rate(work, 0, submit=True)
    work.close()
    write_return_file(rvw, tmp / "r2.rvr")
    with zipfile.ZipFile(tmp / "r1.rvr") as zf:  # a round-1 rating, carried into the round-2 return
        old = next(r for r in json.loads(zf.read("payload.json"))["ratings"] if r["response_uid"] in submitted)
    old = dict(old, comment="changed after the fact", revision=old["revision"] + 1)
    forged = resign_return(tmp / "r2.rvr", tmp / "forged.rvr", review_secret(rvw),
                           payload_edit=lambda p: p["ratings"].append(old))
    before = dump_tables(store)
    with pytest.raises(InputError, match="is not one this pack was issued for"):
        merge_return_files(store, [forged], actor="coord")
    assert dump_tables(store) == before
    merge_return_files(store, [tmp / "r2.rvr"], actor="coord")  # the honest return merges


def test_cli_pack_new_only(round_one, capsys: pytest.CaptureFixture[str]) -> None:
    store, tmp, every, submitted, _draft = round_one
    db = str(store.path)
    assert main(["--db", db, "pack", "--rater", DANA, "-o", str(tmp / "cli.rvw"), "--new-only"]) == 0
    assert "2 items" in capsys.readouterr().out
    assert _file_responses(tmp / "cli.rvw") == every - submitted
    with store.begin() as s:  # every answer submitted directly here
        rid = s.scalar(select(Rater.id).where(Rater.name == DANA))
        for resp in s.scalars(select(Rating.response_id).where(Rating.rater_id == rid,
                                                               Rating.status == "draft")).all():
            R.submit(s, rid, resp, actor="coord")
        for resp in s.scalars(select(Response.id).where(~Response.id.in_(
                select(Rating.response_id).where(Rating.rater_id == rid)))).all():
            view = R.load_item(s, rid, resp)
            for c in view.criteria:
                R.set_criterion(s, rid, resp, c.id, "met")
            R.set_overall_score(s, rid, resp, 4)
            R.submit(s, rid, resp, actor="coord")
    assert main(["--db", db, "pack", "--rater", DANA, "-o", str(tmp / "none.rvw"), "--new-only"]) == 2
    err = capsys.readouterr().err.strip()
    assert f"nothing new to rate for {DANA}" in err and len(err.splitlines()) == 1
    assert not (tmp / "none.rvw").exists()
