"""The logprob path reuses the previous answer's prefix cache for the start two answers share.

Every judge prompt starts with the template's rules; answers to one case also share the
conversation. The second group must run only what is new, and still give the probabilities of one
plain pass per prompt.
"""

from __future__ import annotations

import importlib.util

import pytest

pytestmark = [pytest.mark.models,
              pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="needs torch (the [models] extra)"),
              pytest.mark.usefixtures("one_torch_thread")]

RULES = ("You grade a reply against one rubric item. The rubric item is met only when every part is met. "
         "Answer with exactly one word, true or false.\n\n")


def _prompts(answer: str) -> list[str]:
    return [f"{RULES}user: I have chest pain.\nassistant: {answer}\n\n# Rubric item\n{item}\nMet? true or false."
            for item in ("Advises emergency care.", "Mentions aspirin.", "Is overly long.")]


def test_a_second_answer_runs_only_its_own_tokens_and_scores_like_a_plain_pass(tiny_llama) -> None:
    from reviewer.generation.transformers_backend import load_model_and_tokenizer
    from reviewer.judging.logprob import MIN_SHARED, LogprobScorer

    model, tokenizer, device = load_model_and_tokenizer(tiny_llama, "cpu")
    scorer = LogprobScorer(model, tokenizer, device)
    widths: list[int] = []
    hook = model.register_forward_hook(lambda _m, args, kwargs, _out: widths.append(kwargs["input_ids"].shape[1]),
                                       with_kwargs=True)
    try:
        first = [scorer.encode(p) for p in _prompts("Call an ambulance now and chew an aspirin.")]
        second = [scorer.encode(p) for p in _prompts("Rest at home and take an antacid; see a doctor tomorrow.")]
        got = scorer.score_group(first) + scorer.score_group(second)
    finally:
        hook.remove()
    shared = 0
    while first[0][shared] == second[0][shared]:
        shared += 1
    assert shared >= MIN_SHARED
    prefix_two = len(scorer._last[0])  # the second group's shared prefix, run on the first one's cache
    assert widths[2] == prefix_two - shared  # calls: prefix 1, suffixes 1, prefix 2 (only its new part), suffixes 2
    for seq, result in zip(first + second, got, strict=True):
        assert result.p_true == pytest.approx(scorer.score_plain(seq).p_true, abs=1e-5)
