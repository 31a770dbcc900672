"""LLM-judge verdicts made elsewhere, stored as one judge run (``--judge NAME``).

Two shapes:

1. JSONL, one verdict per line: ``case_id`` (case external id or uid), ``response_id``
   (response external id within the case, or response uid), ``criterion`` (key, uid or text in
   the case's latest checklist; leave it out or null for a whole-answer score), ``met``
   (true/false) and/or ``score`` (number); optional ``probability``, ``explanation``,
   ``raw_output``.
2. A simple-evals HealthBench ``*_allresults.json`` file (``{"score", "metrics", "htmls",
   "convos", "metadata": {"example_level_metadata": [...]}}``): each example gives ``prompt_id``,
   ``prompt``, ``completion`` (assistant turns), ``completion_id`` (simple-evals computes
   sha256(prompt_id + text); recomputed when absent) and ``rubric_items`` with ``criterion``,
   ``points``, ``tags``, ``criteria_met``, ``explanation``. Cases missing from the study are
   created from the prompt and rubric items (like ``import healthbench``), completions missing
   are created as responses of the model named by ``model=`` (default: the file name without
   ``_allresults.json``), and each rubric item becomes one verdict.

The run is created with backend ``imported`` and mode ``imported``; if it exists, new verdicts
are added to it and verdicts it already has (same response and criterion) are skipped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.errors import InputError
from reviewer.importing.cases import case_index, insert_cases
from reviewer.importing.common import (
    CaseResolver,
    ImportReport,
    bulk_insert,
    check_turns,
    content_hash,
    field_of,
    get_or_create_model,
    latest_checklists,
    read_json,
    read_jsonl,
    study_import,
)
from reviewer.importing.healthbench import SOURCE, case_from_prompt, rubric_criteria
from reviewer.store.engine import Store
from reviewer.store.models import JudgeRun, JudgeVerdict, Response, utcnow
from reviewer.store.vocabulary import IMPORTED
from reviewer.studies.blinding import reshuffle_labels


@dataclass
class VerdictRow:
    line: int | None
    item: str | None
    case_id: str
    response_id: str
    criterion: str | None
    met: bool | None
    score: float | None
    probability: float | None = None
    explanation: str = ""
    raw_output: str = ""


def _jsonl_rows(path: Path) -> list[VerdictRow]:
    out = []
    for line, row in read_jsonl(path):
        case_id = field_of(row, "case_id", (str, int), file=path, line=line)
        response_id = field_of(row, "response_id", (str, int), file=path, line=line)
        criterion = field_of(row, "criterion", (str, int), file=path, line=line, required=False)
        met = field_of(row, "met", bool, file=path, line=line, required=False)
        score = field_of(row, "score", (int, float), file=path, line=line, required=False)
        if met is None and score is None:
            raise InputError("a verdict needs 'met' (true/false) or 'score'", file=str(path), line=line)
        out.append(VerdictRow(
            line, None, str(case_id), str(response_id), None if criterion is None else str(criterion), met, score,
            field_of(row, "probability", (int, float), file=path, line=line, required=False),
            field_of(row, "explanation", str, file=path, line=line, required=False, default=""),
            field_of(row, "raw_output", str, file=path, line=line, required=False, default="")))
    return out


def is_allresults(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("metadata"), dict)
            and isinstance(data["metadata"].get("example_level_metadata"), list))


def _run(session: Any, study_id: int, judge: str, judge_model: str, path: Path,
         report: ImportReport) -> int:
    run_id = session.scalar(select(JudgeRun.id).where(JudgeRun.study_id == study_id, JudgeRun.name == judge))
    if run_id is not None:
        report.skip("judge_runs")
        return run_id
    run = JudgeRun(study_id=study_id, name=judge, judge_model=judge_model, backend="imported",
                   mode="imported", settings={"source_file": path.name}, status="done", finished_at=utcnow())
    session.add(run)
    session.flush()
    report.add("judge_runs")
    return run.id


def _write_verdicts(session: Any, run_id: int, items: list[tuple[int, int | None, VerdictRow]],
                    report: ImportReport) -> None:
    """Insert (response id, criterion id, row) verdicts the run does not have yet."""
    have = {(resp, crit) for resp, crit in session.execute(
        select(JudgeVerdict.response_id, JudgeVerdict.criterion_id).where(JudgeVerdict.judge_run_id == run_id))}
    new = []
    for resp_id, crit_id, r in items:
        if (resp_id, crit_id) in have:
            report.skip("verdicts")
            continue
        have.add((resp_id, crit_id))
        new.append({"judge_run_id": run_id, "response_id": resp_id, "criterion_id": crit_id, "met": r.met,
                    "score": None if r.score is None else float(r.score),
                    "probability": None if r.probability is None else float(r.probability),
                    "explanation": r.explanation, "raw_output": r.raw_output, "parse_status": IMPORTED,
                    "attempts": 1})
    bulk_insert(session, JudgeVerdict, new, ids=False)
    report.add("verdicts", len(new))


def import_verdicts(target: Store | Any, path: str | Path, *, judge: str, study: str | None = None,
                    judge_model: str = "", model: str | None = None) -> ImportReport:
    """Import judge verdicts (JSONL or simple-evals allresults JSON) as the judge run *judge*."""
    path = Path(path)
    if not judge:
        raise InputError("name the judge run (--judge NAME)", file=str(path))
    report = ImportReport(kind="verdicts", file=str(path))
    if path.suffix.lower() == ".json":
        data = read_json(path)
        if not is_allresults(data):
            raise InputError("a .json verdict file should be a simple-evals allresults file "
                             "(metadata.example_level_metadata); use JSONL for other verdicts", file=str(path))
        return _import_allresults(target, path, data, report, judge=judge, study=study,
                                  judge_model=judge_model, model=model)
    rows = _jsonl_rows(path)
    with study_import(target, study, report) as (session, st):
        resolver = CaseResolver(session, st.id)
        case_ids = [resolver.get(r.case_id, file=path, line=r.line) for r in rows]
        wanted = list(set(case_ids))
        by_ext: dict[tuple[int, str], int] = {}
        by_uid: dict[str, tuple[int, int]] = {}
        for start in range(0, len(wanted), 500):
            for rid, cid, ext, uid in session.execute(
                    select(Response.id, Response.case_id, Response.external_id, Response.uid)
                    .where(Response.case_id.in_(wanted[start:start + 500]))):
                by_uid[uid] = (rid, cid)
                if ext is not None:
                    by_ext[(cid, ext)] = rid
        checklists = latest_checklists(session, wanted)
        items: list[tuple[int, int | None, VerdictRow]] = []
        for r, cid in zip(rows, case_ids, strict=True):
            resp_id = by_ext.get((cid, r.response_id))
            if resp_id is None and r.response_id in by_uid and by_uid[r.response_id][1] == cid:
                resp_id = by_uid[r.response_id][0]
            if resp_id is None:
                raise InputError(f"case {r.case_id} has no response with id {r.response_id!r}",
                                 file=str(path), line=r.line)
            crit_id = None
            if r.criterion is not None:
                latest = checklists.get(cid)
                found = latest.find(r.criterion) if latest else None
                if found is None:
                    raise InputError(f"case {r.case_id} has no criterion {r.criterion!r} (key, uid or text) "
                                     "in its latest checklist", file=str(path), line=r.line)
                crit_id = found.id
            items.append((resp_id, crit_id, r))
        run_id = _run(session, st.id, judge, judge_model, path, report)
        _write_verdicts(session, run_id, items, report)
    return report


def _import_allresults(target: Store | Any, path: Path, data: dict[str, Any], report: ImportReport, *,
                       judge: str, study: str | None, judge_model: str, model: str | None) -> ImportReport:
    examples = []
    for n, ex in enumerate(data["metadata"]["example_level_metadata"], start=1):
        item = f"example {n}"
        if not isinstance(ex, dict):
            raise InputError("should be an object", file=str(path), item=item)
        prompt_id = field_of(ex, "prompt_id", str, file=path, item=item)
        turns = check_turns(field_of(ex, "prompt", list, file=path, item=item), "prompt", file=path, line=None)
        completion = field_of(ex, "completion", (list, str), file=path, item=item)
        if isinstance(completion, list):
            completion = "".join(t.get("content", "") for t in completion if isinstance(t, dict))
        completion_id = ex.get("completion_id") or hashlib.sha256(
            (prompt_id + completion).encode("utf-8")).hexdigest()
        items = field_of(ex, "rubric_items", list, file=path, item=item)
        criteria = rubric_criteria(items, "rubric_items", file=path, line=None)
        verdicts = []
        for m, rubric_item in enumerate(items, start=1):
            met = field_of(rubric_item, "criteria_met", bool, file=path, item=f"{item} rubric item {m}")
            explanation = rubric_item.get("explanation")
            verdicts.append(VerdictRow(None, f"{item} rubric item {m}", prompt_id, str(completion_id),
                                       rubric_item["criterion"], met, None,
                                       explanation=explanation if isinstance(explanation, str) else ""))
        examples.append((item, prompt_id, turns, completion, str(completion_id), criteria, verdicts))
    model_name = model or path.name.removesuffix(".json").removesuffix("_allresults")
    with study_import(target, study, report) as (session, st):
        cases = case_index(session, st.id, SOURCE)
        fresh = {}
        for _item, prompt_id, turns, _c, _cid, criteria, _v in examples:
            if prompt_id not in cases and prompt_id not in fresh:
                fresh[prompt_id] = case_from_prompt(prompt_id, turns, criteria=criteria,
                                                    meta={"created_by": "simple-evals allresults"})
        for case, cid in zip(fresh.values(), insert_cases(session, st.id, list(fresh.values()), report),
                             strict=True):
            cases[case.external_id] = (cid, "")
        case_ids = {pid: cases[pid][0] for _i, pid, *_rest in examples}
        checklists = latest_checklists(session, list(set(case_ids.values())))
        existing: dict[tuple[int, str], int] = {}
        for rid, cid, ext in session.execute(
                select(Response.id, Response.case_id, Response.external_id)
                .where(Response.case_id.in_(list(set(case_ids.values()))))):
            if ext is not None:
                existing[(cid, ext)] = rid
        model_id: int | None = None
        items_out: list[tuple[int, int | None, VerdictRow]] = []
        for _item, prompt_id, _t, completion, completion_id, _c, verdicts in examples:
            cid = case_ids[prompt_id]
            resp_id = existing.get((cid, completion_id))
            if resp_id is None:
                if model_id is None:
                    model_id, made = get_or_create_model(session, st.id, model_name)
                    report.add("models", int(made))
                [resp_id] = bulk_insert(session, Response, [{
                    "case_id": cid, "model_id": model_id, "external_id": completion_id, "sample_index": 0,
                    "text": completion, "blind_label": "", "settings": {},  # lettered below
                    "content_hash": content_hash(completion)}])
                existing[(cid, completion_id)] = resp_id
                report.add("responses")
            else:
                report.skip("responses")
            for v in verdicts:
                found = checklists[cid].find(v.criterion or "") if cid in checklists else None
                if found is None:
                    raise InputError(f"case {prompt_id} has no criterion with this text in its latest "
                                     f"checklist: {v.criterion!r}", file=str(path), item=v.item)
                items_out.append((resp_id, found.id, v))
        run_id = _run(session, st.id, judge, judge_model, path, report)
        _write_verdicts(session, run_id, items_out, report)
        if report.created.get("responses"):
            reshuffle_labels(session, {cid for cid, _ in existing})
    return report
