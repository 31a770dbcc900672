"""``reviewer adjudicate``: gold labels from the physicians' answers (issue 18).

``--list`` the queue (items where physicians disagree or flagged the answer for safety, worst
first), ``--set CASE RESPONSE_UID CRITERION_KEY VALUE --reason TEXT`` a person's decision,
``--score CASE RESPONSE_UID SCORE --reason TEXT`` a consensus overall score, ``--auto majority
--quorum K`` the majority rule.
"""

from __future__ import annotations

import argparse

from reviewer import login_name
from reviewer.cli.common import add_study_option, print_json, store_from_args
from reviewer.errors import InputError


def _author(args: argparse.Namespace) -> str:
    if args.author:
        return args.author
    return login_name() or "coordinator"


def _short(text: str, width: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def cmd_adjudicate(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    if args.auto is None and args.quorum is not None:
        raise InputError("--quorum goes with --auto majority")
    if (args.set or args.score) and not (args.reason or "").strip():
        raise InputError("a gold decision needs a reason: add --reason TEXT")
    store = store_from_args(args)
    try:
        if args.auto:
            return _auto(store, args)
        if args.set:
            return _set(store, args)
        if args.score:
            return _score(store, args)
        return _list(store, args)
    finally:
        store.close()


def _auto(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from reviewer.adjudication.decisions import auto_majority

    quorum = 2 if args.quorum is None else args.quorum
    with store.begin() as s:
        report = auto_majority(s, quorum, author=_author(args), study=args.study)
    if args.json:
        print_json(report.to_dict())
        return 0
    why = ", ".join(f"{n} {k}" for k, n in report.left.items()) or "none"
    print(f"majority with quorum {quorum}: filled {report.filled} gold labels "
          f"({report.unchanged} unchanged, {report.manual_kept} manual decisions kept, "
          f"{report.withdrawn} withdrawn)")
    print(f"left to a person: {report.n_left} ({why})")
    s_why = ", ".join(f"{n} {k}" for k, n in report.scores_left.items()) or "none"
    print(f"overall scores: filled {report.scores_filled} ({report.scores_unchanged} unchanged, "
          f"{report.scores_manual_kept} manual kept); left {sum(report.scores_left.values())} ({s_why})")
    return 0


def _set(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from reviewer.adjudication.decisions import record_gold

    case, response, key, value = args.set
    with store.begin() as s:
        d = record_gold(s, case, response, key, value, reason=args.reason, author=_author(args), study=args.study,
                        version=args.version)
    if args.json:
        print_json(d.to_dict())
    else:
        was = f" (was {d.before['value']}, {d.before['method']})" if d.before else ""
        print(f"gold {d.case} {d.response_uid[:8]} {d.criterion_key} v{d.version}: {d.value}{was}, by {d.author}")
    return 0


def _score(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from reviewer.adjudication.decisions import record_consensus

    case, response, text = args.score
    try:
        score = float(text)
    except ValueError:
        raise InputError(f"SCORE must be a number, not {text!r}") from None
    with store.begin() as s:
        d = record_consensus(s, case, response, score, reason=args.reason, author=_author(args), study=args.study)
    if args.json:
        print_json(d.to_dict())
    else:
        print(f"consensus score {d.case} {d.response_uid[:8]}: {d.value:g}, by {d.author}")
    return 0


def _list(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from reviewer.adjudication.queue import adjudication_queue

    with store.Session() as s:
        items = adjudication_queue(s, args.study, limit=args.limit, include_decided=args.all)
    if args.json:
        print_json([i.to_dict() for i in items])
        return 0
    if not items:
        print("nothing to adjudicate")
        return 0
    for i in items:
        gold = f"  gold: {i.gold['value']} ({i.gold['method']})" if i.gold else ""
        print(f"[{i.trouble:.2f}] {i.case} {i.criterion_key} v{i.version}  response {i.blind_label} "
              f"{i.response_uid}  ({', '.join(i.why)}){gold}")
        print(f"    {_short(i.criterion_text)}")
        for a in i.answers:
            extra = []
            if a.safety_flag:
                extra.append("SAFETY")
            if a.overall_score is not None:
                extra.append(f"score {a.overall_score:g}")
            if a.comment:
                extra.append(f"comment: {_short(a.comment, 50)}")
            extra += [f"{kind}: {_short(note, 40)}" for kind, note in a.feedback]
            extra += [f"evidence: \"{_short(q, 40)}\"" for q in a.evidence]
            print(f"    {a.rater:<12} {a.value:<8} {'; '.join(extra)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("adjudicate", help="gold labels: the disagreement queue, decisions, majority with a quorum",
                       description="Adjudicate the study into a reference set: list the items where "
                       "physicians disagree (ranked as triage ranks criteria), record a gold answer with a "
                       "reason, or fill gold labels by majority with a quorum (ties and safety flags are "
                       "left to a person; a manual decision is never overwritten).")
    add_study_option(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--list", action="store_true", help="the queue, worst first (the default)")
    mode.add_argument("--auto", choices=("majority",), default=None,
                      help="fill gold labels by strict majority of met / not-met answers (n.a. is no vote)")
    mode.add_argument("--set", nargs=4, metavar=("CASE", "RESPONSE_UID", "CRITERION_KEY", "VALUE"),
                      help="record a gold answer (met, not_met or na); needs --reason")
    mode.add_argument("--score", nargs=3, metavar=("CASE", "RESPONSE_UID", "SCORE"),
                      help="record a consensus overall score; needs --reason")
    p.add_argument("--quorum", type=int, default=None, metavar="K",
                   help="--auto: at least K physicians must agree (default 2)")
    p.add_argument("--reason", default=None, help="why (required with --set and --score)")
    p.add_argument("--author", default=None, help="who decides (default: your login name)")
    p.add_argument("--version", type=int, default=None,
                   help="--set: the checklist version whose wording is decided (default: the one rated)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="--list: show at most N items")
    p.add_argument("--all", action="store_true", help="--list: include items that already have a gold label")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_adjudicate)
