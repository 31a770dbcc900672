"""Per-model leaderboards from a judge run or from physician ratings, with the same formulas.

Checklist metric (HealthBench, ``reviewer.stats.rubric``): each answer's score is earned points over
positive points; criteria without points (LLMEval-Med checklists) count 1 point each.

- judge run: an answer counts only when every criterion of its checklist version has a usable
  verdict (:func:`reviewer.store.vocabulary.usable_verdict`); an answer with a failed, unusable or
  missing verdict is left out and counted in ``n_excluded`` (a failed parse is never read as met
  or not met);
- physicians, policy ``mean`` (default): each submitted rating gives its own answer score over the
  criteria that rater marked met / not met (n.a. leaves the criterion out for that rater), and the
  answer's score is the mean over its raters; policy ``majority``: each criterion is met when more
  than half of the raters who marked it met or not met say met, not met when fewer, and an exact
  tie earns half its points; criteria nobody marked are left out.

Tag sub-scores (axis, cluster, theme) use the judge's verdicts, or for physicians the majority
view of each criterion (ties half), whatever the policy of the headline score.

Overall metric (LLMEval-Med): the judge's 1-5 score per answer, or the mean of the raters'
submitted overall scores; the leaderboard shows the mean and the share of answers scoring >= 4.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError, NotFoundError
from reviewer.stats.rubric import (
    N_BOOTSTRAP,
    Estimate,
    GradedAnswer,
    GradedCriterion,
    LeaderboardRow,
    answer_score,
    healthbench_summary,
    leaderboard,
)
from reviewer.store import Store
from reviewer.store.current import is_current
from reviewer.store.models import (
    MET,
    NOT_MET,
    SUBMITTED,
    Case,
    Criterion,
    CriterionRating,
    JudgeRun,
    JudgeVerdict,
    Model,
    PromptTemplate,
    Rating,
    Response,
)
from reviewer.store.vocabulary import usable_verdict
from reviewer.studies.lookup import get_study

POLICIES = ("mean", "majority")


@dataclass
class Leaderboard:
    source: str  # "judge:<run>" or "raters:<policy>"
    metric: str  # "healthbench" | "llmeval"
    rows: list[LeaderboardRow]
    tags: dict[str, dict[str, Estimate]] = field(default_factory=dict)  # model -> tag -> estimate
    answer_scores: dict[int, float] = field(default_factory=dict)  # response id -> answer score

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "metric": self.metric, "rows": [r.as_dict() for r in self.rows],
                "tags": {m: {t: e.as_dict() for t, e in tags.items()} for m, tags in self.tags.items()}}


@dataclass
class _Answers:
    """Per-response inputs gathered from the store before any scoring."""

    model: dict[int, str] = field(default_factory=dict)
    example_tags: dict[int, tuple[str, ...]] = field(default_factory=dict)
    graded: dict[int, list[GradedCriterion]] = field(default_factory=dict)  # checklist metric
    per_rater: dict[int, list[list[GradedCriterion]]] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)  # overall metric
    excluded: set[int] = field(default_factory=set)


def _graded(criterion: Criterion, met: float) -> GradedCriterion:
    points = 1.0 if criterion.points is None else float(criterion.points)
    return GradedCriterion(points, met, tuple(str(t) for t in criterion.tags or ()))


def _responses(session: Session, study_id: int) -> _Answers:
    out = _Answers()
    rows = session.execute(select(Response.id, Model.name, Case.tags).join(Model, Response.model_id == Model.id)
                           .join(Case, Response.case_id == Case.id).where(Case.study_id == study_id))
    for rid, model, tags in rows:
        out.model[rid] = model
        out.example_tags[rid] = tuple(str(t) for t in tags or () if str(t).startswith("theme:"))
    return out


def _from_judge(session: Session, study_id: int, run: JudgeRun) -> tuple[str, _Answers]:
    answers = _responses(session, study_id)
    tpl = session.scalar(select(PromptTemplate).where(PromptTemplate.content_hash == run.template_hash).limit(1))
    verdicts = session.execute(select(JudgeVerdict, Criterion).outerjoin(
        Criterion, JudgeVerdict.criterion_id == Criterion.id).where(JudgeVerdict.judge_run_id == run.id)).all()
    per_criterion = any(v.criterion_id is not None for v, _ in verdicts) or (tpl is not None and tpl.kind == "criterion")
    if not per_criterion:
        for v, _ in verdicts:
            if not usable_verdict(v.parse_status, v.score):
                answers.excluded.add(v.response_id)
            else:
                answers.scores[v.response_id] = float(v.score)
        return "llmeval", answers
    by_response: dict[int, list[tuple[JudgeVerdict, Criterion]]] = defaultdict(list)
    for v, c in verdicts:
        by_response[v.response_id].append((v, c))
    version_ids = {c.checklist_version_id for _, c in verdicts if c is not None}
    members: dict[int, set[int]] = defaultdict(set)
    if version_ids:
        for cv_id, cid in session.execute(select(Criterion.checklist_version_id, Criterion.id)
                                          .where(Criterion.checklist_version_id.in_(version_ids))):
            members[cv_id].add(cid)
    for rid, items in by_response.items():
        got = {c.id for _, c in items if c is not None}
        wanted = set().union(*(members[c.checklist_version_id] for _, c in items if c is not None))
        if not all(usable_verdict(v.parse_status, v.met) for v, _ in items) or got != wanted:
            answers.excluded.add(rid)
            continue
        answers.graded[rid] = [_graded(c, 1.0 if v.met else 0.0) for v, c in items]
    return "healthbench", answers


def _from_raters(session: Session, study_id: int, policy: str, metric: str | None) -> tuple[str, _Answers]:
    answers = _responses(session, study_id)
    ratings = session.scalars(select(Rating).join(Response, Rating.response_id == Response.id)
                              .join(Case, Response.case_id == Case.id)
                              .where(Case.study_id == study_id, Rating.status == SUBMITTED, is_current())).all()
    marks = session.execute(select(CriterionRating.rating_id, CriterionRating.value, Criterion)
                            .join(Criterion, CriterionRating.criterion_id == Criterion.id)
                            .where(CriterionRating.rating_id.in_([r.id for r in ratings]))).all()
    if metric is None:
        metric = "healthbench" if marks else "llmeval"
    if metric == "llmeval":
        per: dict[int, list[float]] = defaultdict(list)
        for r in ratings:
            if r.overall_score is not None:
                per[r.response_id].append(float(r.overall_score))
        answers.scores = {rid: sum(v) / len(v) for rid, v in per.items()}
        return metric, answers
    by_rating: dict[int, list[tuple[str, Criterion]]] = defaultdict(list)
    for rating_id, value, criterion in marks:
        if value in (MET, NOT_MET):
            by_rating[rating_id].append((value, criterion))
    response_of = {r.id: r.response_id for r in ratings}
    votes: dict[int, dict[int, list[bool]]] = defaultdict(lambda: defaultdict(list))
    crit_by_id: dict[int, Criterion] = {}
    for rating_id, items in by_rating.items():
        rid = response_of[rating_id]
        answers.per_rater.setdefault(rid, []).append([_graded(c, 1.0 if v == MET else 0.0) for v, c in items])
        for v, c in items:
            votes[rid][c.id].append(v == MET)
            crit_by_id[c.id] = c
    for rid, crits in votes.items():
        graded = []
        for cid, vs in crits.items():
            share = sum(vs) / len(vs)
            graded.append(_graded(crit_by_id[cid], 1.0 if share > 0.5 else 0.0 if share < 0.5 else 0.5))
        answers.graded[rid] = graded
    return metric, answers


def _answer_value(answers: _Answers, rid: int, policy: str, source: str) -> float | None:
    if source == "raters" and policy == "mean":
        scores = [s for s in (answer_score(g) for g in answers.per_rater.get(rid, ())) if s is not None]
        return sum(scores) / len(scores) if scores else None
    return answer_score(answers.graded[rid]) if rid in answers.graded else None


def build_leaderboard(store: Store, *, study: str | None = None, judge_run: str | None = None,
                      raters: bool = False, policy: str = "mean", metric: str | None = None,
                      n_boot: int = N_BOOTSTRAP, seed: int = 0) -> Leaderboard:
    """The per-model leaderboard of one judge run (``judge_run``) or of the physicians (``raters``)."""
    if (judge_run is None) == (not raters):
        raise InputError("name a judge run or ask for the raters' leaderboard (one of the two)")
    if policy not in POLICIES:
        raise InputError(f"rater policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    if metric is not None and metric not in ("healthbench", "llmeval"):
        raise InputError(f"metric must be healthbench or llmeval, not {metric!r}")
    with store.Session() as session:
        study_row = get_study(session, study)
        if judge_run is not None:
            run = session.scalar(select(JudgeRun).where(JudgeRun.study_id == study_row.id,
                                                        JudgeRun.name == judge_run))
            if run is None:
                names = ", ".join(session.scalars(select(JudgeRun.name).where(JudgeRun.study_id == study_row.id)))
                raise NotFoundError(f"no judge run {judge_run!r} in study {study_row.name!r} "
                                    f"(runs: {names or 'none'})")
            found_metric, answers = _from_judge(session, study_row.id, run)
            source, label = "judge", f"judge:{run.name}"
        else:
            found_metric, answers = _from_raters(session, study_row.id, policy, metric)
            source, label = "raters", f"raters:{policy}"
    per_model: dict[str, list[float]] = defaultdict(list)
    excluded: dict[str, int] = defaultdict(int)
    answer_scores: dict[int, float] = {}
    graded_answers: dict[str, list[GradedAnswer]] = defaultdict(list)
    for rid in sorted(answers.excluded):
        excluded[answers.model[rid]] += 1
    if found_metric == "llmeval":
        for rid, value in answers.scores.items():
            per_model[answers.model[rid]].append(value)
            answer_scores[rid] = value
    else:
        for rid in sorted(set(answers.graded) | set(answers.per_rater)):
            value = _answer_value(answers, rid, policy, source)
            if value is None:
                continue
            per_model[answers.model[rid]].append(value)
            answer_scores[rid] = value
            if rid in answers.graded:
                graded_answers[answers.model[rid]].append(
                    GradedAnswer(tuple(answers.graded[rid]), answers.example_tags.get(rid, ())))
    rows = leaderboard(per_model, found_metric, n_boot=n_boot, seed=seed, excluded=excluded)
    tags = {model: healthbench_summary(items, n_boot=n_boot, seed=seed)["tags"]
            for model, items in graded_answers.items()}
    return Leaderboard(label, found_metric, rows, tags, answer_scores)
