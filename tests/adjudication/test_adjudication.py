"""Adjudication (issue 18): manual gold decisions, majority with a quorum, the queue, agreement
against gold (checked against scikit-learn), the gold export and the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from reviewer.adjudication.decisions import auto_majority, record_consensus, record_gold
from reviewer.adjudication.export import GOLD_COLUMNS, export_gold, gold_rows
from reviewer.adjudication.queue import adjudication_queue
from reviewer.cli.main import main
from reviewer.errors import InputError
from reviewer.store.models import (
    NA,
    AuditEvent,
    ConsensusScore,
    CriterionRating,
    Evidence,
    GoldLabel,
    Rating,
    Response,
)
from tests.support.refinement import build_small_study


@pytest.fixture
def study(store):  # noqa: ANN001, ANN201
    """The refinement tests' small study (2 cases x 4 answers x 3 criteria, 3 physicians who all
    answer), made to hold one tie and one safety flag:

    * hb-case-r0, hb-2: phys-a met, phys-b not met, phys-c not applicable -> a tie (1 : 1);
    * hb-case-r3, hb-3: phys-c not applicable -> 2 of 2 still agree (n.a. is no vote);
    * med-case-r1: phys-a flagged the answer for safety (its three criteria go to a person).
    """
    ids = build_small_study(store)
    with store.begin() as s:
        def set_value(resp: str, rater: str, key: str, value: str) -> None:
            cr = s.scalar(select(CriterionRating).where(CriterionRating.rating_id == ids["ratings"][(resp, rater)],
                                                        CriterionRating.criterion_id == ids["criteria"][key]))
            cr.value = value

        set_value("hb-case-r0", "phys-c", "hb-2", NA)
        set_value("hb-case-r3", "phys-c", "hb-3", NA)
        s.get(Rating, ids["ratings"][("med-case-r1", "phys-a")]).safety_flag = True
        rating = s.get(Rating, ids["ratings"][("hb-case-r0", "phys-b")])
        rating.comment = "Aspirin only if not allergic."
        s.add(Evidence(rating_id=rating.id, criterion_id=ids["criteria"]["hb-2"], start=0, end=6, quote="Answer"))
        ids["uids"] = dict(s.execute(select(Response.external_id, Response.uid)).all())
    return ids


def test_manual_decision_is_stored_with_reason_and_author_and_audited(store, study):  # noqa: ANN001
    uid = study["uids"]["hb-case-r0"]
    with store.begin() as s:
        d = record_gold(s, "hb-case", uid, "hb-2", "met", reason="Aspirin was offered with the right caveat.",
                        author="dr-lead")
    assert (d.value, d.method, d.author, d.before) == ("met", "manual", "dr-lead", None)
    with store.begin() as s:  # a second decision replaces the first, and the audit log keeps both
        record_gold(s, "hb-case", uid, "hb-2", "not_met", reason="On reflection: no dose given.", author="dr-chief")
    with store.Session() as s:
        gold = s.scalar(select(GoldLabel).where(GoldLabel.response_id == study["responses"]["hb-case-r0"]))
        assert (gold.value, gold.method, gold.author, gold.reason) == (
            "not_met", "manual", "dr-chief", "On reflection: no dose given.")
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "gold.set").order_by(AuditEvent.id)).all()
        assert [e.actor for e in events] == ["dr-lead", "dr-chief"]
        assert events[0].before is None and events[0].after["value"] == "met"
        assert events[1].before["value"] == "met" and events[1].after["value"] == "not_met"
        assert events[1].entity_uid == gold.uid and events[1].after["criterion_key"] == "hb-2"
    with store.begin() as s:
        c = record_consensus(s, "hb-case", uid, 3, reason="Safe but incomplete.", author="dr-lead")
        assert c.value == 3.0
        with pytest.raises(InputError, match="reason"):
            record_gold(s, "hb-case", uid, "hb-1", "met", reason="  ", author="dr-lead")
        with pytest.raises(InputError, match="gold value"):
            record_gold(s, "hb-case", uid, "hb-1", "maybe", reason="x", author="dr-lead")
        with pytest.raises(InputError, match="scale"):
            record_consensus(s, "hb-case", uid, 9, reason="x", author="dr-lead")
    with store.Session() as s:
        assert s.scalar(select(ConsensusScore.method)) == "manual"
        assert s.scalar(select(AuditEvent.actor).where(AuditEvent.action == "gold.score")) == "dr-lead"


def test_majority_with_quorum_2_of_3_fills_what_it_can_and_leaves_ties_and_safety(store, study):  # noqa: ANN001
    with store.begin() as s:  # a person's decision first: the rule must not overwrite it
        record_gold(s, "hb-case", study["uids"]["hb-case-r2"], "hb-1", "not_met", reason="Text says wait.",
                    author="dr-lead")
    with store.begin() as s:
        report = auto_majority(s, 2, author="auto-test")
    # 24 items: 1 manual, 1 tie, 3 on the safety-flagged answer -> 19 filled
    assert (report.filled, report.manual_kept, report.unchanged) == (19, 1, 0)
    assert report.left == {"safety flag": 3, "tie": 1}
    with store.Session() as s:
        golds = {(g.response_id, g.criterion_id): g for g in s.scalars(select(GoldLabel))}
        r, c = study["responses"], study["criteria"]
        manual = golds[(r["hb-case-r2"], c["hb-1"])]
        assert (manual.value, manual.method, manual.author) == ("not_met", "manual", "dr-lead")
        assert (r["hb-case-r0"], c["hb-2"]) not in golds  # the tie
        assert not any(rid == r["med-case-r1"] for rid, _ in golds)  # the safety flag
        assert golds[(r["hb-case-r0"], c["hb-1"])].method == "majority 3 of 3"
        assert golds[(r["hb-case-r0"], c["hb-3"])].method == "majority 3 of 3"
        assert golds[(r["hb-case-r1"], c["hb-2"])].method == "majority 2 of 3"
        two = golds[(r["hb-case-r3"], c["hb-3"])]  # phys-c said n.a.: 2 of the 2 votes
        assert (two.value, two.method, two.author) == ("not_met", "majority 2 of 2", "auto-test")
        assert "quorum 2" in two.reason
        assert s.scalar(select(AuditEvent.after).where(AuditEvent.action == "gold.auto_majority"))["filled"] == 19
        assert s.scalar(select(ConsensusScore.method).limit(1)) == "majority 3 of 3"  # everyone scored 4
    with store.begin() as s:  # again: nothing changes; with quorum 3 the 2-of-3 labels are withdrawn
        again = auto_majority(s, 2, author="auto-test")
        assert (again.filled, again.unchanged) == (0, 19)
        strict = auto_majority(s, 3, author="auto-test")
        assert strict.left["below quorum"] == strict.withdrawn > 0 and strict.manual_kept == 1
        assert len(strict.withdrawn_uids) == strict.withdrawn
    with store.Session() as s:  # the withdrawn labels are named in the audit log
        last = s.scalars(select(AuditEvent).where(AuditEvent.action == "gold.auto_majority")
                         .order_by(AuditEvent.id.desc())).first()
        assert last.after["withdrawn_uids"] == strict.withdrawn_uids and last.after["quorum"] == 3
    with store.begin() as s, pytest.raises(InputError, match="quorum"):
        auto_majority(s, 0, author="x")


def test_queue_ranks_disagreements_as_triage_and_is_blinded(store, study):  # noqa: ANN001
    from reviewer.checklists.triage import triage

    with store.Session() as s:
        items = adjudication_queue(s)
        ranked = triage(s, study["study_id"], all_versions=True, n_boot=0)
    assert items and all(i.why for i in items)
    assert [i.trouble for i in items] == sorted((i.trouble for i in items), reverse=True)
    # the worst item is on Triage's worst criterion
    assert items[0].criterion_key == ranked[0].key == "hb-2"
    tie = next(i for i in items if i.response_uid == study["uids"]["hb-case-r0"] and i.criterion_key == "hb-2")
    by = {a.rater: a for a in tie.answers}
    assert {k: a.value for k, a in by.items()} == {"phys-a": "met", "phys-b": "not_met", "phys-c": "na"}
    assert by["phys-b"].comment == "Aspirin only if not allergic." and by["phys-b"].evidence == ("Answer",)
    assert ("unclear", "Which dose counts as appropriate?") in by["phys-b"].feedback
    safety = [i for i in items if i.response_uid == study["uids"]["med-case-r1"]]
    assert len(safety) == 3 and all("safety flag" in i.why for i in safety)
    text = json.dumps([i.to_dict() for i in items])
    assert "model-a" not in text and "model-b" not in text  # blinded to model names
    with store.begin() as s:
        record_gold(s, "hb-case", tie.response_uid, "hb-2", "met", reason="r", author="a")
    with store.Session() as s:
        assert len(adjudication_queue(s)) == len(items) - 1  # decided items leave the queue
        assert len(adjudication_queue(s, include_decided=True)) == len(items)
        assert len(adjudication_queue(s, limit=2)) == 2


def test_agreement_against_gold_equals_scikit_learn(store, study):  # noqa: ANN001
    sk = pytest.importorskip("sklearn.metrics")
    from reviewer.agreement import analyze_study
    from reviewer.agreement.extract import criterion_ratings, judge_verdicts
    from reviewer.agreement.gold import gold_labels

    empty = analyze_study(store, n_boot=50)
    assert empty.vs_gold == [] and empty.to_dict()["vs_gold"] == []
    with store.begin() as s:
        auto_majority(s, 2, author="auto")
        # a manual decision against the majority, so that no grader is perfect against gold
        record_gold(s, "med-case", study["uids"]["med-case-r3"], "med-1", "not_met", reason="r", author="a")
        record_gold(s, "hb-case", study["uids"]["hb-case-r0"], "hb-2", "na", reason="not applicable", author="a")
    result = analyze_study(store, n_boot=200, seed=1)
    got = {e.get("rater") or "judge:" + e["judge_run"]: e for e in result.to_dict()["vs_gold"]}
    assert set(got) == {"phys-a", "phys-b", "phys-c", "judge:judge-v1"}
    with store.Session() as s:  # the pairs, independently: plain pandas merges of the three reads
        gold = gold_labels(s, study["study_id"]).dropna(subset=["gold"])
        crit = criterion_ratings(s, study["study_id"]).dropna(subset=["value"])
        judge = judge_verdicts(s, study["judge_run_id"])[0].dropna(subset=["met"])
    pairs = {rater: part.merge(gold, on=["response_id", "criterion_key"])[["value", "gold"]].to_numpy()
             for rater, part in crit.groupby("rater")}
    pairs["judge:judge-v1"] = judge.merge(gold, on=["response_id", "criterion_key"])[["met", "gold"]].to_numpy()
    for name, xy in pairs.items():
        y_pred, y_true = xy[:, 0].astype(int), xy[:, 1].astype(int)
        e = got[name]
        assert e["n"] == len(xy) > 0
        assert e["accuracy"]["value"] == pytest.approx(sk.accuracy_score(y_true, y_pred), abs=1e-12)
        assert e["macro_f1"]["value"] == pytest.approx(sk.f1_score(y_true, y_pred, average="macro"), abs=1e-12)
        assert e["cohen_kappa"]["value"] == pytest.approx(sk.cohen_kappa_score(y_true, y_pred), abs=1e-12)
        for stat in ("accuracy", "macro_f1", "cohen_kappa"):
            lo, hi = e[stat]["ci"]
            assert lo <= e[stat]["value"] + 1e-12 and e[stat]["value"] <= hi + 1e-12
    assert "vs_gold" in result.tables()
    # the interval resamples cases: a naive loop over the same draws gives the same accuracy interval
    from reviewer.stats.bootstrap import percentile_ci, resample_indices

    xy = pairs["phys-a"]
    part = crit[crit["rater"] == "phys-a"].merge(gold, on=["response_id", "criterion_key"])
    case_codes = np.unique(part["case_id_x"].astype(str), return_inverse=True)[1]
    agree = (xy[:, 0] == xy[:, 1]).astype(float)
    boot = []
    for idx in np.vstack(list(resample_indices(case_codes.max() + 1, 200, 1))):
        take = np.concatenate([np.flatnonzero(case_codes == k) for k in idx])
        boot.append(agree[take].mean())
    assert got["phys-a"]["accuracy"]["ci"] == pytest.approx(list(percentile_ci(np.array(boot))), abs=1e-12)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_export_gold_round_trips_as_rows(store, study, tmp_path: Path, suffix: str):  # noqa: ANN001
    with store.begin() as s:
        auto_majority(s, 2, author="auto")
        record_gold(s, "hb-case", study["uids"]["hb-case-r0"], "hb-2", "met", reason="=HYPERLINK(\"x\") 胸痛",
                    author="dr-lead")
        record_consensus(s, "hb-case", study["uids"]["hb-case-r0"], 2, reason="weak", author="dr-lead")
    with store.Session() as s:
        expected = [dict(zip(GOLD_COLUMNS, row, strict=True)) for row in gold_rows(s, study["study_id"])]
    out = tmp_path / f"gold{suffix}"
    assert export_gold(store, out, study="small") == len(expected) == 20 + 1 + 7  # labels, the tie decided, scores (not the flagged answer)
    if suffix == ".csv":
        with out.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    elif suffix == ".jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    assert [r["response_uid"] for r in rows] == [e["response_uid"] for e in expected]
    manual = next(r for r in rows if r["method"] == "manual" and r["kind"] == "criterion")
    if suffix == ".csv":  # spreadsheet-safe: a formula is text
        assert manual["reason"] == "'=HYPERLINK(\"x\") 胸痛"
    else:
        assert manual["reason"] == "=HYPERLINK(\"x\") 胸痛"
    for got, want in zip(rows, expected, strict=True):
        for k in ("kind", "case_uid", "criterion_key", "value", "method", "author"):
            assert (got[k] or None) == (want[k] if want[k] is not None else None), k
        if want["kind"] == "overall":
            assert float(got["score"]) == want["score"]
        else:
            assert int(got["checklist_version"]) == want["checklist_version"]
    assert "model-a" not in out.read_bytes().decode("utf-8", "replace")


def test_cli_adjudicate_and_export_gold(store, study, db_path: Path, tmp_path: Path, capsys):  # noqa: ANN001
    store.close()
    db = str(db_path)
    uid = study["uids"]["hb-case-r0"]
    assert main(["adjudicate", "--db", db, "--auto", "majority", "--quorum", "2"]) == 0
    out = capsys.readouterr().out
    assert "filled 20 gold labels" in out and "left to a person: 4 (3 safety flag, 1 tie)" in out
    assert main(["adjudicate", "--db", db, "--list", "--limit", "3"]) == 0
    listed = capsys.readouterr().out
    assert listed.count("response ") == 3 and "model-a" not in listed
    assert main(["adjudicate", "--db", db, "--set", "hb-case", uid, "hb-2", "met", "--reason", "dose given",
                 "--author", "dr-lead"]) == 0
    assert "hb-2 v1: met, by dr-lead" in capsys.readouterr().out
    assert main(["adjudicate", "--db", db, "--list", "--json"]) == 0
    queue = json.loads(capsys.readouterr().out)
    assert all(not (i["response_uid"] == uid and i["criterion_key"] == "hb-2") for i in queue)
    assert main(["export", "gold", "--db", db, "-o", str(tmp_path / "g.csv")]) == 0
    assert "wrote 28 gold rows" in capsys.readouterr().out
    assert main(["export", "gold", "--db", db, "-o", str(tmp_path / "g.jsonl"), "--format", "healthbench"]) == 0
    assert "wrote 2 gold rows" in capsys.readouterr().out
    assert main(["agreement", "--db", db, "--json", "--bootstrap", "50"]) == 0
    assert {e.get("rater") for e in json.loads(capsys.readouterr().out)["vs_gold"]} >= {"phys-a", "phys-b"}
    bad = [
        ["adjudicate", "--db", db, "--set", "hb-case", uid, "hb-2", "maybe", "--reason", "x"],
        ["adjudicate", "--db", db, "--set", "hb-case", uid, "hb-2", "met"],
        ["adjudicate", "--db", db, "--set", "no-such-case", uid, "hb-2", "met", "--reason", "x"],
        ["adjudicate", "--db", db, "--set", "hb-case", uid, "no-such-key", "met", "--reason", "x"],
        ["adjudicate", "--db", db, "--auto", "majority", "--quorum", "0"],
        ["adjudicate", "--db", db, "--score", "hb-case", uid, "high", "--reason", "x"],
        ["adjudicate", "--db", db, "--list", "--limit", "0"],
        ["export", "gold", "--db", db, "-o", str(tmp_path / "g.xlsx")],
        ["export", "cases", "--db", db, "-o", str(tmp_path / "c.csv"), "--format", "healthbench"],
    ]
    for argv in bad:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and err.startswith("reviewer: error: "), (argv, err)


def test_export_gold_healthbench_round_trips_through_import_as_consensus_criteria(store, study, tmp_path: Path,
                                                                                   new_db):  # noqa: ANN001
    from reviewer.importing.healthbench import import_healthbench
    from reviewer.store import open_store
    from reviewer.store.models import Case, ChecklistVersion, Criterion

    with store.begin() as s:
        auto_majority(s, 2, author="auto")
        # hb-3 judged not applicable on every hb-case answer: it did not reach consensus
        for ext in ("hb-case-r0", "hb-case-r1", "hb-case-r2", "hb-case-r3"):
            record_gold(s, "hb-case", study["uids"][ext], "hb-3", "na", reason="not applicable", author="a")
    out = tmp_path / "consensus.jsonl"
    assert export_gold(store, out, fmt="healthbench") == 2
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    hb = next(r for r in records if r["prompt_id"] == "hb-case")
    assert [r["criterion"] for r in hb["rubrics"]] == ["Advises calling emergency services immediately.",
                                                      "Mentions aspirin appropriately."]
    assert [r["points"] for r in hb["rubrics"]] == [10, 5] and hb["rubrics"][0]["tags"] == ["axis:accuracy"]
    assert {g["method"] for g in hb["gold_labels"]} <= {"majority 3 of 3", "majority 2 of 3"}
    other = open_store(new_db(tmp_path / "other.db"))
    try:
        import_healthbench(other, out, study="consensus")
        with other.Session() as s:
            texts = {c.external_id: [k.text for k in s.scalars(
                select(Criterion).join(ChecklistVersion).where(ChecklistVersion.case_id == c.id)
                .order_by(Criterion.position))] for c in s.scalars(select(Case))}
        assert texts["hb-case"] == [r["criterion"] for r in hb["rubrics"]]
        assert texts["med-case"] == [r["criterion"] for r in next(r for r in records
                                                                 if r["prompt_id"] == "med-case")["rubrics"]]
    finally:
        other.close()
