"""The rows of each export, streamed from Core queries (plain column tuples, never ORM objects).

Each builder is ``rows(session, study_id, fmt) -> Iterator[row]``: one row per exported row, in
the order of the kind's columns, rendered by the writer's :class:`Format` (reviewer.studies.exports:
a CSV line, a JSONL line, or a tuple for Parquet) from *parts*, runs of neighbouring columns that
``fmt.part`` renders once. The ratings export repeats each rating's fields on each of its criterion
rows and each criterion's fields on each rating of it, so those parts are read (one query each)
and rendered once, and the long query reads only (rating id, criterion id, value).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from reviewer.store.current import is_current
from reviewer.store.models import (
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Evidence,
    GenerationRun,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Rating,
    Response,
    Study,
)
from reviewer.store.reads import latest_checklists


class Format(Protocol):
    """How a writer renders rows: a part (neighbouring columns) once, a row from its parts."""

    def part(self, columns: Sequence[str], values: Sequence[Any]) -> Any: ...

    def row(self, *parts: Any) -> Any: ...


RATING_HEAD = ["study", "rating_uid", "rater", "response_uid", "response_external_id", "blind_label", "model",
               "case_uid", "case_source", "case_external_id"]
RATING_CRITERION = ["criterion_uid", "criterion_key", "criterion_text", "criterion_tier", "criterion_points",
                    "checklist_version"]
RATING_TAIL = ["overall_score", "extra_scores", "safety_flag", "comment", "status", "source", "time_spent_s",
               "submitted_at", "created_at", "updated_at"]
# evidence: the spans of the answer the rater attached to this criterion, [{"start", "end", "quote"}];
# current: whether this is the rater's current rating of the answer (reviewer.store.current): a rating
# a re-rating on a newer checklist version superseded is exported too, with current false
RATING_COLUMNS = [*RATING_HEAD, *RATING_CRITERION, "rated_checklist_version", "value", *RATING_TAIL, "evidence",
                  "current"]
CASE_COLUMNS = [
    "study", "case_uid", "source", "external_id", "title", "category", "turns", "reference_answer", "tags",
    "meta", "checklist_version", "n_criteria", "criteria", "content_hash", "created_at", "updated_at",
]
RESPONSE_COLUMNS = [
    "study", "response_uid", "external_id", "case_uid", "case_source", "case_external_id", "model",
    "model_kind", "generation_run", "blind_label", "sample_index", "text", "seed", "prompt_tokens",
    "completion_tokens", "latency_ms", "device", "content_hash", "created_at",
]
VERDICT_COLUMNS = [
    "study", "verdict_uid", "judge_run", "judge_model", "judge_mode", "template_name", "template_version",
    "response_uid", "response_external_id", "case_uid", "case_external_id", "criterion_uid",
    "criterion_key", "criterion_text", "checklist_version", "met", "score", "probability",
    "parse_status", "attempts", "explanation", "created_at",
]
STREAM = {"yield_per": 10_000}


def points(value: float | None) -> float | int | None:
    """Integral points come back as ints (HealthBench points are integers)."""
    return int(value) if value is not None and float(value).is_integer() else value


def _scoped(stmt: Select, study_id: int | None) -> Select:
    return stmt if study_id is None else stmt.where(Case.study_id == study_id)


def _formatted(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: Format) -> Iterator[Any]:
    for row in rows:
        yield fmt.row(fmt.part(columns, row))


def rating_rows(session: Session, study_id: int | None, fmt: Format) -> Iterator[Any]:
    """One row per criterion rating (a rating without any: one row, criterion fields empty),
    ordered by rating, then criterion position."""
    rated = aliased(ChecklistVersion)
    parts: dict[int, tuple[Any, Any, Any, Any]] = {}
    currency = {flag: fmt.part(("current",), (flag,)) for flag in (True, False)}
    for rid, *values in session.connection().execute(_scoped(
            select(Rating.id, Study.name, Rating.uid, Rater.name, Response.uid, Response.external_id,
                   Response.blind_label, Model.name, Case.uid, Case.source, Case.external_id, rated.version,
                   Rating.overall_score, Rating.extra_scores, Rating.safety_flag, Rating.comment, Rating.status,
                   Rating.source, Rating.time_spent_s, Rating.submitted_at, Rating.created_at, Rating.updated_at,
                   is_current())
            .join(Response, Response.id == Rating.response_id)
            .join(Case, Case.id == Response.case_id)
            .join(Study, Study.id == Case.study_id)
            .join(Model, Model.id == Response.model_id)
            .join(Rater, Rater.id == Rating.rater_id)
            .outerjoin(rated, rated.id == Rating.checklist_version_id), study_id)):
        parts[rid] = (fmt.part(RATING_HEAD, values[:10]), values[10], fmt.part(RATING_TAIL, values[11:-1]),
                      currency[bool(values[-1])])
    in_scope = _scoped(select(CriterionRating.criterion_id)
                       .join(Rating, Rating.id == CriterionRating.rating_id)
                       .join(Response, Response.id == Rating.response_id)
                       .join(Case, Case.id == Response.case_id), study_id)
    criteria: dict[int | None, Any] = {None: fmt.part(RATING_CRITERION, [None] * len(RATING_CRITERION))}
    for cid, uid, key, text, tier, pts, version in session.connection().execute(
            select(Criterion.id, Criterion.uid, Criterion.key, Criterion.text, Criterion.tier, Criterion.points,
                   ChecklistVersion.version)
            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .where(Criterion.id.in_(in_scope))):
        criteria[cid] = fmt.part(RATING_CRITERION, (uid, key, text, tier, points(pts), version))
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for rid, cid, start, end, quote in session.connection().execute(_scoped(
            select(Evidence.rating_id, Evidence.criterion_id, Evidence.start, Evidence.end, Evidence.quote)
            .join(Rating, Rating.id == Evidence.rating_id)
            .join(Response, Response.id == Rating.response_id)
            .join(Case, Case.id == Response.case_id), study_id).order_by(Evidence.id)):
        spans.setdefault((rid, cid), []).append({"start": start, "end": end, "quote": quote})
    no_evidence = fmt.part(("evidence",), (None,))
    answers: dict[tuple[Any, str | None], Any] = {}  # (rated version, value): a few distinct pairs
    long = _scoped(select(Rating.id, CriterionRating.criterion_id, CriterionRating.value)
                   .join(Response, Response.id == Rating.response_id)
                   .join(Case, Case.id == Response.case_id)
                   .outerjoin(CriterionRating, CriterionRating.rating_id == Rating.id)
                   .outerjoin(Criterion, Criterion.id == CriterionRating.criterion_id), study_id)
    for rid, cid, value in session.connection().execute(long.order_by(Rating.id, Criterion.position).execution_options(**STREAM)):
        head, rated_version, tail, current = parts[rid]
        middle = answers.get((rated_version, value))
        if middle is None:
            middle = answers[(rated_version, value)] = fmt.part(("rated_checklist_version", "value"),
                                                                (rated_version, value))
        found = spans.get((rid, cid)) if spans else None
        yield fmt.row(head, criteria[cid], middle, tail,
                      no_evidence if found is None else fmt.part(("evidence",), (found,)), current)


def case_rows(session: Session, study_id: int | None, fmt: Format) -> Iterator[Any]:
    """One row per case, with its latest checklist's criteria (a list of objects)."""
    rows = session.connection().execute(_scoped(
        select(Case.id, Study.name, Case.uid, Case.source, Case.external_id, Case.title, Case.category, Case.turns,
               Case.reference_answer, Case.tags, Case.meta, Case.content_hash, Case.created_at, Case.updated_at)
        .join(Study, Study.id == Case.study_id).order_by(Case.id), study_id)).all()
    latest = latest_checklists(session, [row[0] for row in rows])
    full: dict[int, tuple[float | None, str | None, list[Any]]] = {}
    version_ids = [lc.version_id for lc in latest.values()]
    for start in range(0, len(version_ids), 500):
        full.update({cid: (pts, tier, tags) for cid, pts, tier, tags in session.connection().execute(
            select(Criterion.id, Criterion.points, Criterion.tier, Criterion.tags)
            .where(Criterion.checklist_version_id.in_(version_ids[start:start + 500])))})
    for case_id, study, uid, source, ext, title, category, turns, reference, tags, meta, digest, created, \
            updated in rows:
        lc = latest.get(case_id)
        criteria = [] if lc is None else [
            {"uid": c.uid, "key": c.key, "text": c.text, "points": points(full[c.id][0]), "tier": full[c.id][1],
             "tags": full[c.id][2]} for c in lc.criteria]
        yield fmt.row(fmt.part(CASE_COLUMNS, (
            study, uid, source, ext, title, category, turns, reference, tags, meta, lc.version if lc else None,
            len(criteria), criteria, digest, created, updated)))


def response_rows(session: Session, study_id: int | None, fmt: Format) -> Iterator[Any]:
    stmt = (select(Study.name, Response.uid, Response.external_id, Case.uid, Case.source, Case.external_id,
                   Model.name, Model.kind, GenerationRun.name, Response.blind_label, Response.sample_index,
                   Response.text, Response.seed, Response.prompt_tokens, Response.completion_tokens,
                   Response.latency_ms, Response.device, Response.content_hash, Response.created_at)
            .join(Case, Case.id == Response.case_id).join(Study, Study.id == Case.study_id)
            .join(Model, Model.id == Response.model_id)
            .outerjoin(GenerationRun, GenerationRun.id == Response.generation_run_id)
            .order_by(Response.id))
    return _formatted(RESPONSE_COLUMNS, session.connection().execute(_scoped(stmt, study_id).execution_options(**STREAM)), fmt)


def verdict_rows(session: Session, study_id: int | None, fmt: Format) -> Iterator[Any]:
    stmt = (select(Study.name, JudgeVerdict.uid, JudgeRun.name, JudgeRun.judge_model, JudgeRun.mode,
                   JudgeRun.template_name, JudgeRun.template_version, Response.uid, Response.external_id, Case.uid,
                   Case.external_id, Criterion.uid, Criterion.key, Criterion.text, ChecklistVersion.version,
                   JudgeVerdict.met, JudgeVerdict.score, JudgeVerdict.probability, JudgeVerdict.parse_status,
                   JudgeVerdict.attempts, JudgeVerdict.explanation, JudgeVerdict.created_at)
            .join(JudgeRun, JudgeRun.id == JudgeVerdict.judge_run_id)
            .join(Response, Response.id == JudgeVerdict.response_id)
            .join(Case, Case.id == Response.case_id).join(Study, Study.id == Case.study_id)
            .outerjoin(Criterion, Criterion.id == JudgeVerdict.criterion_id)
            .outerjoin(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .order_by(JudgeVerdict.id))
    return _formatted(VERDICT_COLUMNS, session.connection().execute(_scoped(stmt, study_id).execution_options(**STREAM)), fmt)


BUILDERS: dict[str, Callable[[Session, int | None, Format], Iterator[Any]]] = {
    "ratings": rating_rows, "cases": case_rows, "responses": response_rows, "verdicts": verdict_rows}
COLUMNS = {"ratings": RATING_COLUMNS, "cases": CASE_COLUMNS, "responses": RESPONSE_COLUMNS,
           "verdicts": VERDICT_COLUMNS}
