"""torch never gets more CPU threads than the process may use (extra threads spin-wait on each other)."""

from __future__ import annotations

import importlib.util
import os

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="needs torch (the [models] extra)")


def test_threads_are_capped_at_the_cpus_available_and_never_raised() -> None:
    import torch

    from reviewer.generation.transformers_backend import available_cpus, limit_cpu_threads

    cpus = available_cpus()
    assert 1 <= cpus <= (os.cpu_count() or 1)
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(cpus + 3)
        assert limit_cpu_threads() == cpus == torch.get_num_threads()
        torch.set_num_threads(1)  # a caller's lower choice is kept
        assert limit_cpu_threads() == 1
    finally:
        torch.set_num_threads(before)


@pytest.mark.models
def test_the_threads_option_reaches_torch(store, db_path, tiny_llama, capsys) -> None:
    import torch

    from reviewer.cli.main import main
    from tests.support.generation import make_cases

    make_cases(store, 1, multi_turn=False)
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        assert main(["--db", str(db_path), "generate", "--model", str(tiny_llama), "--device", "cpu",
                     "--max-new-tokens", "2", "--threads", "1", "--quiet"]) == 0
        assert torch.get_num_threads() == 1
        assert main(["--db", str(db_path), "generate", "--model", str(tiny_llama), "--device", "cpu",
                     "--threads", "0", "--name", "other", "--quiet"]) == 2
        assert "threads must be at least 1" in capsys.readouterr().err
    finally:
        torch.set_num_threads(before)
