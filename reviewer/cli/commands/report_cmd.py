"""``reviewer report -o FILE.html|.pdf|.xlsx|.csv``: the agreement report of a study."""

from __future__ import annotations

import argparse

from reviewer.cli.common import add_study_option, store_from_args


def cmd_report(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from reviewer.agreement.service import analyze_study
    from reviewer.reports.agreement_report import build_agreement_report
    from reviewer.reports.writers import write_report

    store = store_from_args(args)
    categories = [c.strip() for c in args.categories.split(",")] if args.categories else None
    models = [m.strip() for m in args.models.split(",")] if args.models else None
    with tqdm(total=100, desc="analysing", unit="%", disable=args.quiet) as bar:
        def progress(step: str, frac: float) -> None:
            bar.set_description(step)
            bar.n = int(frac * 80)
            bar.refresh()

        result = analyze_study(store, args.study, args.judge_run, categories=categories, models=models,
                               n_boot=args.bootstrap, seed=args.seed, progress=progress)
        bar.set_description("writing report")
        doc = build_agreement_report(result)
        outputs = [write_report(doc, path) for path in args.output]
        bar.n = 100
        bar.refresh()
    for out in outputs:
        print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the agreement report (HTML, PDF, XLSX or CSV)",
                       description="Rater-rater and judge-rater agreement of a study as a report. The format "
                       "follows the extension: .html (one self-contained file), .pdf, .xlsx (one sheet per "
                       "table) or .csv (all tables stacked, column 'table').")
    p.add_argument("-o", "--output", action="append", required=True, metavar="FILE",
                   help="output file; repeat for several formats")
    add_study_option(p)
    p.add_argument("--judge-run", default=None, help="only this judge run (default: every run)")
    p.add_argument("--categories", default=None, help="comma-separated categories to keep")
    p.add_argument("--models", default=None, help="comma-separated model names to keep")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_report)
