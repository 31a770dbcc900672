"""HealthBench main / hard / consensus JSONL: one case per line, its rubric as checklist v1.

Each line: ``prompt_id``, ``prompt`` (turns), ``rubrics`` (``{criterion, points, tags}``),
``example_tags``, ``ideal_completions_data`` (null or ``{ideal_completion, ...}``), ``canary``.
Points and tags are stored exactly as given; a criterion's key is a short hash of its text, so
the same criterion in a later file (or a meta-evaluation row) finds the same key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.importing.cases import NewCase, NewCriterion, insert_new_cases
from reviewer.importing.common import (
    ImportReport,
    check_turns,
    criterion_key,
    field_of,
    read_jsonl,
    short_title,
    study_import,
)
from reviewer.store.engine import Store

SOURCE = "healthbench"


def rubric_criteria(items: Any, key: str, *, file: str | Path, line: int | None) -> list[NewCriterion]:
    """HealthBench rubric items (``criterion``, ``points``, ``tags``) as criteria, checked."""
    if not isinstance(items, list):
        raise InputError(f"field {key!r} should be a list of rubric items", file=str(file), line=line)
    used: set[str] = set()
    out = []
    for i, item in enumerate(items, start=1):
        if type(item) is dict:  # fast path for well-formed items; the checks below name the problem
            text, points, tags = item.get("criterion"), item.get("points"), item.get("tags", [])
            if type(text) is str and type(points) in (int, float) and type(tags) is list:
                out.append(NewCriterion(text=text, key=criterion_key(text, used), points=points,
                                        tags=list(tags)))
                continue
        where = f"{key} item {i}"
        if not isinstance(item, dict):
            raise InputError("should be an object", file=str(file), line=line, item=where)
        text = field_of(item, "criterion", str, file=file, line=line, item=where)
        points = field_of(item, "points", (int, float), file=file, line=line, item=where)
        tags = field_of(item, "tags", list, file=file, line=line, item=where, required=False, default=[])
        out.append(NewCriterion(text=text, key=criterion_key(text, used), points=points,
                                tags=list(tags)))
    return out


def case_from_prompt(prompt_id: str, turns: list[dict[str, str]], *, tags: list[Any] | None = None,
                     criteria: list[NewCriterion] | None = None, reference: str | None = None,
                     meta: dict[str, Any] | None = None, line: int | None = None) -> NewCase:
    """A HealthBench case: title from the last user turn, category from the ``theme:`` tag."""
    tags = list(tags or [])
    last_user = next((t["content"] for t in reversed(turns) if t["role"] == "user"), turns[-1]["content"])
    theme = next((t.split(":", 1)[1] for t in tags if isinstance(t, str) and t.startswith("theme:")), "")
    return NewCase(source=SOURCE, external_id=prompt_id, turns=turns, title=short_title(last_user),
                   category=theme, reference_answer=reference, tags=tags, meta=meta or {},
                   criteria=criteria, line=line)


def parse_example(row: dict[str, Any], *, file: str | Path, line: int) -> NewCase:
    """One main-format line as a NewCase (raises InputError naming the line and field)."""
    prompt_id = field_of(row, "prompt_id", str, file=file, line=line)
    turns = check_turns(field_of(row, "prompt", list, file=file, line=line), "prompt", file=file, line=line)
    criteria = rubric_criteria(field_of(row, "rubrics", list, file=file, line=line), "rubrics",
                               file=file, line=line)
    tags = field_of(row, "example_tags", list, file=file, line=line, required=False, default=[])
    ideal = field_of(row, "ideal_completions_data", dict, file=file, line=line, required=False)
    meta: dict[str, Any] = {}
    reference = None
    if ideal:
        reference = ideal.get("ideal_completion") or None
        meta["ideal_completions_group"] = ideal.get("ideal_completions_group")
        meta["ideal_completions_ref_completions"] = ideal.get("ideal_completions_ref_completions") or []
    if "canary" in row:
        meta["canary"] = row["canary"]
    return case_from_prompt(prompt_id, turns, tags=tags, criteria=criteria, reference=reference,
                            meta=meta, line=line)


def import_healthbench(target: Store | Any, path: str | Path, *, study: str | None = None) -> ImportReport:
    """Import a HealthBench main/hard/consensus JSONL file in one transaction.

    A ``prompt_id`` already in the study is skipped (a warning if its content differs: the
    stored case and checklist are kept). Returns the counts of what was created and skipped.
    """
    path = Path(path)
    report = ImportReport(kind="healthbench", file=str(path))
    parsed = [parse_example(row, file=path, line=line) for line, row in read_jsonl(path)]
    with study_import(target, study, report) as (session, st):
        insert_new_cases(session, st.id, SOURCE, parsed, report, id_name="prompt_id")
    return report
