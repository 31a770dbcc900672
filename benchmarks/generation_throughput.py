"""Tokens per second: reviewer's batched backend against a plain batched ``model.generate`` and ``pipeline()``.

One process, one loaded model, the same prompts (LLMEval-Med questions in Chinese and the
HealthBench-format sample prompts, rendered with the model's chat template), greedy decoding and
``min_new_tokens == max_new_tokens`` everywhere, so every side writes exactly the same number of
tokens. The contestants run interleaved, in a new order each repetition (the machine may be shared:
a slow minute then hurts every side alike); the table gives the median of each and the median of
the per-repetition ratios:

- ``backend``: ``TransformersBackend.generate`` (prompt rendering, length sort, batching, decoding);
- ``service``: ``run_generation`` into a temporary SQLite study, i.e. ``reviewer generate`` without
  the model loading (adds the case reads and one transaction per batch);
- ``plain``: the obvious batched call: left-padded prompts, one ``model.generate`` per batch;
- ``pipeline``: one ``pipeline("text-generation")`` call per question (LLMEval-Med's own script).

    python benchmarks/generation_throughput.py --model smollm2            # the test fixture's SmolLM2
    python benchmarks/generation_throughput.py --model ~/models/x.gguf    # any GGUF file or model folder
    python benchmarks/generation_throughput.py                            # a tiny random Llama
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewer.generation.backend import GenerationRequest, SamplingSettings  # noqa: E402

CONTESTANTS = ("backend", "service", "plain", "pipeline")


def conversations(n: int, max_chars: int = 60) -> tuple[list[list[dict[str, str]]], str]:
    """*n* conversations: LLMEval-Med questions (of at most *max_chars* characters) and the
    HealthBench sample prompts, alternating."""
    from tests.support.smollm2 import healthbench_prompts, llmeval_questions

    zh = [[{"role": "user", "content": q}] for _, q in llmeval_questions(n, max_chars)]
    en = [turns for _, turns in healthbench_prompts()]
    out = []
    while len(out) < n and (zh or en):
        for pool in (zh, en):
            if pool and len(out) < n:
                out.append(pool.pop(0))
    return out, "LLMEval-Med (Chinese) and HealthBench-format sample prompts, alternating"


def run_backend(backend, convs, settings) -> int:  # noqa: ANN001
    reqs = [GenerationRequest(key=i, messages=c) for i, c in enumerate(convs)]
    return sum(r.completion_tokens for batch in backend.generate(reqs, settings) for r in batch)


class ServiceRunner:
    """``run_generation`` on a study of the same conversations, a new run name each time."""

    def __init__(self, convs) -> None:  # noqa: ANN001
        from reviewer.store import open_store
        from reviewer.store.models import Case
        from reviewer.studies.lookup import create_study

        self.tmp = tempfile.TemporaryDirectory()
        self.store = open_store(Path(self.tmp.name) / "bench.db")
        with self.store.begin() as s:
            st = create_study(s, "bench")
            s.add_all(Case(study_id=st.id, source="bench", external_id=f"q{i}", turns=c) for i, c in enumerate(convs))
        self.runs = 0

    def __call__(self, backend, settings) -> int:  # noqa: ANN001
        from reviewer.generation.service import run_generation

        self.runs += 1
        summary = run_generation(self.store, model=backend.model_path, settings=settings, backend_obj=backend,
                                 name=f"bench-{self.runs}")
        assert not summary.failed, summary.failed
        return summary.completion_tokens

    def close(self) -> None:
        self.store.close()
        self.tmp.cleanup()


def run_plain(model, tokenizer, convs, max_new: int, batch_size: int) -> int:  # noqa: ANN001
    """The obvious batched call: chat template, left padding, ``model.generate`` per batch."""
    import torch

    texts = [tokenizer.apply_chat_template(c, tokenize=False, add_generation_prompt=True) for c in convs]
    tokens = 0
    for start in range(0, len(texts), batch_size):
        enc = tokenizer(texts[start:start + batch_size], return_tensors="pt", padding=True,
                        add_special_tokens=False).to(model.device)
        with torch.no_grad():
            out = model.generate(**enc, max_new_tokens=max_new, min_new_tokens=max_new, do_sample=False,
                                 pad_token_id=tokenizer.pad_token_id)
        tokens += int(out[:, enc["input_ids"].shape[1]:].numel())
    return tokens


def run_pipeline(pipe, tokenizer, convs, max_new: int) -> int:  # noqa: ANN001
    kwargs = {"max_new_tokens": max_new, "min_new_tokens": max_new, "do_sample": False,
              "return_full_text": False, "pad_token_id": tokenizer.pad_token_id}
    tokens = 0
    for c in convs:
        pipe(c, **kwargs)
        tokens += max_new  # min_new_tokens == max_new_tokens: every answer is exactly max_new tokens
    return tokens


def resolve_model(name: str | None, tmp: Path) -> tuple[str, str]:
    """(path, label): ``smollm2`` is the test fixture's converted folder (``smollm2-gguf`` its GGUF file)."""
    if name in ("smollm2", "smollm2-gguf"):
        from tests.support.smollm2 import smollm2_files

        files = smollm2_files()
        path = files.gguf if name == "smollm2-gguf" else files.folder
        return str(path), f"SmolLM2-135M-Instruct (Q4_1 GGUF, de-quantised to fp32): {path}"
    if name is None:
        from tests.support.tiny_models import build_tiny_llama

        return str(build_tiny_llama(tmp / "tiny", hidden_size=256, layers=4)), "tiny random Llama (hidden 256, 4 layers)"
    return name, name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="smollm2 | smollm2-gguf | a model folder or .gguf file "
                        "(default: a tiny random Llama built here)")
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--max-new-tokens", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=None, help="default: all questions in one batch")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-question-chars", type=int, default=60,
                        help="LLMEval-Med questions up to this long (Chinese takes 2-3 SmolLM2 tokens a character)")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: the backend's)")
    parser.add_argument("--skip", default="", help="comma-separated contestants to leave out, e.g. pipeline")
    args = parser.parse_args()

    import torch
    import transformers
    from transformers import pipeline

    from reviewer.generation.transformers_backend import TransformersBackend

    tmp = tempfile.TemporaryDirectory()
    model_path, label = resolve_model(args.model, Path(tmp.name))
    convs, source = conversations(args.questions, args.max_question_chars)
    batch = args.batch_size or len(convs)
    backend = TransformersBackend(model_path, device=args.device, batch_size=batch)
    if args.threads:
        torch.set_num_threads(args.threads)
    model, tokenizer = backend.model, backend.tokenizer
    settings = SamplingSettings(max_new_tokens=args.max_new_tokens)
    backend.generate_kwargs = {"min_new_tokens": args.max_new_tokens}
    service = ServiceRunner(convs)
    pipe = pipeline("text-generation", model=model, tokenizer=tokenizer)
    runners = {
        "backend": lambda: run_backend(backend, convs, settings),
        "service": lambda: service(backend, settings),
        "plain": lambda: run_plain(model, tokenizer, convs, args.max_new_tokens, batch),
        "pipeline": lambda: run_pipeline(pipe, tokenizer, convs, args.max_new_tokens),
    }
    names = [n for n in CONTESTANTS if n not in set(args.skip.split(","))]
    print(f"model: {label}; dtype {model.dtype}")
    print(f"device: {backend.device}; torch {torch.__version__}, transformers {transformers.__version__}; "
          f"CPU threads {torch.get_num_threads()} of {os.cpu_count()} cores; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"prompts: {len(convs)} ({source}); batch size {batch}; greedy, {args.max_new_tokens} new tokens "
          f"each; {args.repeats} repetitions, interleaved in a shuffled order")
    warm = convs[:2]  # warm-up: first calls pay one-off costs (kernels, allocator, template compile)
    run_backend(backend, warm, settings)
    run_plain(model, tokenizer, warm, args.max_new_tokens, batch)
    run_pipeline(pipe, tokenizer, warm[:1], args.max_new_tokens)
    rates: dict[str, list[float]] = {n: [] for n in names}  # tokens per wall-clock second
    cpu_rates: dict[str, list[float]] = {n: [] for n in names}  # tokens per CPU second of this process
    tokens: dict[str, int] = {}
    order_rng = random.Random(0)
    for rep in range(args.repeats):
        order = names[:]
        order_rng.shuffle(order)
        for name in order:
            start, cpu = time.perf_counter(), time.process_time()
            tokens[name] = runners[name]()
            rates[name].append(tokens[name] / (time.perf_counter() - start))
            cpu_rates[name].append(tokens[name] / (time.process_time() - cpu))
        print(f"  repetition {rep + 1}: " + ", ".join(f"{n} {rates[n][-1]:.1f} ({cpu_rates[n][-1]:.1f} per CPU s)"
                                                      for n in names) + " tokens/s", flush=True)
    print(f"{'':<12}{'tokens':>8}{'median tokens/s':>17}{'min':>8}{'max':>8}{'median tokens/CPU s':>21}")
    for name in names:
        print(f"{name:<12}{tokens[name]:>8}{statistics.median(rates[name]):>17.1f}{min(rates[name]):>8.1f}"
              f"{max(rates[name]):>8.1f}{statistics.median(cpu_rates[name]):>21.1f}")
    for num, den in (("backend", "plain"), ("service", "plain"), ("backend", "pipeline")):
        if num in rates and den in rates:
            ratios = [a / b for a, b in zip(rates[num], rates[den], strict=True)]
            cpu_ratios = [a / b for a, b in zip(cpu_rates[num], cpu_rates[den], strict=True)]
            print(f"ratio {num} / {den}: median {statistics.median(ratios):.3f} wall-clock "
                  f"(per repetition {', '.join(f'{r:.2f}' for r in ratios)}); "
                  f"{statistics.median(cpu_ratios):.3f} per CPU second")
    if len(set(tokens.values())) > 1:
        print(f"warning: token counts differ: {tokens}")
    service.close()
    backend.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
