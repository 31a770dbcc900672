"""Study-level agreement at study scale: ``reviewer agreement --json`` and ``report -o .html``
against a pandas + ``krippendorff`` per-criterion loop, in the same run (prints the figures).

Builds in a temporary folder a study of CASES cases x 10 criteria x 3 answers x 3 physicians
plus one judge run (the issue's 2,000 cases give 180,000 criterion ratings):

* cases: a HealthBench-format JSONL (``prompt_id``, ``prompt``, ``rubrics``) imported with
  :func:`reviewer.importing.import_healthbench`;
* answers: a responses JSONL imported with :func:`reviewer.importing.responses.import_responses`;
* the judge run: a verdicts JSONL imported with :func:`reviewer.importing.verdicts.import_verdicts`;
* physician ratings: a minimal ratings CSV imported with :func:`reviewer.importing.ratings.import_ratings`
  (``reviewer import ratings``).

Then times, each from the store: ``analyze_study`` + the JSON ``reviewer agreement --json`` prints
(``print_json``: indent 2), ``build_agreement_report`` + ``write_report(.html)``, and the pandas
loop (Krippendorff's alpha per criterion, nominal, raters x units matrix, no intervals; plus the
overall alpha) -- and prints the ratios and the JSON size.

Usage: python benchmarks/agreement_study.py [--cases 2000] [--boot 1000] [--skip-report]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.agreement.service import analyze_study  # noqa: E402
from reviewer.importing.healthbench import import_healthbench  # noqa: E402
from reviewer.importing.ratings import import_ratings  # noqa: E402
from reviewer.importing.responses import import_responses  # noqa: E402
from reviewer.importing.verdicts import import_verdicts  # noqa: E402
from reviewer.store import open_store  # noqa: E402
from reviewer.store.models import (  # noqa: E402
    Case,
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


def write_ratings(store, folder: Path, rng: np.random.Generator) -> tuple[Path, int]:  # noqa: ANN001
    """The physicians' criterion ratings as a minimal ``reviewer import ratings`` CSV (every answer
    rated by every physician; ``rater``, ``case_external_id``, ``response_external_id``,
    ``criterion_key``, ``value``, ``overall_score``), read back through the public importer."""
    with store.Session() as s:
        crits = s.execute(select(Case.external_id, Criterion.key)
                          .join(ChecklistVersion, ChecklistVersion.case_id == Case.id)
                          .join(Criterion, Criterion.checklist_version_id == ChecklistVersion.id)
                          .order_by(Case.id, Criterion.position)).all()
        resps = s.execute(select(Case.external_id, Response.external_id)
                          .join(Response, Response.case_id == Case.id).order_by(Response.id)).all()
    by_case: dict[str, list[str]] = {}
    for case, key in crits:
        by_case.setdefault(case, []).append(key)
    hard = {case: h for case, h in zip(by_case, rng.random(len(by_case)) * 0.4, strict=True)}
    path = folder / "ratings.csv"
    n = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["rater", "case_external_id", "response_external_id", "criterion_key", "value",
                    "overall_score"])
        for case, resp in resps:
            keys = by_case[case]
            truth = rng.random(len(keys)) < 0.5
            for q in range(PHYSICIANS):
                flips = rng.random(len(keys)) < hard[case]
                score = int(rng.integers(1, 6))
                for j, key in enumerate(keys):
                    w.writerow([f"physician{q}", case, resp, key, "met" if truth[j] ^ flips[j] else "not_met",
                                score])
                    n += 1
    return path, n


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
    ap.add_argument("--keep", metavar="DIR", help="build the study in DIR and reuse it when DIR/study.db exists")
    ap.add_argument("--demo", action="store_true",
                    help="also time the bundled demo study: agreement --json and the app's Analyse (tables and plots)")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        reuse = (folder / "study.db").exists()
        store = open_store(folder / "study.db")
        if reuse:
            print(f"reusing {folder / 'study.db'}")
        else:
            build(store, folder, args.cases, rng)
        run_figures(store, folder, args)
        store.close()
        if args.demo:
            demo_figures(folder, args.boot)
    return 0


def demo_figures(folder: Path, n_boot: int) -> None:
    """The demo study: ``agreement --json`` (analysis + JSON) and Analyse in the app (analysis +
    the report's tables and plots, as the Agreement view's job computes them); second of two runs."""
    from reviewer.reports.agreement_report import build_agreement_report
    from reviewer.studies.demo import build_demo

    store = open_store(folder / "demo.db")
    build_demo(store)
    for _ in range(2):
        t = time.perf_counter()
        result = analyze_study(store, n_boot=n_boot)
        json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str)
        t_json = time.perf_counter() - t
        t = time.perf_counter()
        build_agreement_report(analyze_study(store, n_boot=n_boot))
        t_app = time.perf_counter() - t
    store.close()
    print(f"demo: agreement --json {t_json:.2f} s (target <= 2 s); Analyse in the app {t_app:.2f} s (target <= 2 s)")


def build(store, folder: Path, n_cases: int, rng: np.random.Generator) -> None:  # noqa: ANN001
    """The study through the public importers (cases, answers, verdicts, ratings)."""
    t = time.perf_counter()
    with store.begin() as s:
        create_study(s, "bench")
    cases, answers, verdicts = write_inputs(folder, n_cases, rng)
    import_healthbench(store, cases, study="bench")
    import_responses(store, answers, study="bench")
    import_verdicts(store, verdicts, judge="judge", study="bench")
    ratings_file, n_ratings = write_ratings(store, folder, rng)
    t_import = time.perf_counter()
    import_ratings(store, ratings_file, study="bench")
    t_import = time.perf_counter() - t_import
    print(f"built {n_cases} cases x {CRITERIA} criteria x {ANSWERS} answers x {PHYSICIANS} physicians "
          f"+ 1 judge run ({n_ratings:,} criterion ratings) in {time.perf_counter() - t:.1f} s "
          f"(import ratings {t_import:.1f} s)")


def run_figures(store, folder: Path, args: argparse.Namespace) -> None:  # noqa: ANN001
    """Times agreement --json, report .html and the pandas loop on *store*; prints the ratios."""
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    steps: list[tuple[str, float]] = []
    t = time.perf_counter()

    def progress(step: str, _frac: float) -> None:
        steps.append((step, time.perf_counter() - t))

    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        result = prof.runcall(analyze_study, store, "bench", "judge", n_boot=args.boot, progress=progress)
        prof.dump_stats(args.profile)
    else:
        result = analyze_study(store, "bench", "judge", n_boot=args.boot, progress=progress)
    t_analysis = time.perf_counter() - t
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str)
    t_json = time.perf_counter() - t
    print(f"agreement --json: {t_json:.2f} s (analysis {t_analysis:.2f} s), JSON {len(text.encode()) / 1e6:.2f} MB")
    print("  steps: " + "; ".join(f"{name} at {at:.2f} s" for name, at in steps))

    t_report = None
    if not args.skip_report:
        from reviewer.reports.agreement_report import build_agreement_report
        from reviewer.reports.writers import write_report

        t = time.perf_counter()
        res = analyze_study(store, "bench", "judge", n_boot=args.boot)
        out = write_report(build_agreement_report(res), folder / "report.html")
        t_report = time.perf_counter() - t
        print(f"report -o .html: {t_report:.2f} s ({out.stat().st_size / 1e6:.2f} MB)")

    from reviewer.studies.exports import export

    t = time.perf_counter()
    n_rows = export(store, "ratings", folder / "export.csv")
    t_export = time.perf_counter() - t
    print(f"export ratings .csv: {t_export:.2f} s ({n_rows:,} rows)")

    overall, t_loop, n_crit = pandas_loop(store)
    print(f"pandas + krippendorff: overall alpha {overall:.4f}; per-criterion loop ({n_crit} criteria, "
          f"no intervals) {t_loop:.2f} s")
    print(f"ratio agreement --json / pandas loop: {t_json / t_loop:.3f} (target <= 0.25; "
          f"{t_json:.2f} s, target <= 10 s)")
    if t_report is not None:
        print(f"ratio report .html / pandas loop: {t_report / t_loop:.3f} (target <= 0.25; "
              f"{t_report:.2f} s, target <= 20 s)")
    print(f"ratio export ratings / pandas loop: {t_export / t_loop:.3f} (target <= 0.25; "
          f"{t_export:.2f} s, target <= 3 s)")


if __name__ == "__main__":
    sys.exit(main())
