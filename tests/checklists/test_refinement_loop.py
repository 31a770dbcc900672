"""Acceptance: the refinement loop on the demo study with a tiny local judge model.

Find the worst criterion by triage, reword it (a new checklist version), re-judge just that
case's answers with the tiny model, and get a comparison table that names both versions. Also:
the same for a judge prompt template (new version, diff, re-run, compare), and re-rating requests.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reviewer.checklists.refinement import (
    NEEDS_RATINGS,
    compare_runs,
    compare_versions,
    diff_templates,
    graded_version,
    rejudge_affected,
)
from reviewer.checklists.rerate import request_rerating
from reviewer.checklists.triage import disagreements, triage
from reviewer.checklists.versions import ChangeCriterion, edit_checklist, show_checklist
from reviewer.store.models import Assignment, AuditEvent, Case, JudgeRun, JudgeVerdict, Rater, Response
from reviewer.studies.demo import DEMO_NAME

pytestmark = pytest.mark.models


@pytest.fixture
def demo(demo_store):
    return demo_store, DEMO_NAME


@pytest.fixture(scope="module")
def tiny_judge(tiny_llama):
    """One loaded tiny model shared by the runs of this file (``backend_obj`` of run_judge)."""
    from reviewer.generation.backends import make_backend

    backend = make_backend("transformers", str(tiny_llama), device="cpu")
    yield {"judge_model": str(tiny_llama), "backend_obj": backend, "mode": "logprob"}
    backend.close()


def test_refinement_loop_on_the_demo_study(demo, tiny_judge, db_path, capsys):
    store, study = demo
    with store.begin() as s:
        worst = triage(s, study, n_boot=200)[0]
        drill = disagreements(s, worst.key, worst.case)
    assert worst.trouble > 0 and worst.n_rr >= 2 and worst.version == 1
    assert drill.rows and all(r.raters_disagree or r.judge_disagrees for r in drill.rows)

    # the judge on the old wording, then reword, then re-judge only the affected answers
    common = {**tiny_judge, "template": "healthbench"}
    old = rejudge_affected(store, [worst.case], name="tiny-old", **common)
    with store.begin() as s:
        n_responses = s.scalar(select(func.count()).select_from(Response)
                               .where(Response.case_id == worst.case_id))
        n_criteria = len(show_checklist(s, worst.case).criteria)
    assert old.judged == n_responses * n_criteria and old.failed == 0
    new_text = worst.text + " (Counts only if the answer asks at least one specific question.)"
    with store.begin() as s:
        edit_checklist(s, worst.case, author="coordinator", reason="raters split: make it concrete",
                       edits=[ChangeCriterion(worst.key, text=new_text)])
    # the command line for the second run: `reviewer rejudge CASE --model ... --name tiny-new`
    from reviewer.cli.main import main

    assert main(["--db", str(db_path), "rejudge", worst.case, "--model", tiny_judge["judge_model"],
                 "--template", "healthbench", "--mode", "logprob", "--device", "cpu", "--name", "tiny-new"]) == 0
    assert f"{n_responses * n_criteria} verdicts ({n_responses * n_criteria} parsed, 0 failed" \
        in capsys.readouterr().out
    with store.begin() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == "tiny-new"))
        judged_cases = s.scalar(select(func.count(func.distinct(Response.case_id)))
                                .join(JudgeVerdict, JudgeVerdict.response_id == Response.id)
                                .where(JudgeVerdict.judge_run_id == run.id))
    assert judged_cases == 1  # only the changed case was re-judged

    table = compare_versions(store, worst.case, 1, 2, "tiny-old", "tiny-new")
    assert "v1" in table.title and "v2" in table.title and worst.case in table.title
    row = next(r for r in table.rows if r.key == worst.key)
    assert row.change == "changed" and row.old_text == worst.text and row.new_text == new_text
    assert row.n >= 1 and row.old.n == row.new.n == row.n
    assert row.old.agreement is not None and row.new.agreement is not None
    assert row.rater_alpha_new is None and row.rater_note == NEEDS_RATINGS
    assert table.overall.n == sum(r.n for r in table.rows)
    assert not [n for n in table.notes if "graded version" in n]  # each run graded its own version
    with store.begin() as s:
        assert graded_version(s, worst.case, "tiny-old") == 1 and graded_version(s, worst.case, "tiny-new") == 2
    text = table.to_text()
    assert "agree v1" in text and "agree v2" in text and new_text in text
    assert main(["--db", str(db_path), "compare", worst.case, "--old-run", "tiny-old", "--new-run", "tiny-new"]) == 0
    assert capsys.readouterr().out.startswith(f"case {worst.case}: checklist v1 vs v2")
    # physicians still see what they rated: triage keeps the rated wording, flagged as edited
    with store.begin() as s:
        again = next(r for r in triage(s, study, n_boot=0, judge_run="tiny-new")
                     if r.key == worst.key)
        assert again.text == worst.text and again.edited_since and again.judge_run == "tiny-new"
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "checklist.edit")) == 1


def test_template_versions_rerun_and_compare(demo, tiny_judge, db_path, capsys):
    from reviewer.judging.templates import get_template, save_template_version

    store, study = demo
    with store.begin() as s:
        base = get_template(s, "healthbench")
        edited = save_template_version(s, "healthbench", base.content + "\nBe strict.\n",
                                       "coordinator", "stricter")
        v_old, v_new = base.version, edited.version
        diff = diff_templates(s, "healthbench", v_old, v_new)
    assert f"healthbench@{v_new}" in diff and "+Be strict." in diff
    from reviewer.judging.service import run_judge

    with store.begin() as s:  # one answer is enough to compare two template versions
        one = s.scalar(select(Response.id).join(Response.case).where(Case.external_id == "demo-en-01")
                       .order_by(Response.id).limit(1))
    common = {"model": tiny_judge["judge_model"], "backend_obj": tiny_judge["backend_obj"], "mode": "logprob",
              "study": study, "responses": [one]}
    run_judge(store, template=f"healthbench@{v_old}", name="tpl-old", **common)
    run_judge(store, template=f"healthbench@{v_new}", name="tpl-new", **common)
    table = compare_runs(store, "tpl-old", "tpl-new", study=study)
    assert table.old_label == f"healthbench@{v_old}" and table.new_label == f"healthbench@{v_new}"
    assert table.rows and table.overall.n == sum(r.n for r in table.rows) > 0
    from reviewer.cli.main import main

    assert main(["--db", str(db_path), "compare", "--old-run", "tpl-old", "--new-run", "tpl-new", "--diff"]) == 0
    out = capsys.readouterr().out
    assert "+Be strict." in out and f"judge template healthbench@{v_old} vs healthbench@{v_new}" in out


def test_request_rerating_assigns_a_new_rater_on_the_version_and_skips_those_with_nothing_reworded(
        demo, db_path, capsys):
    """A rater new to the case gets assignments naming the version; a rater whose wording did not
    change (no edit yet) is skipped with the reason, and nothing is made for them."""
    store, _study = demo
    with store.begin() as s:
        s.add(Rater(name="phys-new"))
        s.flush()
        existing = s.scalar(select(Rater.name).join(Assignment, Assignment.rater_id == Rater.id).limit(1))
        report = request_rerating(s, ["demo-en-02"], raters=["phys-new", existing], actor="coordinator")
    new_items = [i for i in report.items if i.rater == "phys-new"]
    assert new_items and all(i.from_version is None and i.to_version == 1 for i in new_items)
    assert all(i.rater == "phys-new" for i in report.items)
    assert {r for r, _, _ in report.skipped} <= {existing}
    with store.begin() as s:
        new_id = s.scalar(select(Rater.id).where(Rater.name == "phys-new"))
        rows = s.scalars(select(Assignment).where(Assignment.rater_id == new_id)).all()
        assert len(rows) == len(new_items) and all(a.checklist_version_id is not None for a in rows)
    from reviewer.cli.main import main

    assert main(["--db", str(db_path), "checklist", "rerate", "demo-en-03", "--raters", "phys-new"]) == 0
    assert "0 ratings to re-rate, 3 new assignments" in capsys.readouterr().out
