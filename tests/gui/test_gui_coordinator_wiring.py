"""How the coordinator screens hook into the app: review files opened by path get "Return ratings…",
closing the window stops running jobs, the criterion editor dialog stores a version."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from reviewer.store.models import ChecklistVersion
from tests.support.coordinator import assert_done, demo_ids, wait_job
from tests.support.gui import isolate_settings


def test_gui_on_a_review_file_works_in_its_working_copy_and_offers_return(demo_store, qtbot, tmp_path) -> None:
    from reviewer.gui.app import build_window, make_app
    from reviewer.reviewfiles import pack_review_file

    isolate_settings(tmp_path / "settings")
    make_app("en")
    ids = demo_ids(demo_store)
    rvw = tmp_path / "okafor.rvw"
    pack_review_file(demo_store, "dr-okafor", rvw, study=ids["study_name"])
    w = build_window(str(rvw), interactive=False)  # what `reviewer gui okafor.rvw` opens
    w.persist_settings = False
    qtbot.addWidget(w)
    assert w.rater_name == "dr-okafor"
    assert w.store.path == tmp_path / "okafor.rvw.work" / "review.db"  # autosaves go to the working copy
    ui = w.coordinator_ui
    assert ui is not None and ui.review_source == tmp_path / "okafor.rvw.work"
    file_menu = w.menuBar().actions()[0].menu()
    assert "Return ratings…" in [a.text().replace("&", "") for a in file_menu.actions()]
    assert "Coordinator" not in [a.text().replace("&", "") for a in w.menuBar().actions()]
    w.close()
    w.store.close()


def test_closing_the_window_cancels_and_waits_for_running_jobs(coord_window, demo_store, qtbot) -> None:
    w = coord_window(demo_store, demo_ids(demo_store))
    started, stopped = threading.Event(), threading.Event()

    def endless(progress, is_cancelled):  # noqa: ANN001, ANN202
        started.set()
        n = 0
        while not is_cancelled():
            n += 1
            progress(n, 0)
            time.sleep(0.01)
        stopped.set()
        return n

    job = w.coordinator_ui.jobs.start("endless", endless)
    qtbot.waitUntil(started.is_set, timeout=5000)
    w.close()
    assert stopped.is_set() and not job.is_running()  # close returned only after the job stopped
    qtbot.waitUntil(lambda: job.state == "cancelled", timeout=5000)


def test_edit_criterion_dialog_stores_a_version_with_reason(coord_window, demo_store, qtbot) -> None:
    from reviewer.gui.coordinator.triage_view import EditCriterionDialog

    store = demo_store
    w = coord_window(store, demo_ids(store))
    view = w.coordinator_ui.open_triage()
    wait_job(qtbot, view.job)
    assert_done(view.job)
    row = view.current
    view.ask_edit()
    dialog = view.last_dialog
    assert isinstance(dialog, EditCriterionDialog) and dialog.text.toPlainText() == row.text
    dialog.accept()  # no reason yet: refused, stays open
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.points.setText("three")
    dialog.reason.setText("clearer")
    dialog.accept()
    assert dialog.isVisible() and "number" in dialog.error.text()
    dialog.points.setText("3")
    dialog.tier.setCurrentIndex(dialog.tier.findData("core"))
    dialog.text.setPlainText("Names the single most informative missing detail.")
    dialog.accept()
    assert not dialog.isVisible()
    with store.Session() as s:
        latest = s.scalar(select(func.max(ChecklistVersion.version)).where(ChecklistVersion.case_id == row.case_id))
        cv = s.scalar(select(ChecklistVersion).where(ChecklistVersion.case_id == row.case_id,
                                                     ChecklistVersion.version == latest))
        crit = next(c for c in cv.criteria if c.key == row.key)
    assert latest == row.latest_version + 1 and cv.reason == "clearer"
    assert (crit.text, crit.points, crit.tier) == ("Names the single most informative missing detail.", 3.0, "core")
