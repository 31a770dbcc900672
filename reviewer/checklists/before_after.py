"""Before / after a checklist edit: physicians' and judges' agreement on the old and the new wording.

An *edited criterion* is a (case, key) whose wording (text, trimmed) differs between two versions
of the case's checklist. Its *old* side is the wording before the newest change of the key, its
*new* side the newest wording; each side holds every checklist version that carries that wording.

Physicians: the submitted criterion ratings made on a side's criterion rows, ratings a re-rating
superseded included (:mod:`reviewer.checklists.rerate` keeps them: they are the "before"), one
answer per (response, rater) -- the one on the newest version, since an answer carried to a later
version with the same wording is the same opinion. Not applicable is a missing rating, as
everywhere. Figures: Krippendorff's alpha (nominal) and percent agreement over the answers with at
least two physicians' met / not-met answers (:func:`reviewer.checklists.triage.rater_agreement`:
the triage and report engine, bootstrap over answers, no interval under
:data:`~reviewer.stats.bootstrap.MIN_INTERVAL_UNITS` answers).

Judges: each judge run's usable verdicts on a side's criterion rows against the physicians'
strict majority on the same wording (ties and answers without a majority left out): the share of
answers where they agree with a bootstrap interval, and Cohen's kappa where defined.

:func:`load` reads (one short session), :func:`compute` computes; :func:`before_after` does both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.checklists.refinement import judge_run
from reviewer.checklists.triage import rater_agreement, study_id_of, submitted_values
from reviewer.checklists.trouble import majority
from reviewer.checklists.versions import find_case
from reviewer.stats import compute as stat
from reviewer.stats import from_wide
from reviewer.stats.bootstrap import DEFAULT_N_BOOT, MIN_INTERVAL_UNITS
from reviewer.stats.results import Estimate
from reviewer.store.models import (
    MET,
    NOT_MET,
    Case,
    ChecklistVersion,
    Criterion,
    JudgeRun,
    JudgeVerdict,
    Model,
    Response,
    Study,
)
from reviewer.store.vocabulary import USABLE_PARSE_STATUSES

TOO_FEW = "too few ratings: no answer has two physicians' met / not-met answers on this wording"
NEEDS_RATINGS = "needs new ratings: reviewer checklist rerate {case}"

Interval = tuple[float, float] | None


@dataclass(frozen=True)
class JudgeFigures:
    """One judge run against the physicians' majority on one wording."""

    judge_run: str
    n: int  # answers with a usable verdict and a physicians' strict majority
    agreement: float | None  # share of those where the judge's label is the majority's
    agreement_ci: Interval
    kappa: float | None  # Cohen's kappa (judge, majority); None where undefined


@dataclass(frozen=True)
class SideFigures:
    """Physicians' (and judges') agreement on one wording of an edited criterion."""

    label: str  # "v1", "v1-v2", "v1, v3"
    versions: tuple[int, ...]
    text: str
    n_answers: int  # answers (responses) with >= 2 physicians' met / not-met answers
    n_ratings: int  # physicians' met / not-met answers (one per response and rater)
    n_not_applicable: int
    n_raters: int  # physicians with at least one met / not-met answer
    alpha: float | None
    alpha_ci: Interval
    percent_agreement: float | None
    percent_agreement_ci: Interval
    judges: tuple[JudgeFigures, ...] = ()
    note: str = ""  # e.g. too few ratings


@dataclass(frozen=True)
class EditedCriterion:
    case_id: int
    case: str  # external id, else uid
    case_title: str
    key: str
    old: SideFigures
    new: SideFigures


@dataclass(frozen=True)
class BeforeAfter:
    n_boot: int
    seed: int
    rows: tuple[EditedCriterion, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"n_boot": self.n_boot, "seed": self.seed, "min_interval_answers": MIN_INTERVAL_UNITS,
                "criteria": [asdict(r) for r in self.rows]}

    def unjudged(self) -> list[EditedCriterion]:
        """The edited criteria whose newest wording no judge run has graded yet (re-judge their
        cases to see whether the judge follows the new wording)."""
        return [r for r in self.rows if not any(j.n for j in r.new.judges)]

    def unjudged_note(self) -> str:
        """One sentence naming :meth:`unjudged` (empty when every new wording was judged)."""
        rows = self.unjudged()
        if not rows:
            return ""
        names = ", ".join(f"{r.case} / {r.key}" for r in rows)
        return (f"No judge run graded the newest wording of {names} yet: re-judge those cases "
                "(reviewer rejudge CASE...) to compare.")

    def to_text(self) -> str:
        """Plain-text tables for the terminal: per edited criterion, both wordings side by side."""
        if not self.rows:
            return "no edited criteria: no criterion's wording differs between two checklist versions"
        out = [f"physicians' and judges' agreement before / after checklist edits ({self.n_boot} resamples, "
               f"seed {self.seed}; no interval under {MIN_INTERVAL_UNITS} answers)"]
        for r in self.rows:
            out += ["", f"case {r.case} / {r.key}: {r.old.label} -> {r.new.label}",
                    f"  {r.old.label:<7} {r.old.text}", f"  {r.new.label:<7} {r.new.text}",
                    f"  {'who':<22} {'wording':<7} {'n':>4} {'ratings':>7} {'raters':>6}  "
                    f"{'alpha [95% CI]':<22} {'agreement [95% CI]':<22} kappa"]
            for side in (r.old, r.new):
                out.append(f"  {'physicians':<22} {side.label:<7} {side.n_answers:>4} {side.n_ratings:>7} "
                           f"{side.n_raters:>6}  {_fmt(side.alpha, side.alpha_ci):<22} "
                           f"{_fmt(side.percent_agreement, side.percent_agreement_ci):<22}")
            for name in dict.fromkeys(j.judge_run for s in (r.old, r.new) for j in s.judges):
                for side in (r.old, r.new):
                    j = next((j for j in side.judges if j.judge_run == name), None)
                    if j is not None:
                        out.append(f"  {('judge ' + name)[:22]:<22} {side.label:<7} {j.n:>4} {'-':>7} {'-':>6}  "
                                   f"{'-':<22} {_fmt(j.agreement, j.agreement_ci):<22} {_fmt(j.kappa)}")
            out += [f"  note ({side.label}): {side.note}" for side in (r.old, r.new) if side.note]
        out += ["", "n: answers with two or more physicians' answers (judges: answers with a verdict and a "
                "physicians' majority); a judge's agreement is with the physicians' strict majority on the "
                "same wording."]
        unjudged = self.unjudged_note()
        if unjudged:
            out.append(unjudged)
        return "\n".join(out)


def _fmt(x: float | None, ci: Interval = None) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def version_label(versions: Iterable[int]) -> str:
    """``v1``; ``v1-v3`` for consecutive versions; ``v1, v3`` otherwise."""
    vs = sorted(versions)
    if len(vs) > 1 and vs == list(range(vs[0], vs[-1] + 1)):
        return f"v{vs[0]}-v{vs[-1]}"
    return ", ".join(f"v{v}" for v in vs)


# ------------------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Data:
    """What :func:`compute` needs, read from the store (plain tuples)."""

    criteria: tuple[tuple[int, str, str, int, int, str, str], ...]  # (id, key, text, version, case id, case, title)
    ratings: tuple[tuple[int, int, int, int, str], ...]  # (criterion id, version, response id, rater id, value)
    verdicts: tuple[tuple[str, int, int, int, bool], ...]  # (run, criterion id, version, response id, met)
    runs: tuple[str, ...]  # the study's judge runs, oldest first


def load(session: Session, study_id: int, *, case_ids: Iterable[int] | None = None,
         models: Sequence[str] | None = None) -> Data:
    """The criteria, physicians' submitted ratings (superseded ones too) and usable judge verdicts
    of the study's cases (*case_ids*: only those), answers of *models* only when given."""
    stmt = (select(Criterion.id, Criterion.key, Criterion.text, ChecklistVersion.version, Case.id,
                   Case.external_id, Case.uid, Case.title)
            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .join(Case, Case.id == ChecklistVersion.case_id).where(Case.study_id == study_id))
    if case_ids is not None:
        stmt = stmt.where(Case.id.in_(list(case_ids)))
    criteria = tuple((cid, key, (text or "").strip(), ver, case_id, ext or uid, title or "")
                     for cid, key, text, ver, case_id, ext, uid, title in session.execute(stmt))
    wanted = {c[0] for c in criteria}
    keep: set[int] | None = None
    if models:
        keep = set(session.scalars(select(Response.id).join(Model, Model.id == Response.model_id)
                                   .where(Model.name.in_(list(models)))))
    ratings = tuple((cid, ver, rid, rater, value) for cid, _key, ver, rid, rater, value
                    in submitted_values(session, study_id) if cid in wanted and (keep is None or rid in keep))
    runs = tuple(session.scalars(select(JudgeRun.name).where(JudgeRun.study_id == study_id).order_by(JudgeRun.id)))
    verdicts = tuple(
        (name, cid, ver, rid, bool(met)) for name, cid, ver, rid, met in session.execute(
            select(JudgeRun.name, JudgeVerdict.criterion_id, ChecklistVersion.version, JudgeVerdict.response_id,
                   JudgeVerdict.met)
            .join(JudgeRun, JudgeRun.id == JudgeVerdict.judge_run_id)
            .join(Criterion, Criterion.id == JudgeVerdict.criterion_id)
            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
            .join(Case, Case.id == ChecklistVersion.case_id)
            .where(Case.study_id == study_id, JudgeVerdict.met.is_not(None),
                   JudgeVerdict.parse_status.in_(USABLE_PARSE_STATUSES)))
        if cid in wanted and (keep is None or rid in keep))
    return Data(criteria, ratings, verdicts, runs)


# ----------------------------------------------------------------------------------- computing
def edited_criteria(criteria: Iterable[tuple[int, str, str, int, int, str, str]]
                    ) -> list[tuple[tuple[int, str], dict[int, int], dict[int, int]]]:
    """((case id, key), old side, new side) of every edited criterion; a side maps version ->
    criterion id, for every version whose wording is the side's. Cases and keys in input order."""
    by_key: dict[tuple[int, str], list[tuple[int, int, str]]] = defaultdict(list)
    for cid, key, text, ver, case_id, *_ in criteria:
        by_key[(case_id, key)].append((ver, cid, text))
    out = []
    for ident, rows in by_key.items():
        rows.sort()
        change = next((i for i in range(len(rows) - 1, 0, -1) if rows[i][2] != rows[i - 1][2]), None)
        if change is None:
            continue
        old_text, new_text = rows[change - 1][2], rows[-1][2]
        out.append((ident, {v: c for v, c, t in rows if t == old_text}, {v: c for v, c, t in rows if t == new_text}))
    return out


def compute(data: Data, *, judge_runs: Sequence[str] | None = None, n_boot: int = DEFAULT_N_BOOT,
            seed: int = 0) -> BeforeAfter:
    """The figures of every edited criterion of *data*. *judge_runs*: the runs to show on both
    sides (default: on each side, every run with verdicts on that wording)."""
    info = {c[0]: c for c in data.criteria}
    ratings: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for cid, ver, rid, rater, value in data.ratings:
        ratings[cid].append((ver, rid, rater, value))
    verdicts: dict[int, list[tuple[str, int, int, bool]]] = defaultdict(list)
    for name, cid, ver, rid, met in data.verdicts:
        verdicts[cid].append((name, ver, rid, met))
    order = {name: i for i, name in enumerate(data.runs)}
    rows = []
    for (case_id, key), old, new in edited_criteria(data.criteria):
        _cid, _key, _text, _ver, _case_id, case, title = info[next(iter(new.values()))]
        sides = [_side(side, info, ratings, verdicts, judge_runs, order, n_boot=n_boot, seed=seed)
                 for side in (old, new)]
        if sides[1].n_answers == 0:
            sides[1] = replace(sides[1], note=f"{TOO_FEW}; {NEEDS_RATINGS.format(case=case)}")
        if sides[0].n_answers == 0:
            sides[0] = replace(sides[0], note=TOO_FEW)
        rows.append(EditedCriterion(case_id, case, title, key, *sides))
    return BeforeAfter(n_boot, seed, tuple(rows))


def _value(est: Estimate) -> float | None:
    return float(est.value) if np.isfinite(est.value) else None


def _side(side: dict[int, int], info: dict[int, tuple], ratings: dict[int, list[tuple[int, int, int, str]]],
          verdicts: dict[int, list[tuple[str, int, int, bool]]], judge_runs: Sequence[str] | None,
          order: dict[str, int], *, n_boot: int, seed: int) -> SideFigures:
    newest: dict[tuple[int, int], tuple[int, str]] = {}  # (response, rater) -> (version, value)
    for cid in side.values():
        for ver, rid, rater, value in ratings.get(cid, ()):
            if (rid, rater) not in newest or ver > newest[(rid, rater)][0]:
                newest[(rid, rater)] = (ver, value)
    by_resp: dict[int, dict[int, str]] = defaultdict(dict)
    for (rid, rater), (_ver, value) in newest.items():
        by_resp[rid][rater] = value
    alpha, pct = rater_agreement(dict(by_resp), n_boot=n_boot, seed=seed)
    answers = [(rater, v) for (_rid, rater), (_ver, v) in newest.items() if v in (MET, NOT_MET)]
    reference = {rid: m for rid, values in by_resp.items() if (m := majority(list(values.values()))) is not None}
    judged: dict[str, dict[int, tuple[int, bool]]] = defaultdict(dict)
    for cid in side.values():
        for name, ver, rid, met in verdicts.get(cid, ()):
            if rid not in judged[name] or ver > judged[name][rid][0]:
                judged[name][rid] = (ver, met)
    names = list(judge_runs) if judge_runs is not None else sorted(judged, key=lambda n: order.get(n, len(order)))
    judges = tuple(_judge(name, {rid: met for rid, (_v, met) in judged.get(name, {}).items()}, reference,
                          n_boot=n_boot, seed=seed) for name in names)
    return SideFigures(
        label=version_label(side), versions=tuple(sorted(side)), text=info[side[max(side)]][2],
        n_answers=alpha.n_units, n_ratings=len(answers), n_not_applicable=len(newest) - len(answers),
        n_raters=len({rater for rater, _v in answers}), alpha=_value(alpha),
        alpha_ci=alpha.ci, percent_agreement=_value(pct), percent_agreement_ci=pct.ci, judges=judges)


def _judge(name: str, labels: dict[int, bool], reference: dict[int, str], *, n_boot: int, seed: int
           ) -> JudgeFigures:
    """The judge's labels against the physicians' majority on the answers that have both."""
    units = sorted(rid for rid in labels if rid in reference)
    if not units:
        return JudgeFigures(name, 0, None, None, None)
    table = from_wide(np.array([[MET if labels[rid] else NOT_MET, reference[rid]] for rid in units], dtype=object))
    boot = n_boot if len(units) >= MIN_INTERVAL_UNITS else 0
    share = stat(table, "percent_agreement", categories=[NOT_MET, MET], n_boot=boot, seed=seed)
    kappa = stat(table, "cohen_kappa", categories=[NOT_MET, MET])
    return JudgeFigures(name, len(units), _value(share), share.ci, _value(kappa))


def before_after(session: Session, study: Study | str | int, *, cases: Sequence[Case | str] | None = None,
                 judge_runs: Sequence[str] | None = None, n_boot: int = DEFAULT_N_BOOT,
                 seed: int = 0) -> BeforeAfter:
    """:func:`load` then :func:`compute` for *study* (a Study, its name or id), optionally
    limited to *cases* (dataset ids or uids of the study); an unknown case or judge run raises
    NotFoundError."""
    study_id = study_id_of(session, study)
    case_ids = None
    if cases:
        case_ids = [find_case(session, ref, study=session.get(Study, study_id)).id for ref in cases]
    for name in judge_runs or ():
        judge_run(session, study_id, name)
    return compute(load(session, study_id, case_ids=case_ids), judge_runs=judge_runs, n_boot=n_boot, seed=seed)
