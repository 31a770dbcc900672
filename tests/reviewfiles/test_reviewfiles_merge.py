"""Merge checks: damaged, tampered, foreign and truncated returns are refused with the database
untouched; a rating changed on both sides is kept twice and flagged; the CLI and the audit log."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.cli.main import main
from reviewer.errors import InputError
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.store import Store, open_store
from reviewer.store.models import AuditEvent, Rater, Rating, RatingConflict, Study
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from tests.support.db import build_template, copy_database
from tests.support.reviewfiles import build_study, dump_tables

RATER = "dr-dana"


def _items(store, rater: str = RATER) -> tuple[int, list[int]]:
    with store.Session() as s:
        rid = s.scalar(select(Rater.id).where(Rater.name == rater))
        return rid, [q.response_id for q in R.work_queue(s, s.scalar(select(Study.id)), rid)]


def _rate(store, response_id: int, comment: str, value: str = "met", rater: str = RATER) -> None:
    with store.begin() as s:
        rid = s.scalar(select(Rater.id).where(Rater.name == rater))
        view = R.load_item(s, rid, response_id)
        for c in view.criteria:
            R.set_criterion(s, rid, response_id, c.id, value)
        R.set_comment(s, rid, response_id, comment)


def _comment_by_uid(store, uid: str) -> str:
    with store.Session() as s:
        return s.scalar(select(Rating.comment).where(Rating.uid == uid))


@pytest.fixture(scope="module")
def _returned_once(tmp_path_factory: pytest.TempPathFactory, empty_db_template: Path) -> Path:
    """Built once per module: a study, one rater's file rated and returned."""
    folder = tmp_path_factory.mktemp("returned")

    def rated_and_returned(store: Store) -> None:
        build_study(store, n_cases=3)
        with store.begin() as s:
            design_assignments(s, get_study(s, None), [RATER], per_response=1, seed=2)
        rvw = folder / "dana.rvw"
        pack_review_file(store, RATER, rvw)
        work, _ = open_review_file(rvw)
        _rid, items = _items(work)
        for i, resp in enumerate(items):
            _rate(work, resp, f"file comment {i}")
        work.close()
        write_return_file(rvw, folder / "dana.rvr")

    build_template(folder / "study.db", rated_and_returned, start=empty_db_template)
    return folder


@pytest.fixture
def returned(_returned_once: Path, tmp_path: Path):
    """A fresh copy of the returned study: (store, return path, tmp)."""
    shutil.copy2(_returned_once / "dana.rvr", tmp_path / "dana.rvr")
    store = open_store(copy_database(_returned_once / "study.db", tmp_path / "study.db"))
    yield store, tmp_path / "dana.rvr", tmp_path
    store.close()


def _refused(store, path: Path, match: str) -> None:
    before = dump_tables(store)
    backups = store.path.parent / f"{store.path.name}-backups"
    with pytest.raises(InputError, match=match) as info:
        merge_return_files(store, [path], actor="coord")
    assert path.name in str(info.value)
    assert dump_tables(store) == before
    assert not backups.exists()  # refused before the backup, nothing written anywhere


def test_a_changed_byte_is_refused(returned) -> None:
    store, out, tmp = returned
    original = out.read_bytes()
    with zipfile.ZipFile(out) as zf:
        infos = [zf.getinfo("payload.json"), zf.getinfo("manifest.json")]
    positions = []
    for info in infos:  # bytes inside each member's stored data
        data_start = info.header_offset + 30 + len(info.filename)
        positions += [data_start + int(info.compress_size * f) for f in (0.1, 0.5, 0.9)]
    for n, pos in enumerate(positions):
        data = bytearray(original)
        data[pos] ^= 0x01
        bad = tmp / f"flipped{n}.rvr"
        bad.write_bytes(bytes(data))
        _refused(store, bad, "damaged or tampered")


def test_an_edited_payload_with_a_valid_zip_is_refused_by_its_hash(returned) -> None:
    store, out, tmp = returned
    with zipfile.ZipFile(out) as zf:
        manifest, payload = zf.read("manifest.json"), json.loads(zf.read("payload.json"))
    payload["ratings"][0]["overall_score"] = 5  # a quiet forgery
    bad = tmp / "forged.rvr"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("manifest.json", manifest)
        zf.writestr("payload.json", json.dumps(payload))
    _refused(store, bad, "does not match the SHA-256")


def test_a_return_for_another_study_is_refused(returned, tmp_path: Path, new_db: Callable[[Path], Path]) -> None:
    _store, out, _tmp = returned
    other = open_store(new_db(tmp_path / "other.db"))
    build_study(other, n_cases=3)  # same study name, another study (another uid)
    with other.begin() as s:
        s.add(Rater(name=RATER))
    _refused(other, out, "another study.*is a different one")
    other.close()


def test_a_truncated_file_and_a_non_zip_are_refused(returned) -> None:
    store, out, tmp = returned
    cut = tmp / "cut.rvr"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    _refused(store, cut, "truncated")
    text = tmp / "notes.rvr"
    text.write_text("hello")
    _refused(store, text, "not a return file")


def test_a_rating_changed_on_both_sides_is_kept_twice_and_flagged(tmp_path: Path, fresh_db: Path, capsys) -> None:
    store = open_store(fresh_db)
    build_study(store, n_cases=2)
    with store.begin() as s:
        design_assignments(s, get_study(s, None), [RATER], per_response=1, seed=5)
    _rid, items = _items(store)
    assert len(items) == 4
    for resp in items[:3]:
        _rate(store, resp, "original")  # rated in the shared database before the pack
    rvw = tmp_path / "dana.rvw"
    pack_review_file(store, RATER, rvw)
    with store.Session() as s:
        uids = [s.scalar(select(Rating.uid).where(Rating.response_id == r)) for r in items[:3]]

    work, _ = open_review_file(rvw)
    _rate(work, items[0], "file side", "not_met")  # both sides change this one
    _rate(work, items[1], "file only")  # only the rater changes this one
    _rate(work, items[3], "new in file")  # a new rating
    work.close()
    _rate(store, items[0], "coordinator side")
    _rate(store, items[2], "local only")  # only the coordinator's side changes this one
    write_return_file(rvw, tmp_path / "dana.rvr")

    report = merge_return_files(store, [tmp_path / "dana.rvr"], actor="coord")
    f = report.files[0]
    assert f.conflicts == [uids[0]]
    assert f.updated == [uids[1]]
    assert [s["uid"] for s in f.skipped] == [uids[2]]
    assert "local version is kept" in f.skipped[0]["reason"]
    assert len(f.inserted) == 1
    assert any("CONFLICT" in line and uids[0] in line for line in report.lines())
    assert _comment_by_uid(store, uids[0]) == "coordinator side"  # never silently overwritten
    assert _comment_by_uid(store, uids[1]) == "file only"
    assert _comment_by_uid(store, uids[2]) == "local only"
    with store.Session() as s:
        conflict = s.scalar(select(RatingConflict))
        assert conflict.local["comment"] == "coordinator side"
        assert conflict.incoming["comment"] == "file side"
        assert set(conflict.incoming["criteria"].values()) == {"not_met"}
        assert conflict.source_file == "dana.rvr"
        update = s.scalar(select(AuditEvent).where(AuditEvent.action == "rating.merge_update"))
        assert update.before["comment"] == "original" and update.after["comment"] == "file only"
        assert update.actor == "coord"

    # the coordinator lists the conflict and takes the rater's version; a re-merge changes nothing
    assert main(["--db", str(fresh_db), "conflicts", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["rating_uid"] for c in listed] == [uids[0]]
    assert main(["--db", str(fresh_db), "conflicts", "--resolve", listed[0]["uid"],
                 "--keep", "incoming"]) == 0
    capsys.readouterr()
    assert _comment_by_uid(store, uids[0]) == "file side"
    assert main(["--db", str(fresh_db), "conflicts"]) == 0
    assert "no open rating conflicts" in capsys.readouterr().out
    assert main(["--db", str(fresh_db), "conflicts", "--resolve", listed[0]["uid"],
                 "--keep", "local"]) == 2
    assert "already resolved" in capsys.readouterr().err

    # the audit command shows the merge and each rating change with before and after
    assert main(["--db", str(fresh_db), "audit", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    actions = [e["action"] for e in events]
    for expected in ("merge", "rating.conflict", "rating.merge_update", "rating.merge_insert", "rating.conflict_resolve",
                     "review_file.pack", "assignment.design"):
        assert expected in actions
    assert main(["--db", str(fresh_db), "audit", "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2
    store.close()


def test_cli_pack_return_merge(tmp_path: Path, fresh_db: Path, capsys) -> None:
    db = str(fresh_db)
    store = open_store(db)
    build_study(store, n_cases=2)
    store.close()
    assert main(["--db", db, "assign", "--raters", "x1,x2", "--per-response", "2", "--calibration", "1"]) == 0
    assert "units with >= 2 raters (for agreement): 4" in capsys.readouterr().out
    rvw, rvr = tmp_path / "x1.rvw", tmp_path / "x1.rvr"
    assert main(["--db", db, "pack", "--rater", "x1", "-o", str(rvw)]) == 0
    assert "4 items for rater 'x1'" in capsys.readouterr().out
    assert main(["return", str(rvw), "-o", str(rvr)]) == 0
    assert "authenticated for pack" in capsys.readouterr().out
    assert main(["--db", db, "merge", str(rvr), "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{"):])
    # nothing rated yet: the merge changes nothing, so it takes no backup and writes nothing
    assert report["files"][0]["rater"] == "x1" and report["backup"] is None and not report["changed"]
    assert not (fresh_db.parent / f"{fresh_db.name}-backups").exists()
    bad = tmp_path / "bad.rvr"
    bad.write_bytes(rvr.read_bytes()[:40])
    assert main(["--db", db, "merge", str(bad)]) == 2
    assert "bad.rvr" in capsys.readouterr().err


def test_returning_twice_from_one_file_is_no_conflict(tmp_path: Path, fresh_db: Path) -> None:
    store = open_store(fresh_db)
    build_study(store, n_cases=1)
    with store.begin() as s:
        design_assignments(s, get_study(s, None), [RATER], per_response=1)
    rvw = tmp_path / "dana.rvw"
    pack_review_file(store, RATER, rvw)
    work, _ = open_review_file(rvw)
    _rid, items = _items(work)
    _rate(work, items[0], "first pass")
    write_return_file(rvw, tmp_path / "r1.rvr")
    first = merge_return_files(store, [tmp_path / "r1.rvr"], actor="coord").files[0]
    assert len(first.inserted) == 1
    _rate(work, items[0], "second pass")  # the rater goes on in the same file
    _rate(work, items[1], "new item")
    write_return_file(rvw, tmp_path / "r2.rvr")
    second = merge_return_files(store, [tmp_path / "r2.rvr"], actor="coord").files[0]
    assert second.updated == first.inserted and len(second.inserted) == 1 and not second.conflicts
    assert _comment_by_uid(store, first.inserted[0]) == "second pass"
    _rate(store, items[0], "coordinator fix")  # now both sides change it
    _rate(work, items[0], "third pass")
    write_return_file(rvw, tmp_path / "r3.rvr")
    third = merge_return_files(store, [tmp_path / "r3.rvr"], actor="coord").files[0]
    assert third.conflicts == first.inserted
    assert _comment_by_uid(store, first.inserted[0]) == "coordinator fix"
    from reviewer.reviewfiles.conflicts import list_conflicts, resolve_conflict

    with store.begin() as s:
        (conflict,) = list_conflicts(s)
        resolve_conflict(s, conflict["uid"], "local", actor="coord")
    # a later return that still carries the rejected version must not bring it back
    with work.begin() as s:
        rid = s.scalar(select(Rater.id))
        R.add_time(s, rid, items[1], 5.0)  # a different payload, same answer on item 0
    write_return_file(rvw, tmp_path / "r4.rvr")
    fourth = merge_return_files(store, [tmp_path / "r4.rvr"], actor="coord").files[0]
    assert not fourth.updated and not fourth.conflicts
    # item 0 carries the revision the study already holds from this pack: nothing to bring back
    assert first.inserted[0] in fourth.unchanged and fourth.time_raised == 1
    assert _comment_by_uid(store, first.inserted[0]) == "coordinator fix"
    work.close()
    store.close()
