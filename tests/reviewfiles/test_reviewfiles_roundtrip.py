"""End to end: assign -> pack for three raters -> rate in each file through the rating service ->
return -> merge; agreement equals that of the same ratings entered directly; blinding; idempotency."""

from __future__ import annotations

import random
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.reviewfiles.common import rating_snapshot, rating_snapshots
from reviewer.store import open_store
from reviewer.store.models import (
    AuditEvent,
    Case,
    Criterion,
    CriterionRating,
    Feedback,
    JudgeRun,
    Rater,
    Rating,
    Response,
    Study,
)
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from tests.support.reviewfiles import MODEL_NAMES, build_study, dump_tables

RATERS = ("dr-alice-smith", "dr-bob-jones", "dr-carol-wu")


def _value(rater: str, response_uid: str, key: str) -> str:
    """Deterministic answers with real (imperfect) agreement between raters."""
    truth = random.Random(f"{response_uid}:{key}").random() < 0.55
    flip = random.Random(f"{rater}:{response_uid}:{key}").random() < 0.2
    return "met" if truth != flip else "not_met"


def _score(rater: str, response_uid: str) -> int:
    base = random.Random(response_uid).randint(2, 4)
    return base + random.Random(f"{rater}:{response_uid}").choice([-1, 0, 0, 1])


def rate_all(store, rater_name: str) -> int:
    """Rate every item of the rater's queue through the real rating service; returns how many."""
    with store.begin() as s:
        rater_id = s.scalar(select(Rater.id).where(Rater.name == rater_name))
        study_id = s.scalar(select(Study.id))
        queue = R.work_queue(s, study_id, rater_id)
        for item in queue:
            view = R.load_item(s, rater_id, item.response_id)
            for crit in view.criteria:
                R.set_criterion(s, rater_id, item.response_id, crit.id,
                                _value(rater_name, view.response_uid, crit.key))
            R.set_overall_score(s, rater_id, item.response_id, _score(rater_name, view.response_uid))
            R.set_comment(s, rater_id, item.response_id, f"note by {rater_name}")
            R.add_time(s, rater_id, item.response_id, 30.0)
            if view.criteria and item.position == 1:
                R.add_feedback(s, rater_id, item.response_id, view.criteria[0].id, "unclear", "which dose?")
            R.submit(s, rater_id, item.response_id)
        return len(queue)


def agreement(store) -> dict[str, float]:
    """Nominal alpha and percent agreement over (response, criterion key); interval alpha of scores."""
    with store.Session() as s:
        rows = s.execute(
            select(Rater.name, Response.uid, Criterion.key, CriterionRating.value)
            .join(Rating, Rating.rater_id == Rater.id).join(Response, Rating.response_id == Response.id)
            .join(CriterionRating, CriterionRating.rating_id == Rating.id)
            .join(Criterion, CriterionRating.criterion_id == Criterion.id)).all()
        scores = s.execute(select(Rater.name, Response.uid, Rating.overall_score)
                           .join(Rating, Rating.rater_id == Rater.id)
                           .join(Response, Rating.response_id == Response.id)).all()
    units = sorted({(r[1], r[2]) for r in rows})
    idx = {u: i for i, u in enumerate(units)}
    data = np.full((len(RATERS), len(units)), np.nan)
    for name, ruid, key, value in rows:
        data[RATERS.index(name), idx[(ruid, key)]] = 1.0 if value == "met" else 0.0
    pairs = agree = 0
    for col in data.T:
        vals = col[~np.isnan(col)]
        for i in range(len(vals)):
            for j in range(i + 1, len(vals)):
                pairs += 1
                agree += vals[i] == vals[j]
    resp = sorted({r[1] for r in scores})
    sdata = np.full((len(RATERS), len(resp)), np.nan)
    for name, ruid, score in scores:
        sdata[RATERS.index(name), resp.index(ruid)] = score
    return {
        "alpha_nominal": krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"),
        "percent": agree / pairs,
        "pairs": pairs,
        "alpha_scores": krippendorff.alpha(reliability_data=sdata, level_of_measurement="interval"),
        "n_values": int((~np.isnan(data)).sum()),
    }


@pytest.fixture
def assigned(tmp_path: Path, fresh_db: Path):
    """A study database with responses assigned to three raters, plus an untouched copy of it."""
    store = open_store(fresh_db)
    build_study(store, n_cases=6, judge=True)
    with store.begin() as s:
        study = get_study(s, None)
        report = design_assignments(s, study, list(RATERS), per_response=2, calibration=2, overlap=0.5, seed=11)
    assert report.units_with_2plus >= 2 + 5
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    direct_path = tmp_path / "direct.db"
    shutil.copy2(fresh_db, direct_path)
    direct = open_store(direct_path)
    yield store, direct, tmp_path
    store.close()
    direct.close()


def test_end_to_end_agreement_matches_direct_entry(assigned) -> None:
    store, direct, tmp = assigned
    returns, rated = [], []
    for name in RATERS:
        rvw = tmp / f"{name}.rvw"
        result = pack_review_file(store, name, rvw, actor="coord")
        work_store, manifest = open_review_file(rvw)
        assert manifest["rater_name"] == name
        n = rate_all(work_store, name)
        assert n == result.manifest["item_count"] > 0
        rated.append(n)
        work_store.close()
        out = tmp / f"{name}.rvr"
        ret_manifest = write_return_file(rvw, out)
        assert ret_manifest["counts"]["submitted"] == n
        assert ret_manifest["counts"]["time_spent_s"] == pytest.approx(30.0 * n)
        returns.append(out)
        # the same ratings typed straight into the shared database (team mode)
        rate_all(direct, name)

    report = merge_return_files(store, returns, actor="coord")
    assert Path(report.backup).is_file()
    assert [len(f.inserted) for f in report.files] == rated
    assert not report.conflicts and all(not f.skipped for f in report.files)

    via_files, typed = agreement(store), agreement(direct)
    assert via_files["n_values"] == typed["n_values"] > 0
    assert via_files["pairs"] == typed["pairs"] > 0
    assert via_files["alpha_nominal"] == pytest.approx(typed["alpha_nominal"], abs=1e-12)
    assert via_files["percent"] == pytest.approx(typed["percent"], abs=1e-12)
    assert via_files["alpha_scores"] == pytest.approx(typed["alpha_scores"], abs=1e-12)
    assert 0.0 < via_files["percent"] < 1.0  # real, imperfect agreement: the comparison means something

    with store.Session() as s:  # the raters' own audit trail came back with their ratings
        submits = s.scalars(select(AuditEvent.actor).where(AuditEvent.action == "rating.submit")).all()
        assert Counter(submits) == dict(zip(RATERS, rated, strict=True))
    with store.Session() as s:  # the bulk snapshot used by pack/return equals the one-by-one one
        all_ratings = s.scalars(select(Rating).order_by(Rating.id)).all()
        assert rating_snapshots(s, list(all_ratings)) == [rating_snapshot(s, r) for r in all_ratings]
    with store.Session() as s, direct.Session() as d:
        for model in (Rating, Feedback):
            assert len(s.scalars(select(model)).all()) == len(d.scalars(select(model)).all())
        assert s.scalar(select(Rating).limit(1)).source == "merge"
        assert sorted(s.scalars(select(Rating.time_spent_s))) == sorted(d.scalars(select(Rating.time_spent_s)))


def test_review_file_has_no_model_name_and_no_other_raters_data(assigned) -> None:
    store, _direct, tmp = assigned
    other = RATERS[1]
    # the other rater has already rated (with a telling comment and feedback) in the shared database
    with store.begin() as s:
        bob = s.scalar(select(Rater).where(Rater.name == other))
        study = s.scalar(select(Study))
        item = R.work_queue(s, study.id, bob.id)[0]
        view = R.load_item(s, bob.id, item.response_id)
        R.set_comment(s, bob.id, item.response_id, "BOB-PRIVATE-COMMENT")
        R.add_feedback(s, bob.id, item.response_id, view.criteria[0].id, "wrong", "BOB-PRIVATE-FEEDBACK")
        bob_uid = bob.uid
        bob_rating_uid = s.scalar(select(Rating.uid).where(Rating.rater_id == bob.id))
        judge_models = list(s.scalars(select(JudgeRun.judge_model)))
    rvw = tmp / "alice.rvw"
    pack_review_file(store, RATERS[0], rvw)
    raw_zip = rvw.read_bytes()
    with zipfile.ZipFile(rvw) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    db_bytes = members["review.db"]
    forbidden = [*MODEL_NAMES, "/models/", "rev-Secret", "temperature", other, RATERS[2], bob_uid,
                 bob_rating_uid, "BOB-PRIVATE-COMMENT", "BOB-PRIVATE-FEEDBACK", *judge_models, "run-a"]
    for needle in forbidden:
        for blob in (raw_zip, db_bytes, members["manifest.json"]):
            assert needle.encode() not in blob, needle
    assert RATERS[0].encode() in db_bytes  # the search itself works

    work, _ = open_review_file(rvw)
    with work.Session() as s:
        assert s.scalars(select(Rater.name)).all() == [RATERS[0]]
        assert s.scalars(select(JudgeRun)).all() == []
        assert all(r.settings == {} and r.device is None and r.seed is None for r in s.scalars(select(Response)))
        names = s.scalars(select(Response.model_id)).all()
        assert names
        from reviewer.store.models import Model

        assert all(m.startswith("blinded-") for m in s.scalars(select(Model.name)))
        # uids travel unchanged
        file_uids = set(s.scalars(select(Response.uid)))
    with store.Session() as s:
        assert file_uids <= set(s.scalars(select(Response.uid)))
    work.close()


def test_working_copy_survives_a_crash_and_is_reused(assigned) -> None:
    store, _direct, tmp = assigned
    rvw = tmp / "a.rvw"
    pack_review_file(store, RATERS[0], rvw)
    work, manifest = open_review_file(rvw)
    with work.begin() as s:
        rid = s.scalar(select(Rater.id))
        item = R.work_queue(s, s.scalar(select(Study.id)), rid)[0]
        R.set_comment(s, rid, item.response_id, "saved before the crash")
    del work  # no close, no return: as if the app died
    again, manifest2 = open_review_file(rvw)
    assert manifest2["pack_uid"] == manifest["pack_uid"]
    with again.Session() as s:
        assert s.scalar(select(Rating.comment)) == "saved before the crash"
    again.close()
    # a new pack saved over the same name must not clobber the unreturned work
    pack_review_file(store, RATERS[0], rvw)
    from reviewer.errors import ReviewerError

    with pytest.raises(ReviewerError, match="another review file"):
        open_review_file(rvw)


def test_merging_the_same_return_three_times_equals_merging_once(assigned) -> None:
    store, _direct, tmp = assigned
    rvw = tmp / "c.rvw"
    pack_review_file(store, RATERS[2], rvw)
    work, _ = open_review_file(rvw)
    rate_all(work, RATERS[2])
    work.close()
    write_return_file(rvw, tmp / "c.rvr")
    first = merge_return_files(store, [tmp / "c.rvr"], actor="coord")
    assert first.files[0].inserted
    once = dump_tables(store)
    for _ in range(2):
        again = merge_return_files(store, [tmp / "c.rvr"], actor="coord")
        assert again.files[0].already_merged
    assert dump_tables(store) == once
    # and the same file twice in one call is merged once
    both = merge_return_files(store, [tmp / "c.rvr", tmp / "c.rvr"], actor="coord")
    assert all(f.already_merged for f in both.files)
    assert dump_tables(store) == once


def test_model_names_in_case_meta_are_dropped_and_in_case_text_refuse_the_pack(assigned) -> None:
    store, _direct, tmp = assigned
    with store.begin() as s:
        cases = s.scalars(select(Case).order_by(Case.id)).all()
        for case in cases:
            case.meta = {"area": "cardio", "ref_completions": [f"written by {MODEL_NAMES[0]}"]}
    result = pack_review_file(store, RATERS[0], tmp / "meta.rvw")
    work, _ = open_review_file(tmp / "meta.rvw")
    with work.Session() as s:
        metas = s.scalars(select(Case.meta)).all()
    work.close()
    assert metas and all(m == {"area": "cardio"} for m in metas)
    assert result.manifest["item_count"] > 0
    with store.begin() as s:
        for case in s.scalars(select(Case)):
            case.title = f"Compare with {MODEL_NAMES[1]}"
    from reviewer.errors import ReviewerError

    with pytest.raises(ReviewerError, match="cannot pack: the model name"):
        pack_review_file(store, RATERS[0], tmp / "leaky.rvw")
    assert not (tmp / "leaky.rvw").exists()


def test_first_screen_of_a_review_file_reads_its_working_copy(assigned) -> None:
    """The app's fast first screen opens a review file it has opened before: the rater and study
    its manifest names, from the working copy; a file never opened, or a new pack over an unreturned
    working copy, takes the ordinary path (which unpacks, or refuses with a message)."""
    from reviewer.rating.first_screen import read_first_screen

    store, _direct, tmp = assigned
    rvw = tmp / "first.rvw"
    pack_review_file(store, RATERS[1], rvw)
    kw = {"rater": None, "study": None, "remembered_rater": lambda _url: "", "interactive": True}
    assert read_first_screen(rvw, **kw) is None  # not unpacked yet
    work, manifest = open_review_file(rvw)
    with work.begin() as s:
        rid = s.scalar(select(Rater.id).where(Rater.uid == manifest["rater_uid"]))
        queue = R.queue_ids(s, s.scalar(select(Study.id)), rid)
        first_item = R.load_item(s, rid, queue[0])
        crit = first_item.criteria[0].id
        R.set_criterion(s, rid, queue[0], crit, "not_met")
        expected = R.load_item(s, rid, queue[0])
    first = read_first_screen(rvw, **kw)
    assert first is not None
    assert (first.target, first.rater_name, first.queue, first.url) == (str(rvw), RATERS[1], queue, work.url)
    assert first.item == expected and first.item.values[crit] == "not_met"
    work.close()
    pack_review_file(store, RATERS[1], rvw)  # another pack saved over the same name
    assert read_first_screen(rvw, **kw) is None
