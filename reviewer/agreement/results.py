"""Result objects of the study-level agreement analysis (frozen shapes for reports and the app).

Every table is a tidy ``pandas.DataFrame``: label columns first, then the columns of
:data:`ESTIMATE_COLUMNS` -- ``statistic``, ``level``, ``value``, ``n_units``, ``n_raters``,
``ci_low``, ``ci_high``, ``n_boot`` (percentile bootstrap 95 % interval; NaN / None when
undefined). ``to_dict()`` turns everything into JSON-ready dicts (NaN -> null).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reviewer.stats.healthbench import HealthBenchResult
from reviewer.stats.results import Estimate

if TYPE_CHECKING:
    from reviewer.agreement.usability import UsabilityAgreement
    from reviewer.checklists.before_after import BeforeAfter

ESTIMATE_COLUMNS = ["statistic", "level", "value", "n_units", "n_raters", "ci_low", "ci_high", "n_boot"]
JSON_CRITERIA = 50  # per-criterion rows in to_dict(): the worst criteria, as the report lists them first
CRITERION_LABELS = ["case_uid", "case_title", "category", "criterion_key", "criterion_text"]


def frame(rows: list[dict[str, Any]], labels: list[str]) -> pd.DataFrame:
    """A tidy table with the label columns then :data:`ESTIMATE_COLUMNS` (empty tables keep them)."""
    cols = [*labels, *ESTIMATE_COLUMNS]
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=cols)
    return df[cols + [c for c in df.columns if c not in cols]]


def estimates_frame(labels: pd.DataFrame, stats: list[tuple[list[Estimate], dict[str, Any]]]) -> pd.DataFrame:
    """:func:`frame` of ``est[g].row(**labels[g]) | extra`` for every group g (the rows of *labels*)
    and, within it, every (estimates, extra) of *stats* in order -- built column by column (a
    study's 20,000 criteria x 5 statistics are 100,000 rows; one dict each costs seconds).
    *extra*: columns added to (or replacing) that statistic's rows, each a scalar or one value per group."""
    names = [str(c) for c in labels.columns]
    if labels.empty or not stats:
        return frame([], names)
    base = {c: labels[c].to_numpy() for c in names}
    parts = []
    for k, (ests, extra) in enumerate(stats):
        cols: dict[str, Any] = dict(base)
        cols.update(statistic=[e.statistic for e in ests], level=[e.level for e in ests],
                    value=_finite([e.value for e in ests]),
                    n_units=np.array([e.n_units for e in ests], dtype=np.int64),
                    n_raters=np.array([e.n_raters for e in ests], dtype=np.int64),
                    ci_low=_finite([e.ci[0] if e.ci else np.nan for e in ests]),
                    ci_high=_finite([e.ci[1] if e.ci else np.nan for e in ests]),
                    n_boot=np.array([e.n_boot for e in ests], dtype=np.int64))
        cols.update(extra)
        parts.append(pd.DataFrame(cols).assign(_g=np.arange(len(labels)), _k=k))
    out = pd.concat(parts, ignore_index=True).sort_values(["_g", "_k"], kind="stable")
    return frame([], names) if out.empty else \
        out.drop(columns=["_g", "_k"]).reset_index(drop=True).pipe(lambda d: d[
            [*names, *ESTIMATE_COLUMNS, *(c for c in d.columns if c not in names and c not in ESTIMATE_COLUMNS)]])


def _finite(values: list[float]) -> np.ndarray:
    """Floats with infinities as NaN (as :meth:`Estimate.row` cleans them)."""
    arr = np.asarray(values, dtype=float)
    return np.where(np.isfinite(arr), arr, np.nan)


def worst_criteria(df: pd.DataFrame, statistic: str, limit: int | None) -> pd.DataFrame:
    """The rows (every statistic) of the *limit* criteria with the lowest *statistic*, undefined
    values first (the order of the report's "worst first" tables); all rows when *limit* is None.

    A study of 20,000 criteria has 80,000 such rows: the JSON keeps what the report shows and the
    full tables stay in :meth:`StudyAgreement.tables` (``report -o .csv / .xlsx``)."""
    labels = [c for c in CRITERION_LABELS if c in df.columns]
    if limit is None or df.empty or not labels:
        return df
    key = df.groupby(labels, sort=False, dropna=False).ngroup()
    ranked = df["value"].where(df["statistic"] == statistic).groupby(key, sort=False).first()  # NaN: undefined
    pos = {k: i for i, k in enumerate(ranked.sort_values(na_position="first", kind="stable").index[:limit])}
    out = df[key.isin(list(pos))]
    return out.assign(_o=key[out.index].map(pos)).sort_values("_o", kind="stable").drop(columns="_o")


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as dicts with NaN / NaT turned into None (for JSON)."""
    out = []
    for rec in df.to_dict(orient="records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else
                        v.item() if hasattr(v, "item") else v) for k, v in rec.items()})
    return out


def before_after_tables(ba: BeforeAfter | None) -> dict[str, pd.DataFrame]:
    """The before / after figures as two tables, empty dict without edited criteria:
    ``before_after`` (per edited criterion, one row per wording: physicians' n, ratings, raters,
    alpha and percent agreement with ``_lo`` / ``_hi`` bounds, the note) and
    ``before_after.judges`` (per wording and judge run: n, agreement with the physicians'
    majority and its bounds, Cohen's kappa). ``side``: before / after; ``versions``: v1, v2-v3..."""
    if ba is None or not ba.rows:
        return {}

    def ci(interval: tuple[float, float] | None, i: int) -> float:
        return float(interval[i]) if interval else math.nan

    def num(x: float | None) -> float:
        return math.nan if x is None else float(x)

    phys, judges = [], []
    for r in ba.rows:
        for name, s in (("before", r.old), ("after", r.new)):
            head = {"case": r.case, "criterion_key": r.key, "side": name, "versions": s.label}
            phys.append({**head, "criterion_text": s.text, "n": s.n_answers, "n_ratings": s.n_ratings,
                         "n_raters": s.n_raters, "alpha": num(s.alpha), "alpha_lo": ci(s.alpha_ci, 0),
                         "alpha_hi": ci(s.alpha_ci, 1), "agreement": num(s.percent_agreement),
                         "agreement_lo": ci(s.percent_agreement_ci, 0), "agreement_hi": ci(s.percent_agreement_ci, 1),
                         "note": s.note or None})
            judges += [{**head, "judge_run": j.judge_run, "n": j.n, "agreement": num(j.agreement),
                        "agreement_lo": ci(j.agreement_ci, 0), "agreement_hi": ci(j.agreement_ci, 1),
                        "kappa": num(j.kappa)} for j in s.judges]
    judge_cols = ["case", "criterion_key", "side", "versions", "judge_run", "n", "agreement", "agreement_lo",
                  "agreement_hi", "kappa"]
    return {"before_after": pd.DataFrame(phys).round(4),
            "before_after.judges": pd.DataFrame(judges, columns=judge_cols).round(4)}


def _n_criteria(df: pd.DataFrame) -> int:
    labels = [c for c in CRITERION_LABELS if c in df.columns]
    return int(df[labels].drop_duplicates().shape[0]) if labels and len(df) else 0


@dataclass
class JudgeAgreement:
    """One judge run against the physicians.

    ``healthbench``: pairwise macro-F1 of the judge, each physician's against the others on every
    label they gave (``physicians``), the judge's ``percentile`` and, in ``meta``, simple-evals'
    tables by theme and category (:func:`reviewer.stats.healthbench.meta_evaluation`);
    ``vs_majority``: judge vs the physician majority label (ties left out): cohen_kappa,
    krippendorff_alpha (nominal), gwet_ac1, percent_agreement;
    ``swapped``: per physician, alpha (nominal) of the physicians as rated (``alpha_physicians``)
    and with the judge's labels in place of that physician's (``alpha_swapped``), and the change;
    ``by_criterion`` / ``by_category`` / ``by_model``: pairwise macro-F1 and percent agreement
    with the majority per group; ``scores``: judge score vs the physicians' mean score per
    response (pearson, spearman, kendall, mean_difference = bias judge - physicians), column
    ``basis`` = ``rubric_score`` (from criterion verdicts) or ``overall_score`` (whole-answer
    verdicts); ``score_data``: the per-response pairs behind them (for Bland-Altman plots);
    ``confusion``: 2 x 2 counts, rows physician majority (not_met, met), columns judge;
    ``usability``: LLMEval-Med usability agreement
    (:class:`~reviewer.agreement.usability.UsabilityAgreement`), None when the run has no score.
    """

    judge_run: str
    judge_model: str
    n_items: int
    healthbench: HealthBenchResult
    vs_majority: pd.DataFrame
    swapped: pd.DataFrame
    by_criterion: pd.DataFrame
    by_category: pd.DataFrame
    by_model: pd.DataFrame
    scores: pd.DataFrame
    score_data: pd.DataFrame
    confusion: pd.DataFrame
    usability: UsabilityAgreement | None = None

    def to_dict(self, criteria: int | None = JSON_CRITERIA) -> dict[str, Any]:
        """JSON-ready; ``by_criterion`` holds the *criteria* criteria with the lowest pairwise
        macro-F1 (None: all), ``by_criterion_total`` how many there are. ``score_data`` (the
        per-response pairs behind the plots) is left out: see :meth:`StudyAgreement.tables`."""
        hb = self.healthbench.to_dict()
        return {
            "judge_run": self.judge_run,
            "judge_model": self.judge_model,
            "n_items": self.n_items,
            "pairwise_macro_f1": hb["pairwise_macro_f1"],
            "pairwise_macro_f1_ci": hb["judge"]["ci"],
            "physician_pairwise_macro_f1": hb["physician_pairwise_macro_f1"],
            "physician_weighted_mean": hb.get("physician_weighted_mean"),
            "percentile": hb["percentile"],
            "healthbench": hb,
            "vs_majority": records(self.vs_majority),
            "swapped": records(self.swapped),
            "by_criterion": records(worst_criteria(self.by_criterion, "pairwise_macro_f1", criteria)),
            "by_criterion_total": _n_criteria(self.by_criterion),
            "by_category": records(self.by_category),
            "by_model": records(self.by_model),
            "scores": records(self.scores),
            "confusion": {str(k): {str(c): int(v) for c, v in row.items()}
                          for k, row in self.confusion.to_dict(orient="index").items()},
            "usability": self.usability.to_dict() if self.usability is not None else None,
        }


@dataclass
class StudyAgreement:
    """Rater-rater and judge-rater agreement of one study (optionally filtered).

    Tables (tidy, see module docstring):

    * ``overall``: criteria pooled (unit = response x criterion; bootstrap resamples cases):
      krippendorff_alpha (nominal), fleiss_kappa, gwet_ac1, percent_agreement;
    * ``overall_score``: whole-answer scores (unit = response; resamples cases):
      krippendorff_alpha ordinal and interval, icc ICC1 and ICC2;
    * ``by_criterion``: labels case_uid, case_title, category, criterion_key, criterion_text; the
      four statistics of ``overall`` per criterion (units = responses);
    * ``by_category`` (label ``category``) and ``by_model`` (label ``model``): as ``overall``;
    * ``raters`` (label ``rater``), each rater against the rest: pairwise_agreement and
      pairwise_macro_f1 against the other raters' labels, cohen_kappa_vs_majority (majority of the
      others), alpha_without_rater (with column ``delta`` = overall alpha - this), score_bias (mean
      of the rater's score minus the others' mean on the same responses);
    * ``rater_pairs`` (labels rater_a, rater_b): cohen_kappa and percent_agreement on the units
      both rated (criteria pooled);
    * ``score_matrix``: responses x raters overall scores (index response_id) for plots;
    * ``judges``: one :class:`JudgeAgreement` per judge run analysed;
    * ``skipped_judge_runs``: judge runs left out for having no usable verdict, name -> {parse
      status: number of verdicts};
    * ``vs_gold``: each physician and judge run against the gold labels (:mod:`.gold`), JSON-ready
      dicts; empty when the study has no gold labels;
    * ``gold_counts``: the gold met / not-met labels behind ``vs_gold`` (``labels``) and how they
      were reached (``manual``, ``majority``); empty with ``vs_gold``;
    * ``before_after``: physicians' and judges' agreement on the old and the new wording of each
      edited criterion (:class:`reviewer.checklists.before_after.BeforeAfter`; no rows when no
      criterion was reworded), as tables :func:`before_after_tables`.
    """

    study: str
    n_boot: int
    seed: int
    filters: dict[str, Any]
    counts: dict[str, int]
    overall: pd.DataFrame
    overall_score: pd.DataFrame
    by_criterion: pd.DataFrame
    by_category: pd.DataFrame
    by_model: pd.DataFrame
    raters: pd.DataFrame
    rater_pairs: pd.DataFrame
    score_matrix: pd.DataFrame
    judges: list[JudgeAgreement] = field(default_factory=list)
    skipped_judge_runs: dict[str, dict[str, int]] = field(default_factory=dict)
    vs_gold: list[dict[str, Any]] = field(default_factory=list)
    gold_counts: dict[str, int] = field(default_factory=dict)
    before_after: BeforeAfter | None = None

    def judge(self, name: str | None = None) -> JudgeAgreement | None:
        """The analysis of judge run *name* (default: the last one analysed)."""
        if not self.judges:
            return None
        if name is None:
            return self.judges[-1]
        return next((j for j in self.judges if j.judge_run == name), None)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (judge tables prefixed ``judge[<run>].``), e.g. for CSV / XLSX.
        Plot data (``score_matrix``, judge ``score_data`` and ``confusion``) are included."""
        out = {"overall": self.overall, "overall_score": self.overall_score,
               "by_criterion": self.by_criterion, "by_category": self.by_category,
               "by_model": self.by_model, "raters": self.raters, "rater_pairs": self.rater_pairs,
               "score_matrix": self.score_matrix.reset_index() if len(self.score_matrix) else self.score_matrix}
        for j in self.judges:
            p = f"judge[{j.judge_run}]."
            hb = self.healthbench_table(j)
            out.update({p + "pairwise_macro_f1": hb, p + "vs_majority": j.vs_majority,
                        p + "swapped": j.swapped, p + "by_criterion": j.by_criterion,
                        p + "by_category": j.by_category, p + "by_model": j.by_model,
                        p + "scores": j.scores, p + "score_data": j.score_data,
                        p + "confusion": j.confusion.reset_index()})
        if self.vs_gold:
            out["vs_gold"] = pd.DataFrame([
                {"grader": ("judge:" + e["judge_run"]) if "judge_run" in e else e["rater"], "statistic": k,
                 "value": e[k]["value"], "n_units": e["n"], "n_cases": e["n_cases"],
                 "ci_low": e[k]["ci"][0] if e[k]["ci"] else None, "ci_high": e[k]["ci"][1] if e[k]["ci"] else None}
                for e in self.vs_gold for k in ("accuracy", "macro_f1", "cohen_kappa")])
        out.update(before_after_tables(self.before_after))
        return out

    @staticmethod
    def healthbench_table(j: JudgeAgreement) -> pd.DataFrame:
        """Judge and each physician's pairwise macro-F1 as one tidy table (label ``grader``)."""
        rows = [j.healthbench.judge.row(grader=f"judge:{j.judge_run}")]
        rows += [e.row(grader=k) for k, e in j.healthbench.physicians.items()]
        df = frame(rows, ["grader"])
        df["percentile"] = [j.healthbench.percentile] + [None] * (len(df) - 1)
        return df

    def to_dict(self, criteria: int | None = JSON_CRITERIA) -> dict[str, Any]:
        """JSON-ready (what ``reviewer agreement --json`` prints). Per-criterion tables hold the
        *criteria* worst criteria (lowest alpha, undefined first; None: every criterion), with
        ``by_criterion_total`` the number of criteria; plot data (``score_matrix``, judge
        ``score_data``) are left out -- :meth:`tables` has everything."""
        judges = [j.to_dict(criteria) for j in self.judges]
        return {
            "study": self.study, "n_boot": self.n_boot, "seed": self.seed, "filters": self.filters,
            "counts": self.counts,
            "overall": records(self.overall), "overall_score": records(self.overall_score),
            "by_category": records(self.by_category), "by_model": records(self.by_model),
            "by_criterion": records(worst_criteria(self.by_criterion, "krippendorff_alpha", criteria)),
            "by_criterion_total": _n_criteria(self.by_criterion), "raters": records(self.raters),
            "rater_pairs": records(self.rater_pairs),
            "judge_rater": judges[-1] if judges else None,
            "judge_runs": judges,
            "skipped_judge_runs": self.skipped_judge_runs,
            "vs_gold": self.vs_gold,
            "gold_counts": self.gold_counts,
            "before_after": self.before_after.to_dict() if self.before_after is not None else None,
        }
