"""``reviewer gui`` and ``reviewer demo``: open the review app (PySide6 is imported only here,
inside the command functions, so other commands start fast and without Qt)."""

from __future__ import annotations

import argparse


def _run(target: str | None, args: argparse.Namespace) -> int:
    from reviewer.gui.app import run_app

    return run_app(target, rater=args.rater, coordinator=args.coordinator, study=args.study,
                   screenshot=args.screenshot, language=args.language)


def cmd_gui(args: argparse.Namespace) -> int:
    return _run(args.target or args.db, args)


def cmd_demo(args: argparse.Namespace) -> int:
    from reviewer.paths import DEMO_STUDY_NAME, default_db_path
    from reviewer.rating.first_screen import has_study

    target = args.db or str(default_db_path())
    if not has_study(target, DEMO_STUDY_NAME):  # built once; later runs open at once
        from reviewer.store import open_store
        from reviewer.studies.demo import build_demo

        store = open_store(target)
        try:
            build_demo(store)
        finally:
            store.close()
        print(f"built the demo study {DEMO_STUDY_NAME!r} in {target}", flush=True)
    else:
        print(f"opening the demo study {DEMO_STUDY_NAME!r} in {target}", flush=True)
    if args.study is None:
        args.study = DEMO_STUDY_NAME
    return _run(target, args)  # without --rater the app asks once (or remembers) who is rating


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rater", default=None, help="rater name (default: remembered, else asked once)")
    p.add_argument("--coordinator", action="store_true",
                   help="coordinator mode: also show model names, other raters' answers and judge verdicts")
    p.add_argument("--study", default=None, help="study name (default: the only study, else asked)")
    p.add_argument("--screenshot", metavar="PNG", default=None,
                   help="render the main window with the first response open (offscreen), write PNG, exit")
    p.add_argument("--language", default=None, help="UI language, e.g. zh_CN or en (default: system locale)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the review app on a study database or a review file (.rvw)")
    p.add_argument("target", nargs="?", metavar="FILE_OR_DB", default=None,
                   help="study database (path or URL) or review file; default --db / $REVIEWER_DB / user data")
    _common(p)
    p.set_defaults(func=cmd_gui)
    p = sub.add_parser("demo", help="build the bundled demo study (user data folder, or --db) and open the app")
    _common(p)
    p.set_defaults(func=cmd_demo)
