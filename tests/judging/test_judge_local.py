"""Judge runs on a real tiny local model: every template end to end, and the logprob fast path."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from reviewer.generation.backend import SamplingSettings
from reviewer.judging.service import run_judge
from reviewer.judging.templates import get_template
from reviewer.judging.work import build_units, load_snapshot
from reviewer.store.models import JudgeRun, JudgeVerdict
from tests.support.judge import make_study

pytestmark = pytest.mark.models
SHORT = SamplingSettings(temperature=0.0, max_new_tokens=4)
SMALL = {"cases": ("hb-1", "zh-1"), "models": ("model-a",)}  # 2 answers, 5 criteria: keeps CPU tests fast


@pytest.fixture(scope="module")
def tiny_backend(tiny_llama):
    from reviewer.generation.transformers_backend import TransformersBackend

    backend = TransformersBackend(tiny_llama, device="cpu", batch_size=16)
    yield backend
    backend.close()


def _stored(store, run_name: str) -> list[JudgeVerdict]:
    with store.Session() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == run_name))
        return list(s.scalars(select(JudgeVerdict).where(JudgeVerdict.judge_run_id == run.id)))


@pytest.mark.parametrize("template", ["healthbench", "llmeval-med", "prometheus"])
def test_every_template_stores_a_verdict_per_unit(store, tiny_backend, template: str) -> None:
    info = make_study(store, **SMALL)
    summary = run_judge(store, model=str(tiny_backend.model_path), template=template, name=f"tiny-{template}",
                        backend_obj=tiny_backend, settings=SHORT, max_attempts=2)
    assert (info["responses"], info["criteria_units"]) == (2, 5)
    expected = info["criteria_units"] if template == "healthbench" else info["responses"]
    verdicts = _stored(store, f"tiny-{template}")
    assert summary.total == summary.judged == len(verdicts) == expected
    assert summary.ok + summary.failed == expected
    keys = {(v.response_id, v.criterion_id) for v in verdicts}
    assert len(keys) == expected  # one per response x criterion (or per response), none twice
    for v in verdicts:
        assert v.parse_status in ("ok", "failed")
        if v.parse_status == "failed":  # a random model's text: kept raw, with the reason, never guessed
            assert v.met is None and v.score is None and v.attempts == 2 and v.explanation
        elif template == "healthbench":
            assert v.met in (True, False)
        else:
            assert 1 <= v.score <= 5
        assert (v.criterion_id is None) is (template != "healthbench")


def test_logprob_stores_probabilities_for_every_criterion(store, tiny_backend) -> None:
    info = make_study(store, **SMALL)
    summary = run_judge(store, model=str(tiny_backend.model_path), template="healthbench", mode="logprob",
                        name="lp", backend_obj=tiny_backend, threshold=0.5)
    verdicts = _stored(store, "lp")
    assert summary.judged == len(verdicts) == info["criteria_units"]
    for v in verdicts:
        assert 0.0 <= v.probability <= 1.0
        assert v.met is (v.probability >= 0.5)
        assert v.parse_status == "ok" and v.attempts == 1
        assert json.loads(v.raw_output)["p_true"] == pytest.approx(v.probability)
    # the threshold decides the verdict, the probability stays the same
    run_judge(store, model=str(tiny_backend.model_path), template="healthbench", mode="logprob",
              name="lp-all-met", backend_obj=tiny_backend, threshold=0.0)
    again = {(v.response_id, v.criterion_id): v for v in _stored(store, "lp-all-met")}
    for v in verdicts:
        other = again[(v.response_id, v.criterion_id)]
        assert other.met is True and other.probability == pytest.approx(v.probability, abs=1e-6)


def test_prefix_cache_equals_unbatched_forward_passes(store, tiny_backend) -> None:
    from reviewer.judging.logprob import LogprobScorer

    info = make_study(store, **SMALL)
    with store.begin() as s:
        tpl = get_template(s, "healthbench")
        units = build_units(load_snapshot(s, info["study_id"]), tpl.content, "criterion", "logprob")
    scorer = LogprobScorer(tiny_backend.model, tiny_backend.tokenizer, "cpu", max_batch=2)
    groups: dict[int, list] = {}
    for u in units:
        groups.setdefault(u.group, []).append(scorer.encode(u.prompt))
    checked = 0
    for seqs in groups.values():
        cached = scorer.score_group(seqs)  # shared prefix once, suffixes in batches of 2
        plain = [scorer.score_plain(ids) for ids in seqs]
        scorer.prefix_cache = False
        padded = scorer.score_group(seqs)  # one right-padded batch, no cache
        scorer.prefix_cache = True
        for a, b, c in zip(cached, plain, padded, strict=True):
            assert a.p_true == pytest.approx(b.p_true, abs=1e-4)
            assert c.p_true == pytest.approx(b.p_true, abs=1e-4)
            assert a.mass_true == pytest.approx(b.mass_true, abs=1e-4)
            checked += 1
    assert checked == info["criteria_units"]
