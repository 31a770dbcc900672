"""Checklist triage and refinement as operations for the screens: each owns its transaction.

The Triage view ranks the criteria (:func:`rank_criteria`), lists the disagreements behind one
(:func:`criterion_disagreements`), reads the criterion's newest wording (:func:`latest_criterion`),
stores an edit as a new checklist version (:func:`edit_criterion`), and re-judges a case's answers
then compares the two versions (:func:`rejudge_case`), and asks the raters of a case to rate the
reworded criteria again (:func:`preview_rerating` shows what would be asked, :func:`rerate_cases`
does it). Every function takes the open
:class:`~reviewer.store.Store` first and returns frozen DTOs; the statistics and the judging stay in
:mod:`.triage`, :mod:`.versions` and :mod:`.refinement`, which these only call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewer.checklists.rerate import RerateReport, request_rerating
from reviewer.checklists.triage import DisagreementReport, TriageRow, disagreements, triage
from reviewer.checklists.versions import ChangeCriterion, CriterionView, edit_checklist, show_checklist
from reviewer.errors import InputError
from reviewer.store import Store

if TYPE_CHECKING:
    from reviewer.checklists.refinement import ComparisonTable
    from reviewer.judging.service import JudgeSummary


def rank_criteria(store: Store, study_id: int, *, judge_run: str | None = None, n_boot: int = 500
                  ) -> list[TriageRow]:
    """The study's criteria ranked worst first (:func:`reviewer.checklists.triage.triage`)."""
    with store.Session() as s:
        return triage(s, study_id, judge_run=judge_run, n_boot=n_boot)


def criterion_disagreements(store: Store, key: str, case_uid: str, *, version: int | None = None,
                            judge_run: str | None = None) -> DisagreementReport:
    """The responses where people disagreed on one criterion (:func:`reviewer.checklists.triage.disagreements`)."""
    with store.Session() as s:
        return disagreements(s, key, case_uid, version=version, judge_run=judge_run)


def latest_criterion(store: Store, case_uid: str, key: str) -> tuple[CriterionView, int]:
    """Criterion *key* as the case's newest checklist words it, and that version's number.

    Raises :class:`InputError` when the newest checklist no longer has the key.
    """
    with store.Session() as s:
        view = show_checklist(s, case_uid)
    crit = next((c for c in view.criteria if c.key == key), None)
    if crit is None:
        raise InputError(f"criterion {key} is no longer in the latest checklist (v{view.version})")
    return crit, view.version


def edit_criterion(store: Store, case_uid: str, key: str, *, text: str, points: float | None, tier: str | None,
                   author: str, reason: str, base_version: int | None = None) -> int:
    """Store criterion *key* reworded as a new checklist version (one transaction); returns its number.

    *base_version* is the version the editor showed: a newer one makes it a ``ConflictError``.
    """
    edit = ChangeCriterion(key=key, text=text, points=points, tier=tier)
    with store.begin() as s:
        cv = edit_checklist(s, case_uid, author=author, reason=reason, edits=[edit], base_version=base_version)
        return cv.version


@dataclass(frozen=True)
class RejudgeResult:
    """The re-judge run's summary and, when there was an earlier run to compare with, the table."""

    summary: JudgeSummary
    comparison: ComparisonTable | None


def rejudge_case(store: Store, case_uid: str, *, judge_model: str, template: str, mode: str, name: str,
                 old_version: int, new_version: int, old_run: str | None, max_new_tokens: int = 512,
                 temperature: float = 0.0, seed: int = 0, progress: Callable[[int, int], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None, **judge_options: Any) -> RejudgeResult:
    """Re-judge the case's answers on its latest checklist, then compare *old_run* on *old_version*
    with the new run on *new_version* (no comparison without an old run, or when cancelled).

    *judge_options* go to ``run_judge`` (``backend``, ``base_url``, ``device``, ``threshold``...).
    """
    from reviewer.checklists.refinement import compare_versions, rejudge_affected
    from reviewer.judging.operations import judge_settings

    summary = rejudge_affected(store, [case_uid], judge_model=judge_model, template=template, mode=mode,
                               name=name, settings=judge_settings(max_new_tokens, temperature, seed), progress=progress,
                               is_cancelled=is_cancelled, **judge_options)
    table = None
    if old_run and not summary.cancelled:
        table = compare_versions(store, case_uid, old_version, new_version, old_run, summary.run_name)
    return RejudgeResult(summary, table)


# ------------------------------------------------------------------------------------- re-rating
class _DryRun(Exception):
    """Carries a report out of a transaction that must not be kept."""

    def __init__(self, report: RerateReport) -> None:
        super().__init__("dry run")
        self.report = report


def preview_rerating(store: Store, case_uids: list[str], raters: list[str] | None = None) -> RerateReport:
    """What :func:`rerate_cases` would do, without doing it: the same request in a transaction that
    is rolled back (so the preview cannot disagree with the real run)."""
    try:
        with store.begin() as s:
            raise _DryRun(request_rerating(s, case_uids, raters=raters))
    except _DryRun as dry:
        return dry.report


def rerate_cases(store: Store, case_uids: list[str], raters: list[str] | None, *, actor: str) -> RerateReport:
    """Ask *raters* (None: everyone who rated the cases on an older version) to rate the answers of
    *case_uids* again on each case's newest checklist version, in one transaction
    (:func:`reviewer.checklists.rerate.request_rerating`)."""
    with store.begin() as s:
        return request_rerating(s, case_uids, raters=raters, actor=actor)
