"""The raters' guidelines: the study's rating guidelines (Markdown, in the study's settings) and
each criterion's guidance (shown under the focused criterion), set by the coordinator.

Guidance is set by criterion key on every checklist version of the study that has that key (the key
follows a criterion across versions; guidance advises and is not part of what a version scores).
The whole change is one transaction: an unknown key or a value that is not text is refused naming
the file and the key, and nothing changes. Every change leaves an audit event.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.store.models import AuditEvent, Case, ChecklistVersion, Criterion, Study
from reviewer.store.vocabulary import GUIDELINES_SETTING


def read_guidance_file(path: str | Path) -> dict[str, str | None]:
    """``{criterion key: guidance}`` from a JSON object file (``null`` or ``""`` clears one)."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", file=str(path), line=exc.lineno) from exc
    if not isinstance(data, dict):
        raise InputError("expected a JSON object {criterion key: guidance text}", file=str(path))
    out: dict[str, str | None] = {}
    for key, value in data.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"guidance must be text or null, not {type(value).__name__}", file=str(path),
                             item=str(key))
        out[str(key)] = value.strip() or None if isinstance(value, str) else None
    return out


def set_guidelines(session: Session, study: Study, *, text: str | None = None,
                   guidance: dict[str, str | None] | None = None, actor: str = "",
                   source: str | None = None) -> dict[str, int]:
    """Set the study's guidelines (*text*; ``""`` clears them) and/or criterion guidance by key.
    Returns counts: ``guidelines`` (0/1) and ``criteria`` (rows changed)."""
    counts = {"guidelines": 0, "criteria": 0}
    if guidance:
        keys = set(session.scalars(select(Criterion.key).join(ChecklistVersion)
                                   .join(Case, Case.id == ChecklistVersion.case_id)
                                   .where(Case.study_id == study.id)))
        unknown = sorted(set(guidance) - keys)
        if unknown:
            raise InputError(f"no criterion with key {', '.join(map(repr, unknown[:5]))} in study {study.name!r}"
                             + (f" (and {len(unknown) - 5} more)" if len(unknown) > 5 else ""),
                             file=source, item=unknown[0])
        versions = select(ChecklistVersion.id).join(Case, Case.id == ChecklistVersion.case_id) \
            .where(Case.study_id == study.id)
        for key, value in guidance.items():
            counts["criteria"] += session.execute(
                update(Criterion).where(Criterion.key == key, Criterion.checklist_version_id.in_(versions))
                .values(guidance=value)).rowcount
    if text is not None:
        settings = dict(study.settings or {})
        if text.strip():
            settings[GUIDELINES_SETTING] = text
        else:
            settings.pop(GUIDELINES_SETTING, None)
        study.settings = settings  # a new dict so the JSON column is seen as changed
        counts["guidelines"] = 1
    session.add(AuditEvent(study_id=study.id, actor=actor, action="study.guidelines", entity_type="study",
                           entity_uid=study.uid, before={},
                           after={"guidelines": text is not None, "guidance_keys": sorted(guidance or {})}))
    session.flush()
    return counts
