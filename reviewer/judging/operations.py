"""Judging reads and writes for the screens, each owning its transaction and returning plain values.

Templates (the stored versions plus the built-ins not yet stored, the text of one version, saving
an edited copy as a new version), the answers a case selection covers, the template a judge run
used, and the sampling settings a judge job runs with. Every function takes the open
:class:`~reviewer.store.Store` first; no ORM object leaves this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from reviewer.judging import templates as tpl
from reviewer.store import Store
from reviewer.store.models import JudgeRun, PromptTemplate, Response

if TYPE_CHECKING:
    from reviewer.generation.backend import SamplingSettings


def list_templates(store: Store) -> list[tpl.TemplateInfo]:
    """Every stored template version plus any built-in text not yet stored, by name then version."""
    with store.Session() as s:
        return tpl.list_templates(s)


def template_text(store: Store, info: tpl.TemplateInfo) -> str:
    """The Jinja text of one listed version (a built-in not yet stored is read from its file)."""
    if not info.registered:
        return tpl.builtin_content(info.name)
    with store.Session() as s:
        content = s.scalar(select(PromptTemplate.content).where(PromptTemplate.name == info.name,
                                                                PromptTemplate.version == info.version))
    return content if content is not None else ""


def save_template(store: Store, name: str, content: str, author: str, reason: str) -> tuple[str, int]:
    """Store *content* as the next version of template *name* (one transaction); returns (name, version).

    Raises what :func:`reviewer.judging.templates.save_template_version` raises (unchanged text,
    no author, a syntax error), and nothing is stored then.
    """
    with store.begin() as s:
        row = tpl.save_template_version(s, name, content, author, reason)
        return row.name, row.version


def response_ids_for_cases(store: Store, study: str, cases: str) -> list[int]:
    """Ids of every answer to the cases that *cases* selects (``all``, ``category:…``, ``file:…``)."""
    from reviewer.generation.selection import select_cases
    from reviewer.studies.lookup import get_study

    with store.Session() as s:
        case_ids = [c.id for c in select_cases(s, get_study(s, study).id, cases)]
        return list(s.scalars(select(Response.id).where(Response.case_id.in_(case_ids)).order_by(Response.id)))


def judge_run_template(store: Store, study_id: int, run_name: str) -> str | None:
    """The template name judge run *run_name* of the study used (None: no such run, or none recorded)."""
    with store.Session() as s:
        name = s.scalar(select(JudgeRun.template_name).where(JudgeRun.study_id == study_id,
                                                             JudgeRun.name == run_name))
    return name or None


def judge_settings(max_new_tokens: int = 512, temperature: float = 0.0, seed: int = 0) -> SamplingSettings:
    """The judge's default sampling settings with what the Run judge dialog sets."""
    from reviewer.generation.backend import SamplingSettings
    from reviewer.judging.service import DEFAULT_SETTINGS

    return SamplingSettings(**{**DEFAULT_SETTINGS.as_dict(), "max_new_tokens": max_new_tokens,
                               "temperature": temperature, "seed": seed})


def judge_preview(store: Store, study: str, template_ref: str, mode: str, cases: str = "all") -> dict[str, object]:
    """The prompt the judge would read for the first answer (and criterion) the selection covers,
    and how many verdicts the run would ask for; stores nothing (a built-in template is read from
    its file). Keys: ``prompt``, ``units`` (verdicts), ``answers``, ``kind``, ``template``."""
    from reviewer.judging.work import build_units, count_units, load_snapshot
    from reviewer.studies.lookup import get_study

    name, version = tpl.parse_template_ref(template_ref)
    infos = [i for i in list_templates(store) if i.name == name and (version is None or i.version == version)]
    if not infos:
        from reviewer.errors import NotFoundError

        raise NotFoundError(f"no judge template {template_ref!r}")
    info = infos[-1]
    content = template_text(store, info)
    with store.Session() as s:
        study_id = get_study(s, study).id
        responses = None if cases in ("", "all") else response_ids_for_cases(store, study, cases)
        snapshot = load_snapshot(s, study_id, responses)
    first = type(snapshot)(answers=snapshot.answers[:1], anchors=snapshot.anchors)
    units = build_units(first, content, info.kind, mode)
    return {"prompt": units[0].prompt if units else "", "units": count_units(snapshot, info.kind),
            "answers": len(snapshot.answers), "kind": info.kind, "template": f"{info.name}@{info.version}"}
