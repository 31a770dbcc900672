"""Exports in long format: one row per criterion rating, case, response or judge verdict.

``export(store, kind, path, study=None)`` writes CSV, JSONL or Parquet (by the file extension)
and returns the number of rows. Rows name things by their stable uids (plus external ids and
keys for reading), so exports from several machines join cleanly. In CSV and Parquet, list and
object values (turns, tags, meta, criteria) are JSON text; in JSONL they stay structured.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from reviewer.errors import InputError
from reviewer.store.engine import Store, transaction
from reviewer.store.models import (
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
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
from reviewer.studies.lookup import get_study

KINDS = ("ratings", "cases", "responses", "verdicts")
FORMATS = (".csv", ".jsonl", ".parquet")

RATING_COLUMNS = [
    "study", "rating_uid", "rater", "response_uid", "response_external_id", "blind_label", "model",
    "case_uid", "case_source", "case_external_id", "criterion_uid", "criterion_key", "criterion_text",
    "criterion_tier", "criterion_points", "checklist_version", "rated_checklist_version", "value",
    "overall_score", "extra_scores", "safety_flag", "comment", "status", "source", "time_spent_s",
    "submitted_at", "created_at", "updated_at",
]
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
COLUMNS = {"ratings": RATING_COLUMNS, "cases": CASE_COLUMNS, "responses": RESPONSE_COLUMNS,
           "verdicts": VERDICT_COLUMNS}


def _points(value: float | None) -> float | int | None:
    """Integral points come back as ints (HealthBench points are integers)."""
    return int(value) if value is not None and float(value).is_integer() else value


def _scoped(stmt: Select, study_id: int | None) -> Select:
    return stmt if study_id is None else stmt.where(Case.study_id == study_id)


def rating_rows(session: Session, study_id: int | None) -> list[dict[str, Any]]:
    rated = aliased(ChecklistVersion)
    stmt = (select(Study.name, Rating, Rater.name, Response.uid, Response.external_id, Response.blind_label,
                   Model.name, Case.uid, Case.source, Case.external_id, Criterion, CriterionRating.value,
                   ChecklistVersion.version, rated.version)
            .join(Response, Response.id == Rating.response_id)
            .join(Case, Case.id == Response.case_id)
            .join(Study, Study.id == Case.study_id)
            .join(Model, Model.id == Response.model_id)
            .join(Rater, Rater.id == Rating.rater_id)
            .outerjoin(CriterionRating, CriterionRating.rating_id == Rating.id)
            .outerjoin(Criterion, Criterion.id == CriterionRating.criterion_id)
            .outerjoin(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .outerjoin(rated, rated.id == Rating.checklist_version_id)
            .order_by(Rating.id, Criterion.position))
    out = []
    for (study, rating, rater, r_uid, r_ext, label, model, c_uid, c_src, c_ext, crit, value, version,
         rated_version) in session.execute(_scoped(stmt, study_id)):
        out.append({
            "study": study, "rating_uid": rating.uid, "rater": rater, "response_uid": r_uid,
            "response_external_id": r_ext, "blind_label": label, "model": model, "case_uid": c_uid,
            "case_source": c_src, "case_external_id": c_ext,
            "criterion_uid": crit.uid if crit else None, "criterion_key": crit.key if crit else None,
            "criterion_text": crit.text if crit else None, "criterion_tier": crit.tier if crit else None,
            "criterion_points": _points(crit.points) if crit else None, "checklist_version": version,
            "rated_checklist_version": rated_version, "value": value, "overall_score": rating.overall_score,
            "extra_scores": rating.extra_scores, "safety_flag": rating.safety_flag, "comment": rating.comment,
            "status": rating.status, "source": rating.source, "time_spent_s": rating.time_spent_s,
            "submitted_at": rating.submitted_at, "created_at": rating.created_at,
            "updated_at": rating.updated_at})
    return out


def case_rows(session: Session, study_id: int | None) -> list[dict[str, Any]]:
    stmt = select(Study.name, Case).join(Study, Study.id == Case.study_id).order_by(Case.id)
    rows = session.execute(_scoped(stmt, study_id)).all()
    latest = latest_checklists(session, [case.id for _s, case in rows])
    full: dict[int, Criterion] = {}
    version_ids = [lc.version_id for lc in latest.values()]
    for start in range(0, len(version_ids), 500):
        full.update({c.id: c for c in session.scalars(
            select(Criterion).where(Criterion.checklist_version_id.in_(version_ids[start:start + 500])))})
    out = []
    for study, case in rows:
        lc = latest.get(case.id)
        criteria = [] if lc is None else [
            {"uid": c.uid, "key": c.key, "text": c.text, "points": _points(full[c.id].points),
             "tier": full[c.id].tier, "tags": full[c.id].tags} for c in lc.criteria]
        out.append({
            "study": study, "case_uid": case.uid, "source": case.source, "external_id": case.external_id,
            "title": case.title, "category": case.category, "turns": case.turns,
            "reference_answer": case.reference_answer, "tags": case.tags, "meta": case.meta,
            "checklist_version": lc.version if lc else None, "n_criteria": len(criteria), "criteria": criteria,
            "content_hash": case.content_hash, "created_at": case.created_at, "updated_at": case.updated_at})
    return out


def response_rows(session: Session, study_id: int | None) -> list[dict[str, Any]]:
    stmt = (select(Study.name, Response, Case.uid, Case.source, Case.external_id, Model.name, Model.kind,
                   GenerationRun.name)
            .join(Case, Case.id == Response.case_id).join(Study, Study.id == Case.study_id)
            .join(Model, Model.id == Response.model_id)
            .outerjoin(GenerationRun, GenerationRun.id == Response.generation_run_id)
            .order_by(Response.id))
    out = []
    for study, r, c_uid, c_src, c_ext, model, kind, run in session.execute(_scoped(stmt, study_id)):
        out.append({
            "study": study, "response_uid": r.uid, "external_id": r.external_id, "case_uid": c_uid,
            "case_source": c_src, "case_external_id": c_ext, "model": model, "model_kind": kind,
            "generation_run": run, "blind_label": r.blind_label, "sample_index": r.sample_index,
            "text": r.text, "seed": r.seed, "prompt_tokens": r.prompt_tokens,
            "completion_tokens": r.completion_tokens, "latency_ms": r.latency_ms, "device": r.device,
            "content_hash": r.content_hash, "created_at": r.created_at})
    return out


def verdict_rows(session: Session, study_id: int | None) -> list[dict[str, Any]]:
    stmt = (select(Study.name, JudgeVerdict, JudgeRun, Response.uid, Response.external_id, Case.uid,
                   Case.external_id, Criterion, ChecklistVersion.version)
            .join(JudgeRun, JudgeRun.id == JudgeVerdict.judge_run_id)
            .join(Response, Response.id == JudgeVerdict.response_id)
            .join(Case, Case.id == Response.case_id).join(Study, Study.id == Case.study_id)
            .outerjoin(Criterion, Criterion.id == JudgeVerdict.criterion_id)
            .outerjoin(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .order_by(JudgeVerdict.id))
    out = []
    for study, v, run, r_uid, r_ext, c_uid, c_ext, crit, version in session.execute(
            _scoped(stmt, study_id)):
        out.append({
            "study": study, "verdict_uid": v.uid, "judge_run": run.name, "judge_model": run.judge_model,
            "judge_mode": run.mode, "template_name": run.template_name, "template_version": run.template_version,
            "response_uid": r_uid, "response_external_id": r_ext, "case_uid": c_uid, "case_external_id": c_ext,
            "criterion_uid": crit.uid if crit else None, "criterion_key": crit.key if crit else None,
            "criterion_text": crit.text if crit else None, "checklist_version": version, "met": v.met,
            "score": v.score, "probability": v.probability, "parse_status": v.parse_status,
            "attempts": v.attempts, "explanation": v.explanation, "created_at": v.created_at})
    return out


BUILDERS = {"ratings": rating_rows, "cases": case_rows, "responses": response_rows, "verdicts": verdict_rows}


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], path: Path) -> None:
    """Write *rows* to *path* as CSV, JSONL or Parquet, by its extension."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns))
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _flat(row.get(k)) for k in columns})
    elif suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({k: row.get(k) for k in columns}, ensure_ascii=False, default=_iso))
                handle.write("\n")
    elif suffix == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise InputError("Parquet export needs pyarrow: pip install \"reviewer[parquet]\"",
                             file=str(path)) from exc

        data = {k: [_flat(row.get(k)) for row in rows] for k in columns}
        arrays = {}
        for k, values in data.items():
            try:
                arrays[k] = pa.array(values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types: keep them as text
                arrays[k] = pa.array([None if v is None else str(v) for v in values])
        pq.write_table(pa.table(arrays), path)
    else:
        raise InputError(f"unknown export format {suffix or '(none)'}: use one of {', '.join(FORMATS)}",
                         file=str(path))


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def export(store: Store | Session, kind: str, path: str | Path, *, study: str | None = None) -> int:
    """Write one *kind* (ratings, cases, responses, verdicts) to *path*; return the row count.

    With *study* only that study's rows; without it, every study in the database.
    """
    path = Path(path)
    if kind not in BUILDERS:
        raise InputError(f"unknown export {kind!r}: use one of {', '.join(KINDS)}")
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"unknown export format {path.suffix or '(none)'}: use one of {', '.join(FORMATS)}",
                         file=str(path))
    with transaction(store) as session:
        study_id = get_study(session, study).id if study is not None else None
        rows = BUILDERS[kind](session, study_id)
    write_rows(rows, COLUMNS[kind], path)
    return len(rows)
