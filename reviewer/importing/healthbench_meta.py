"""HealthBench meta-evaluation JSONL: physician labels become criterion ratings by raters.

Each line is one (completion, consensus criterion) pair: ``prompt_id``, ``completion_id``,
``prompt``, ``completion``, ``rubric`` (criterion text), ``category`` (``cluster:`` id),
``binary_labels`` and ``anonymized_physician_ids`` (parallel lists).

- The case is found by ``prompt_id`` (source ``healthbench``). A case not yet in the study is
  created from ``prompt``; its checklist v1 holds every rubric text the file gives for it (in
  file order, points unknown, tagged with the category).
- For a case already in the study, each ``rubric`` must be the text of a criterion in its
  latest checklist; otherwise the import stops with an InputError naming the line, because
  guessing would attach labels to the wrong criterion.
- The completion becomes a response (external id ``completion_id``) of the model
  ``healthbench-meta``; its case's blind letters are redrawn (reviewer.studies.blinding.reshuffle_labels).
- Each row's ``category`` is kept in its case's ``meta["healthbench_meta_categories"]``
  (criterion key -> category; :func:`reviewer.agreement.extract.criterion_categories` reads it),
  so the analysis can group by category and theme; one criterion given two categories stops the
  import with an InputError naming both lines.
- Each physician id becomes a rater; one submitted rating (source ``import``) per physician
  and completion, holding one criterion rating per labelled criterion.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.errors import InputError
from reviewer.importing.cases import NewCriterion, case_index, insert_cases
from reviewer.importing.common import (
    ImportReport,
    bulk_insert,
    check_turns,
    content_hash,
    criterion_key,
    field_of,
    get_or_create_model,
    get_or_create_raters,
    latest_checklists,
    read_jsonl,
    study_import,
)
from reviewer.importing.healthbench import SOURCE, case_from_prompt
from reviewer.importing.rater_labels import LabelIn, RatingIn, write_rater_labels
from reviewer.store.engine import Store
from reviewer.store.models import MET, NOT_MET, Case, Response
from reviewer.studies.blinding import reshuffle_labels

MODEL_NAME = "healthbench-meta"


@dataclass
class MetaRow:
    line: int
    prompt_id: str
    completion_id: str
    prompt: list[dict[str, str]]
    completion: str
    rubric: str
    category: str
    labels: list[tuple[str, bool]]


def parse_row(row: dict[str, Any], *, file: Path, line: int) -> MetaRow:
    """One meta line, checked (a fast path for well-formed rows; the full checks name the problem)."""
    g = row.get
    labels, ids, prompt = g("binary_labels"), g("anonymized_physician_ids"), g("prompt")
    if (type(g("prompt_id")) is str and type(g("completion_id")) is str and type(g("completion")) is str
            and type(g("rubric")) is str and type(g("category", "")) is str and type(labels) is list
            and type(ids) is list and len(labels) == len(ids) and type(prompt) is list and prompt
            and all(type(v) is bool for v in labels) and all(type(v) is str and v for v in ids)
            and all(type(t) is dict and type(t.get("role")) is str and type(t.get("content")) is str
                    for t in prompt)):
        return MetaRow(line, row["prompt_id"], row["completion_id"],
                       [{"role": t["role"], "content": t["content"]} for t in prompt], row["completion"],
                       row["rubric"], g("category", ""), list(zip(ids, labels, strict=True)))
    return _parse_row_checked(row, file=file, line=line)


def _parse_row_checked(row: dict[str, Any], *, file: Path, line: int) -> MetaRow:
    prompt_id = field_of(row, "prompt_id", str, file=file, line=line)
    completion_id = field_of(row, "completion_id", str, file=file, line=line)
    prompt = check_turns(field_of(row, "prompt", list, file=file, line=line), "prompt", file=file, line=line)
    completion = field_of(row, "completion", str, file=file, line=line)
    rubric = field_of(row, "rubric", str, file=file, line=line)
    category = field_of(row, "category", str, file=file, line=line, required=False, default="")
    labels = field_of(row, "binary_labels", list, file=file, line=line)
    ids = field_of(row, "anonymized_physician_ids", list, file=file, line=line)
    if len(labels) != len(ids):
        raise InputError(f"'binary_labels' has {len(labels)} entries but 'anonymized_physician_ids' has "
                         f"{len(ids)}", file=str(file), line=line)
    for value in labels:
        if not isinstance(value, bool):
            raise InputError("'binary_labels' should hold only true/false", file=str(file), line=line)
    for value in ids:
        if not isinstance(value, str) or not value:
            raise InputError("'anonymized_physician_ids' should hold only non-empty text",
                             file=str(file), line=line)
    return MetaRow(line, prompt_id, completion_id, prompt, completion, rubric, category,
                   list(zip(ids, labels, strict=True)))


META_CATEGORIES = "healthbench_meta_categories"


def _store_categories(session: Any, found: dict[tuple[int, str], list[tuple[int, str]]], path: Path) -> None:
    """Merge the file's criterion categories into each case's ``meta[META_CATEGORIES]``."""
    by_case: dict[int, dict[str, tuple[int, str]]] = defaultdict(dict)
    for (case_id, key), seen in found.items():
        first_line, first = seen[0]
        for line, category in seen[1:]:
            if category != first:
                raise InputError(f"this row gives its criterion the category {category!r}, line {first_line} "
                                 f"gave {first!r}", file=str(path), line=line)
        by_case[case_id][key] = (first_line, first)
    ids = list(by_case)
    cases = [c for start in range(0, len(ids), 500)
             for c in session.scalars(select(Case).where(Case.id.in_(ids[start:start + 500])))]
    for case in cases:
        have = dict((case.meta or {}).get(META_CATEGORIES) or {})
        for key, (line, category) in by_case[case.id].items():
            if have.get(key, category) != category:
                raise InputError(f"the criterion of this row already has the category {have[key]!r} in the "
                                 f"study, this file gives {category!r}", file=str(path), line=line)
            have[key] = category
        case.meta = {**(case.meta or {}), META_CATEGORIES: have}


def import_healthbench_meta(target: Store | Any, path: str | Path, *,
                            study: str | None = None) -> ImportReport:
    """Import a meta-evaluation JSONL file in one transaction (see the module docstring)."""
    path = Path(path)
    report = ImportReport(kind="healthbench-meta", file=str(path))
    rows = [parse_row(row, file=path, line=line) for line, row in read_jsonl(path)]
    with study_import(target, study, report) as (session, st):
        cases = case_index(session, st.id, SOURCE)

        # 1. cases the study lacks: built from the file, checklist = all rubric texts given for them
        fresh: dict[str, list[MetaRow]] = defaultdict(list)
        for r in rows:
            if r.prompt_id not in cases:
                fresh[r.prompt_id].append(r)
        new_cases = []
        for prompt_id, group in fresh.items():
            used: set[str] = set()
            criteria: dict[str, NewCriterion] = {}
            for r in group:
                if r.rubric not in criteria:
                    criteria[r.rubric] = NewCriterion(text=r.rubric, key=criterion_key(r.rubric, used),
                                                      tags=[r.category] if r.category else [])
            new_cases.append(case_from_prompt(prompt_id, group[0].prompt, criteria=list(criteria.values()),
                                              meta={"created_by": "healthbench-meta"}, line=group[0].line))
        new_ids = insert_cases(session, st.id, new_cases, report)
        for case, cid in zip(new_cases, new_ids, strict=True):
            cases[case.external_id] = (cid, "")
        report.skip("cases", len({r.prompt_id for r in rows} - set(fresh)))

        # 2. criteria by text in each case's latest checklist
        case_ids = {r.prompt_id: cases[r.prompt_id][0] for r in rows}
        checklists = latest_checklists(session, list(set(case_ids.values())))
        row_criterion: list[int] = []
        row_categories: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
        for r in rows:
            latest = checklists.get(case_ids[r.prompt_id])
            found = latest.find(r.rubric) if latest else None
            if found is None:
                raise InputError(f"case {r.prompt_id} has no criterion with the text {r.rubric!r} in its "
                                 "latest checklist (import its HealthBench file first, or edit the checklist)",
                                 file=str(path), line=r.line)
            row_criterion.append(found.id)
            if r.category:
                row_categories[(case_ids[r.prompt_id], found.key)].append((r.line, r.category))
        _store_categories(session, row_categories, path)

        # 3. responses, by (case, completion_id)
        model_id, made = get_or_create_model(session, st.id, MODEL_NAME)
        report.add("models", int(made))
        all_case_ids = list(set(case_ids.values()))
        responses: dict[tuple[int, str], int] = {}
        for start in range(0, len(all_case_ids), 500):
            chunk = all_case_ids[start:start + 500]
            for cid, ext, rid in session.execute(
                    select(Response.case_id, Response.external_id, Response.id)
                    .where(Response.case_id.in_(chunk))):
                if ext is not None:
                    responses[(cid, ext)] = rid
        new_resp: list[dict[str, Any]] = []
        new_keys: list[tuple[int, str]] = []
        seen: set[tuple[int, str]] = set()
        for r in rows:
            key = (case_ids[r.prompt_id], r.completion_id)
            if key in responses or key in seen:
                continue
            seen.add(key)
            new_resp.append({"case_id": key[0], "model_id": model_id, "external_id": r.completion_id,
                             "sample_index": 0, "text": r.completion, "blind_label": "",  # lettered below
                             "settings": {}, "content_hash": content_hash(r.completion)})
            new_keys.append(key)
        responses.update(zip(new_keys, bulk_insert(session, Response, new_resp), strict=True))
        reshuffle_labels(session, {row["case_id"] for row in new_resp})
        report.add("responses", len(new_resp))
        report.skip("responses", len({(case_ids[r.prompt_id], r.completion_id) for r in rows}) - len(new_resp))

        # 4. raters, ratings (one per physician and response), criterion ratings
        rater_ids, made = get_or_create_raters(session, [pid for r in rows for pid, _ in r.labels])
        report.add("raters", made)
        ratings: list[RatingIn] = []
        labels: list[LabelIn] = []
        for r, crit_id in zip(rows, row_criterion, strict=True):
            resp_id = responses[(case_ids[r.prompt_id], r.completion_id)]
            version_id = checklists[case_ids[r.prompt_id]].version_id
            for pid, met in r.labels:
                ratings.append(RatingIn(resp_id, rater_ids[pid], version_id, line=r.line))
                labels.append(LabelIn((resp_id, rater_ids[pid]), crit_id, MET if met else NOT_MET, r.line))
        write_rater_labels(session, ratings, labels, report)
        report.notes["labels_read"] = sum(len(r.labels) for r in rows)
    return report
