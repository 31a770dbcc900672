"""Issue 17: the coordinator's whole loop from the app alone -- import, assign, pack, merge a
return, write the report -- driven through the dialogs on a real SQLite study, then the files
and the rows checked; the study overview's counts checked against plain SQL on the same file."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from reviewer.store.models import Assignment, Rater, Response
from tests.support.coordinator import assert_done, demo_ids, wait_job


def _ok(qtbot, dialog) -> object:  # noqa: ANN001
    """Press the dialog's OK button; return the job it started (waited for)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    wait_job(qtbot, dialog.job)
    assert_done(dialog.job)
    return dialog.job


def test_coordinator_assigns_packs_and_reports_from_the_app_alone(coord_window, demo_store, qtbot, tmp_path) -> None:
    from reviewer.gui.coordinator.dialog_parts import ResultDialog
    from reviewer.gui.coordinator.loop_dialogs import AssignDialog, PackDialog
    from reviewer.gui.coordinator.report_dialog import ReportDialog

    ids = demo_ids(demo_store)
    w = coord_window(demo_store, ids)
    ui = w.coordinator_ui

    # Assign: two new raters, two per answer, replacing nothing of the others
    dialog = ui.open_assign()
    assert isinstance(dialog, AssignDialog)
    dialog.raters.set_checked([])
    dialog.new_raters.setText("dr-new-a, dr-new-b")
    dialog.per_response.setValue(3)
    dialog.accept()  # three per answer with two raters: refused, stays open
    assert dialog.isVisible() and "3" in dialog.error.text()
    dialog.per_response.setValue(2)
    dialog.replace.setChecked(False)
    _ok(qtbot, dialog)
    assert isinstance(ui.last_dialog, ResultDialog) and "dr-new-a" in ui.last_dialog.text.toPlainText()
    with demo_store.Session() as s:
        n_responses = s.scalar(select(func.count()).select_from(Response))
        per_rater = dict(s.execute(select(Rater.name, func.count()).join(Assignment, Assignment.rater_id == Rater.id)
                                   .where(Rater.name.in_(["dr-new-a", "dr-new-b"])).group_by(Rater.name)).all())
    assert per_rater == {"dr-new-a": n_responses, "dr-new-b": n_responses}  # overlap 1, two per answer

    # Pack: one review file per chosen rater, into the chosen folder
    dialog = ui.open_pack()
    assert isinstance(dialog, PackDialog)
    assert {"dr-new-a", "dr-new-b"} <= set(dialog.raters.checked())
    dialog.raters.set_checked(["dr-new-a", "dr-new-b"])
    dialog.folder.setText(str(tmp_path / "out"))
    assert "Demo_study-dr-new-a.rvw" in dialog.names.text()
    _ok(qtbot, dialog)
    files = sorted((tmp_path / "out").glob("*.rvw"))
    assert [f.name for f in files] == ["Demo_study-dr-new-a.rvw", "Demo_study-dr-new-b.rvw"]
    with zipfile.ZipFile(files[0]) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["rater_name"] == "dr-new-a" and manifest["item_count"] == n_responses

    # Report: HTML and CSV side by side, a small bootstrap
    dialog = ui.open_report()
    assert isinstance(dialog, ReportDialog)
    dialog.output.setText(str(tmp_path / "report"))
    dialog.formats[".csv"].setChecked(True)
    dialog.bootstrap.setValue(20)
    _ok(qtbot, dialog)
    html, csv = tmp_path / "report.html", tmp_path / "report.csv"
    assert html.stat().st_size > 10_000 and csv.stat().st_size > 1_000
    assert ids["study_name"] in html.read_text("utf-8")
    assert "table" in csv.read_text("utf-8").splitlines()[0]


def test_pack_refuses_without_a_folder_and_names_every_file(coord_window, demo_store, qtbot) -> None:
    w = coord_window(demo_store, demo_ids(demo_store))
    dialog = w.coordinator_ui.open_pack()
    dialog.folder.setText("")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.job is None
    dialog.raters.set_checked([])
    assert dialog.problem() is not None


def test_import_lands_answers_and_a_bad_line_changes_nothing(coord_window, demo_store, qtbot, tmp_path) -> None:
    from reviewer.gui.coordinator.loop_dialogs import ImportDialog

    ids = demo_ids(demo_store)
    w = coord_window(demo_store, ids)
    ui = w.coordinator_ui
    with demo_store.Session() as s:
        before = s.scalar(select(func.count()).select_from(Response))
        case_id = s.execute(select(Response.case_id)).first()[0]
        from reviewer.store.models import Case

        external = s.scalar(select(Case.external_id).where(Case.id == case_id))
    good = tmp_path / "answers.jsonl"
    good.write_text(json.dumps({"case_id": external, "model": "new-model", "response": "Rest and fluids."}) + "\n",
                    "utf-8")
    dialog = ui.open_import()
    assert isinstance(dialog, ImportDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("verdicts"))
    dialog.file.setText(str(good))
    dialog.accept()  # verdicts without a judge run name: refused in the dialog
    assert dialog.isVisible() and "--judge" in dialog.error.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("responses"))
    _ok(qtbot, dialog)
    with demo_store.Session() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == before + 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"case_id": external, "model": "m2", "response": "ok"}) + "\n{not json\n", "utf-8")
    dialog = ui.open_import()
    dialog.kind.setCurrentIndex(dialog.kind.findData("responses"))
    dialog.file.setText(str(bad))
    dialog.accept()
    wait_job(qtbot, dialog.job)
    assert dialog.job.state == "failed" and "bad.jsonl" in dialog.job.error and "line 2" in dialog.job.error
    with demo_store.Session() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == before + 1  # nothing of the bad file


def _expected_overview(db: Path, study_id: int) -> dict[str, tuple[int, int, int, int]]:
    """(assigned, submitted, drafts, outstanding) per rater, by plain SQL on the file."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("""
            SELECT r.name, COUNT(a.id),
                   SUM(CASE WHEN g.status = 'submitted' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN g.status = 'draft' THEN 1 ELSE 0 END)
            FROM assignment a JOIN rater r ON r.id = a.rater_id
            LEFT JOIN rating g ON g.rater_id = a.rater_id AND g.response_id = a.response_id
            WHERE a.study_id = ? GROUP BY r.name""", (study_id,)).fetchall()
    finally:
        con.close()
    return {name: (n, sub or 0, dr or 0, n - (sub or 0)) for name, n, sub, dr in rows}


def test_overview_shows_correct_counts_and_the_last_return(coord_window, demo_store, qtbot, tmp_path) -> None:
    from sqlalchemy import select

    from reviewer import rating as R
    from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
    from reviewer.store.models import Rater, Study

    ids = demo_ids(demo_store)
    rater = sorted(ids["raters"])[0]
    rvw = tmp_path / "r.rvw"
    pack_review_file(demo_store, rater, rvw, study=ids["study_name"])
    work, _ = open_review_file(rvw)  # the rater writes a comment offline (a return that changes nothing
    with work.begin() as s:          # is not recorded as merged)
        rid = s.scalar(select(Rater.id))
        R.set_comment(s, rid, R.work_queue(s, s.scalar(select(Study.id)), rid)[0].response_id, "seen offline")
    work.close()
    write_return_file(rvw, tmp_path / "r.rvr")
    merge_return_files(demo_store, [tmp_path / "r.rvr"], actor="coord", study=ids["study_name"])

    w = coord_window(demo_store, ids)
    view = w.coordinator_ui.open_overview()
    expected = _expected_overview(demo_store.path, ids["study"])
    assert expected and all(n > 0 for n, *_ in expected.values())
    shown = {view.model.value(i, "rater"): tuple(int(view.model.value(i, c)) for c in
                                                 ("assigned", "submitted", "drafts", "outstanding"))
             for i in range(view.model.rowCount())}
    assert {k: v for k, v in shown.items() if k in expected} == expected
    row = next(i for i in range(view.model.rowCount()) if view.model.value(i, "rater") == rater)
    assert view.model.value(row, "last_return_file").endswith("r.rvr")
    assert view.model.value(row, "last_return") != "–"
    others = [i for i in range(view.model.rowCount()) if view.model.value(i, "rater") != rater]
    assert all(view.model.value(i, "last_return") == "–" for i in others)
    total_outstanding = sum(v[3] for v in expected.values())
    assert f"{total_outstanding} assigned answers outstanding" in view.totals.text()


def test_overview_numbers_are_right_aligned(coord_window, demo_store, qtbot) -> None:
    from PySide6.QtCore import Qt

    w = coord_window(demo_store, demo_ids(demo_store))
    view = w.coordinator_ui.open_overview()
    m = view.model
    col = list(m.frame.columns).index("assigned")
    align = m.data(m.index(0, col), Qt.ItemDataRole.TextAlignmentRole)
    assert align is not None and align & int(Qt.AlignmentFlag.AlignRight)


def test_pack_only_answers_not_yet_rated(coord_window, demo_store, qtbot, tmp_path) -> None:
    """Issue 20: the checkbox packs each rater's unsubmitted answers only; a rater with none left is
    named in the result, and the others are still packed."""
    from reviewer.gui.coordinator.dialog_parts import ResultDialog
    from reviewer.store.models import Rating

    w = coord_window(demo_store, demo_ids(demo_store))
    ui = w.coordinator_ui
    with demo_store.begin() as s:
        todo = {}
        for name, rid in s.execute(select(Rater.name, Rater.id).join(Assignment, Assignment.rater_id == Rater.id)
                                   .distinct()).all():
            done = set(s.scalars(select(Rating.response_id).where(Rating.rater_id == rid, Rating.status == "submitted")))
            todo[name] = [a for a in s.scalars(select(Assignment.response_id).where(Assignment.rater_id == rid))
                          if a not in done]
        finished, busy = sorted(todo)[:2]
        fid, bid = (s.scalar(select(Rater.id).where(Rater.name == n)) for n in (finished, busy))
        for resp in todo[finished]:  # this rater submits whatever is left: nothing new for them
            row = s.scalar(select(Rating).where(Rating.rater_id == fid, Rating.response_id == resp))
            if row is None:
                s.add(Rating(rater_id=fid, response_id=resp, status="submitted"))
            else:
                row.status = "submitted"
        for row in s.scalars(select(Rating).where(Rating.rater_id == bid).order_by(Rating.id).limit(2)):
            row.status = "draft"  # taken back to a draft: to be rated again
        done = set(s.scalars(select(Rating.response_id).where(Rating.rater_id == bid, Rating.status == "submitted")))
        assigned = s.scalars(select(Assignment.response_id).where(Assignment.rater_id == bid)).all()
        todo[busy] = [a for a in assigned if a not in done]
    assert 0 < len(todo[busy]) < len(assigned)
    dialog = ui.open_pack()
    assert dialog.new_only.text() == "Only answers not yet rated" and not dialog.new_only.isChecked()
    dialog.raters.set_checked([finished, busy])
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.new_only.setChecked(True)
    assert dialog.params()["new_only"] is True
    _ok(qtbot, dialog)
    files = sorted((tmp_path / "out").glob("*.rvw"))
    assert [f.name for f in files] == [f"Demo_study-{busy}.rvw"]
    with zipfile.ZipFile(files[0]) as z:
        assert json.loads(z.read("manifest.json"))["item_count"] == len(todo[busy])
    assert isinstance(ui.last_dialog, ResultDialog)
    assert f"nothing new to rate for {finished}" in ui.last_dialog.text.toPlainText()
