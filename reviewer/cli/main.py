"""Entry point of the ``reviewer`` command: builds the parser from the command modules."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from reviewer import __version__
from reviewer.errors import ReviewerError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Rate LLM answers against rubric checklists; import, judge, measure agreement.",
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    parser.add_argument(
        "--db",
        default=None,
        help="study database: a file path (SQLite) or a SQLAlchemy URL; default $REVIEWER_DB "
        "or the user data folder",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import reviewer.cli.commands as commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 0
    try:
        return int(func(args) or 0)
    except ReviewerError as exc:
        print(f"reviewer: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
