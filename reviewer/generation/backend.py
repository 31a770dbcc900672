"""The one interface every generation backend implements (transformers, vLLM, OpenAI-compatible).

Backends import their heavy dependencies (torch, transformers, vllm, ...) lazily, inside their own
modules, so importing this module costs nothing. Judging uses the same backends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

Message = dict[str, str]  # {"role": "user"|"assistant"|"system", "content": "..."}


@dataclass(frozen=True)
class SamplingSettings:
    temperature: float = 0.0  # 0 means greedy
    top_p: float = 1.0
    max_new_tokens: int = 512
    seed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class GenerationRequest:
    """One prompt to answer. ``key`` is the caller's handle, returned unchanged in the result."""

    key: Any
    messages: list[Message]
    seed: int | None = None


@dataclass
class GenerationResult:
    key: Any
    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    device: str | None = None
    error: str | None = None  # set when this one request failed (the text is then empty)
    extra: dict[str, Any] = field(default_factory=dict)


ProgressCallback = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]


class Backend(Protocol):
    """What every backend offers. Implementations: ``transformers_backend.TransformersBackend``,
    ``vllm_backend.VLLMBackend``, ``openai_backend.OpenAIBackend``; build one with
    ``backends.make_backend(kind, model, **options)``.

    Conventions beyond the protocol: each also has ``batch_size`` (prompts per yielded batch; the
    transformers backend lowers it on out-of-memory); the local ones keep ``model`` and
    ``tokenizer``. A request that cannot be answered (too long for the context, a server error
    after retries) comes back with ``error`` set and empty text; a problem that dooms the whole run
    (out of memory at batch size 1, unreachable server, unknown model) raises ReviewerError.
    """

    name: str  # "transformers" | "vllm" | "openai"
    device: str  # e.g. "cuda:0", "cpu", "endpoint"
    model_name: str

    def generate(
        self,
        requests: Sequence[GenerationRequest],
        settings: SamplingSettings,
        *,
        progress: ProgressCallback | None = None,
        is_cancelled: CancelCheck | None = None,
    ) -> Iterator[list[GenerationResult]]:
        """Yield results one finished batch at a time (so callers can store them at once).

        Stops before the next batch when ``is_cancelled()`` returns True. Results carry the
        request's ``key`` unchanged; their order within a batch is not the request order.
        """
        ...

    def close(self) -> None:
        """Free what the backend holds (model weights and GPU cache, or the request thread pool)."""
        ...
