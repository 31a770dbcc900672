"""Coordinator › Report…: ``reviewer report -o FILE…`` as a dialog (the same options: formats,
judge run, categories, models, bootstrap resamples, seed), run as a cancellable job that analyses
the study once and writes every chosen format beside each other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from reviewer.files import safe_file_name
from reviewer.gui.coordinator.dialog_parts import (
    CheckList,
    FilePicker,
    LoopDialog,
    finish_buttons,
    show_result,
    subtle,
)
from reviewer.studies.operations import study_choices

FORMATS = (".html", ".pdf", ".xlsx", ".csv")


class ReportDialog(LoopDialog):
    """Where and in which formats to write the agreement report, and what it covers."""

    def __init__(self, ui: Any, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        w = ui.window
        self.setWindowTitle(self.tr("Write the agreement report"))
        self.setMinimumWidth(640)
        choices = study_choices(w.store, w.study_id)
        self.output = FilePicker("save", self.tr("Report file"), self.tr("Reports (*.html *.pdf *.xlsx *.csv)"))
        db = getattr(w.store, "path", None)
        safe = safe_file_name(choices.name, "study")
        self.output.setText(str((Path(db).parent if db is not None else Path.cwd()) / f"{safe}-agreement"))
        self.formats = {ext: QCheckBox(ext[1:].upper()) for ext in FORMATS}
        self.formats[".html"].setChecked(True)
        fmt_row = QHBoxLayout()
        for box in self.formats.values():
            fmt_row.addWidget(box)
        fmt_row.addStretch(1)
        self.judge_run = QComboBox()
        self.judge_run.addItem(self.tr("every judge run"), None)
        for name in choices.judge_runs:
            self.judge_run.addItem(name, name)
        self.categories = CheckList(list(choices.categories), set())
        self.models = CheckList(list(choices.models), set())
        self.bootstrap = QSpinBox()
        self.bootstrap.setRange(0, 100000)
        self.bootstrap.setSingleStep(100)
        self.bootstrap.setValue(1000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        form = QFormLayout()
        form.addRow(self.tr("File (without extension)"), self.output)
        form.addRow(self.tr("Formats"), fmt_row)
        form.addRow(self.tr("Judge run"), self.judge_run)
        form.addRow(self.tr("Categories (none ticked: all)"), self.categories)
        form.addRow(self.tr("Models (none ticked: all)"), self.models)
        form.addRow(self.tr("Bootstrap resamples"), self.bootstrap)
        form.addRow(self.tr("Seed"), self.seed)
        buttons = finish_buttons(self, self.tr("Write report"))
        lay = QVBoxLayout(self)
        lay.addWidget(subtle(self.tr("Rater–rater and judge–rater agreement with bootstrap intervals, broken down by "
                                "criterion, category, model and rater. HTML is one self-contained file; XLSX "
                                "has one sheet per table; CSV stacks every table.")))
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def paths(self) -> list[Path]:
        base = Path(self.output.text())
        if base.suffix.lower() in FORMATS:
            base = base.with_suffix("")
        return [base.with_name(base.name + ext) for ext, box in self.formats.items() if box.isChecked()]

    def params(self) -> dict[str, Any]:
        return {"outputs": [str(p) for p in self.paths()], "judge_run": self.judge_run.currentData(),
                "categories": self.categories.checked() or None, "models": self.models.checked() or None,
                "n_boot": self.bootstrap.value(), "seed": self.seed.value()}

    def problem(self) -> str | None:
        if not self.output.text():
            return self.tr("Choose where to write the report.")
        if not self.paths():
            return self.tr("Tick at least one format.")
        folder = self.paths()[0].parent
        if not folder.is_dir():
            return self.tr("No such folder: %s") % folder
        return None

    def start(self) -> Any:
        p, ui, w = self.params(), self.ui, self.ui.window
        store, study = w.store, w.study_name
        writing = self.tr("writing %s")

        def fn(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> Any:
            from reviewer.agreement.service import analyze_study
            from reviewer.reports.agreement_report import build_agreement_report
            from reviewer.reports.writers import write_report

            result = analyze_study(store, study, p["judge_run"], categories=p["categories"], models=p["models"],
                                   n_boot=p["n_boot"], seed=p["seed"], is_cancelled=is_cancelled,
                                   progress=lambda step, frac: progress(int(frac * 70), 100, step))
            doc = build_agreement_report(result)
            written = []
            for i, out in enumerate(p["outputs"]):
                if is_cancelled():
                    break
                progress(70 + 30 * i // len(p["outputs"]), 100, writing % Path(out).name)
                written.append(write_report(doc, out))
            progress(100, 100, "")
            return written

        def done(written: Any) -> None:
            if written is None:
                return
            show_result(ui, self.tr("Report"), self.tr("%d report files written.") % len(written),
                        [f"{path}  ({path.stat().st_size:,} B)" for path in written])

        return ui.jobs.start(self.tr("Report — %s") % study, fn, on_done=done)
