"""Import speed at HealthBench scale: 5,000 cases / 57,000 criteria, 30,000 meta rows / 60,000 labels.

Generates the two files (HealthBench main format and meta-evaluation format, synthetic text)
in a temporary folder, imports each into a fresh SQLite study database through the public
importer functions, checks the counts, and prints the seconds against the targets
(< 10 s and < 15 s on the project's 2-core machine). Wall time is the target; CPU time is
printed beside it because on a shared, loaded machine wall time mostly measures the other
processes. Run from the repository root:

    python benchmarks/import_scale.py [--cases 5000 --criteria 57000 --meta-rows 30000 --labels 60000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.importing import import_healthbench, import_healthbench_meta  # noqa: E402
from reviewer.store import open_store  # noqa: E402

AXES = ["accuracy", "completeness", "communication_quality", "context_awareness", "instruction_following"]
THEMES = ["emergency_referrals", "context_seeking", "global_health", "hedging", "communication"]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def write_main(path: Path, n_cases: int, n_criteria: int, rng: random.Random) -> list[dict]:
    """HealthBench main-format lines; criteria spread as evenly as possible over the cases."""
    base, extra = divmod(n_criteria, n_cases)
    examples = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_cases):
            k = base + (1 if i < extra else 0)
            rubrics = [{"criterion": f"Case {i} criterion {j}: the answer addresses point {rng.random():.6f}.",
                        "points": rng.choice([-10, -5, -2, 1, 2, 3, 5, 7, 10]),
                        "tags": ["level:example", f"axis:{rng.choice(AXES)}"]} for j in range(k)]
            row = {"prompt_id": _uuid(rng),
                   "prompt": [{"role": "user", "content": f"Synthetic question {i}: " + "symptom " * 30}],
                   "rubrics": rubrics,
                   "example_tags": [f"theme:{rng.choice(THEMES)}", "physician_agreed_category:enough-context"],
                   "ideal_completions_data": None, "canary": "synthetic"}
            examples.append(row)
            out.write(json.dumps(row) + "\n")
    return examples


def write_meta(path: Path, n_rows: int, n_labels: int, rng: random.Random) -> None:
    """Meta rows: prompts x 2 completions x 5 criteria; labels spread evenly over the rows."""
    per_label, extra = divmod(n_labels, n_rows)
    physicians = [f"phys-{i:03d}" for i in range(60)]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        p = 0
        while written < n_rows:
            prompt_id = _uuid(rng)
            prompt = [{"role": "user", "content": f"Synthetic meta question {p}: " + "detail " * 30}]
            criteria = [f"Prompt {p} consensus criterion {j}." for j in range(5)]
            for c in range(2):
                completion_id = _uuid(rng)
                completion = f"Synthetic completion {c} of prompt {p}: " + "advice " * 60
                raters = rng.sample(physicians, per_label + 1)
                for j, criterion in enumerate(criteria):
                    if written >= n_rows:
                        break
                    k = per_label + (1 if written < extra else 0)
                    row = {"prompt_id": prompt_id, "completion_id": completion_id, "prompt": prompt,
                           "completion": completion, "rubric": criterion,
                           "category": f"cluster:synthetic_{j}",
                           "binary_labels": [rng.random() < 0.6 for _ in range(k)],
                           "anonymized_physician_ids": raters[:k], "canary": "synthetic"}
                    out.write(json.dumps(row) + "\n")
                    written += 1
            p += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--criteria", type=int, default=57000)
    parser.add_argument("--meta-rows", type=int, default=30000)
    parser.add_argument("--labels", type=int, default=60000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    ok = True
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-") as tmp:
        folder = Path(tmp)
        main_file, meta_file = folder / "healthbench.jsonl", folder / "meta.jsonl"
        write_main(main_file, args.cases, args.criteria, rng)
        write_meta(meta_file, args.meta_rows, args.labels, rng)
        for label, importer, file, target, expect in (
            ("healthbench", import_healthbench, main_file, 10.0,
             {"cases": args.cases, "criteria": args.criteria}),
            ("healthbench-meta", import_healthbench_meta, meta_file, 15.0,
             {"criterion_ratings": args.labels}),
        ):
            store = open_store(folder / f"{label}.db")
            start, cpu = time.perf_counter(), time.process_time()
            report = importer(store, file)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            start = time.perf_counter()
            again = importer(store, file)
            seconds_again = time.perf_counter() - start
            store.close()
            counts_ok = all(report.created.get(k) == v for k, v in expect.items())
            fast = seconds < target
            ok &= counts_ok and fast and again.total_created == 0
            made = ", ".join(f"{k} {v}" for k, v in report.created.items() if v)
            print(f"{label:<17} {seconds:6.2f} s wall, {cpu:5.2f} s CPU  "
                  f"(target < {target:.0f} s: {'ok' if fast else 'SLOW'})  "
                  f"re-import {seconds_again:5.2f} s adding {again.total_created}  [{made}]"
                  + ("" if counts_ok else "  COUNTS WRONG"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
