"""Judge runs end to end: a real HTTP judge (success, retry, failure paths) and the stored verdicts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reviewer.errors import ConflictError, InputError
from reviewer.generation.backend import SamplingSettings
from reviewer.judging.leaderboard import build_leaderboard
from reviewer.judging.service import run_judge
from reviewer.judging.templates import get_template, save_template_version
from reviewer.store.models import Criterion, JudgeRun, JudgeVerdict, Response
from tests.support.judge import canned_judge_server, expected_met, make_study

FAST = SamplingSettings(temperature=0.0, max_new_tokens=64)


def _verdicts(store, run_name: str) -> list[tuple[JudgeVerdict, Criterion | None, Response]]:
    with store.Session() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == run_name))
        return s.execute(select(JudgeVerdict, Criterion, Response)
                         .outerjoin(Criterion, JudgeVerdict.criterion_id == Criterion.id)
                         .join(Response, JudgeVerdict.response_id == Response.id)
                         .where(JudgeVerdict.judge_run_id == run.id)).all()


def test_healthbench_over_http_parses_retries_and_fails_honestly(store) -> None:
    info = make_study(store)
    progress: list[tuple[int, int]] = []
    with canned_judge_server() as (url, seen):
        summary = run_judge(store, model="canned-judge", template="healthbench", backend="openai", base_url=url,
                            name="hb", settings=FAST, max_attempts=3, progress=lambda d, t: progress.append((d, t)))
    assert summary.total == info["criteria_units"] == 16
    assert summary.judged == 16 and summary.skipped == 0
    assert summary.failed == 2  # the "(broken)" criterion, for both answers of case hb-2
    assert summary.ok == 14
    assert progress[-1] == (16, 16)
    rows = _verdicts(store, "hb")
    assert len(rows) == 16
    for verdict, criterion, response in rows:
        if "(broken)" in criterion.text:
            assert verdict.parse_status == "failed" and verdict.met is None
            assert verdict.attempts == 3
            assert verdict.raw_output == "I am not sure what to say here."
            assert "criteria_met" in verdict.explanation  # the reason, not a guess
        else:
            assert verdict.parse_status == "ok"
            assert verdict.met is expected_met(criterion.text, response.text)
            assert verdict.attempts == (2 if "(flaky)" in criterion.text else 1)
            assert verdict.explanation == "canned"
    assert max(seen.values()) == 3  # the broken prompts were asked exactly max_attempts times
    with store.Session() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == "hb"))
        tpl = get_template(s, "healthbench")
        assert run.status == "done" and run.template_hash == tpl.content_hash and run.template_version == 1
        assert run.judge_model == "canned-judge" and run.backend == "openai"
        assert run.checklist_policy == "latest" and run.settings["max_attempts"] == 3


def test_healthbench_scores_from_stored_verdicts(store) -> None:
    make_study(store)
    with canned_judge_server() as (url, _):
        run_judge(store, model="canned-judge", template="healthbench", backend="openai", base_url=url, name="hb",
                  settings=FAST)
    board = build_leaderboard(store, judge_run="hb", n_boot=200)
    by_model = {r.model: r for r in board.rows}
    # hand-worked: model-a hb-1 (5+3)/8 = 1.0, zh-1 2/2 = 1.0; model-b hb-1 -4/8 = -0.5, zh-1 0/2 = 0
    # hb-2 has a failed verdict for both models: left out, not guessed.
    assert sorted(board.answer_scores.values()) == pytest.approx([-0.5, 0.0, 1.0, 1.0])
    assert by_model["model-a"].score.value == pytest.approx(1.0)
    assert by_model["model-b"].score.value == pytest.approx(0.0)  # mean -0.25, clipped to 0
    assert by_model["model-a"].n_excluded == 1 and by_model["model-b"].n_excluded == 1
    assert board.rows[0].model == "model-a"
    # axis:accuracy for model-b hb-1: (0 - 4) / 5 = -0.8, clipped to 0 as a mean over one answer
    assert board.tags["model-b"]["axis:accuracy"].value == 0.0
    assert board.tags["model-a"]["theme:emergency_referrals"].value == pytest.approx(1.0)


@pytest.mark.parametrize("template, expected", [("llmeval-med", {"model-a": 4, "model-b": 2}),
                                                ("prometheus", {"model-a": 3, "model-b": 3})])
def test_score_templates_over_http(store, template: str, expected: dict[str, int]) -> None:
    info = make_study(store)
    with canned_judge_server() as (url, _):
        summary = run_judge(store, model="canned-judge", template=template, backend="openai", base_url=url,
                            name=template, settings=FAST)
    assert summary.total == info["responses"] == 6 and summary.ok == 6
    rows = _verdicts(store, template)
    assert len(rows) == 6
    assert all(v.criterion_id is None and v.parse_status == "ok" and 1 <= v.score <= 5 for v, _, _ in rows)
    board = build_leaderboard(store, judge_run=template, n_boot=100)
    assert board.metric == "llmeval"
    if template == "llmeval-med":
        # model-b's hb-1 and zh-1 answers say "waiting" -> [2]; its hb-2 answer -> [4]
        b = next(r for r in board.rows if r.model == "model-b")
        assert b.score.value == pytest.approx((2 + 4 + 2) / 3)
        assert b.share_good.value == pytest.approx(1 / 3)
    else:
        assert all(r.score.value == 3 for r in board.rows)


def test_resume_after_cancel_skips_stored_verdicts(store) -> None:
    make_study(store)
    stored = {"n": 0}

    def cancel_after_first_chunk() -> bool:  # the "Cancel" button, pressed once a batch is stored
        return stored["n"] > 0

    with canned_judge_server() as (url, seen):
        first = run_judge(store, model="canned-judge", template="healthbench", backend="openai", base_url=url,
                          name="resumable", settings=FAST, chunk_size=3, is_cancelled=cancel_after_first_chunk,
                          progress=lambda done, total: stored.update(n=done))
        assert first.cancelled and first.status == "cancelled"
        assert 0 < first.judged < 16
        second = run_judge(store, model="canned-judge", template="healthbench", backend="openai", base_url=url,
                           name="resumable", settings=FAST, chunk_size=3)
    assert second.skipped == first.judged
    assert second.judged == 16 - first.judged and second.status == "done"
    with store.Session() as s:
        n = s.scalar(select(func.count()).select_from(JudgeVerdict))
        assert n == 16
    third = run_judge(store, model="canned-judge", template="healthbench", backend="openai",
                      base_url="http://127.0.0.1:9/v1", name="resumable", settings=FAST)
    assert third.judged == 0 and third.skipped == 16  # nothing left: no backend is even built


def test_edited_template_is_a_new_version_and_runs_do_not_mix(store) -> None:
    make_study(store)
    with store.begin() as s:
        v1 = get_template(s, "healthbench")
        v2 = save_template_version(s, "healthbench", v1.content.replace("short string", "one-sentence string"),
                                   author="coordinator", reason="shorter explanations")
        assert (v2.version, v2.parent_id, v2.author) == (2, v1.id, "coordinator")
        assert v2.content_hash != v1.content_hash and "version: 2" in v2.content
        with pytest.raises(InputError):
            save_template_version(s, "healthbench", v2.content, author="coordinator", reason="no change")
    with canned_judge_server() as (url, _):
        summary = run_judge(store, model="canned-judge", template="healthbench@1", backend="openai",
                            base_url=url, name="pinned", settings=FAST)
        assert summary.template_version == 1
        with pytest.raises(ConflictError):  # same run name, different template text
            run_judge(store, model="canned-judge", template="healthbench", backend="openai", base_url=url,
                      name="pinned", settings=FAST)
        latest = run_judge(store, model="canned-judge", template="healthbench", backend="openai", base_url=url,
                           name="latest", settings=FAST)
    assert latest.template_version == 2


def test_logprob_needs_a_criterion_template(store) -> None:
    make_study(store)
    with pytest.raises(InputError, match="per-criterion"):
        run_judge(store, model="x", template="llmeval-med", mode="logprob")


def test_unreachable_endpoint_marks_the_run_failed_and_stores_nothing(store) -> None:
    from reviewer.errors import ReviewerError

    make_study(store, cases=("hb-1",))
    with pytest.raises(ReviewerError, match="cannot reach"):
        run_judge(store, model="canned-judge", template="healthbench", backend="openai",
                  base_url="http://127.0.0.1:9/v1", name="down", settings=FAST, backend_options={"retries": 0})
    with store.Session() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == "down"))
        assert run.status == "failed"
        assert s.scalar(select(func.count()).select_from(JudgeVerdict)) == 0
    with canned_judge_server() as (url, _):  # the same run resumes once the server is up
        summary = run_judge(store, model="canned-judge", template="healthbench", backend="openai",
                            base_url=url, name="down", settings=FAST)
    assert summary.status == "done" and summary.judged == 6
