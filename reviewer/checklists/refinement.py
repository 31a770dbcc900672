"""The refinement loop after an edit: re-judge the changed cases, compare old and new, ask for re-rating.

- :func:`rejudge_affected` runs the judge (:func:`reviewer.judging.service.run_judge`) on just the
  responses of the changed cases; the judge always uses each case's latest checklist version, so
  a run made after an edit grades against the new wording.
- :func:`compare_versions` sets two judge runs side by side on the same answers of one case:
  per criterion key, the judge's agreement with the physicians' majority (share of answers and
  Cohen's kappa) under the old and the new checklist version. Physicians rated the old wording,
  so their majority is the reference for both; rater–rater agreement on the new wording needs new
  ratings, which the table says, and which :func:`reviewer.checklists.rerate.request_rerating` asks for.
- :func:`compare_runs` does the same over a whole study for two runs that differ in their judge
  prompt template (or model); :func:`diff_templates` shows what changed between template versions
  (versions themselves are :func:`reviewer.judging.templates.save_template_version`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.checklists.triage import rater_agreement, submitted_values
from reviewer.checklists.trouble import majority
from reviewer.checklists.versions import diff_versions, find_case, get_checklist
from reviewer.errors import InputError, NotFoundError
from reviewer.stats import compute, from_wide
from reviewer.store.engine import Store
from reviewer.store.models import (
    MET,
    NOT_MET,
    Case,
    ChecklistVersion,
    Criterion,
    JudgeRun,
    JudgeVerdict,
    Response,
    Study,
)
from reviewer.store.vocabulary import USABLE_PARSE_STATUSES

NEEDS_RATINGS = "needs new ratings on this version (see `reviewer checklist rerate`)"


@dataclass(frozen=True)
class Side:
    """Judge–rater agreement of one run: share of answers where judge = physician majority, kappa."""

    agreement: float | None
    kappa: float | None
    n: int


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    change: str  # same | changed | moved | added | removed | (all)
    old_text: str | None
    new_text: str | None
    n: int  # answers judged by both runs that have a physician majority
    old: Side
    new: Side
    rater_alpha_old: float | None = None
    rater_alpha_new: float | None = None
    rater_note: str = ""


@dataclass(frozen=True)
class ComparisonTable:
    """Old vs new, on the same answers; ``title`` names both versions (or templates) and runs."""

    title: str
    old_label: str
    new_label: str
    old_run: str
    new_run: str
    rows: tuple[ComparisonRow, ...]
    overall: ComparisonRow
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        """A plain-text table for the terminal."""
        def f(x: float | None) -> str:
            return "  -  " if x is None else f"{x:5.2f}"

        head = (f"{'key':<14} {'change':<8} {'n':>3}  {'agree ' + self.old_label:>16} "
                f"{'agree ' + self.new_label:>16}  {'kappa old':>9} {'kappa new':>9}  rater alpha old/new")
        lines = [self.title, f"judge runs: {self.old_run} (old) vs {self.new_run} (new)", head]
        for r in (*self.rows, self.overall):
            rr = f"{f(r.rater_alpha_old)} / {f(r.rater_alpha_new) if r.rater_alpha_new is not None else 'n/a'}"
            lines.append(f"{r.key[:14]:<14} {r.change:<8} {r.n:>3}  {f(r.old.agreement):>16} "
                         f"{f(r.new.agreement):>16}  {f(r.old.kappa):>9} {f(r.new.kappa):>9}  {rr}")
            if r.change in ("changed", "added") and r.new_text:
                lines.append(f"{'':<14} was: {r.old_text or '-'}")
                lines.append(f"{'':<14} now: {r.new_text}")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


# ----------------------------------------------------------------------------------- re-judge
def affected_responses(session: Session, case_refs: Iterable[Case | str]) -> tuple[Study, list[int]]:
    """The study and the ids of every response of the named cases (all in one study)."""
    cases = [find_case(session, ref) for ref in case_refs]
    if not cases:
        raise InputError("name at least one case to re-judge")
    studies = {c.study_id for c in cases}
    if len(studies) > 1:
        raise InputError("the cases to re-judge belong to different studies: re-judge one study at a time")
    ids = list(session.scalars(select(Response.id).where(Response.case_id.in_([c.id for c in cases]))
                               .order_by(Response.id)))
    if not ids:
        raise NotFoundError("the named cases have no responses to judge")
    study = session.get(Study, studies.pop())
    assert study is not None
    return study, ids


def rejudge_affected(store: Store, case_ids: Sequence[Case | str], *, judge_model: str, template: str,
                     mode: str = "logprob", name: str, **judge_options: Any):  # noqa: ANN201
    """Judge just the answers of *case_ids* (dataset ids or uids) with their latest checklists.

    *template* may name a version (``healthbench@2``). Extra options go to ``run_judge``
    (``backend``, ``device``, ``threshold``, ``progress``, ``is_cancelled``, ``backend_obj``...).
    Returns its :class:`~reviewer.judging.service.JudgeSummary`.
    """
    from reviewer.judging.service import run_judge

    with store.Session() as session:
        study, ids = affected_responses(session, case_ids)
        study_name = study.name
    return run_judge(store, model=judge_model, template=template, mode=mode, name=name, study=study_name,
                     responses=ids, **judge_options)


# ------------------------------------------------------------------------------------ compare
def judge_run(session: Session, study_id: int, name: str) -> JudgeRun:
    """The judge run called *name* in the study (NotFoundError otherwise)."""
    run = session.scalar(select(JudgeRun).where(JudgeRun.study_id == study_id, JudgeRun.name == name))
    if run is None:
        raise NotFoundError(f"no judge run named {name!r} in this study")
    return run


def _verdicts(session: Session, run: JudgeRun, case_id: int | None = None
              ) -> tuple[dict[tuple[int, str], str], set[int]]:
    """(response id, key) -> met/not_met of a run, and the checklist versions its verdicts used."""
    stmt = (select(JudgeVerdict.response_id, Criterion.key, JudgeVerdict.met, ChecklistVersion.version)
            .join(Criterion, Criterion.id == JudgeVerdict.criterion_id)
            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .where(JudgeVerdict.judge_run_id == run.id, JudgeVerdict.met.is_not(None),
                   JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES)))
    if case_id is not None:
        stmt = stmt.where(ChecklistVersion.case_id == case_id)
    out, versions = {}, set()
    for rid, key, met, version in session.execute(stmt):
        out[(rid, key)] = MET if met else NOT_MET
        versions.add(version)
    return out, versions


def _physicians(session: Session, study_id: int, case_id: int | None = None, version: int | None = None
                ) -> dict[tuple[int, str, int], dict[int, str]]:
    """(response id, key, version) -> rater id -> value, from submitted ratings."""
    out: dict[tuple[int, str, int], dict[int, str]] = defaultdict(dict)
    for _cid, key, ver, rid, rater, value in submitted_values(session, study_id, case_id, version):
        out[(rid, key, ver)][rater] = value
    return out


def _side(pairs: list[tuple[str, str]]) -> Side:
    if not pairs:
        return Side(None, None, 0)
    agree = sum(a == b for a, b in pairs) / len(pairs)
    kappa = compute(from_wide(np.array(pairs, dtype=object)), "cohen_kappa").value  # categories: those used
    return Side(agree, float(kappa) if np.isfinite(kappa) else None, len(pairs))


def _alpha(by_resp: dict[int, dict[int, str]]) -> float | None:
    alpha, _ = rater_agreement(by_resp, n_boot=0, seed=0)
    return float(alpha.value) if np.isfinite(alpha.value) else None


def _compare(keys: list[str], texts: dict[str, tuple[str | None, str | None, str]],
             reference: dict[tuple[int, str], str], old_v: dict[tuple[int, str], str],
             new_v: dict[tuple[int, str], str], rr_old: dict[str, dict[int, dict[int, str]]],
             rr_new: dict[str, dict[int, dict[int, str]]]) -> tuple[list[ComparisonRow], ComparisonRow]:
    rows: list[ComparisonRow] = []
    all_old: list[tuple[str, str]] = []
    all_new: list[tuple[str, str]] = []
    for key in keys:
        units = sorted(rid for (rid, k) in reference if k == key and (rid, k) in old_v and (rid, k) in new_v)
        old_pairs = [(old_v[(rid, key)], reference[(rid, key)]) for rid in units]
        new_pairs = [(new_v[(rid, key)], reference[(rid, key)]) for rid in units]
        all_old += old_pairs
        all_new += new_pairs
        old_text, new_text, change = texts[key]
        alpha_new = _alpha(rr_new[key]) if rr_new.get(key) else None
        rows.append(ComparisonRow(
            key=key, change=change, old_text=old_text, new_text=new_text, n=len(units), old=_side(old_pairs),
            new=_side(new_pairs), rater_alpha_old=_alpha(rr_old[key]) if rr_old.get(key) else None,
            rater_alpha_new=alpha_new, rater_note="" if rr_new.get(key) else NEEDS_RATINGS))
    overall = ComparisonRow(key="(all)", change="(all)", old_text=None, new_text=None, n=len(all_old),
                            old=_side(all_old), new=_side(all_new))
    return rows, overall


def graded_version(session: Session, case: Case | str, run_name: str) -> int | None:
    """The newest checklist version of *case* that judge run *run_name* graded (None: none)."""
    case = find_case(session, case)
    _, versions = _verdicts(session, judge_run(session, case.study_id, run_name), case.id)
    return max(versions) if versions else None


def compare_versions(store: Store, case: Case | str, old_version: int, new_version: int, old_run: str,
                     new_run: str) -> ComparisonTable:
    """Judge–rater agreement of *old_run* (old wording) and *new_run* (new wording) on one case.

    Rows by criterion key (every key of either version, in the new version's order, removed keys
    last); the reference for both runs is the physicians' strict majority on the old version.
    """
    with store.Session() as s:
        case = find_case(s, case)
        label = case.external_id or case.uid
        old_cv, new_cv = get_checklist(s, case, old_version), get_checklist(s, case, new_version)
        old_run_row, new_run_row = judge_run(s, case.study_id, old_run), judge_run(s, case.study_id, new_run)
        old_v, old_used = _verdicts(s, old_run_row, case.id)
        new_v, new_used = _verdicts(s, new_run_row, case.id)
        changes = {c.key: c for c in diff_versions(s, case, old_version, new_version)}
        old_texts = {c.key: c.text for c in old_cv.criteria}
        new_crits = sorted(new_cv.criteria, key=lambda c: c.position)
        keys = [c.key for c in new_crits] + [k for k in old_texts if k not in {c.key for c in new_crits}]
        texts = {}
        for key in keys:
            ch = changes.get(key)
            new_text = next((c.text for c in new_crits if c.key == key), None)
            texts[key] = (old_texts.get(key), new_text, ch.kind if ch else "same")
        phys_old = _physicians(s, case.study_id, case.id, old_version)
        phys_new = _physicians(s, case.study_id, case.id, new_version)
    reference = {(rid, key): m for (rid, key, _v), vals in phys_old.items()
                 if (m := majority(list(vals.values()))) is not None}
    rr_old: dict[str, dict[int, dict[int, str]]] = defaultdict(dict)
    rr_new: dict[str, dict[int, dict[int, str]]] = defaultdict(dict)
    for (rid, key, _v), vals in phys_old.items():
        rr_old[key][rid] = vals
    for (rid, key, _v), vals in phys_new.items():
        rr_new[key][rid] = vals
    rows, overall = _compare(keys, texts, reference, old_v, new_v, rr_old, rr_new)
    notes = [f"reference: the physicians' majority on version {old_version} (the wording they rated)"]
    if not phys_new:
        notes.append(f"rater–rater agreement on version {new_version} {NEEDS_RATINGS}")
    for run_name, used, want in ((old_run, old_used, old_version), (new_run, new_used, new_version)):
        if used and used != {want}:
            notes.append(f"judge run {run_name!r} graded version(s) {sorted(used)}, not {want}")
    return ComparisonTable(
        title=f"case {label}: checklist v{old_version} vs v{new_version}",
        old_label=f"v{old_version}", new_label=f"v{new_version}", old_run=old_run, new_run=new_run,
        rows=tuple(rows), overall=overall, notes=tuple(notes))


def compare_runs(store: Store, old_run: str, new_run: str, *, study: str | None = None) -> ComparisonTable:
    """Two judge runs (e.g. template v1 vs v2) on the same answers of a study, per criterion key.

    The reference is the physicians' majority on each criterion's newest rated wording.
    """
    from reviewer.studies.lookup import get_study

    with store.Session() as s:
        st = get_study(s, study)
        a, b = judge_run(s, st.id, old_run), judge_run(s, st.id, new_run)
        old_v, _ = _verdicts(s, a)
        new_v, _ = _verdicts(s, b)
        phys = _physicians(s, st.id)
        old_label = f"{a.template_name}@{a.template_version}" if a.template_name else old_run
        new_label = f"{b.template_name}@{b.template_version}" if b.template_name else new_run
        texts_rows = s.execute(select(Criterion.key, Criterion.text, ChecklistVersion.version)
                               .join(ChecklistVersion).join(Case).where(Case.study_id == st.id)).all()
    newest: dict[tuple[int, str], int] = {}
    for (rid, key, v) in phys:
        newest[(rid, key)] = max(newest.get((rid, key), 0), v)
    reference = {(rid, key): m for (rid, key, v), vals in phys.items()
                 if v == newest[(rid, key)] and (m := majority(list(vals.values()))) is not None}
    text_of: dict[str, tuple[int, str]] = {}
    for key, text, v in texts_rows:
        if key not in text_of or v > text_of[key][0]:
            text_of[key] = (v, text)
    keys = sorted({k for (rid, k) in reference if (rid, k) in old_v and (rid, k) in new_v})
    texts = {k: (text_of.get(k, (0, None))[1], text_of.get(k, (0, None))[1], "same") for k in keys}
    rows, overall = _compare(keys, texts, reference, old_v, new_v, {}, {})
    rows = [replace(r, rater_note="") for r in rows]
    return ComparisonTable(title=f"judge template {old_label} vs {new_label}", old_label=old_label,
                           new_label=new_label, old_run=old_run, new_run=new_run, rows=tuple(rows),
                           overall=overall,
                           notes=("reference: the physicians' majority on each criterion's newest rated wording",))


def diff_templates(session: Session, name: str, v1: int, v2: int) -> str:
    """Unified diff (difflib) of judge prompt template *name* from version *v1* to *v2*."""
    from reviewer.judging.templates import get_template

    a, b = get_template(session, name, v1), get_template(session, name, v2)
    return "".join(difflib.unified_diff(a.content.splitlines(keepends=True), b.content.splitlines(keepends=True),
                                        fromfile=f"{name}@{v1}", tofile=f"{name}@{v2}"))
