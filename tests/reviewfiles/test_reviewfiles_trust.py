"""Returns no one can forge or replay (issue 15): a return is accepted only for the pack it came
from, with a code only that pack's holder can compute; the newest revision of each rating wins in
any order; values outside the rating scheme and foreign audit events are refused with nothing
written; a changed-nothing merge takes no backup."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.errors import InputError, ReviewerError
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.reviewfiles.common import rating_snapshots
from reviewer.store import open_store
from reviewer.store.models import AuditEvent, PackRating, Rater, Rating, RatingConflict, ReviewPack, Study
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from tests.support.db import build_template, copy_database
from tests.support.reviewfiles import build_study, dump_tables, mutate_payload, resign_return, review_secret

DANA, ELI = "dr-dana", "dr-eli"
# what a rating holds, compared across merge orders (the coordinator's own row version and write
# times count local writes, not content)
CONTENT = ("uid", "response_uid", "rater_uid", "checklist_version_uid", "status", "overall_score", "extra_scores",
           "comment", "safety_flag", "time_spent_s", "submitted_at", "criteria")


def _rate(work, index: int, comment: str, *, value: str = "met", score: float | None = None,
          submit: bool = False, rater: str = DANA) -> None:
    with work.begin() as s:
        rid = s.scalar(select(Rater.id).where(Rater.name == rater))
        queue = R.work_queue(s, s.scalar(select(Study.id)), rid)
        resp = queue[index].response_id
        view = R.load_item(s, rid, resp)
        for c in view.criteria:
            R.set_criterion(s, rid, resp, c.id, value)
        R.set_comment(s, rid, resp, comment)
        if score is not None:
            R.set_overall_score(s, rid, resp, score)
        R.add_time(s, rid, resp, 10.0)
        if submit:
            R.submit(s, rid, resp, actor=rater)


@pytest.fixture(scope="module")
def _trust_template(tmp_path_factory: pytest.TempPathFactory, empty_db_template: Path) -> Path:
    """Both raters packed (every response each); Eli's return merged; Dana's three returns
    r1 < r2 < r3 written from one working copy, none merged."""
    folder = tmp_path_factory.mktemp("trust")

    def fill(store) -> None:  # noqa: ANN001
        build_study(store, n_cases=3)
        with store.begin() as s:
            design_assignments(s, get_study(s, None), [DANA, ELI], per_response=2, seed=3)
        for name in (DANA, ELI):
            pack_review_file(store, name, folder / f"{name}.rvw")
        eli, _ = open_review_file(folder / f"{ELI}.rvw")
        for i in range(6):
            _rate(eli, i, f"eli {i}", value="not_met", score=2, rater=ELI)
        eli.close()
        write_return_file(folder / f"{ELI}.rvw", folder / "eli.rvr")
        merge_return_files(store, [folder / "eli.rvr"], actor="coord")
        work, _ = open_review_file(folder / f"{DANA}.rvw")
        _rate(work, 0, "first look")
        _rate(work, 1, "first look")
        write_return_file(folder / f"{DANA}.rvw", folder / "r1.rvr")
        _rate(work, 0, "second look", value="not_met", score=3)
        _rate(work, 2, "second look")
        write_return_file(folder / f"{DANA}.rvw", folder / "r2.rvr")
        _rate(work, 1, "third look", value="na", score=4, submit=True)
        _rate(work, 2, "third look", score=5)
        write_return_file(folder / f"{DANA}.rvw", folder / "r3.rvr")
        work.close()

    build_template(folder / "study.db", fill, start=empty_db_template)
    return folder


@pytest.fixture
def trust(_trust_template: Path, tmp_path: Path):
    """(store, folder of the files, tmp) on a fresh copy of the template database."""
    for f in _trust_template.iterdir():
        if f.is_file() and f.suffix in (".rvr", ".rvw"):
            shutil.copy2(f, tmp_path / f.name)
    store = open_store(copy_database(_trust_template / "study.db", tmp_path / "db" / "study.db"))
    yield store, tmp_path
    store.close()


def _ratings(store, rater: str = DANA) -> list[dict]:
    with store.Session() as s:
        rows = s.scalars(select(Rating).join(Rater).where(Rater.name == rater).order_by(Rating.uid)).all()
        return [{k: snap[k] for k in CONTENT} for snap in rating_snapshots(s, list(rows))]


def _refused(store, path: Path, match: str) -> InputError:
    before = dump_tables(store)
    backups = store.path.parent / f"{store.path.name}-backups"
    had = sorted(backups.iterdir()) if backups.exists() else []
    with pytest.raises(InputError, match=match) as info:
        merge_return_files(store, [path], actor="coord")
    assert path.name in str(info.value)
    assert dump_tables(store) == before
    assert (sorted(backups.iterdir()) if backups.exists() else []) == had
    return info.value


def _pack(store, rater: str) -> ReviewPack:
    with store.Session() as s:
        return s.scalar(select(ReviewPack).join(Rater).where(Rater.name == rater))


# ----------------------------------------------------------------------------- forgery


def test_a_pack_holds_a_256_bit_secret_that_the_return_does_not(trust) -> None:
    store, tmp = trust
    pack = _pack(store, DANA)
    assert len(bytes.fromhex(pack.secret)) == 32
    assert review_secret(tmp / f"{DANA}.rvw") == pack.secret
    assert pack.secret != _pack(store, ELI).secret
    with zipfile.ZipFile(tmp / "r3.rvr") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert pack.secret not in zf.read("manifest.json").decode() + zf.read("payload.json").decode()
    assert manifest["pack_uid"] == pack.uid and len(manifest["mac"]) == 64
    assert len(pack.response_uids) == 6  # the pack lists the responses it was issued for


def test_a_return_edited_to_claim_another_raters_pack_is_refused(trust) -> None:
    """Dana rewrites her return as Eli's (pack, rater, ratings' uids) and recomputes every hash
    and code with the one secret she has: refused, Eli's ratings unchanged."""
    store, tmp = trust
    eli_pack, eli_before = _pack(store, ELI), _ratings(store, ELI)
    with store.Session() as s:
        eli_uid = s.scalar(select(Rater.uid).where(Rater.name == ELI))
    eli_ratings = {r["response_uid"]: r["uid"] for r in eli_before}

    def as_eli(payload: dict) -> None:
        payload.update(rater_uid=eli_uid, pack_uid=eli_pack.uid)
        for r in payload["ratings"]:
            r.update(rater_uid=eli_uid, uid=eli_ratings[r["response_uid"]], revision=10**6)

    def manifest_eli(m: dict) -> None:
        m.update(rater_uid=eli_uid, rater_name=ELI, pack_uid=eli_pack.uid)

    mine = review_secret(tmp / f"{DANA}.rvw")
    forged = resign_return(tmp / "r3.rvr", tmp / "as-eli.rvr", mine, payload_edit=as_eli, manifest_edit=manifest_eli)
    _refused(store, forged, "authentication code does not verify")
    # keeping her own pack but naming Eli: the code verifies, the pack was not issued to Eli
    own_pack = resign_return(tmp / "r3.rvr", tmp / "own-pack.rvr", mine, manifest_edit=lambda m: m.update(
        rater_uid=eli_uid, rater_name=ELI), payload_edit=lambda p: p.update(rater_uid=eli_uid))
    _refused(store, own_pack, f"issued to rater '{DANA}'")
    with store.begin() as s:  # a second study in the same database: her pack was not issued for it
        other = Study(name="second study")
        s.add(other)
        s.flush()
        other_uid = other.uid
    other_study = resign_return(tmp / "r3.rvr", tmp / "other-study.rvr", mine, manifest_edit=lambda m: m.update(
        study_uid=other_uid, study_name="second study"), payload_edit=lambda p: p.update(study_uid=other_uid))
    _refused(store, other_study, "issued to study 'trial'")
    # her own pack and name, but Eli's rating uids: those belong to another rater here
    steal = resign_return(tmp / "r3.rvr", tmp / "steal.rvr", mine, payload_edit=lambda p: [
        r.update(uid=eli_ratings[r["response_uid"]]) for r in p["ratings"]])
    _refused(store, steal, "belongs to another rater")
    assert _ratings(store, ELI) == eli_before


def test_a_made_up_or_missing_pack_and_an_unsigned_return_are_refused(trust) -> None:
    store, tmp = trust
    mine = review_secret(tmp / f"{DANA}.rvw")
    made_up = "00000000-0000-4000-8000-000000000000"
    bad = resign_return(tmp / "r1.rvr", tmp / "made-up.rvr", mine, manifest_edit=lambda m: m.update(pack_uid=made_up),
                        payload_edit=lambda p: p.update(pack_uid=made_up))
    _refused(store, bad, f"never issued.*{made_up}")
    none = resign_return(tmp / "r1.rvr", tmp / "no-pack.rvr", mine, manifest_edit=lambda m: m.pop("pack_uid"))
    _refused(store, none, "never issued")
    other_secret = "ab" * 32  # the right pack, a code made with a guessed secret
    _refused(store, resign_return(tmp / "r1.rvr", tmp / "guess.rvr", other_secret), "does not verify")
    with zipfile.ZipFile(tmp / "r1.rvr") as zf:
        manifest, payload = json.loads(zf.read("manifest.json")), zf.read("payload.json")
    manifest.pop("mac")
    with zipfile.ZipFile(tmp / "unsigned.rvr", "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("payload.json", payload)
    _refused(store, tmp / "unsigned.rvr", "no authentication code")
    manifest["format_version"] = 1  # an old bare-hash return
    with zipfile.ZipFile(tmp / "old.rvr", "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("payload.json", payload)
    _refused(store, tmp / "old.rvr", "older version of reviewer and is not authenticated")


def test_the_cli_prints_one_line_and_exits_2_for_a_forged_return(trust, capsys) -> None:
    from reviewer.cli.main import main

    store, tmp = trust
    bad = resign_return(tmp / "r1.rvr", tmp / "guess.rvr", "cd" * 32)
    assert main(["--db", str(store.path), "merge", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "guess.rvr" in err and "does not verify" in err and "Traceback" not in err


# ----------------------------------------------------------------------------- order


def test_three_returns_in_all_six_orders_give_the_newest(trust, tmp_path: Path) -> None:
    store, tmp = trust
    template = store.path
    store.close()
    files = [tmp / "r1.rvr", tmp / "r2.rvr", tmp / "r3.rvr"]
    results = []
    for n, order in enumerate(itertools.permutations(files)):
        db = copy_database(template, tmp_path / f"order{n}" / "study.db")
        st = open_store(db)
        for f in order:
            merge_return_files(st, [f], actor="coord")
        results.append(_ratings(st))
        with st.Session() as s:
            held = sorted(s.scalars(select(PackRating.revision)))
        st.close()
        newest_alone = tmp_path / f"alone{n}" / "study.db"
        if n == 0:
            copy_database(template, newest_alone)
            st = open_store(newest_alone)
            merge_return_files(st, [files[2]], actor="coord")
            expected, expected_held = _ratings(st), held
            with st.Session() as s:
                assert sorted(s.scalars(select(PackRating.revision))) == held
            st.close()
        assert held == expected_held
    assert all(r == expected for r in results)
    by_comment = {r["comment"] for r in expected}
    assert by_comment == {"second look", "third look"}  # item 0 from r2, items 1 and 2 from r3
    assert {r["status"] for r in expected if r["comment"] == "third look" and r["overall_score"] == 4} == {"submitted"}
    # all three in one call, in each order, give the same too
    for n, order in enumerate(itertools.permutations(files)):
        db = copy_database(template, tmp_path / f"one-call{n}" / "study.db")
        st = open_store(db)
        merge_return_files(st, list(order), actor="coord")
        assert _ratings(st) == expected
        st.close()


def test_a_conflict_converges_to_the_newest_revision_in_every_order(trust, tmp_path: Path) -> None:
    """The coordinator also edits item 0 (which Dana changed in r1 and r2): in every order one open
    conflict remains, holding Dana's newest version of it, and the other ratings are the newest."""
    store, tmp = trust
    with store.begin() as s:  # Dana's item 0 is the first response of her queue; Eli's rating is not touched
        rid = s.scalar(select(Rater.id).where(Rater.name == DANA))
        first = R.work_queue(s, s.scalar(select(Study.id)), rid)[0].response_id
        R.set_comment(s, rid, first, "coordinator's own note")
    template = store.path
    store.close()
    files = [tmp / "r1.rvr", tmp / "r2.rvr", tmp / "r3.rvr"]
    outcomes = []
    for n, order in enumerate(itertools.permutations(files)):
        st = open_store(copy_database(template, tmp_path / f"c{n}" / "study.db"))
        for f in order:
            merge_return_files(st, [f], actor="coord")
        with st.Session() as s:
            conflicts = [(c.local["comment"], c.incoming["comment"], c.incoming["revision"])
                         for c in s.scalars(select(RatingConflict).where(RatingConflict.resolved.is_(False)))]
        outcomes.append((conflicts, _ratings(st)))
        st.close()
    assert all(o == outcomes[0] for o in outcomes)
    (conflict,), ratings = outcomes[0]
    assert conflict[:2] == ("coordinator's own note", "second look")
    assert sorted(r["comment"] for r in ratings) == ["coordinator's own note", "third look", "third look"]


def test_an_older_return_after_a_newer_changes_nothing_and_says_so(trust) -> None:
    store, tmp = trust
    backups = store.path.parent / f"{store.path.name}-backups"
    first = merge_return_files(store, [tmp / "r3.rvr"], actor="coord")
    assert first.backup is not None and len(list(backups.iterdir())) == 1
    newest = _ratings(store)
    before = dump_tables(store)
    older = merge_return_files(store, [tmp / "r1.rvr"], actor="coord")
    f = older.files[0]
    assert not f.changed and len(f.older) == 2 and not f.updated and older.backup is None
    assert any("nothing newer than what the study holds" in line for line in older.lines())
    assert dump_tables(store) == before and _ratings(store) == newest
    # the same return three times: already merged, nothing changed, no backup
    for _ in range(2):
        again = merge_return_files(store, [tmp / "r3.rvr"], actor="coord")
        assert again.files[0].already_merged and again.backup is None
        assert "already merged (same content), nothing changed" in "\n".join(again.lines())
    # a re-serialised copy of the old return (same content, other bytes) verifies and changes nothing
    secret = review_secret(tmp / f"{DANA}.rvw")
    copy = resign_return(tmp / "r1.rvr", tmp / "r1-copy.rvr", secret, pretty=True)
    assert copy.read_bytes() != (tmp / "r1.rvr").read_bytes()
    assert not merge_return_files(store, [copy], actor="coord").changed
    assert dump_tables(store) == before
    assert len(list(backups.iterdir())) == 1  # only the first merge took a backup


# ----------------------------------------------------------------------------- validation

BAD_VALUES = [
    ("criterion value", lambda r: r["criteria"].update({next(iter(r["criteria"])): "EVIL"}), "value 'EVIL'"),
    ("score above the scale", lambda r: r.update(overall_score=999), "overall score 999.*1-5"),
    ("score not a number", lambda r: r.update(overall_score="5"), "overall score '5'"),
    ("status", lambda r: r.update(status="bogus"), "status 'bogus'"),
    ("extra scale", lambda r: r.update(extra_scores={"charm": 3}), "extra score 'charm'"),
    ("response outside the pack", lambda r: r.update(response_uid="ffffffff-0000-4000-8000-000000000000"),
     "not one this pack was issued for"),
    ("time", lambda r: r.update(time_spent_s=-5), "time_spent_s -5"),
    ("integer past any float", lambda r: r.update(time_spent_s=10**400), "time_spent_s 1000"),
    ("score not finite", lambda r: r.update(overall_score=float("nan")), "overall score nan"),
    ("revision", lambda r: r.update(revision="9"), "revision '9'"),
    ("timestamp", lambda r: r.update(submitted_at="yesterday"), "submitted_at 'yesterday'"),
    ("criterion of another case", None, "is not in the checklist this rating uses"),
]


@pytest.mark.parametrize(("what", "edit", "match"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_values_outside_the_scheme_are_refused_with_nothing_written(trust, what, edit, match) -> None:
    store, tmp = trust
    secret = review_secret(tmp / f"{DANA}.rvw")
    target: dict = {}

    def mutate(payload: dict) -> None:
        rating = payload["ratings"][-1]
        target["uid"] = rating["uid"]
        if edit is not None:
            edit(rating)
        else:  # a criterion uid of another rating's case
            other = next(r for r in payload["ratings"] if r["response_uid"] != rating["response_uid"]
                         and set(r["criteria"]) != set(rating["criteria"]))
            rating["criteria"] = {next(iter(other["criteria"])): "met"}

    bad = resign_return(tmp / "r3.rvr", tmp / "bad.rvr", secret, payload_edit=mutate)
    err = _refused(store, bad, match)
    assert f"rating {target['uid']}" in str(err) and "nothing was merged" in str(err)


def test_feedback_must_be_of_a_known_kind_on_the_packs_criteria(trust) -> None:
    store, tmp = trust
    secret = review_secret(tmp / f"{DANA}.rvw")
    crit = None

    def add(kind: str, criterion: str | None = None):  # noqa: ANN202
        def edit(p: dict) -> None:
            nonlocal crit
            crit = next(iter(p["ratings"][0]["criteria"]))
            p["feedback"].append({"uid": "fb-1", "kind": kind, "note": "x", "criterion_uid": criterion or crit,
                                  "response_uid": None, "created_at": None})
        return edit

    _refused(store, resign_return(tmp / "r3.rvr", tmp / "fb.rvr", secret, payload_edit=add("EVIL")),
             "feedback fb-1.*kind 'EVIL'")
    _refused(store, resign_return(tmp / "r3.rvr", tmp / "fb2.rvr", secret, payload_edit=add("unclear", "nope")),
             "criterion 'nope' is not one of this pack's criteria")


# ----------------------------------------------------------------------------- audit events


def test_audit_events_are_limited_to_the_raters_own_edits_and_marked_as_the_returns(trust) -> None:
    store, tmp = trust
    secret = review_secret(tmp / f"{DANA}.rvw")
    with zipfile.ZipFile(tmp / "r3.rvr") as zf:
        payload = json.loads(zf.read("payload.json"))
    (submit,) = [e for e in payload["audit"] if e["action"] == "rating.submit"]  # Dana submitted item 1
    a_rating = submit["entity_uid"]
    fakes = [
        ({"action": "review_file.pack", "actor": "coord", "entity_type": "rater", "entity_uid": "x"},
         "action 'review_file.pack' is not a rater's edit"),
        ({"action": "merge", "actor": "coord", "entity_type": "merge_record", "entity_uid": "x"},
         "action 'merge'"),
        ({"action": "rating.submit", "actor": "coord", "entity_type": "rating", "entity_uid": a_rating},
         "actor 'coord' is not the pack's rater"),
        ({"action": "rating.edit_submitted", "actor": DANA, "entity_type": "rating",
          "entity_uid": _ratings(store, ELI)[0]["uid"]}, "not a rating of this return"),
    ]
    for n, (fake, match) in enumerate(fakes):
        event = {"uid": f"fake-{n}", "before": None, "after": {"status": "submitted"},
                 "created_at": "2020-01-01T00:00:00", **fake}
        bad = resign_return(tmp / "r3.rvr", tmp / f"fake{n}.rvr", secret,
                            payload_edit=lambda p, e=event: p["audit"].append(e))
        _refused(store, bad, f"audit event fake-{n}.*{match}")
    # the genuine event is recorded as the rater's, from this return, dated at the merge, once
    merge_return_files(store, [tmp / "r3.rvr"], actor="coord")
    merge_return_files(store, [resign_return(tmp / "r3.rvr", tmp / "copy.rvr", secret, pretty=True,
                                             manifest_edit=lambda m: m.update(created_at="later"))], actor="coord")
    with store.Session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "rating.submit",
                                                    AuditEvent.entity_uid == a_rating)).all()
        pack_uid = _pack(store, DANA).uid
    assert len(events) == 1
    (event,) = events
    assert event.actor == DANA and event.uid != submit["uid"]
    assert event.after["_from_return"] == {"pack_uid": pack_uid, "file": "r3.rvr", "event_uid": submit["uid"],
                                           "rater_clock": submit["created_at"]}
    assert event.created_at.year >= 2026
    with store.Session() as s:
        assert not s.scalar(select(AuditEvent.id).where(AuditEvent.created_at < event.created_at.replace(year=2021)))


# ----------------------------------------------------------------------------- backups


def test_a_merge_whose_backup_fails_changes_nothing_and_leaves_no_backup(trust) -> None:
    store, tmp = trust
    blocker = store.path.parent / f"{store.path.name}-backups"
    blocker.write_text("in the way")  # the backup folder cannot be made
    before = dump_tables(store)
    with pytest.raises(ReviewerError, match="cannot write the backup.*nothing was merged"):
        merge_return_files(store, [tmp / "r3.rvr"], actor="coord")
    assert dump_tables(store) == before
    assert blocker.read_text() == "in the way"
    assert [p.name for p in blocker.parent.iterdir() if "partial" in p.name] == []


def test_the_backup_holds_the_database_as_it_was_before_the_merge(trust) -> None:
    store, tmp = trust
    before = dump_tables(store)
    report = merge_return_files(store, [tmp / "r2.rvr"], actor="coord")
    folder = Path(report.backup).parent
    assert [p.name for p in folder.iterdir()] == [Path(report.backup).name]  # no temporary name left
    copy = open_store(Path(report.backup), upgrade=False)
    try:
        assert dump_tables(copy) == before
    finally:
        copy.close()
    assert dump_tables(store) != before


def test_a_review_file_packed_without_a_secret_cannot_return(trust) -> None:
    """A review file of the older format (no secret): `return` says what to do, writes nothing."""
    _store, tmp = trust
    with zipfile.ZipFile(tmp / f"{ELI}.rvw") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        db = zf.read("review.db")
    manifest.pop("return_secret")
    old = tmp / "old.rvw"
    with zipfile.ZipFile(old, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("review.db", db)
    with pytest.raises(InputError, match="older version of reviewer.*new review file"):
        write_return_file(old, tmp / "old.rvr")
    assert not (tmp / "old.rvr").exists() and not list(tmp.glob("*.partial"))


def test_mutated_payloads_end_in_a_clean_error_or_a_clean_merge(trust) -> None:
    """A bounded structure-level fuzzer (fixed seed), each return signed as its rater could: every
    merge ends in success or an InputError naming the file, and a refused one changes nothing."""
    store, tmp = trust
    secret = review_secret(tmp / f"{DANA}.rvw")
    rng = random.Random(15)
    refused = 0
    for n in range(150):
        seed = rng.random()
        bad = resign_return(tmp / "r3.rvr", tmp / f"fuzz{n}.rvr", secret,
                            payload_edit=lambda p, s=seed: mutate_payload(p, random.Random(s)))
        before = dump_tables(store)
        try:
            merge_return_files(store, [bad], actor="coord")
        except InputError as exc:
            assert f"fuzz{n}.rvr" in str(exc)
            assert dump_tables(store) == before, f"fuzz{n}: refused, yet the database changed"
            refused += 1
    assert refused > 100  # nearly every mutation breaks a rule; a few (a comment, a note) are fine
