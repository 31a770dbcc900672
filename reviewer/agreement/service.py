"""``analyze_study``: the study-level agreement analysis (reads the store, computes, returns DTOs)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
from sqlalchemy import select

from reviewer.agreement import extract
from reviewer.agreement.gold import gold_counts, gold_labels, vs_gold
from reviewer.agreement.judges import analyze_judge
from reviewer.agreement.raters import (
    binary_estimates,
    grouped_binary,
    rater_drift,
    rater_pairs,
    score_estimates,
    shared_tables,
)
from reviewer.agreement.results import StudyAgreement, frame
from reviewer.agreement.usability import analyze_usability, check_threshold, rating_times
from reviewer.checklists import before_after
from reviewer.errors import NotFoundError, ReviewerError
from reviewer.stats.bootstrap import DEFAULT_N_BOOT, shared_resamples
from reviewer.stats.healthbench import DEFAULT_MIN_PHYSICIAN_LABELS
from reviewer.stats.usability import DEFAULT_USABLE_THRESHOLD
from reviewer.store.engine import Store
from reviewer.store.models import Case, JudgeRun
from reviewer.store.reads import judge_run_has_usable_verdict, verdict_status_counts
from reviewer.store.vocabulary import in_categories
from reviewer.studies.lookup import get_study

Progress = Callable[[str, float], None]


class AnalysisCancelled(ReviewerError):
    """The caller asked the analysis to stop (``is_cancelled()`` returned True)."""


def analyze_study(store: Store, study: str | None = None, judge_run: str | None = None, *,
                  categories: Sequence[str] | None = None, models: Sequence[str] | None = None,
                  n_boot: int = DEFAULT_N_BOOT, seed: int = 0,
                  usable_threshold: float = DEFAULT_USABLE_THRESHOLD,
                  min_physician_labels: float = DEFAULT_MIN_PHYSICIAN_LABELS,
                  progress: Progress | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> StudyAgreement:
    """Rater-rater and judge-rater agreement of *study* (default: the only study).

    *judge_run*: analyse only that judge run (``NotFoundError`` if absent); None: every judge run
    of the study with a usable verdict, oldest first (the runs without one -- e.g. failed before
    their first verdict -- are left out and listed in ``skipped_judge_runs`` with their counts by
    parse status). *categories*: case categories to keep (exact, or an "area" that
    keeps "area / ..."); *models*: model names to keep. *n_boot* resamples of cases for every
    95 % interval, drawn with *seed*. *usable_threshold*: the LLMEval-Med usability cut (score >=
    it is usable) for each judge run's usability agreement. *min_physician_labels*: HealthBench's
    percentile counts the physicians whose reference ``n`` in the theme / category is above it
    (:func:`reviewer.stats.healthbench.meta_evaluation`). *progress(step, fraction)* is called between steps;
    when *is_cancelled()* turns True the analysis stops there with :class:`AnalysisCancelled`.
    ``before_after``: each reworded criterion's old and new wording, physicians' and judges'
    agreement on each (:mod:`reviewer.checklists.before_after`; same filters, resamples and seed).
    Reads in one short session; all computing happens after it closed.
    """
    def report(step: str, frac: float) -> None:
        if is_cancelled is not None and is_cancelled():
            raise AnalysisCancelled(f"agreement analysis cancelled before: {step}")
        if progress is not None:
            progress(step, frac)

    usable_threshold = check_threshold(usable_threshold)
    report("reading ratings", 0.0)
    with store.Session() as session:
        st = get_study(session, study)
        crit = extract.criterion_ratings(session, st.id, categories=categories, models=models)
        scores = extract.overall_scores(session, st.id, categories=categories, models=models)
        q = select(JudgeRun).where(JudgeRun.study_id == st.id).order_by(JudgeRun.id)
        if judge_run is not None:
            q = q.where(JudgeRun.name == judge_run)
        runs = session.scalars(q).all()
        if judge_run is not None and not runs:
            raise NotFoundError(f"no judge run named {judge_run!r} in study {st.name!r}")
        skipped: dict[str, dict[str, int]] = {}
        if judge_run is None:
            usable = set(session.scalars(select(JudgeRun.id).where(
                JudgeRun.study_id == st.id, judge_run_has_usable_verdict())))
            unusable = [r for r in runs if r.id not in usable]
            status = verdict_status_counts(session, [r.id for r in unusable])
            skipped = {r.name: status[r.id] for r in unusable}
            runs = [r for r in runs if r.id in usable]
        verdicts = [(r.name, r.judge_model, *extract.judge_verdicts(session, r.id, categories=categories,
                                                                   models=models)) for r in runs]
        times = rating_times(session, st.id) if verdicts else None
        hb_categories = extract.criterion_categories(session, st.id)
        gold = gold_labels(session, st.id, categories=categories, models=models)
        case_ids = None
        if categories:
            case_ids = [cid for cid, cat in session.execute(select(Case.id, Case.category).where(Case.study_id == st.id))
                        if in_categories(cat, categories)]
        edits = before_after.load(session, st.id, case_ids=case_ids, models=models)
        study_name = st.name

    # the criterion ratings' units x raters table is built once, and so are the resample draws
    with shared_tables(), shared_resamples():
        report("rater-rater agreement", 0.1)
        pooled = binary_estimates(crit, n_boot, seed)
        overall = frame([{**e.row(scope="criteria pooled"), "resampled": e.details["resampled"]}
                         for e in pooled], ["scope"])
        overall_score = frame([{**e.row(scope="overall score"), "resampled": e.details["resampled"]}
                               for e in score_estimates(scores, n_boot, seed)], ["scope"])

        report("per category and model", 0.25)
        by_category = grouped_binary(crit, ["category"], n_boot, seed)
        by_model = grouped_binary(crit, ["model"], n_boot, seed)
        report("per criterion", 0.4)
        crit_labels = ["case_uid", "case_title", "category", "criterion_key", "criterion_text"]
        by_criterion = grouped_binary(crit, ["case_id", "criterion_key"], n_boot, seed, label_cols=crit_labels,
                                      cluster=None)
        report("per rater", 0.6)
        alpha_all = pooled[0].value if pooled else float("nan")
        raters = rater_drift(crit, scores, alpha_all, n_boot, seed) if len(crit) else frame([], ["rater"])
        pairs = rater_pairs(crit, n_boot, seed) if len(crit) else frame([], ["rater_a", "rater_b"])
        score_matrix = scores.pivot_table(index="response_id", columns="rater", values="value", aggfunc="last") \
            if len(scores) else pd.DataFrame()

        judges = []
        for i, (name, model, crit_j, score_j) in enumerate(verdicts):
            report(f"judge run {name}", 0.7 + 0.3 * i / max(len(verdicts), 1))
            judges.append(analyze_judge(name, model, crit_j, score_j, crit, scores, n_boot, seed,
                                        categories=hb_categories, min_physician_labels=min_physician_labels))
            judges[-1].usability = analyze_usability(score_j, scores, crit_j, crit, times, threshold=usable_threshold,
                                                     n_boot=n_boot, seed=seed)
        if len(gold):
            report("against gold labels", 0.98)
        graded = vs_gold(gold, crit, [(name, crit_j) for name, _model, crit_j, _score in verdicts],
                         n_boot=n_boot, seed=seed)
        report("before and after checklist edits", 0.99)
        edited = before_after.compute(edits, judge_runs=[name for name, *_ in verdicts] if judge_run else None,
                                      n_boot=n_boot, seed=seed)
    report("done", 1.0)
    counts = {
        "ratings": int(crit[["response_id", "rater"]].drop_duplicates().shape[0]) if len(crit) else 0,
        "criterion_ratings": int(crit["value"].notna().sum()) if len(crit) else 0,
        "not_applicable": int(crit["value"].isna().sum()) if len(crit) else 0,
        "responses": int(crit["response_id"].nunique()) if len(crit) else 0,
        "cases": int(crit["case_id"].nunique()) if len(crit) else 0,
        "criteria": int(crit[["case_id", "criterion_key"]].drop_duplicates().shape[0]) if len(crit) else 0,
        "raters": int(crit["rater"].nunique()) if len(crit) else 0,
        "overall_scores": int(len(scores)),
        "judge_runs": len(judges),
    }
    return StudyAgreement(
        study=study_name, n_boot=n_boot, seed=seed,
        filters={"categories": list(categories) if categories else None,
                 "models": list(models) if models else None, "judge_run": judge_run},
        counts=counts, overall=overall, overall_score=overall_score,
        by_criterion=by_criterion.sort_values(["statistic", "value"], na_position="last", kind="stable")
        .reset_index(drop=True) if len(by_criterion) else by_criterion,
        by_category=by_category, by_model=by_model, raters=raters, rater_pairs=pairs,
        score_matrix=score_matrix, judges=judges, skipped_judge_runs=skipped, vs_gold=graded,
        gold_counts=gold_counts(gold) if graded else {}, before_after=edited)
