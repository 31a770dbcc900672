"""``reviewer judge-runs list`` and ``reviewer judge-runs delete``: look over and prune judge runs."""

from __future__ import annotations

import argparse
import sys

from reviewer import login_name
from reviewer.cli.common import add_study_option, print_json, store_from_args
from reviewer.errors import InputError


def cmd_list(args: argparse.Namespace) -> int:
    from reviewer.judging.runs import list_judge_runs

    runs = list_judge_runs(store_from_args(args), args.study)
    if args.json:
        print_json([r.as_dict() for r in runs])
        return 0
    if not runs:
        print("no judge runs")
        return 0
    for r in runs:
        counts = ", ".join(f"{status} {n}" for status, n in sorted(r.counts.items())) or "no verdicts"
        version = f" v{r.template_version}" if r.template_version is not None else ""
        print(f"{r.name}  template {r.template or '-'}{version}  model {r.model or '-'}  created {r.created}")
        print(f"  {r.status}; verdicts: {counts}; usable {r.usable}")
    return 0


def _actor() -> str:
    return login_name() or "coordinator"


def cmd_delete(args: argparse.Namespace) -> int:
    from reviewer.judging.runs import delete_judge_run, list_judge_runs

    store = store_from_args(args)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(f"deleting judge run {args.name!r} needs --yes when not run from a terminal")
        info = next((r for r in list_judge_runs(store, args.study) if r.name == args.name), None)
        if info is not None:
            answer = input(f"Delete judge run {args.name!r} and its {info.total} verdicts? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("nothing deleted")
                return 1
    removed = delete_judge_run(store, args.name, study=args.study, actor=args.author or _actor())
    print(f"deleted judge run {args.name!r} and {removed} verdicts")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("judge-runs", help="list or delete judge runs",
                       description="Look over the study's judge runs (verdicts by parse status) and "
                       "delete one with its verdicts.")
    runs = p.add_subparsers(dest="judge_runs_command", metavar="ACTION", required=True)
    q = runs.add_parser("list", help="every judge run: template, model, created, verdicts by parse status")
    add_study_option(q)
    q.add_argument("--json", action="store_true", help="print the runs as a JSON list")
    q.set_defaults(func=cmd_list)
    q = runs.add_parser("delete", help="delete a judge run and all its verdicts (recorded in the audit log)")
    q.add_argument("name", help="the judge run's name")
    add_study_option(q)
    q.add_argument("--yes", action="store_true", help="do not ask (needed when stdin is not a terminal)")
    q.add_argument("--author", default=None, help="who, for the audit log (default: your login name)")
    q.set_defaults(func=cmd_delete)
