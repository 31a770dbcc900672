"""Batched generation with Hugging Face transformers: any local causal LM folder or cached hub id.

Why batching matters: one ``pipeline("text-generation")`` call per question leaves the GPU (and
even a CPU) mostly idle; here prompts are sorted by length, left-padded and generated many at a
time. On CUDA an out-of-memory batch is split in halves and retried instead of ending the run.
torch and transformers are imported inside the functions, never at module import.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.generation.backend import (
    CancelCheck,
    GenerationRequest,
    GenerationResult,
    Message,
    ProgressCallback,
    SamplingSettings,
)

PLAIN_ROLES = {"user": "User", "assistant": "Assistant", "system": "System"}
# Files that make a folder hold a usable tokenizer (any one of them).
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json", "vocab.txt", "spiece.model",
                   "sentencepiece.bpe.model", "tiktoken.model")
AUTO_BATCH = {"cuda": 32, "mps": 16, "cpu": 16}


def resolve_device(device: str | None = "auto") -> str:
    """``auto`` → ``cuda`` when available, else ``mps``, else ``cpu``; anything else is kept."""
    import torch

    if device and device != "auto":
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise ReviewerError(f"device {device!r} asked for, but torch sees no CUDA GPU here; "
                                "use --device cpu (or auto), or install a CUDA build of torch")
        return device
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def _default_dtype(device: str) -> Any:
    import torch

    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.startswith("mps"):
        return torch.float16
    return torch.float32


def _as_dtype(dtype: Any) -> Any:
    import torch

    if dtype is None or not isinstance(dtype, str):
        return dtype
    names = {"bf16": "bfloat16", "bfloat16": "bfloat16", "fp16": "float16", "float16": "float16",
             "half": "float16", "fp32": "float32", "float32": "float32", "float": "float32"}
    if dtype == "auto":
        return "auto"
    if dtype not in names:
        raise ReviewerError(f"unknown dtype {dtype!r}: use one of bf16, fp16, fp32 or auto")
    return getattr(torch, names[dtype])


def check_model_folder(path: Path) -> None:
    """Raise a ReviewerError saying what is missing when *path* is not a usable model folder."""
    if not path.is_dir():
        raise ReviewerError(f"model folder {path} does not exist; give the folder that holds "
                            "config.json and the weights, or a hub id already downloaded")
    if not (path / "config.json").is_file():
        raise ReviewerError(f"{path} is not a model folder: it has no config.json. Point --model at "
                            "the folder that holds config.json, the weights (*.safetensors) and the "
                            "tokenizer files (e.g. a Hugging Face snapshot folder)")
    if not any((path / name).is_file() for name in TOKENIZER_FILES):
        raise ReviewerError(f"model folder {path} has no tokenizer (none of {', '.join(TOKENIZER_FILES)}). "
                            "Copy the tokenizer files of the same model into that folder "
                            "(tokenizer.json, tokenizer_config.json, special_tokens_map.json)")


def load_model_and_tokenizer(model_path: str | Path, device: str = "auto", dtype: Any = None,
                             gguf_file: str | None = None) -> tuple[Any, Any, str]:
    """Load a causal LM and its tokenizer for batched generation: ``(model, tokenizer, device)``.

    A folder is loaded with ``local_files_only``; a hub id goes through the local cache (set
    ``HF_HUB_OFFLINE=1`` to forbid downloads); a ``.gguf`` file (or a folder and *gguf_file*) is
    de-quantised by ``gguf.load_gguf``. The tokenizer pads on the left (decoder-only models
    continue from the right edge) and falls back to the end-of-sequence token for padding.
    """
    from reviewer.generation.gguf import load_gguf, locate_gguf

    device_str = resolve_device(device)
    torch_dtype = _as_dtype(dtype) or _default_dtype(device_str)
    found = locate_gguf(model_path, gguf_file)
    if found is not None:
        model, tokenizer = load_gguf(*found, dtype=torch_dtype)
        return _ready(model, tokenizer, device_str, str(found[0] / found[1]))
    from transformers import AutoModelForCausalLM, AutoTokenizer

    text = str(model_path)
    path = Path(text).expanduser()
    is_folder = path.exists() or text.startswith((".", "/", "~")) or "\\" in text
    if is_folder:
        check_model_folder(path)
        source = str(path)
    else:
        source = text
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=is_folder)
    except Exception as exc:  # noqa: BLE001 - any loader failure becomes a message for the user
        raise ReviewerError(f"could not load the tokenizer of {source}: {exc}. Check that the folder "
                            "holds the tokenizer files of this model (or that the hub id is downloaded)"
                            ) from exc
    try:
        model = AutoModelForCausalLM.from_pretrained(source, local_files_only=is_folder, dtype=torch_dtype)
    except Exception as exc:  # noqa: BLE001
        raise ReviewerError(f"could not load the model {source}: {exc}. Check that it is a causal "
                            "language model folder with complete weights (or a downloaded hub id)"
                            ) from exc
    return _ready(model, tokenizer, device_str, source)


def available_cpus() -> int:
    """CPUs this process may use: its affinity mask, capped by a cgroup v2 CPU quota (containers)."""
    import os

    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return max(1, count)


def limit_cpu_threads() -> int:
    """Never run more torch threads than the CPUs available: torch counts the host's cores, and
    threads beyond the process's share spin-wait on each other in every matrix product. Only
    lowers the count (a caller that chose fewer threads keeps them); returns the count in use."""
    import torch

    if torch.get_num_threads() > available_cpus():
        torch.set_num_threads(available_cpus())
    return torch.get_num_threads()


def _ready(model: Any, tokenizer: Any, device_str: str, source: str) -> tuple[Any, Any, str]:
    """Move *model* to its device, set it to inference, and make the tokenizer pad on the left."""
    if device_str == "cpu":
        limit_cpu_threads()
    try:
        model.to(device_str)
    except RuntimeError as exc:
        raise ReviewerError(f"could not move {source} to {device_str}: {exc}. Try a smaller model, "
                            "--device cpu, or a lower precision") from exc
    model.eval()
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        if tokenizer.eos_token is not None:
            tokenizer.pad_token = tokenizer.eos_token
        elif tokenizer.unk_token is not None:
            tokenizer.pad_token = tokenizer.unk_token
        else:
            raise ReviewerError(f"the tokenizer of {source} has neither a padding nor an end token")
    if getattr(model.generation_config, "pad_token_id", None) is None:
        model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model, tokenizer, device_str


def plain_prompt(messages: Sequence[Message]) -> str:
    """The fallback template for tokenizers without one: ``User: ...\\nAssistant:``."""
    lines = [f"{PLAIN_ROLES.get(m['role'], m['role'].title())}: {m['content']}" for m in messages]
    return "\n".join(lines) + "\nAssistant:"


def render_prompt(tokenizer: Any, messages: Sequence[Message]) -> tuple[str, bool]:
    """Prompt text for *messages* and whether it came from the model's own chat template.

    Templates that refuse a system turn (some do) get it merged into the first user turn.
    """
    msgs = [{"role": m["role"], "content": m["content"]} for m in messages]
    if getattr(tokenizer, "chat_template", None):
        try:
            return tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True), True
        except Exception:  # noqa: BLE001 - retry once without a system turn, then give up loudly
            if msgs and msgs[0]["role"] == "system" and len(msgs) > 1:
                merged = [{"role": msgs[1]["role"], "content": msgs[0]["content"] + "\n\n" + msgs[1]["content"]}]
                return tokenizer.apply_chat_template(merged + msgs[2:], tokenize=False,
                                                     add_generation_prompt=True), True
            raise
    return plain_prompt(msgs), False


def is_oom(exc: BaseException) -> bool:
    import torch

    if isinstance(exc, torch.OutOfMemoryError):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


class TransformersBackend:
    """The default backend: batched ``model.generate`` over length-sorted, left-padded prompts."""

    name = "transformers"

    def __init__(self, model_path: str | Path, *, device: str = "auto", batch_size: int | str = "auto",
                 dtype: Any = None, generate_kwargs: dict[str, Any] | None = None,
                 gguf_file: str | None = None, threads: int | None = None) -> None:
        from reviewer.generation.gguf import gguf_model_name, locate_gguf

        if threads is not None:  # torch CPU threads; on a busy shared machine fewer run faster
            import torch

            if int(threads) < 1:
                raise ReviewerError(f"threads must be at least 1 (got {threads})")
            torch.set_num_threads(int(threads))

        self.model_path = str(model_path)
        self.model, self.tokenizer, self.device = load_model_and_tokenizer(model_path, device, dtype, gguf_file)
        path = Path(self.model_path).expanduser()
        found = locate_gguf(model_path, gguf_file)
        if found is not None:
            self.model_name = gguf_model_name(*found)
        else:
            self.model_name = path.name if path.is_dir() else self.model_path
        if batch_size in (None, "auto"):
            self.batch_size = AUTO_BATCH.get(self.device.split(":")[0], 16)
        else:
            self.batch_size = int(batch_size)
            if self.batch_size < 1:
                raise ReviewerError(f"batch size must be at least 1 (got {batch_size})")
        # extra keyword arguments for model.generate (the benchmark forces min_new_tokens with it)
        self.generate_kwargs = dict(generate_kwargs or {})

    # -- one batch ---------------------------------------------------------------------------
    def _generate_batch(self, prompts: list[str], settings: SamplingSettings,
                        seed: int) -> list[tuple[str, int, int]]:
        """Generate for one batch: ``(text, prompt_tokens, completion_tokens)`` per prompt."""
        import torch

        tok = self.tokenizer
        enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=self._add_special)
        enc = {k: v.to(self.device) for k, v in enc.items()}
        kwargs: dict[str, Any] = {"max_new_tokens": settings.max_new_tokens, "pad_token_id": tok.pad_token_id}
        if settings.temperature > 0:
            kwargs.update(do_sample=True, temperature=settings.temperature, top_p=settings.top_p)
        else:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        kwargs.update(self.generate_kwargs)
        torch.manual_seed(seed)
        with torch.inference_mode():
            out = self.model.generate(**enc, **kwargs)
        width = enc["input_ids"].shape[1]
        new = out[:, width:].tolist()
        prompt_lens = enc["attention_mask"].sum(dim=1).tolist()
        eos = self.model.generation_config.eos_token_id
        eos_ids = set(eos if isinstance(eos, list) else [eos]) if eos is not None else set()
        if tok.eos_token_id is not None:
            eos_ids.add(tok.eos_token_id)
        results = []
        for row, plen in zip(new, prompt_lens, strict=True):
            n = len(row)
            for i, t in enumerate(row):
                if t in eos_ids:
                    n = i + 1  # count the end token, drop the padding after it
                    break
            text = tok.decode(row[:n], skip_special_tokens=True).strip()
            results.append((text, int(plen), n))
        return results

    # -- the Backend protocol ------------------------------------------------------------------
    def generate(self, requests: Sequence[GenerationRequest], settings: SamplingSettings, *,
                 progress: ProgressCallback | None = None,
                 is_cancelled: CancelCheck | None = None) -> Iterator[list[GenerationResult]]:
        """Yield one list of results per finished batch, longest prompts first.

        Batches that run out of memory are halved and retried; at batch size 1 the run ends
        with a ReviewerError (nothing of that batch is returned).
        """
        prompts: list[str] = []
        templated = False
        for req in requests:
            text, templated = render_prompt(self.tokenizer, req.messages)
            prompts.append(text)
        self._add_special = not templated
        lengths = [len(self.tokenizer(p, add_special_tokens=self._add_special)["input_ids"]) for p in prompts]
        order = sorted(range(len(requests)), key=lambda i: -lengths[i])
        total, done, pos = len(order), 0, 0
        limit = self.context_length()
        if limit is not None:  # too long for the model: reported as failed, never generated
            too_long = [i for i in order if lengths[i] + settings.max_new_tokens > limit]
            if too_long:
                skip = set(too_long)
                order = [i for i in order if i not in skip]
                done = len(too_long)
                yield [GenerationResult(key=requests[i].key, text="", prompt_tokens=lengths[i], device=self.device,
                                        error=f"the prompt is {lengths[i]} tokens; with {settings.max_new_tokens} "
                                        f"new tokens it exceeds the model's context of {limit} tokens "
                                        "(lower --max-new-tokens or use a model with a longer context)")
                       for i in too_long]
                if progress is not None:
                    progress(done, total)
        while pos < len(order):
            if is_cancelled is not None and is_cancelled():
                return
            idx = order[pos:pos + self.batch_size]
            seed = requests[idx[0]].seed if requests[idx[0]].seed is not None else settings.seed
            start = time.perf_counter()
            try:
                outs = self._generate_batch([prompts[i] for i in idx], settings, seed)
            except Exception as exc:  # noqa: BLE001 - only out-of-memory is handled here
                if not is_oom(exc):
                    raise
                self._free_memory()
                if self.batch_size == 1:
                    raise ReviewerError(
                        f"out of memory on {self.device} even with batch size 1 "
                        f"(prompt of {lengths[idx[0]]} tokens, max new tokens {settings.max_new_tokens}). "
                        "Lower --max-new-tokens, close other programs using the GPU, use a smaller "
                        "model or lower precision, or run with --device cpu") from exc
                self.batch_size = max(1, (len(idx) + 1) // 2)
                continue
            latency = (time.perf_counter() - start) * 1000.0
            batch = [GenerationResult(key=requests[i].key, text=text, prompt_tokens=p, completion_tokens=c,
                                      latency_ms=latency, device=self.device,
                                      extra={"batch_size": len(idx), "seed": seed})
                     for i, (text, p, c) in zip(idx, outs, strict=True)]
            pos += len(idx)
            done += len(idx)
            yield batch
            if progress is not None:
                progress(done, total)

    _add_special = True

    def context_length(self) -> int | None:
        """The longest sequence the model takes (prompt + answer), when its config says."""
        config = getattr(self.model, "config", None)
        for name in ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length"):
            value = getattr(config, name, None)
            if isinstance(value, int) and value > 0:
                return value
        return None

    def _free_memory(self) -> None:
        """Give the allocator's cached blocks back after an out-of-memory error (GPU only)."""
        import gc

        import torch

        if str(self.device).startswith(("cuda", "mps")):
            gc.collect()
        if str(self.device).startswith("cuda"):
            torch.cuda.empty_cache()
        elif str(self.device).startswith("mps"):
            torch.mps.empty_cache()

    def close(self) -> None:
        """Drop the weights (and the CUDA cache) so a GUI session can load another model."""
        self.model = None
        self.tokenizer = None
        self._free_memory()
