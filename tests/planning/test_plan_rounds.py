"""Two planning rounds through the ordinary review-file flow: plan -> pack -> rate -> return -> merge.

Round 2 holds only answers round 1 did not choose, the rater's second review file (packed with
``new_only``) holds exactly those and nothing of round 1, and the interval after round 2 is narrower than after round 1. Only the public
review-file functions (pack_review_file, open_review_file, write_return_file, merge_return_files)
and the rating service are used, so the test survives a rewrite of their insides.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer import rating as R
from reviewer.errors import InputError, NotFoundError
from reviewer.planning.rounds import plan_report, plan_round, plan_rounds
from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
from reviewer.store import open_store
from reviewer.store.models import Assignment, Criterion, JudgeRun, JudgeVerdict, Rater, Response, Study
from reviewer.studies.lookup import get_study
from tests.support.reviewfiles import build_study

RATERS = ["dr-ana", "dr-ben"]


def _physician_values(store) -> dict[tuple[str, str], str]:
    """(response uid, criterion key) -> a physician's answer that agrees with run-a's verdict with
    the judge's own probability: errors concentrate where the judge is unsure."""
    out = {}
    with store.Session() as s:
        rows = s.execute(select(Response.uid, Criterion.key, JudgeVerdict.met, JudgeVerdict.probability)
                         .join(JudgeVerdict, JudgeVerdict.response_id == Response.id)
                         .join(Criterion, JudgeVerdict.criterion_id == Criterion.id)
                         .join(JudgeRun, JudgeVerdict.judge_run_id == JudgeRun.id)
                         .where(JudgeRun.name == "run-a")).all()
    for uid, key, met, p in rows:
        agree = random.Random(f"{uid}:{key}").random() < max(p, 1 - p)
        out[(uid, key)] = "met" if bool(met) == agree else "not_met"
    return out


def _rate_new(work_store, rater: str, values: dict[tuple[str, str], str]) -> set[str]:
    """Rate every not yet submitted answer of the review file; returns their response uids."""
    done = set()
    with work_store.begin() as s:
        rater_id = s.scalar(select(Rater.id).where(Rater.name == rater))
        study_id = s.scalar(select(Study.id))
        for item in R.work_queue(s, study_id, rater_id):
            if item.status == "submitted":
                continue
            view = R.load_item(s, rater_id, item.response_id)
            for crit in view.criteria:
                R.set_criterion(s, rater_id, item.response_id, crit.id, values[(view.response_uid, crit.key)])
            R.set_overall_score(s, rater_id, item.response_id, 3)
            R.submit(s, rater_id, item.response_id)
            done.add(view.response_uid)
    return done


def _held(work_store) -> set[str]:
    """Response uids a review file's working copy holds."""
    with work_store.Session() as s:
        return set(s.scalars(select(Response.uid)))


def _round_trip(store, tmp: Path, tag: str, values: dict[tuple[str, str], str], *, new_only: bool = False
                ) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Pack, rate and return every rater's file, then merge all returns; per rater, the response
    uids each file held and those rated in it."""
    held, rated, returns = {}, {}, []
    for name in RATERS:
        rvw = tmp / f"{name}-{tag}.rvw"
        pack_review_file(store, name, rvw, actor="coord", new_only=new_only)
        work, _manifest = open_review_file(rvw)
        held[name] = _held(work)
        rated[name] = _rate_new(work, name, values)
        work.close()
        returns.append(tmp / f"{name}-{tag}.rvr")
        write_return_file(rvw, returns[-1])
    merge_return_files(store, returns, actor="coord")
    return held, rated


def _round_items(store, plan: str, k: int) -> dict[str, set[str]]:
    """Response uids of plan round *k*, per rater, from the stored assignments."""
    with store.Session() as s:
        design = plan_rounds(s, get_study(s, None), plan)[k - 1]
        rows = s.execute(select(Rater.name, Response.uid).join(Assignment, Assignment.rater_id == Rater.id)
                         .join(Response, Assignment.response_id == Response.id)
                         .where(Assignment.design_id == design.id)).all()
    out: dict[str, set[str]] = {name: set() for name in RATERS}
    for name, uid in rows:
        out[name].add(uid)
    return out


def _plan(store, **kw):  # noqa: ANN003, ANN202
    with store.begin() as s:
        return plan_round(s, get_study(s, None), ["run-a"], statistic="agreement_rate", target_width=0.01,
                          batch=15, n_boot=2000, **kw)


def test_two_rounds_through_pack_return_merge(tmp_path: Path, fresh_db: Path) -> None:
    store = open_store(fresh_db)
    build_study(store, n_cases=30, judge=True)  # 60 answers, run-a unsure to sure in five steps
    values = _physician_values(store)

    first = _plan(store, raters=RATERS)
    assert first.status == "proposed" and first.new_round == 1 and len(first.new_items) == 15
    assert [s["size"] for s in first.strata] == [12] * 5
    assert all(s["chosen"] >= 2 for s in first.strata)  # every stratum seen from round 1
    round1 = _round_items(store, "run-a", 1)
    assert sum(map(len, round1.values())) == 15
    held1, rated1 = _round_trip(store, tmp_path, "r1", values)
    assert held1 == rated1 == round1  # each file held exactly that rater's round-1 answers

    second = _plan(store)  # raters remembered from round 1
    assert second.new_round == 2 and len(second.new_items) == 15
    round2 = _round_items(store, "run-a", 2)
    all1, all2 = set().union(*round1.values()), set().union(*round2.values())
    assert len(all2) == 15 and not all1 & all2  # round 2 holds only new answers
    held2, rated2 = _round_trip(store, tmp_path, "r2", values, new_only=True)
    assert held2 == rated2 == round2  # round 2 packs only the new answers: none of round 1 travels again

    with store.begin() as s:
        report = plan_report(s, get_study(s, None), "run-a")
    assert report.status == "open" and report.pending == 0
    r1, r2 = report.rounds
    assert (r1.chosen, r1.rated, r2.chosen, r2.rated) == (15, 15, 30, 30)
    assert r1.width is not None and r2.width is not None
    assert r2.width < r1.width  # the interval narrows
    assert r2.ci[0] <= r2.value <= r2.ci[1]
    truth = sum(v == "met" for v in values.values()) / len(values)  # run-a says met everywhere
    assert abs(r2.value - truth) < 0.2
    with store.Session() as s:  # nothing else was assigned
        assert len(s.scalars(select(Assignment)).all()) == 30
    store.close()


def test_a_plan_stops_at_its_budget_and_refuses_bad_input(fresh_db: Path) -> None:
    store = open_store(fresh_db)
    build_study(store, n_cases=10, judge=True)
    first = _plan(store, raters=RATERS, budget=15)
    assert len(first.new_items) == 15
    again = _plan(store, budget=15)
    assert again.status == "budget_spent" and not again.new_items
    assert [r.chosen for r in again.rounds] == [15] and again.pending == 15
    with pytest.raises(InputError, match="unknown statistic"), store.begin() as s:
        plan_round(s, get_study(s, None), ["run-a"], statistic="alpha", target_width=0.1)
    with pytest.raises(InputError, match="made with judge runs run-a by uncertain"), store.begin() as s:
        plan_round(s, get_study(s, None), ["run-a"], statistic="agreement_rate", target_width=0.1,
                   by="disagreement")
    with pytest.raises(NotFoundError, match="no judge run named 'nope'"), store.begin() as s:
        plan_round(s, get_study(s, None), ["nope"], statistic="agreement_rate", target_width=0.1)
    with pytest.raises(InputError, match="name the raters"), store.begin() as s:
        plan_round(s, get_study(s, None), ["run-a"], statistic="agreement_rate", target_width=0.1, plan="fresh")
    with store.Session() as s:  # the refused calls left nothing behind
        assert len(plan_rounds(s, get_study(s, None), "run-a")) == 1
        assert plan_rounds(s, get_study(s, None), "fresh") == []
    store.close()


def test_a_judge_whose_probabilities_do_not_show_its_errors_is_named(fresh_db: Path) -> None:
    store = open_store(fresh_db)
    build_study(store, n_cases=30, judge=True)
    report = _plan(store, raters=["dr-ana"], budget=60)
    assert len(report.new_items) == 15
    for _ in range(3):
        _plan(store)
    with store.begin() as s:  # physicians who agree with run-a's "met" only half the time, sure or not
        rater_id = s.scalar(select(Rater.id).where(Rater.name == "dr-ana"))
        study_id = s.scalar(select(Study.id))
        for item in R.work_queue(s, study_id, rater_id):
            view = R.load_item(s, rater_id, item.response_id)
            for crit in view.criteria:
                coin = random.Random(f"{view.response_uid}:{crit.key}").random() < 0.5
                R.set_criterion(s, rater_id, item.response_id, crit.id, "met" if coin else "not_met")
            R.set_overall_score(s, rater_id, item.response_id, 3)
            R.submit(s, rater_id, item.response_id)
    with store.begin() as s:
        final = plan_report(s, get_study(s, None), "run-a")
    assert final.status == "budget_spent" and [r.chosen for r in final.rounds] == [15, 30, 45, 60]
    sure = final.strata[0]
    assert sure["rated"] == 12 and sure["judge_error"] == pytest.approx(0.05)
    assert sure["observed_disagreement"] > 0.3
    assert final.strata[-1]["observed_disagreement"] < 2 * sure["observed_disagreement"]
    assert len(final.warnings) == 1 and "where it is surest (stratum 0)" in final.warnings[0]
    assert "new rounds use proportional allocation" in "\n".join(final.lines())
    store.close()
