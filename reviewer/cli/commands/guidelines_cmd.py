"""``reviewer guidelines``: the raters' rating guidelines (F2 in the app) and criterion guidance."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer.cli.common import add_study_option, store_from_args
from reviewer.errors import InputError


def cmd_guidelines(args: argparse.Namespace) -> int:
    from reviewer.rating.service import study_guidelines
    from reviewer.studies.guidelines import read_guidance_file, set_guidelines
    from reviewer.studies.lookup import get_study

    store = store_from_args(args)
    if args.file is None and args.guidance is None and not args.clear:
        with store.Session() as session:
            study = get_study(session, args.study)
            print(study_guidelines(session, study.id) or f"(study {study.name!r} has no rating guidelines)")
        return 0
    text = None
    if args.clear:
        text = ""
    elif args.file is not None:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the guidelines: {exc}", file=args.file) from exc
    guidance = read_guidance_file(args.guidance) if args.guidance else None
    with store.begin() as session:  # one transaction: all of it or nothing
        study = get_study(session, args.study)
        counts = set_guidelines(session, study, text=text, guidance=guidance, actor=args.actor,
                                source=args.guidance)
        name = study.name
    done = []
    if counts["guidelines"]:
        done.append("guidelines cleared" if text == "" else f"guidelines set ({len(text or '')} characters)")
    if guidance is not None:
        done.append(f"guidance on {counts['criteria']} criterion rows ({len(guidance)} keys)")
    print(f"study {name!r}: " + "; ".join(done))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("guidelines", help="show or set the raters' rating guidelines and criterion guidance")
    p.add_argument("file", nargs="?", help="Markdown file with the study's rating guidelines (none: show them)")
    p.add_argument("--guidance", metavar="JSON", help="JSON object {criterion key: guidance text or null}")
    p.add_argument("--clear", action="store_true", help="remove the study's guidelines")
    p.add_argument("--actor", default="", help="who makes the change (audit log)")
    add_study_option(p)
    p.set_defaults(func=cmd_guidelines)
