"""Which cases a generation run answers: ``all``, ``category:PREFIX`` or ``file:PATH``.

``file:PATH`` is a text file with one case external id or uid per line (blank lines and lines
starting with ``#`` are skipped); an id that matches no case is an error naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.store.models import Case


def select_cases(session: Session, study_id: int, spec: str | None = "all") -> list[Case]:
    """The cases of the study that *spec* names, in a stable order (file order for ``file:``)."""
    spec = (spec or "all").strip()
    base = select(Case).where(Case.study_id == study_id).order_by(Case.id)
    if spec == "all":
        return list(session.scalars(base))
    if spec.startswith("category:"):
        prefix = spec[len("category:"):].strip()
        if not prefix:
            raise InputError("category: needs a category (or its first part), e.g. category:Cardiology",
                             item="--cases")
        cases = [c for c in session.scalars(base) if (c.category or "").startswith(prefix)]
        if not cases:
            known = sorted({c.category for c in session.scalars(base) if c.category})
            hint = f"; categories in this study: {', '.join(known[:20])}" if known else ""
            raise InputError(f"no case has a category starting with {prefix!r}{hint}", item="--cases")
        return cases
    if spec.startswith("file:"):
        return _cases_from_file(session, study_id, Path(spec[len("file:"):].strip()).expanduser())
    raise InputError(f"unknown case selection {spec!r}: use all, category:PREFIX or file:PATH", item="--cases")


def _cases_from_file(session: Session, study_id: int, path: Path) -> list[Case]:
    if not path.is_file():
        raise InputError("no such file (give a text file with one case id per line)", file=str(path))
    by_key: dict[str, Case] = {}
    for case in session.scalars(select(Case).where(Case.study_id == study_id)):
        by_key[case.uid] = case
        if case.external_id:
            by_key.setdefault(case.external_id, case)
    chosen: list[Case] = []
    seen: set[int] = set()
    for number, raw in enumerate(path.read_text("utf-8-sig").splitlines(), start=1):
        key = raw.strip()
        if not key or key.startswith("#"):
            continue
        case = by_key.get(key)
        if case is None:
            raise InputError(f"no case with external id or uid {key!r} in this study", file=str(path),
                             line=number)
        if case.id not in seen:
            seen.add(case.id)
            chosen.append(case)
    if not chosen:
        raise InputError("the file names no case", file=str(path))
    return chosen
