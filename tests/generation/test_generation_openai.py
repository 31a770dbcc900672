"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewer.errors import ReviewerError
from reviewer.generation.backend import GenerationRequest, SamplingSettings
from reviewer.generation.openai_backend import EndpointError, OpenAIBackend, normalize_base_url
from reviewer.generation.service import run_generation
from reviewer.store.models import GenerationRun, Model, Response
from tests.support.generation import (
    FakeOpenAIState,
    fake_openai_server,
    free_port,
    make_cases,
    response_count,
)

SETTINGS = SamplingSettings(max_new_tokens=32, temperature=0.3, seed=4)
FAST_RETRY = {"retries": 2, "backoff": 0.01}


def test_base_url_forms() -> None:
    assert normalize_base_url("localhost:8000") == "http://localhost:8000/v1"
    assert normalize_base_url("http://h:11434/") == "http://h:11434/v1"
    assert normalize_base_url("https://h/api/v1/") == "https://h/api/v1"


def test_run_through_the_endpoint_stores_answers_and_never_the_key(store, monkeypatch) -> None:
    monkeypatch.setenv("MY_KEY", "sk-very-secret")
    case_ids = make_cases(store, 4)
    state = FakeOpenAIState(delay=0.05)
    with fake_openai_server(state) as url:
        summary = run_generation(store, model="med-7b", backend="openai", base_url=url, samples=2,
                                 settings=SETTINGS,
                                 backend_options={"api_key_env": "MY_KEY", "concurrency": 3, **FAST_RETRY})
    assert summary.status == "done" and summary.written == 10 and summary.device == "endpoint"
    assert state.max_in_flight <= 3 and state.max_in_flight >= 2  # bounded, but concurrent
    assert all(h.get("Authorization") == "Bearer sk-very-secret" for h in state.headers)
    assert {r["max_tokens"] for r in state.requests} == {32}
    assert sorted(r["seed"] for r in state.requests) == sorted([4, 5] * 5)
    with store.Session() as s:
        rows = s.scalars(select(Response)).all()
        mt = [r for r in rows if r.case_id == case_ids[-1]]
        assert len(rows) == 10 and {r.blind_label for r in mt} == {"A", "B"}
        assert "(turns: 4," in mt[0].text and "Which amoxicillin dose?" in mt[0].text  # whole conversation
        assert all(r.completion_tokens == len(r.text.split()) and r.prompt_tokens > 0 for r in rows)
        model = s.scalar(select(Model))
        assert model.kind == "endpoint" and model.name == "med-7b" and model.path == url
    raw = store.path.read_bytes() + (store.path.with_name(store.path.name + "-wal").read_bytes()
                                     if store.path.with_name(store.path.name + "-wal").exists() else b"")
    assert b"sk-very-secret" not in raw


def test_503_then_200_is_retried(store) -> None:
    make_cases(store, 2, multi_turn=False)
    state = FakeOpenAIState()
    state.fail_first = {"chest pain chest pain what": 2}  # the second case: two 503s, then an answer
    with fake_openai_server(state) as url:
        summary = run_generation(store, model="med-7b", backend="openai", base_url=url, settings=SETTINGS,
                                 backend_options=FAST_RETRY)
    assert summary.written == 2 and summary.failed == []
    assert len(state.requests) == 4 and state.fail_first["chest pain chest pain what"] == 0


def test_persistent_server_error_is_reported_not_written_and_retried_next_time(store) -> None:
    make_cases(store, 3, multi_turn=False)
    state = FakeOpenAIState()
    state.always_fail = {"chest pain chest pain chest pain what"}
    with fake_openai_server(state) as url:
        first = run_generation(store, model="med-7b", backend="openai", base_url=url, settings=SETTINGS,
                               name="r", backend_options=FAST_RETRY)
        assert first.written == 2 and len(first.failed) == 1 and first.failed[0]["case"] == "q2"
        assert "HTTP 500" in first.failed[0]["error"] and response_count(store) == 2
        state.always_fail = set()
        second = run_generation(store, model="med-7b", backend="openai", base_url=url, settings=SETTINGS,
                                name="r", backend_options=FAST_RETRY)
    assert second.written == 1 and second.skipped_existing == 2 and response_count(store) == 3


def test_unknown_model_lists_the_served_models(store) -> None:
    make_cases(store, 2, multi_turn=False)
    state = FakeOpenAIState(models=("med-7b", "qwen2.5-7b-instruct"))
    with fake_openai_server(state) as url:
        with pytest.raises(EndpointError, match=r"does not know the model 'gpt-x'.*med-7b, qwen2.5-7b-instruct"):
            run_generation(store, model="gpt-x", backend="openai", base_url=url, settings=SETTINGS,
                           backend_options=FAST_RETRY)
    assert response_count(store) == 0
    with store.Session() as s:
        assert s.scalar(select(GenerationRun.status)) == "failed"


def test_unreachable_endpoint_says_what_to_check(store) -> None:
    make_cases(store, 2, multi_turn=False)
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(ReviewerError, match=rf"cannot reach the server at {url}.*Check that the server is running"):
        run_generation(store, model="med-7b", backend="openai", base_url=url, settings=SETTINGS,
                       backend_options=FAST_RETRY)
    assert response_count(store) == 0


def test_backend_alone_yields_chunks_and_stops_when_cancelled() -> None:
    state = FakeOpenAIState()
    with fake_openai_server(state) as url:
        b = OpenAIBackend(url, "med-7b", concurrency=2, chunk_size=3, **FAST_RETRY)
        reqs = [GenerationRequest(key=i, messages=[{"role": "user", "content": f"q{i}"}]) for i in range(7)]
        chunks = []
        for chunk in b.generate(reqs, SETTINGS, is_cancelled=lambda: len(chunks) >= 2):
            chunks.append(chunk)
        b.close()
    assert [len(c) for c in chunks] == [3, 3] and len(state.requests) == 6
    assert [r.key for c in chunks for r in c] == list(range(6))
