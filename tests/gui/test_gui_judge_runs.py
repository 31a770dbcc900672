"""Coordinator > "Judge runs…": lists the runs with their verdict counts and deletes one after the
confirmation (through reviewer.judging.runs), on a real SQLite copy of the demo study."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from reviewer.store.models import AuditEvent, JudgeRun, JudgeVerdict
from tests.support.coordinator import demo_ids
from tests.support.judge_runs import add_failed_run


def _runs(store) -> dict[str, int]:
    with store.Session() as s:
        return dict(s.execute(select(JudgeRun.name, func.count(JudgeVerdict.id))
                              .outerjoin(JudgeVerdict, JudgeVerdict.judge_run_id == JudgeRun.id)
                              .group_by(JudgeRun.name)).all())


def test_dialog_lists_and_deletes(coord_window, demo_store, qtbot) -> None:
    ids = demo_ids(demo_store)
    add_failed_run(demo_store, ids["study"], n_failed=3)
    before = _runs(demo_store)
    w = coord_window(demo_store, ids)
    ui = w.coordinator_ui
    assert "Judge runs…" in [a.text() for a in ui.menu.actions()]
    ui.actions["judge_runs"].trigger()
    dialog = ui.last_dialog
    assert dialog.isVisible()
    table = dialog.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}
    assert set(rows) == {"demo-judge", "failed-run"}
    assert rows["failed-run"][4] == "failed 3" and rows["failed-run"][5] == "0"
    assert rows["failed-run"][2] == "broken-model"
    assert not dialog.delete_button.isEnabled()  # nothing selected yet

    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "failed-run")
    table.selectRow(row)
    assert dialog.delete_button.isEnabled()
    # Cancel on the confirmation deletes nothing
    dialog.delete_button.click()
    assert dialog.confirm is not None and "failed-run" in dialog.confirm.text()
    dialog.confirm.button(QMessageBox.StandardButton.Cancel).click()
    assert _runs(demo_store) == before
    # Yes deletes that run and its verdicts only
    table.selectRow(row)
    dialog.delete_button.click()
    dialog.confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert table.item(0, 0).text() == "demo-judge"
    assert _runs(demo_store) == {"demo-judge": before["demo-judge"]}
    assert "Deleted judge run" in dialog.status.text()
    with demo_store.Session() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "judge_run.delete")).one()
    assert ev.actor == w.rater_name and ev.before["name"] == "failed-run"


def test_open_views_follow_a_deleted_run(coord_window, demo_store, qtbot) -> None:
    """Agreement and Triage, already open, stop offering a run deleted in the dialog (and keep
    the choice the coordinator made when it is still there)."""
    ids = demo_ids(demo_store)
    add_failed_run(demo_store, ids["study"], "second-run", n_failed=2, usable=True)
    w = coord_window(demo_store, ids)
    ui = w.coordinator_ui
    agreement, triage = ui.open_agreement(), ui.open_triage()
    qtbot.waitUntil(lambda: bool(triage.rows), timeout=60000)
    assert triage.rows[0].judge_run == "second-run"  # Triage ranks with the newest run first

    def offered(combo) -> list:  # noqa: ANN001
        return [combo.itemData(i) for i in range(combo.count())]

    assert "second-run" in offered(agreement.judge) and "second-run" in offered(triage.judge)
    agreement.judge.setCurrentIndex(agreement.judge.findData("demo-judge"))
    ui.actions["judge_runs"].trigger()
    dialog = ui.last_dialog
    assert dialog.delete("second-run") == 2
    assert offered(agreement.judge) == [None, "demo-judge"]
    assert offered(triage.judge) == ["demo-judge", ""]
    assert agreement.judge.currentData() == "demo-judge"
    # Triage's ranking used the deleted run: it is made again with the run now chosen
    qtbot.waitUntil(lambda: bool(triage.rows) and triage.rows[0].judge_run == "demo-judge", timeout=60000)
    triage.select_row(1)
    assert triage.report is not None and "demo-judge" not in triage.status.text()
