"""``reviewer checklist show|edit|diff|export|rerate``, ``reviewer triage``, ``reviewer rejudge``, ``reviewer compare``.

The command line of the checklist-refinement loop (issue 9): find the criteria people disagree
on, edit them into a new checklist version, re-judge the changed cases, compare old and new
(``compare --before-after``: physicians' agreement on the old and the new wording, issue 18).
"""

from __future__ import annotations

import argparse
from typing import Any

from reviewer import login_name
from reviewer.cli.common import add_study_option, print_json, print_report, store_from_args
from reviewer.errors import InputError


def _author(args: argparse.Namespace) -> str:
    if args.author:
        return args.author
    return login_name() or "coordinator"


def _points(text: str | None) -> Any:
    from reviewer.checklists.versions import UNSET

    if text is None:
        return UNSET
    if text.lower() in ("none", "null", "-"):
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise InputError(f"--points must be a number or 'none', not {text!r}") from exc


def _fmt(x: float | None, ci: Any = None) -> str:
    if x is None:
        return "   -"
    s = f"{x:5.2f}"
    return s + (f" [{ci[0]:.2f},{ci[1]:.2f}]" if ci else "")


# -------------------------------------------------------------------------------- checklist
def cmd_show(args: argparse.Namespace) -> int:
    from reviewer.checklists.versions import find_case, show_checklist

    store = store_from_args(args)
    with store.Session() as s:
        view = show_checklist(s, find_case(s, args.case, study=args.study), args.version)
    if args.json:
        print_json(view.to_dict())
        return 0
    parent = f" (from v{view.parent_version})" if view.parent_version else ""
    print(f"case {view.case_external_id or view.case_uid}: {view.case_title}")
    print(f"checklist v{view.version}{parent} by {view.author or '-'} at {view.created_at:%Y-%m-%d %H:%M}"
          + (f": {view.reason}" if view.reason else ""))
    for n, c in enumerate(view.criteria, start=1):
        pts = "" if c.points is None else f"[{c.points:g}] "
        tier = f"({c.tier}) " if c.tier else ""
        tags = f"  {{{', '.join(c.tags)}}}" if c.tags else ""
        print(f"{n:>3}. {c.key:<16} {tier}{pts}{c.text}{tags}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from reviewer.checklists.versions import (
        UNSET,
        AddCriterion,
        ChangeCriterion,
        RemoveCriterion,
        ReorderCriteria,
        edit_checklist,
        find_case,
        latest_checklist,
    )

    edits: list[Any] = []
    tags = UNSET if args.tags is None else [t.strip() for t in args.tags.split(",") if t.strip()]
    if args.add is not None:
        if args.criterion:
            raise InputError("--add makes a new criterion: leave out --criterion")
        points = _points(args.points)
        edits.append(AddCriterion(args.add, points=None if points is UNSET else points, tier=args.tier,
                                  tags=() if tags is UNSET else tags,
                                  position=None if args.position is None else args.position - 1))
    elif not args.criterion:
        raise InputError("name the criterion to edit with --criterion KEY (or add one with --add TEXT)")
    elif args.remove:
        edits.append(RemoveCriterion(args.criterion))
    else:
        change = ChangeCriterion(args.criterion, text=UNSET if args.text is None else args.text,
                                 points=_points(args.points), tier=UNSET if args.tier is None else args.tier,
                                 tags=tags)
        if any(getattr(change, f) is not UNSET for f in ("text", "points", "tier", "tags")):
            edits.append(change)
    store = store_from_args(args)
    with store.begin() as s:
        case = find_case(s, args.case, study=args.study)
        if args.position is not None and args.add is None and not args.remove:
            keys = [c.key for c in sorted(latest_checklist(s, case).criteria, key=lambda c: c.position)]
            if args.criterion not in keys:
                raise InputError(f"no criterion with key {args.criterion!r} in this checklist")
            keys.remove(args.criterion)
            keys.insert(max(0, min(args.position - 1, len(keys))), args.criterion)
            edits.append(ReorderCriteria(keys))
        if not edits:
            raise InputError("nothing to change: give --text, --points, --tier, --tags, --position or --remove")
        new = edit_checklist(s, case, author=_author(args), reason=args.reason, edits=edits,
                             base_version=args.base_version)
        label, version = case.external_id or case.uid, new.version
    print(f"case {label}: checklist v{version} saved")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from reviewer.checklists.versions import diff_versions, find_case

    store = store_from_args(args)
    with store.Session() as s:
        changes = diff_versions(s, find_case(s, args.case, study=args.study), args.v1, args.v2)
    if args.json:
        print_json([c.to_dict() for c in changes])
        return 0
    if not changes:
        print(f"v{args.v1} and v{args.v2} have the same criteria")
    for c in changes:
        if c.kind == "added":
            print(f"+ {c.key}: {c.new_text}")
        elif c.kind == "removed":
            print(f"- {c.key}: {c.old_text}")
        else:
            print(f"~ {c.key} ({c.kind})")
            for name, (old, new) in c.fields.items():
                if name == "position":
                    old, new = old + 1, new + 1
                print(f"    {name}: {old!r} -> {new!r}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reviewer.checklists.export import export_checklists
    from reviewer.studies.lookup import get_study

    store = store_from_args(args)
    with store.Session() as s:
        n = export_checklists(s, get_study(s, args.study).id, args.output, args.format)
    print(f"wrote {n} {args.format} records to {args.output}")
    return 0


def cmd_rerate(args: argparse.Namespace) -> int:
    from reviewer.checklists.rerate import request_rerating

    store = store_from_args(args)
    raters = [*(args.raters or []), *(args.rater or [])] or None
    with store.begin() as s:
        report = request_rerating(s, args.case, raters=raters, actor=_author(args), version=args.version,
                                  study=args.study)
    from dataclasses import asdict

    return print_report(args, {"items": [asdict(i) for i in report.items],
                               "skipped": [{"rater": r, "response_uid": u, "why": w} for r, u, w in report.skipped]},
                        "\n".join(report.lines()))


# ---------------------------------------------------------------------------------- triage
def cmd_triage(args: argparse.Namespace) -> int:
    from reviewer.checklists.triage import disagreements, triage
    from reviewer.studies.lookup import get_study

    store = store_from_args(args)
    with store.Session() as s:
        if args.criterion or args.case:
            if not (args.criterion and args.case):
                raise InputError("the drill-down needs both --case and --criterion")
            from reviewer.checklists.versions import find_case

            rep = disagreements(s, args.criterion, find_case(s, args.case, study=args.study),
                                judge_run=args.judge_run, only_disagreements=not args.all_responses)
            return _print_disagreements(rep, args.json)
        rows = triage(s, get_study(s, args.study), judge_run=args.judge_run, limit=args.limit,
                      all_versions=args.all_versions, n_boot=args.boot)
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    judge = rows[0].judge_run if rows else None
    print(f"criteria worst first (judge run: {judge or 'none'}; 95% bootstrap CIs, {args.boot} resamples)")
    print(f"{'#':>3} {'trouble':>7}  {'case':<14} {'key':<16} {'v':>2} {'n':>3} {'alpha':>19} "
          f"{'agree':>5} {'n_j':>3} {'judge≠maj':>19} {'fb':>3}  criterion")
    for i, r in enumerate(rows, start=1):
        edited = "*" if r.edited_since else " "
        text = " ".join(r.text.split())
        print(f"{i:>3} {r.trouble:7.3f}  {r.case[:14]:<14} {r.key[:16]:<16} {r.version:>2}{edited}{r.n_rr:>3} "
              f"{_fmt(r.alpha, r.alpha_ci):>19} {_fmt(r.percent_agreement):>5} {r.n_jr:>3} "
              f"{_fmt(r.judge_disagreement, r.judge_disagreement_ci):>19} {r.feedback:>3}  {text[:60]}")
    if any(r.edited_since for r in rows):
        print("* edited since: a newer checklist version exists (figures are for the rated wording)")
    return 0


def _print_disagreements(rep: Any, as_json: bool) -> int:
    if as_json:
        print_json(rep.to_dict())
        return 0
    print(f"case {rep.case}, criterion {rep.key} (v{rep.version}): {rep.text}")
    print(f"judge run: {rep.judge_run or 'none'}")
    for note in rep.general_notes:
        print(f"  note ({note.kind}) by {note.rater}: {note.note}")
    for r in rep.rows:
        raters = ", ".join(f"{k}={v}" for k, v in r.rater_values.items())
        judge = r.judge or "-"
        if r.judge_probability is not None:
            judge += f" (p={r.judge_probability:.2f})"
        print(f"- Response {r.blind_label} [{r.model}]: {raters}; majority={r.majority or 'none'}; judge={judge}")
        print(f"    {' '.join(r.text.split())[:200]}")
        for note in r.notes:
            print(f"    note ({note.kind}) by {note.rater}: {note.note}")
    if not rep.rows:
        print("no disagreements on this criterion")
    return 0


# ------------------------------------------------------------------------- rejudge / compare
def cmd_rejudge(args: argparse.Namespace) -> int:
    from reviewer.checklists.refinement import rejudge_affected

    store = store_from_args(args)
    options = {k: v for k, v in (("backend", args.backend), ("device", args.device),
                                 ("threshold", args.threshold), ("base_url", args.base_url)) if v is not None}
    summary = rejudge_affected(store, args.cases, judge_model=args.model, template=args.template, mode=args.mode,
                               name=args.name, **options)
    print(f"judge run {summary.run_name!r}: {summary.judged} verdicts ({summary.ok} parsed, "
          f"{summary.failed} failed, {summary.skipped} already there) in {summary.seconds:.1f} s")
    return 0


def _template_diff(store: Any, args: argparse.Namespace) -> str:
    """The unified diff between the templates of the two runs (same template name only)."""
    from reviewer.checklists.refinement import diff_templates, judge_run
    from reviewer.studies.lookup import get_study

    with store.Session() as s:
        study = get_study(s, args.study)
        a, b = judge_run(s, study.id, args.old_run), judge_run(s, study.id, args.new_run)
        if a.template_name != b.template_name or a.template_version is None or b.template_version is None:
            return f"runs use different templates ({a.template_name!r} vs {b.template_name!r}): no diff"
        return diff_templates(s, a.template_name, a.template_version, b.template_version)


def _before_after(store: Any, args: argparse.Namespace) -> int:
    """``reviewer compare --before-after``: physicians' (and judges') agreement on the old and new
    wording of every edited criterion of the study (or of the named cases)."""
    from reviewer.checklists.before_after import before_after
    from reviewer.studies.lookup import get_study

    cases = [*([args.case] if args.case else []), *(args.cases or [])]
    runs = [*(args.judge_runs or []), *(r for r in (args.old_run, args.new_run) if r)]
    with store.Session() as s:
        result = before_after(s, get_study(s, args.study), cases=cases or None,
                              judge_runs=list(dict.fromkeys(runs)) or None, n_boot=args.boot, seed=args.seed)
    return print_report(args, result.to_dict(), result.to_text())


def cmd_compare(args: argparse.Namespace) -> int:
    from reviewer.checklists.refinement import compare_runs, compare_versions, graded_version
    from reviewer.checklists.versions import find_case, latest_checklist

    store = store_from_args(args)
    if args.before_after or (args.old_run is None and args.new_run is None):
        return _before_after(store, args)
    if args.old_run is None or args.new_run is None:
        raise InputError("name both judge runs (--old-run A --new-run B), or use --before-after")
    if args.cases or args.judge_runs:
        raise InputError("--case and --judge-run go with --before-after")
    if args.case is None:
        table = compare_runs(store, args.old_run, args.new_run, study=args.study)
        if args.diff and not args.json:
            print(_template_diff(store, args) or "(the two runs used the same template text)")
    else:
        from reviewer.checklists.before_after import before_after

        with store.Session() as s:
            case = find_case(s, args.case, study=args.study)
            new_v = args.new_version or graded_version(s, case, args.new_run) or latest_checklist(s, case).version
            old_v = args.old_version or graded_version(s, case, args.old_run) or max(1, new_v - 1)
            # the physicians beside the judges, with n and intervals: the case's edited criteria
            physicians = before_after(s, case.study_id, cases=[case], judge_runs=[args.old_run, args.new_run],
                                      n_boot=args.boot, seed=args.seed)
        table = compare_versions(store, case, old_v, new_v, args.old_run, args.new_run)
        return print_report(args, {**table.to_dict(), "before_after": physicians.to_dict()},
                            table.to_text() + "\n\n" + physicians.to_text())
    return print_report(args, table.to_dict(), table.to_text())


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("checklist", help="show, edit, diff and export versioned checklists")
    csub = p.add_subparsers(dest="checklist_command", metavar="ACTION", required=True)

    q = csub.add_parser("show", help="a case's checklist (latest version or --version N)")
    q.add_argument("case", metavar="CASE", help="case dataset id or uid")
    q.add_argument("--version", type=int, default=None)
    q.add_argument("--json", action="store_true")
    add_study_option(q)
    q.set_defaults(func=cmd_show)

    q = csub.add_parser("edit", help="change, add, remove or move a criterion: saves a new version")
    q.add_argument("case", metavar="CASE")
    q.add_argument("--criterion", metavar="KEY", help="the criterion's key (see 'checklist show')")
    q.add_argument("--text", help="new wording")
    q.add_argument("--points", help="new points (a number, or 'none')")
    q.add_argument("--tier", choices=["core", "secondary"])
    q.add_argument("--tags", help="new tags, comma-separated")
    q.add_argument("--position", type=int, help="move the criterion (or place an added one) at N (1-based)")
    q.add_argument("--remove", action="store_true", help="remove the criterion")
    q.add_argument("--add", metavar="TEXT", help="add a new criterion with this text")
    q.add_argument("--reason", required=True, help="why (kept with the version and in the audit log)")
    q.add_argument("--author", default=None, help="who (default: your login name)")
    q.add_argument("--base-version", type=int, default=None,
                   help="refuse if the latest version is no longer this one")
    add_study_option(q)
    q.set_defaults(func=cmd_edit)

    q = csub.add_parser("diff", help="what changed between two versions, by criterion key")
    q.add_argument("case", metavar="CASE")
    q.add_argument("v1", type=int)
    q.add_argument("v2", type=int)
    q.add_argument("--json", action="store_true")
    add_study_option(q)
    q.set_defaults(func=cmd_diff)

    q = csub.add_parser("export", help="write the latest checklists as HealthBench JSONL or LLMEval-Med JSON")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    q.add_argument("--format", required=True, choices=["healthbench", "llmeval-med"])
    add_study_option(q)
    q.set_defaults(func=cmd_export)

    q = csub.add_parser("rerate", help="ask raters to rate a case's answers again on its new checklist version "
                                       "(only the reworded criteria; the others are carried over)")
    q.add_argument("case", metavar="CASE", nargs="+")
    q.add_argument("--raters", nargs="+", metavar="NAME",
                   help="who rates again (default: everyone who rated these cases on an older version); a "
                        "rater new to an answer is assigned it on the new version")
    q.add_argument("--rater", action="append", metavar="NAME", help=argparse.SUPPRESS)
    q.add_argument("--version", type=int, default=None, help="default: each case's latest version")
    q.add_argument("--json", action="store_true")
    q.add_argument("--author", default=None)
    add_study_option(q)
    q.set_defaults(func=cmd_rerate)

    p = sub.add_parser("triage", help="criteria ranked worst first by disagreement and feedback")
    p.add_argument("--json", action="store_true")
    p.add_argument("--judge-run", metavar="NAME", help="judge run to compare (default: the newest)")
    p.add_argument("--limit", type=int, default=None, metavar="N")
    p.add_argument("--all-versions", action="store_true", help="one row per rated version, not just the newest")
    p.add_argument("--boot", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    p.add_argument("--case", metavar="CASE", help="with --criterion: the responses people disagreed on")
    p.add_argument("--criterion", metavar="KEY")
    p.add_argument("--all-responses", action="store_true", help="drill-down: list agreeing responses too")
    add_study_option(p)
    p.set_defaults(func=cmd_triage)

    p = sub.add_parser("rejudge", help="re-run the judge on just the answers of the named cases")
    p.add_argument("cases", nargs="+", metavar="CASE")
    p.add_argument("--model", required=True, metavar="PATH_OR_ID")
    p.add_argument("--template", required=True, metavar="NAME[@VERSION]")
    p.add_argument("--mode", choices=["logprob", "generate"], default="logprob")
    p.add_argument("--name", required=True, metavar="RUN")
    p.add_argument("--backend", default=None, help="transformers (default), vllm or openai")
    p.add_argument("--device", default=None)
    p.add_argument("--threshold", type=float, default=None, help="logprob: met when P(true) >= this")
    p.add_argument("--base-url", default=None, help="openai backend: the endpoint")
    p.set_defaults(func=cmd_rejudge)

    p = sub.add_parser("compare", help="judge-rater agreement of two judge runs side by side; without runs (or "
                                       "with --before-after) physicians' and judges' agreement before and after "
                                       "each checklist edit")
    p.add_argument("case", nargs="?", metavar="CASE",
                   help="compare checklist versions of this case (without it: the two runs over the study)")
    p.add_argument("--old-run", metavar="A")
    p.add_argument("--new-run", metavar="B")
    p.add_argument("--before-after", action="store_true",
                   help="physicians' agreement on the old and the new wording of each edited criterion (ratings "
                        "a re-rating superseded count for their version), beside the judges', with n and 95%% "
                        "intervals")
    p.add_argument("--case", dest="cases", nargs="+", metavar="CASE", help="--before-after: only these cases")
    p.add_argument("--judge-run", dest="judge_runs", nargs="+", metavar="NAME",
                   help="--before-after: these judge runs (default: every run with verdicts on a wording)")
    p.add_argument("--boot", type=int, default=1000, metavar="N", help="--before-after: bootstrap resamples")
    p.add_argument("--seed", type=int, default=0, help="--before-after: bootstrap seed")
    p.add_argument("--old-version", type=int, default=None, help="default: the version run A graded")
    p.add_argument("--new-version", type=int, default=None, help="default: the version run B graded")
    p.add_argument("--diff", action="store_true",
                   help="without CASE: also print the diff of the two runs' judge prompt templates")
    p.add_argument("--json", action="store_true")
    add_study_option(p)
    p.set_defaults(func=cmd_compare)
