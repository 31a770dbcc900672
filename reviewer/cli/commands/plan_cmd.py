"""``reviewer plan``: the next round of physician ratings where they narrow the judge-physician
interval most (see reviewer.planning.rounds)."""

from __future__ import annotations

import argparse

from reviewer import login_name
from reviewer.cli.common import add_study_option, print_report, store_from_args

STATISTIC_CHOICES = ("agreement_rate", "kappa", "macro_f1")  # reviewer.stats.weighted.STATISTICS, kept lazy


def cmd_plan(args: argparse.Namespace) -> int:
    from reviewer.planning.rounds import plan_round
    from reviewer.studies.lookup import get_study

    runs = [r.strip() for r in args.judge_run.split(",") if r.strip()]
    raters = [r.strip() for r in args.raters.split(",") if r.strip()] if args.raters else None
    store = store_from_args(args)
    with store.begin() as session:
        study = get_study(session, args.study)
        report = plan_round(session, study, runs, statistic=args.statistic, target_width=args.target_width,
                            budget=args.budget, batch=args.batch, raters=raters, by=args.by,
                            n_strata=args.strata, seed=args.seed, plan=args.plan, n_boot=args.boot,
                            propose=not args.status, created_by=login_name())
    return print_report(args, report.to_dict(), "\n".join(report.lines()))



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="plan physician ratings in rounds until the judge-physician interval is narrow")
    p.add_argument("--judge-run", required=True, metavar="NAME",
                   help="the judge run to validate (comma-separated: further runs for --by disagreement)")
    p.add_argument("--statistic", choices=STATISTIC_CHOICES, default="agreement_rate",
                   help="judge-physician statistic whose interval should narrow (default agreement_rate)")
    p.add_argument("--target-width", type=float, required=True, metavar="W",
                   help="stop when the 95%% interval is at most W wide (0.10 for ±0.05)")
    p.add_argument("--budget", type=int, default=None, metavar="N", help="at most N answers in the whole plan (default: the plan's earlier budget, if any)")
    p.add_argument("--batch", type=int, default=20, metavar="B", help="answers per round (default 20)")
    p.add_argument("--raters", default=None,
                   help="comma-separated rater names for the new round (default: the plan's raters)")
    p.add_argument("--by", choices=("uncertain", "disagreement"), default="uncertain",
                   help="stratify by the judge's uncertainty, or by disagreement between judge runs")
    p.add_argument("--strata", type=int, default=5, help="strata in round 1 (default 5)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the draws (default 0)")
    p.add_argument("--plan", default=None, help="plan name (default: the judge run's name)")
    p.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--status", action="store_true", help="show the plan round by round; assign nothing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    add_study_option(p)
    p.set_defaults(func=cmd_plan)
