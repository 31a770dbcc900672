"""A real instruct model end to end: SmolLM2-135M-Instruct from its GGUF file, through ``reviewer generate``.

Chinese LLMEval-Med questions and the English HealthBench-format sample prompts go through the
model's own chat template and tokenizer; every answer must be non-empty and in the prompt's
language. The model comes from the ``smollm2`` fixture (downloaded once per machine; skipped with
the reason where that is impossible).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.generation.backend import GenerationRequest, SamplingSettings
from reviewer.store.models import Case, Model, Response
from reviewer.studies.lookup import create_study
from tests.support.smollm2 import has_cjk, healthbench_prompts, is_english, llmeval_questions

pytestmark = [pytest.mark.models, pytest.mark.slow, pytest.mark.usefixtures("one_torch_thread")]
NEW_TOKENS = 24


def _cases(store) -> dict[str, str]:  # noqa: ANN001
    """Five LLMEval-Med questions and the HealthBench sample prompts; case id -> language."""
    with store.begin() as s:
        st = create_study(s, "smol")
        rows = [Case(study_id=st.id, source="llmeval-med", external_id=key,
                     turns=[{"role": "user", "content": q}]) for key, q in llmeval_questions(5)]
        rows += [Case(study_id=st.id, source="healthbench", external_id=key, turns=turns)
                 for key, turns in healthbench_prompts()]
        s.add_all(rows)
    return {r.external_id: ("zh" if r.source == "llmeval-med" else "en") for r in rows}


def test_generate_from_the_gguf_file_answers_in_the_prompts_language(store, db_path: Path, smollm2, capsys) -> None:
    from reviewer.cli.main import main

    languages = _cases(store)
    assert list(languages.values()).count("zh") == 5 and list(languages.values()).count("en") == 4
    code = main(["--db", str(db_path), "generate", "--model", str(smollm2.gguf), "--device", "cpu",
                 "--max-new-tokens", str(NEW_TOKENS), "--json", "--quiet"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["failed"] == [] and summary["written"] == len(languages) == 9
    assert summary["model"] == "SmolLM2-135M-Instruct.Q4_1"
    with store.Session() as s:
        model = s.scalar(select(Model))
        answers = {case.external_id: r for r, case in s.execute(select(Response, Case).join(Case))}
    assert model.path == str(smollm2.gguf.resolve()) and model.kind == "local" and model.revision
    for key, language in languages.items():
        text = answers[key].text
        assert text.strip(), key
        assert 0 < answers[key].completion_tokens <= NEW_TOKENS
        if language == "zh":
            assert has_cjk(text), (key, text)
        else:
            assert is_english(text), (key, text)
    # the chat template was used: the model answers, it does not continue the user's text
    assert "<|im_start|>" not in "".join(r.text for r in answers.values())

    # the fixture's converted folder is the same model: the same batch gives the same greedy answers
    from reviewer.generation.transformers_backend import TransformersBackend

    with store.Session() as s:
        requests = [GenerationRequest(key=c.external_id, messages=c.turns) for c in s.scalars(select(Case))]
    backend = TransformersBackend(smollm2.folder, device="cpu")
    try:
        assert "<|im_start|>" in backend.tokenizer.chat_template
        again = {r.key: r.text for batch in backend.generate(requests, SamplingSettings(max_new_tokens=NEW_TOKENS))
                 for r in batch}
    finally:
        backend.close()
    assert again == {key: r.text for key, r in answers.items()}
