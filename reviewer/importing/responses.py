"""Model answers from elsewhere: JSONL, CSV, or the LLMEval-Med JSON with ``model_answer``.

Columns / fields (first match wins):

- case: ``case_id`` or ``prompt_id`` -- a case's external id in this study, or its uid;
- model: ``model`` or ``model_name`` (or the ``model=`` argument / ``--model`` for files without one);
- answer: ``response``, ``answer``, ``completion``, ``text`` or ``model_answer`` (a simple-evals
  style list of turns is accepted: the last assistant turn's content);
- optional: ``response_id`` or ``completion_id`` (kept as the response's external id), ``seed``,
  ``prompt_tokens``, ``completion_tokens``, ``latency_ms``.

A ``.json`` file is either a list of such objects or the LLMEval-Med question set (one object of
areas) whose records carry ``model_answer``; there the case id is ``<area>/<index>``.
Idempotent: a response with an id is skipped when its case already has that id; one without an
id is skipped when its case already has the same text from the same model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.errors import InputError
from reviewer.importing.common import (
    CaseResolver,
    ImportReport,
    bulk_insert,
    content_hash,
    first_of,
    get_or_create_model,
    read_csv,
    read_json,
    read_jsonl,
    study_import,
)
from reviewer.store.engine import Store
from reviewer.store.models import Response
from reviewer.studies.blinding import reshuffle_labels

CASE_FIELDS = ("case_id", "prompt_id")
MODEL_FIELDS = ("model", "model_name")
ANSWER_FIELDS = ("response", "answer", "completion", "text", "model_answer")
ID_FIELDS = ("response_id", "completion_id")
NUMBER_FIELDS = {"seed": int, "prompt_tokens": int, "completion_tokens": int, "latency_ms": float}


def _rows(path: Path) -> Iterator[tuple[int | None, str | None, dict[str, Any]]]:
    """``(line, item, row)`` for every answer in the file, by its extension."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix == ".json":
        data = read_json(path)
        if isinstance(data, list):
            for i, row in enumerate(data):
                if not isinstance(row, dict):
                    raise InputError("should be an object", file=str(path), item=f"entry {i + 1}")
                yield None, f"entry {i + 1}", row
        elif isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
            for area, records in data.items():  # LLMEval-Med shape
                for index, record in enumerate(records):
                    if isinstance(record, dict) and record.get("model_answer") not in (None, ""):
                        yield None, f"{area}[{index}]", {**record, "case_id": f"{area}/{index}"}
        else:
            raise InputError("expected a list of answers or the LLMEval-Med object of areas", file=str(path))
    else:
        for line, row in read_jsonl(path):
            yield line, None, row


def _csv_rows(path: Path) -> Iterator[tuple[int | None, str | None, dict[str, Any]]]:
    def check(header: list[str]) -> None:
        for names, what in ((CASE_FIELDS, "case id"), (ANSWER_FIELDS, "answer")):
            if not any(n in header for n in names):
                raise InputError(f"no {what} column: the header needs one of {', '.join(names)}",
                                 file=str(path), line=1)

    for line, row in read_csv(path, check):
        yield line, None, row


def _answer_text(value: Any, *, file: Path, line: int | None, item: str | None) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # simple-evals: [{"role": "assistant", "content": ...}]
        for turn in reversed(value):
            if isinstance(turn, dict) and isinstance(turn.get("content"), str):
                return turn["content"]
    raise InputError("the answer should be text", file=str(file), line=line, item=item)


def import_responses(target: Store | Any, path: str | Path, *, study: str | None = None,
                     model: str | None = None) -> ImportReport:
    """Import model answers (see the module docstring) in one transaction."""
    path = Path(path)
    report = ImportReport(kind="responses", file=str(path))
    rows = []
    for line, item, row in _rows(path):
        case_field = first_of(row, CASE_FIELDS)
        answer_field = first_of(row, ANSWER_FIELDS)
        model_field = first_of(row, MODEL_FIELDS)
        if case_field is None:
            raise InputError(f"missing required field: one of {', '.join(CASE_FIELDS)}",
                             file=str(path), line=line, item=item)
        if answer_field is None:
            raise InputError(f"missing required field: one of {', '.join(ANSWER_FIELDS)}",
                             file=str(path), line=line, item=item)
        model_name = str(row[model_field]) if model_field else model
        if not model_name:
            raise InputError(f"missing required field: one of {', '.join(MODEL_FIELDS)} "
                             "(or name the model with --model)", file=str(path), line=line, item=item)
        id_field = first_of(row, ID_FIELDS)
        numbers: dict[str, Any] = {}
        for key, kind in NUMBER_FIELDS.items():
            if row.get(key) not in (None, ""):
                try:
                    numbers[key] = kind(row[key])
                except (TypeError, ValueError) as exc:
                    raise InputError(f"field {key!r} should be a number", file=str(path), line=line,
                                     item=item) from exc
        rows.append((line, item, str(row[case_field]), model_name,
                     _answer_text(row[answer_field], file=path, line=line, item=item),
                     str(row[id_field]) if id_field else None, numbers))
    with study_import(target, study, report) as (session, st):
        resolver = CaseResolver(session, st.id)
        case_ids = [resolver.get(r[2], file=path, line=r[0], item=r[1]) for r in rows]
        model_ids: dict[str, int] = {}
        for name in dict.fromkeys(r[3] for r in rows):
            model_ids[name], made = get_or_create_model(session, st.id, name)
            report.add("models", int(made))
            report.skip("models", int(not made))
        by_ext: set[tuple[int, str]] = set()
        by_hash: set[tuple[int, int, str]] = set()
        wanted = list(set(case_ids))
        for start in range(0, len(wanted), 500):
            for cid, mid, ext, digest in session.execute(
                    select(Response.case_id, Response.model_id, Response.external_id, Response.content_hash)
                    .where(Response.case_id.in_(wanted[start:start + 500]))):
                by_hash.add((cid, mid, digest))
                if ext is not None:
                    by_ext.add((cid, ext))
        new_rows = []
        for (_line, _item, _case, name, text, ext, numbers), cid in zip(rows, case_ids, strict=True):
            digest = content_hash(text)
            key_hash = (cid, model_ids[name], digest)
            if (ext is not None and (cid, ext) in by_ext) or (ext is None and key_hash in by_hash):
                report.skip("responses")
                continue
            if ext is not None:
                by_ext.add((cid, ext))
            by_hash.add(key_hash)
            new_rows.append({"case_id": cid, "model_id": model_ids[name], "external_id": ext,
                             "sample_index": 0, "text": text, "blind_label": "",  # lettered below
                             "settings": {}, "content_hash": digest, "seed": numbers.get("seed"),
                             "prompt_tokens": numbers.get("prompt_tokens"),
                             "completion_tokens": numbers.get("completion_tokens"),
                             "latency_ms": numbers.get("latency_ms")})
        bulk_insert(session, Response, new_rows)
        reshuffle_labels(session, {row["case_id"] for row in new_rows})
        report.add("responses", len(new_rows))
    return report
