"""Pick and build a generation backend by name (``transformers`` | ``vllm`` | ``openai``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.generation.backend import Backend

BACKENDS = ("transformers", "vllm", "openai")


def make_backend(kind: str, model: str, **options: Any) -> Backend:
    """Build the backend *kind* for *model* (a folder or hub id; a served model name for openai).

    Options are passed on; ``None`` values are dropped so callers can forward unset CLI flags.
    transformers: device, batch_size, dtype, generate_kwargs, threads, gguf_file (*model* is then the folder
    holding it; a ``.gguf`` path as *model* needs no gguf_file). vllm: chunk_size, dtype and any
    ``vllm.LLM`` option. openai: base_url (required), api_key_env, concurrency, retries, timeout.
    """
    from reviewer.generation.requirements import require_backend

    if kind in BACKENDS:
        require_backend(kind)  # a clear "pip install ..." instead of a ModuleNotFoundError later
    opts = {k: v for k, v in options.items() if v is not None}
    if kind == "transformers":
        from reviewer.generation.transformers_backend import TransformersBackend

        opts.pop("base_url", None)
        return TransformersBackend(model, **opts)
    if kind == "vllm":
        from reviewer.generation.vllm_backend import VLLMBackend

        opts.pop("base_url", None)
        opts.pop("device", None)
        opts.pop("threads", None)
        gguf_file = opts.pop("gguf_file", None)
        if gguf_file:  # vLLM reads a GGUF file given as the model path
            model = str(Path(model).expanduser() / gguf_file)
        if "batch_size" in opts:
            bs = opts.pop("batch_size")
            if bs != "auto":
                opts["chunk_size"] = int(bs)
        return VLLMBackend(model, **opts)
    if kind == "openai":
        from reviewer.generation.openai_backend import OpenAIBackend

        base_url = opts.pop("base_url", None)
        if not base_url:
            raise ReviewerError("--backend openai needs --base-url (e.g. http://localhost:8000/v1)")
        opts.pop("device", None)
        opts.pop("dtype", None)
        opts.pop("gguf_file", None)
        opts.pop("threads", None)
        bs = opts.pop("batch_size", None)
        if bs not in (None, "auto"):
            opts["chunk_size"] = int(bs)
        return OpenAIBackend(base_url, model, **opts)
    raise ReviewerError(f"unknown backend {kind!r}: use one of {', '.join(BACKENDS)}")
