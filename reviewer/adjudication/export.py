"""The adjudicated set as rows: ``reviewer export gold -o FILE`` (CSV, JSONL or Parquet).

One row per gold label (``kind = "criterion"``: ``value`` met / not_met / na) and one per
consensus overall score (``kind = "overall"``: ``score``), each with how it was reached
(``method``: "manual" or "majority k of n"), the reason, the author and the times. Answers are
named by their stable uids and blind letters, never by model. Written through
:func:`reviewer.studies.exports.write_rows` (the export writers: spreadsheet-safe cells, atomic).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.store.adjudication_models import ConsensusScore, GoldLabel
from reviewer.store.engine import Store, transaction
from reviewer.store.models import Case, ChecklistVersion, Criterion, Response, Study
from reviewer.studies.exports import write_rows
from reviewer.studies.lookup import get_study

GOLD_COLUMNS = ["study", "kind", "case_uid", "case_external_id", "response_uid", "blind_label", "criterion_key",
                "checklist_version", "criterion_text", "value", "score", "method", "reason", "author",
                "created_at", "updated_at"]


def gold_rows(session: Session, study_id: int | None = None) -> Iterator[list[Any]]:
    """Every gold label, then every consensus score, of the study (all studies when None), in
    case, answer and criterion order; columns :data:`GOLD_COLUMNS`."""
    q = (select(Study.name, Case.uid, Case.external_id, Response.uid, Response.blind_label, Criterion.key,
                ChecklistVersion.version, Criterion.text, GoldLabel.value, GoldLabel.method, GoldLabel.reason,
                GoldLabel.author, GoldLabel.created_at, GoldLabel.updated_at)
         .join(Response, Response.id == GoldLabel.response_id).join(Case, Case.id == Response.case_id)
         .join(Study, Study.id == Case.study_id)
         .join(Criterion, Criterion.id == GoldLabel.criterion_id)
         .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
         .order_by(Study.name, Case.id, Response.blind_label, Response.id, ChecklistVersion.version,
                   Criterion.position))
    if study_id is not None:
        q = q.where(Case.study_id == study_id)
    for (study, case_uid, ext, ruid, label, key, ver, text, value, method, reason, author, created,
         updated) in session.execute(q):
        yield [study, "criterion", case_uid, ext, ruid, label, key, ver, text, value, None, method, reason, author,
               created, updated]
    q = (select(Study.name, Case.uid, Case.external_id, Response.uid, Response.blind_label, ConsensusScore.score,
                ConsensusScore.method, ConsensusScore.reason, ConsensusScore.author, ConsensusScore.created_at,
                ConsensusScore.updated_at)
         .join(Response, Response.id == ConsensusScore.response_id).join(Case, Case.id == Response.case_id)
         .join(Study, Study.id == Case.study_id)
         .order_by(Study.name, Case.id, Response.blind_label, Response.id))
    if study_id is not None:
        q = q.where(Case.study_id == study_id)
    for study, case_uid, ext, ruid, label, score, method, reason, author, created, updated in session.execute(q):
        yield [study, "overall", case_uid, ext, ruid, label, None, None, None, None, score, method, reason, author,
               created, updated]


def export_gold(store: Store | Session, path: str | Path, *, study: str | None = None) -> int:
    """Write the adjudicated set to *path* (format by extension); returns the row count."""
    with transaction(store) as session:
        study_id = get_study(session, study).id if study is not None else None
        return write_rows(path, GOLD_COLUMNS, gold_rows(session, study_id))
