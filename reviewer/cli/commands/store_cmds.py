"""``reviewer init`` and ``reviewer status``."""

from __future__ import annotations

import argparse

from reviewer.cli.common import add_study_option, print_json, store_from_args
from reviewer.paths import masked_url


def cmd_init(args: argparse.Namespace) -> int:
    from reviewer.studies.lookup import get_study

    store = store_from_args(args)
    with store.begin() as session:
        study = get_study(session, args.study, create=True)
        name = study.name
    print(f"study {name!r} ready in {masked_url(store.url)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from reviewer.studies.lookup import status_counts

    store = store_from_args(args)
    with store.Session() as session:
        counts = status_counts(session)
    if args.json:
        print_json(counts)
    else:
        print(f"database: {masked_url(store.url)}")
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
