"""Agreement against the gold labels (issue 18): each physician and each judge run graded
against the adjudicated reference answers, "a rater of its own kind" (DESIGN.md).

Units are (response, criterion key) items with a gold met / not-met answer (a gold "not
applicable" is no label, as n.a. is a missing rating everywhere in this service) and a met /
not-met answer of the grader. Per grader, from its pair counts (TP, FP, FN, TN; "positive" =
met, the grader as prediction and gold as truth, :func:`reviewer.stats.healthbench.pair_counts`):

* ``accuracy`` = (TP + TN) / n;
* ``macro_f1`` = (F1_met + F1_not_met) / 2 (:func:`reviewer.stats.healthbench.macro_f1`; with
  one gold label per item this is scikit-learn's ``f1_score(average="macro")``);
* ``cohen_kappa``: Cohen's kappa of the grader against gold (:func:`reviewer.stats.kappa.cohen_kappa`).

Each with the 95 % percentile interval of the cluster bootstrap over cases
(:mod:`reviewer.stats.bootstrap`); inside :func:`~reviewer.stats.bootstrap.shared_resamples` the
draws are made once per number of cases and every figure is one matrix product.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.agreement.extract import _filter, _frame
from reviewer.stats.bootstrap import AdditiveStat, make_estimate
from reviewer.stats.data import RatingTable
from reviewer.stats.healthbench import macro_f1, pair_counts
from reviewer.stats.kappa import cohen_kappa
from reviewer.stats.results import Estimate, _clean
from reviewer.store.adjudication_models import MAJORITY, MANUAL
from reviewer.store.models import MET, NOT_MET, Case, ChecklistVersion, Criterion, GoldLabel, Model, Response

GOLD_COLUMNS = ["response_id", "case_id", "category", "model", "criterion_key", "gold", "method"]
STATISTICS = ("accuracy", "macro_f1", "cohen_kappa")


def gold_labels(session: Session, study_id: int, *, categories: Sequence[str] | None = None,
                models: Sequence[str] | None = None) -> pd.DataFrame:
    """The study's gold labels, one row per (response, criterion key): ``gold`` 1.0 met, 0.0 not
    met, NaN not applicable; ``method`` how it was reached ("manual" or "majority k of n"). Where a key has gold labels on several checklist versions, the newest
    version's stands (as the newest wording stands for a key in :mod:`.extract`)."""
    rows = session.execute(
        select(GoldLabel.response_id, Case.id, Case.category, Model.name, Criterion.key, GoldLabel.value,
               GoldLabel.method, ChecklistVersion.version)
        .join(Response, Response.id == GoldLabel.response_id)
        .join(Case, Case.id == Response.case_id)
        .join(Model, Model.id == Response.model_id)
        .join(Criterion, Criterion.id == GoldLabel.criterion_id)
        .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
        .where(GoldLabel.study_id == study_id)).all()
    df = _frame(rows, [*GOLD_COLUMNS[:-2], "value", "method", "version"])
    if df.empty:
        return pd.DataFrame(columns=GOLD_COLUMNS)
    df["gold"] = df["value"].map({MET: 1.0, NOT_MET: 0.0}).astype(float)
    df = df.sort_values("version", kind="stable").drop_duplicates(["response_id", "criterion_key"], keep="last")
    return _filter(df[GOLD_COLUMNS], categories, models)


def gold_counts(gold: pd.DataFrame) -> dict[str, int]:
    """How many gold met / not-met labels *gold* (:func:`gold_labels`) holds (``labels``) and how
    they were reached: ``manual`` (a person's decision) and ``majority`` (``auto_majority``)."""
    g = gold[gold["gold"].notna()] if len(gold) else gold
    method = g["method"].astype(str) if len(g) else pd.Series([], dtype=str)
    return {"labels": int(len(g)), "manual": int((method == MANUAL).sum()),
            "majority": int(method.str.startswith(MAJORITY).sum())}


def grade(labels: np.ndarray, gold: np.ndarray, cases: np.ndarray, *, n_boot: int, seed: int) -> dict[str, Estimate]:
    """Accuracy, macro-F1 and Cohen's kappa of 0/1 *labels* against 0/1 *gold* (NaN: no label;
    items missing either are left out), intervals resampling *cases* (one label per item)."""
    labels = np.asarray(labels, dtype=float)
    gold = np.asarray(gold, dtype=float)
    both = ~np.isnan(labels) & ~np.isnan(gold)
    labels, gold, cases = labels[both], gold[both], np.asarray(cases)[both]
    counts = pair_counts(labels, gold)  # TP, FP, FN, TN per item
    n = int(both.sum())
    accuracy = AdditiveStat(counts, lambda s: (s[:, 0] + s[:, 3]) / s.sum(axis=1), n)
    f1 = AdditiveStat(counts, macro_f1, n)
    opts: dict[str, Any] = {"clusters": cases, "n_boot": n_boot, "seed": seed}
    return {
        "accuracy": make_estimate(accuracy, "accuracy", n_raters=2, **opts),
        "macro_f1": make_estimate(f1, "macro_f1", n_raters=2, **opts),
        "cohen_kappa": cohen_kappa(RatingTable(np.column_stack([labels, gold]), list(range(n)), ["grader", "gold"]),
                                   categories=[0.0, 1.0], **opts),
    }


def _entry(kind: str, name: str, est: dict[str, Estimate], cases: np.ndarray) -> dict[str, Any]:
    first = est["accuracy"]
    out: dict[str, Any] = {kind: name, "n": int(first.n_units), "n_cases": int(len(np.unique(cases)))}
    for stat in STATISTICS:
        e = est[stat]
        out[stat] = {"value": _clean(e.value), "ci": [_clean(e.ci[0]), _clean(e.ci[1])] if e.ci else None,
                     "n_boot": int(e.n_boot)}
    return out


def vs_gold(gold: pd.DataFrame, crit: pd.DataFrame, judges: Sequence[tuple[str, pd.DataFrame]], *,
            n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Every physician (``rater``) and judge run (``judge_run``) against *gold* (:func:`gold_labels`):
    ``n`` items, ``n_cases``, and ``accuracy``, ``macro_f1``, ``cohen_kappa`` as ``{"value", "ci",
    "n_boot"}``. *crit*: physicians' criterion ratings (:func:`.extract.criterion_ratings`);
    *judges*: (run name, its criterion verdicts from :func:`.extract.judge_verdicts`). Empty when
    there is no gold met / not-met label; a grader with no item in common with gold is left out."""
    gold = gold[gold["gold"].notna()] if len(gold) else gold
    if gold.empty:
        return []
    g = gold[["response_id", "criterion_key", "case_id", "gold"]]
    out: list[dict[str, Any]] = []
    if len(crit):
        rated = crit[crit["value"].notna()][["response_id", "criterion_key", "rater", "value"]]
        both = rated.merge(g, on=["response_id", "criterion_key"], how="inner")
        for rater, part in both.groupby("rater", sort=True):
            cases = part["case_id"].to_numpy()
            est = grade(part["value"].to_numpy(), part["gold"].to_numpy(), cases, n_boot=n_boot, seed=seed)
            out.append(_entry("rater", str(rater), est, cases))
    for name, verdicts in judges:
        if verdicts.empty:
            continue
        both = verdicts[verdicts["met"].notna()][["response_id", "criterion_key", "met"]].merge(
            g, on=["response_id", "criterion_key"], how="inner")
        if both.empty:
            continue
        cases = both["case_id"].to_numpy()
        est = grade(both["met"].to_numpy(), both["gold"].to_numpy(), cases, n_boot=n_boot, seed=seed)
        out.append(_entry("judge_run", name, est, cases))
    return out
