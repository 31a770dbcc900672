"""The Agreement view (coordinator): the agreement report's tables and plots, filtered, and exported.

"Analyse" runs :func:`reviewer.agreement.service.analyze_study` and then
:func:`reviewer.reports.agreement_report.build_agreement_report` in one background job, so the
screen shows exactly the tables and figures of the report (summary, criteria worst first, raters,
groups, each judge run against the physicians, confusion matrix, Bland–Altman, rater heat map) and
"Export report…" writes that same document with :func:`reviewer.reports.writers.write_report`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.coordinator import agreement_labels as labels
from reviewer.gui.coordinator.frame_model import DataFrameModel, fit_columns, make_table_view, set_combo_items
from reviewer.gui.coordinator.jobs import JobManager
from reviewer.gui.safe_text import plain_label
from reviewer.store import Store
from reviewer.store.vocabulary import split_category
from reviewer.studies.operations import study_choices

LOW_ALPHA = 0.667  # Krippendorff's lowest limit for tentative conclusions
PAGES = ("summary", "criteria", "raters", "judges", "groups", "plots")


def _page_of(table_name: str) -> str:
    if table_name == "summary" or table_name == "overall_score":
        return "summary"
    if table_name == "by_criterion" or table_name.startswith("before_after"):  # criteria, before / after edits
        return "criteria"
    if table_name in ("raters", "rater_pairs"):
        return "raters"
    if table_name.startswith("judge[") or table_name == "vs_gold":  # graders against the gold labels
        return "judges"
    return "groups"


def _low_alpha(row: pd.Series) -> str | None:
    for col in ("alpha", "value"):
        if col in row.index and row.get("statistic", "krippendorff_alpha") in ("krippendorff_alpha",) \
                and isinstance(row[col], float) and row[col] == row[col] and row[col] < LOW_ALPHA:
            return "#fdecec"
    return None


class TablePage(QScrollArea):
    """A scrolling page of titled tables (each a QTableView over a DataFrameModel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.body = QWidget()
        self.lay = QVBoxLayout(self.body)
        self.lay.addStretch(1)
        self.setWidget(self.body)
        self.models: dict[str, DataFrameModel] = {}

    def clear(self) -> None:
        while self.lay.count() > 1:
            item = self.lay.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.models.clear()

    def add_table(self, name: str, title: str, frame: pd.DataFrame, note: str = "") -> DataFrameModel:
        label = plain_label(labels.table_title(name, title))
        label.setObjectName("SectionTitle")
        note = labels.table_note(name, note, frame)
        model = DataFrameModel(frame, self, headers=labels.headers(frame.columns),
                               display=labels.cell_display(frame.columns), row_color=_low_alpha)
        view = make_table_view(model, stretch_last=False)
        view.setObjectName(f"table:{name}")
        fit_columns(view)
        height = 30 + 24 * max(min(len(frame), 26), 1) + 20  # room for a horizontal scroll bar
        view.setMinimumHeight(height)
        view.setMaximumHeight(height)
        pos = self.lay.count() - 1
        self.lay.insertWidget(pos, label)
        if note:
            n = plain_label(note)
            n.setObjectName("Subtle")
            n.setWordWrap(True)
            self.lay.insertWidget(pos + 1, n)
            pos += 1
        self.lay.insertWidget(pos + 1, view)
        self.models[name] = model
        return model

    def add_widget(self, widget: QWidget) -> None:
        self.lay.insertWidget(self.lay.count() - 1, widget)


class AgreementView(QWidget):
    """Filters (category, model, judge run, resamples), Analyse, tabs of tables and plots, Export."""

    def __init__(self, store: Store, study_id: int, jobs: JobManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.study_id, self.jobs = store, study_id, jobs
        self.result: Any = None
        self.document: Any = None
        self.job = None
        choices = study_choices(store, study_id)
        self.study_name = choices.name
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        areas = {split_category(c)[0] for c in choices.categories}
        for c in sorted(set(choices.categories) | areas):
            self.category.addItem(c, c)
        self.model = QComboBox()
        self.model.addItem(self.tr("All models"), None)
        for m in choices.models:
            self.model.addItem(m, m)
        self.judge = QComboBox()
        self._fill_judge_runs(choices.judge_runs)
        self.n_boot = QSpinBox()
        self.n_boot.setRange(0, 100000)
        self.n_boot.setSingleStep(100)
        self.n_boot.setValue(1000)
        self.n_boot.setPrefix(self.tr("resamples: "))
        self.analyse_button = QPushButton(self.tr("Analyse"))
        self.analyse_button.clicked.connect(self.analyse)
        self.export_button = QPushButton(self.tr("Export report…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.ask_export)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = plain_label(self.tr("Choose filters and press Analyse."))
        self.status.setObjectName("Subtle")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        for w in (self.category, self.model, self.judge, self.n_boot):
            bar.addWidget(w, 1)
        bar.addWidget(self.analyse_button)
        bar.addWidget(self.export_button)
        self.tabs = QTabWidget()
        self.pages: dict[str, TablePage] = {}
        titles = {"summary": self.tr("Summary"), "criteria": self.tr("Criteria, worst first"),
                  "raters": self.tr("Raters"), "judges": self.tr("Judge vs physicians"),
                  "groups": self.tr("By category and model"), "plots": self.tr("Plots")}
        for key in PAGES:
            page = TablePage()
            self.pages[key] = page
            self.tabs.addTab(page, titles[key])
        lay = QVBoxLayout(self)
        title = plain_label(self.tr("Agreement — %s") % self.study_name)
        title.setObjectName("PaneTitle")
        lay.addWidget(title)
        lay.addLayout(bar)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.status, 3)
        lay.addLayout(prog)
        lay.addWidget(self.tabs, 1)

    def filters(self) -> dict[str, Any]:
        cat, model = self.category.currentData(), self.model.currentData()
        return {"categories": [cat] if cat else None, "models": [model] if model else None,
                "judge_run": self.judge.currentData(), "n_boot": self.n_boot.value()}

    def _fill_judge_runs(self, names: list[str]) -> None:
        set_combo_items(self.judge, [(self.tr("All judge runs"), None), *((r, r) for r in names)])

    def reload_judge_runs(self) -> None:
        """Offer the study's judge runs as they are now (one was added or deleted)."""
        self._fill_judge_runs(study_choices(self.store, self.study_id).judge_runs)

    def analyse(self) -> Any:
        """Start the analysis job (returns it); the tabs fill in when it finishes."""
        f = self.filters()
        store, study = self.store, self.study_name
        building = self.tr("tables and plots")

        def fn(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> Any:
            from reviewer.agreement.service import analyze_study
            from reviewer.reports.agreement_report import build_agreement_report

            result = analyze_study(store, study, f["judge_run"], categories=f["categories"], models=f["models"],
                                   n_boot=f["n_boot"], seed=0, is_cancelled=is_cancelled,
                                   progress=lambda step, frac: progress(int(frac * 80), 100, step))
            doc = build_agreement_report(result, progress=lambda i, n: progress(80 + 20 * i // n, 100,
                                                                                building))
            return result, doc

        self.analyse_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Analysing…"))
        self.job = self.jobs.start(self.tr("Agreement analysis — %s") % study, fn, on_done=self._show,
                                   on_failed=self._failed)
        self.job.progress.connect(self._progress)
        return self.job

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if text:
            self.status.setText(text)

    def _failed(self, message: str) -> None:
        self.analyse_button.setEnabled(True)
        self.status.setText(message)

    def _show(self, payload: Any) -> None:
        self.analyse_button.setEnabled(True)
        if payload is None:  # cancelled
            self.status.setText(self.tr("Analysis cancelled."))
            return
        self.result, self.document = payload
        for page in self.pages.values():
            page.clear()
        for table in self.document.tables():
            page = self.pages[_page_of(table.name)]
            page.add_table(table.name, table.title, table.frame, table.note)  # every row: it scrolls
        plots = self.pages["plots"]
        for fig in self.document.figures():
            label = plain_label(labels.figure_title(fig.name, fig.title))
            label.setObjectName("SectionTitle")
            image = plain_label()
            image.setObjectName(f"figure:{fig.name}")
            pix = QPixmap()
            pix.loadFromData(fig.png, "PNG")
            image.setPixmap(pix)
            image.setAlignment(Qt.AlignmentFlag.AlignLeft)
            plots.add_widget(label)
            plots.add_widget(image)
            if fig.note:
                note = plain_label(labels.figure_note(fig.name, fig.note))
                note.setObjectName("Subtle")
                plots.add_widget(note)
        c = self.result.counts
        self.status.setText(self.tr("%d ratings by %d raters on %d responses, %d criteria; %d judge run(s); "
                                    "%d resamples. Rows in red: alpha below 0.667.")
                            % (c["ratings"], c["raters"], c["responses"], c["criteria"], c["judge_runs"],
                               self.result.n_boot))
        self.export_button.setEnabled(True)

    # -- export ---------------------------------------------------------------------------------
    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), f"agreement-{self.study_name}.html",
            self.tr("HTML (*.html);;PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export(path)

    def export(self, path: str | Path) -> Any:
        """Write the analysed report to *path* (format from the suffix) in a job; returns the job."""
        doc = self.document
        if doc is None:
            return None

        def fn(progress: Callable[..., None], _is_cancelled: Callable[[], bool]) -> Any:
            from reviewer.reports.writers import write_report

            return write_report(doc, path, progress=lambda d, t: progress(d, t, ""))

        self.status.setText(self.tr("Writing %s…") % path)
        job = self.jobs.start(self.tr("Export report — %s") % Path(path).name, fn,
                              on_done=lambda out: self.status.setText(self.tr("Report written to %s") % out),
                              on_failed=lambda msg: self.status.setText(msg))
        job.progress.connect(self._progress)
        return job
