"""Shared parts of every importer: reading input with line numbers, hashing, bulk inserts,
get-or-create for studies, models and raters, and the report an import hands back.

Importers read and check the whole file *before* they write anything, then write inside one
transaction, so a bad line leaves the database as it was. Inserts go through SQLAlchemy's
bulk ``insert(...).returning(id)`` path, with existing ids and hashes fetched once per import
into dicts (no per-row SELECT), which keeps 60,000-row files in the seconds range on SQLite.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from reviewer import login_name
from reviewer.importing.lookups import CaseResolver  # re-exported: the importers take everything from here
from reviewer.importing.reading import (  # re-exported: the importers take everything from here
    check_turns,
    field_of,
    parse_json,
    read_csv,
    read_json,
    read_jsonl,
)
from reviewer.store.engine import Store, transaction
from reviewer.store.models import Base, Model, Rater, Study, utcnow
from reviewer.store.reads import (  # re-exported: the importers take everything from here
    CriterionInfo,
    LatestChecklist,
    latest_checklists,
)
from reviewer.studies.lookup import get_study

__all__ = [
    "CaseResolver", "CriterionInfo", "ImportReport", "LatestChecklist", "bulk_insert", "check_turns",
    "content_hash", "criterion_key", "field_of", "first_of", "get_or_create_model", "get_or_create_raters",
    "get_study", "latest_checklists", "parse_json", "read_csv", "read_json", "read_jsonl", "record_import", "short_title", "study_import",
    "transaction",
]


@dataclass
class ImportReport:
    """What one import did: rows created and skipped per kind, warnings, format-specific notes."""

    kind: str
    file: str
    study: str = ""
    created: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def skip(self, what: str, n: int = 1) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + n

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": self.file, "study": self.study, "created": dict(self.created),
                "skipped": dict(self.skipped), "warnings": list(self.warnings), "notes": dict(self.notes)}

    def summary_lines(self) -> list[str]:
        """Plain lines for the command line: one per kind, then notes and (at most 20) warnings."""
        lines = [f"imported {self.kind} from {self.file} into study {self.study!r}"]
        kinds = list(dict.fromkeys([*self.created, *self.skipped]))
        for what in kinds:
            if not self.created.get(what) and not self.skipped.get(what):
                continue
            lines.append(f"  {what:<18} created {self.created.get(what, 0):>7}"
                         f"   already present {self.skipped.get(what, 0):>7}")
        for key, value in self.notes.items():
            lines.append(f"  {key.replace('_', ' ')}: {value}")
        for warning in self.warnings[:20]:
            lines.append(f"  warning: {warning}")
        if len(self.warnings) > 20:
            lines.append(f"  ... and {len(self.warnings) - 20} more warnings")
        return lines


def record_import(session: Session, study_id: int, report: ImportReport, *, actor: str = "") -> None:
    """Leave an audit event for an import that added something (what, from which file, counts).

    A re-import that adds nothing leaves nothing, so importing twice keeps the first counts.
    """
    if not report.total_created:
        return
    from reviewer.store.models import AuditEvent

    session.add(AuditEvent(study_id=study_id, actor=actor or login_name(), action=f"import.{report.kind}",
                           entity_type="file", entity_uid="", before=None,
                           after={"file": report.file, "created": dict(report.created),
                                  "skipped": dict(report.skipped), "notes": dict(report.notes)}))
    session.flush()


@contextmanager
def study_import(target: Store | Session, study: str | None, report: ImportReport
                 ) -> Iterator[tuple[Session, Study]]:
    """One import's single transaction: the study (created when missing) is named on the report,
    and on success the import is recorded in the audit log (when it added something) before the
    commit; any error rolls everything back."""
    with transaction(target) as session:
        st = get_study(session, study, create=True)
        report.study = st.name
        yield session, st
        record_import(session, st.id, report)



# ---------------------------------------------------------------- hashing and small helpers

def content_hash(obj: Any) -> str:
    """sha256 of canonical JSON (sorted keys, no spaces, UTF-8): equal content, equal hash."""
    data = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def criterion_key(text: str, used: set[str]) -> str:
    """A short stable key from the criterion text (12 hex of sha256), unique within *used*."""
    base = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]
    key, n = base, 2
    while key in used:
        key = f"{base}-{n}"
        n += 1
    used.add(key)
    return key


def short_title(text: str, limit: int = 80) -> str:
    """The first *limit* characters of *text* on one line, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- writing

def new_uids(n: int) -> list[str]:
    """*n* random (version 4) UUIDs as text, like ``str(uuid.uuid4())`` but from one urandom call."""
    raw = os.urandom(16 * n).hex()
    out = []
    for i in range(0, 32 * n, 32):
        h = raw[i:i + 32]
        out.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}")
    return out


def bulk_insert(session: Session, model: type[Base], rows: Sequence[dict[str, Any]], *,
                ids: bool = True) -> list[int]:
    """Insert *rows* (dicts with the same keys) in bulk; return the new ids in row order.

    Fills ``uid`` and the timestamps the ORM would have filled for single objects. The insert is
    one Core ``executemany`` (no per-row RETURNING, which SQLite would run row by row); the ids
    are then read back by uid in chunks. Pass ``ids=False`` when they are not needed.
    """
    if not rows:
        return []
    now = utcnow()
    fresh = iter(new_uids(sum(1 for row in rows if "uid" not in row)))
    for row in rows:
        if "uid" not in row:
            row["uid"] = next(fresh)
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
    table = model.__table__
    uid_col, id_col = table.c.uid, table.c.id
    if session.get_bind().dialect.name == "sqlite":
        before = session.scalar(select(func.max(id_col))) or 0
        _sqlite_executemany(session, table.name, rows)
        if not ids:
            return []
        # SQLite gives an INTEGER PRIMARY KEY max(id)+1, and our open write transaction holds the
        # database's only write lock, so the new ids are consecutive; checked, else read back.
        n = len(rows)
        count, low, high = session.execute(select(func.count(), func.min(id_col), func.max(id_col))
                                           .where(id_col > before)).one()
        if (count, low, high) == (n, before + 1, before + n) and session.scalars(
                select(uid_col).where(id_col.in_([before + 1, before + n]))
                .order_by(id_col)).all() == [rows[0]["uid"], rows[-1]["uid"]][: 1 if n == 1 else 2]:
            return list(range(before + 1, before + n + 1))
    else:
        for start in range(0, len(rows), 20000):
            session.execute(insert(table), list(rows[start:start + 20000]))
    if not ids:
        return []
    found: dict[str, int] = {}
    uids = [row["uid"] for row in rows]
    for start in range(0, len(uids), 900):
        found.update({uid: rid for uid, rid in session.execute(
            select(uid_col, id_col).where(uid_col.in_(uids[start:start + 900])))})
    return [found[uid] for uid in uids]


def _sqlite_column(values: list[Any]) -> list[Any]:
    """One column's values as SQLAlchemy would bind them for SQLite: JSON text for lists and
    objects, SQLAlchemy's DATETIME text for datetimes, everything else unchanged."""
    kinds = {type(v) for v in values}
    if kinds <= {str, int, float, bool, type(None)}:
        return values
    stamps: dict[datetime, str] = {}
    out = []
    for v in values:
        if isinstance(v, (dict, list)):
            v = json.dumps(v)
        elif isinstance(v, datetime):
            if v not in stamps:
                stamps[v] = v.strftime("%Y-%m-%d %H:%M:%S.%f")
            v = stamps[v]
        out.append(v)
    return out


def _sqlite_executemany(session: Session, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """One driver-level ``executemany`` on SQLite: SQLAlchemy's per-row parameter processing
    costs more than SQLite's insert itself at 50,000+ rows. Values are converted as the column
    types would (see _sqlite_column), so the ORM reads them back unchanged."""
    columns = list(rows[0])
    names = ", ".join('"' + c + '"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    data = list(zip(*(_sqlite_column([row[c] for row in rows]) for c in columns), strict=True))
    session.connection().exec_driver_sql(sql, data)


def get_or_create_model(session: Session, study_id: int, name: str, *, kind: str = "imported",
                        meta: dict[str, Any] | None = None) -> tuple[int, bool]:
    """The id of the model called *name* in this study, creating it; and whether it was created."""
    found = session.scalar(select(Model.id).where(Model.study_id == study_id, Model.name == name))
    if found is not None:
        return found, False
    model = Model(study_id=study_id, name=name, kind=kind, meta=meta or {})
    session.add(model)
    session.flush()
    return model.id, True


def get_or_create_raters(session: Session, names: Sequence[str]) -> tuple[dict[str, int], int]:
    """Ids of the raters with these names (one query), creating the missing ones; and how many were new."""
    wanted = list(dict.fromkeys(names))
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        ids.update({name: rid for name, rid in session.execute(
            select(Rater.name, Rater.id).where(Rater.name.in_(chunk)))})
    missing = [n for n in wanted if n not in ids]
    new_ids = bulk_insert(session, Rater, [{"name": n, "display_name": "", "role": "physician"}
                                           for n in missing])
    ids.update(zip(missing, new_ids, strict=True))
    return ids, len(missing)


def first_of(row: dict[str, Any], names: Sequence[str]) -> str | None:
    """The first of *names* that *row* has (with a non-empty value), or None."""
    for name in names:
        if name in row and row[name] not in (None, ""):
            return name
    return None
