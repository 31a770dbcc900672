"""Adaptive review in rounds: which answers physicians rate next, until the judge-physician
interval is narrow enough or the budget is spent.

A *plan* (named; by default after the judge run it validates) is a sequence of rounds, each stored
as an :class:`~reviewer.store.models.AssignmentDesign` row (``settings["kind"] == "adaptive_plan"``)
whose assignments are ordinary :class:`~reviewer.store.models.Assignment` rows -- so a round is
packed, rated, returned and merged like any other assignment (``reviewer pack`` / ``merge``).

Round 1 fixes the population (:func:`reviewer.planning.data.population`) and its strata by the
judge's uncertainty and stores each answer's stratum, ``N_h`` and the prior spread in its report.
Every round then:

1. reads the pair counts of the plan's answers that physicians have rated so far;
2. estimates the statistic round by round (answers chosen up to round k that are rated), weighting
   each rated answer by ``N_h / n_h`` with the guarded Rao-Wu interval
   (:func:`reviewer.stats.sampling.plan_estimate`);
3. stops when the latest interval is at most ``target_width`` wide with every stratum represented
   (``target_reached``), or the plan holds ``budget`` answers (``budget_spent``), or no answer is
   left (``exhausted``);
4. otherwise draws the next batch (:func:`reviewer.stats.sampling.next_batch`: Neyman allocation
   with a proportional floor over the strata, simple random sampling inside each, never an answer
   an earlier round chose), gives each answer to the least-loaded of the raters who do not have it
   yet, and records every chosen answer's stratum and its inclusion probability ``n_h / N_h``.

Answers chosen but not rated yet count as unanswered, not as agreement: the estimate uses the rated
ones of each stratum (missing at random within the stratum).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer.errors import InputError, NotFoundError
from reviewer.planning.data import Population, pair_counts_by_response, population
from reviewer.stats.sampling import Design, next_batch, plan_estimate, separates
from reviewer.stats.weighted import STATISTICS
from reviewer.store.models import Assignment, AssignmentDesign, AuditEvent, JudgeRun, Rater, Response, Study
from reviewer.studies.assignment import ensure_raters, judge_runs_named, last_positions

PLAN_KIND = "adaptive_plan"
BY = ("uncertain", "disagreement")


@dataclass(frozen=True)
class RoundRow:
    """The plan after round *round*: answers chosen so far, how many are rated, the estimate."""

    round: int
    chosen: int
    rated: int
    value: float | None
    ci: tuple[float, float] | None
    width: float | None


@dataclass
class PlanReport:
    """What ``reviewer plan`` prints: how answers are chosen, the strata, the interval round by
    round, and what this call proposed."""

    plan: str
    study: str
    judge_runs: list[str]
    statistic: str
    target_width: float
    budget: int | None
    batch: int
    by: str
    method: str
    status: str
    strata: list[dict[str, Any]]
    rounds: list[RoundRow]
    pending: int
    new_round: int | None = None
    new_items: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"plan {self.plan!r} in study {self.study!r}: {self.statistic} of judge run "
               f"{self.judge_runs[0]!r} against physicians, target interval width {self.target_width:g}"
               + (f", budget {self.budget} answers" if self.budget else ""),
               f"  how answers are chosen: {self.method}; priority: {self.by}",
               "  strata (0 = judge most sure):"]
        for s in self.strata:
            score = (f"score {s['score_min']:.3f}-{s['score_max']:.3f}" if s["score_min"] is not None
                     else "(no score)")
            err = f"  judge expects {s['judge_error']:.1%} wrong" if s["judge_error"] is not None else ""
            seen = (f", physicians disagree on {s['observed_disagreement']:.1%}"
                    if s["observed_disagreement"] is not None else "")
            out.append(f"    {s['stratum']:>2}  answers {s['size']:>6}  chosen {s['chosen']:>5}  rated {s['rated']:>5}"
                       f"  {score}{err}{seen}")
        out.append("  interval round by round (95%: weighted N_h/n_h, Rao-Wu bootstrap, guarded by the judge's prior):")
        for r in self.rounds:
            ci = f"[{r.ci[0]:.3f}, {r.ci[1]:.3f}] width {r.width:.3f}" if r.ci and r.width is not None else "no interval"
            val = f"{r.value:.3f}" if r.value is not None else "-"
            out.append(f"    round {r.round:>2}: chosen {r.chosen:>5}, rated {r.rated:>5}, {self.statistic} {val} {ci}")
        if self.pending:
            out.append(f"  chosen but not rated yet: {self.pending}")
        out.extend(f"  warning: {w}" for w in self.warnings)
        out.append(f"  status: {self.status}")
        if self.new_items:
            per = Counter(i["rater"] for i in self.new_items)
            out.append(f"  round {self.new_round}: {len(self.new_items)} new answers assigned ("
                       + ", ".join(f"{k}: {v}" for k, v in sorted(per.items(), key=lambda kv: str(kv[0]))) + ")")
        return out


@dataclass
class _State:
    pop: Population
    design: Design
    rounds: list[AssignmentDesign]
    chosen_round: np.ndarray  # round number that chose each population answer (0 = not chosen)


def _runs(session: Session, study: Study, names: list[str]) -> list[JudgeRun]:
    if not names:
        raise InputError("name the judge run to validate", item="--judge-run")
    return judge_runs_named(session, study, names)


def plan_rounds(session: Session, study: Study, plan: str) -> list[AssignmentDesign]:
    """The stored rounds of *plan* in *study*, oldest first."""
    rows = session.scalars(select(AssignmentDesign).where(AssignmentDesign.study_id == study.id)
                           .order_by(AssignmentDesign.id)).all()
    return [d for d in rows if (d.settings or {}).get("kind") == PLAN_KIND and d.settings.get("plan") == plan]


def _state(session: Session, study: Study, runs: list[JudgeRun], by: str, n_strata: int,
           rounds: list[AssignmentDesign]) -> _State:
    if not rounds:
        pop = population(session, study, runs, by)
        design = Design.by_score(pop.scores, n_strata, pop.error_rates)
        return _State(pop, design, [], np.zeros(len(pop.response_ids), dtype=np.int64))
    first = rounds[0].report
    uids = list(first["population"])
    ids = dict(session.execute(select(Response.uid, Response.id).where(Response.uid.in_(uids))).all())
    missing = [u for u in uids if u not in ids]
    if missing:
        raise InputError(f"{len(missing)} answers of plan round 1 are gone from the study (first: {missing[0]})",
                         item=rounds[0].settings.get("plan"))
    strata = np.asarray(first["strata_of"], dtype=np.int64)
    design = Design(strata, np.asarray([s["size"] for s in first["strata"]], dtype=np.int64),
                    np.asarray([s["prior_sd"] for s in first["strata"]], dtype=float), first["method"],
                    np.asarray([_nan(s.get("judge_error")) for s in first["strata"]], dtype=float))
    nan = float("nan")
    pop = Population(np.array([ids[u] for u in uids], dtype=np.int64), uids,
                     np.array([nan if v is None else v for v in first["scores"]], dtype=float),
                     np.full(len(uids), nan))
    where = {u: i for i, u in enumerate(uids)}
    chosen = np.zeros(len(uids), dtype=np.int64)
    for k, rnd in enumerate(rounds, start=1):
        for item in rnd.report["chosen"]:
            chosen[where[item["response_uid"]]] = k
    return _State(pop, design, list(rounds), chosen)


def _history(state: _State, feats: dict[int, np.ndarray], statistic: str, n_boot: int,
             seed: int) -> list[tuple[RoundRow, dict[str, Any]]]:
    out = []
    rated_mask = np.array([int(i) in feats for i in state.pop.response_ids], dtype=bool)
    for k in range(1, int(state.chosen_round.max(initial=0)) + 1):
        upto = (state.chosen_round >= 1) & (state.chosen_round <= k)
        idx = np.flatnonzero(upto & rated_mask)
        f = np.array([feats[int(state.pop.response_ids[i])] for i in idx]).reshape(-1, 4)
        est = plan_estimate(state.design, idx, f, statistic, n_boot=n_boot, seed=seed + k)
        width = est.ci[1] - est.ci[0] if est.ci else None
        value = est.value if math.isfinite(est.value) else None
        out.append((RoundRow(k, int(upto.sum()), int(idx.size), value, est.ci, width), est.to_dict()))
    return out


def _num(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _nan(x: float | None) -> float:
    return float("nan") if x is None else float(x)


def _errors(design: Design) -> np.ndarray:
    return design.error if design.error is not None else np.full(design.n_strata, np.nan)


def _strata_table(state: _State, feats: dict[int, np.ndarray]) -> list[dict[str, Any]]:
    """Per stratum: size, chosen, rated, score range, the judge's expected error and the
    disagreement physicians found (share of pairs, over the stratum's rated answers)."""
    rows = []
    rated = np.array([int(i) in feats for i in state.pop.response_ids], dtype=bool)
    for h, expected in zip(range(state.design.n_strata), _errors(state.design), strict=True):
        mask = state.design.strata == h
        s = state.pop.scores[mask]
        fin = s[np.isfinite(s)]
        done = np.flatnonzero(mask & (state.chosen_round > 0) & rated)
        f = np.array([feats[int(state.pop.response_ids[i])] for i in done]).reshape(-1, 4).sum(axis=0)
        rows.append({"stratum": h, "size": int(state.design.sizes[h]),
                     "chosen": int((mask & (state.chosen_round > 0)).sum()), "rated": int(done.size),
                     "score_min": float(fin.min()) if fin.size else None,
                     "score_max": float(fin.max()) if fin.size else None,
                     "prior_sd": float(state.design.prior[h]), "judge_error": _num(expected),
                     "observed_disagreement": float((f[1] + f[2]) / f.sum()) if f.sum() > 0 else None})
    return rows


def _rated(state: _State, feats: dict[int, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Population indices of the plan's rated answers and their pair counts."""
    idx = np.flatnonzero([(c > 0) and (int(i) in feats) for c, i in
                          zip(state.chosen_round, state.pop.response_ids, strict=True)])
    return idx, np.array([feats[int(state.pop.response_ids[i])] for i in idx]).reshape(-1, 4)


def _warnings(state: _State, feats: dict[int, np.ndarray]) -> list[str]:
    """When the ratings show that the judge's uncertainty does not separate where it errs
    (:func:`reviewer.stats.sampling.separates`): rounds then fall back to proportional allocation,
    and the intervals of the rounds before may have been too narrow."""
    ok, words = separates(state.design, *_rated(state, feats))
    if ok:
        return []
    return [f"{words}: the judge's uncertainty does not show where it errs, so new rounds use proportional "
            "allocation and earlier intervals may be too narrow; a new plan with --strata 1 samples uniformly"]


def _pick_raters(session: Session, study: Study, raters: list[Rater], response_ids: list[int]) -> list[Rater | None]:
    """The least-loaded rater (assignments in the study) without an assignment of each answer."""
    rater_ids = [r.id for r in raters]
    load = Counter(dict(session.execute(
        select(Assignment.rater_id, func.count()).where(Assignment.study_id == study.id,
                                                        Assignment.rater_id.in_(rater_ids))
        .group_by(Assignment.rater_id)).all()))
    has = set(session.execute(select(Assignment.rater_id, Assignment.response_id)
                              .where(Assignment.rater_id.in_(rater_ids),
                                     Assignment.response_id.in_(response_ids))).all())
    out: list[Rater | None] = []
    for rid in response_ids:
        free = [r for r in raters if (r.id, rid) not in has]
        if not free:
            out.append(None)
            continue
        best = min(free, key=lambda r: (load[r.id], rater_ids.index(r.id)))
        load[best.id] += 1
        out.append(best)
    return out


def plan_round(session: Session, study: Study, judge_runs: list[str], *, statistic: str, target_width: float,
               budget: int | None = None, batch: int = 20, raters: list[str] | None = None,
               by: str = "uncertain", n_strata: int = 5, seed: int = 0, plan: str | None = None,
               n_boot: int = 1000, propose: bool = True, created_by: str = "") -> PlanReport:
    """Report the plan's interval round by round and, unless it is done (or *propose* is off),
    store its next round of assignments; see the module doc. *judge_runs*: the run being validated
    first, then any others (``by="disagreement"`` compares them). Raters and budget not given are
    the plan's last round's."""
    if statistic not in STATISTICS:
        raise InputError(f"unknown statistic {statistic!r} (use {', '.join(STATISTICS)})", item="--statistic")
    if not target_width > 0:
        raise InputError(f"the target width must be above 0, not {target_width}", item="--target-width")
    if batch < 1:
        raise InputError(f"a batch holds at least 1 answer, not {batch}", item="--batch")
    if budget is not None and budget < 1:
        raise InputError(f"the budget must be at least 1 answer, not {budget}", item="--budget")
    if by not in BY:
        raise InputError(f"unknown priority {by!r} (use {' or '.join(BY)})", item="--by")
    if n_strata < 1:
        raise InputError(f"at least 1 stratum, not {n_strata}", item="--strata")
    runs = _runs(session, study, judge_runs)
    name = plan or runs[0].name
    rounds = plan_rounds(session, study, name)
    if rounds:
        first = rounds[0].settings
        if first["judge_runs"] != [r.name for r in runs] or first["by"] != by:
            raise InputError(f"plan {name!r} was made with judge runs {', '.join(first['judge_runs'])} "
                             f"by {first['by']}; give the same, or name a new plan", item="--plan")
        raters = raters or list(rounds[-1].settings["raters"])
        budget = budget if budget is not None else rounds[-1].settings.get("budget")
    state = _state(session, study, runs, by, n_strata, rounds)
    chosen_ids = [int(state.pop.response_ids[i]) for i in np.flatnonzero(state.chosen_round)]
    feats = pair_counts_by_response(session, study, runs[0], chosen_ids)
    history = _history(state, feats, statistic, n_boot, seed)
    n_chosen = len(chosen_ids)
    pending = n_chosen - len(feats)
    last, last_est = history[-1] if history else (None, None)
    if last is not None and last.width is not None and last.width <= target_width \
            and last_est["details"].get("uncovered_items", 1) == 0:
        status = "target_reached"
    elif budget is not None and n_chosen >= budget:
        status = "budget_spent"
    elif n_chosen >= len(state.pop.response_ids):
        status = "exhausted"
    else:
        status = "proposed" if propose else "open"
    report = PlanReport(plan=name, study=study.name, judge_runs=[r.name for r in runs], statistic=statistic,
                        target_width=target_width, budget=budget, batch=batch, by=by,
                        method=state.design.method, status=status, strata=[], rounds=[r for r, _ in history],
                        pending=pending)
    if status == "proposed":
        if not raters:
            raise InputError("name the raters who rate this plan's answers", item="--raters")
        extra = batch if budget is None else min(batch, budget - n_chosen)
        _propose(session, study, state, feats, report, runs, raters, extra, seed, n_strata, created_by)
    report.warnings = _warnings(state, feats)
    report.strata = _strata_table(state, feats)
    return report


def _propose(session: Session, study: Study, state: _State, feats: dict[int, np.ndarray], report: PlanReport,
             runs: list[JudgeRun], raters: list[str], extra: int, seed: int, n_strata: int, created_by: str) -> None:
    k = len(state.rounds) + 1
    rated_idx, rated_f = _rated(state, feats)
    rng = np.random.default_rng([seed, k])
    picked = next_batch(state.design, state.chosen_round > 0, extra, rng, rated=rated_idx, rated_features=rated_f)
    rater_rows, created = ensure_raters(session, raters)
    ids = [int(state.pop.response_ids[i]) for i in picked]
    who = _pick_raters(session, study, rater_rows, ids)
    state.chosen_round[picked] = k
    after = np.bincount(state.design.strata[state.chosen_round > 0], minlength=state.design.n_strata)
    items = [{"response_uid": state.pop.response_uids[i], "stratum": int(state.design.strata[i]),
              "inclusion_probability": float(after[state.design.strata[i]] / state.design.sizes[state.design.strata[i]]),
              "rater": r.name if r is not None else None}
             for i, r in zip(picked, who, strict=True)]
    settings = {"kind": PLAN_KIND, "plan": report.plan, "round": k, "judge_runs": report.judge_runs,
                "by": report.by, "statistic": report.statistic, "target_width": report.target_width,
                "budget": report.budget, "batch": report.batch, "seed": seed, "n_strata": n_strata,
                "raters": list(raters)}
    body: dict[str, Any] = {"chosen": items, "created_raters": created,
                            "estimate_before": asdict(report.rounds[-1]) if report.rounds else None}
    if k == 1:
        body.update(population=state.pop.response_uids, strata_of=state.design.strata.tolist(),
                    scores=[None if not math.isfinite(v) else float(v) for v in state.pop.scores],
                    method=state.design.method,
                    strata=[{"size": int(n), "prior_sd": float(p), "judge_error": _num(e)} for n, p, e in
                            zip(state.design.sizes, state.design.prior, _errors(state.design), strict=True)])
    design = AssignmentDesign(study_id=study.id, created_by=created_by, settings=settings, report=body)
    session.add(design)
    session.flush()
    positions = last_positions(session, study.id)
    for rid, rater in zip(ids, who, strict=True):
        if rater is None:
            continue
        positions[rater.id] = positions.get(rater.id, -1) + 1
        session.add(Assignment(study_id=study.id, rater_id=rater.id, response_id=rid, design_id=design.id,
                               position=positions[rater.id], is_calibration=False))
    session.add(AuditEvent(study_id=study.id, actor=created_by, action="plan.round", entity_type="assignment_design",
                           entity_uid=design.uid, before=None,
                           after={"plan": report.plan, "round": k, "answers": len(items)}))
    session.flush()
    report.new_round = k
    report.new_items = items


def plan_report(session: Session, study: Study, plan: str, *, statistic: str | None = None,
                n_boot: int = 1000) -> PlanReport:
    """The stored plan's interval round by round, without proposing anything (for reports)."""
    rounds = plan_rounds(session, study, plan)
    if not rounds:
        raise NotFoundError(f"no plan named {plan!r} in study {study.name!r}")
    last = rounds[-1].settings
    return plan_round(session, study, list(last["judge_runs"]), statistic=statistic or last["statistic"],
                      target_width=float(last["target_width"]), budget=last.get("budget"), batch=int(last["batch"]),
                      raters=list(last["raters"]), by=last["by"], n_strata=int(last["n_strata"]),
                      seed=int(last["seed"]), plan=plan, n_boot=n_boot, propose=False)
