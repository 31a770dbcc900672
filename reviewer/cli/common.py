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
