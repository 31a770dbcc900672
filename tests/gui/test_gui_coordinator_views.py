"""Agreement and triage views on the demo study, the template editor, and review-file return/merge."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from reviewer.store.models import ChecklistVersion, PromptTemplate, Rating
from tests.support.coordinator import assert_done, demo_ids, wait_job

N_BOOT = 40


def test_agreement_view_shows_the_analysis_numbers_and_exports_html(coord_window, demo_store, qtbot,
                                                                    tmp_path) -> None:
    from reviewer.agreement.service import analyze_study

    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    view = w.coordinator_ui.open_agreement()
    view.n_boot.setValue(N_BOOT)
    job = view.analyse()
    wait_job(qtbot, job)
    assert_done(job)
    expected = analyze_study(store, ids["study_name"], n_boot=N_BOOT, seed=0)
    alpha = expected.overall.set_index("statistic").loc["krippendorff_alpha"]
    summary = view.pages["summary"].models["summary"]
    frame = summary.frame
    row = frame.index[(frame["scope"] == "criteria (pooled)") & (frame["statistic"] == "krippendorff_alpha")][0]
    col = list(frame.columns)
    shown = [summary.data(summary.index(row, col.index(c))) for c in ("value", "ci_low", "ci_high")]
    assert shown == [f"{alpha['value']:.3f}", f"{alpha['ci_low']:.3f}", f"{alpha['ci_high']:.3f}"]
    judge = expected.judges[-1]
    hb = frame[(frame["scope"] == f"judge {judge.judge_run}") & (frame["statistic"] == "pairwise_macro_f1")]
    assert round(float(hb["value"].iloc[0]), 3) == round(judge.healthbench.judge.value, 3)
    # criteria worst first, raters, the judge page and the three kinds of plot are all there
    crit = view.pages["criteria"].models["by_criterion"].frame
    assert len(crit) == expected.counts["criteria"]
    alphas = crit["alpha"].dropna().tolist()
    assert alphas == sorted(alphas)
    assert set(view.pages["raters"].models["raters"].frame["rater"]) == set(ids["raters"])
    assert any(name.startswith("judge[") for name in view.pages["judges"].models)
    figures = {lbl.objectName() for lbl in view.pages["plots"].body.findChildren(type(view.status))
               if lbl.objectName().startswith("figure:")}
    assert {"figure:rater_heatmap", f"figure:judge[{judge.judge_run}].confusion",
            f"figure:judge[{judge.judge_run}].bland_altman"} <= figures
    # a filter changes the numbers the same way the service does
    cat = view.category.findData("医疗知识")
    view.category.setCurrentIndex(cat)
    job = view.analyse()
    wait_job(qtbot, job)
    assert_done(job)
    filtered = analyze_study(store, ids["study_name"], categories=["医疗知识"], n_boot=N_BOOT, seed=0)
    assert view.result.counts == filtered.counts and view.result.counts["cases"] == 2
    # export
    out = tmp_path / "report.html"
    job = view.export(out)
    wait_job(qtbot, job)
    assert_done(job)
    html = out.read_text("utf-8")
    assert "Agreement report" in html and "<img" in html
    assert view.progress.value() == view.progress.maximum()


def test_triage_edit_makes_a_new_version_and_rejudge_compares_both(coord_window, demo_store, qtbot,
                                                                   tiny_llama) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    view = w.coordinator_ui.open_triage()
    wait_job(qtbot, view.job)
    assert_done(view.job)
    assert len(view.rows) > 0 and view.model.rowCount() == len(view.rows)
    assert [r.trouble for r in view.rows] == sorted((r.trouble for r in view.rows), reverse=True)
    top = view.rows[0]
    assert view.current == top  # the worst criterion is selected and its disagreements shown
    assert view.dis_model.rowCount() == len(view.report.rows) > 0
    assert set(top_raters := view.report.rows[0].rater_values) <= set(view.dis_model.frame.columns)
    assert top_raters
    with store.Session() as s:
        before = s.scalar(select(func.max(ChecklistVersion.version)).where(ChecklistVersion.case_id == top.case_id))
    new = view.apply_edit(top.text + " (state the dose explicitly)", 2.0, None, "raters read it two ways",
                          base_version=top.latest_version)
    assert new == before + 1
    with store.Session() as s:
        cv = s.scalar(select(ChecklistVersion).where(ChecklistVersion.case_id == top.case_id,
                                                     ChecklistVersion.version == new))
        assert cv.reason == "raters read it two ways" and cv.author == w.rater_name
        crit = next(c for c in cv.criteria if c.key == top.key)
        assert crit.text.endswith("(state the dose explicitly)") and crit.points == 2.0
    job = view.rejudge({"model": str(tiny_llama), "template": "healthbench", "mode": "logprob",
                        "backend": "transformers", "device": "cpu", "threshold": 0.5, "max_new_tokens": 8,
                        "base_url": None, "name": None})
    wait_job(qtbot, job, timeout=120000)
    assert_done(job)
    table = view.comparison
    assert table is not None and f"v{top.version} vs v{new}" in table.title
    assert table.old_run == top.judge_run and table.new_run == f"rejudge-{top.case}-v{new}"
    assert view.cmp_box.isVisibleTo(view)  # shown with the view, whether or not the view is on screen
    assert view.cmp_model.rowCount() == len(table.rows) + 1
    assert f"agreement v{new}" in view.cmp_model.frame.columns


def test_template_editor_saves_a_version_and_diffs(coord_window, demo_store) -> None:
    store = demo_store
    ids = demo_ids(store)
    w = coord_window(store, ids)
    editor = w.coordinator_ui.open_templates()
    names = [i.name for i in editor.infos]
    row = names.index("healthbench")
    editor.versions.setCurrentIndex(editor.list_model.index(row, 0))
    text = editor.editor.toPlainText()
    assert "rubric item" in text
    editor.editor.setPlainText(text + "\nBe strict about doses.\n")
    editor.reason.setText("stricter on doses")
    saved = editor.save()
    assert saved is not None and saved[0] == "healthbench" and saved[1] >= 2
    with store.Session() as s:
        rows = s.scalars(select(PromptTemplate).where(PromptTemplate.name == "healthbench")
                         .order_by(PromptTemplate.version)).all()
    assert rows[-1].version == saved[1] and rows[-1].reason == "stricter on doses"
    assert rows[-1].author == w.rater_name and "Be strict about doses." in rows[-1].content
    diff = editor.show_diff()
    assert "+Be strict about doses." in diff
    editor.reason.setText("again")
    assert editor.save() is None and "same" in editor.message.text()  # unchanged text is refused


def test_return_from_a_review_file_window_then_merge_in_the_coordinator(coord_window, demo_store, qtbot,
                                                                         tmp_path: Path) -> None:
    from reviewer.gui.coordinator.reviewfile_actions import (
        MergeReportDialog,
        default_return_path,
        write_return,
    )
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations
    from reviewer.reviewfiles import open_review_file, pack_review_file

    store = demo_store
    ids = demo_ids(store)
    rater = "dr-chen"
    rvw = tmp_path / "chen.rvw"
    pack_review_file(store, rater, rvw, study=ids["study_name"])
    work_store, manifest = open_review_file(rvw)
    with work_store.begin() as s:  # an offline change the merge must bring back
        rating = s.scalar(select(Rating).order_by(Rating.id).limit(1))
        rating.comment = "changed offline"
    with work_store.Session() as s:
        from reviewer.store.models import Rater, Study

        rid = s.scalar(select(Rater.id).where(Rater.uid == manifest["rater_uid"]))
        sid = s.scalar(select(Study.id).where(Study.uid == manifest["study_uid"]))
    rater_window = MainWindow(RatingOperations(work_store), sid, rid, rater, False)
    rater_window.persist_settings = False
    qtbot.addWidget(rater_window)
    ui = rater_window.coordinator_ui
    assert ui is not None and "return" in ui.actions and "generate" not in ui.actions
    out = default_return_path(ui.review_source, rater)
    assert out.name == "chen-dr-chen.rvr"
    ret = write_return(rater_window, tmp_path / out.name)
    assert ret["counts"]["ratings"] > 0
    rater_window.close()
    work_store.close()

    w = coord_window(store, ids)
    job = w.coordinator_ui.open_merge([str(tmp_path / out.name)])
    wait_job(qtbot, job)
    assert_done(job)
    report = w.coordinator_ui.last_merge_report
    assert report.files[0].rater == rater and Path(report.backup).exists()
    f = report.files[0]
    assert len(f.updated) == 1 and len(f.inserted) + len(f.updated) + len(f.unchanged) + len(f.conflicts) \
        == ret["counts"]["ratings"]
    dialog = w.coordinator_ui.last_dialog
    assert isinstance(dialog, MergeReportDialog) and report.backup in dialog.text.toPlainText()
    # the same return again: nothing changed, no backup, and the dialog says so
    job = w.coordinator_ui.open_merge([str(tmp_path / out.name)])
    wait_job(qtbot, job)
    assert_done(job)
    again = w.coordinator_ui.last_merge_report
    assert again.backup is None and again.files[0].already_merged
    assert "nothing changed" in w.coordinator_ui.last_dialog.head.text()
    with store.Session() as s:
        assert s.scalar(select(func.count(Rating.id)).where(Rating.comment == "changed offline")) == 1
