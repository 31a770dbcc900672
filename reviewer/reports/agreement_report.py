"""The agreement report: a :class:`StudyAgreement` turned into a :class:`ReportDocument`.

The tables placed in the document are exactly the tables the CSV and XLSX exports hold, so every
number in the HTML or PDF can be traced to a row of the CSV (column ``table`` names the table).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from reviewer import __version__
from reviewer.agreement.results import JudgeAgreement, StudyAgreement, before_after_tables
from reviewer.reports import labels as marks
from reviewer.reports import plots
from reviewer.reports.document import Figure, ReportDocument, Section, Table
from reviewer.store.vocabulary import describe_unusable

SHORT = {
    "krippendorff_alpha": "alpha",
    "percent_agreement": "agreement",
    "fleiss_kappa": "fleiss_kappa",
    "gwet_ac1": "ac1",
    "cohen_kappa": "kappa",
    "pairwise_agreement": "pairwise_agreement",
    "pairwise_macro_f1": "macro_f1",
    "cohen_kappa_vs_majority": "kappa_vs_majority",
    "alpha_without_rater": "alpha_without",
    "score_bias": "score_bias",
}


def estimates(frame: pd.DataFrame, *, label_cols: list[str] | None = None) -> pd.DataFrame:
    """The tidy estimate columns a reader needs: labels, statistic, level, value, CI, n."""
    keep = [*(label_cols or []), "statistic", "level", "value", "ci_low", "ci_high", "n_units", "n_raters"]
    out = frame[[c for c in keep if c in frame.columns]].copy()
    for col in ("value", "ci_low", "ci_high"):
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").round(4)
    return out.reset_index(drop=True)


def wide(frame: pd.DataFrame, labels: list[str], statistics: list[str], *, n_from: str | None = None
         ) -> pd.DataFrame:
    """One row per label combination: ``<stat>``, ``<stat>_lo``, ``<stat>_hi`` and ``n`` columns.
    ``n``: the largest n of the statistics, or the n of statistic *n_from* when given (e.g. the
    units a rater rated, not those of "alpha without the rater")."""
    sub = frame[frame["statistic"].isin(statistics)]
    if sub.empty:
        return pd.DataFrame(columns=labels)
    rows: dict[tuple, dict] = {}
    for rec in sub.to_dict(orient="records"):
        key = tuple(rec[c] for c in labels)
        row = rows.setdefault(key, {c: rec[c] for c in labels})
        name = SHORT.get(rec["statistic"], rec["statistic"])
        row[name] = _round(rec["value"])
        row[f"{name}_lo"] = _round(rec.get("ci_low"))
        row[f"{name}_hi"] = _round(rec.get("ci_high"))
        if n_from is None:
            row["n"] = max(int(row.get("n", 0)), int(rec.get("n_units") or 0))
        elif rec["statistic"] == n_from:
            row["n"] = int(rec.get("n_units") or 0)
        else:
            row.setdefault("n", 0)
    return pd.DataFrame(list(rows.values()))


def _round(value: object) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")
    return round(v, 4) if np.isfinite(v) else float("nan")


def _methods(result: StudyAgreement) -> str:
    c = result.counts
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in c.items())
    filters = ", ".join(f"{k}={v}" for k, v in result.filters.items() if v) or "none"
    return (
        "Rater–rater agreement on criteria uses Krippendorff's alpha at the nominal level (met / not "
        "met; 'not applicable' counts as missing) computed with the krippendorff package, with Fleiss' "
        "kappa, Gwet's AC1 and percent agreement beside it. A unit is one response × criterion; criteria "
        "pooled per category and per model as labelled.\n\n"
        "Whole-answer scores use Krippendorff's alpha at the ordinal and interval levels and the "
        "Shrout–Fleiss ICC forms named in the table. Each rater is compared with the other raters "
        "(pairwise agreement, pairwise macro-F1, Cohen's kappa against the others' majority, alpha "
        "without the rater, mean score bias).\n\n"
        "Judge–rater agreement follows HealthBench's meta-evaluation: the judge's label is compared "
        "with each physician's label on the same item, F1 for met and for not met averaged (pairwise "
        "macro-F1); each physician is scored the same way against the other physicians, and the judge's "
        "percentile among them is given. Kappa, alpha and AC1 are computed against the physician "
        "majority (ties left out); 'swapped' shows alpha with the judge in place of each physician.\n\n"
        f"Confidence intervals: 95% percentile bootstrap over cases (clusters), {result.n_boot} resamples, "
        f"seed {result.seed}. n is the number of units that entered each figure. Data: {counts}. "
        f"Filters: {filters}."
    )


def _summary_table(result: StudyAgreement) -> pd.DataFrame:
    rows = []
    for frame, scope in ((result.overall, "criteria (pooled)"), (result.overall_score, "overall score")):
        for rec in frame.to_dict(orient="records"):
            rows.append({"scope": scope, "statistic": rec["statistic"], "level": rec.get("level"),
                         "value": _round(rec["value"]), "ci_low": _round(rec.get("ci_low")),
                         "ci_high": _round(rec.get("ci_high")), "n": int(rec.get("n_units") or 0)})
    for j in result.judges:
        e = j.healthbench.judge
        rows.append({"scope": f"judge {j.judge_run}", "statistic": "pairwise_macro_f1", "level": None,
                     "value": _round(e.value), "ci_low": _round(e.ci_low), "ci_high": _round(e.ci_high),
                     "n": int(e.n_units)})
        meta = j.healthbench.meta  # the percentile ranks the physicians with enough labels only
        rows.append({"scope": f"judge {j.judge_run}", "statistic": "percentile_among_physicians",
                     "level": None, "value": _round(j.healthbench.percentile), "ci_low": float("nan"),
                     "ci_high": float("nan"),
                     "n": meta.overall.n_physicians_kept if meta is not None else len(j.healthbench.physicians)})
    return pd.DataFrame(rows)


def _undefined_note(table: pd.DataFrame, key: str) -> str:
    """How many rows have no *key* and why (they are sorted last, perhaps past the rows shown)."""
    if marks.REASON not in table or key not in table:
        return ""
    reasons = table.loc[table[key].isna(), marks.REASON].value_counts()
    if reasons.empty:
        return ""
    why = "; ".join(f"{r} ({n})" for r, n in reasons.items())
    return f"{int(reasons.sum())} criteria have no {key.replace('_', '-')}: {why}. They are listed last."


def _criteria_section(result: StudyAgreement) -> Section:
    labels = ["case_title", "category", "criterion_key", "criterion_text"]
    table = wide(result.by_criterion, labels, ["krippendorff_alpha", "percent_agreement"]) if len(
        result.by_criterion) else pd.DataFrame(columns=labels)
    table = marks.explain(marks.worst_first(table, ["alpha", "agreement"]), value="alpha",
                           statistic="krippendorff_alpha", agreement="agreement")
    section = Section(
        "Criteria, worst first",
        "Per criterion, the raters' agreement over the responses they rated; the criteria at the top "
        "are the ones to read and perhaps reword. Alpha is undefined (–) when every rating of a "
        "criterion is the same (all raters agreed); those criteria come last, with the reason.",
        tables=[Table("by_criterion", "Rater–rater agreement per criterion (worst first)", table,
                      note=_undefined_note(table, "alpha"), display_rows=30)],
    )
    if "alpha" in table and len(table):
        worst = table.head(25)
        section.figures.append(Figure(
            "criteria_alpha", "Alpha per criterion with 95% interval (25 lowest)",
            plots.interval_png([f"{k} {t}" for k, t in zip(worst["criterion_key"], worst["criterion_text"], strict=True)],
                               worst["alpha"], worst["alpha_lo"], worst["alpha_hi"], xlabel="Krippendorff's alpha",
                               highlight=list(worst["alpha"].fillna(-1) < 0.667), reference=0.667),
            "Red: alpha below 0.667, Krippendorff's lowest limit for tentative conclusions."))
    return section


def _raters_section(result: StudyAgreement) -> Section:
    drift = wide(result.raters, ["rater"], list(SHORT), n_from="pairwise_agreement") if len(result.raters) else pd.DataFrame()
    tables = [Table("raters", "Each rater against the others", drift),
              Table("rater_pairs", "Rater pairs (criteria pooled)",
                    estimates(result.rater_pairs, label_cols=["rater_a", "rater_b"]))]
    section = Section("Raters", "How each physician agrees with the rest: a low figure points at a "
                      "rater who reads the checklist differently (drift) or needs calibration.", tables)
    pairs = result.rater_pairs[result.rater_pairs["statistic"] == "cohen_kappa"] if len(result.rater_pairs) else None
    if pairs is not None and len(pairs):
        raters = sorted(set(pairs["rater_a"]) | set(pairs["rater_b"]))
        matrix = pd.DataFrame(np.nan, index=raters, columns=raters)
        for rec in pairs.to_dict(orient="records"):
            matrix.loc[rec["rater_a"], rec["rater_b"]] = matrix.loc[rec["rater_b"], rec["rater_a"]] = rec["value"]
        for r in raters:
            matrix.loc[r, r] = 1.0
        section.figures.append(Figure("rater_heatmap", "Cohen's kappa, rater × rater",
                                      plots.heatmap_png(matrix)))
    return section


def _groups_section(result: StudyAgreement) -> Section:
    stats = ["krippendorff_alpha", "percent_agreement", "gwet_ac1"]
    return Section("By category and model", "", tables=[
        Table("by_category", "Rater–rater agreement per category",
              wide(result.by_category, ["category"], stats) if len(result.by_category) else pd.DataFrame()),
        Table("by_model", "Rater–rater agreement per model (model names: coordinator only)",
              wide(result.by_model, ["model"], stats) if len(result.by_model) else pd.DataFrame()),
    ])


def _scores_section(result: StudyAgreement) -> Section:
    section = Section("Overall scores", "Agreement on the whole-answer score.", tables=[
        Table("overall_score", "Overall score agreement",
              marks.explain(estimates(result.overall_score, label_cols=[]), value="value", statistic="",
                             n_units="n_units", n_raters="n_raters"))])
    m = result.score_matrix
    if m is not None and m.shape[1] >= 2:
        first = m.columns[0]
        rest = m.drop(columns=[first]).mean(axis=1)
        ok = m[first].notna() & rest.notna()
        if ok.sum() >= 2:
            section.figures.append(Figure(
                "bland_altman_raters", f"Bland–Altman: {first} against the mean of the other raters",
                plots.bland_altman_png(m[first][ok], rest[ok], a_name=str(first), b_name="others")))
    return section


def _judge_section(j: JudgeAgreement) -> Section:
    p = f"judge[{j.judge_run}]."
    hb = StudyAgreement.healthbench_table(j)
    crit = wide(j.by_criterion, [c for c in ("criterion_key", "criterion_text") if c in j.by_criterion.columns],
                ["pairwise_macro_f1", "percent_agreement"]) if len(j.by_criterion) else pd.DataFrame()
    crit = marks.explain(marks.worst_first(crit, ["macro_f1", "agreement"]), value="macro_f1",
                          statistic="pairwise_macro_f1", agreement="agreement")
    section = Section(
        f"Judge “{j.judge_run}” against the physicians",
        f"Judge model: {j.judge_model}. Items compared: {j.n_items}.",
        tables=[
            Table(p + "pairwise_macro_f1", "Pairwise macro-F1 (judge and each physician against the others)",
                  estimates(hb, label_cols=["grader"]).assign(percentile=hb["percentile"].to_numpy())),
            Table(p + "vs_majority", "Judge against the physician majority", estimates(j.vs_majority)),
            Table(p + "swapped", "Alpha with the judge swapped in for each physician",
                  j.swapped.round(4) if len(j.swapped) else j.swapped),
            Table(p + "by_criterion", "Judge–physician agreement per criterion (worst first)", crit,
                  note=_undefined_note(crit, "macro_f1"), display_rows=30),
            Table(p + "scores", "Judge score against the physicians' mean score",
                  estimates(j.scores, label_cols=[c for c in ("basis",) if c in j.scores.columns])),
        ],
    )
    conf = j.confusion
    if conf is not None and conf.size:
        section.figures.append(Figure(
            p + "confusion", "Confusion matrix: physician majority (rows) × judge (columns)",
            plots.confusion_matrix_png(conf.to_numpy(), [str(c) for c in conf.columns],
                                       row_title="physician majority", col_title="judge")))
    sd = j.score_data
    if sd is not None and len(sd) >= 2:
        basis = sd["basis"].iloc[0] if "basis" in sd else "score"
        section.figures.append(Figure(
            p + "bland_altman", f"Bland–Altman: judge against physicians ({basis})",
            plots.bland_altman_png(sd["judge"], sd["physicians"], a_name="judge", b_name="physicians")))
    return section


def _usability_section(j: JudgeAgreement) -> Section:
    """LLMEval-Med usability agreement (arXiv:2506.04078, Figures 5 and 6): the per-area table in
    the paper's shape with its Figure 5 values beside, per-model confusion matrices, criteria
    against overall score on the same responses, and the median rating time per item."""
    u = j.usability
    assert u is not None
    p = f"judge[{j.judge_run}].usability"
    pct = (lambda v: None if v is None or pd.isna(v) else round(100 * float(v), 2))  # noqa: E731
    areas = pd.DataFrame([{"area": r["area"], "code": r["code"], "n": int(r["n"]),
                           "agreement_%": pct(r["agreement_rate"]), "kappa": _round(r["cohen_kappa"]),
                           "paper_figure5_%": r["paper_figure5"]} for r in u.by_area.to_dict(orient="records")]
                         + [{"area": "all", "code": None, "n": u.n, "agreement_%": pct(u.agreement_rate),
                             "kappa": _round(u.cohen_kappa.value), "paper_figure5_%": None}])
    models = pd.DataFrame([{"model": r["model"], "n": int(r["n"]), "agreement_%": pct(r["agreement_rate"]),
                            "kappa": _round(r["cohen_kappa"]),
                            "human_usable_judge_usable": r["confusion"][0][0],
                            "human_usable_judge_unusable": r["confusion"][0][1],
                            "human_unusable_judge_usable": r["confusion"][1][0],
                            "human_unusable_judge_unusable": r["confusion"][1][1]}
                           for r in u.by_model.to_dict(orient="records")])
    cvo = u.criteria_vs_overall.copy()
    for col in ("agreement", "chance_corrected"):
        cvo[col] = pd.to_numeric(cvo[col], errors="coerce").round(4)
    ci = u.cohen_kappa.ci
    section = Section(
        f"Usability agreement (LLMEval-Med), judge “{j.judge_run}”",
        f"A response is usable when its score is at least {u.threshold:g}: the judge's mean over its "
        "samples, the physicians' median overall score (submitted ratings). Agreement rate = share of "
        f"responses put in the same class; n = {u.n}, Cohen's kappa {_round(u.cohen_kappa.value)}"
        + (f" (95% CI {_round(ci[0])} to {_round(ci[1])}, cases resampled)" if ci else "")
        + ". paper_figure5_% is the paper's Figure 5 value for that area, for reference only.",
        tables=[Table(p, "Human-machine usability agreement per area (paper Figure 5 beside)", areas),
                Table(p + ".by_category", "Usability agreement per category",
                      u.by_category.round(4) if len(u.by_category) else u.by_category),
                Table(p + ".by_model", "Usability agreement per model (confusion: physicians × judge)", models),
                Table(p + ".criteria_vs_overall",
                      "Same responses: agreement on the criteria against agreement on the overall score", cvo),
                Table(p + ".rating_time", "Median rating time per item (seconds, ratings with a recorded time)",
                      u.rating_time.round(2) if len(u.rating_time) else u.rating_time)])
    mats = {str(r["model"]): r["confusion"] for r in u.by_model.to_dict(orient="records")}
    if mats:
        section.figures.append(Figure(
            p + ".confusion", "Usable / unusable per model: physicians (rows) × judge (columns), as the paper's Figure 6",
            plots.confusion_grid_png(mats, ["usable", "unusable"], row_title="physicians", col_title="judge")))
    return section


# --- HealthBench meta-evaluation tables (simple-evals' definitions) ---

HEALTHBENCH_METHODS = (
    "HealthBench tables follow simple-evals (healthbench_meta_eval.py, compute_metrics_for_rater_by_class; "
    "healthbench_scripts/healthbench_analysis.ipynb, plot_model_physician_agreement). Per category "
    "(the criterion's 'cluster:' id), a grader's macro-F1 is (F1 met + F1 not met) / 2 over its "
    "(own label, other physician's label) pairs, with n = n(F1 met) + n(F1 not met), "
    "n(F1) = TP + FP + FN of that class. A theme is the category's name between 'cluster:' and the "
    "first '_'; a theme's value is the n-weighted mean of its categories' values. The judge is "
    "compared on the items it graded (coverage shown), each physician against the other physicians "
    "on every label they gave. Physician baseline: the n-weighted mean over all physicians. "
    "Percentile: (physicians below + 1/2 × physicians equal) / physicians × 100, over the physicians "
    "whose n exceeds {min_n:g}; '–' when none does (the reference then leaves the theme out)."
)


def _healthbench_methods(result: StudyAgreement) -> str:
    metas = [j.healthbench.meta for j in result.judges if j.healthbench.meta is not None]
    return "\n\n" + HEALTHBENCH_METHODS.format(min_n=metas[0].min_physician_labels) if metas else ""


def _healthbench_theme_section(j: JudgeAgreement) -> Section:
    """The judge's macro-F1, the physicians' weighted mean and the percentile per theme and category."""
    hb = j.healthbench.to_dict()

    def table(groups: dict[str, dict], label: str) -> pd.DataFrame:
        cols = ["grader_macro_f1", "physician_weighted_mean", "percentile", "n_physicians",
                "n_physicians_kept", "rows", "rows_graded"]
        return pd.DataFrame([{label: k, **{c: g[c] for c in cols}} for k, g in groups.items()],
                            columns=[label, *cols]).round(4)

    p = f"judge[{j.judge_run}].hb_"
    return Section(
        f"HealthBench themes: judge “{j.judge_run}”",
        f"Judge macro-F1 against physicians per theme and category, beside the physicians' weighted "
        f"mean and the judge's percentile among physicians (coverage: {hb['grader_coverage'].get('rows_graded')} "
        f"of {hb['grader_coverage'].get('rows')} items graded).",
        tables=[Table(p + "theme", "By theme", table(hb.get("by_theme", {}), "theme")),
                Table(p + "category", "By category", table(hb.get("by_category", {}), "category"))])


GOLD_STATISTICS = {"accuracy": "accuracy", "macro_f1": "macro_f1", "cohen_kappa": "kappa"}


def gold_table(result: StudyAgreement) -> pd.DataFrame:
    """One row per physician and judge run against the gold labels (``result.vs_gold``), worst
    accuracy first: grader (judge runs as ``judge:<run>``), accuracy / macro_f1 / kappa each with ``_lo`` / ``_hi``, n, n_cases."""
    rows = []
    for e in result.vs_gold:
        row: dict[str, object] = {"grader": f"judge:{e['judge_run']}" if "judge_run" in e else e["rater"]}
        for stat, short in GOLD_STATISTICS.items():
            ci = e[stat]["ci"] or [None, None]
            row.update({short: _round(e[stat]["value"]), f"{short}_lo": _round(ci[0]), f"{short}_hi": _round(ci[1])})
        row.update(n=int(e["n"]), n_cases=int(e["n_cases"]))
        rows.append(row)
    return marks.worst_first(pd.DataFrame(rows), ["accuracy", "macro_f1", "kappa"])


def _gold_text(result: StudyAgreement) -> str:
    c = result.gold_counts
    how = ("Each physician and judge run graded against the adjudicated gold labels (a gold 'not "
           "applicable' is no label); an item counts where the grader answered met or not met.")
    if not c:
        return how
    ways = [f"{c.get('manual', 0)} decided by a person", f"{c.get('majority', 0)} by majority vote"]
    other = c["labels"] - c.get("manual", 0) - c.get("majority", 0)
    if other > 0:
        ways.append(f"{other} otherwise")
    return f"{c['labels']} gold labels (met / not met): {', '.join(ways)}. " + how


def _gold_section(result: StudyAgreement) -> Section:
    """Each rater and judge run against the gold labels (issue 18), worst accuracy first."""
    table = gold_table(result)
    section = Section(
        "Against the gold labels", _gold_text(result),
        tables=[Table("vs_gold", "Accuracy, macro-F1 and Cohen's kappa against gold (worst first)", table,
                      note="Intervals: 95% bootstrap over cases; n = items graded, n cases = cases they come from.")])
    if len(table):
        section.figures.append(Figure(
            "vs_gold_accuracy", "Accuracy against the gold labels with 95% interval",
            plots.interval_png(list(table["grader"]), table["accuracy"], table["accuracy_lo"],
                               table["accuracy_hi"], xlabel="accuracy against gold"),
            "Worst first, as the table; judge runs are named judge:<run>."))
    return section


def _before_after_section(result: StudyAgreement) -> Section:
    """Physicians' and judges' agreement on the old and the new wording of each edited criterion."""
    tables = before_after_tables(result.before_after)
    ba = result.before_after
    assert ba is not None
    return Section(
        "Before and after checklist edits",
        "Each criterion reworded in a newer checklist version, its wording before the newest change "
        "('before') and its newest wording ('after'), each with the checklist versions that carry it "
        "(v1, v2, ...). Physicians: the submitted ratings made on that wording, including ratings a "
        "re-rating later superseded (they count for the version they were made on); an answer carried "
        "unchanged to a later version counts once; 'not applicable' is a missing rating. n = answers "
        "with two or more physicians' met / not-met answers; alpha is Krippendorff's alpha (nominal), "
        "agreement the share of agreeing physician pairs. Judges: each run's verdicts on the same "
        "wording against the physicians' strict majority (ties left out): agreement = share of answers "
        "where they match, kappa = Cohen's kappa. A wording without an answer rated by two physicians "
        "needs new ratings (reviewer checklist rerate).",
        tables=[Table("before_after", "Physicians' agreement before and after each edit", tables["before_after"],
                      note=f"Intervals: 95% bootstrap over answers, {ba.n_boot} resamples, seed {ba.seed}."),
                Table("before_after.judges", "Judges against the physicians' majority, before and after each edit",
                      tables["before_after.judges"], note=ba.unjudged_note())])


def build_agreement_report(result: StudyAgreement, *, progress: Callable[[int, int], None] | None = None
                           ) -> ReportDocument:
    """Summary, criteria worst first, raters, groups, scores, each judge run, the gold labels
    (when the study has any), before and after checklist edits (when a criterion was reworded),
    methods."""
    builders = [
        lambda: Section("Summary", "Headline agreement figures with 95% bootstrap intervals."
                        + "".join(f"\n\njudge run {name}: {describe_unusable(counts)}; left out."
                                  for name, counts in result.skipped_judge_runs.items()),
                        tables=[Table("summary", "Summary", marks.explain(
                            _summary_table(result), value="value", statistic=""))]),
        lambda: _criteria_section(result),
        lambda: _raters_section(result),
        lambda: _groups_section(result),
        lambda: _scores_section(result),
        *[(lambda j=j: _judge_section(j)) for j in result.judges],
        *[(lambda j=j: _healthbench_theme_section(j)) for j in result.judges if j.healthbench.meta is not None],
        *[(lambda j=j: _usability_section(j)) for j in result.judges if j.usability is not None],
        *([lambda: _gold_section(result)] if result.vs_gold else []),
        *([lambda: _before_after_section(result)] if result.before_after is not None and result.before_after.rows
          else []),
        lambda: Section("Methods", _methods(result) + _healthbench_methods(result)),
    ]
    sections = []
    for i, build in enumerate(builders):
        sections.append(build())
        for table in sections[-1].tables:  # every interval flagged: informative yes / no
            table.frame = marks.mark_intervals(table.frame)
        if progress:
            progress(i + 1, len(builders))
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return ReportDocument(f"Agreement report: {result.study}", f"reviewer {__version__} · {when}", sections)
