"""An OpenAI-compatible chat endpoint (vLLM server, Ollama, LM Studio, llama.cpp server, ...).

Standard library only (``urllib`` + a bounded thread pool): no new dependency for raters or for
coordinators who only talk to a server. Requests are retried with exponential backoff on 429,
5xx and connection errors. An unreachable server or an unknown model ends the run with a message
that says what to do; any other failed request is returned with ``error`` set and is not stored.
The API key is read from the environment on each request and never stored anywhere.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.generation.backend import (
    CancelCheck,
    GenerationRequest,
    GenerationResult,
    ProgressCallback,
    SamplingSettings,
)

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class EndpointError(ReviewerError):
    """The endpoint cannot serve this run at all (unreachable, unknown model, refused key)."""


def normalize_base_url(base_url: str) -> str:
    """``http://host:8000`` → ``http://host:8000/v1``; a URL with a path is kept as given."""
    url = base_url.strip().rstrip("/")
    if "://" not in url:
        url = "http://" + url
    parsed = urllib.parse.urlparse(url)
    if parsed.path in ("", "/"):
        url += "/v1"
    return url


class OpenAIBackend:
    """Concurrent ``/chat/completions`` requests against an OpenAI-compatible server."""

    name = "openai"

    def __init__(self, base_url: str, model: str, *, api_key_env: str = "OPENAI_API_KEY",
                 concurrency: int = 8, retries: int = 3, timeout: float = 60,
                 backoff: float = 0.5, chunk_size: int | None = None) -> None:
        if not base_url:
            raise ReviewerError("the openai backend needs --base-url (e.g. http://localhost:8000/v1)")
        self.base_url = normalize_base_url(base_url)
        self.model_name = model
        self.device = "endpoint"
        self.api_key_env = api_key_env
        self.concurrency = max(1, int(concurrency))
        self.retries = max(0, int(retries))
        self.timeout = timeout
        self.backoff = backoff
        # results are handed back (and stored) every chunk_size requests
        self.batch_size = chunk_size or self.concurrency * 2
        self._pool: ThreadPoolExecutor | None = None

    # -- HTTP ----------------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env) if self.api_key_env else None
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method, headers=self._headers())
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - user-given URL
            return json.loads(resp.read().decode("utf-8") or "{}")

    def list_models(self) -> list[str]:
        """Model ids the server lists at ``/models`` (empty when it cannot say)."""
        try:
            data = self._request("GET", "/models")
        except (urllib.error.URLError, OSError, ValueError):
            return []
        return [str(m.get("id")) for m in data.get("data", []) if isinstance(m, dict) and m.get("id")]

    def _unknown_model(self, detail: str) -> EndpointError:
        known = self.list_models()
        listed = f" Models served there: {', '.join(known)}." if known else ""
        return EndpointError(f"the server at {self.base_url} does not know the model {self.model_name!r} "
                             f"({detail}).{listed} Pass one of its model names with --model")

    def _complete(self, request: GenerationRequest, settings: SamplingSettings) -> GenerationResult:
        body: dict[str, Any] = {
            "model": self.model_name,
            "messages": [{"role": m["role"], "content": m["content"]} for m in request.messages],
            "max_tokens": settings.max_new_tokens,
            "temperature": settings.temperature,
            "top_p": settings.top_p,
            "seed": request.seed if request.seed is not None else settings.seed,
        }
        last, unreachable = "", False
        start = time.perf_counter()
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                data = self._request("POST", "/chat/completions", body)
            except urllib.error.HTTPError as exc:
                text = _read_body(exc)
                if exc.code == 404 or (exc.code == 400 and "model" in text.lower()
                                       and ("not found" in text.lower() or "does not exist" in text.lower()
                                            or "unknown" in text.lower())):
                    raise self._unknown_model(f"HTTP {exc.code}: {text[:200]}") from exc
                if exc.code in (401, 403):
                    raise EndpointError(f"the server at {self.base_url} refused the request (HTTP {exc.code}): "
                                        f"set the API key in the environment variable {self.api_key_env}"
                                        ) from exc
                last, unreachable = f"HTTP {exc.code}: {text[:200]}", False
                if exc.code in RETRY_STATUS:
                    continue
                break
            except TimeoutError as exc:
                last, unreachable = f"no answer within {self.timeout} s ({exc})", False
                continue
            except (urllib.error.URLError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                last, unreachable = f"{reason}", not isinstance(reason, TimeoutError)
                continue
            except ValueError as exc:  # a body that is not JSON
                last, unreachable = f"the server answered something that is not JSON ({exc})", False
                continue
            return self._result(request, data, start)
        if unreachable:
            raise EndpointError(f"cannot reach the server at {self.base_url} ({last}) after "
                                f"{self.retries + 1} tries. Check that the server is running and that "
                                "--base-url is right (e.g. http://localhost:8000/v1 for vLLM, "
                                "http://localhost:11434/v1 for Ollama)")
        return GenerationResult(key=request.key, text="", device=self.device,
                                latency_ms=(time.perf_counter() - start) * 1000.0,
                                error=f"failed after {self.retries + 1} tries: {last}")

    def _result(self, request: GenerationRequest, data: dict[str, Any], start: float) -> GenerationResult:
        latency = (time.perf_counter() - start) * 1000.0
        try:
            choice = data["choices"][0]
            text = choice["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            return GenerationResult(key=request.key, text="", latency_ms=latency, device=self.device,
                                    error=f"the answer has no choices[0].message.content: {str(data)[:200]}")
        usage = data.get("usage") or {}
        return GenerationResult(key=request.key, text=text.strip(), prompt_tokens=usage.get("prompt_tokens"),
                                completion_tokens=usage.get("completion_tokens"), latency_ms=latency,
                                device=self.device,
                                extra={"finish_reason": choice.get("finish_reason"),
                                       "served_model": data.get("model")})

    # -- the Backend protocol ------------------------------------------------------------------
    def generate(self, requests: Sequence[GenerationRequest], settings: SamplingSettings, *,
                 progress: ProgressCallback | None = None,
                 is_cancelled: CancelCheck | None = None) -> Iterator[list[GenerationResult]]:
        """Yield results chunk by chunk; at most ``concurrency`` requests are in flight."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="openai-gen")
        total, done = len(requests), 0
        for pos in range(0, total, self.batch_size):
            if is_cancelled is not None and is_cancelled():
                return
            chunk = requests[pos:pos + self.batch_size]
            futures = [self._pool.submit(self._complete, r, settings) for r in chunk]
            try:
                results = [f.result() for f in futures]
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
            done += len(chunk)
            yield results
            if progress is not None:
                progress(done, total)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _read_body(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001
        return ""
