"""The adjudicated set as rows: ``reviewer export gold -o FILE`` (CSV, JSONL or Parquet), or as
HealthBench consensus-style JSONL (``--format healthbench``, :func:`healthbench_consensus`).

One row per gold label (``kind = "criterion"``: ``value`` met / not_met / na) and one per
consensus overall score (``kind = "overall"``: ``score``), each with how it was reached
(``method``: "manual" or "majority k of n"), the reason, the author and the times. Answers are
named by their stable uids and blind letters, never by model. Written through
:func:`reviewer.studies.exports.write_rows` (the export writers: spreadsheet-safe cells, atomic).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.checklists.export import healthbench_record
from reviewer.errors import InputError
from reviewer.files import atomic_write
from reviewer.store.adjudication_models import ConsensusScore, GoldLabel
from reviewer.store.engine import Store, transaction
from reviewer.store.models import MET, NOT_MET, Case, ChecklistVersion, Criterion, Response, Study
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


GOLD_FORMATS = ("rows", "healthbench")


def healthbench_consensus(session: Session, study_id: int | None = None) -> list[dict[str, Any]]:
    """HealthBench consensus-style records: one per case with gold labels, in HealthBench's
    format (:func:`reviewer.checklists.export.healthbench_record`) whose ``rubrics`` are only the
    criteria that reached consensus -- a gold met / not-met answer on at least one of the case's
    answers (a criterion judged not applicable everywhere is left out) -- in checklist order.
    ``gold_labels`` (ignored by ``reviewer import healthbench``) lists each such answer:
    ``response_uid``, ``criterion``, ``value``, ``method``."""
    q = (select(GoldLabel.value, GoldLabel.method, Criterion, Response.uid, ChecklistVersion.case_id)
         .join(Criterion, Criterion.id == GoldLabel.criterion_id)
         .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
         .join(Response, Response.id == GoldLabel.response_id)
         .order_by(ChecklistVersion.case_id, ChecklistVersion.version, Criterion.position, Response.blind_label,
                   Response.id))
    if study_id is not None:
        q = q.where(GoldLabel.study_id == study_id)
    by_case: dict[int, dict[int, Criterion]] = defaultdict(dict)
    labels: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for value, method, crit, ruid, case_id in session.execute(q):
        if value not in (MET, NOT_MET):
            continue
        by_case[case_id][crit.id] = crit
        labels[case_id].append({"response_uid": ruid, "criterion": crit.text, "value": value, "method": method})
    out = []
    for case in session.scalars(select(Case).where(Case.id.in_(list(by_case))).order_by(Case.id)):
        record = healthbench_record(case, sorted(by_case[case.id].values(), key=lambda c: (c.position, c.id)))
        record["gold_labels"] = labels[case.id]
        out.append(record)
    return out


def export_gold(store: Store | Session, path: str | Path, *, study: str | None = None, fmt: str = "rows") -> int:
    """Write the adjudicated set to *path*; returns the row (or record) count. *fmt* ``rows``: one
    row per gold label and consensus score, CSV / JSONL / Parquet by the extension; ``healthbench``:
    :func:`healthbench_consensus` as JSONL."""
    if fmt not in GOLD_FORMATS:
        raise InputError(f"unknown gold format {fmt!r}: use one of {', '.join(GOLD_FORMATS)}")
    with transaction(store) as session:
        study_id = get_study(session, study).id if study is not None else None
        if fmt == "rows":
            return write_rows(path, GOLD_COLUMNS, gold_rows(session, study_id))
        records = healthbench_consensus(session, study_id)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        return len(records)
