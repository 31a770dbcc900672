"""Entry point of the ``reviewer`` command: builds the parser from the command modules.

The global options (``--db``, ``--study``, ``--debug``) are accepted before or after the command
(``reviewer --db X status`` and ``reviewer status --db X``). Every failure a user can cause (bad
input, a full disk, a read-only or locked database: see :func:`reviewer.errors.explain`) ends
with one line on stderr and exit status 2; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import traceback

from reviewer import __version__
from reviewer.errors import explain

GLOBAL_HELP = {
    "--db": "study database: a file path (SQLite) or a SQLAlchemy URL; default $REVIEWER_DB or the user data "
            "folder. A PostgreSQL password is best left out of the URL: it is then read from PGPASSWORD or "
            "~/.pgpass when connecting",
    "--debug": "show the full traceback of an error",
}


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every parser below *parser* (commands and their actions), each once."""
    found: dict[int, argparse.ArgumentParser] = {}
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for child in action.choices.values():
                if id(child) not in found:
                    found[id(child)] = child
                    found.update({id(p): p for p in _subparsers(child)})
    return list(found.values())


def _has_option(parser: argparse.ArgumentParser, flag: str) -> bool:
    return flag in parser._option_string_actions  # noqa: SLF001


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """``--db`` and ``--debug`` on the top parser and on every command below it (a command's copy
    has no default, so it only sets the value when given after the command); ``--study`` before
    the command fills in a command's own ``--study`` when that one is not given."""
    parser.add_argument("--db", default=None, help=GLOBAL_HELP["--db"])
    parser.add_argument("--study", dest="global_study", default=None,
                        help="study name, for commands that take one (also accepted after the command)")
    parser.add_argument("--debug", action="store_true", help=GLOBAL_HELP["--debug"])
    for child in _subparsers(parser):
        for flag, kwargs in (("--db", {"metavar": "DB"}), ("--debug", {"action": "store_true"})):
            if not _has_option(child, flag):
                child.add_argument(flag, default=argparse.SUPPRESS, help=GLOBAL_HELP[flag], **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Rate LLM answers against rubric checklists; import, judge, measure agreement.",
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import reviewer.cli.commands as commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    add_global_options(parser)
    return parser


def parse_args(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    args = parser.parse_args(argv)
    study = args.__dict__.pop("global_study", None)
    if study is not None and getattr(args, "study", None) is None:
        args.study = study
    return args


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parse_args(parser, argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 0
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `reviewer status | head`: the reader left; nothing to tell it
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python's own flush at exit must not fail
        return 0
    except Exception as exc:  # noqa: BLE001 - classified by reviewer.errors.explain, else re-raised
        message = explain(exc, database=args.db)
        if message is None:
            raise
        if args.debug:
            traceback.print_exc()
        print(f"reviewer: error: {' '.join(message.split())}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
