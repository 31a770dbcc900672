"""``reviewer init`` and ``reviewer status``."""

from __future__ import annotations

import argparse

from sqlalchemy import func, select

from reviewer.cli.common import add_study_option, get_study, print_json, store_from_args
from reviewer.store.models import (
    Case,
    Criterion,
    CriterionRating,
    JudgeRun,
    JudgeVerdict,
    Rater,
    Rating,
    Response,
    Study,
)

STATUS_KEYS = {
    "studies": Study,
    "cases": Case,
    "criteria": Criterion,
    "responses": Response,
    "raters": Rater,
    "ratings": Rating,
    "criterion_ratings": CriterionRating,
    "judge_runs": JudgeRun,
    "verdicts": JudgeVerdict,
}


def status_counts(store) -> dict[str, int]:  # noqa: ANN001
    with store.Session() as session:
        return {key: session.scalar(select(func.count()).select_from(model)) or 0
                for key, model in STATUS_KEYS.items()}


def cmd_init(args: argparse.Namespace) -> int:
    store = store_from_args(args)
    with store.begin() as session:
        study = get_study(session, args.study, create=True)
        name = study.name
    print(f"study {name!r} ready in {store.url}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    store = store_from_args(args)
    counts = status_counts(store)
    if args.json:
        print_json(counts)
    else:
        print(f"database: {store.url}")
        for key, value in counts.items():
            print(f"  {key.replace('_', ' '):<18} {value:>8}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create (or upgrade) a study database")
    add_study_option(p)
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("status", help="counts of what the database holds")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(func=cmd_status)
