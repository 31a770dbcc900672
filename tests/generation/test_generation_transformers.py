"""Real generation with a tiny Llama built in a temp folder, into a real SQLite study."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.errors import InputError, ReviewerError
from reviewer.generation.backend import GenerationRequest, SamplingSettings
from reviewer.generation.service import run_generation
from reviewer.generation.transformers_backend import (
    TransformersBackend,
    load_model_and_tokenizer,
    plain_prompt,
    render_prompt,
)
from reviewer.store.models import Case, GenerationRun, Model, Response
from tests.support.generation import MULTI_TURN, make_cases, response_count

# Skipped (not failed) without the [models] extra; torch is found here, not imported, so collecting
# the suite stays fast (the tests import it when they run).
pytestmark = [pytest.mark.skipif(importlib.util.find_spec("torch") is None
                                 or importlib.util.find_spec("transformers") is None,
                                 reason="needs torch and transformers (the [models] extra)"),
              pytest.mark.usefixtures("one_torch_thread")]
FAST = SamplingSettings(max_new_tokens=6)


@pytest.fixture(scope="module")
def backend(tiny_llama: Path) -> TransformersBackend:
    return TransformersBackend(tiny_llama, device="cpu", batch_size=4)


def _responses(store) -> list[Response]:  # noqa: ANN001
    with store.Session() as s:
        return list(s.scalars(select(Response).order_by(Response.case_id, Response.sample_index)))


def test_run_writes_one_answer_per_case_and_sample(store, tiny_llama: Path) -> None:
    case_ids = make_cases(store, 5)
    seen: list[tuple[int, int]] = []
    summary = run_generation(store, model=str(tiny_llama), samples=2, batch_size=4, device="cpu",
                             settings=SamplingSettings(max_new_tokens=6, temperature=0.8, seed=11),
                             progress=lambda d, t: seen.append((d, t)))
    assert summary.status == "done" and summary.written == 12 and summary.failed == []
    rows = _responses(store)
    assert sorted((r.case_id, r.sample_index) for r in rows) == sorted((c, k) for c in case_ids for k in (0, 1))
    # blind labels A, B per case; seeds seed + sample index; tokens counted; device recorded
    letters: dict[int, list[str]] = {}
    for r in rows:
        letters.setdefault(r.case_id, []).append(r.blind_label)
    assert all(sorted(v) == ["A", "B"] for v in letters.values())
    for r in rows:
        assert r.seed == 11 + r.sample_index
        assert 1 <= r.completion_tokens <= 6 and r.prompt_tokens > 0
        assert r.device == "cpu" and r.latency_ms > 0 and r.settings["temperature"] == 0.8
    assert summary.completion_tokens == sum(r.completion_tokens for r in rows)
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    with store.Session() as s:
        run = s.scalar(select(GenerationRun))
        model = s.get(Model, run.model_id)
        assert run.status == "done" and run.backend == "transformers" and len(run.config_hash) == 64
        assert run.settings["max_new_tokens"] == 6 and run.finished_at is not None
        assert model.kind == "local" and model.path == str(tiny_llama.resolve())
        assert model.revision == run.config_hash[:12]


def test_prompt_tokens_follow_the_chat_template_and_multi_turn_context(store, backend, tiny_llama) -> None:
    make_cases(store, 2)
    run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=FAST, cases="category:Pediatrics")
    rows = _responses(store)
    assert len(rows) == 2  # q0 and the multi-turn case; q1 is Cardiology
    by_len = {r.prompt_tokens for r in rows}
    tok = backend.tokenizer
    expected_mt = len(tok(tok.apply_chat_template(MULTI_TURN, tokenize=False, add_generation_prompt=True),
                          add_special_tokens=False)["input_ids"])
    assert expected_mt in by_len  # the whole conversation is the context
    text, templated = render_prompt(tok, MULTI_TURN)
    assert templated and text.endswith("<|assistant|>\n") and "How old is the child" in text


def test_batched_greedy_equals_one_at_a_time(backend) -> None:
    """Left padding must not change what the model says: batch of 4 vs single prompts."""
    reqs = [GenerationRequest(key=i, messages=[{"role": "user", "content": "dose " * (i * 3 + 1)}])
            for i in range(4)]
    settings = SamplingSettings(max_new_tokens=5)
    batched = {r.key: (r.text, r.completion_tokens) for b in backend.generate(reqs, settings) for r in b}
    model, tok = backend.model, backend.tokenizer
    for req in reqs:
        prompt, _ = render_prompt(tok, req.messages)
        enc = tok(prompt, return_tensors="pt", add_special_tokens=False)
        out = model.generate(**enc, max_new_tokens=5, do_sample=False, pad_token_id=tok.pad_token_id)
        ids = out[0, enc["input_ids"].shape[1]:].tolist()
        if tok.eos_token_id in ids:
            ids = ids[:ids.index(tok.eos_token_id) + 1]
        assert batched[req.key] == (tok.decode(ids, skip_special_tokens=True).strip(), len(ids))


def test_same_seed_same_answers_other_seed_differs(store, backend, tiny_llama) -> None:
    make_cases(store, 3, multi_turn=False)
    hot = SamplingSettings(max_new_tokens=8, temperature=1.5, seed=5)
    run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=hot, name="a")
    run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=hot, name="b")
    run_generation(store, model=str(tiny_llama), backend_obj=backend, name="c",
                   settings=SamplingSettings(max_new_tokens=8, temperature=1.5, seed=6))
    with store.Session() as s:
        texts = {name: [r.text for r in s.scalars(select(Response).join(GenerationRun)
                                                  .where(GenerationRun.name == name).order_by(Response.case_id))]
                 for name in "abc"}
        labels = sorted(r.blind_label for r in s.scalars(select(Response).where(Response.case_id == 1)))
    assert texts["a"] == texts["b"] and texts["a"] != texts["c"]
    assert labels == ["A", "B", "C"]  # three runs answered case 1: three distinct blind labels


def test_cancel_stops_within_one_batch_and_the_run_resumes(store, backend, tiny_llama) -> None:
    make_cases(store, 9, multi_turn=False)
    b = OOMBackend.over(backend, batch_size=2, limit=99)
    stored: list[int] = []
    summary = run_generation(store, model=str(tiny_llama), backend_obj=b, settings=FAST, name="r",
                             progress=lambda d, t: stored.append(d), is_cancelled=lambda: stored[-1] > 0)
    assert summary.status == "cancelled" and summary.written == 2 == response_count(store)
    with store.Session() as s:
        assert s.scalar(select(GenerationRun.status)) == "cancelled"
    again = run_generation(store, model=str(tiny_llama), backend_obj=b, settings=FAST, name="r")
    assert again.status == "done" and again.skipped_existing == 2 and again.written == 7
    pairs = [(r.case_id, r.sample_index) for r in _responses(store)]
    assert len(pairs) == len(set(pairs)) == 9


class OOMBackend(TransformersBackend):
    """Raises the CUDA out-of-memory error for batches larger than *limit* (0: always)."""

    @classmethod
    def over(cls, loaded: TransformersBackend, *, batch_size: int, limit: int) -> OOMBackend:
        """Reuse an already loaded model (loading again costs seconds on a busy machine)."""
        b = cls.__new__(cls)
        b.__dict__.update(loaded.__dict__)
        b.batch_size, b.limit, b.sizes = batch_size, limit, []
        return b

    def _generate_batch(self, prompts, settings, seed):  # noqa: ANN001, ANN202
        self.sizes.append(len(prompts))
        if len(prompts) > self.limit:
            import torch

            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return super()._generate_batch(prompts, settings, seed)


def test_out_of_memory_halves_the_batch(store, backend, tiny_llama) -> None:
    make_cases(store, 6, multi_turn=False)
    b = OOMBackend.over(backend, batch_size=8, limit=2)
    summary = run_generation(store, model=str(tiny_llama), backend_obj=b, settings=FAST)
    assert b.sizes[:3] == [6, 3, 2] and set(b.sizes[3:]) <= {2} and b.batch_size == 2
    assert summary.written == 6 == response_count(store)


def test_out_of_memory_at_batch_size_one_says_what_to_do(store, backend, tiny_llama) -> None:
    make_cases(store, 3, multi_turn=False)
    b = OOMBackend.over(backend, batch_size=4, limit=0)
    with pytest.raises(ReviewerError, match="even with batch size 1.*--max-new-tokens"):
        run_generation(store, model=str(tiny_llama), backend_obj=b, settings=FAST)
    assert b.sizes == [3, 2, 1] and response_count(store) == 0
    with store.Session() as s:
        run = s.scalar(select(GenerationRun))
        assert run.status == "failed" and "out of memory" in run.settings["error"]


def test_folder_that_is_not_a_model(store, tmp_path: Path) -> None:
    make_cases(store, 1)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ReviewerError, match="is not a model folder: it has no config.json"):
        run_generation(store, model=str(tmp_path), settings=FAST)
    with pytest.raises(ReviewerError, match="does not exist"):
        run_generation(store, model=str(tmp_path / "missing"), settings=FAST)
    with store.Session() as s:
        assert s.scalar(select(GenerationRun)) is None  # nothing started, nothing half-written


def test_model_without_tokenizer_and_with_broken_weights(store, tiny_llama, tmp_path: Path) -> None:
    make_cases(store, 1)
    bare = Path(shutil.copytree(tiny_llama, tmp_path / "bare"))
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        (bare / name).unlink(missing_ok=True)
    with pytest.raises(ReviewerError, match="has no tokenizer.*Copy the tokenizer files"):
        run_generation(store, model=str(bare), settings=FAST)
    broken = Path(shutil.copytree(tiny_llama, tmp_path / "broken"))
    (broken / "model.safetensors").write_bytes(b"not weights")
    with pytest.raises(ReviewerError, match=r"could not load the model .*broken"):
        load_model_and_tokenizer(broken, "cpu")
    assert response_count(store) == 0


def test_plain_template_when_the_tokenizer_has_none(tmp_path: Path) -> None:
    from tests.support.tiny_models import build_tiny_llama

    folder = build_tiny_llama(tmp_path / "plain", with_chat_template=False)
    b = TransformersBackend(folder, device="cpu")
    text, templated = render_prompt(b.tokenizer, MULTI_TURN)
    assert not templated and text == plain_prompt(MULTI_TURN)
    assert text.startswith("System: You are") and text.endswith("User: Four years old, 39 degrees. "
                                                                "Which amoxicillin dose?\nAssistant:")
    results = [r for batch in b.generate([GenerationRequest(1, MULTI_TURN)], FAST) for r in batch]
    assert results[0].completion_tokens >= 1


def test_case_selection_by_file_and_bad_ids(store, backend, tiny_llama, tmp_path: Path) -> None:
    make_cases(store, 4)
    ids = tmp_path / "ids.txt"
    ids.write_text("# chosen\nq2\n\nmt\nq2\n")
    summary = run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=FAST,
                             cases=f"file:{ids}")
    assert summary.written == 2
    ids.write_text("q1\nnope\n")
    with pytest.raises(InputError, match=r"ids.txt, line 2: no case with external id or uid 'nope'"):
        run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=FAST, cases=f"file:{ids}",
                       name="other")
    with pytest.raises(InputError, match="no case has a category starting with 'Neuro'"):
        run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=FAST, cases="category:Neuro")


def test_prompt_longer_than_the_context_is_reported_not_generated(store, backend, tiny_llama) -> None:
    make_cases(store, 2, multi_turn=False)
    with store.begin() as s:
        s.add(Case(study_id=1, source="test", external_id="huge",
                   turns=[{"role": "user", "content": "chest pain " * 1500}]))
    summary = run_generation(store, model=str(tiny_llama), backend_obj=backend, settings=FAST)
    assert summary.written == 2 and [f["case"] for f in summary.failed] == ["huge"]
    assert "exceeds the model's context of 2048 tokens" in summary.failed[0]["error"]
    assert response_count(store) == 2
