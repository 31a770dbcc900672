"""Checklist triage: criteria ranked worst first by how much trouble they cause.

Trouble has three signs (issue 9): physicians disagree with each other on the criterion
(Krippendorff's alpha, nominal, and percent agreement over the responses with at least two
met / not-met answers), the LLM judge disagrees with the physicians' majority, and physicians
left feedback notes ("unclear", "wrong", "missing"). :func:`triage` computes them per criterion
*version* — a row is one criterion key of one case as worded in one checklist version, because
ratings made on different wordings must not be pooled — and by default keeps, for each key, the
newest version that has any data. The combined score is :func:`reviewer.checklists.trouble.trouble_score`.

One statistics engine: the figures and their 95% intervals come from
:func:`reviewer.stats.grouped.agreement_by_group`, the function behind the agreement report's
per-criterion table, with the same data rules (not applicable is a missing rating; only
submitted ratings), the same clusters (responses) and the same seeded bootstrap. So a criterion
rated on one wording shows the same alpha, value and interval, in Triage and in the report for
the same ``n_boot`` and seed. (The report pools a key's wordings; triage keeps them apart.)

:func:`disagreements` lists the responses behind a row, each physician's and the judge's verdict
side by side with the feedback notes. Both return frozen DTOs for the GUI and ``--json``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.checklists.trouble import majority, trouble_score
from reviewer.checklists.versions import find_case
from reviewer.errors import NotFoundError
from reviewer.stats.bootstrap import DEFAULT_N_BOOT, MIN_INTERVAL_UNITS
from reviewer.stats.grouped import Grouping, agreement_from_long
from reviewer.stats.results import Estimate
from reviewer.store.current import is_current
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
from reviewer.store.vocabulary import USABLE_PARSE_STATUSES

CODES = {NOT_MET: 0.0, MET: 1.0}  # the agreement service's coding (agreement.tables.BINARY); n.a. = missing


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
    n_rr: int  # responses with >= 2 physicians' met / not-met answers
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
    """The named judge run, or (no name) the newest run of the study with usable per-criterion
    verdicts (a run that failed before its first usable verdict is never the default)."""
    if name is not None:
        run = session.scalar(select(JudgeRun).where(JudgeRun.study_id == study_id, JudgeRun.name == name))
        if run is None:
            raise NotFoundError(f"no judge run named {name!r} in this study")
        return run
    return session.scalar(
        select(JudgeRun).where(JudgeRun.study_id == study_id,
                               JudgeRun.id.in_(select(JudgeVerdict.judge_run_id)
                                               .where(JudgeVerdict.criterion_id.is_not(None),
                                                      JudgeVerdict.met.is_not(None),
                                                      JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES))))
        .order_by(JudgeRun.id.desc()).limit(1))


def submitted_values(session: Session, study_id: int, case_id: int | None = None,
                     version: int | None = None, *, current_only: bool = False
                     ) -> list[tuple[int, str, int, int, int, str]]:
    """(criterion id, key, checklist version, response id, rater id, value) of every submitted
    criterion rating of the study, optionally of one case and one checklist version. Each row
    names its version, so ratings a re-rating superseded count for the version they were made
    on; *current_only* keeps just the raters' current ratings (:mod:`reviewer.store.current`)."""
    stmt = (select(CriterionRating.criterion_id, Criterion.key, ChecklistVersion.version, Rating.response_id,
                   Rating.rater_id, CriterionRating.value)
            .join(Rating, Rating.id == CriterionRating.rating_id)
            .join(Criterion, Criterion.id == CriterionRating.criterion_id)
            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .join(Case, Case.id == ChecklistVersion.case_id)
            .where(Case.study_id == study_id, Rating.status == SUBMITTED))
    if case_id is not None:
        stmt = stmt.where(Case.id == case_id)
    if version is not None:
        stmt = stmt.where(ChecklistVersion.version == version)
    if current_only:
        stmt = stmt.where(is_current())
    return [tuple(row) for row in session.execute(stmt)]


def physician_values(session: Session, study_id: int, case_id: int | None = None
                     ) -> dict[int, dict[int, dict[int, str]]]:
    """criterion_id -> response_id -> rater_id -> value, from submitted ratings."""
    out: dict[int, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    for cid, _key, _ver, rid, rater, value in submitted_values(session, study_id, case_id):
        out[cid][rid][rater] = value
    return out


@dataclass(frozen=True)
class Verdict:
    met: bool
    probability: float | None
    explanation: str


def judge_values(session: Session, run: JudgeRun | None, case_id: int | None = None, *,
                 details: bool = False) -> dict[tuple[int, str], Verdict]:
    """(response_id, criterion key) -> usable verdict of *run* (explanations only with *details*)."""
    if run is None:
        return {}
    cols = [JudgeVerdict.response_id, Criterion.key, JudgeVerdict.met, JudgeVerdict.probability]
    if details:
        cols.append(JudgeVerdict.explanation)
    stmt = (select(*cols)
            .join(Criterion, Criterion.id == JudgeVerdict.criterion_id)
            .where(JudgeVerdict.judge_run_id == run.id, JudgeVerdict.met.is_not(None),
                   JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES)))
    if case_id is not None:
        stmt = stmt.join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id) \
            .where(ChecklistVersion.case_id == case_id)
    return {(row[0], row[1]): Verdict(bool(row[2]), row[3], row[4] if details else "")
            for row in session.execute(stmt)}


def _judge_label(v: Verdict | None) -> str | None:
    if v is None:
        return None
    return MET if v.met else NOT_MET


# ------------------------------------------------------------------------------------- triage
def triage(session: Session, study: Study | str | int, *, judge_run: str | None = None,
           all_versions: bool = False, limit: int | None = None, n_boot: int = DEFAULT_N_BOOT,
           seed: int = 0) -> list[TriageRow]:
    """Criteria of the study ranked worst first (highest trouble score; ties by key)."""
    study_id = study_id_of(session, study)
    run = pick_judge_run(session, study_id, judge_run)
    rated = submitted_values(session, study_id)
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
        select(Criterion.id, Criterion.key, Criterion.text, ChecklistVersion.version, Case.id.label("case_id"),
               Case.uid.label("case_uid"), Case.external_id)
        .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
        .join(Case, Case.id == ChecklistVersion.case_id)
        .where(Case.study_id == study_id)).all()
    latest: dict[int, int] = {}
    for c in crits:
        latest[c.case_id] = max(latest.get(c.case_id, 0), c.version)
    with_ratings = {r[0] for r in rated}
    todo = [c for c in crits if c.id in with_ratings or c.id in feedback]
    alphas, pcts, shares = _figures(rated, judged, [c.id for c in todo], n_boot=n_boot, seed=seed)
    rows: list[TriageRow] = []
    for c, alpha, pct, jr in zip(todo, alphas, pcts, shares, strict=True):
        fb = dict(feedback.get(c.id, {}))
        n_fb = sum(fb.values())
        a, p, j = _value(alpha), _value(pct), _value(jr)
        rows.append(TriageRow(
            case_id=c.case_id, case_uid=c.case_uid, case=c.external_id or c.case_uid, key=c.key,
            version=c.version, latest_version=latest[c.case_id], criterion_id=c.id, text=c.text,
            n_rr=alpha.n_units, alpha=a, alpha_ci=alpha.ci, percent_agreement=p, percent_agreement_ci=pct.ci,
            judge_run=run.name if run else None, n_jr=jr.n_units, judge_disagreement=j,
            judge_disagreement_ci=jr.ci, feedback=n_fb, feedback_kinds=fb,
            trouble=round(trouble_score(a, p, alpha.n_units, j, jr.n_units, n_fb), 6)))
    if not all_versions:
        newest: dict[tuple[int, str], int] = {}
        for r in rows:
            newest[(r.case_id, r.key)] = max(newest.get((r.case_id, r.key), 0), r.version)
        rows = [r for r in rows if r.version == newest[(r.case_id, r.key)]]
    rows.sort(key=lambda r: (-r.trouble, r.case, r.key, -r.version))
    return rows[:limit] if limit else rows


def _value(est: Estimate) -> float | None:
    return float(est.value) if np.isfinite(est.value) else None


def _figures(rated: list[tuple[int, str, int, int, int, str]], judged: dict[tuple[int, str], Verdict],
             criteria: list[int], *, n_boot: int, seed: int) -> tuple[list[Estimate], list[Estimate], list[Estimate]]:
    """Alpha, percent agreement and judge–majority disagreement of each criterion id in *criteria*.

    Units are (criterion, response) with a submitted rating; the raters' answers are coded as the
    agreement service codes them (:data:`CODES`; anything else is missing); each criterion is one
    group of :func:`reviewer.stats.grouped.agreement_by_group` and its responses the clusters.
    As in the report, a criterion with fewer than :data:`~reviewer.stats.bootstrap.MIN_INTERVAL_UNITS`
    units gets no interval.
    """
    group_of = {cid: g for g, cid in enumerate(criteria)}
    keep = [r for r in rated if r[0] in group_of]
    key_of = {r[0]: r[1] for r in keep}
    cid = np.array([r[0] for r in keep], dtype=np.int64)
    rid = np.array([r[3] for r in keep], dtype=np.int64)
    span = int(rid.max()) + 1 if rid.size else 1
    units, unit = np.unique(cid * span + rid, return_inverse=True)  # every rated unit, n.a.-only ones too
    u_cid, u_rid = units // span, units % span
    grouping = Grouping.of([group_of[c] for c in u_cid], u_rid, n_groups=len(criteria))
    code = np.array([CODES.get(r[5], np.nan) for r in keep])
    answer = ~np.isnan(code)
    rater = np.array([r[4] for r in keep], dtype=np.int64)
    est = agreement_from_long(unit[answer], rater[answer], code[answer], len(CODES), grouping,
                              ("krippendorff_alpha", "percent_agreement"), n_boot=n_boot, seed=seed,
                              min_units=MIN_INTERVAL_UNITS)
    # the judge against the physicians' strict majority (ties left out)
    met = np.bincount(unit[answer], weights=code[answer], minlength=len(units))
    answered = np.bincount(unit[answer], minlength=len(units))
    maj = np.where(2 * met > answered, 1.0, np.where(2 * met < answered, 0.0, np.nan))
    judge = np.array([np.nan if (v := judged.get((int(r), key_of[int(c)]))) is None else float(v.met)
                      for c, r in zip(u_cid, u_rid, strict=True)])
    return (est["krippendorff_alpha"], est["percent_agreement"],
            judge_disagreement(judge, maj, grouping.group, u_rid, len(criteria), n_boot=n_boot, seed=seed))


def judge_disagreement(judge: np.ndarray, maj: np.ndarray, group: np.ndarray, clusters: np.ndarray, n_groups: int,
                       *, n_boot: int, seed: int, min_units: int | None = None) -> list[Estimate]:
    """Per group, the share of units where the judge's label (0/1) differs from the physicians'
    majority: one minus the percent agreement of the pair (judge, majority) over the units the
    judge labelled, resampling *clusters* -- the report's ``percent_agreement_vs_majority``
    (:mod:`reviewer.agreement.judges`) through the same engine. ``n_units``: units with both;
    groups of fewer than *min_units* (default :data:`~reviewer.stats.bootstrap.MIN_INTERVAL_UNITS`)
    get no interval."""
    on = np.flatnonzero(~np.isnan(judge))
    both = ~np.isnan(maj[on])
    pos = np.arange(len(on))
    agree = agreement_from_long(np.concatenate([pos, pos[both]]), np.repeat([0, 1], [len(on), int(both.sum())]),
                                np.concatenate([judge[on], maj[on][both]]), 2,
                                Grouping.of(group[on], clusters[on], n_groups=n_groups), ("percent_agreement",),
                                n_boot=n_boot, seed=seed,
                                min_units=MIN_INTERVAL_UNITS if min_units is None else min_units)["percent_agreement"]
    return [replace(e, statistic="judge_disagreement", value=1.0 - e.value,
                    ci=None if e.ci is None else (1.0 - e.ci[1], 1.0 - e.ci[0])) for e in agree]


def rater_agreement(by_resp: dict[int, dict[int, str]], *, n_boot: int, seed: int) -> tuple[Estimate, Estimate]:
    """Krippendorff's alpha (nominal) and percent agreement of one criterion, response -> rater ->
    value, as :func:`triage` computes them (bootstrap resamples responses)."""
    rows = [(0, "", 0, rid, rater, value) for rid, values in by_resp.items() for rater, value in values.items()]
    alpha, pct, _ = _figures(rows, {}, [0], n_boot=n_boot, seed=seed)
    return alpha[0], pct[0]


def study_id_of(session: Session, study: Study | str | int) -> int:
    """The id of a study given as a row, an id or a name (NotFoundError for an unknown name)."""
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
    judged = judge_values(session, run, case.id, details=True)
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
