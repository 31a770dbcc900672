"""Extra judge runs for the demo study: one that failed before writing a usable verdict, one that worked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

if TYPE_CHECKING:
    from reviewer.store import Store


def add_failed_run(store: Store, study_id: int, name: str = "failed-run", n_failed: int = 3,
                   *, usable: bool = False) -> None:
    """A run newer than the demo's, holding *n_failed* failed verdicts (no met, no score); with
    *usable*, parsed "met" verdicts instead (a run that worked)."""
    from reviewer.store.models import JudgeRun, JudgeVerdict
    from reviewer.store.vocabulary import PARSE_FAILED, PARSED

    with store.begin() as s:
        seen = s.execute(select(JudgeVerdict.response_id, JudgeVerdict.criterion_id)
                         .where(JudgeVerdict.criterion_id.is_not(None)).limit(n_failed)).all()
        run = JudgeRun(study_id=study_id, name=name, judge_model="broken-model", backend="vllm",
                       mode="generate", template_name="healthbench", status="failed")
        s.add(run)
        s.flush()
        for response_id, criterion_id in seen:
            s.add(JudgeVerdict(judge_run_id=run.id, response_id=response_id, criterion_id=criterion_id,
                               met=True if usable else None, parse_status=PARSED if usable else PARSE_FAILED,
                               raw_output="", attempts=1 if usable else 3))
