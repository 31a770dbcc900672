"""Checklist triage: criteria ranked worst first by how much trouble they cause.

Trouble has three signs (issue 9): physicians disagree with each other on the criterion
(Krippendorff's alpha, nominal, and percent agreement over the responses rated by at least two
physicians), the LLM judge disagrees with the physicians' majority, and physicians left feedback
notes ("unclear", "wrong", "missing"). :func:`triage` computes them per criterion *version* — a
row is one criterion key of one case as worded in one checklist version, because ratings made on
different wordings must not be pooled — and by default keeps, for each key, the newest version
that has any data. The combined score is :func:`reviewer.triage_stats.trouble_score`.

:func:`disagreements` lists the responses behind a row, each physician's and the judge's verdict
side by side with the feedback notes. Both return frozen DTOs for the GUI and ``--json``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.agreement import compute, from_wide
from reviewer.checklists import find_case
from reviewer.errors import NotFoundError
from reviewer.store.models import (
    MET,
    NOT_MET,
    SUBMITTED,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Feedback,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Rating,
    Response,
    Study,
)
from reviewer.triage_stats import DEFAULT_N_BOOT, Figure, majority, share, trouble_score

JUDGE_OK = ("ok", "imported")


@dataclass(frozen=True)
class TriageRow:
    """One criterion (key, case, version) with its trouble figures; ``*_ci`` are 95% bootstrap CIs."""

    case_id: int
    case_uid: str
    case: str  # external id, else uid
    key: str
    version: int
    latest_version: int
    criterion_id: int
    text: str
    n_rr: int  # responses rated by >= 2 physicians
    alpha: float | None
    alpha_ci: tuple[float, float] | None
    percent_agreement: float | None
    percent_agreement_ci: tuple[float, float] | None
    judge_run: str | None
    n_jr: int  # responses with a judge verdict and a physician majority
    judge_disagreement: float | None
    judge_disagreement_ci: tuple[float, float] | None
    feedback: int
    feedback_kinds: dict[str, int] = field(default_factory=dict)
    trouble: float = 0.0

    @property
    def edited_since(self) -> bool:
        return self.latest_version > self.version

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("alpha_ci", "percent_agreement_ci", "judge_disagreement_ci"):
            d[k] = list(d[k]) if d[k] else None
        d["edited_since"] = self.edited_since
        return d


@dataclass(frozen=True)
class Note:
    rater: str
    kind: str
    note: str
    response_uid: str | None


@dataclass(frozen=True)
class DisagreementRow:
    """One response: every physician's value, their majority, the judge's verdict, notes on it."""

    response_id: int
    response_uid: str
    blind_label: str
    model: str
    text: str
    rater_values: dict[str, str]
    majority: str | None
    judge: str | None  # met | not_met | None (no usable verdict)
    judge_probability: float | None
    judge_explanation: str
    raters_disagree: bool
    judge_disagrees: bool
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class DisagreementReport:
    case: str
    key: str
    version: int
    text: str
    judge_run: str | None
    rows: tuple[DisagreementRow, ...]
    general_notes: tuple[Note, ...]  # feedback not tied to one response

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------------------------ loading
def pick_judge_run(session: Session, study_id: int, name: str | None) -> JudgeRun | None:
    """The named judge run, or (no name) the newest run of the study with per-criterion verdicts."""
    if name is not None:
        run = session.scalar(select(JudgeRun).where(JudgeRun.study_id == study_id, JudgeRun.name == name))
        if run is None:
            raise NotFoundError(f"no judge run named {name!r} in this study")
        return run
    return session.scalar(
        select(JudgeRun).where(JudgeRun.study_id == study_id,
                               JudgeRun.id.in_(select(JudgeVerdict.judge_run_id)
                                               .where(JudgeVerdict.criterion_id.is_not(None))))
        .order_by(JudgeRun.id.desc()).limit(1))


def physician_values(session: Session, study_id: int, case_id: int | None = None
                     ) -> dict[int, dict[int, dict[int, str]]]:
    """criterion_id -> response_id -> rater_id -> value, from submitted ratings."""
    stmt = (select(CriterionRating.criterion_id, Rating.response_id, Rating.rater_id, CriterionRating.value)
            .join(Rating, Rating.id == CriterionRating.rating_id)
            .join(Criterion, Criterion.id == CriterionRating.criterion_id)
            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .join(Case, Case.id == ChecklistVersion.case_id)
            .where(Case.study_id == study_id, Rating.status == SUBMITTED))
    if case_id is not None:
        stmt = stmt.where(Case.id == case_id)
    out: dict[int, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    for cid, rid, rater, value in session.execute(stmt):
        out[cid][rid][rater] = value
    return out


def judge_values(session: Session, run: JudgeRun | None, case_id: int | None = None
                 ) -> dict[tuple[int, str], JudgeVerdict]:
    """(response_id, criterion key) -> usable verdict of *run*."""
    if run is None:
        return {}
    stmt = (select(JudgeVerdict, Criterion.key)
            .join(Criterion, Criterion.id == JudgeVerdict.criterion_id)
            .where(JudgeVerdict.judge_run_id == run.id, JudgeVerdict.met.is_not(None),
                   JudgeVerdict.parse_status.in_(JUDGE_OK)))
    if case_id is not None:
        stmt = stmt.join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id) \
            .where(ChecklistVersion.case_id == case_id)
    return {(v.response_id, key): v for v, key in session.execute(stmt)}


def _judge_label(v: JudgeVerdict | None) -> str | None:
    if v is None or v.met is None:
        return None
    return MET if v.met else NOT_MET


# ------------------------------------------------------------------------------------- triage
def triage(session: Session, study: Study | str | int, *, judge_run: str | None = None,
           all_versions: bool = False, limit: int | None = None, n_boot: int = DEFAULT_N_BOOT,
           seed: int = 0) -> list[TriageRow]:
    """Criteria of the study ranked worst first (highest trouble score; ties by key)."""
    study_id = _study_id(session, study)
    run = pick_judge_run(session, study_id, judge_run)
    phys = physician_values(session, study_id)
    judged = judge_values(session, run)
    fb_rows = session.execute(select(Feedback.criterion_id, Feedback.kind)
                              .join(Criterion, Criterion.id == Feedback.criterion_id)
                              .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
                              .join(Case, Case.id == ChecklistVersion.case_id)
                              .where(Case.study_id == study_id)).all()
    feedback: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cid, kind in fb_rows:
        feedback[cid][kind] += 1
    crits = session.execute(
        select(Criterion, ChecklistVersion.version, Case)
        .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
        .join(Case, Case.id == ChecklistVersion.case_id)
        .where(Case.study_id == study_id)).all()
    latest: dict[int, int] = {}
    for _c, version, case in crits:
        latest[case.id] = max(latest.get(case.id, 0), version)
    judged_keys = {(rid, key) for rid, key in judged}
    rows: list[TriageRow] = []
    for c, version, case in crits:
        by_resp = phys.get(c.id, {})
        has_judge = any((rid, c.key) in judged_keys for rid in by_resp)
        if not by_resp and c.id not in feedback and not has_judge:
            continue
        rows.append(_row(c, version, latest[case.id], case, by_resp, judged, dict(feedback.get(c.id, {})),
                         run, n_boot, seed))
    if not all_versions:
        newest: dict[tuple[int, str], int] = {}
        for r in rows:
            newest[(r.case_id, r.key)] = max(newest.get((r.case_id, r.key), 0), r.version)
        rows = [r for r in rows if r.version == newest[(r.case_id, r.key)]]
    rows.sort(key=lambda r: (-r.trouble, r.case, r.key, -r.version))
    return rows[:limit] if limit else rows


def _row(c: Criterion, version: int, latest_version: int, case: Case, by_resp: dict[int, dict[int, str]],
         judged: dict[tuple[int, str], JudgeVerdict], fb: dict[str, int], run: JudgeRun | None,
         n_boot: int, seed: int) -> TriageRow:
    alpha, pct = rater_agreement(by_resp, n_boot=n_boot, seed=seed)
    flags = []
    for rid, values in by_resp.items():
        maj = majority(list(values.values()))
        label = _judge_label(judged.get((rid, c.key)))
        if maj is not None and label is not None:
            flags.append(label != maj)
    jr = share(flags, n_boot=n_boot, seed=seed)
    n_fb = sum(fb.values())
    return TriageRow(
        case_id=case.id, case_uid=case.uid, case=case.external_id or case.uid, key=c.key, version=version,
        latest_version=latest_version, criterion_id=c.id, text=c.text, n_rr=alpha.n, alpha=alpha.value,
        alpha_ci=alpha.ci, percent_agreement=pct.value, percent_agreement_ci=pct.ci,
        judge_run=run.name if run else None, n_jr=jr.n, judge_disagreement=jr.value,
        judge_disagreement_ci=jr.ci, feedback=n_fb, feedback_kinds=fb,
        trouble=round(trouble_score(alpha.value, pct.value, alpha.n, jr.value, jr.n, n_fb), 6))


def rater_agreement(by_resp: dict[int, dict[int, str]], *, n_boot: int, seed: int) -> tuple[Figure, Figure]:
    """Krippendorff's alpha (nominal) and percent agreement over the responses with >= 2 values,
    by the agreement engine (:mod:`reviewer.agreement`; bootstrap resamples responses)."""
    units = [rid for rid, values in by_resp.items() if len(values) >= 2]
    if not units:
        return Figure(None, 0, None), Figure(None, 0, None)
    raters = sorted({r for rid in units for r in by_resp[rid]})
    matrix = np.full((len(units), len(raters)), None, dtype=object)
    col = {r: i for i, r in enumerate(raters)}
    for row, rid in enumerate(units):
        for rater, value in by_resp[rid].items():
            matrix[row, col[rater]] = value
    table = from_wide(matrix, units, raters)
    out = []
    for statistic in ("krippendorff_alpha", "percent_agreement"):
        est = compute(table, statistic, n_boot=n_boot, seed=seed)
        value = None if not np.isfinite(est.value) else float(est.value)
        out.append(Figure(value, int(est.n_units), est.ci))
    return out[0], out[1]


def _study_id(session: Session, study: Study | str | int) -> int:
    if isinstance(study, Study):
        return study.id
    if isinstance(study, int):
        return study
    found = session.scalar(select(Study.id).where(Study.name == study))
    if found is None:
        raise NotFoundError(f"no study named {study!r}")
    return found


# ------------------------------------------------------------------------------ disagreements
def disagreements(session: Session, criterion_key: str, case: Case | str, *, version: int | None = None,
                  judge_run: str | None = None, only_disagreements: bool = True) -> DisagreementReport:
    """The responses where people disagreed on one criterion, with everyone's verdicts and notes.

    *version*: the checklist version whose wording was rated (default: the newest version of the
    key that has physician ratings, else the newest version). A response is listed when its
    physicians do not all agree or the judge differs from their majority (all responses when
    ``only_disagreements`` is False).
    """
    case = find_case(session, case)
    crits = session.execute(select(Criterion, ChecklistVersion.version)
                            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
                            .where(ChecklistVersion.case_id == case.id, Criterion.key == criterion_key)
                            .order_by(ChecklistVersion.version.desc())).all()
    if not crits:
        raise NotFoundError(f"case {case.external_id or case.uid!r} has no criterion {criterion_key!r}")
    phys = physician_values(session, case.study_id, case.id)
    if version is None:
        rated = [(c, v) for c, v in crits if phys.get(c.id)]
        crit, ver = (rated or crits)[0]
    else:
        match = [(c, v) for c, v in crits if v == version]
        if not match:
            raise NotFoundError(f"criterion {criterion_key!r} is not in version {version}")
        crit, ver = match[0]
    run = pick_judge_run(session, case.study_id, judge_run)
    judged = judge_values(session, run, case.id)
    names = {i: n for i, n in session.execute(select(Rater.id, Rater.name)).all()}
    notes = session.execute(select(Feedback, Response.uid).outerjoin(Response, Response.id == Feedback.response_id)
                            .where(Feedback.criterion_id == crit.id).order_by(Feedback.id)).all()
    by_response: dict[int | None, list[Note]] = defaultdict(list)
    for f, ruid in notes:
        by_response[f.response_id].append(Note(names.get(f.rater_id, "?"), f.kind, f.note, ruid))
    by_resp = phys.get(crit.id, {})
    resp_ids = set(by_resp) | {rid for rid, key in judged if key == criterion_key}
    responses = session.execute(select(Response, Model.name).join(Model, Model.id == Response.model_id)
                                .where(Response.id.in_(resp_ids))
                                .order_by(Response.blind_label, Response.id)).all()
    rows = []
    for resp, model in responses:
        values = {names.get(r, "?"): v for r, v in sorted(by_resp.get(resp.id, {}).items())}
        maj = majority(list(values.values()))
        v = judged.get((resp.id, criterion_key))
        label = _judge_label(v)
        raters_disagree = len(set(values.values())) > 1
        judge_disagrees = label is not None and maj is not None and label != maj
        if only_disagreements and not (raters_disagree or judge_disagrees):
            continue
        rows.append(DisagreementRow(
            response_id=resp.id, response_uid=resp.uid, blind_label=resp.blind_label, model=model,
            text=resp.text, rater_values=values, majority=maj, judge=label,
            judge_probability=v.probability if v else None, judge_explanation=v.explanation if v else "",
            raters_disagree=raters_disagree, judge_disagrees=judge_disagrees,
            notes=tuple(by_response.get(resp.id, ()))))
    return DisagreementReport(case=case.external_id or case.uid, key=criterion_key, version=ver,
                              text=crit.text, judge_run=run.name if run else None, rows=tuple(rows),
                              general_notes=tuple(by_response.get(None, ())))
