"""``reviewer agreement``: the study-level agreement analysis as tables or JSON."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from reviewer.cli.common import add_study_option, print_json, store_from_args


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _table(df: pd.DataFrame, labels: list[str], extra: list[str] | None = None, limit: int | None = None) -> str:
    """Plain-text table: labels, statistic, level, value, 95% CI, n."""
    import pandas as pd

    if df is None or df.empty:
        return "  (no data)"
    cols = [*labels, "statistic", "level", "value", "95% CI", "n", *(extra or [])]
    rows = []
    for rec in df.head(limit).to_dict(orient="records") if limit else df.to_dict(orient="records"):
        ci = "-" if rec.get("ci_low") is None or pd.isna(rec.get("ci_low")) else \
            f"[{_fmt(rec['ci_low'])}, {_fmt(rec['ci_high'])}]"
        rows.append([_fmt(rec.get(c)) for c in labels] + [
            str(rec["statistic"]), _fmt(rec.get("level")), _fmt(rec.get("value")), ci,
            str(rec.get("n_units"))] + [_fmt(rec.get(c)) for c in extra or []])
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    widths = [min(w, 40) for w in widths]
    line = "  " + "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    out = [line, "  " + "  ".join("-" * w for w in widths)]
    for r in rows:
        out.append("  " + "  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)))
    return "\n".join(out)


def _print_text(result: Any, top: int) -> None:
    from reviewer.agreement.results import StudyAgreement
    from reviewer.store.vocabulary import describe_unusable

    r: StudyAgreement = result
    c = r.counts
    print(f"study {r.study!r}: {c['responses']} responses, {c['criteria']} criteria, {c['raters']} raters, "
          f"{c['criterion_ratings']} criterion ratings ({c['not_applicable']} n/a), "
          f"{c['overall_scores']} overall scores")
    print(f"95% CIs: percentile bootstrap, {r.n_boot} resamples of cases, seed {r.seed}\n")
    print("Rater-rater, criteria pooled (unit = response x criterion):")
    print(_table(r.overall, []))
    print("\nRater-rater, overall score (unit = response):")
    print(_table(r.overall_score, []))
    print("\nBy category:")
    print(_table(r.by_category, ["category"]))
    print("\nBy model:")
    print(_table(r.by_model, ["model"]))
    worst = r.by_criterion[r.by_criterion["statistic"] == "krippendorff_alpha"] if len(r.by_criterion) else \
        r.by_criterion
    print(f"\nCriteria with the lowest alpha (nominal; {top} shown, --top to change):")
    print(_table(worst, ["criterion_key", "criterion_text"], limit=top))
    print("\nEach rater against the rest:")
    print(_table(r.raters, ["rater"], ["delta"]))
    print("\nRater pairs (criteria pooled):")
    print(_table(r.rater_pairs, ["rater_a", "rater_b"]))
    for j in r.judges:
        hb = j.healthbench
        print(f"\nJudge run {j.judge_run!r} ({j.judge_model or 'judge'}), {j.n_items} criterion verdicts:")
        ci = f" [{_fmt(hb.judge.ci[0])}, {_fmt(hb.judge.ci[1])}]" if hb.judge.ci else ""
        print(f"  HealthBench pairwise macro-F1: {_fmt(hb.judge.value)}{ci} "
              f"(n = {hb.judge.n_units} items, {hb.judge.details.get('pairs')} pairs)")
        phys = ", ".join(f"{k} {_fmt(e.value)}" for k, e in hb.physicians.items())
        print(f"  physicians vs the other physicians: {phys}")
        print(f"  judge percentile among physicians: {_fmt(hb.percentile, 1)}")
        if hb.meta is not None:
            print(f"  physicians' weighted mean: {_fmt(hb.meta.overall.physician_weighted_mean)}")
            for theme, g in hb.meta.by_theme.items():
                print(f"  theme {theme}: judge {_fmt(g.grader_macro_f1)}, physicians {_fmt(g.physician_weighted_mean)}, "
                      f"percentile {_fmt(g.percentile, 1)} ({g.n_physicians_kept} of {g.n_physicians} physicians, "
                      f"{g.rows_graded} of {g.rows} items graded)")
        print("  Against the physician majority:")
        print(_table(j.vs_majority, []))
        print("  Alpha with the judge in place of each physician:")
        print(_table(j.swapped, ["physician"], ["alpha_physicians", "delta"]))
        print("  Scores (judge vs physicians' mean per response):")
        print(_table(j.scores, ["basis"], ["loa_low", "loa_high"]))
        if j.usability is not None:
            _print_usability(j.usability)
    for name, counts in r.skipped_judge_runs.items():
        print(f"\njudge run {name}: {describe_unusable(counts)}; left out")
    if r.vs_gold:
        print("\nAgainst the gold labels (unit = response x criterion with a gold met / not-met answer):")
        for e in r.vs_gold:
            who = f"judge run {e['judge_run']}" if "judge_run" in e else e["rater"]
            parts = []
            for k in ("accuracy", "macro_f1", "cohen_kappa"):
                ci = e[k]["ci"]
                parts.append(f"{k} {_fmt(e[k]['value'])}" + (f" [{_fmt(ci[0])}, {_fmt(ci[1])}]" if ci else ""))
            print(f"  {who}: n = {e['n']} ({e['n_cases']} cases); " + ", ".join(parts))


def _print_usability(u: Any) -> None:
    """LLMEval-Med usability agreement (judge mean score vs physicians' median, >= threshold)."""
    ci = u.cohen_kappa.ci
    print(f"  Usability (LLMEval-Med, usable = score >= {u.threshold:g}): agreement {_fmt(u.agreement_rate)}, "
          f"n = {u.n}, Cohen's kappa {_fmt(u.cohen_kappa.value)}"
          + (f" [{_fmt(ci[0])}, {_fmt(ci[1])}]" if ci else ""))
    for rec in u.by_area.to_dict(orient="records"):
        paper = f" (paper Figure 5: {rec['paper_figure5']}%)" if rec.get("paper_figure5") else ""
        print(f"    {rec['area']}: {_fmt(rec['agreement_rate'])}, n = {rec['n']}{paper}")
    for rec in u.by_model.to_dict(orient="records"):
        print(f"    model {rec['model']}: {_fmt(rec['agreement_rate'])}, n = {rec['n']}, "
              f"confusion [[hU&jU, hU&jN], [hN&jU, hN&jN]] = {rec['confusion']}")


def cmd_agreement(args: argparse.Namespace) -> int:
    from reviewer.agreement import analyze_study
    from reviewer.agreement.results import JSON_CRITERIA

    store = store_from_args(args)
    categories = [c for c in args.category] if args.category else None
    models = [m for m in args.model] if args.model else None
    result = analyze_study(store, args.study, args.judge_run, categories=categories, models=models,
                           n_boot=args.bootstrap, seed=args.seed, usable_threshold=args.usable_threshold,
                           min_physician_labels=args.min_physician_labels)
    if args.json:
        print_json(result.to_dict(criteria=None if args.all_criteria else JSON_CRITERIA))
    else:
        _print_text(result, args.top)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agreement", help="rater-rater and judge-rater agreement of a study",
                       description="Krippendorff's alpha, kappas, AC1, ICC and HealthBench pairwise "
                       "macro-F1 for the study's submitted ratings and judge runs, with bootstrap CIs.")
    add_study_option(p)
    p.add_argument("--judge-run", default=None, metavar="NAME",
                   help="analyse only this judge run (default: every judge run of the study)")
    p.add_argument("--category", action="append", default=None, metavar="CATEGORY",
                   help="keep only cases in this category (or 'area' for 'area / ...'); repeatable")
    p.add_argument("--model", action="append", default=None, metavar="MODEL",
                   help="keep only answers of this model; repeatable")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                   help="bootstrap resamples of cases for the 95%% CIs (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--usable-threshold", type=float, default=4.0, metavar="SCORE",
                   help="LLMEval-Med usability: a response is usable when its score is at least this "
                   "(judge: mean of its samples; physicians: median overall score; default 4)")
    p.add_argument("--min-physician-labels", type=float, default=50, metavar="N",
                   help="HealthBench percentile: count only physicians whose n in the theme is above N "
                   "(n as simple-evals counts it: comparisons with other physicians' labels, "
                   "disagreements twice; default 50)")
    p.add_argument("--top", type=int, default=10, help="criteria listed in the worst-criteria table")
    p.add_argument("--json", action="store_true",
                   help="print everything as JSON (judge_rater: pairwise_macro_f1, "
                   "physician_pairwise_macro_f1, percentile, ...); per-criterion tables: the 50 "
                   "worst criteria, by_criterion_total the number of criteria")
    p.add_argument("--all-criteria", action="store_true",
                   help="with --json: every criterion in the per-criterion tables (large on big studies; "
                   "report -o FILE.csv / .xlsx also has them all)")
    p.set_defaults(func=cmd_agreement)
