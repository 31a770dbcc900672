"""LLMEval-Med's validation statistic: judge-physician agreement on *usability*.

Zhang et al. 2025, "LLMEval-Med: A Real-world Clinical Benchmark for Medical LLMs with Physician
Validation" (arXiv:2506.04078), human-machine agreement analysis: a response is usable when its
score (1-5) is at least 4; the agreement rate is the share of responses the judge and the
physicians put in the same class, per area (Figure 5) and per model as a usable / unusable
confusion matrix (Figure 6). Formulas: :mod:`reviewer.stats.usability`.

Per response: the physicians' class is ``median(overall scores of the submitted ratings) >=
threshold``; the judge's is ``mean(its usable whole-answer score verdicts in the run, i.e. its
samples) >= threshold`` (upstream ``evaluate/Aggregate.py`` ``average_runs`` then
``usable_count``). Responses without a judge score or without a physician score have no pair and
are left out of every rate. Cohen's kappa (:func:`reviewer.stats.kappa.cohen_kappa`) on the two
class vectors, with a case-level percentile bootstrap interval for the overall figure.

Beside it, for the same responses: agreement on the checklist criteria against agreement on the
overall score (judge vs physician majority, and the physicians among themselves), and the median
rating time per item (``Rating.time_spent_s``, ratings with a recorded time only).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer.agreement.raters import CRITERION_UNIT
from reviewer.agreement.results import records
from reviewer.agreement.tables import BINARY, labels_matrix, majority, to_table, unit_ids
from reviewer.errors import InputError
from reviewer.stats import compute, from_wide
from reviewer.stats.results import Estimate
from reviewer.stats.usability import DEFAULT_USABLE_THRESHOLD, agreement_rate, usability_confusion, usable
from reviewer.store.current import is_current
from reviewer.store.models import SUBMITTED, Case, CriterionRating, Rater, Rating, Response
from reviewer.store.vocabulary import split_category

# LLMEval-Med areas (dataset.json keys, and their English names) -> the paper's short codes
AREA_CODES = {
    "医疗知识": "MK", "医疗推理": "MR", "医疗语言理解": "MLU", "医疗安全伦理": "MSE", "医疗文本生成": "MTG",
    "medical knowledge": "MK", "medical reasoning": "MR", "medical language understanding": "MLU",
    "medical safety and ethics": "MSE", "medical ethics and safety": "MSE", "medical text generation": "MTG",
}
# The paper's Figure 5: human-machine agreement rate per area (per cent), printed for reference.
PAPER_FIGURE5 = {"MK": 94.0, "MR": 94.26, "MLU": 86.62, "MSE": 95.0, "MTG": 67.32}
NO_CATEGORY = "(none)"


def area_of(category: str | None) -> str:
    """The LLMEval-Med area of a case category: the part before `` / `` (``(none)`` if empty)."""
    return split_category(category)[0] or NO_CATEGORY


def area_code(area: str) -> str | None:
    """The paper's short code (MK, MR, MLU, MSE, MTG) of *area*, or None."""
    return AREA_CODES.get(area.strip().lower()) or AREA_CODES.get(area.strip())


def check_threshold(threshold: float) -> float:
    """The threshold as a float; InputError if it is not a finite number."""
    try:
        t = float(threshold)
    except (TypeError, ValueError):
        raise InputError(f"usable threshold must be a number, not {threshold!r}") from None
    if not math.isfinite(t):
        raise InputError(f"usable threshold must be a finite number, not {threshold!r}")
    return t


def rating_times(session: Session, study_id: int) -> pd.DataFrame:
    """Submitted ratings of the study: rating_id, response_id, rater, time_spent_s, n_criteria
    (criterion answers stored with the rating)."""
    q = (
        select(Rating.id, Rating.response_id, Rater.name, Rating.time_spent_s, func.count(CriterionRating.id))
        .join(Rater, Rating.rater_id == Rater.id)
        .join(Response, Rating.response_id == Response.id)
        .join(Case, Response.case_id == Case.id)
        .outerjoin(CriterionRating, CriterionRating.rating_id == Rating.id)
        .where(Case.study_id == study_id, Rating.status == SUBMITTED, is_current())
        .group_by(Rating.id, Rating.response_id, Rater.name, Rating.time_spent_s)  # every column: PostgreSQL
    )
    return pd.DataFrame(session.execute(q).all(),
                        columns=["rating_id", "response_id", "rater", "time_spent_s", "n_criteria"])


@dataclass
class UsabilityAgreement:
    """Usability agreement of one judge run (see module doc).

    ``overall``: agreement_rate, n, cohen_kappa (an :class:`Estimate` with its case-level
    interval); ``by_area`` / ``by_category``: label column, agreement_rate, n, cohen_kappa;
    ``by_model``: model, agreement_rate, n, cohen_kappa, confusion; ``data``: one row per
    response (human_median, judge_mean, human_usable, judge_usable); ``criteria_vs_overall``:
    comparison, basis, agreement, chance_corrected (statistic named in ``chance_statistic``),
    n_units; ``rating_time``: item, median_s, n.
    """

    threshold: float
    agreement_rate: float
    n: int
    cohen_kappa: Estimate
    by_area: pd.DataFrame
    by_category: pd.DataFrame
    by_model: pd.DataFrame
    data: pd.DataFrame
    criteria_vs_overall: pd.DataFrame
    rating_time: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        def clean(v: Any) -> Any:
            return None if isinstance(v, float) and math.isnan(v) else v

        def groups(df: pd.DataFrame, label: str, keys: list[str]) -> dict[str, Any]:
            return {str(r[label]): {k: clean(r[k]) for k in keys} for r in records(df)}

        k = self.cohen_kappa
        return {
            "threshold": self.threshold,
            "agreement_rate": clean(self.agreement_rate),
            "n": self.n,
            "cohen_kappa": clean(k.value),
            "cohen_kappa_ci": [clean(k.ci[0]), clean(k.ci[1])] if k.ci else None,
            "cohen_kappa_n_boot": k.n_boot,
            "resampled": "cases",
            "by_area": groups(self.by_area, "area", ["agreement_rate", "n", "cohen_kappa", "code",
                                                     "paper_figure5"]),
            "by_category": groups(self.by_category, "category", ["agreement_rate", "n", "cohen_kappa"]),
            "by_model": groups(self.by_model, "model", ["agreement_rate", "n", "cohen_kappa", "confusion"]),
            "criteria_vs_overall": records(self.criteria_vs_overall),
            "rating_time": records(self.rating_time),
        }


def _kappa(h: np.ndarray, j: np.ndarray, clusters: np.ndarray | None = None, n_boot: int = 0,
           seed: int = 0) -> Estimate:
    if not len(h):
        return Estimate("cohen_kappa", float("nan"), 0, 2)
    return compute(from_wide(np.column_stack([h, j])), "cohen_kappa", categories=BINARY,
                   clusters=clusters, n_boot=n_boot, seed=seed)


def _groups(d: pd.DataFrame, label: str, confusion: bool = False) -> pd.DataFrame:
    rows = []
    for key, g in d.groupby(label, sort=True):
        h, j = g["human_usable"].to_numpy(float), g["judge_usable"].to_numpy(float)
        rate, n = agreement_rate(h, j)
        row: dict[str, Any] = {label: key, "agreement_rate": rate, "n": n, "cohen_kappa": _kappa(h, j).value}
        if confusion:
            row["confusion"] = usability_confusion(h, j)
        rows.append(row)
    cols = [label, "agreement_rate", "n", "cohen_kappa", *(["confusion"] if confusion else [])]
    return pd.DataFrame(rows, columns=cols)


def _row(comparison: str, basis: str, agree: Estimate, chance: Estimate) -> dict[str, Any]:
    return {"comparison": comparison, "basis": basis, "agreement": agree.value, "n_units": agree.n_units,
            "chance_corrected": chance.value, "chance_statistic": chance.statistic}


def _criteria_vs_overall(d: pd.DataFrame, crit_j: pd.DataFrame, crit_p: pd.DataFrame,
                         score_p: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Agreement on the criteria against agreement on the overall score, on the responses of *d*."""
    rows = []
    resp = set(d["response_id"])
    cp = crit_p[crit_p["response_id"].isin(resp)] if len(crit_p) else crit_p
    cj = crit_j[crit_j["response_id"].isin(resp) & crit_j["met"].notna()] if len(crit_j) else crit_j
    if len(cp) and len(cj):
        table, _ = to_table(cp[unit_ids(cp, CRITERION_UNIT).isin(set(unit_ids(cj, CRITERION_UNIT)))],
                            CRITERION_UNIT)
        units = list(table.units)
        if units:
            maj = majority(table.values.astype(float))
            judge = labels_matrix(cj.assign(rater="judge"), CRITERION_UNIT, units, ["judge"], value="met")[:, 0]
            pair = from_wide(np.column_stack([judge, maj]))
            rows.append(_row("judge vs physicians", "criteria (met / not met vs majority)",
                             compute(pair, "percent_agreement", categories=BINARY),
                             compute(pair, "cohen_kappa", categories=BINARY)))
    both = d.dropna(subset=["human_usable", "judge_usable"])
    if len(both):
        pair = from_wide(both[["human_usable", "judge_usable"]].to_numpy(float))
        rows.append(_row("judge vs physicians", f"overall score (usable = score >= {threshold:g})",
                         compute(pair, "percent_agreement", categories=BINARY),
                         compute(pair, "cohen_kappa", categories=BINARY)))
    if len(cp):
        table, _ = to_table(cp, CRITERION_UNIT)
        if table.n_raters >= 2:
            rows.append(_row("physicians among themselves", "criteria (met / not met)",
                             compute(table, "percent_agreement", categories=BINARY),
                             compute(table, "fleiss_kappa", categories=BINARY)))
    sp = score_p[score_p["response_id"].isin(resp)] if len(score_p) else score_p
    if len(sp) and sp["rater"].nunique() >= 2:
        cls = sp.assign(value=usable(sp["value"].to_numpy(float), threshold))
        table, _ = to_table(cls, ["response_id"])
        rows.append(_row("physicians among themselves", f"overall score (usable = score >= {threshold:g})",
                         compute(table, "percent_agreement", categories=BINARY),
                         compute(table, "fleiss_kappa", categories=BINARY)))
        table, _ = to_table(sp, ["response_id"])
        cats = sorted(set(sp["value"].astype(float)))
        rows.append(_row("physicians among themselves", "overall score (exact)",
                         compute(table, "percent_agreement", categories=cats),
                         compute(table, "fleiss_kappa", categories=cats)))
    return pd.DataFrame(rows, columns=["comparison", "basis", "agreement", "n_units", "chance_corrected",
                                       "chance_statistic"])


def _rating_time(d: pd.DataFrame, times: pd.DataFrame) -> pd.DataFrame:
    """Median seconds per rating and per criterion answered, on the responses of *d*."""
    cols = ["item", "median_s", "n"]
    if times is None or not len(times):
        return pd.DataFrame(columns=cols)
    t = times[times["response_id"].isin(set(d["response_id"])) & (times["time_spent_s"] > 0)]
    rows = [{"item": "rating (one response, one physician)", "median_s": float(t["time_spent_s"].median())
             if len(t) else float("nan"), "n": len(t)}]
    c = t[t["n_criteria"] > 0]
    per = c["time_spent_s"] / c["n_criteria"]
    rows.append({"item": "criterion answered", "median_s": float(per.median()) if len(c) else float("nan"),
                 "n": int(c["n_criteria"].sum())})
    return pd.DataFrame(rows, columns=cols)


def analyze_usability(score_j: pd.DataFrame, score_p: pd.DataFrame, crit_j: pd.DataFrame,
                      crit_p: pd.DataFrame, times: pd.DataFrame | None, *,
                      threshold: float = DEFAULT_USABLE_THRESHOLD, n_boot: int = 0,
                      seed: int = 0) -> UsabilityAgreement | None:
    """Usability agreement of one judge run, or None when the run has no usable score verdict.

    *score_j*: the run's whole-answer scores (:func:`~reviewer.agreement.extract.judge_verdicts`,
    usable verdicts only); *score_p*: the physicians' overall scores of submitted ratings
    (:func:`~reviewer.agreement.extract.overall_scores`); *crit_j* / *crit_p*: criterion verdicts
    and ratings; *times*: :func:`rating_times`.
    """
    threshold = check_threshold(threshold)
    if not len(score_j):
        return None
    judge = score_j.groupby("response_id")["score"].mean().rename("judge_mean")
    human = score_p.groupby("response_id")["value"].median().rename("human_median") if len(score_p) \
        else pd.Series(dtype=float, name="human_median")
    info = pd.concat([score_p, score_j])[["response_id", "case_id", "category", "model"]] \
        .drop_duplicates("response_id").set_index("response_id")
    d = info.join(human, how="left").join(judge, how="left").reset_index()
    d["category"] = d["category"].fillna("").map(lambda c: c or NO_CATEGORY)
    d["area"] = d["category"].map(area_of)
    d["human_usable"] = usable(d["human_median"].to_numpy(float), threshold)
    d["judge_usable"] = usable(d["judge_mean"].to_numpy(float), threshold)
    d = d.sort_values("response_id", kind="stable").reset_index(drop=True)

    both = d.dropna(subset=["human_usable", "judge_usable"])
    h, j = both["human_usable"].to_numpy(float), both["judge_usable"].to_numpy(float)
    rate, n = agreement_rate(h, j)
    kappa = _kappa(h, j, both["case_id"].to_numpy(), n_boot, seed)
    by_area = _groups(both, "area")
    by_area["code"] = by_area["area"].map(lambda a: area_code(str(a)))
    by_area["paper_figure5"] = by_area["code"].map(lambda c: PAPER_FIGURE5.get(c) if c else None)
    order = {c: i for i, c in enumerate(PAPER_FIGURE5)}  # the paper's order: MK, MR, MLU, MSE, MTG
    by_area = by_area.sort_values("code", key=lambda s: s.map(lambda c: order.get(c, len(order))),
                                  kind="stable").reset_index(drop=True)
    return UsabilityAgreement(
        threshold=threshold, agreement_rate=rate, n=n, cohen_kappa=kappa, by_area=by_area,
        by_category=_groups(both, "category"), by_model=_groups(both, "model", confusion=True),
        data=d[["response_id", "case_id", "area", "category", "model", "human_median", "judge_mean",
                "human_usable", "judge_usable"]],
        criteria_vs_overall=_criteria_vs_overall(d, crit_j, crit_p, score_p, threshold),
        rating_time=_rating_time(d, times if times is not None else pd.DataFrame()))
