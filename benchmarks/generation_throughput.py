"""Tokens per second: reviewer's batched transformers backend vs one pipeline call per question.

The baseline is the obvious script (and the way LLMEval-Med's own answer script works): one
``transformers.pipeline("text-generation")`` call per question. Both sides use the same loaded
model, the same prompts (LLMEval-Med questions when the shared dataset is there, else synthetic
ones), greedy decoding and ``min_new_tokens == max_new_tokens``, so both produce exactly the same
number of tokens; they run one after the other in the same process. With ``--model PATH`` on a GPU
machine, vLLM (when installed) runs beside them.

    python benchmarks/generation_throughput.py                      # tiny Llama on this CPU
    python benchmarks/generation_throughput.py --model /models/Qwen2.5-0.5B-Instruct --questions 256
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewer.generation.backend import GenerationRequest, SamplingSettings  # noqa: E402

DATASET = REPO.parent / "shared" / "datasets" / "llmeval-med" / "dataset.json"


def questions(n: int, dataset: Path, tokenizer, max_tokens: int) -> tuple[list[str], str]:  # noqa: ANN001
    """*n* first-turn questions of at most *max_tokens* tokens, round-robin over the LLMEval-Med areas."""
    if dataset.is_file():
        data = json.loads(dataset.read_text("utf-8"))
        areas = [[r["problem"] for r in records if r.get("round", 1) == 1 and r.get("problem")
                  and len(tokenizer(r["problem"])["input_ids"]) <= max_tokens]
                 for records in data.values()]
        out: list[str] = []
        i = 0
        while len(out) < n and any(i < len(a) for a in areas):
            out.extend(a[i] for a in areas if i < len(a))
            i += 1
        return out[:n], f"LLMEval-Med first turns of <= {max_tokens} tokens ({dataset})"
    topics = ["chest pain", "fever in a child", "amoxicillin dose", "high blood pressure", "asthma attack"]
    return [f"Question {i}: what should a patient with {topics[i % 5]} do? " + "Details. " * (i % 7)
            for i in range(n)], "synthetic"


def run_pipeline(model, tokenizer, prompts: list[str], max_new: int) -> tuple[float, int]:  # noqa: ANN001
    from transformers import pipeline

    pipe = pipeline("text-generation", model=model, tokenizer=tokenizer)
    kwargs = {"max_new_tokens": max_new, "min_new_tokens": max_new, "do_sample": False,
              "return_full_text": False, "pad_token_id": tokenizer.pad_token_id}
    pipe([{"role": "user", "content": prompts[0]}], **kwargs)  # warm-up
    tokens = 0
    start = time.perf_counter()
    for p in prompts:
        out = pipe([{"role": "user", "content": p}], **kwargs)
        text = out[0]["generated_text"]
        text = text[-1]["content"] if isinstance(text, list) else text
        tokens += max_new  # min_new_tokens == max_new_tokens: every answer is exactly max_new tokens
    return time.perf_counter() - start, tokens


def run_batched(backend, prompts: list[str], max_new: int) -> tuple[float, int]:  # noqa: ANN001
    reqs = [GenerationRequest(key=i, messages=[{"role": "user", "content": p}]) for i, p in enumerate(prompts)]
    settings = SamplingSettings(max_new_tokens=max_new)
    backend.generate_kwargs = {"min_new_tokens": max_new}
    list(backend.generate(reqs[:2], settings))  # warm-up
    start = time.perf_counter()
    tokens = sum(r.completion_tokens for batch in backend.generate(reqs, settings) for r in batch)
    return time.perf_counter() - start, tokens


def run_vllm(model_path: str, prompts: list[str], max_new: int) -> tuple[float, int] | None:
    try:
        import vllm  # noqa: F401
    except ImportError:
        return None
    from reviewer.generation.vllm_backend import VLLMBackend

    backend = VLLMBackend(model_path, chunk_size=len(prompts), gpu_memory_utilization=0.6)
    reqs = [GenerationRequest(key=i, messages=[{"role": "user", "content": p}]) for i, p in enumerate(prompts)]
    settings = SamplingSettings(max_new_tokens=max_new)
    backend.sampling_kwargs = {"min_tokens": max_new}
    list(backend.generate(reqs[:2], settings))
    start = time.perf_counter()
    tokens = sum(r.completion_tokens for batch in backend.generate(reqs, settings) for r in batch)
    return time.perf_counter() - start, tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="model folder (default: a tiny Llama built here)")
    parser.add_argument("--questions", type=int, default=64)
    parser.add_argument("--max-new-tokens", type=int, default=32)
    parser.add_argument("--batch-size", default="auto")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's)")
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--max-prompt-tokens", type=int, default=256,
                        help="skip longer questions (the tiny byte-level tokenizer makes Chinese long)")
    parser.add_argument("--no-vllm", action="store_true")
    args = parser.parse_args()

    import torch
    import transformers

    from reviewer.generation.transformers_backend import TransformersBackend

    if args.threads:
        torch.set_num_threads(args.threads)
    tmp = None
    model_path = args.model
    if model_path is None:
        from tests.support.tiny_models import build_tiny_llama

        tmp = tempfile.TemporaryDirectory()
        model_path = str(build_tiny_llama(Path(tmp.name) / "tiny", hidden_size=256, layers=4))
        label = "tiny random Llama (hidden 256, 4 layers), built locally"
    else:
        label = model_path
    batch = args.batch_size if args.batch_size == "auto" else int(args.batch_size)
    backend = TransformersBackend(model_path, device=args.device, batch_size=batch)
    prompts, source = questions(args.questions, args.dataset, backend.tokenizer, args.max_prompt_tokens)
    device = backend.device
    if device.startswith("cuda"):
        device += f" ({torch.cuda.get_device_name(0)})"
    print(f"model: {label}; dtype {backend.model.dtype}")
    print(f"device: {device}; torch {torch.__version__}, transformers {transformers.__version__}; "
          f"CPU threads {torch.get_num_threads()}")
    print(f"prompts: {len(prompts)} from {source}; greedy, {args.max_new_tokens} new tokens each "
          f"(min_new_tokens = max_new_tokens on every side)")

    base_s, base_tok = run_pipeline(backend.model, backend.tokenizer, prompts, args.max_new_tokens)
    ours_s, ours_tok = run_batched(backend, prompts, args.max_new_tokens)
    rows = [("pipeline, one call per question", base_s, base_tok),
            (f"reviewer transformers backend, batch size {backend.batch_size}", ours_s, ours_tok)]
    if args.model and not args.no_vllm and torch.cuda.is_available():
        backend.close()
        del backend
        torch.cuda.empty_cache()
        got = run_vllm(model_path, prompts, args.max_new_tokens)
        if got is None:
            print("vLLM: not installed, skipped")
        else:
            rows.append(("vLLM in-process (reviewer vllm backend)", *got))
    print(f"{'':<52}{'seconds':>9}{'tokens':>9}{'tokens/s':>11}{'speed-up':>10}")
    for name, secs, toks in rows:
        print(f"{name:<52}{secs:>9.2f}{toks:>9}{toks / secs:>11.1f}{(toks / secs) / (base_tok / base_s):>9.1f}x")
    if ours_tok != base_tok:
        print(f"warning: token counts differ ({ours_tok} vs {base_tok})")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
