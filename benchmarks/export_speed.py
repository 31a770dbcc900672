"""Export speed on a large study: 2,000 cases x 10 criteria x 3 answers x 3 physicians.

Builds the study through the public importers, in a temporary folder: a HealthBench-format
JSONL (cases + checklists), a responses JSONL (3 answers per case) and a ratings CSV for
``reviewer import ratings`` (3 physicians rate every answer on every criterion, with an overall
score): 180,000 criterion ratings. Then times ``export ratings`` to CSV (and JSONL, Parquet)
through the public ``reviewer.studies.exports.export``. The issue's target: ``export ratings``
to CSV <= 3 s on this study.

``--before REF`` also times the exports module as it was at git commit REF (loaded from
``git show REF:reviewer/studies/exports.py``) on the same database, and checks that both write
byte-identical files. Run from the repository root:

    python benchmarks/export_speed.py [--cases 2000 --criteria 10 --answers 3 --raters 3] [--before cc91a07]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.importing import import_healthbench, import_ratings, import_responses  # noqa: E402
from reviewer.importing.common import criterion_key  # noqa: E402
from reviewer.store import open_store  # noqa: E402
from reviewer.studies import exports  # noqa: E402

TARGET_S = 3.0


def write_files(folder: Path, n_cases: int, n_criteria: int, n_answers: int, n_raters: int,
                rng: random.Random) -> tuple[Path, Path, Path, int]:
    """The three input files; returns their paths and the number of criterion ratings."""
    cases, answers, ratings = folder / "cases.jsonl", folder / "responses.jsonl", folder / "ratings.csv"
    n_labels = 0
    with cases.open("w", encoding="utf-8") as fc, answers.open("w", encoding="utf-8") as fa, \
            ratings.open("w", encoding="utf-8", newline="") as fr:
        writer = csv.writer(fr)
        writer.writerow(["rater", "case_external_id", "response_external_id", "criterion_key", "value",
                         "overall_score"])
        for i in range(n_cases):
            case_id = f"case-{i:05d}"
            texts = [f"Case {i} criterion {j}: the answer addresses point {rng.random():.6f}."
                     for j in range(n_criteria)]
            used: set[str] = set()
            keys = [criterion_key(t, used) for t in texts]  # the importer's keys (a hash of the text)
            fc.write(json.dumps({
                "prompt_id": case_id, "prompt": [{"role": "user", "content": f"Question {i}: " + "symptom " * 20}],
                "rubrics": [{"criterion": t, "points": rng.choice([-5, -2, 1, 2, 5, 10]),
                             "tags": ["axis:accuracy"]} for t in texts],
                "example_tags": ["theme:synthetic"]}) + "\n")
            for a in range(n_answers):
                answer_id = f"{case_id}-a{a}"
                fa.write(json.dumps({"case_id": case_id, "model": f"model-{a}", "response_id": answer_id,
                                     "response": f"Answer {a} to question {i}: " + "advice " * 40}) + "\n")
                for p in range(n_raters):
                    score = rng.randint(1, 5)
                    for j, key in enumerate(keys):
                        value = "met" if rng.random() < 0.6 else "not_met"
                        writer.writerow([f"phys-{p}", case_id, answer_id, key, value, score if j == 0 else ""])
                        n_labels += 1
    return cases, answers, ratings, n_labels


def load_module_at(ref: str) -> ModuleType:
    """reviewer/studies/exports.py as it was at git commit *ref*, as a module of its own."""
    source = subprocess.run(["git", "show", f"{ref}:reviewer/studies/exports.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp(prefix="exports-before-")) / "exports_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("exports_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--criteria", type=int, default=10)
    parser.add_argument("--answers", type=int, default=3)
    parser.add_argument("--raters", type=int, default=3)
    parser.add_argument("--before", default=None, help="git commit of the exports module to compare with")
    parser.add_argument("--formats", default=".csv,.jsonl,.parquet")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="export-speed-") as tmp:
        folder = Path(tmp)
        cases, answers, ratings, n_labels = write_files(folder, args.cases, args.criteria, args.answers,
                                                        args.raters, rng)
        db = folder / "study.db"
        store = open_store(db)  # created and migrated
        try:
            for name, fn in (("import healthbench", lambda: import_healthbench(store, cases)),
                             ("import responses", lambda: import_responses(store, answers)),
                             ("import ratings", lambda: import_ratings(store, ratings))):
                report, wall, cpu = timed(fn)
                print(f"{name:<20} {wall:7.2f} s wall {cpu:7.2f} s cpu  {dict(report.created)}")
            before = load_module_at(args.before) if args.before else None
            print(f"study: {args.cases} cases x {args.criteria} criteria x {args.answers} answers x "
                  f"{args.raters} physicians = {n_labels} criterion ratings")
            ok = True
            for ext in args.formats.split(","):
                out = folder / f"ratings{ext}"
                n, wall, cpu = timed(lambda out=out: exports.export(store, "ratings", out))
                assert n == n_labels, (n, n_labels)
                line = f"export ratings {ext:<8} now    {wall:6.2f} s wall {cpu:6.2f} s cpu  ({n} rows)"
                if ext == ".csv":
                    line += f"  target <= {TARGET_S:.0f} s: {'met' if wall <= TARGET_S else 'NOT met'}"
                print(line)
                if before is not None:
                    old = folder / f"ratings-before{ext}"
                    _n, wall_b, cpu_b = timed(lambda old=old: before.export(store, "ratings", old))
                    if ext == ".parquet":  # the same table (the file's bytes carry a writer stamp)
                        import pyarrow.parquet as pq

                        same = pq.read_table(old).equals(pq.read_table(out))
                    else:
                        same = digest(old) == digest(out)
                    ok &= same
                    print(f"export ratings {ext:<8} before {wall_b:6.2f} s wall {cpu_b:6.2f} s cpu  "
                          f"(at {args.before}; output {'identical' if same else 'DIFFERENT'})")
        finally:
            store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
