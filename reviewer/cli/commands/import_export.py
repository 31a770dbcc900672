"""``reviewer import KIND FILE`` and ``reviewer export KIND -o FILE``."""

from __future__ import annotations

import argparse

from reviewer.cli.common import add_study_option, print_report, store_from_args
from reviewer.errors import InputError

IMPORT_KINDS = ("healthbench", "healthbench-meta", "llmeval-med", "ratings", "responses", "verdicts")  # = IMPORTERS
EXPORT_KINDS = ("ratings", "cases", "responses", "verdicts", "gold")


def cmd_import(args: argparse.Namespace) -> int:
    from reviewer.importing.operations import import_options, run_import

    options = {"study": args.study, "judge": args.judge, "judge_model": args.judge_model, "model": args.model}
    import_options(args.kind, args.file, **options)  # refused before the store is opened
    store = store_from_args(args)
    try:
        report = run_import(store, args.kind, args.file, **options)
    finally:
        store.close()
    return print_report(args, report.to_dict(), "\n".join(report.summary_lines()))


def cmd_export(args: argparse.Namespace) -> int:
    from reviewer.studies.exports import export

    store = store_from_args(args)
    try:
        if args.kind == "gold":  # the adjudicated set (reviewer.adjudication)
            from reviewer.adjudication.export import export_gold

            n = export_gold(store, args.output, study=args.study, fmt=args.format or "rows")
        else:
            if args.format is not None:
                raise InputError("--format is for `export gold` (rows or healthbench)")
            n = export(store, args.kind, args.output, study=args.study)
    finally:
        store.close()
    print(f"wrote {n} {args.kind} rows to {args.output}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a benchmark file, model answers, ratings or judge verdicts",
                       description="Import one file in one transaction: it lands whole or not at all. "
                       "Importing the same file again adds nothing.")
    p.add_argument("kind", choices=IMPORT_KINDS, help="what the file holds")
    p.add_argument("file", help="the file (JSONL; responses also CSV or JSON; llmeval-med dataset.json; "
                   "verdicts also simple-evals *_allresults.json; ratings CSV, JSONL or Parquet "
                   "as `export ratings` writes them)")
    add_study_option(p)
    p.add_argument("--judge", default=None, help="verdicts: the judge run to store them as (required)")
    p.add_argument("--judge-model", default=None, help="verdicts: the judge model's name, for the record")
    p.add_argument("--model", default=None,
                   help="responses: the model name for rows without one; verdicts (allresults): the "
                   "model of completions not yet in the study")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="export ratings, cases, responses, verdicts or gold labels (CSV, JSONL, Parquet)",
                       description="Long format with stable ids: one row per criterion rating, case, "
                       "response, verdict or gold label. The format follows the extension of -o.")
    p.add_argument("kind", choices=EXPORT_KINDS)
    p.add_argument("-o", "--output", required=True, help="FILE.csv, FILE.jsonl or FILE.parquet")
    p.add_argument("--study", default=None, help="only this study (default: every study)")
    p.add_argument("--format", choices=("rows", "healthbench"), default=None,
                   help="gold only: rows (default; by the extension of -o) or healthbench (consensus-style "
                   "JSONL: per case, the criteria that reached consensus, with the gold labels)")
    p.set_defaults(func=cmd_export)
