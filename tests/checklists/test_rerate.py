"""Re-rating under a new checklist version (issue 18, acceptance).

A criterion is reworded; two of three raters are asked to rate again. Their old ratings stay as
they were, on version 1; the new ones are on version 2; the criteria whose wording did not change
are carried and not asked again; the current rating (the newest version) is the one the rating
screen, the queue and the agreement figures read. The same through review files: a pack on
version 2 comes back and merges, and a return of an older pack (version 1) merged afterwards
leaves the version-2 ratings as they are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.agreement.extract import criterion_ratings
from reviewer.checklists.rerate import request_rerating, wording_changes
from reviewer.checklists.triage import submitted_values
from reviewer.checklists.versions import ChangeCriterion, edit_checklist
from reviewer.cli.main import main
from reviewer.errors import ConflictError
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.store.current import is_current, newest_first
from reviewer.store.current_sql import CURRENT_RATING
from reviewer.store.models import (
    Assignment,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Model,
    Rater,
    Rating,
    Response,
)
from reviewer.studies.lookup import create_study

RATERS = ("r1", "r2", "r3")
# rater -> answers to k1, k2, k3 on version 1 (the same for both answers A and B)
V1 = {"r1": ("met", "met", "met"), "r2": ("met", "not_met", "met"), "r3": ("not_met", "not_met", "met")}


def _build(store) -> None:  # noqa: ANN001
    """One case (checklist v1: k1-k3), two answers A and B, three raters assigned both and done."""
    with store.begin() as s:
        study = create_study(s, "rr")
        model = Model(study_id=study.id, name="SecretModel-9B")
        case = Case(study_id=study.id, source="t", external_id="c1", title="Chest pain",
                    turns=[{"role": "user", "content": "Chest pain for an hour?"}])
        s.add_all([model, case])
        s.flush()
        cv = ChecklistVersion(case_id=case.id, version=1, author="coord")
        s.add(cv)
        s.flush()
        for i, text in enumerate(("Advises calling emergency services", "Mentions aspirin", "Is kind")):
            s.add(Criterion(checklist_version_id=cv.id, key=f"k{i + 1}", position=i, text=text, points=1.0))
        for label in "AB":
            s.add(Response(case_id=case.id, model_id=model.id, text=f"Answer {label}: call 112 now.", blind_label=label))
        s.flush()
        for n, name in enumerate(RATERS):
            rater = R.get_rater(s, name)
            for pos, resp in enumerate(s.scalars(select(Response).order_by(Response.id))):
                s.add(Assignment(study_id=study.id, rater_id=rater.id, response_id=resp.id, position=pos + n))
        s.flush()
        for name in RATERS:
            _rate_all(s, name, dict(zip(("k1", "k2", "k3"), V1[name], strict=True)), score=3)


def _ids(s, name: str) -> tuple[int, list[int]]:  # noqa: ANN001
    return (s.scalar(select(Rater.id).where(Rater.name == name)),
            list(s.scalars(select(Response.id).order_by(Response.id))))


def _rate_all(s, name: str, answers: dict[str, str], *, score: float | None = None) -> None:  # noqa: ANN001
    """*name* answers the given keys on both answers (their current rating) and submits."""
    rater_id, responses = _ids(s, name)
    for resp in responses:
        item = R.load_item(s, rater_id, resp)
        for c in item.criteria:
            if c.key in answers:
                R.set_criterion(s, rater_id, resp, c.id, answers[c.key])
        if score is not None:
            R.set_overall_score(s, rater_id, resp, score)
        R.submit(s, rater_id, resp, actor=name)


def _snapshot(s) -> dict[tuple[str, int, str], tuple[str, str]]:  # noqa: ANN001
    """(rater, response id, key) -> (value, status) of every criterion rating on version 1."""
    rows = s.execute(select(Rater.name, Rating.response_id, Criterion.key, CriterionRating.value, Rating.status)
                     .join(Rating, Rating.rater_id == Rater.id).join(CriterionRating, CriterionRating.rating_id == Rating.id)
                     .join(Criterion, Criterion.id == CriterionRating.criterion_id)
                     .join(ChecklistVersion, ChecklistVersion.id == Rating.checklist_version_id)
                     .where(ChecklistVersion.version == 1))
    return {(r, resp, k): (v, st) for r, resp, k, v, st in rows}


@pytest.fixture
def study(store):  # noqa: ANN001
    _build(store)
    with store.begin() as s:
        edit_checklist(s, "c1", author="coord", reason="aspirin only without allergy",
                       edits=[ChangeCriterion(key="k2", text="Mentions aspirin unless allergic")])
    return store


def test_rerate_two_raters_keeps_version_1_asks_only_the_reworded_criterion_and_moves_the_figures(study, db_path,
                                                                                                  capsys):
    store = study
    with store.Session() as s:
        before = _snapshot(s)
    assert len(before) == 3 * 2 * 3
    with store.begin() as s:
        report = request_rerating(s, ["c1"], raters=["r1", "r2"], actor="coord")
    assert len(report.items) == 4 and not report.skipped
    assert {(i.rater, i.from_version, i.to_version, i.asked, i.carried) for i in report.items} == {
        (r, 1, 2, ("k2",), ("k1", "k3")) for r in ("r1", "r2")}

    with store.begin() as s:
        r1, (a, b) = _ids(s, "r1")
        item = R.load_item(s, r1, a)
        v2 = s.scalar(select(ChecklistVersion.id).where(ChecklistVersion.version == 2))
        assert item.checklist_version_id == v2 and item.status == "draft"
        by_key = {c.key: c for c in item.criteria}
        assert by_key["k2"].text == "Mentions aspirin unless allergic"
        # carried: k1 and k3 with r1's answers; k2 is the only answer asked for
        assert item.carried == {by_key["k1"].id, by_key["k3"].id}
        assert item.values == {by_key["k1"].id: "met", by_key["k3"].id: "met"}
        assert [m.kind for m in R.missing_answers(item)] == ["criterion"]
        assert R.missing_answers(item)[0].number == 2
        assert item.overall_score == 3  # carried too, for the rater to confirm
        assert R.queue_statuses(s, r1, [a, b]) == {a: "draft", b: "draft"}
        r3, _ = _ids(s, "r3")
        assert R.load_item(s, r3, a).status == "submitted"  # not asked: still on version 1
        # a rater new to nothing: asking r3 again for nothing reworded since v2 is skipped later
    with store.begin() as s:  # a screen that still shows r1's version-1 rating is refused as stale
        r1, (a, _b) = _ids(s, "r1")
        shown = s.scalar(select(Rating.version).where(Rating.rater_id == r1, Rating.response_id == a,
                                                      Rating.checklist_version_id != v2))
        assert R.stored_version(s, r1, a) == shown + 1
        with pytest.raises(ConflictError, match="changed elsewhere"):
            R.set_comment(s, r1, a, "from the old screen", expected_version=shown)
        # until they submit, the re-rated raters' answers are out of the study-wide figures
        pending = criterion_ratings(s, s.scalar(select(Case.study_id)))
        assert set(pending["rater"]) == {"r3"} and len(pending) == 2 * 3
    with store.begin() as s:
        _rate_all(s, "r1", {"k2": "not_met"})
        _rate_all(s, "r2", {"k2": "not_met", "k3": "not_met"})  # r2 also changes a carried answer
    with store.Session() as s:
        assert _snapshot(s) == before  # the version-1 ratings are as they were
        r2, (a, _b) = _ids(s, "r2")
        item = R.load_item(s, r2, a)
        by_key = {c.key: c for c in item.criteria}
        assert item.status == "submitted" and item.carried == {by_key["k1"].id}  # k3 answered again: not carried
        # one current rating per (rater, answer): every reader agrees on which
        current = set(s.scalars(select(Rating.id).where(is_current())))
        raw = {rid for (rid,) in s.connection().exec_driver_sql(f"SELECT id FROM rating WHERE {CURRENT_RATING}")}
        newest = {s.scalar(newest_first(select(Rating.id).where(Rating.rater_id == rid, Rating.response_id == resp)))
                  for rid in (1, 2, 3) for resp in _ids(s, "r1")[1]}
        assert current == raw == newest and len(current) == 6 and s.scalar(select(Rating.id).where(
            Rating.id.not_in(current)).limit(1)) is not None
        # agreement: r1 and r2 on the new wording (version 2), r3 on version 1; nobody twice
        crit = criterion_ratings(s, s.scalar(select(Case.study_id)))
        assert not crit.duplicated(["response_id", "criterion_key", "rater"]).any()
        k2 = crit[(crit.response_id == a) & (crit.criterion_key == "k2")].set_index("rater")["value"].to_dict()
        assert k2 == {"r1": 0.0, "r2": 0.0, "r3": 0.0}
        k3 = crit[(crit.response_id == a) & (crit.criterion_key == "k3")].set_index("rater")["value"].to_dict()
        assert k3 == {"r1": 1.0, "r2": 0.0, "r3": 1.0}
        # by version: version 1 keeps all three raters' old answers, version 2 has the two re-ratings
        study_id = s.scalar(select(Case.study_id))
        old = {(rater, resp): v for _c, key, ver, resp, rater, v in submitted_values(s, study_id, version=1)
               if key == "k2"}
        new = {(rater, resp): v for _c, key, ver, resp, rater, v in submitted_values(s, study_id, version=2)
               if key == "k2"}
        ids = {name: _ids(s, name)[0] for name in RATERS}
        assert old[(ids["r1"], a)] == "met" and old[(ids["r2"], a)] == "not_met" and len(old) == 6
        assert new == {(ids[r], resp): "not_met" for r in ("r1", "r2") for resp in _ids(s, "r1")[1]}
    # the export keeps every rating, each with its version, and says which is current
    from reviewer.studies.exports import export

    export(store, "ratings", db_path.with_name("ratings.csv"))
    import csv

    with db_path.with_name("ratings.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["criterion_key"] == "k2"]
    assert sorted((r["rater"], r["rated_checklist_version"], r["current"]) for r in rows) == sorted(
        [(r, "1", "False") for r in ("r1", "r2") for _ in "AB"] + [(r, "2", "True") for r in ("r1", "r2") for _ in "AB"]
        + [("r3", "1", "True") for _ in "AB"])
    # asking again: r1 and r2 already rated version 2, r3 is asked now (CLI, JSON)
    assert main(["--db", str(db_path), "checklist", "rerate", "c1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {i["rater"] for i in out["items"]} == {"r3"} and {r for r, *_ in map(dict.values, out["skipped"])} == {
        "r1", "r2"}
    assert all("already rated version 2" in s["why"] for s in out["skipped"])


def test_wording_changes_carry_only_unchanged_text():
    old = [Criterion(id=1, key="a", text="Same ", position=0), Criterion(id=2, key="b", text="Old", position=1)]
    new = [Criterion(id=11, key="a", text="Same", position=1, points=5.0),
           Criterion(id=12, key="b", text="New", position=0), Criterion(id=13, key="c", text="Added", position=2)]
    assert wording_changes(old, new) == (["b", "c"], {11: 1})


def test_rerate_round_trip_through_review_files_and_an_old_return_does_not_overwrite(study, tmp_path: Path):
    store = study
    # pack r1 before the re-rating request: the file holds r1's version-1 ratings
    old_file = tmp_path / "r1-v1.rvw"
    pack_review_file(store, "r1", old_file, actor="coord")
    with store.begin() as s:
        request_rerating(s, ["c1"], raters=["r1"], actor="coord")
    new_file = tmp_path / "r1-v2.rvw"
    pack_review_file(store, "r1", new_file, actor="coord")
    # the rater works on version 2 in the review file: only k2 is asked
    work, _ = open_review_file(new_file)
    with work.begin() as s:
        r1, responses = _ids(s, "r1")
        for resp in responses:
            item = R.load_item(s, r1, resp)
            assert {c.key for c in item.criteria if c.id in item.carried} == {"k1", "k3"}
            assert [m.number for m in R.missing_answers(item)] == [2]
            k2 = next(c.id for c in item.criteria if c.key == "k2")
            R.set_criterion(s, r1, resp, k2, "not_met")
            R.submit(s, r1, resp, actor="r1")
    work.close()
    write_return_file(new_file, tmp_path / "r1-v2.rvr")
    rep = merge_return_files(store, [tmp_path / "r1-v2.rvr"], actor="coord")
    assert len(rep.files[0].updated) == 2 and not rep.conflicts
    with store.Session() as s:
        r1, (a, b) = _ids(s, "r1")
        after_v2 = {resp: (R.load_item(s, r1, resp).status, dict(R.load_item(s, r1, resp).values)) for resp in (a, b)}
        assert all(st == "submitted" and sorted(v.values()) == ["met", "met", "not_met"] for st, v in after_v2.values())
        v1_before = {k: v for k, v in _snapshot(s).items() if k[0] == "r1"}
    # the old pack comes back afterwards, with r1's version-1 answer to k2 changed
    work, _ = open_review_file(old_file)
    with work.begin() as s:
        r1w, (aw, _bw) = _ids(s, "r1")
        item = R.load_item(s, r1w, aw)
        assert item.checklist_version_id is not None and not item.carried
        k2 = next(c.id for c in item.criteria if c.key == "k2")
        R.set_criterion(s, r1w, aw, k2, "not_met", actor="r1")
    work.close()
    write_return_file(old_file, tmp_path / "r1-v1.rvr")
    rep = merge_return_files(store, [tmp_path / "r1-v1.rvr"], actor="coord")
    assert len(rep.files[0].updated) == 1
    assert any("older checklist version" in n for n in rep.files[0].notes)
    with store.Session() as s:
        r1, (a, b) = _ids(s, "r1")
        # the version-2 ratings are exactly as they were
        assert {resp: (R.load_item(s, r1, resp).status, dict(R.load_item(s, r1, resp).values))
                for resp in (a, b)} == after_v2
        v1_after = {k: v for k, v in _snapshot(s).items() if k[0] == "r1"}
        # the version-1 rating took the rater's own edit of it (it describes the old wording)
        assert v1_after[("r1", a, "k2")] == ("not_met", "submitted") and v1_before[("r1", a, "k2")][0] == "met"
        assert {k: v for k, v in v1_after.items() if k != ("r1", a, "k2")} == {
            k: v for k, v in v1_before.items() if k != ("r1", a, "k2")}


def test_a_criterion_removed_by_the_edit_leaves_the_figures_with_the_re_rating(store):
    """The current rating is a whole rating, not a per-criterion newest answer: once r1 re-rated on
    a version without k3, r1's old answer to k3 no longer counts; r3 (not re-rated) still does."""
    from reviewer.checklists.versions import RemoveCriterion

    _build(store)
    with store.begin() as s:
        edit_checklist(s, "c1", author="coord", reason="k3 is not clinical; k2 clearer",
                       edits=[ChangeCriterion(key="k2", text="Mentions aspirin unless allergic"),
                              RemoveCriterion(key="k3")])
        report = request_rerating(s, ["c1"], raters=["r1"], actor="coord")
    assert {(i.asked, i.carried) for i in report.items} == {(("k2",), ("k1",))}
    with store.begin() as s:
        _rate_all(s, "r1", {"k2": "not_met"})
    with store.Session() as s:
        crit = criterion_ratings(s, s.scalar(select(Case.study_id)))
        assert set(crit[crit.criterion_key == "k3"]["rater"]) == {"r2", "r3"}
        assert set(crit[crit.rater == "r1"]["criterion_key"]) == {"k1", "k2"}


def test_export_then_import_brings_each_current_rating_back_on_its_own_version(study, tmp_path: Path):
    """``export ratings`` writes every rating with its version and ``current``; ``import ratings``
    into a database that lost the ratings brings back the current ones, each on the checklist
    version it was made on (r3's on version 1, the re-ratings on version 2), and skips the
    superseded ones with a warning: the agreement data come out the same."""
    from sqlalchemy import delete

    from reviewer.importing.ratings import import_ratings
    from reviewer.studies.exports import export

    store = study
    with store.begin() as s:
        request_rerating(s, ["c1"], raters=["r1"], actor="coord")
    with store.begin() as s:
        _rate_all(s, "r1", {"k2": "not_met"})
    export(store, "ratings", tmp_path / "ratings.jsonl")
    with store.Session() as s:
        before = criterion_ratings(s, s.scalar(select(Case.study_id)))
    with store.begin() as s:
        s.execute(delete(Rating))
    report = import_ratings(store, tmp_path / "ratings.jsonl")
    assert report.created["ratings"] == 6 and any("superseded" in w for w in report.warnings)
    with store.Session() as s:
        versions = dict(s.execute(select(Rater.name, ChecklistVersion.version)
                                  .join(Rating, Rating.rater_id == Rater.id)
                                  .join(ChecklistVersion, ChecklistVersion.id == Rating.checklist_version_id)).all())
        assert versions == {"r1": 2, "r2": 1, "r3": 1}
        after = criterion_ratings(s, s.scalar(select(Case.study_id)))
    key = ["response_uid", "criterion_key", "rater"]
    assert after.sort_values(key).reset_index(drop=True)[[*key, "value"]].equals(
        before.sort_values(key).reset_index(drop=True)[[*key, "value"]])


def test_before_after_says_when_no_judge_graded_the_new_wording(study):
    """No judge run graded version 2 of k2: the before / after figures, their text and the report's
    judges table say so and say how to fix it (re-judge the case)."""
    from reviewer.agreement.service import analyze_study
    from reviewer.checklists.before_after import before_after
    from reviewer.reports.agreement_report import build_agreement_report

    store = study
    with store.begin() as s:
        request_rerating(s, ["c1"], raters=["r1", "r2"], actor="coord")
    with store.begin() as s:
        _rate_all(s, "r1", {"k2": "not_met"})
        _rate_all(s, "r2", {"k2": "not_met"})
    with store.Session() as s:
        ba = before_after(s, "rr", n_boot=50)
    assert [(r.case, r.key) for r in ba.unjudged()] == [("c1", "k2")]
    assert "No judge run graded the newest wording of c1 / k2 yet" in ba.unjudged_note()
    assert ba.unjudged_note() in ba.to_text()
    doc = build_agreement_report(analyze_study(store, n_boot=50))
    notes = {t.name: t.note for t in doc.tables()}
    assert notes["before_after.judges"] == ba.unjudged_note()
