"""How long checklist triage takes on a study of realistic size (prints the figures).

Builds a synthetic study in a temporary SQLite file: CASES cases x CRITERIA criteria, RESPONSES
answers per case, RATERS physicians rating every answer, one judge run with a verdict per answer
and criterion, a feedback note on every tenth criterion. Then times ``triage`` (1,000 bootstrap
resamples per figure, as the command line does) and ``disagreements`` for the worst row.

Usage: python benchmarks/triage_speed.py [CASES] [CRITERIA]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.checklists.triage import disagreements, triage
from reviewer.importing.common import bulk_insert  # noqa: E402
from reviewer.store import open_store
from reviewer.store.models import (
    SUBMITTED,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Feedback,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Rating,
    Response,
)
from reviewer.studies.lookup import create_study

RESPONSES, RATERS = 3, 3


def build(store, n_cases: int, n_criteria: int, seed: int = 0) -> None:  # noqa: ANN001
    rng = np.random.default_rng(seed)
    with store.begin() as s:
        study = create_study(s, "bench")
        model = Model(study_id=study.id, name="m")
        run = JudgeRun(study_id=study.id, name="judge", mode="imported", status="done")
        s.add_all([model, run])
        s.flush()
        raters = bulk_insert(s, Rater, [{"name": f"r{i}", "display_name": "", "role": "physician"}
                                        for i in range(RATERS)])
        cases = bulk_insert(s, Case, [{"study_id": study.id, "source": "bench", "external_id": f"c{i}",
                                       "title": "", "category": "", "turns": [], "tags": [], "meta": {},
                                       "content_hash": ""} for i in range(n_cases)])
        cvs = bulk_insert(s, ChecklistVersion, [{"case_id": c, "version": 1, "author": "", "reason": ""}
                                                for c in cases])
        crits = bulk_insert(s, Criterion, [{"checklist_version_id": cv, "key": f"k{j}", "position": j,
                                            "text": f"criterion {j}", "tags": []}
                                           for cv in cvs for j in range(n_criteria)])
        resps = bulk_insert(s, Response, [{"case_id": c, "model_id": model.id, "external_id": f"{c}-{k}",
                                           "sample_index": 0, "text": "answer", "blind_label": "ABC"[k],
                                           "settings": {}, "content_hash": ""}
                                          for c in cases for k in range(RESPONSES)])
        ratings = bulk_insert(s, Rating, [{"response_id": r, "rater_id": q, "status": SUBMITTED,
                                           "extra_scores": {}, "comment": "", "version": 1,
                                           "safety_flag": False, "time_spent_s": 0.0, "source": "app"}
                                          for r in resps for q in raters])
        truth = rng.random((n_cases, RESPONSES, n_criteria)) < 0.5
        noise = rng.random((n_cases, RESPONSES, RATERS, n_criteria)) < rng.random((1, 1, 1, n_criteria)) * 0.4
        rows, verdicts = [], []
        for ci in range(n_cases):
            for k in range(RESPONSES):
                rid = resps[ci * RESPONSES + k]
                for q in range(RATERS):
                    rating = ratings[(ci * RESPONSES + k) * RATERS + q]
                    for j in range(n_criteria):
                        met = truth[ci, k, j] ^ noise[ci, k, q, j]
                        rows.append({"rating_id": rating, "criterion_id": crits[ci * n_criteria + j],
                                     "value": "met" if met else "not_met"})
                for j in range(n_criteria):
                    verdicts.append({"judge_run_id": run.id, "response_id": rid,
                                     "criterion_id": crits[ci * n_criteria + j], "met": bool(rng.random() < 0.5),
                                     "explanation": "", "raw_output": "", "parse_status": "imported",
                                     "attempts": 1})
        bulk_insert(s, CriterionRating, rows)
        bulk_insert(s, JudgeVerdict, verdicts)
        bulk_insert(s, Feedback, [{"rater_id": raters[0], "criterion_id": c, "kind": "unclear", "note": ""}
                                  for c in crits[::10]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=int, default=500, help="cases (default 500)")
    parser.add_argument("criteria", nargs="?", type=int, default=8,
                        help="criteria per case (default 8; 6250 x 8 = 50,000, HealthBench size)")
    args = parser.parse_args()
    n_cases, n_criteria = args.cases, args.criteria
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        t = time.perf_counter()
        build(store, n_cases, n_criteria)
        print(f"built {n_cases} cases x {n_criteria} criteria x {RESPONSES} answers x {RATERS} raters "
              f"in {time.perf_counter() - t:.1f} s")
        for n_boot in (0, 1000):
            t = time.perf_counter()
            with store.Session() as s:
                rows = triage(s, "bench", n_boot=n_boot)
            dt = time.perf_counter() - t
            print(f"triage, {n_boot} resamples: {len(rows)} criteria in {dt:.2f} s "
                  f"({1000 * dt / len(rows):.2f} ms per criterion)")
        t = time.perf_counter()
        with store.Session() as s:
            rep = disagreements(s, rows[0].key, rows[0].case)
        print(f"disagreements for the worst criterion: {len(rep.rows)} responses in {time.perf_counter() - t:.3f} s")
        store.close()


if __name__ == "__main__":
    main()
