"""Re-rating from the app (issue 18): Triage's "Ask for re-rating…" dialog on the demo study, read
back from the database, and the rater screen of a re-rating (banner, carried marks, a changed
answer loses its mark)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from reviewer.checklists import operations as checklist_ops
from reviewer.errors import UnavailableError
from reviewer.store.models import Assignment, Case, ChecklistVersion, CriterionRating, Rater, Rating, Response
from reviewer.store.vocabulary import DRAFT, MET, NOT_MET, RERATE_SOURCE
from tests.support.coordinator import assert_done, demo_ids, wait_job

CASE = "demo-en-02"


def _case_uid(store) -> str:
    with store.Session() as s:
        return s.scalar(select(Case.uid).where(Case.external_id == CASE))


def _reword(store, key_index: int = 0) -> tuple[str, int]:
    """Reword one criterion of the demo case (a new checklist version); (its key, the new version)."""
    uid = _case_uid(store)
    from reviewer.checklists.versions import show_checklist

    with store.Session() as s:
        crit = show_checklist(s, uid).criteria[key_index]
    version = checklist_ops.edit_criterion(store, uid, crit.key, text=crit.text + " (name the dose)",
                                           points=crit.points, tier=crit.tier, author="coord", reason="two readings")
    return crit.key, version


def _open_triage_on(w, qtbot, case: str):
    view = w.coordinator_ui.open_triage()
    view.refresh(n_boot=20)
    wait_job(qtbot, view.job)
    assert_done(view.job)
    row = next(i for i, r in enumerate(view.rows) if r.case == case)
    view.table.selectRow(row)
    assert view.current.case == case and view.rerate_button.isEnabled()
    return view


def test_rerate_dialog_asks_the_ticked_raters_and_the_database_has_their_drafts(coord_window, demo_store, qtbot):
    store = demo_store
    with store.begin() as s:
        s.add(Rater(name="dr-new"))
    ids = demo_ids(store)
    key, new_version = _reword(store)
    w = coord_window(store, ids)
    view = _open_triage_on(w, qtbot, CASE)
    dialog = view.ask_rerate()
    assert dialog is view.last_dialog and dialog.isVisible()
    assert not dialog.empty.isVisibleTo(dialog)
    # every rater of the case rated it on v1: listed and ticked
    assert sorted(dialog.chosen()) == ["dr-chen", "dr-okafor", "dr-patel"]
    frame = dialog.preview_model.frame
    assert len(frame) == 9 and set(frame["asked"]) == {key.rsplit(".", 1)[-1]}
    assert set(frame["versions"]) == {f"v1 → v{new_version}"}
    assert all(key.rsplit(".", 1)[-1] not in c for c in frame["carried"]) and all(c != "–" for c in frame["carried"])
    assert "(name the dose)" in dialog.wording.text()
    # untick one rater (the preview follows), add one new to the case
    dialog.raters.item(dialog.chosen().index("dr-okafor")).setCheckState(Qt.CheckState.Unchecked)
    assert "dr-okafor" not in set(dialog.preview_model.frame["rater"])
    dialog.new_rater.setCurrentIndex(dialog.new_rater.findData("dr-new"))
    dialog.add_selected_rater()
    assert dialog.new_rater.findData("dr-new") == -1
    frame = dialog.preview_model.frame
    assert set(frame["rater"]) == {"dr-chen", "dr-patel", "dr-new"}
    assert set(frame[frame["rater"] == "dr-new"]["versions"]) == {f"new: v{new_version}"}
    with store.Session() as s:  # the preview changed nothing
        assert s.scalar(select(Rating.id).where(Rating.source == RERATE_SOURCE)) is None
    dialog.accept()
    assert not dialog.isVisible() and dialog.report is not None
    assert view.result_dialog is not None and view.result_dialog.isVisible()
    assert "6 ratings to re-rate, 3 new assignments" in view.status.text()
    assert "dr-chen" in view.result_dialog.text.toPlainText()
    with store.Session() as s:
        cv = s.scalar(select(ChecklistVersion.id).join(Case).where(Case.external_id == CASE,
                                                                   ChecklistVersion.version == new_version))
        drafts = s.execute(select(Rater.name, Rating.id, Rating.status).join(Rater, Rating.rater_id == Rater.id)
                           .where(Rating.checklist_version_id == cv, Rating.source == RERATE_SOURCE)).all()
        assert sorted({n for n, _, _ in drafts}) == ["dr-chen", "dr-patel"] and len(drafts) == 6
        assert {status for _, _, status in drafts} == {DRAFT}
        carried = s.scalars(select(CriterionRating.carried).where(CriterionRating.rating_id == drafts[0][1])).all()
        assert carried and all(carried)  # the unchanged criteria are carried, the reworded one left empty
        new_id = s.scalar(select(Rater.id).where(Rater.name == "dr-new"))
        named = s.scalars(select(Assignment.checklist_version_id).where(Assignment.rater_id == new_id)).all()
        assert named == [cv] * 3
    assert view.job is not None  # the ranking is made again
    wait_job(qtbot, view.job)


def test_rerate_dialog_empty_state_and_a_refused_request(coord_window, demo_store, qtbot, monkeypatch):
    store = demo_store
    w = coord_window(store, demo_ids(store))
    view = _open_triage_on(w, qtbot, CASE)
    dialog = view.ask_rerate()  # nothing was reworded: nobody rated an older version
    assert dialog.empty.isVisibleTo(dialog) and "edit a criterion first" in dialog.empty.text()
    assert dialog.chosen() == [] and not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    dialog.reject()
    _reword(store)
    dialog = view.ask_rerate()
    assert len(dialog.chosen()) == 3 and dialog.ok_button.isEnabled()

    def locked(*_a, **_k):
        raise UnavailableError("the study database is locked by another program")

    monkeypatch.setattr(checklist_ops, "rerate_cases", locked)
    dialog.accept()  # refused: said in the dialog, which stays open; nothing is written
    assert dialog.isVisible() and "locked" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    with store.Session() as s:
        assert s.scalar(select(Rating.id).where(Rating.source == RERATE_SOURCE)) is None


def test_rater_screen_shows_the_rerating_banner_and_carried_marks(coord_window, demo_store, qtbot):
    store = demo_store
    ids = demo_ids(store)
    key, version = _reword(store, key_index=1)
    report = checklist_ops.rerate_cases(store, [_case_uid(store)], ["dr-patel"], actor="coord")
    item = report.items[0]
    with store.Session() as s:
        response_id = s.scalar(select(Response.id).where(Response.uid == item.response_uid))
    w = coord_window(store, ids, coordinator=False, rater="dr-patel")
    w.select_response(response_id)
    column = w.active
    assert column.item.response_id == response_id
    assert column.rerate_banner.isVisibleTo(column)
    assert column.rerate_banner.text().startswith("Re-rating on the new checklist version: the answers marked "
                                                  "'carried' are kept")
    rows = {r.criterion.key: r for r in column.checklist.rows[:column.checklist.count]}
    assert not rows[key].carried.isVisibleTo(rows[key]) and rows[key].value is None
    carried_keys = [k for k in item.carried]
    assert carried_keys and all(rows[k].carried.isVisibleTo(rows[k]) for k in carried_keys)
    assert "wording did not change" in rows[carried_keys[0]].carried.toolTip()
    # the focus lands on the reworded criterion, the one to answer
    assert column.checklist.current_criterion().key == key
    # changing a carried answer makes it the rater's own: the mark goes, in the view and the database
    target = rows[carried_keys[0]]
    cid, before = target.criterion.id, target.value
    column.change_criterion(cid, NOT_MET if before == MET else MET)
    assert not target.carried.isVisibleTo(target) and cid not in column.checklist.carried_ids()
    assert all(rows[k].carried.isVisibleTo(rows[k]) for k in carried_keys[1:])
    with store.Session() as s:
        rid = s.scalar(select(Rating.id).where(Rating.response_id == response_id, Rating.source == RERATE_SOURCE))
        assert s.scalar(select(CriterionRating.carried).where(CriterionRating.rating_id == rid,
                                                              CriterionRating.criterion_id == cid)) is False
    # reopened: still the re-rating banner, the changed answer unmarked
    column._prefetched.clear()
    w.select_response(w.model.ids()[0] if w.model.ids()[0] != response_id else w.model.ids()[1])
    w.select_response(response_id)
    assert column.rerate_banner.isVisibleTo(column) and "reworded or added" in column.rerate_banner.text()
    assert cid not in column.checklist.carried_ids()
    assert column.checklist.carried_ids() == {rows[k].criterion.id for k in carried_keys[1:]}


def test_ordinary_item_shows_no_rerating_banner(coord_window, demo_store) -> None:
    store = demo_store
    w = coord_window(store, demo_ids(store), coordinator=False, rater="dr-chen")
    column = w.active
    assert column.item is not None and not column.item.carried
    assert not column.rerate_banner.isVisibleTo(column)
    assert column.checklist.carried_ids() == set()


def test_rerate_takes_every_selected_case(coord_window, demo_store, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    store = demo_store
    _reword(store)
    w = coord_window(store, demo_ids(store))
    view = _open_triage_on(w, qtbot, CASE)
    other = next(i for i, r in enumerate(view.rows) if r.case != CASE)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.table.selectionModel().select(view.model.index(other, 0), flags)
    cases = view.selected_cases()
    assert set(cases.values()) == {CASE, view.rows[other].case}
    dialog = view.ask_rerate()
    assert CASE in dialog.windowTitle() and view.rows[other].case in dialog.windowTitle()
    # only the reworded case has anything to ask; the other case's raters are current already
    assert set(dialog.preview_model.frame["case"]) == {CASE}
    assert "skipped" in dialog.summary.text() and not dialog.summary.text().startswith("0 ratings")
