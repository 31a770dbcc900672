"""Shared fixtures: offscreen Qt, no hub access, a real SQLite study store per test."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "study.db"


@pytest.fixture
def store(db_path: Path):
    from reviewer.store import open_store

    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    path = SHARED / "datasets"
    if not path.is_dir():
        pytest.skip(f"shared datasets not found at {path} (they sit beside the checkout in CI)")
    return path


@pytest.fixture(scope="session")
def llmeval_med_file(shared_datasets: Path) -> Path:
    return shared_datasets / "llmeval-med" / "dataset.json"


@pytest.fixture(scope="session")
def healthbench_dir(shared_datasets: Path) -> Path:
    return shared_datasets / "healthbench-format"


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama-style causal LM with its tokenizer, built locally (no download)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tests.support.tiny_models import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))
