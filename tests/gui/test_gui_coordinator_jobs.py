"""Coordinator jobs through the real dialogs: generation and judging with a tiny local model, cancel,
errors reported, torch never imported by the screens themselves; a rater has no Coordinator menu."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QTimer
from sqlalchemy import func, select

from reviewer.store.models import GenerationRun, JudgeRun, JudgeVerdict, Response
from tests.support.coordinator import assert_done, demo_ids, wait_job


def _menu_titles(w) -> list[str]:  # noqa: ANN001
    return [a.text().replace("&", "") for a in w.menuBar().actions()]


def test_rater_window_has_no_coordinator_menu(coord_window, demo_store) -> None:
    store = demo_store
    ids = demo_ids(store)
    rater = coord_window(store, ids, coordinator=False)
    assert "Coordinator" not in _menu_titles(rater)
    assert rater.coordinator_ui is None
    coord = coord_window(store, ids, coordinator=True)
    assert "Coordinator" in _menu_titles(coord)
    ui = coord.coordinator_ui
    assert {"generate", "judge", "templates", "agreement", "triage", "merge", "jobs"} <= set(ui.actions)


def test_screens_do_not_import_torch() -> None:
    code = ("import sys; import reviewer.gui.coordinator.menu, reviewer.gui.coordinator.generate_dialog, reviewer.gui.coordinator.judge_dialog, "
            "reviewer.gui.coordinator.agreement_view, reviewer.gui.coordinator.triage_view, reviewer.gui.coordinator.reviewfile_actions, "
            "reviewer.gui.coordinator.jobs; print('torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_generate_through_the_dialog_fills_the_store_and_the_window_stays_responsive(
        coord_window, demo_store, qtbot, tiny_llama) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    ui = w.coordinator_ui
    with store.Session() as s:
        before = s.scalar(select(func.count(Response.id)))
    n_cases = 1
    dialog = ui.open_generate()
    dialog.cases.setCurrentIndex(dialog.cases.findData("category:emergency_referrals / emergent"))
    assert dialog.cases.currentIndex() > 0
    dialog.model.setText(str(tiny_llama))
    dialog.device.setCurrentText("cpu")
    dialog.max_new_tokens.setValue(3)
    dialog.samples.setValue(2)
    dialog.batch_size.setValue(16)
    dialog.run_name.setText("tiny-gui")
    dialog.accept()
    job = ui.jobs.jobs[-1]
    ticks, seen = [], []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(job.state))
    timer.start(10)
    job.progress.connect(lambda d, t, text: seen.append((d, t, text, job.state)))
    wait_job(qtbot, job)
    timer.stop()
    assert_done(job)
    assert "running" in ticks  # the GUI thread ran timers while the job worked
    assert seen and seen[-1][0] == seen[-1][1] == 2 * n_cases and seen[-1][3] == "running"
    assert any("tokens/s" in s[2] for s in seen)
    with store.Session() as s:
        run = s.scalar(select(GenerationRun).where(GenerationRun.name == "tiny-gui"))
        assert run.status == "done"
        assert s.scalar(select(func.count(Response.id)).where(Response.generation_run_id == run.id)) == 2 * n_cases
        assert s.scalar(select(func.count(Response.id))) == before + 2 * n_cases
    assert job.result.written == 2 * n_cases
    assert ui.jobs_panel.isVisible() and ui.jobs_panel.rows[0].job is job
    assert "tokens/s" in ui.jobs_panel.rows[0].info.text()


def test_cancel_stops_a_generation_job(coord_window, demo_store, qtbot, tiny_llama) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    ui = w.coordinator_ui
    job = ui.start_generation({"model": str(tiny_llama), "backend": "transformers", "cases": "all", "samples": 2,
                               "settings": {"max_new_tokens": 24, "temperature": 0.0, "top_p": 1.0, "seed": 0},
                               "batch_size": 1, "device": "cpu", "base_url": None, "name": "to-cancel"})
    job.progress.connect(lambda d, t, _text: d >= 1 and job.cancel())
    panel_row = ui.jobs_panel.rows[0]
    wait_job(qtbot, job)
    assert job.state == "cancelled"
    assert not panel_row.cancel_button.isVisible()
    with store.Session() as s:
        run = s.scalar(select(GenerationRun).where(GenerationRun.name == "to-cancel"))
        written = s.scalar(select(func.count(Response.id)).where(Response.generation_run_id == run.id))
    assert run.status == "cancelled"
    assert 1 <= written < 2 * 13


def test_a_failing_job_reports_its_message(coord_window, demo_store, qtbot, tmp_path) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    ui = w.coordinator_ui
    job = ui.start_generation({"model": str(tmp_path / "no-model-here"), "backend": "transformers",
                               "cases": "all", "samples": 1, "settings": {"max_new_tokens": 2},
                               "batch_size": "auto", "device": "cpu", "base_url": None, "name": "bad"})
    wait_job(qtbot, job)
    assert job.state == "failed"
    assert "no-model-here" in job.error and ui.jobs.errors == [job.error]
    assert "failed" in ui.jobs_panel.rows[0].info.text()


def test_judge_job_logprob_stores_a_verdict_per_criterion(coord_window, demo_store, qtbot, tiny_llama) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    ui = w.coordinator_ui
    dialog = ui.open_judge()
    dialog.model.setText(str(tiny_llama))
    dialog.mode.setCurrentText("logprob")
    dialog.device.setCurrentText("cpu")
    dialog.set_template("healthbench")
    dialog.cases.setCurrentIndex(dialog.cases.findData("category:医疗知识 / 药物相关"))
    assert dialog.cases.currentIndex() > 0
    dialog.run_name.setText("tiny-judge")
    assert dialog.template.currentData().startswith("healthbench")
    dialog.accept()
    job = ui.jobs.jobs[-1]
    wait_job(qtbot, job, timeout=120000)
    assert_done(job)
    summary = job.result
    assert summary.total > 0 and summary.judged == summary.total
    with store.Session() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == "tiny-judge"))
        verdicts = s.scalars(select(JudgeVerdict).where(JudgeVerdict.judge_run_id == run.id)).all()
    assert run.mode == "logprob" and len(verdicts) == summary.total
    assert all(v.probability is not None and 0.0 <= v.probability <= 1.0 for v in verdicts)
    assert summary.total == 3 * 4  # one case of that category, three answers, four criteria


def test_judge_dialog_refuses_logprob_on_an_endpoint(coord_window, demo_store) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    dialog = w.coordinator_ui.open_judge()
    dialog.model.setText("some-model")
    dialog.mode.setCurrentText("logprob")
    dialog.backend.setCurrentText("openai")
    dialog.accept()
    assert dialog.isVisible() and "transformers" in dialog.error.text()
    assert w.coordinator_ui.jobs.jobs == []
