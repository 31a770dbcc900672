"""Lookups the importers share: a case's latest checklist (by key, uid or text) and cases by the
id a file gives (external id or uid). Each loads what it needs in a few queries up front."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.store.models import Case


class CaseResolver:
    """Finds a study's case by the id a file gives: its external id (any source) or its uid.

    Loaded with one query; an external id shared by cases of two sources is ambiguous and
    raises InputError (name the case by uid instead).
    """

    def __init__(self, session: Session, study_id: int) -> None:
        self.by_ext: dict[str, list[int]] = {}
        self.by_uid: dict[str, int] = {}
        for cid, ext, uid in session.execute(select(Case.id, Case.external_id, Case.uid)
                                             .where(Case.study_id == study_id)):
            self.by_uid[uid] = cid
            if ext is not None:
                self.by_ext.setdefault(ext, []).append(cid)

    def get(self, ref: str, *, file: str | Path, line: int | None = None, item: str | None = None) -> int:
        found = self.by_ext.get(ref)
        if found and len(found) == 1:
            return found[0]
        if found:
            raise InputError(f"case id {ref!r} matches {len(found)} cases of different sources; "
                             "use the case uid", file=str(file), line=line, item=item)
        if ref in self.by_uid:
            return self.by_uid[ref]
        raise InputError(f"no case with id {ref!r} in this study (import the cases first)",
                         file=str(file), line=line, item=item)
