"""Assignment design: who rates which response, in what order.

A design has three parts, in this order in every rater's queue:

1. a *calibration set*: N responses every rater rates first (so raters can be compared early);
2. an *overlap share*: that share of the remaining responses is rated by K raters each, which is
   what rater-rater agreement is computed on;
3. the rest is split one rater each, to cover more responses with the same effort.

Responses are put in a stratified, shuffled order (round-robin over category x model groups, each
group shuffled with the seed) so that every rater gets a mix of categories and models; each
response goes to the least-loaded raters (ties broken by how many of that model and category the
rater already has), never above ``max_per_rater``. Optionally the responses that most need a human
come first: where a judge run is least certain (probability closest to 0.5) or where judge runs
disagree. The settings and the report are stored as an AssignmentDesign row.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from reviewer.errors import ConflictError, InputError, NotFoundError
from reviewer.store.current import is_current
from reviewer.store.models import (
    Assignment,
    AssignmentDesign,
    AuditEvent,
    Case,
    JudgeRun,
    JudgeVerdict,
    Rater,
    Rating,
    Response,
    Study,
)
from reviewer.store.vocabulary import USABLE_PARSE_STATUSES

PRIORITIES = (None, "uncertain", "disagreement")


@dataclass
class DesignReport:
    """What a design produced: enough to judge whether agreement figures will have enough n."""

    design_uid: str
    study: str
    raters: list[str]
    items_per_rater: dict[str, int]
    calibration_size: int
    units_total: int
    units_assigned: int
    units_with_2plus: int
    units_unassigned: int
    overlap_units: int
    created_raters: list[str] = field(default_factory=list)
    prioritized: str | None = None
    models_per_rater: dict[str, dict[str, int]] = field(default_factory=dict)
    categories_per_rater: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        """A plain-text summary for the command line."""
        out = [
            f"design {self.design_uid} for study {self.study!r}",
            f"  responses: {self.units_total}, assigned: {self.units_assigned}, "
            f"unassigned: {self.units_unassigned}",
            f"  calibration set (rated by every rater first): {self.calibration_size}",
            f"  units with >= 2 raters (for agreement): {self.units_with_2plus}",
        ]
        if self.prioritized:
            out.append(f"  prioritised: {self.prioritized}")
        if self.created_raters:
            out.append(f"  new raters: {', '.join(self.created_raters)}")
        out.append("  items per rater:")
        for name in self.raters:
            out.append(f"    {name:<20} {self.items_per_rater.get(name, 0):>6}")
        return out


def _stratified_order(responses: list[Response], case_category: dict[int, str],
                      rng: random.Random) -> list[Response]:
    """Round-robin over (category, model) groups, each group shuffled: a balanced mix at any prefix."""
    groups: dict[tuple[str, int], list[Response]] = defaultdict(list)
    for r in responses:
        groups[(case_category.get(r.case_id, ""), r.model_id)].append(r)
    keys = sorted(groups)
    rng.shuffle(keys)
    for key in keys:
        rng.shuffle(groups[key])
    order: list[Response] = []
    while any(groups[k] for k in keys):
        for key in keys:
            if groups[key]:
                order.append(groups[key].pop())
    return order


def judge_runs_named(session: Session, study: Study, judge_run: str | list[str] | None) -> list[JudgeRun]:
    """The judge runs of *study* with these names, in that order (None: every run, oldest first);
    ``NotFoundError`` naming the first that does not exist."""
    if judge_run is None:
        return list(session.scalars(select(JudgeRun).where(JudgeRun.study_id == study.id)
                                    .order_by(JudgeRun.id)))
    names = [judge_run] if isinstance(judge_run, str) else list(judge_run)
    runs = []
    for name in names:
        run = session.scalar(select(JudgeRun).where(JudgeRun.study_id == study.id, JudgeRun.name == name))
        if run is None:
            raise NotFoundError(f"no judge run named {name!r} in study {study.name!r}")
        runs.append(run)
    return runs


def priority_scores(session: Session, study: Study, prioritize: str,
                    judge_run: str | list[str] | None) -> dict[int, float]:
    """Response id -> priority (higher first). Responses without judge data get no entry.

    ``uncertain``: 0.5 - min |p - 0.5| over the response's verdicts that carry a probability.
    ``disagreement``: share of (criterion or score) verdicts on which the judge runs disagree
    (met differs, or scores differ); needs two or more runs. Only usable verdicts count
    (:data:`reviewer.store.vocabulary.USABLE_PARSE_STATUSES`): a failed parse is no opinion.
    """
    runs = judge_runs_named(session, study, judge_run)
    if not runs:
        raise InputError("prioritising needs a judge run, and this study has none", item=study.name)
    run_ids = [r.id for r in runs]
    rows = session.execute(
        select(JudgeVerdict.judge_run_id, JudgeVerdict.response_id, JudgeVerdict.criterion_id,
               JudgeVerdict.met, JudgeVerdict.score, JudgeVerdict.probability)
        .where(JudgeVerdict.judge_run_id.in_(run_ids), JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES))
    ).all()
    scores: dict[int, float] = {}
    if prioritize == "uncertain":
        for _run, resp, _crit, _met, _score, prob in rows:
            if prob is None:
                continue
            value = 0.5 - abs(float(prob) - 0.5)
            scores[resp] = max(scores.get(resp, -1.0), value)
        return scores
    if len(runs) < 2:
        raise InputError("prioritising by disagreement needs two or more judge runs",
                         item=", ".join(r.name for r in runs))
    by_key: dict[tuple[int, int | None], set[Any]] = defaultdict(set)
    for _run, resp, crit, met, score, _prob in rows:
        value = met if crit is not None else score
        if value is not None:
            by_key[(resp, crit)].add(value)
    total: Counter[int] = Counter()
    split: Counter[int] = Counter()
    for (resp, _crit), values in by_key.items():
        total[resp] += 1
        if len(values) > 1:
            split[resp] += 1
    return {resp: split[resp] / n for resp, n in total.items()}


def ensure_raters(session: Session, names: list[str]) -> tuple[list[Rater], list[str]]:
    """The raters called *names*, creating the missing ones; returns them and the created names."""
    raters, created = [], []
    for name in names:
        rater = session.scalar(select(Rater).where(Rater.name == name))
        if rater is None:
            rater = Rater(name=name, display_name=name)
            session.add(rater)
            session.flush()
            created.append(name)
        raters.append(rater)
    return raters, created


def _validate(raters: list[str], per_response: int, calibration: int, overlap: float,
              max_per_rater: int | None, prioritize: str | None) -> list[str]:
    names = [n.strip() for n in raters if n and n.strip()]
    if not names:
        raise InputError("no raters given", item="--raters")
    dupes = sorted(n for n, c in Counter(names).items() if c > 1)
    if dupes:
        raise InputError(f"rater named twice: {', '.join(dupes)}", item="--raters")
    if per_response < 1:
        raise InputError(f"raters per response must be at least 1, not {per_response}", item="--per-response")
    if per_response > len(names):
        raise InputError(f"{per_response} raters per response but only {len(names)} raters",
                         item="--per-response")
    if calibration < 0:
        raise InputError(f"calibration size must be 0 or more, not {calibration}", item="--calibration")
    if not 0.0 <= overlap <= 1.0:
        raise InputError(f"overlap share must be between 0 and 1, not {overlap}", item="--overlap")
    if max_per_rater is not None and max_per_rater < 1:
        raise InputError(f"maximum per rater must be at least 1, not {max_per_rater}", item="--max-per-rater")
    if prioritize not in PRIORITIES:
        raise InputError(f"unknown priority {prioritize!r} (use uncertain or disagreement)", item="--prioritize")
    return names


def design_assignments(session: Session, study: Study, raters: list[str], *, per_response: int = 2,
                       calibration: int = 0, overlap: float = 1.0, max_per_rater: int | None = None,
                       seed: int = 0, prioritize: str | None = None,
                       judge_run: str | list[str] | None = None, replace: bool = False,
                       created_by: str = "") -> DesignReport:
    """Create raters as needed, design and store the assignments of *study*; see the module doc.

    Refuses (ConflictError) when one of the raters already has assignments in this study, unless
    *replace* is set: then their earlier assignments are removed (ratings are kept) and audited.
    """
    names = _validate(raters, per_response, calibration, overlap, max_per_rater, prioritize)
    rater_rows, created = ensure_raters(session, names)
    rater_ids = [r.id for r in rater_rows]
    existing = session.scalars(select(Assignment).where(Assignment.study_id == study.id,
                                                        Assignment.rater_id.in_(rater_ids))).all()
    if existing and not replace:
        who = sorted({r.name for r in rater_rows if r.id in {a.rater_id for a in existing}})
        raise ConflictError(f"raters {', '.join(who)} already have {len(existing)} assignments in study "
                            f"{study.name!r}; pass replace to redesign them")
    if existing:
        session.execute(delete(Assignment).where(Assignment.id.in_([a.id for a in existing])))
        session.add(AuditEvent(study_id=study.id, actor=created_by, action="assignment.replace",
                               entity_type="study", entity_uid=study.uid,
                               before={"assignments": len(existing)}, after=None))

    responses = list(session.scalars(select(Response).join(Case).where(Case.study_id == study.id)
                                     .order_by(Response.id)))
    if not responses:
        raise InputError(f"study {study.name!r} has no responses to assign yet: import or generate answers first")
    case_category = dict(session.execute(select(Case.id, Case.category).where(Case.study_id == study.id)).all())
    rng = random.Random(seed)
    order = _stratified_order(responses, case_category, rng)

    calib = order[:calibration]
    rest = order[calibration:]
    if prioritize:
        prio = priority_scores(session, study, prioritize, judge_run)
        rank = {r.id: i for i, r in enumerate(rest)}
        rest.sort(key=lambda r: (-(prio.get(r.id, -1.0)), rank[r.id]))

    cap = max_per_rater if max_per_rater is not None else math.inf
    queue: dict[int, list[tuple[Response, bool]]] = {rid: [] for rid in rater_ids}
    load: Counter[int] = Counter()
    model_load: Counter[tuple[int, int]] = Counter()
    cat_load: Counter[tuple[int, str]] = Counter()
    per_unit: Counter[int] = Counter()

    def give(rid: int, resp: Response, is_calib: bool) -> None:
        queue[rid].append((resp, is_calib))
        load[rid] += 1
        model_load[(rid, resp.model_id)] += 1
        cat_load[(rid, case_category.get(resp.case_id, ""))] += 1
        per_unit[resp.id] += 1

    for resp in calib:
        for rid in rater_ids:
            if load[rid] < cap:
                give(rid, resp, True)

    overlap_units = 0
    turn = 0
    for i, resp in enumerate(rest):
        # Bresenham spread: the overlap units are spread evenly along the (stratified) order.
        wants_overlap = math.floor((i + 1) * overlap) > math.floor(i * overlap)
        k = per_response if wants_overlap else 1
        free = [rid for rid in rater_ids if load[rid] < cap]
        if not free:
            continue
        pos = {rid: (j - turn) % len(rater_ids) for j, rid in enumerate(rater_ids)}
        cat = case_category.get(resp.case_id, "")
        free.sort(key=lambda rid: (load[rid], model_load[(rid, resp.model_id)], cat_load[(rid, cat)], pos[rid]))
        chosen = free[:k]
        turn += 1
        if len(chosen) >= 2:
            overlap_units += 1
        for rid in chosen:
            give(rid, resp, False)

    design = AssignmentDesign(study_id=study.id, created_by=created_by, settings={
        "raters": names, "per_response": per_response, "calibration": calibration, "overlap": overlap,
        "max_per_rater": max_per_rater, "seed": seed, "prioritize": prioritize,
        "judge_run": judge_run, "replace": replace,
    })
    session.add(design)
    session.flush()
    for rid in rater_ids:
        for position, (resp, is_calib) in enumerate(queue[rid]):
            session.add(Assignment(study_id=study.id, rater_id=rid, response_id=resp.id, design_id=design.id,
                                   position=position, is_calibration=is_calib))

    name_of = {r.id: r.name for r in rater_rows}
    model_names = _model_names(session, study)
    report = DesignReport(
        design_uid=design.uid, study=study.name, raters=names,
        items_per_rater={name_of[rid]: load[rid] for rid in rater_ids},
        calibration_size=len(calib), units_total=len(responses), units_assigned=len(per_unit),
        units_with_2plus=sum(1 for n in per_unit.values() if n >= 2),
        units_unassigned=len(responses) - len(per_unit), overlap_units=overlap_units,
        created_raters=created, prioritized=prioritize,
        models_per_rater={name_of[rid]: {model_names.get(m, str(m)): n for (r, m), n in sorted(model_load.items())
                                         if r == rid} for rid in rater_ids},
        categories_per_rater={name_of[rid]: {c: n for (r, c), n in sorted(cat_load.items()) if r == rid}
                              for rid in rater_ids},
    )
    design.report = report.to_dict()
    session.add(AuditEvent(study_id=study.id, actor=created_by, action="assignment.design",
                           entity_type="assignment_design", entity_uid=design.uid, before=None,
                           after={"settings": design.settings, "items_per_rater": report.items_per_rater}))
    session.flush()
    return report


def _model_names(session: Session, study: Study) -> dict[int, str]:
    from reviewer.store.models import Model

    return dict(session.execute(select(Model.id, Model.name).where(Model.study_id == study.id)).all())


def last_positions(session: Session, study_id: int) -> dict[int, int]:
    """rater id -> the position of the rater's last assignment in the study (absent: none yet), so
    that an assignment appended to a queue takes ``last_positions(...).get(rater_id, -1) + 1``."""
    return dict(session.execute(select(Assignment.rater_id, func.max(Assignment.position))
                                .where(Assignment.study_id == study_id).group_by(Assignment.rater_id)).all())


def rater_queue(session: Session, study: Study, rater: Rater) -> list[Assignment]:
    """A rater's assignments in *study*, in queue order (calibration first)."""
    return list(session.scalars(select(Assignment).where(Assignment.study_id == study.id,
                                                         Assignment.rater_id == rater.id)
                                .order_by(Assignment.is_calibration.desc(), Assignment.position)))


def rated_count(session: Session, study: Study, rater: Rater) -> int:
    """How many of the rater's assigned responses already have a rating by them."""
    return len(session.scalars(select(Rating.id).join(Assignment, (Assignment.response_id == Rating.response_id)
                                                      & (Assignment.rater_id == Rating.rater_id))
                               .where(Assignment.study_id == study.id, Rating.rater_id == rater.id, is_current())).all())
