"""The judge on a real instruct model (SmolLM2-135M-Instruct): generate-and-parse and the logprob path.

The study is the HealthBench-format sample with four hand-graded answers
(``tests/support/smollm2.py``); one answer's five criteria keep the CPU time small (the benchmark
``benchmarks/judge_throughput.py --model smollm2`` runs all 20 and prints the agreement). A model
this small often writes JSON that is not a verdict: such output must be stored as failed with its
raw text, never guessed.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from reviewer.generation.backend import SamplingSettings
from reviewer.judging.logprob import LogprobScorer
from reviewer.judging.service import run_judge
from reviewer.judging.templates import get_template
from reviewer.judging.work import build_units, load_snapshot
from reviewer.store.models import JudgeRun, JudgeVerdict, Response
from tests.support.smollm2 import build_judge_study

pytestmark = [pytest.mark.models, pytest.mark.slow, pytest.mark.usefixtures("one_torch_thread")]


@pytest.fixture(scope="module")
def smol_backend(smollm2):
    from reviewer.generation.transformers_backend import TransformersBackend

    backend = TransformersBackend(smollm2.folder, device="cpu", batch_size=8)
    yield backend
    backend.close()


def _one_answer(store) -> tuple[dict[tuple[int, int], bool], list[int]]:  # noqa: ANN001
    labels = build_judge_study(store)
    with store.Session() as s:
        rid = s.scalar(select(Response.id).where(Response.external_id == "chest-good"))
    return {k: v for k, v in labels.items() if k[0] == rid}, [rid]


def _verdicts(store, name: str) -> list[JudgeVerdict]:  # noqa: ANN001
    with store.Session() as s:
        run_id = s.scalar(select(JudgeRun.id).where(JudgeRun.name == name))
        return list(s.scalars(select(JudgeVerdict).where(JudgeVerdict.judge_run_id == run_id)))


def test_generate_mode_parses_real_output_and_stores_failures_as_failed(store, smol_backend) -> None:
    labels, responses = _one_answer(store)
    summary = run_judge(store, model="smollm2", template="healthbench", mode="generate", name="gen",
                        backend_obj=smol_backend, responses=responses, max_attempts=1,
                        settings=SamplingSettings(max_new_tokens=48))
    verdicts = _verdicts(store, "gen")
    assert summary.judged == len(verdicts) == len(labels) == 5
    assert summary.ok + summary.failed == 5
    print(f"\nSmolLM2 generate mode: {summary.failed} of 5 verdicts unreadable "
          f"(parse-failure rate {summary.failed / 5:.0%})")
    for v in verdicts:
        assert (v.response_id, v.criterion_id) in labels
        assert v.raw_output.strip()  # the model's own words are kept either way
        if v.parse_status == "ok":
            assert v.met in (True, False)  # the explanation may be empty: it is the model's own
            assert '"criteria_met"' in v.raw_output  # parsed from what the model wrote
        else:
            assert v.parse_status == "failed" and v.met is None and v.explanation  # the reason


def test_logprob_mode_reads_true_false_off_a_real_tokenizer(store, smol_backend) -> None:
    labels, responses = _one_answer(store)
    summary = run_judge(store, model="smollm2", template="healthbench", mode="logprob", name="lp",
                        backend_obj=smol_backend, responses=responses)
    verdicts = _verdicts(store, "lp")
    assert summary.ok == summary.judged == len(verdicts) == 5 and summary.failed == 0
    for v in verdicts:
        raw = json.loads(v.raw_output)
        assert 0.0 <= v.probability <= 1.0 and v.met == (v.probability >= 0.5)
        # the model does see a true/false question there: most of its next-token mass is on the answer words
        assert raw["mass_true"] + raw["mass_false"] > 0.3, raw

    # the shared-prefix cache gives the same probabilities as one plain pass per prompt, on a real model
    scorer = LogprobScorer(smol_backend.model, smol_backend.tokenizer, "cpu")
    with store.Session() as s:
        tpl = get_template(s, "healthbench")
        units = build_units(load_snapshot(s, _study_id(s), responses), tpl.content,
                            tpl.kind, "logprob")
    seqs = [scorer.encode(u.prompt) for u in units]
    assert len({tuple(q[:200]) for q in seqs}) == 1  # the five prompts share a long prefix
    grouped = scorer.score_group(seqs)
    for seq, got in zip(seqs, grouped, strict=True):
        assert got.p_true == pytest.approx(scorer.score_plain(seq).p_true, abs=1e-4)
    stored = {v.criterion_id: v.probability for v in verdicts}
    assert sorted(stored.values()) == pytest.approx(sorted(g.p_true for g in grouped), abs=1e-6)


def _study_id(session) -> int:  # noqa: ANN001
    from reviewer.store.models import Study

    return session.scalar(select(Study.id))
