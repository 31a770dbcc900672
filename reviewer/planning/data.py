"""What a plan reads from the store: the population of judged answers, the judge's uncertainty
about each, and the judge-physician pair counts of the answers physicians have rated.

* The **population** of a plan is every response of the study with at least one usable criterion
  verdict of the judge run being validated (:func:`reviewer.agreement.extract.judge_verdicts`), in
  response-id order; it is fixed when the plan's first round is made.
* The **priority score** of an answer is the one ``reviewer assign --prioritize`` uses
  (:func:`reviewer.studies.assignment.priority_scores`: ``uncertain``, the largest
  ``0.5 - |p - 0.5|`` over its verdicts; ``disagreement``, the share of its criteria on which the
  judge runs disagree); its **error rate**, the prior for the stratum's spread, is the mean
  ``min(p, 1 - p)`` over its verdicts (what a calibrated judge expects to get wrong), or the
  disagreement share.
* The **pair counts** of a rated answer are HealthBench's (TP, FP, FN, TN) of the judge's verdicts
  against every submitted physician label on the same criterion key
  (:func:`reviewer.stats.healthbench.pair_counts`, summed over the answer's criteria).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.agreement.extract import criterion_ratings, judge_verdicts
from reviewer.errors import InputError
from reviewer.store.models import JudgeRun, Response, Study
from reviewer.studies.assignment import priority_scores


@dataclass(frozen=True)
class Population:
    """The judged answers of a plan: ids, uids, priority scores and error rates (aligned arrays)."""

    response_ids: np.ndarray
    response_uids: list[str]
    scores: np.ndarray
    error_rates: np.ndarray


def population(session: Session, study: Study, runs: list[JudgeRun], by: str) -> Population:
    """The answers the first of *runs* judged, with their priority score by *by* (see module doc)."""
    crit, _scores = judge_verdicts(session, runs[0].id)
    crit = crit[crit["met"].notna()]
    if crit.empty:
        raise InputError(f"judge run {runs[0].name!r} has no usable criterion verdicts to plan on",
                         item="--judge-run")
    ids = np.array(sorted(crit["response_id"].unique()), dtype=np.int64)
    uids = dict(session.execute(select(Response.id, Response.uid)
                                .where(Response.id.in_([int(i) for i in ids]))).all())
    prio = priority_scores(session, study, by, [r.name for r in runs])
    scores = np.array([prio.get(int(i), np.nan) for i in ids], dtype=float)
    if by == "uncertain":
        p = crit["probability"].astype(float)
        err = np.minimum(p, 1.0 - p).groupby(crit["response_id"]).mean()
        errors = np.array([err.get(int(i), np.nan) for i in ids], dtype=float)
    else:
        errors = scores.copy()
    if not np.isfinite(scores).any():
        raise InputError(f"no answer of judge run {runs[0].name!r} has a {by} score "
                         f"({'verdicts carry no probability' if by == 'uncertain' else 'the runs share no verdict'})",
                         item="--by")
    return Population(ids, [uids[int(i)] for i in ids], scores, errors)


def pair_counts_by_response(session: Session, study: Study, run: JudgeRun,
                            response_ids: list[int]) -> dict[int, np.ndarray]:
    """Response id -> its (TP, FP, FN, TN) judge-physician pair counts, for those of
    *response_ids* with at least one pair (a submitted physician label on a criterion the judge
    gave a usable verdict)."""
    if not response_ids:
        return {}
    phys = criterion_ratings(session, study.id)
    phys = phys[phys["response_id"].isin(response_ids) & phys["value"].notna()]
    crit, _ = judge_verdicts(session, run.id)
    crit = crit[crit["response_id"].isin(response_ids) & crit["met"].notna()]
    both = phys[["response_id", "criterion_key", "value"]].merge(
        crit[["response_id", "criterion_key", "met"]], on=["response_id", "criterion_key"])
    if both.empty:
        return {}
    judge, doctor = both["met"].to_numpy(float), both["value"].to_numpy(float)
    cells = pd.DataFrame({"response_id": both["response_id"].to_numpy(),
                          "tp": (judge == 1) & (doctor == 1), "fp": (judge == 1) & (doctor == 0),
                          "fn": (judge == 0) & (doctor == 1), "tn": (judge == 0) & (doctor == 0)})
    sums = cells.groupby("response_id")[["tp", "fp", "fn", "tn"]].sum()
    return {int(rid): row.to_numpy(dtype=float) for rid, row in sums.iterrows()}
