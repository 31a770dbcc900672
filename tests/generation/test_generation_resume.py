"""Kill a real ``reviewer generate`` process half-way (SIGKILL), start again: one answer per pair."""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.generation.backend import SamplingSettings
from reviewer.generation.service import run_generation
from reviewer.store.models import GenerationRun, Response
from tests.support.generation import make_cases

# Skipped (not failed) without the [models] extra; torch is found here, not imported, so collecting
# the suite stays fast (the tests import it when they run).
pytestmark = [pytest.mark.skipif(importlib.util.find_spec("torch") is None
                                 or importlib.util.find_spec("transformers") is None,
                                 reason="needs torch and transformers (the [models] extra)"),
              pytest.mark.usefixtures("one_torch_thread")]
REPO = Path(__file__).resolve().parents[2]
CASES = 30


def _stored(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        try:
            return conn.execute("SELECT count(*) FROM response").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_killed_run_resumes_with_exactly_one_answer_per_case_and_sample(store, db_path: Path,
                                                                        tiny_llama: Path) -> None:
    case_ids = make_cases(store, CASES - 1)
    args = [sys.executable, "-m", "reviewer", "--db", str(db_path), "generate", "--model", str(tiny_llama),
            "--samples", "2", "--batch-size", "1", "--max-new-tokens", "24", "--device", "cpu",
            "--name", "crash", "--quiet"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}
    started = time.monotonic()
    proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _stored(db_path) == 0:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "no answer stored within 120 s"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        print(f"killed after {time.monotonic() - started:.1f} s")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _stored(db_path)
    assert 0 < partial < CASES * 2, "the run should have been killed half-way"
    with store.Session() as s:
        assert s.scalar(select(GenerationRun.status)) == "running"  # it never got to say anything

    started = time.monotonic()
    summary = run_generation(store, model=str(tiny_llama), samples=2, batch_size=8, device="cpu",
                             settings=SamplingSettings(max_new_tokens=24), name="crash")
    print(f"resumed in {time.monotonic() - started:.1f} s")
    assert summary.status == "done" and summary.skipped_existing == partial
    assert summary.written == CASES * 2 - partial
    with store.Session() as s:
        pairs = list(s.execute(select(Response.case_id, Response.sample_index)).all())
        runs = s.scalars(select(GenerationRun)).all()
    assert sorted(pairs) == sorted((c, k) for c in case_ids for k in (0, 1))
    assert len(runs) == 1 and runs[0].status == "done"


def test_generate_command_prints_a_summary_and_plain_errors(store, db_path: Path, tiny_llama: Path,
                                                            tmp_path: Path, capsys) -> None:
    import json

    from reviewer.cli.main import main

    make_cases(store, 2)
    base = ["--db", str(db_path), "generate", "--model", str(tiny_llama), "--max-new-tokens", "4",
            "--device", "cpu", "--quiet"]
    assert main([*base, "--samples", "2", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == 6 and summary["status"] == "done" and summary["device"] == "cpu"
    assert summary["completion_tokens"] > 0 and summary["tokens_per_s"] > 0
    assert main(base) == 0  # the same command again resumes the same run: nothing left to do
    out = capsys.readouterr().out
    assert "answers written 0, already there 3" in out and "tokens/s" in out
    assert main([*base[:4], str(tmp_path), "--max-new-tokens", "4"]) == 2
    assert "reviewer: error:" in capsys.readouterr().err
