"""Helpers shared by command modules: opening the store, picking the study, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reviewer.store import Store, open_store
from reviewer.studies import (  # noqa: F401  (re-exported for command modules)
    DEFAULT_SCORE_ANCHORS,
    DEFAULT_STUDY,
    create_study,
    get_study,
)


def store_from_args(args: argparse.Namespace) -> Store:
    return open_store(getattr(args, "db", None))


def add_study_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--study", default=None,
                        help="study name (default: the only study, or 'default')")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


class ProgressBar:
    """A tqdm bar for a service's ``progress(done, total)`` callback, made on the first call
    (the total is known only then); use as a context manager so the bar is closed on errors too."""

    def __init__(self, unit: str, desc: str, *, quiet: bool = False) -> None:
        self.unit, self.desc, self.quiet = unit, desc, quiet
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, desc=self.desc, disable=self.quiet)
        self.bar.n = done
        self.bar.refresh()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def endpoint_options(args: argparse.Namespace) -> dict[str, Any]:
    """Backend options of ``--backend openai`` (concurrency and the API key's variable name)."""
    if args.backend == "openai":
        return {"concurrency": args.concurrency, "api_key_env": args.api_key_env}
    return {}
