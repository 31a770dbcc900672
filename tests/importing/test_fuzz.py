"""A bounded fuzzer over the importers (issue 15): a few hundred mutated import files, byte-level and
structure-level, from a fixed seed, imported in-process into one real SQLite study. Every file either
imports or is refused with a ReviewerError naming what is wrong; none ends in another exception (a
traceback for the user), and a refused file leaves the database exactly as it was (row digest)."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewer.errors import ReviewerError
from reviewer.importing import IMPORTERS
from reviewer.store import open_store
from tests.support.db import build_template, copy_database
from tests.support.fuzz import db_digest, mutate_bytes, mutate_csv, mutate_json, mutate_jsonl

SEED = 15
PER_SEED_FILE = 34  # 9 seed files x 34 = 306 mutated files


@pytest.fixture(scope="module")
def fuzz_template(tmp_path_factory: pytest.TempPathFactory, demo_template: Path, healthbench_dir: Path) -> Path:
    from reviewer.importing import import_healthbench

    return build_template(tmp_path_factory.mktemp("fuzz") / "t.db",
                          lambda store: import_healthbench(store, healthbench_dir / "sample.jsonl"),
                          start=demo_template)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, fuzz_template: Path, healthbench_dir: Path,
          llmeval_med_file: Path) -> list[tuple[str, str, bytes, dict]]:
    """(importer, suffix, valid content, importer options) for every importer and format."""
    from reviewer.studies.exports import export

    folder = tmp_path_factory.mktemp("fuzz-seeds")
    store = open_store(copy_database(fuzz_template, folder / "s.db"))
    export(store, "ratings", folder / "r.csv", study="Demo study")
    export(store, "ratings", folder / "r.jsonl", study="Demo study")
    export(store, "responses", folder / "a.jsonl", study="Demo study")
    store.close()
    head = lambda p, n: b"".join((folder / p).read_bytes().splitlines(keepends=True)[:n])  # noqa: E731
    answers = [json.loads(line) for line in (folder / "a.jsonl").read_text("utf-8").splitlines()[:4]]
    responses = "".join(json.dumps({"case_id": a["case_external_id"], "model": "fuzz-model",
                                    "response": a["text"] + " (fuzz)"}) + "\n" for a in answers)
    responses_csv = "case_id,model,response\r\n" + "".join(
        f"{a['case_external_id']},fuzz-model,\"{a['text'].replace(chr(34), chr(39))} (csv)\"\r\n" for a in answers)
    verdicts = "".join(json.dumps({"case_id": a["case_uid"], "response_id": a["response_uid"], "score": 3}) + "\n"
                       for a in answers)
    llmeval = json.loads(llmeval_med_file.read_text("utf-8"))
    small = {area: records[:2] for area, records in list(llmeval.items())[:2]}
    return [
        ("healthbench", ".jsonl", (healthbench_dir / "sample.jsonl").read_bytes(), {}),
        ("healthbench-meta", ".jsonl", (healthbench_dir / "sample_meta.jsonl").read_bytes(), {}),
        ("llmeval-med", ".json", json.dumps(small, ensure_ascii=False).encode(), {}),
        ("responses", ".jsonl", responses.encode(), {}),
        ("responses", ".csv", responses_csv.encode(), {}),
        ("ratings", ".csv", head("r.csv", 25), {"study": "Demo study"}),
        ("ratings", ".jsonl", head("r.jsonl", 25), {"study": "Demo study"}),
        ("verdicts", ".jsonl", verdicts.encode(), {"judge": "fuzz-judge"}),
        ("verdicts", ".jsonl", head("a.jsonl", 3), {"judge": "fuzz-judge-2"}),  # wrong shape from the start
    ]


def _mutator(suffix: str) -> Callable:
    return {".jsonl": mutate_jsonl, ".json": mutate_json, ".csv": mutate_csv}[suffix]


def test_mutated_import_files_never_traceback_and_never_half_write(seeds, fuzz_template: Path,
                                                                    tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = copy_database(fuzz_template, tmp_path / "fuzz.db")
    store = open_store(db)
    outcomes: Counter[str] = Counter()
    tracebacks: list[str] = []
    changed: list[str] = []
    try:
        for kind, suffix, content, options in seeds:
            for n in range(PER_SEED_FILE):
                structural = n % 2 == 1
                try:
                    data = _mutator(suffix)(content, rng) if structural else mutate_bytes(content, rng)
                except (ValueError, UnicodeDecodeError):  # a seed its structure mutator cannot parse
                    data = mutate_bytes(content, rng)
                path = tmp_path / f"{kind}-{n}{suffix}"
                path.write_bytes(data)
                before = db_digest(db)
                try:
                    IMPORTERS[kind](store, path, **options)
                except ReviewerError as exc:
                    outcomes["refused"] += 1
                    assert str(exc).strip(), path
                    if db_digest(db) != before:
                        changed.append(f"{path.name}: {exc}")
                except Exception as exc:  # noqa: BLE001 - what the fuzzer is looking for
                    tracebacks.append(f"{path.name} ({'structure' if structural else 'bytes'}): "
                                      f"{type(exc).__name__}: {str(exc)[:200]}")
                else:
                    outcomes["imported"] += 1
                path.unlink()
    finally:
        store.close()
    assert tracebacks == []
    assert changed == []
    assert sum(outcomes.values()) == PER_SEED_FILE * len(seeds) >= 300
    assert outcomes["refused"] > 100  # the mutations do bite
