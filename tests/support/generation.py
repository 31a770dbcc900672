"""Helpers for the generation tests: a study with cases, and a real OpenAI-compatible HTTP server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sqlalchemy import func, select

from reviewer.store import Store
from reviewer.store.models import Case, Response
from reviewer.studies.lookup import create_study

MULTI_TURN = [
    {"role": "system", "content": "You are a careful physician."},
    {"role": "user", "content": "My child has a fever."},
    {"role": "assistant", "content": "How old is the child, and how high is the fever?"},
    {"role": "user", "content": "Four years old, 39 degrees. Which amoxicillin dose?"},
]


def make_cases(store: Store, n: int = 5, *, study: str = "gen", multi_turn: bool = True) -> list[int]:
    """A study with *n* single-question cases (two categories) plus one multi-turn case; case ids."""
    with store.begin() as s:
        st = create_study(s, study)
        cases = [Case(study_id=st.id, source="test", external_id=f"q{i}",
                      category="Cardiology / chest pain" if i % 2 else "Pediatrics",
                      turns=[{"role": "user", "content": "chest pain " * (i + 1) + "what now?"}])
                 for i in range(n)]
        if multi_turn:
            cases.append(Case(study_id=st.id, source="test", external_id="mt", category="Pediatrics / fever",
                              turns=MULTI_TURN))
        s.add_all(cases)
        s.flush()
        return [c.id for c in cases]


def response_count(store: Store) -> int:
    with store.Session() as s:
        return s.scalar(select(func.count()).select_from(Response)) or 0


def free_port() -> int:
    """A port that nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeOpenAIState:
    """What the test server knows and saw. ``fail_first`` maps a marker in the prompt to the number
    of 503 answers to give before answering; ``always_fail`` markers get 500 every time."""

    def __init__(self, models: tuple[str, ...] = ("med-7b",), delay: float = 0.0) -> None:
        self.models = models
        self.delay = delay
        self.fail_first: dict[str, int] = {}
        self.always_fail: set[str] = set()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()


def _handler(state: FakeOpenAIState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _send(self, code: int, payload: dict[str, Any]) -> None:
            body = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in state.models]})
            else:
                self._send(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:  # noqa: N802
            if self.path != "/v1/chat/completions":
                self._send(404, {"error": {"message": "not found"}})
                return
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            with state.lock:
                state.requests.append(body)
                state.headers.append(dict(self.headers))
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
            try:
                time.sleep(state.delay)
                self._answer(body)
            finally:
                with state.lock:
                    state.in_flight -= 1

        def _answer(self, body: dict[str, Any]) -> None:
            if body.get("model") not in state.models:
                self._send(404, {"error": {"message": f"The model `{body.get('model')}` does not exist."}})
                return
            last = body["messages"][-1]["content"]
            with state.lock:
                for marker, left in state.fail_first.items():
                    if marker in last and left > 0:
                        state.fail_first[marker] = left - 1
                        self._send(503, {"error": {"message": "overloaded, try again"}})
                        return
            if any(marker in last for marker in state.always_fail):
                self._send(500, {"error": {"message": "internal error"}})
                return
            text = f"Answer to: {last} (turns: {len(body['messages'])}, seed {body.get('seed')})"
            self._send(200, {
                "id": "cmpl-1", "object": "chat.completion", "model": body["model"],
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": sum(len(m["content"].split()) for m in body["messages"]),
                          "completion_tokens": len(text.split()), "total_tokens": 0},
            })

    return Handler


@contextmanager
def fake_openai_server(state: FakeOpenAIState) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 in a thread; yields its base URL (``http://127.0.0.1:PORT/v1``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
