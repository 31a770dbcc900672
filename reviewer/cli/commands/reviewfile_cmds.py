"""``reviewer pack``, ``reviewer return``, ``reviewer merge`` and ``reviewer audit``."""

from __future__ import annotations

import argparse

from reviewer import login_name
from reviewer.cli.common import add_study_option, print_json, print_report, store_from_args


def cmd_pack(args: argparse.Namespace) -> int:
    from reviewer.reviewfiles.pack import pack_review_file

    store = store_from_args(args)
    result = pack_review_file(store, args.rater, args.output, study=args.study, actor=login_name(),
                              new_only=args.new_only)
    m = result.manifest
    print(f"wrote {result.path}: {m['item_count']} items for rater {m['rater_name']!r} "
          f"(study {m['study_name']!r}, sha256 {m['db_sha256'][:12]}…)")
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    from reviewer.reviewfiles.ret import write_return_file

    m = write_return_file(args.review_file, args.output)
    c = m["counts"]
    print(f"wrote {args.output}: {c['ratings']} ratings ({c['submitted']} submitted, {c['drafts']} drafts), "
          f"{c['feedback']} feedback notes, {c['time_spent_s']:.0f} s spent; authenticated for pack "
          f"{m['pack_uid']} (HMAC-SHA256 {m['mac'][:12]}…)")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from reviewer.reviewfiles.merge import merge_return_files

    store = store_from_args(args)
    report = merge_return_files(store, args.files, actor=login_name(), study=args.study)
    return print_report(args, report.to_dict(), "\n".join(report.lines()))


def cmd_audit(args: argparse.Namespace) -> int:
    from reviewer.studies.audit import format_event, list_events

    store = store_from_args(args)
    with store.Session() as session:
        events = list_events(session, study=args.study, limit=args.limit, action_prefix=args.action)
    if args.json:
        print_json(events)
    else:
        for ev in events:
            print(format_event(ev))
        if not events:
            print("no audit events")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from reviewer.reviewfiles.conflicts import list_conflicts, resolve_conflict

    store = store_from_args(args)
    if args.resolve:
        if not args.keep:
            from reviewer.errors import InputError

            raise InputError("say which version to keep: --keep local or --keep incoming", item="--resolve")
        with store.begin() as session:
            after = resolve_conflict(session, args.resolve, args.keep, actor=login_name())
        print(f"conflict {args.resolve} resolved: kept the {args.keep} version of rating {after['uid']}")
        return 0
    with store.Session() as session:
        items = list_conflicts(session, study=args.study, include_resolved=args.all)
    if args.json:
        print_json(items)
        return 0
    for c in items:
        state = "resolved" if c["resolved"] else "OPEN"
        print(f"{c['uid']}  {state:<8} rater {c['rater']!r} rating {c['rating_uid'][:8]} from {c['file']}")
        for side in ("local", "incoming"):
            v = c[side]
            print(f"    {side:<8} score={v.get('overall_score')} status={v.get('status')} "
                  f"comment={(v.get('comment') or '')[:50]!r} criteria={sorted((v.get('criteria') or {}).values())}")
    if not items:
        print("no rating conflicts" if args.all else "no open rating conflicts")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pack", help="write one rater's offline review file (.rvw)")
    p.add_argument("--rater", required=True, help="rater name (or uid)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.rvw", help="review file to write")
    p.add_argument("--new-only", action="store_true",
                   help="only the answers the rater has not submitted a rating of yet (drafts count as not "
                        "done), e.g. round 2 of a plan; refused when nothing is left")
    add_study_option(p)
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("return", help="write the return file of a rated review file")
    p.add_argument("review_file", metavar="FILE.rvw", help="the review file (or its .work folder)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="return file to write (e.g. NAME.rvr)")
    p.set_defaults(func=cmd_return)

    p = sub.add_parser("merge", help="merge return files into the study database (checked, backed up)")
    p.add_argument("files", nargs="+", metavar="RETURN_FILE", help="return files to merge")
    p.add_argument("--json", action="store_true", help="print the merge report as JSON")
    add_study_option(p)
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("conflicts", help="ratings changed on both sides of a merge: list or resolve them")
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--resolve", metavar="CONFLICT_UID", default=None, help="settle this conflict")
    p.add_argument("--keep", choices=["local", "incoming"], default=None, help="with --resolve: the version to keep")
    add_study_option(p)
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("audit", help="who changed what and when (ratings, merges, checklists)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="newest N events only")
    p.add_argument("--action", default=None, metavar="PREFIX", help="only actions starting with PREFIX, e.g. rating.")
    add_study_option(p)
    p.set_defaults(func=cmd_audit)
