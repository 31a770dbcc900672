"""``reviewer judge``, ``reviewer scores`` and ``reviewer templates``: LLM-as-judge from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer.cli.common import (
    ProgressBar,
    add_backend_options,
    add_study_option,
    endpoint_options,
    print_json,
    store_from_args,
)
from reviewer.errors import InputError


def _read_selection(path: str) -> list[int | str]:
    """Response ids (numbers) or uids, one per line; '#' starts a comment."""
    file = Path(path)
    if not file.is_file():
        raise InputError("no such file", file=path)
    out: list[int | str] = []
    for line in file.read_text(encoding="utf-8").splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            out.append(int(item) if item.isdigit() else item)
    return out


def cmd_judge(args: argparse.Namespace) -> int:

    from reviewer.generation.backend import SamplingSettings
    from reviewer.judging.service import run_judge

    store = store_from_args(args)
    settings = SamplingSettings(temperature=args.temperature, top_p=1.0, max_new_tokens=args.max_new_tokens,
                                seed=args.seed)
    with ProgressBar("verdict", "judging", quiet=args.quiet) as progress:
        summary = run_judge(
            store, model=args.model, template=args.template, mode=args.mode, backend=args.backend,
            name=args.name, study=args.study, settings=settings, max_attempts=args.max_attempts,
            threshold=args.threshold, progress=progress, device=args.device, batch_size=args.batch_size,
            base_url=args.base_url, dtype=args.dtype, backend_options=endpoint_options(args),
            responses=_read_selection(args.responses) if args.responses else None)
    if args.json:
        print_json(summary.as_dict())
        return 0
    judging = summary.seconds - summary.load_seconds
    rate = summary.judged / judging if judging > 0 else 0.0
    print(f"judge run {summary.run_name!r} ({summary.template} v{summary.template_version}, {summary.mode}): "
          f"{summary.status}")
    print(f"  verdicts {summary.judged} new, {summary.skipped} already stored, {summary.total} in all")
    print(f"  parsed {summary.ok}, failed parses {summary.failed} (stored as failed), "
          f"judge calls {summary.attempts}")
    print(f"  time {summary.seconds:.1f} s: loading {summary.load_seconds:.1f} s, judging {judging:.1f} s "
          f"({rate:.2f} verdicts/s)")
    return 0


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _print_board(board) -> None:  # noqa: ANN001 - a leaderboard.Leaderboard
    print(f"{board.source} ({board.metric})")
    share = board.metric == "llmeval"
    head = f"  {'model':<30} {'score':>7} {'95% CI':>17} {'std':>7} {'n':>5} {'left out':>8}"
    print(head + (f" {'≥4':>6}" if share else ""))
    if not board.rows:
        print("  (nothing scored yet: no submitted ratings or verdicts in this study)")
    for row in board.rows:
        s = row.score
        ci = f"[{_fmt(s.ci_low)}, {_fmt(s.ci_high)}]"
        line = f"  {row.model:<30} {_fmt(s.value):>7} {ci:>17} {_fmt(s.std):>7} {s.n:>5} {row.n_excluded:>8}"
        if share:
            line += f" {_fmt(row.share_good.value if row.share_good else None, 2):>6}"
        print(line)


def cmd_scores(args: argparse.Namespace) -> int:
    from reviewer.judging.leaderboard import build_leaderboard

    if not args.judge_run and not args.raters:
        raise InputError("give --judge-run NAME, --raters, or both (side by side)")
    store = store_from_args(args)
    boards = []
    if args.judge_run:
        boards.append(build_leaderboard(store, study=args.study, judge_run=args.judge_run,
                                        n_boot=args.bootstrap, seed=args.seed))
    if args.raters:
        boards.append(build_leaderboard(store, study=args.study, raters=True, policy=args.rater_policy,
                                        metric=args.metric, n_boot=args.bootstrap, seed=args.seed))
    if args.json:
        print_json([b.as_dict() for b in boards] if len(boards) > 1 else boards[0].as_dict())
        return 0
    for i, board in enumerate(boards):
        if i:
            print()
        _print_board(board)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from reviewer.judging.templates import get_template, info_from_row, list_templates

    store = store_from_args(args)
    with store.begin() as session:  # showing a built-in registers it, so its hash is on record
        if args.action == "list":
            infos = list_templates(session)
            if args.json:
                print_json([vars(i) for i in infos])
                return 0
            for t in infos:
                origin = "built-in" if t.builtin else f"by {t.author}"
                parent = f", from v{t.parent_version}" if t.parent_version else ""
                print(f"{t.name:<16} v{t.version:<3} {t.kind:<9} {t.language:<3} {t.content_hash[:12]}  "
                      f"{origin}{parent}{'' if t.registered else ' (not yet used)'}")
            return 0
        if not args.name:
            raise InputError("templates show needs a template NAME")
        row = get_template(session, args.name, args.version)
        if args.json:
            print_json({**vars(info_from_row(session, row)), "content": row.content})
        else:
            print(row.content, end="" if row.content.endswith("\n") else "\n")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("judge", help="grade the study's answers with an LLM judge against the checklists",
                       description="Judge every response of the study against every criterion of its "
                       "latest checklist (criterion templates) or as a whole (score templates). Running "
                       "the same command again (same --name) resumes the run.")
    p.add_argument("--model", required=True, help="judge model folder, .gguf file or hub id; the served name (openai)")
    p.add_argument("--template", required=True,
                   help="healthbench | llmeval-med | prometheus | an edited template; NAME@VERSION pins one")
    p.add_argument("--mode", choices=("generate", "logprob"), default="generate",
                   help="generate and parse (default) or next-token P(true) (criterion templates, transformers)")
    add_backend_options(p)
    p.add_argument("--name", default=None, help="run name (default: template-vN-model-mode)")
    p.add_argument("--threshold", type=float, default=0.5, help="logprob mode: met when P(true) >= this")
    p.add_argument("--max-attempts", type=int, default=3, help="tries per unreadable answer before 'failed'")
    p.add_argument("--max-new-tokens", type=int, default=512)
    p.add_argument("--temperature", type=float, default=0.0, help="first try; retries sample at >= 0.7")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--responses", default=None, help="file of response ids or uids to judge (default: all)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_study_option(p)
    p.set_defaults(func=cmd_judge)

    p = sub.add_parser("scores", help="per-model leaderboard (judge run and/or physicians) with 95%% CIs")
    p.add_argument("--judge-run", default=None, help="a judge run's name")
    p.add_argument("--raters", action="store_true", help="the physicians' submitted ratings")
    p.add_argument("--rater-policy", choices=("mean", "majority"), default="mean",
                   help="mean of per-rater answer scores (default) or majority per criterion (ties half)")
    p.add_argument("--metric", choices=("healthbench", "llmeval"), default=None,
                   help="raters: checklist points or overall 1-5 scores (default: checklist if marked)")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    add_study_option(p)
    p.set_defaults(func=cmd_scores)

    p = sub.add_parser("templates", help="list or show judge prompt templates")
    p.add_argument("action", choices=("list", "show"))
    p.add_argument("name", nargs="?", default=None)
    p.add_argument("--version", type=int, default=None, help="show: this version (default: the latest)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_templates)
