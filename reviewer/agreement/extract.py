"""Long-format agreement data read from the study store.

Three frames, one row per rating (pandas, so the pure statistics never see the database):

* :func:`criterion_ratings` -- physicians' criterion answers: ``value`` 1.0 met, 0.0 not met,
  NaN not applicable (a missing rating for agreement purposes);
* :func:`overall_scores` -- physicians' whole-answer scores (``Rating.overall_score``);
* :func:`judge_verdicts` -- one judge run's verdicts: ``met`` (1/0/NaN), ``probability`` and,
  for whole-answer verdicts (no criterion), ``score``.

Units: a criterion unit is *response x criterion*, where a criterion is identified by its case
and its stable ``key`` (so ratings made on different checklist versions of the same criterion
meet). Only submitted ratings count by default. Filters: case categories (exact or "area /"
prefix) and model names.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, case, select
from sqlalchemy.orm import Session

from reviewer.store.current import is_current
from reviewer.store.models import (
    MET,
    NOT_MET,
    SUBMITTED,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    JudgeVerdict,
    Model,
    Rater,
    Rating,
    Response,
)
from reviewer.store.reads import numeric_rows
from reviewer.store.vocabulary import USABLE_PARSE_STATUSES, in_categories

CRITERION_COLUMNS = ["response_id", "response_uid", "case_id", "case_uid", "case_title", "category",
                     "model", "criterion_key", "criterion_text", "points", "rater", "value"]


def _frame(rows: Sequence[Sequence[object]], columns: list[str]) -> pd.DataFrame:
    """Query rows as a DataFrame, built column by column (pandas inspects every row object of a
    list of rows; 180,000 SQLAlchemy rows cost seconds that way)."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(dict(zip(columns, (list(c) for c in zip(*rows, strict=True)), strict=True)))


def _filter(df: pd.DataFrame, categories: Sequence[str] | None, models: Sequence[str] | None) -> pd.DataFrame:
    if categories:
        df = df[df["category"].map(lambda c: in_categories(c, categories)).astype(bool)]
    if models:
        df = df[df["model"].isin(list(models))]
    return df.reset_index(drop=True)


def criterion_ratings(session: Session, study_id: int, *, categories: Sequence[str] | None = None,
                      models: Sequence[str] | None = None,
                      statuses: Sequence[str] = (SUBMITTED,)) -> pd.DataFrame:
    """Physicians' criterion answers, one row per (response, criterion, rater); see module doc.

    Read as one narrow query of ids (one row per criterion rating) and small tables of the
    criteria, responses, cases and raters it names, joined here by id: the text columns are
    not repeated by the database for each of a study's hundreds of thousands of ratings.
    """
    coded = case((CriterionRating.value == MET, 1.0), (CriterionRating.value == NOT_MET, 0.0), else_=None)
    q = (
        select(Rating.response_id, Rating.rater_id, CriterionRating.criterion_id, coded)
        .join(Rating, CriterionRating.rating_id == Rating.id)
        .join(Response, Rating.response_id == Response.id)
        .join(Case, Response.case_id == Case.id)
        .where(Case.study_id == study_id, Rating.status.in_(list(statuses)), is_current())
    )
    ids = numeric_rows(session, q)
    if not len(ids):
        return pd.DataFrame(columns=CRITERION_COLUMNS).astype({"value": float})
    rows = pd.DataFrame({"response_id": ids[:, 0].astype(np.int64), "rater_id": ids[:, 1].astype(np.int64),
                         "criterion_id": ids[:, 2].astype(np.int64), "value": ids[:, 3]})
    crits = _frame(session.execute(
        select(Criterion.id, ChecklistVersion.case_id, Criterion.key, Criterion.text, Criterion.points,
               Criterion.position, ChecklistVersion.version)
        .join(ChecklistVersion, Criterion.checklist_version_id == ChecklistVersion.id)
        .join(Case, ChecklistVersion.case_id == Case.id).where(Case.study_id == study_id)).all(),
        ["criterion_id", "crit_case_id", "criterion_key", "criterion_text", "points", "position", "version"])
    responses = _responses(session, Case.study_id == study_id)
    raters = _frame(session.execute(select(Rater.id, Rater.name)).all(), ["rater_id", "rater"])
    df = (rows.merge(responses, on="response_id", how="inner")
          .merge(crits, on="criterion_id", how="inner")
          .merge(raters, on="rater_id", how="inner"))
    df = df.sort_values(["case_id", "response_id", "position", "rater"], kind="stable")
    # the newest text / points seen (rated) for a key stand for the criterion
    latest = df[["case_id", "criterion_key", "criterion_text", "points", "version"]]
    latest = latest.sort_values("version", kind="stable").drop_duplicates(["case_id", "criterion_key"], keep="last")
    df = df.drop(columns=["criterion_text", "points"]).merge(
        latest.drop(columns="version"), on=["case_id", "criterion_key"], how="left")
    df = df.drop_duplicates(["response_id", "criterion_key", "rater"], keep="last")
    return _filter(df[CRITERION_COLUMNS], categories, models)


def overall_scores(session: Session, study_id: int, *, categories: Sequence[str] | None = None,
                   models: Sequence[str] | None = None, statuses: Sequence[str] = (SUBMITTED,)) -> pd.DataFrame:
    """Physicians' whole-answer scores: response_id, case_id, case_uid, category, model, rater, value."""
    q = (
        select(Response.id, Case.id, Case.uid, Case.category, Model.name, Rater.name, Rating.overall_score)
        .join(Rater, Rating.rater_id == Rater.id)
        .join(Response, Rating.response_id == Response.id)
        .join(Case, Response.case_id == Case.id)
        .join(Model, Response.model_id == Model.id)
        .where(Case.study_id == study_id, Rating.status.in_(list(statuses)), is_current(),
               Rating.overall_score.is_not(None))
    )
    df = _frame(session.execute(q).all(), ["response_id", "case_id", "case_uid", "category", "model", "rater", "value"])
    df["value"] = df["value"].astype(float)
    return _filter(df, categories, models)


def judge_verdicts(session: Session, judge_run_id: int, *, categories: Sequence[str] | None = None,
                   models: Sequence[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A judge run's verdicts: (criterion verdicts, whole-answer scores).

    Criterion frame: response_id, case_id, case_uid, category, model, criterion_key, met (1/0/NaN),
    probability. Score frame: response_id, case_id, case_uid, category, model, score. A verdict
    that is not usable (:func:`reviewer.store.vocabulary.usable_verdict`: failed, or a status that
    promises no verdict) counts as missing.
    """
    usable_status = case((JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES), 1), else_=0)
    q = (select(JudgeVerdict.response_id, JudgeVerdict.criterion_id, JudgeVerdict.met, JudgeVerdict.probability,
                JudgeVerdict.score, usable_status)
         .where(JudgeVerdict.judge_run_id == judge_run_id).order_by(JudgeVerdict.id))
    v = numeric_rows(session, q)
    in_run = select(JudgeVerdict.response_id).where(JudgeVerdict.judge_run_id == judge_run_id)
    responses = _responses(session, Response.id.in_(in_run))
    keys = dict(session.execute(select(Criterion.id, Criterion.key).where(Criterion.id.in_(
        select(JudgeVerdict.criterion_id).where(JudgeVerdict.judge_run_id == judge_run_id)))).all())
    criterion = v[:, 1]
    has_criterion = ~np.isnan(criterion)
    # usable_verdict(parse_status, value): a usable status and the value read (met or score) given
    usable = v[:, 5] == 1
    df = pd.DataFrame({
        "response_id": v[:, 0].astype(np.int64),
        "criterion_key": [keys.get(int(c)) if ok else None for c, ok in zip(criterion, has_criterion, strict=True)],
        "met": np.where(usable & ~np.isnan(v[:, 2]), (v[:, 2] != 0).astype(float), np.nan),
        "probability": v[:, 3], "score": v[:, 4], "has_criterion": has_criterion, "usable": usable})
    df = df.merge(responses.drop(columns=["response_uid", "case_title"]), on="response_id", how="inner", sort=False)
    df = _filter(df, categories, models)
    crit = df[df["has_criterion"] & df["criterion_key"].notna()]
    crit = crit.drop_duplicates(["response_id", "criterion_key"], keep="last")
    score = df[~df["has_criterion"] & df["score"].notna() & df["usable"]]
    head = ["response_id", "case_id", "case_uid", "category", "model"]
    return (crit[[*head, "criterion_key", "met", "probability"]].reset_index(drop=True),
            score[[*head, "score"]].reset_index(drop=True))


def _responses(session: Session, where: ColumnElement[bool]) -> pd.DataFrame:
    """response_id, response_uid, case_id, case_uid, case_title, category, model of the responses
    *where* selects."""
    return _frame(session.execute(
        select(Response.id, Response.uid, Case.id, Case.uid, Case.title, Case.category, Model.name)
        .join(Case, Response.case_id == Case.id).join(Model, Response.model_id == Model.id)
        .where(where)).all(),
        ["response_id", "response_uid", "case_id", "case_uid", "case_title", "category", "model"])


def rubric_scores(crit: pd.DataFrame, value_col: str = "value", by: Sequence[str] = ("rater",)) -> pd.DataFrame:
    """HealthBench answer score per response (and rater): sum(points x met) / sum(positive points)
    over the criteria answered (not-applicable left out); criteria without points count 1 point
    (as :func:`reviewer.stats.rubric.answer_score`, with unknown points treated as equal weights)."""
    d = crit[crit[value_col].notna()].copy()
    if d.empty:
        return pd.DataFrame(columns=["response_id", *by, "score"])
    pts = d["points"].astype(float).fillna(1.0) if "points" in d else pd.Series(1.0, index=d.index)
    d["earned"] = pts * d[value_col]
    d["possible"] = pts.clip(lower=0)
    g = d.groupby(["response_id", *by], sort=False)[["earned", "possible"]].sum().reset_index()
    g = g[g["possible"] > 0]
    g["score"] = g["earned"] / g["possible"]
    return g.drop(columns=["earned", "possible"])


def criterion_categories(session: Session, study_id: int) -> dict[tuple[int, str], str]:
    """(case id, criterion key) -> HealthBench meta-evaluation category: the ``category`` the meta
    importer kept in ``Case.meta["healthbench_meta_categories"]``, else the criterion's first
    ``cluster:`` tag (its newest checklist version that has one)."""
    out: dict[tuple[int, str], str] = {}
    q = (select(ChecklistVersion.case_id, Criterion.key, Criterion.tags)
         .join(ChecklistVersion, Criterion.checklist_version_id == ChecklistVersion.id)
         .join(Case, ChecklistVersion.case_id == Case.id)
         .where(Case.study_id == study_id).order_by(ChecklistVersion.version))
    for case_id, key, tags in session.execute(q):
        tag = next((t for t in tags or [] if isinstance(t, str) and t.startswith("cluster:")), None)
        if tag is not None:
            out[(case_id, key)] = tag
    for case_id, meta in session.execute(select(Case.id, Case.meta).where(Case.study_id == study_id)):
        for key, category in ((meta or {}).get("healthbench_meta_categories") or {}).items():
            out[(case_id, str(key))] = str(category)
    return out
