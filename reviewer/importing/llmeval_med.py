"""LLMEval-Med question set: one JSON object ``{area: [record, ...]}``, one case per record.

- external id ``<area>/<index>`` (0-based position in the area's list), source ``llmeval-med``;
- category ``area / category2``; meta: scene, difficulty, groupCode, round, area, index;
- reference answer ``sanswer``;
- a record with round k > 1 continues the record just before it (round k-1, same groupCode):
  its case holds the whole conversation so far, earlier problems as user turns and their
  reference answers as assistant turns, then this problem (round 3: user, assistant, user,
  assistant, user);
- the free-text checklist becomes checklist v1 with tiered criteria
  (:mod:`reviewer.importing.llmeval_checklist`); a record without a checklist gets no checklist
  version at all.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.importing.cases import NewCase, NewCriterion, insert_new_cases
from reviewer.importing.common import (
    ImportReport,
    field_of,
    read_json,
    short_title,
    study_import,
)
from reviewer.importing.llmeval_checklist import parse_checklist
from reviewer.store.engine import Store
from reviewer.store.vocabulary import category_path

SOURCE = "llmeval-med"


def _optional_text(record: dict[str, Any], key: str, *, file: Path, item: str) -> str | None:
    """Text, or None for a missing / NaN value; a bare number (one record's answer is 131) as text."""
    value = record.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None  # the published file writes missing values as NaN or leaves them out
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"field {key!r} should be text", file=str(file), item=item)
    return value if isinstance(value, str) else str(value)


def _checklist_text(record: dict[str, Any], *, file: Path, item: str) -> str | None:
    value = record.get("checklist")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None  # the published file writes a missing checklist as NaN or leaves it out
    if not isinstance(value, str):
        raise InputError("field 'checklist' should be text", file=str(file), item=item)
    return value if value.strip() else None


def parse_dataset(data: Any, *, file: Path) -> tuple[list[NewCase], dict[str, int]]:
    """All records as NewCases (conversations chained by round) and parsing counts."""
    if not isinstance(data, dict):
        raise InputError("expected one JSON object whose keys are the areas", file=str(file))
    cases: list[NewCase] = []
    stats = {"records": 0, "records_with_checklist": 0, "checklist_items": 0, "unnumbered_items": 0}
    for area, records in data.items():
        if not isinstance(records, list):
            raise InputError(f"area {area!r} should be a list of records", file=str(file))
        previous: tuple[dict[str, Any], NewCase] | None = None
        for index, record in enumerate(records):
            item = f"{area}[{index}]"
            if not isinstance(record, dict):
                raise InputError("record should be an object", file=str(file), item=item)
            problem = field_of(record, "problem", str, file=file, item=item)
            answer = _optional_text(record, "sanswer", file=file, item=item)
            round_ = field_of(record, "round", int, file=file, item=item, required=False, default=1)
            group = field_of(record, "groupCode", (int, str), file=file, item=item, required=False)
            turns = [{"role": "user", "content": problem}]
            if round_ > 1:
                if (previous is None or previous[0].get("round") != round_ - 1
                        or previous[0].get("groupCode") != group):
                    raise InputError(f"round {round_} record does not follow round {round_ - 1} of the same "
                                     f"groupCode ({group})", file=str(file), item=item)
                before_case = previous[1]
                turns = [*before_case.turns,
                         {"role": "assistant", "content": before_case.reference_answer or ""}, *turns]
            checklist = _checklist_text(record, file=file, item=item)
            criteria = None
            if checklist is not None:
                parsed = parse_checklist(checklist)
                criteria = [NewCriterion(text=p.text, key=p.key, tier=p.tier, tags=p.tags) for p in parsed]
                stats["records_with_checklist"] += 1
                stats["checklist_items"] += len(parsed)
                stats["unnumbered_items"] += sum(1 for p in parsed if p.number is None)
            difficulty = record.get("difficulty")
            category2 = record.get("category2") or ""
            meta = {"area": area, "index": index, "scene": record.get("scene"), "difficulty": difficulty,
                    "groupCode": group, "round": round_, "category2": category2}
            if checklist is not None:
                meta["checklist_text"] = checklist
            tags = [f"area:{area}"] + ([f"difficulty:{difficulty}"] if isinstance(difficulty, str) else [])
            case = NewCase(source=SOURCE, external_id=f"{area}/{index}", turns=turns,
                           title=short_title(problem),
                           category=category_path(area, category2),
                           reference_answer=answer, tags=tags, meta=meta, criteria=criteria)
            cases.append(case)
            previous = (record, case)
            stats["records"] += 1
    return cases, stats


def import_llmeval_med(target: Store | Any, path: str | Path, *, study: str | None = None) -> ImportReport:
    """Import the LLMEval-Med ``dataset.json`` in one transaction; existing positions are skipped."""
    path = Path(path)
    report = ImportReport(kind="llmeval-med", file=str(path))
    cases, stats = parse_dataset(read_json(path), file=path)
    report.notes.update(stats)
    with study_import(target, study, report) as (session, st):
        insert_new_cases(session, st.id, SOURCE, cases, report, id_name="record")
    return report
