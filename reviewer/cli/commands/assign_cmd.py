"""``reviewer assign``: design who rates which response (see reviewer.studies.assignment)."""

from __future__ import annotations

import argparse

from reviewer import login_name
from reviewer.cli.common import add_study_option, print_report, store_from_args
from reviewer.errors import InputError


def cmd_assign(args: argparse.Namespace) -> int:
    from reviewer.studies.assignment import design_assignments
    from reviewer.studies.lookup import get_study

    if args.judge_run and not args.prioritize:
        raise InputError("--judge-run only matters with --prioritize", item="--judge-run")
    raters = [r.strip() for r in args.raters.split(",") if r.strip()]
    judge_run = None
    if args.judge_run:
        parts = [p.strip() for p in args.judge_run.split(",") if p.strip()]
        judge_run = parts[0] if len(parts) == 1 else parts
    store = store_from_args(args)
    with store.begin() as session:
        study = get_study(session, args.study)
        report = design_assignments(
            session, study, raters, per_response=args.per_response, calibration=args.calibration,
            overlap=args.overlap, max_per_rater=args.max_per_rater, seed=args.seed,
            prioritize=args.prioritize, judge_run=judge_run, replace=args.replace,
            created_by=login_name())
    return print_report(args, report.to_dict(), "\n".join(report.lines()))



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assign", help="assign responses to raters (calibration, overlap, balance)")
    p.add_argument("--raters", required=True, help="comma-separated rater names (created if new)")
    p.add_argument("--per-response", type=int, default=2, metavar="K",
                   help="raters per response in the overlap share (default 2)")
    p.add_argument("--calibration", type=int, default=0, metavar="N",
                   help="responses every rater rates first (default 0)")
    p.add_argument("--overlap", type=float, default=1.0, metavar="SHARE",
                   help="share (0-1) of the other responses rated by K raters; the rest by one (default 1)")
    p.add_argument("--max-per-rater", type=int, default=None, metavar="M", help="at most M items per rater")
    p.add_argument("--seed", type=int, default=0, help="random seed of the order (default 0)")
    p.add_argument("--prioritize", choices=["uncertain", "disagreement"], default=None,
                   help="put first the responses where a judge is least certain, or judges disagree")
    p.add_argument("--judge-run", default=None, metavar="NAME",
                   help="judge run(s) for --prioritize (comma-separated; default all runs of the study)")
    p.add_argument("--replace", action="store_true",
                   help="replace these raters' earlier assignments in the study (ratings are kept)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    add_study_option(p)
    p.set_defaults(func=cmd_assign)
