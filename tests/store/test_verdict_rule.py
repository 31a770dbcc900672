"""One rule for a usable judge verdict (reviewer.store.vocabulary.usable_verdict), in every consumer.

The consumers used to disagree: triage and refinement counted the statuses "ok" and "imported",
agreement and the leaderboard counted everything but "failed". For the three statuses the app
writes both rules agree; for any other word (a status from a newer version, a hand-edited row)
the old rules split. Here every status value, and one unknown word, goes through every consumer.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from reviewer.store.models import JudgeRun, JudgeVerdict, Response, Study, utcnow
from reviewer.store.vocabulary import (
    IMPORTED,
    PARSE_FAILED,
    PARSE_STATUSES,
    PARSED,
    USABLE_PARSE_STATUSES,
    usable_verdict,
)
from tests.support.refinement import CASES, build_small_study

UNKNOWN = "pending"  # a word this version does not know
STATUSES = (*PARSE_STATUSES, UNKNOWN)
N_RESPONSES = sum(len(c["ratings"]) for c in CASES)
N_VERDICTS = sum(len(c["ratings"]) * len(c["criteria"]) for c in CASES)


def test_the_rule_itself() -> None:
    assert set(PARSE_STATUSES) == {PARSED, PARSE_FAILED, IMPORTED}
    assert USABLE_PARSE_STATUSES == (PARSED, IMPORTED)
    assert [usable_verdict(s, True) for s in STATUSES] == [True, False, True, False]
    assert not usable_verdict(PARSED, None) and not usable_verdict(None, True)
    assert usable_verdict(IMPORTED, False) and usable_verdict(PARSED, 0.0)  # a "no" is a verdict


def _study(store, status: str) -> None:  # noqa: ANN001
    """The small study; every verdict of judge-v1 gets *status*; run 'scores' holds one whole-answer
    score per response (score 4) with the same status."""
    build_small_study(store)
    with store.begin() as s:
        s.execute(update(JudgeVerdict).values(parse_status=status))
        study_id = s.scalar(select(Study.id))
        run = JudgeRun(study_id=study_id, name="scores", judge_model="hand-made", mode="imported",
                       status="done", finished_at=utcnow())
        s.add(run)
        s.flush()
        for rid in s.scalars(select(Response.id)):
            s.add(JudgeVerdict(judge_run_id=run.id, response_id=rid, criterion_id=None, score=4.0,
                               parse_status=status))


@pytest.mark.parametrize("status", STATUSES)
def test_every_consumer_applies_the_one_rule(store, status: str) -> None:  # noqa: ANN001
    from reviewer.agreement import extract
    from reviewer.agreement.service import analyze_study
    from reviewer.checklists.refinement import graded_version
    from reviewer.checklists.triage import disagreements, triage
    from reviewer.judging.leaderboard import build_leaderboard
    from reviewer.rating.overview import overview
    from reviewer.reports.agreement_report import build_agreement_report
    from reviewer.studies.assignment import priority_scores

    _study(store, status)
    usable = status in USABLE_PARSE_STATUSES
    with store.Session() as s:
        # triage and its drill-down
        row = next(r for r in triage(s, "small", judge_run="judge-v1", n_boot=0) if r.key == "hb-2")
        assert row.n_jr == (4 if usable else 0)
        rep = disagreements(s, "hb-2", "hb-case", judge_run="judge-v1", only_disagreements=False)
        assert [r.judge is not None for r in rep.rows] == [usable] * 4
        # refinement: the versions a run graded come from its usable verdicts only
        assert graded_version(s, "hb-case", "judge-v1") == (1 if usable else None)
        # agreement: the extracted frames
        run_ids = {r.name: r.id for r in s.scalars(select(JudgeRun))}
        crit, _ = extract.judge_verdicts(s, run_ids["judge-v1"])
        assert int(crit["met"].notna().sum()) == (N_VERDICTS if usable else 0)
        _, scores = extract.judge_verdicts(s, run_ids["scores"])
        assert len(scores) == (N_RESPONSES if usable else 0)
        # what a rater sees after submitting
        rid = s.scalar(select(Response.id).order_by(Response.id))
        cols = {c.run: c for c in overview(s, rid, None).judges}
        assert all((v is not None) == usable for v in cols["judge-v1"].verdicts.values())
        assert (cols["scores"].score is not None) == usable
        # assignment priorities from the judge's uncertainty
        study = s.scalar(select(Study))
        assert bool(priority_scores(s, study, "uncertain", "judge-v1")) == usable
    # the agreement service and the report built on it
    # (by default a run without a usable verdict is left out, named once in the summary)
    result = analyze_study(store, "small", n_boot=0)
    assert ("judge-v1" in [j.judge_run for j in result.judges]) == usable
    assert ("judge-v1" in result.skipped_judge_runs) == (not usable)
    doc = build_agreement_report(result)
    assert ("judge run judge-v1: no usable verdicts" in doc.sections[0].text) == (not usable)
    named = analyze_study(store, "small", "judge-v1", n_boot=0)  # asked for by name: analysed
    judge = next(j for j in named.judges if j.judge_run == "judge-v1")
    assert judge.n_items == (N_VERDICTS if usable else 0)
    text = next(sec.text for sec in build_agreement_report(named).sections if "judge-v1" in sec.title)
    assert f"Items compared: {N_VERDICTS if usable else 0}." in text
    # leaderboards: an answer with an unusable verdict is left out and counted
    board = build_leaderboard(store, study="small", judge_run="judge-v1", n_boot=10)
    assert sum(r.n_excluded for r in board.rows) == (0 if usable else N_RESPONSES)
    scored = build_leaderboard(store, study="small", judge_run="scores", n_boot=10)
    assert sum(r.n_excluded for r in scored.rows) == (0 if usable else N_RESPONSES)
