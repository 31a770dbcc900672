"""Export refined checklists (the latest version of every case) in the benchmarks' own formats.

So that refinements can be shared and re-imported by :mod:`reviewer.importing`:

- **HealthBench rubric JSONL** (:func:`healthbench_records`): one line per case with a checklist:
  ``prompt_id`` (the case's dataset id, else its uid), ``prompt`` (the turns), ``rubrics``
  (``{criterion, points, tags}``), ``example_tags``, ``ideal_completions_data`` (null or
  ``{ideal_completion, ideal_completions_group, ideal_completions_ref_completions}``) and the
  ``canary`` when the case came with one. HealthBench needs points on every item; a criterion
  without points (LLMEval-Med) gets 5 when core, 3 when secondary, else 1, and a ``tier:`` tag.
- **LLMEval-Med** (:func:`llmeval_med_dataset`): the dataset's shape, ``{area: [record, ...]}``,
  each record with ``category1, category2, scene, round, problem, groupCode, sanswer,
  difficulty, checklist``; the checklist is written as ``核心需求：\\n1. ...\\n\\n次要需求：\\n1. ...``
  with a ``requirement:<label>`` tag written back as its ``<label>：`` prefix. Records keep the
  case's area and position, so multi-round dialogues stay chained; cases that came from
  elsewhere become one-round records in their category's area.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.files import atomic_write
from reviewer.store.models import Case, ChecklistVersion, Criterion
from reviewer.store.vocabulary import split_category

FORMATS = ("healthbench", "llmeval-med")
DEFAULT_POINTS = {"core": 5, "secondary": 3}
CORE_HEADING = "核心需求："
SECONDARY_HEADING = "次要需求："


def latest_criteria(session: Session, study_id: int) -> list[tuple[Case, int | None, list[Criterion]]]:
    """Every case of the study (in id order) with its latest version number and criteria."""
    cases = session.scalars(select(Case).where(Case.study_id == study_id).order_by(Case.id)).all()
    versions = session.execute(select(ChecklistVersion.case_id, ChecklistVersion.id, ChecklistVersion.version)
                               .join(Case, Case.id == ChecklistVersion.case_id)
                               .where(Case.study_id == study_id)).all()
    latest: dict[int, tuple[int, int]] = {}
    for case_id, cv_id, version in versions:
        if case_id not in latest or version > latest[case_id][1]:
            latest[case_id] = (cv_id, version)
    crits: dict[int, list[Criterion]] = defaultdict(list)
    cv_ids = [cv for cv, _ in latest.values()]
    for start in range(0, len(cv_ids), 500):
        for c in session.scalars(select(Criterion).where(Criterion.checklist_version_id.in_(cv_ids[start:start + 500]))
                                 .order_by(Criterion.checklist_version_id, Criterion.position, Criterion.id)):
            crits[c.checklist_version_id].append(c)
    out = []
    for case in cases:
        cv = latest.get(case.id)
        out.append((case, cv[1] if cv else None, crits.get(cv[0], []) if cv else []))
    return out


def _points(c: Criterion) -> int | float:
    if c.points is None:
        return DEFAULT_POINTS.get(c.tier or "", 1)
    return int(c.points) if float(c.points).is_integer() else c.points


def healthbench_record(case: Case, criteria: list[Criterion]) -> dict[str, Any]:
    rubrics = []
    for c in criteria:
        tags = list(c.tags or [])
        if c.points is None and c.tier and f"tier:{c.tier}" not in tags:
            tags.append(f"tier:{c.tier}")
        rubrics.append({"criterion": c.text, "points": _points(c), "tags": tags})
    meta = case.meta or {}
    ideal = None
    if case.reference_answer:
        ideal = {"ideal_completion": case.reference_answer,
                 "ideal_completions_group": meta.get("ideal_completions_group"),
                 "ideal_completions_ref_completions": meta.get("ideal_completions_ref_completions") or []}
    record: dict[str, Any] = {"prompt_id": case.external_id or case.uid, "prompt": list(case.turns or []),
                              "rubrics": rubrics, "example_tags": list(case.tags or []),
                              "ideal_completions_data": ideal}
    if "canary" in meta:
        record["canary"] = meta["canary"]
    return record


def healthbench_records(session: Session, study_id: int) -> list[dict[str, Any]]:
    """One HealthBench main-format record per case that has a checklist (latest version)."""
    return [healthbench_record(case, crits) for case, version, crits in latest_criteria(session, study_id)
            if version is not None]


def checklist_text(criteria: list[Criterion]) -> str:
    """LLMEval-Med checklist text: a core block and a secondary block, each numbered from 1."""
    blocks = []
    for tier, heading in (("core", CORE_HEADING), ("secondary", SECONDARY_HEADING)):
        items = [c for c in criteria if (c.tier or "core") == tier]
        lines = [heading]
        if not items:
            lines.append("无")
        for n, c in enumerate(items, start=1):
            label = next((t.split(":", 1)[1] for t in (c.tags or []) if str(t).startswith("requirement:")), None)
            body = "\n".join(line.strip() for line in c.text.splitlines() if line.strip())
            body = f"{label}：{body}" if label else body
            if "unnumbered" in (c.tags or []) and n == 1:
                lines.append(body)  # an un-numbered paragraph first in its block, as the source had it
            else:
                lines.append(f"{n}. {body}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def llmeval_med_dataset(session: Session, study_id: int) -> dict[str, list[dict[str, Any]]]:
    """All cases of the study as an LLMEval-Med dataset object ``{area: [record, ...]}``."""
    areas: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]] = defaultdict(list)
    for case, version, crits in latest_criteria(session, study_id):
        meta = case.meta or {}
        from_dataset = case.source == "llmeval-med" and "area" in meta
        area_part, sub_part = split_category(case.category)
        area = meta["area"] if from_dataset else (area_part or "未分类")
        category2 = meta.get("category2") if from_dataset else sub_part
        last_user = next((t.get("content", "") for t in reversed(case.turns or []) if t.get("role") == "user"), "")
        record: dict[str, Any] = {
            "category1": area, "category2": category2 or "", "scene": meta.get("scene"),
            "round": int(meta.get("round") or 1) if from_dataset else 1, "problem": last_user,
            "groupCode": meta.get("groupCode") if from_dataset else case.id,
            "sanswer": case.reference_answer, "difficulty": meta.get("difficulty"),
        }
        record = {k: v for k, v in record.items() if v is not None}
        if version is not None and crits:
            record["checklist"] = checklist_text(crits)
        order = (0, int(meta.get("index", 0))) if from_dataset else (1, case.id)
        areas[area].append((order, record))
    return {area: [r for _, r in sorted(rows, key=lambda x: x[0])] for area, rows in areas.items()}


def export_checklists(session: Session, study_id: int, path: str | Path, fmt: str) -> int:
    """Write the study's latest checklists to *path* in *fmt*; returns the number of records."""
    path = Path(path)
    if fmt == "healthbench":
        records = healthbench_records(session, study_id)
        with atomic_write(path) as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        return len(records)
    if fmt == "llmeval-med":
        data = llmeval_med_dataset(session, study_id)
        with atomic_write(path) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=1))
        return sum(len(v) for v in data.values())
    raise InputError(f"unknown export format {fmt!r} (expected {' or '.join(FORMATS)})")
