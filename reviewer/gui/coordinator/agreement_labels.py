"""The Agreement tab in the UI language: titles, notes, column headers and key cells of the report.

The agreement report (:mod:`reviewer.reports.agreement_report`) stays an English document for
export; this display layer translates what the Agreement tab shows of it: table and figure titles
(by table or figure name), notes, column names, and the cells of the ``statistic``, ``level``,
``scope``, ``basis``, ``side``, ``why_undefined`` and ``*_informative`` columns. Only the display changes: the
frames keep their keys (sorting, colours and exports read them), and study data (cases, criteria,
raters, models, judge runs) is shown as it is. A string this module does not know is shown in
English, so a new table never disappears. The plot images themselves are drawn in English by
matplotlib; the title above each is translated here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

JUDGE_PREFIX = re.compile(r"^judge\[(?P<run>.*)\]\.")


def _key(name: str) -> str:
    """A table or figure name without its ``judge[<run>].`` prefix."""
    return JUDGE_PREFIX.sub("", name)


def column_names() -> dict[str, str]:
    return {
        "ac1": QCoreApplication.translate("AgreementLabels", "AC1"),
        "accuracy": QCoreApplication.translate("AgreementLabels", "Accuracy"),
        "agreement": QCoreApplication.translate("AgreementLabels", "Agreement"),
        "agreement_%": QCoreApplication.translate("AgreementLabels", "Agreement %"),
        "agreement_rate": QCoreApplication.translate("AgreementLabels", "Agreement rate"),
        "alpha": QCoreApplication.translate("AgreementLabels", "Alpha"),
        "alpha_physicians": QCoreApplication.translate("AgreementLabels", "Alpha among physicians"),
        "alpha_physicians_ci_low": QCoreApplication.translate("AgreementLabels", "Alpha among physicians, CI low"),
        "alpha_physicians_ci_high": QCoreApplication.translate("AgreementLabels", "Alpha among physicians, CI high"),
        "alpha_without": QCoreApplication.translate("AgreementLabels", "Alpha without the rater"),
        "area": QCoreApplication.translate("AgreementLabels", "Area"),
        "basis": QCoreApplication.translate("AgreementLabels", "Basis"),
        "case": QCoreApplication.translate("AgreementLabels", "Case"),
        "case_title": QCoreApplication.translate("AgreementLabels", "Case"),
        "category": QCoreApplication.translate("AgreementLabels", "Category"),
        "chance_corrected": QCoreApplication.translate("AgreementLabels", "Chance-corrected"),
        "chance_statistic": QCoreApplication.translate("AgreementLabels", "Chance-corrected statistic"),
        "ci_low": QCoreApplication.translate("AgreementLabels", "CI low"),
        "ci_high": QCoreApplication.translate("AgreementLabels", "CI high"),
        "ci_informative": QCoreApplication.translate("AgreementLabels", "CI informative"),
        "code": QCoreApplication.translate("AgreementLabels", "Code"),
        "cohen_kappa": QCoreApplication.translate("AgreementLabels", "Cohen's kappa"),
        "comparison": QCoreApplication.translate("AgreementLabels", "Comparison"),
        "criterion_key": QCoreApplication.translate("AgreementLabels", "Criterion key"),
        "criterion_text": QCoreApplication.translate("AgreementLabels", "Criterion"),
        "delta": QCoreApplication.translate("AgreementLabels", "Difference"),
        "grader": QCoreApplication.translate("AgreementLabels", "Grader"),
        "grader_macro_f1": QCoreApplication.translate("AgreementLabels", "Grader macro-F1"),
        "human_usable_judge_usable": QCoreApplication.translate("AgreementLabels", "Physicians usable, judge usable"),
        "human_usable_judge_unusable": QCoreApplication.translate("AgreementLabels", "Physicians usable, judge unusable"),
        "human_unusable_judge_usable": QCoreApplication.translate("AgreementLabels", "Physicians unusable, judge usable"),
        "human_unusable_judge_unusable": QCoreApplication.translate("AgreementLabels", "Physicians unusable, judge unusable"),
        "item": QCoreApplication.translate("AgreementLabels", "Item"),
        "judge_run": QCoreApplication.translate("AgreementLabels", "Judge run"),
        "kappa": QCoreApplication.translate("AgreementLabels", "Kappa"),
        "kappa_vs_majority": QCoreApplication.translate("AgreementLabels", "Kappa against the majority"),
        "level": QCoreApplication.translate("AgreementLabels", "Level"),
        "macro_f1": QCoreApplication.translate("AgreementLabels", "Macro-F1"),
        "median_s": QCoreApplication.translate("AgreementLabels", "Median (s)"),
        "model": QCoreApplication.translate("AgreementLabels", "Model"),
        "n": QCoreApplication.translate("AgreementLabels", "n"),
        "n_cases": QCoreApplication.translate("AgreementLabels", "n cases"),
        "n_boot": QCoreApplication.translate("AgreementLabels", "Resamples"),
        "n_physicians": QCoreApplication.translate("AgreementLabels", "Physicians"),
        "n_physicians_kept": QCoreApplication.translate("AgreementLabels", "Physicians kept"),
        "n_raters": QCoreApplication.translate("AgreementLabels", "Raters"),
        "n_ratings": QCoreApplication.translate("AgreementLabels", "Physicians' answers"),
        "note": QCoreApplication.translate("AgreementLabels", "Note"),
        "n_units": QCoreApplication.translate("AgreementLabels", "Units"),
        "pairwise_agreement": QCoreApplication.translate("AgreementLabels", "Pairwise agreement"),
        "paper_figure5_%": QCoreApplication.translate("AgreementLabels", "Paper Figure 5 %"),
        "percentile": QCoreApplication.translate("AgreementLabels", "Percentile"),
        "physician": QCoreApplication.translate("AgreementLabels", "Physician"),
        "physician_weighted_mean": QCoreApplication.translate("AgreementLabels", "Physicians' weighted mean"),
        "rater": QCoreApplication.translate("AgreementLabels", "Rater"),
        "rater_a": QCoreApplication.translate("AgreementLabels", "First rater"),
        "rater_b": QCoreApplication.translate("AgreementLabels", "Second rater"),
        "rows": QCoreApplication.translate("AgreementLabels", "Items"),
        "rows_graded": QCoreApplication.translate("AgreementLabels", "Items graded"),
        "scope": QCoreApplication.translate("AgreementLabels", "Scope"),
        "score_bias": QCoreApplication.translate("AgreementLabels", "Score bias"),
        "side": QCoreApplication.translate("AgreementLabels", "Before / after the edit"),
        "statistic": QCoreApplication.translate("AgreementLabels", "Statistic"),
        "theme": QCoreApplication.translate("AgreementLabels", "Theme"),
        "value": QCoreApplication.translate("AgreementLabels", "Value"),
        "versions": QCoreApplication.translate("AgreementLabels", "Checklist versions"),
        "why_undefined": QCoreApplication.translate("AgreementLabels", "Why no value"),
        "percentile_among_physicians": QCoreApplication.translate("AgreementLabels", "Percentile among physicians"),
        "fleiss_kappa": QCoreApplication.translate("AgreementLabels", "Fleiss' kappa"),
        "gwet_ac1": QCoreApplication.translate("AgreementLabels", "Gwet's AC1"),
    }


def statistic_names() -> dict[str, str]:
    return {
        "krippendorff_alpha": QCoreApplication.translate("AgreementLabels", "Krippendorff's alpha"),
        "percent_agreement": QCoreApplication.translate("AgreementLabels", "Percent agreement"),
        "fleiss_kappa": QCoreApplication.translate("AgreementLabels", "Fleiss' kappa"),
        "gwet_ac1": QCoreApplication.translate("AgreementLabels", "Gwet's AC1"),
        "cohen_kappa": QCoreApplication.translate("AgreementLabels", "Cohen's kappa"),
        "pairwise_agreement": QCoreApplication.translate("AgreementLabels", "Pairwise agreement"),
        "pairwise_macro_f1": QCoreApplication.translate("AgreementLabels", "Pairwise macro-F1"),
        "cohen_kappa_vs_majority": QCoreApplication.translate("AgreementLabels", "Kappa against the majority"),
        "alpha_without_rater": QCoreApplication.translate("AgreementLabels", "Alpha without the rater"),
        "score_bias": QCoreApplication.translate("AgreementLabels", "Score bias"),
        "alpha_swapped": QCoreApplication.translate("AgreementLabels", "Alpha, judge swapped in"),
        "icc": QCoreApplication.translate("AgreementLabels", "ICC"),
        "kendall": QCoreApplication.translate("AgreementLabels", "Kendall's tau"),
        "spearman": QCoreApplication.translate("AgreementLabels", "Spearman's rho"),
        "pearson": QCoreApplication.translate("AgreementLabels", "Pearson's correlation"),
        "mean_difference": QCoreApplication.translate("AgreementLabels", "Mean difference"),
        "percentile_among_physicians": QCoreApplication.translate("AgreementLabels", "Percentile among physicians"),
    }


def level_names() -> dict[str, str]:
    return {
        "nominal": QCoreApplication.translate("AgreementLabels", "nominal"),
        "ordinal": QCoreApplication.translate("AgreementLabels", "ordinal"),
        "interval": QCoreApplication.translate("AgreementLabels", "interval"),
        "none": QCoreApplication.translate("AgreementLabels", "none"),
        # the Shrout–Fleiss ICC forms are names in every language
        **{form: form for form in ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")},
    }


def basis_names() -> dict[str, str]:
    return {
        "criteria (met / not met vs majority)": QCoreApplication.translate("AgreementLabels", "criteria (met / not met, against the majority)"),
        "criteria (met / not met)": QCoreApplication.translate("AgreementLabels", "criteria (met / not met)"),
        "overall score (exact)": QCoreApplication.translate("AgreementLabels", "overall score (exact)"),
        "overall_score": QCoreApplication.translate("AgreementLabels", "overall score"),
        "rubric_score": QCoreApplication.translate("AgreementLabels", "rubric score"),
    }


def reason_names() -> dict[str, str]:
    return {
        "all raters agreed (one category only)": QCoreApplication.translate("AgreementLabels", "all raters agreed (one category only)"),
        "one category only": QCoreApplication.translate("AgreementLabels", "one category only"),
        "fewer than 2 raters": QCoreApplication.translate("AgreementLabels", "fewer than 2 raters"),
        "no unit rated by 2 or more raters": QCoreApplication.translate("AgreementLabels", "no unit rated by 2 or more raters"),
        "no pairable ratings": QCoreApplication.translate("AgreementLabels", "no pairable ratings"),
    }


def table_titles() -> dict[str, str]:
    return {
        "summary": QCoreApplication.translate("AgreementLabels", "Summary"),
        "by_criterion": QCoreApplication.translate("AgreementLabels", "Rater–rater agreement per criterion (worst first)"),
        "raters": QCoreApplication.translate("AgreementLabels", "Each rater against the others"),
        "rater_pairs": QCoreApplication.translate("AgreementLabels", "Rater pairs (criteria pooled)"),
        "by_category": QCoreApplication.translate("AgreementLabels", "Rater–rater agreement per category"),
        "by_model": QCoreApplication.translate("AgreementLabels", "Rater–rater agreement per model (model names: coordinator only)"),
        "overall_score": QCoreApplication.translate("AgreementLabels", "Overall score agreement"),
        "pairwise_macro_f1": QCoreApplication.translate("AgreementLabels", "Pairwise macro-F1 (judge and each physician against the others)"),
        "vs_majority": QCoreApplication.translate("AgreementLabels", "Judge against the physician majority"),
        "swapped": QCoreApplication.translate("AgreementLabels", "Alpha with the judge swapped in for each physician"),
        "judge_by_criterion": QCoreApplication.translate("AgreementLabels", "Judge–physician agreement per criterion (worst first)"),
        "scores": QCoreApplication.translate("AgreementLabels", "Judge score against the physicians' mean score"),
        "hb_theme": QCoreApplication.translate("AgreementLabels", "HealthBench: by theme"),
        "hb_category": QCoreApplication.translate("AgreementLabels", "HealthBench: by category"),
        "usability": QCoreApplication.translate("AgreementLabels", "Human-machine usability agreement per area (paper Figure 5 beside)"),
        "usability.by_category": QCoreApplication.translate("AgreementLabels", "Usability agreement per category"),
        "usability.by_model": QCoreApplication.translate("AgreementLabels", "Usability agreement per model (confusion: physicians × judge)"),
        "usability.criteria_vs_overall": QCoreApplication.translate(
            "AgreementLabels", "Same responses: agreement on the criteria against agreement on the overall score"),
        "usability.rating_time": QCoreApplication.translate(
            "AgreementLabels", "Median rating time per item (seconds, ratings with a recorded time)"),
        "vs_gold": QCoreApplication.translate(
            "AgreementLabels", "Accuracy, macro-F1 and Cohen's kappa against gold (worst first)"),
        "before_after": QCoreApplication.translate("AgreementLabels", "Physicians' agreement before and after each edit"),
        "before_after.judges": QCoreApplication.translate(
            "AgreementLabels", "Judges against the physicians' majority, before and after each edit"),
    }


def figure_titles() -> dict[str, str]:
    return {
        "criteria_alpha": QCoreApplication.translate("AgreementLabels", "Alpha per criterion with 95% interval (25 lowest)"),
        "vs_gold_accuracy": QCoreApplication.translate("AgreementLabels", "Accuracy against the gold labels with 95% interval"),
        "rater_heatmap": QCoreApplication.translate("AgreementLabels", "Cohen's kappa, rater × rater"),
        "confusion": QCoreApplication.translate("AgreementLabels", "Confusion matrix: physician majority (rows) × judge (columns)"),
        "usability.confusion": QCoreApplication.translate(
            "AgreementLabels", "Usable / unusable per model: physicians (rows) × judge (columns), as the paper's Figure 6"),
    }


def table_title(name: str, english: str) -> str:
    """The title of table *name* in the UI language; a judge run's tables name the run."""
    key = _key(name)
    if key == "by_criterion" and key != name:
        key = "judge_by_criterion"
    title = table_titles().get(key, english)
    match = JUDGE_PREFIX.match(name)
    if match:
        return QCoreApplication.translate("AgreementLabels", "%s — judge run %s") % (title, match["run"])
    return title


def _figure_title(name: str, english: str) -> str | None:
    key = _key(name)
    if key in figure_titles():
        return figure_titles()[key]
    if key == "bland_altman_raters" and (m := re.match(r"Bland–Altman: (.*) against the mean of the other raters$",
                                                      english)):
        return QCoreApplication.translate("AgreementLabels", "Bland–Altman: %s against the mean of the other raters") % m[1]
    if key == "bland_altman" and (m := re.match(r"Bland–Altman: judge against physicians \((.*)\)$", english)):
        basis = basis_names().get(m[1], m[1])
        return QCoreApplication.translate("AgreementLabels", "Bland–Altman: judge against physicians (%s)") % basis
    return None


def known_figure(name: str, english: str) -> bool:
    """Whether figure *name* (titled *english* in the report) has a title in the UI language."""
    return _figure_title(name, english) is not None


def figure_title(name: str, english: str) -> str:
    """The title above figure *name*; the Bland–Altman titles keep the rater or score they name."""
    title = _figure_title(name, english)
    if title is None:
        return english
    match = JUDGE_PREFIX.match(name)
    if match:
        return QCoreApplication.translate("AgreementLabels", "%s — judge run %s") % (title, match["run"])
    return title


def figure_note(name: str, english: str) -> str:
    if _key(name) == "vs_gold_accuracy" and english:
        return QCoreApplication.translate("AgreementLabels",
                                          "Worst first, as the table; judge runs are named judge:<run>.")
    if _key(name) == "criteria_alpha" and english:
        return QCoreApplication.translate(
            "AgreementLabels", "Red: alpha below 0.667, Krippendorff's lowest limit for tentative conclusions.")
    return english


_BOOT_OVER_ANSWERS = re.compile(r"Intervals: 95% bootstrap over answers, (\d+) resamples, seed (\d+)\.")
_UNJUDGED = re.compile(r"No judge run graded the newest wording of (.+) yet: re-judge those cases "
                       r"\(reviewer rejudge CASE\.\.\.\) to compare\.")


def _fixed_note(english: str) -> str | None:
    """The notes the report writes in fixed words (the gold and the before / after tables), in the
    UI language; None for any other note."""
    if english == "Intervals: 95% bootstrap over cases; n = items graded, n cases = cases they come from.":
        return QCoreApplication.translate(
            "AgreementLabels", "Intervals: 95% bootstrap over cases; n = items graded, n cases = cases they come from.")
    match = _UNJUDGED.fullmatch(english)
    if match:  # in the app, the app's way to re-judge rather than the command line's
        return QCoreApplication.translate(
            "AgreementLabels", "No judge run graded the newest wording of %s yet: re-judge those cases "
            "(Triage › Re-judge affected answers…) to compare.") % match[1]
    match = _BOOT_OVER_ANSWERS.fullmatch(english)
    if match:
        return QCoreApplication.translate(
            "AgreementLabels", "Intervals: 95%% bootstrap over answers, %d resamples, seed %d.") % (
            int(match[1]), int(match[2]))
    return None


def table_note(name: str, english: str, frame: Any) -> str:
    """The note under a table: why rows have no value (rebuilt from the frame's reasons), or one of
    the report's fixed notes."""
    from reviewer.reports import labels as marks

    if not english:
        return english
    fixed = _fixed_note(english)
    if fixed is not None:
        return fixed
    key = "alpha" if _key(name) == "by_criterion" and name == _key(name) else "macro_f1"
    if marks.REASON not in frame or key not in frame:
        return english
    reasons = frame.loc[frame[key].isna(), marks.REASON].value_counts()
    if reasons.empty:
        return english
    names = reason_names()
    why = QCoreApplication.translate("AgreementLabels", "; ").join(
        QCoreApplication.translate("AgreementLabels", "%s (%d)") % (names.get(r, r), n) for r, n in reasons.items())
    stat = (QCoreApplication.translate("AgreementLabels", "alpha") if key == "alpha"
            else QCoreApplication.translate("AgreementLabels", "macro-F1"))
    return QCoreApplication.translate("AgreementLabels", "%d criteria have no %s: %s. They are listed last.") % (
        int(reasons.sum()), stat, why)


def header_of(column: str) -> str:
    """A column's title: known names, and ``x_lo`` / ``x_hi`` / ``x_informative`` from ``x``."""
    names = column_names()
    if column in names:
        return names[column]
    for suffix, pattern in (("_lo", QCoreApplication.translate("AgreementLabels", "%s, CI low")),
                            ("_hi", QCoreApplication.translate("AgreementLabels", "%s, CI high")),
                            ("_informative", QCoreApplication.translate("AgreementLabels", "%s, CI informative"))):
        if column.endswith(suffix) and column[: -len(suffix)] in names:
            return pattern % names[column[: -len(suffix)]]
    return column.replace("_", " ")


def headers(columns: Any) -> dict[str, str]:
    """Column name -> its title in the UI language (for ``DataFrameModel(headers=...)``)."""
    return {str(c): header_of(str(c)) for c in columns}


def cell_display(columns: Any) -> dict[str, Callable[[Any], str | None]]:
    """Column name -> how its cells read (``None``: as usual), for the key columns only."""
    yes_no = {"yes": QCoreApplication.translate("AgreementLabels", "yes"), "no": QCoreApplication.translate("AgreementLabels", "no")}
    stats, levels, reasons, bases = statistic_names(), level_names(), reason_names(), basis_names()
    scopes = {"criteria (pooled)": QCoreApplication.translate("AgreementLabels", "criteria (pooled)"),
              "overall score": QCoreApplication.translate("AgreementLabels", "overall score")}
    judge_scope = QCoreApplication.translate("AgreementLabels", "judge %s")
    sides = {"before": QCoreApplication.translate("AgreementLabels", "before the edit"),
             "after": QCoreApplication.translate("AgreementLabels", "after the edit")}

    def scope(value: Any) -> str | None:
        text = str(value)
        if text in scopes:
            return scopes[text]
        return judge_scope % text[len("judge "):] if text.startswith("judge ") else None

    def lookup(table: dict[str, str]) -> Callable[[Any], str | None]:
        return lambda value: table.get(str(value)) if isinstance(value, str) else None

    out: dict[str, Callable[[Any], str | None]] = {}
    for c in map(str, columns):
        if c in ("statistic", "chance_statistic"):
            out[c] = lookup(stats)
        elif c == "level":
            out[c] = lookup(levels)
        elif c == "scope":
            out[c] = scope
        elif c == "basis":
            out[c] = lookup(bases)
        elif c == "why_undefined":
            out[c] = lookup(reasons)
        elif c == "side":
            out[c] = lookup(sides)
        elif c.endswith("_informative"):
            out[c] = lookup(yes_no)
    return out
