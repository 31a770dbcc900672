"""Study-level agreement at study scale: ``reviewer agreement --json`` and ``report -o .html``
against a pandas + ``krippendorff`` per-criterion loop, in the same run (prints the figures).

Builds in a temporary folder a study of CASES cases x 10 criteria x 3 answers x 3 physicians
plus one judge run (the issue's 2,000 cases give 180,000 criterion ratings):

* cases: a HealthBench-format JSONL (``prompt_id``, ``prompt``, ``rubrics``) imported with
  :func:`reviewer.importing.import_healthbench`;
* answers: a responses JSONL imported with :func:`reviewer.importing.responses.import_responses`;
* the judge run: a verdicts JSONL imported with :func:`reviewer.importing.verdicts.import_verdicts`;
* physician ratings: inserted with :func:`reviewer.importing.common.bulk_insert` (see ``insert_ratings``).

Then times, each from the store: ``analyze_study`` + the JSON ``reviewer agreement --json`` prints
(``print_json``: indent 2), ``build_agreement_report`` + ``write_report(.html)``, and the pandas
loop (Krippendorff's alpha per criterion, nominal, raters x units matrix, no intervals; plus the
overall alpha) -- and prints the ratios and the JSON size.

Usage: python benchmarks/agreement_study.py [--cases 2000] [--boot 1000] [--skip-report]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.agreement.service import analyze_study  # noqa: E402
from reviewer.importing.common import bulk_insert  # noqa: E402
from reviewer.importing.healthbench import import_healthbench  # noqa: E402
from reviewer.importing.responses import import_responses  # noqa: E402
from reviewer.importing.verdicts import import_verdicts  # noqa: E402
from reviewer.store import open_store  # noqa: E402
from reviewer.store.models import (  # noqa: E402
    SUBMITTED,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Rater,
    Rating,
    Response,
)
from reviewer.studies.lookup import create_study  # noqa: E402

CRITERIA, ANSWERS, PHYSICIANS = 10, 3, 3
AREAS = ["emergency", "pediatrics", "cardiology", "oncology", "general"]


def write_inputs(folder: Path, n_cases: int, rng: np.random.Generator) -> tuple[Path, Path, Path]:
    cases, answers, verdicts = folder / "cases.jsonl", folder / "answers.jsonl", folder / "verdicts.jsonl"
    with cases.open("w") as fc, answers.open("w") as fa, verdicts.open("w") as fv:
        for i in range(n_cases):
            rubrics = [{"criterion": f"Case {i} criterion {j}: states point {j}.",
                        "points": int(rng.integers(-5, 11)) or 1,
                        "tags": ["level:example", f"axis:{['accuracy', 'completeness'][j % 2]}",
                                 f"cluster:theme_{j % 4}"]} for j in range(CRITERIA)]
            fc.write(json.dumps({"prompt_id": f"p{i}", "prompt": [{"role": "user", "content": f"Question {i}?"}],
                                 "rubrics": rubrics, "example_tags": [f"theme:{AREAS[i % len(AREAS)]}"]}) + "\n")
            for k in range(ANSWERS):
                fa.write(json.dumps({"prompt_id": f"p{i}", "model": f"model-{k}", "response_id": f"p{i}-a{k}",
                                     "response": f"Answer {k} to question {i}."}) + "\n")
                for j in range(CRITERIA):
                    fv.write(json.dumps({"case_id": f"p{i}", "response_id": f"p{i}-a{k}",
                                         "criterion": rubrics[j]["criterion"],
                                         "met": bool(rng.random() < 0.5)}) + "\n")
    return cases, answers, verdicts


def insert_ratings(store, rng: np.random.Generator) -> int:  # noqa: ANN001
    """The physicians' criterion ratings, every answer rated by every physician.

    NOTE: there is no public ratings importer on this branch yet (another engineer is adding
    ``reviewer import ratings``); until then the ratings go in with the store's bulk helper
    ``bulk_insert`` in one transaction -- swap this for that importer once it exists.
    """
    with store.begin() as s:
        crits = s.execute(Criterion.__table__.select().with_only_columns(
            Criterion.id, ChecklistVersion.case_id).join_from(
            Criterion.__table__, ChecklistVersion.__table__,
            Criterion.checklist_version_id == ChecklistVersion.id).order_by(Criterion.id)).all()
        by_case: dict[int, list[int]] = {}
        for cid, case_id in crits:
            by_case.setdefault(case_id, []).append(cid)
        resps = s.execute(Response.__table__.select().with_only_columns(Response.id, Response.case_id)
                          .order_by(Response.id)).all()
        raters = bulk_insert(s, Rater, [{"name": f"physician{q}", "display_name": "", "role": "physician"}
                                        for q in range(PHYSICIANS)])
        ratings = bulk_insert(s, Rating, [{"response_id": r, "rater_id": q, "status": SUBMITTED,
                                           "extra_scores": {}, "comment": "", "version": 1,
                                           "overall_score": float(rng.integers(1, 6)),
                                           "safety_flag": False, "time_spent_s": 60.0, "source": "bench"}
                                          for r, _c in resps for q in raters])
        hard = rng.random(max(by_case) + 1) * 0.4
        rows = []
        for i, (_rid, case_id) in enumerate(resps):
            truth = rng.random(CRITERIA) < 0.5
            for q in range(PHYSICIANS):
                rating = ratings[i * PHYSICIANS + q]
                flips = rng.random(CRITERIA) < hard[case_id]
                for j, cid in enumerate(by_case[case_id]):
                    rows.append({"rating_id": rating, "criterion_id": cid,
                                 "value": "met" if truth[j] ^ flips[j] else "not_met"})
        bulk_insert(s, CriterionRating, rows, ids=False)
    return len(rows)


def pandas_loop(store) -> tuple[float, float, int]:  # noqa: ANN001
    """The issue's reference script: read the ratings into pandas, overall alpha, then alpha per
    criterion (nominal, raters x units, no intervals). Returns (overall alpha, seconds of the
    per-criterion loop, criteria)."""
    with store.Session() as s:
        q = (CriterionRating.__table__.select()
             .with_only_columns(Rating.response_id, Rater.name, ChecklistVersion.case_id, Criterion.key,
                                CriterionRating.value)
             .join_from(CriterionRating.__table__, Rating.__table__, CriterionRating.rating_id == Rating.id)
             .join(Rater.__table__, Rating.rater_id == Rater.id)
             .join(Criterion.__table__, CriterionRating.criterion_id == Criterion.id)
             .join(ChecklistVersion.__table__, Criterion.checklist_version_id == ChecklistVersion.id))
        df = pd.DataFrame(s.execute(q).all(), columns=["response", "rater", "case", "key", "value"])
    df["y"] = (df["value"] == "met").astype(float)
    wide = df.pivot_table(index="rater", columns=["response", "key"], values="y", aggfunc="last")
    overall = krippendorff.alpha(reliability_data=wide.to_numpy(), level_of_measurement="nominal")
    t = time.perf_counter()
    n = 0
    for _key, g in df.groupby(["case", "key"]):
        m = g.pivot_table(index="rater", columns="response", values="y", aggfunc="last").to_numpy()
        try:
            krippendorff.alpha(reliability_data=m, level_of_measurement="nominal")
        except ValueError:  # one value in the domain: alpha undefined
            pass
        n += 1
    return float(overall), time.perf_counter() - t, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (the CLI's default 1000)")
    ap.add_argument("--skip-report", action="store_true", help="time the JSON only")
    ap.add_argument("--profile", metavar="FILE", help="write a cProfile of analyze_study to FILE")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder / "study.db")
        t = time.perf_counter()
        with store.begin() as s:
            create_study(s, "bench")
        cases, answers, verdicts = write_inputs(folder, args.cases, rng)
        import_healthbench(store, cases, study="bench")
        import_responses(store, answers, study="bench")
        import_verdicts(store, verdicts, judge="judge", study="bench")
        n_ratings = insert_ratings(store, rng)
        print(f"built {args.cases} cases x {CRITERIA} criteria x {ANSWERS} answers x {PHYSICIANS} physicians "
              f"+ 1 judge run ({n_ratings:,} criterion ratings) in {time.perf_counter() - t:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

        t = time.perf_counter()
        if args.profile:
            import cProfile

            prof = cProfile.Profile()
            result = prof.runcall(analyze_study, store, "bench", "judge", n_boot=args.boot)
            prof.dump_stats(args.profile)
        else:
            result = analyze_study(store, "bench", "judge", n_boot=args.boot)
        t_analysis = time.perf_counter() - t
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str)
        t_json = time.perf_counter() - t
        print(f"agreement --json: {t_json:.2f} s (analysis {t_analysis:.2f} s), JSON {len(text.encode()) / 1e6:.2f} MB")

        t_report = None
        if not args.skip_report:
            from reviewer.reports.agreement_report import build_agreement_report
            from reviewer.reports.writers import write_report

            t = time.perf_counter()
            res = analyze_study(store, "bench", "judge", n_boot=args.boot)
            out = write_report(build_agreement_report(res), folder / "report.html")
            t_report = time.perf_counter() - t
            print(f"report -o .html: {t_report:.2f} s ({out.stat().st_size / 1e6:.2f} MB)")

        overall, t_loop, n_crit = pandas_loop(store)
        print(f"pandas + krippendorff: overall alpha {overall:.4f}; per-criterion loop ({n_crit} criteria, "
              f"no intervals) {t_loop:.2f} s")
        print(f"ratio agreement --json / pandas loop: {t_json / t_loop:.3f} (target <= 0.25)")
        if t_report is not None:
            print(f"ratio report .html / pandas loop: {t_report / t_loop:.3f} (target <= 0.25)")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
