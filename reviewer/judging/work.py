"""What a judge run has to do: the (response, criterion) units of a study and their prompts.

Reads the study once, into plain values (no live ORM rows leave this module), and renders one
judge prompt per unit: per criterion for ``criterion`` templates, per response for ``score`` and
``rubric`` templates. Criteria come from each case's latest checklist version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.judging.templates import render
from reviewer.store.models import Case, Criterion, RatingScheme, Response
from reviewer.store.reads import latest_checklist_ids

CORE = "core"
SECONDARY = "secondary"


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    key: str
    text: str
    points: float | None
    tier: str | None
    tags: tuple[str, ...]

    @property
    def points_label(self) -> str:
        """``[points]`` as HealthBench shows it (5, -3, 2.5); the tier or 1 when a criterion has no points."""
        if self.points is None:
            return self.tier or "1"
        return str(int(self.points)) if float(self.points).is_integer() else str(self.points)

    def as_context(self) -> dict[str, Any]:
        return {"id": self.id, "key": self.key, "text": self.text, "points": self.points, "tier": self.tier,
                "tags": list(self.tags), "points_label": self.points_label}


@dataclass(frozen=True)
class AnswerInfo:
    """One response with everything a judge prompt may show."""

    response_id: int
    model: str
    turns: tuple[dict[str, str], ...]
    text: str
    reference_answer: str | None
    category: str
    criteria: tuple[CriterionInfo, ...]

    @property
    def area(self) -> str:
        return self.category.split("/")[0].strip()


@dataclass(frozen=True)
class WorkUnit:
    """One verdict to produce: ``criterion_id`` None for whole-answer templates."""

    response_id: int
    criterion_id: int | None
    prompt: str
    group: int = 0  # units sharing a prefix (the criteria of one answer) share a group

    @property
    def key(self) -> tuple[int, int | None]:
        return (self.response_id, self.criterion_id)


@dataclass
class StudySnapshot:
    answers: list[AnswerInfo] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)


def load_snapshot(session: Session, study_id: int, responses: Iterable[int | str] | None = None) -> StudySnapshot:
    """The study's responses (all, or those whose id or uid is in *responses*) with their criteria."""
    query = (select(Response, Case).join(Case, Response.case_id == Case.id)
             .where(Case.study_id == study_id).order_by(Case.id, Response.id))
    if responses is not None:
        wanted = list(responses)
        ids = [r for r in wanted if isinstance(r, int)]
        uids = [r for r in wanted if isinstance(r, str)]
        query = query.where(Response.id.in_(ids) | Response.uid.in_(uids))
    pairs = session.execute(query).all()
    latest = latest_checklist_ids(session, {case.id for _, case in pairs})
    criteria: dict[int, list[CriterionInfo]] = {}
    if latest:
        for c in session.scalars(select(Criterion).where(Criterion.checklist_version_id.in_(latest.values()))
                                 .order_by(Criterion.checklist_version_id, Criterion.position, Criterion.id)):
            criteria.setdefault(c.checklist_version_id, []).append(
                CriterionInfo(c.id, c.key, c.text, c.points, c.tier, tuple(str(t) for t in c.tags or ())))
    scheme = session.scalar(select(RatingScheme).where(RatingScheme.study_id == study_id)
                            .order_by(RatingScheme.id).limit(1))
    snap = StudySnapshot(anchors={str(k): str(v) for k, v in (scheme.score_anchors if scheme else {}).items()})
    for response, case in pairs:
        turns = tuple({"role": str(t.get("role", "user")), "content": str(t.get("content", ""))}
                      for t in case.turns or ())
        snap.answers.append(AnswerInfo(
            response_id=response.id, model=response.model.name, turns=turns, text=response.text,
            reference_answer=case.reference_answer, category=case.category or "",
            criteria=tuple(criteria.get(latest.get(case.id, -1), ()))))
    return snap


def answer_context(answer: AnswerInfo, anchors: dict[str, str], mode: str) -> dict[str, Any]:
    """Template variables shared by every prompt about *answer* (see resources/judge_prompts)."""
    crits = [c.as_context() for c in answer.criteria]
    tiered = any(c.tier for c in answer.criteria)
    last_user = next((i for i in range(len(answer.turns) - 1, -1, -1) if answer.turns[i]["role"] == "user"), None)
    question = answer.turns[last_user]["content"] if last_user is not None else ""
    history = list(answer.turns[:last_user]) if last_user is not None else list(answer.turns)
    return {
        "turns": list(answer.turns), "question": question, "history": history, "response": answer.text,
        "reference_answer": answer.reference_answer or "", "category": answer.category, "area": answer.area,
        "criteria": crits,
        "core_criteria": [c for c in crits if c["tier"] == CORE or not tiered],
        "secondary_criteria": [c for c in crits if c["tier"] == SECONDARY],
        "anchors": anchors, "mode": mode,
    }


def build_units(snapshot: StudySnapshot, template_content: str, kind: str, mode: str,
                skip: set[tuple[int, int | None]] | None = None) -> list[WorkUnit]:
    """Render the prompt of every unit not in *skip*, grouped by answer (criteria of one answer adjacent)."""
    skip = skip or set()
    units: list[WorkUnit] = []
    for answer in snapshot.answers:
        context = answer_context(answer, snapshot.anchors, mode)
        if kind == "criterion":
            for crit in answer.criteria:
                if (answer.response_id, crit.id) in skip:
                    continue
                prompt = render(template_content, {**context, "criterion": crit.as_context()})
                units.append(WorkUnit(answer.response_id, crit.id, prompt, group=answer.response_id))
        elif (answer.response_id, None) not in skip:
            units.append(WorkUnit(answer.response_id, None, render(template_content, context),
                                  group=answer.response_id))
    return units


def count_units(snapshot: StudySnapshot, kind: str) -> int:
    if kind == "criterion":
        return sum(len(a.criteria) for a in snapshot.answers)
    return len(snapshot.answers)
