"""Reading the audit log: every rating change, merge, checklist change, pack and design.

Services write AuditEvent rows as they change things (the rating service for submits and edits
of submitted ratings, the checklist service for new checklist versions, the merge for every
rating it inserts, updates or flags, ...). This module only reads them back, newest first, as
plain dicts for the command line and the app.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.store.models import AuditEvent, Study


def list_events(session: Session, *, study: str | None = None, limit: int | None = None,
                action_prefix: str | None = None, actor: str | None = None) -> list[dict[str, Any]]:
    """Audit events, newest first; *study* is a study name or uid, *action_prefix* e.g. ``rating.``."""
    query = select(AuditEvent, Study.name).outerjoin(Study, Study.id == AuditEvent.study_id)
    if study is not None:
        query = query.where((Study.name == study) | (Study.uid == study))
    if action_prefix:
        query = query.where(AuditEvent.action.startswith(action_prefix))
    if actor:
        query = query.where(AuditEvent.actor == actor)
    query = query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [{
        "when": ev.created_at.isoformat(timespec="seconds") if ev.created_at else None,
        "actor": ev.actor, "action": ev.action, "study": study_name,
        "entity_type": ev.entity_type, "entity_uid": ev.entity_uid,
        "before": ev.before, "after": ev.after,
    } for ev, study_name in session.execute(query)]


def _short(value: Any, limit: int = 70) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, default=str, sort_keys=True) if value is not None else "-"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def format_event(event: dict[str, Any]) -> str:
    """One line per event: when, who, what, on which entity, before -> after."""
    return (f"{event['when']}  {event['actor'] or '?':<12} {event['action']:<22} "
            f"{event['entity_type']} {event['entity_uid'][:8]}  {_short(event['before'])} -> {_short(event['after'])}")
