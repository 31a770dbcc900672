"""Issue 17: in Simplified Chinese, every coordinator window and dialog shows no English word
outside the study's own data (names, categories, criteria, paths) and a short allow-list of terms
and identifiers (benchmark names, backends, file formats, statistics) -- the Agreement tab after an
analysis of the demo study included, on every one of its pages."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from sqlalchemy import select

from tests.support.coordinator import demo_ids, wait_job
from tests.support.gui import isolate_settings

# terms a Chinese coordinator reads as such: benchmarks, backends and devices, file formats,
# statistics symbols, identifiers of modes and template kinds, the install command, key names
ALLOW = {"healthbench", "llmeval-med", "llmeval", "med", "logprob", "generate", "transformers", "vllm", "openai",
         "auto", "cpu", "cuda", "html", "pdf", "xlsx", "csv", "jsonl", "json", "parquet", "rvw", "rvr", "gb", "mb",
         "top-p", "url", "id", "ci", "criterion", "score", "rubric", "pip", "install", "reviewer", "models",
         "alpha", "kappa", "icc", "ac1", "f1", "http", "v1",
         "enter", "j", "k",  # key names: the adjudication view's keys (Enter saves, J / K move)
         "n", "bland", "altman",  # n: the units; Bland–Altman: the name of the plot
         "icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k"}  # the Shrout–Fleiss ICC forms
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")


def _data_strings(store, extra: list[str]) -> list[str]:  # noqa: ANN001
    """Every piece of study data a window may show (longest first, so it is cut out whole)."""
    from reviewer.gui.coordinator.loop_dialogs import pack_name
    from reviewer.judging.operations import list_templates
    from reviewer.store.models import Case, Criterion, JudgeRun, Model, PromptTemplate, Rater, Study

    with store.Session() as s:
        studies, raters = list(s.scalars(select(Study.name))), list(s.scalars(select(Rater.name)))
        data = [*studies, *raters, *s.scalars(select(Model.name)), *s.scalars(select(Case.category)),
                *s.scalars(select(Case.external_id)), *s.scalars(select(JudgeRun.name)),
                *s.scalars(select(PromptTemplate.name)), *s.scalars(select(Criterion.text)),
                *s.scalars(select(Criterion.key)), *extra]
    data += [i.name for i in list_templates(store)] + [pack_name(st, r) for st in studies for r in raters]
    parts = {p.strip() for d in data if d for p in [d, *str(d).split("/")] if p and p.strip()}
    return sorted(parts, key=len, reverse=True)


def interface_texts(root: QWidget) -> list[str]:
    """What the interface itself says: titles, labels, buttons, tabs, combo items, placeholders,
    spin-box texts, tooltips and column titles -- not table cells or text boxes (they hold data)."""
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QComboBox):
            out.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QAbstractSpinBox):
            out.append(w.text())
        elif isinstance(w, QTabWidget):
            out.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None and hasattr(w, "horizontalHeader"):
            m = w.model()
            out.extend(str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(m.columnCount()))
    return [t for t in out if t]


def english_words(texts: list[str], data: list[str]) -> list[str]:
    found = []
    for text in texts:
        text = re.sub(r"<[^>]+>", " ", text)  # rich-text tags
        text = re.sub(r"\(&\w\)|&", "", text)  # mnemonics: "协调员(&C)"
        for d in data:
            text = text.replace(d, " ")
        text = re.sub(r"(/[\w.-]+)+", " ", text)  # paths
        text = re.sub(r"回答 [A-Z]\b", " ", text)  # an answer's blind letter ("回答 B") is data
        found += [w for w in WORD.findall(text) if w.lower() not in ALLOW and not w.lower().startswith("v")
                  or w.lower() == "version"]
    return found


def test_every_coordinator_window_and_dialog_is_chinese(demo_store, qtbot, tmp_path, tiny_llama) -> None:
    from PySide6.QtWidgets import QApplication

    from reviewer.gui.app import make_app
    from reviewer.gui.i18n import install_translator
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations

    isolate_settings(tmp_path / "settings")
    app = make_app("en")
    translator = install_translator(app, "zh_CN")
    try:
        ids = demo_ids(demo_store)
        rater = sorted(ids["raters"])[0]
        w = MainWindow(RatingOperations(demo_store), ids["study"], ids["raters"][rater], rater, True)
        w.persist_settings = False
        ui = w.coordinator_ui
        ui.jobs.show_errors = False
        qtbot.addWidget(w)
        data = _data_strings(demo_store, [str(tmp_path), str(tiny_llama)])
        problems: dict[str, list[str]] = {}

        menu = ui.menu
        words = english_words([menu.title(), *[a.text() for a in menu.actions()]], data)
        if words:
            problems["Coordinator menu"] = words
        dialogs = {"import": ui.open_import(), "assign": ui.open_assign(), "pack": ui.open_pack(),
                   "report": ui.open_report(), "generate": ui.open_generate(), "judge": ui.open_judge(),
                   "templates": ui.open_templates(), "judge runs": ui.open_judge_runs()}
        for name in ("generate", "judge"):
            dialogs[name].model.setText(str(tiny_llama))
            dialogs[name].preview.show_preview()
        for name, dialog in dialogs.items():
            words = english_words(interface_texts(dialog), data)
            if words:
                problems[name] = words
            dialog.reject()
        agreement = ui.open_agreement()
        agreement.n_boot.setValue(50)
        job = agreement.analyse()
        wait_job(qtbot, job, timeout=180000)
        assert job.state == "done", job.error
        pages = [agreement.tabs.widget(i) for i in range(agreement.tabs.count())]
        assert all(p.models or p.lay.count() > 1 for p in pages)  # every page holds what the analysis gave
        for page in pages:
            agreement.tabs.setCurrentWidget(page)
            words = english_words(interface_texts(agreement), data)
            if words:
                problems[f"agreement: {agreement.tabs.tabText(agreement.tabs.currentIndex())}"] = sorted(set(words))
        summary = agreement.pages["summary"].models["summary"]
        shown = [summary.data(summary.index(r, c)) for r in range(summary.rowCount()) for c in range(3)]
        keys = [str(summary.frame.iat[r, c]) for r in range(summary.rowCount()) for c in range(3)]
        # the scope, statistic and level cells read in Chinese; the frame keeps its keys for export
        assert "krippendorff_alpha" in keys and "krippendorff_alpha" not in shown
        assert english_words(shown, data) == []
        triage = ui.open_triage()
        wait_job(qtbot, triage.job)
        # Ask for re-rating: its empty state, then (a criterion reworded) the raters and the preview
        triage.table.selectRow(next(i for i, r in enumerate(triage.rows) if r.case == "demo-en-02"))
        rerate = triage.ask_rerate()
        assert rerate.empty.isVisibleTo(rerate)
        words = english_words(interface_texts(rerate), data)
        if words:
            problems["re-rating (nobody to ask)"] = words
        rerate.reject()
        from reviewer.checklists import operations as checklist_ops

        crit, _v = checklist_ops.latest_criterion(demo_store, triage.current.case_uid, triage.current.key)
        checklist_ops.edit_criterion(demo_store, triage.current.case_uid, crit.key, text="明确说明剂量",
                                     points=crit.points, tier=crit.tier, author="coord", reason="两种读法")
        rerate = triage.ask_rerate()
        assert rerate.chosen() and rerate.preview_model.rowCount() > 0
        words = english_words(interface_texts(rerate), [*data, "明确说明剂量"])
        if words:
            problems["re-rating"] = words
        rerate.accept()
        words = english_words(interface_texts(triage.result_dialog), data)
        if words:
            problems["re-rating result"] = words
        triage.result_dialog.reject()
        wait_job(qtbot, triage.job)
        # analysed again with a reworded criterion and gold labels: the before / after and the gold
        # tables, their titles, columns and notes, in Chinese too
        from reviewer.adjudication.operations import fill_by_majority
        from reviewer.studies.demo import DEMO_NAME

        assert fill_by_majority(demo_store, DEMO_NAME, 2, author="coord")
        agreement = ui.open_agreement()
        job = agreement.analyse()
        wait_job(qtbot, job, timeout=180000)
        assert job.state == "done", job.error
        def shown() -> set[str]:
            return {name for page in agreement.pages.values() for name in page.models}

        qtbot.waitUntil(lambda: "before_after" in shown(), timeout=10000)  # the result is shown after the job
        assert {"before_after", "before_after.judges", "vs_gold"} <= shown(), shown()
        for page in [agreement.tabs.widget(i) for i in range(agreement.tabs.count())]:
            agreement.tabs.setCurrentWidget(page)
            # "judge:" is the prefix the gold table's grader cells give judge runs (data, quoted in a note)
            words = english_words(interface_texts(agreement), [*data, "明确说明剂量", "judge:"])
            if words:
                problems[f"agreement after edits: {agreement.tabs.tabText(agreement.tabs.currentIndex())}"] = \
                    sorted(set(words))
        ui.open_overview()
        adjudication = ui.open_adjudication()  # last: the walk reads the tab on screen
        wait_job(qtbot, adjudication.job)
        assert adjudication.items
        words = english_words(interface_texts(ui.second), data)
        if words:
            problems["coordinator window"] = words
        assert problems == {}
        w.close()
    finally:
        QApplication.instance().removeTranslator(translator)
