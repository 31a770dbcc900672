"""A judge run that failed before writing a usable verdict, added to the demo study."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

if TYPE_CHECKING:
    from reviewer.store import Store


def add_failed_run(store: Store, study_id: int, name: str = "failed-run", n_failed: int = 3) -> None:
    """A run newer than the demo's, holding *n_failed* failed verdicts (no met, no score)."""
    from reviewer.store.models import JudgeRun, JudgeVerdict
    from reviewer.store.vocabulary import PARSE_FAILED

    with store.begin() as s:
        seen = s.execute(select(JudgeVerdict.response_id, JudgeVerdict.criterion_id)
                         .where(JudgeVerdict.criterion_id.is_not(None)).limit(n_failed)).all()
        run = JudgeRun(study_id=study_id, name=name, judge_model="broken-model", backend="vllm",
                       mode="generate", template_name="healthbench", status="failed")
        s.add(run)
        s.flush()
        for response_id, criterion_id in seen:
            s.add(JudgeVerdict(judge_run_id=run.id, response_id=response_id, criterion_id=criterion_id,
                               met=None, parse_status=PARSE_FAILED, raw_output="", attempts=3))
