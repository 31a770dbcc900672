"""The Triage view's operations on the demo study in a real SQLite file: rank, drill down, edit,
re-judge and compare (with a scripted judge backend, so no model is needed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import func, select

from reviewer.errors import ConflictError, InputError
from reviewer.generation.backend import GenerationRequest, GenerationResult, SamplingSettings
from reviewer.store.models import AuditEvent, ChecklistVersion, JudgeVerdict
from tests.support.coordinator import demo_ids

N_BOOT = 30


class ScriptedJudge:
    """A judge backend that says every criterion is met (HealthBench's JSON answer)."""

    name, device, model_name, batch_size = "scripted", "cpu", "scripted-judge", 8

    def generate(self, requests: Sequence[GenerationRequest], settings: SamplingSettings, *,
                 progress: Any = None, is_cancelled: Any = None) -> Iterator[list[GenerationResult]]:
        yield [GenerationResult(key=r.key, text='{"explanation": "fine", "criteria_met": true}') for r in requests]

    def close(self) -> None:
        pass


def test_rank_and_drill_down_give_what_triage_gives(demo_store) -> None:
    from reviewer.checklists import operations as ops
    from reviewer.checklists.triage import disagreements, triage

    store = demo_store
    sid = demo_ids(store)["study"]
    rows = ops.rank_criteria(store, sid, judge_run="demo-judge", n_boot=N_BOOT)
    with store.Session() as s:
        assert rows == triage(s, sid, judge_run="demo-judge", n_boot=N_BOOT)
    assert rows and [r.trouble for r in rows] == sorted((r.trouble for r in rows), reverse=True)
    assert all(r.judge_run == "demo-judge" for r in rows)
    top = rows[0]
    report = ops.criterion_disagreements(store, top.key, top.case_uid, version=top.version, judge_run=top.judge_run)
    with store.Session() as s:
        assert report == disagreements(s, top.key, top.case_uid, version=top.version, judge_run=top.judge_run)
    assert report.key == top.key and report.version == top.version and len(report.rows) > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.key = "x"  # type: ignore[misc]


def test_latest_criterion_and_an_edit_make_a_new_version(demo_store) -> None:
    from reviewer.checklists import operations as ops

    store = demo_store
    top = ops.rank_criteria(store, demo_ids(store)["study"], n_boot=0)[0]
    crit, version = ops.latest_criterion(store, top.case_uid, top.key)
    assert (crit.key, crit.text, version) == (top.key, top.text, top.latest_version)
    new = ops.edit_criterion(store, top.case_uid, top.key, text="Names the dose in mg/kg.", points=2.0, tier="core",
                             author="dr-coord", reason="raters read it two ways", base_version=version)
    assert new == version + 1
    with store.Session() as s:
        cv = s.scalar(select(ChecklistVersion).where(ChecklistVersion.case_id == top.case_id,
                                                     ChecklistVersion.version == new))
        assert (cv.author, cv.reason) == ("dr-coord", "raters read it two ways")
        edited = next(c for c in cv.criteria if c.key == top.key)
        assert (edited.text, edited.points, edited.tier) == ("Names the dose in mg/kg.", 2.0, "core")
        audits = s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "checklist.edit"))
    after, now = ops.latest_criterion(store, top.case_uid, top.key)
    assert now == new
    assert (after.key, after.text, after.points, after.tier) == (top.key, "Names the dose in mg/kg.", 2.0, "core")
    # an edit made on a version someone else has since replaced is refused, and stores nothing
    with pytest.raises(ConflictError):
        ops.edit_criterion(store, top.case_uid, top.key, text="again", points=None, tier=None, author="dr-coord",
                           reason="stale", base_version=version)
    with pytest.raises(InputError):
        ops.edit_criterion(store, top.case_uid, top.key, text="again", points=None, tier=None, author="dr-coord",
                           reason="", base_version=new)
    with store.Session() as s:
        assert s.scalar(select(func.max(ChecklistVersion.version))
                        .where(ChecklistVersion.case_id == top.case_id)) == new
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "checklist.edit")) == audits
    with pytest.raises(InputError, match="no longer in the latest checklist"):
        ops.latest_criterion(store, top.case_uid, "no-such-key")


def test_rejudge_case_judges_the_case_and_compares_both_versions(demo_store) -> None:
    from reviewer.checklists import operations as ops

    store = demo_store
    top = ops.rank_criteria(store, demo_ids(store)["study"], judge_run="demo-judge", n_boot=0)[0]
    old = top.version
    new = ops.edit_criterion(store, top.case_uid, top.key, text=top.text + " (explicitly)", points=None, tier=None,
                             author="dr-coord", reason="clearer", base_version=top.latest_version)
    seen: list[tuple[int, int]] = []
    result = ops.rejudge_case(store, top.case_uid, judge_model="scripted", template="healthbench", mode="generate",
                              name="rejudge-1", old_version=old, new_version=new, old_run="demo-judge",
                              max_new_tokens=16, progress=lambda d, t: seen.append((d, t)),
                              backend_obj=ScriptedJudge())
    summary, table = result.summary, result.comparison
    assert summary.run_name == "rejudge-1" and summary.judged == summary.total > 0 and not summary.cancelled
    assert seen and seen[-1][0] == seen[-1][1]
    with store.Session() as s:
        verdicts = s.scalars(select(JudgeVerdict).where(JudgeVerdict.judge_run_id == summary.run_id)).all()
    assert len(verdicts) == summary.total and all(v.met for v in verdicts)
    assert table is not None and f"v{old} vs v{new}" in table.title
    assert (table.old_run, table.new_run) == ("demo-judge", "rejudge-1")
    assert top.key in {r.key for r in table.rows}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.comparison = None  # type: ignore[misc]
    # without an earlier run there is nothing to compare; a cancelled run is not compared either
    again = ops.rejudge_case(store, top.case_uid, judge_model="scripted", template="healthbench", mode="generate",
                             name="rejudge-2", old_version=old, new_version=new, old_run=None,
                             backend_obj=ScriptedJudge())
    assert again.comparison is None and again.summary.judged == summary.total
    stopped = ops.rejudge_case(store, top.case_uid, judge_model="scripted", template="healthbench",
                               mode="generate", name="rejudge-3", old_version=old, new_version=new,
                               old_run="demo-judge", is_cancelled=lambda: True, backend_obj=ScriptedJudge())
    assert stopped.summary.cancelled and stopped.comparison is None
