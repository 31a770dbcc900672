"""In-process vLLM (continuous batching, paged attention) for large runs on a GPU.

Only used when asked for (``--backend vllm``) and when ``vllm`` is installed; it is not a
dependency of reviewer. Requests are handed to vLLM in chunks so that answers are stored as each
chunk finishes and a cancel takes effect between chunks; inside a chunk vLLM schedules freely.
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
    ProgressCallback,
    SamplingSettings,
)
from reviewer.generation.transformers_backend import check_model_folder, plain_prompt


class VLLMBackend:
    name = "vllm"

    def __init__(self, model_path: str | Path, *, chunk_size: int = 256, dtype: str = "auto",
                 **llm_options: Any) -> None:
        try:
            from vllm import LLM
        except ImportError as exc:
            raise ReviewerError("the vllm backend needs the vllm package, which is not installed here: "
                                "pip install vllm (Linux with a CUDA GPU), or use --backend transformers"
                                ) from exc
        self.model_path = str(model_path)
        path = Path(self.model_path).expanduser()
        if path.exists() or self.model_path.startswith((".", "/", "~")):
            check_model_folder(path)
        self.model_name = path.name if path.is_dir() else self.model_path
        try:
            self.llm = LLM(model=str(path) if path.is_dir() else self.model_path, dtype=dtype, **llm_options)
        except Exception as exc:  # noqa: BLE001 - vLLM raises many kinds; the user needs one message
            raise ReviewerError(f"vLLM could not load {self.model_path}: {exc}. Check the model folder, "
                                "free GPU memory (or pass a lower gpu_memory_utilization), or use "
                                "--backend transformers") from exc
        self.tokenizer = self.llm.get_tokenizer()
        self.device = "cuda"
        self.batch_size = max(1, int(chunk_size))
        # extra SamplingParams fields (the benchmark forces min_tokens with it)
        self.sampling_kwargs: dict[str, Any] = {}

    def _params(self, settings: SamplingSettings, seed: int) -> Any:
        from vllm import SamplingParams

        return SamplingParams(n=1, temperature=settings.temperature,
                              top_p=settings.top_p if settings.temperature > 0 else 1.0,
                              max_tokens=settings.max_new_tokens, seed=seed, **self.sampling_kwargs)

    def generate(self, requests: Sequence[GenerationRequest], settings: SamplingSettings, *,
                 progress: ProgressCallback | None = None,
                 is_cancelled: CancelCheck | None = None) -> Iterator[list[GenerationResult]]:
        has_template = bool(getattr(self.tokenizer, "chat_template", None))
        total, done = len(requests), 0
        for pos in range(0, total, self.batch_size):
            if is_cancelled is not None and is_cancelled():
                return
            chunk = requests[pos:pos + self.batch_size]
            params = [self._params(settings, r.seed if r.seed is not None else settings.seed) for r in chunk]
            start = time.perf_counter()
            if has_template:
                convs = [[{"role": m["role"], "content": m["content"]} for m in r.messages] for r in chunk]
                outs = self.llm.chat(convs, sampling_params=params, use_tqdm=False, add_generation_prompt=True)
            else:
                outs = self.llm.generate([plain_prompt(r.messages) for r in chunk], sampling_params=params,
                                         use_tqdm=False)
            latency = (time.perf_counter() - start) * 1000.0
            results = []
            for req, out in zip(chunk, outs, strict=True):
                comp = out.outputs[0]
                results.append(GenerationResult(
                    key=req.key, text=comp.text.strip(), prompt_tokens=len(out.prompt_token_ids or []),
                    completion_tokens=len(comp.token_ids), latency_ms=latency, device=self.device,
                    extra={"finish_reason": comp.finish_reason}))
            done += len(chunk)
            yield results
            if progress is not None:
                progress(done, total)

    def close(self) -> None:
        self.llm = None
