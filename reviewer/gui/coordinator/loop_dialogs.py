"""Coordinator › Import…, Assign… and Pack review files…: the command line's ``import``, ``assign``
and ``pack`` as dialogs, each with the same options as its command, run as a job (progress, cancel
between files, errors in the jobs panel) with the service's own report shown at the end.

Each dialog takes the :class:`~reviewer.gui.coordinator.menu.CoordinatorUi`; OK checks the
settings (a problem is shown in the dialog, which stays open), then starts the job and closes.
``dialog.job`` is the job started; ``ui.last_dialog`` the report shown when it ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer.files import safe_file_name
from reviewer.gui.coordinator.dialog_parts import (
    CheckList,
    FilePicker,
    LoopDialog,
    finish_buttons,
    show_result,
    subtle,
)
from reviewer.studies.operations import assigned_rater_names, judge_run_names, rater_names

IMPORT_KINDS = ("healthbench", "healthbench-meta", "llmeval-med", "ratings", "responses", "verdicts")  # = IMPORTERS


class ImportDialog(LoopDialog):
    """``reviewer import KIND FILE [--judge --judge-model --model]`` into the open study."""

    def __init__(self, ui: Any, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.setWindowTitle(self.tr("Import into the study"))
        self.setMinimumWidth(620)
        self.kind = QComboBox()
        for kind, label in ((IMPORT_KINDS[0], self.tr("HealthBench cases and rubrics")),
                            (IMPORT_KINDS[1], self.tr("HealthBench meta-evaluation (physician labels)")),
                            (IMPORT_KINDS[2], self.tr("LLMEval-Med cases and checklists")),
                            (IMPORT_KINDS[3], self.tr("Ratings (as exported)")),
                            (IMPORT_KINDS[4], self.tr("Model answers")),
                            (IMPORT_KINDS[5], self.tr("Judge verdicts"))):
            self.kind.addItem(label, kind)
        self.file = FilePicker("open", self.tr("File to import"), self.tr("Data files (*.jsonl *.json *.csv *.parquet);;"
                                                                 "All files (*)"))
        self.judge = QLineEdit()
        self.judge.setPlaceholderText(self.tr("the judge run to store them as (required)"))
        self.judge_model = QLineEdit()
        self.judge_model.setPlaceholderText(self.tr("the judge model's name, for the record"))
        self.model = QLineEdit()
        self.model.setPlaceholderText(self.tr("model name for rows without one"))
        form = QFormLayout()
        form.addRow(self.tr("What the file holds"), self.kind)
        form.addRow(self.tr("File"), self.file)
        form.addRow(self.tr("Judge run name"), self.judge)
        form.addRow(self.tr("Judge model"), self.judge_model)
        form.addRow(self.tr("Answer model"), self.model)
        buttons = finish_buttons(self, self.tr("Import"))
        lay = QVBoxLayout(self)
        lay.addWidget(subtle(self.tr("The whole file is checked first and lands in one transaction: all of it or "
                                "nothing. Importing the same file again adds nothing.")))
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        kind = self.kind.currentData()
        self.judge.setEnabled(kind == "verdicts")
        self.judge_model.setEnabled(kind == "verdicts")
        self.model.setEnabled(kind in ("verdicts", "responses"))

    def params(self) -> dict[str, Any]:
        kind = self.kind.currentData()
        return {"kind": kind, "file": self.file.text(),
                "judge": (self.judge.text().strip() or None) if kind == "verdicts" else None,
                "judge_model": (self.judge_model.text().strip() or None) if kind == "verdicts" else None,
                "model": (self.model.text().strip() or None) if kind in ("verdicts", "responses") else None}

    def problem(self) -> str | None:
        from reviewer.errors import ReviewerError
        from reviewer.importing.operations import import_options

        p = self.params()
        if not p["file"]:
            return self.tr("Choose the file to import.")
        if not Path(p["file"]).is_file():
            return self.tr("No such file: %s") % p["file"]
        try:
            import_options(p["kind"], p["file"], study=self.ui.window.study_name, judge=p["judge"],
                           judge_model=p["judge_model"], model=p["model"])
        except ReviewerError as exc:
            return str(exc)
        return None

    def start(self) -> Any:
        p, ui, w = self.params(), self.ui, self.ui.window
        store, study = w.store, w.study_name
        name, busy = Path(p["file"]).name, self.tr("checking and importing")

        def fn(progress: Callable[..., None], _cancelled: Callable[[], bool]) -> Any:
            from reviewer.importing.operations import run_import

            progress(0, 1, busy)
            kind, file = p.pop("kind"), p.pop("file")
            report = run_import(store, kind, file, study=study, **p)
            progress(1, 1, "")
            return report

        def done(report: Any) -> None:
            if report is None:
                return
            ui.study_changed()
            show_result(ui, self.tr("Import"), self.tr("Imported %s") % name,
                        report.summary_lines())

        return ui.jobs.start(self.tr("Import %s") % name, fn, on_done=done)


def _split_names(text: str) -> list[str]:
    return [n for n in (x.strip() for x in re.split(r"[,\n;]", text)) if n]


class AssignDialog(LoopDialog):
    """``reviewer assign``: raters, raters per answer, calibration, overlap, cap, seed, priority, replace."""

    def __init__(self, ui: Any, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        w = ui.window
        self.setWindowTitle(self.tr("Assign answers to raters"))
        self.setMinimumWidth(620)
        assigned = assigned_rater_names(w.store, w.study_id)
        self.raters = CheckList(rater_names(w.store, w.study_id), set(assigned))
        self.new_raters = QLineEdit()
        self.new_raters.setPlaceholderText(self.tr("new raters, comma-separated (created when assigned)"))
        self.per_response = QSpinBox()
        self.per_response.setRange(1, 50)
        self.per_response.setValue(2)
        self.calibration = QSpinBox()
        self.calibration.setRange(0, 100000)
        self.overlap = QDoubleSpinBox()
        self.overlap.setRange(0.0, 1.0)
        self.overlap.setSingleStep(0.1)
        self.overlap.setValue(1.0)
        self.max_per_rater = QSpinBox()
        self.max_per_rater.setRange(0, 1000000)
        self.max_per_rater.setSpecialValueText(self.tr("no limit"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.prioritize = QComboBox()
        self.prioritize.addItem(self.tr("study order (stratified by category)"), None)
        self.prioritize.addItem(self.tr("first where a judge is least certain"), "uncertain")
        self.prioritize.addItem(self.tr("first where judges disagree"), "disagreement")
        self.judge_run = QComboBox()
        self.judge_run.addItem(self.tr("every judge run"), None)
        for name in judge_run_names(w.store, w.study_id):
            self.judge_run.addItem(name, name)
        self.replace = QCheckBox(self.tr("Replace these raters' earlier assignments (their ratings are kept)"))
        self.replace.setChecked(bool(assigned))
        form = QFormLayout()
        form.addRow(self.tr("Raters"), self.raters)
        form.addRow(self.tr("New raters"), self.new_raters)
        form.addRow(self.tr("Raters per answer (overlap share)"), self.per_response)
        form.addRow(self.tr("Calibration answers (everyone rates them first)"), self.calibration)
        form.addRow(self.tr("Share rated by several raters (0–1)"), self.overlap)
        form.addRow(self.tr("At most per rater"), self.max_per_rater)
        form.addRow(self.tr("Seed of the order"), self.seed)
        form.addRow(self.tr("Order"), self.prioritize)
        form.addRow(self.tr("Judge runs for the order"), self.judge_run)
        buttons = finish_buttons(self, self.tr("Assign"))
        lay = QVBoxLayout(self)
        lay.addWidget(subtle(self.tr("Every answer of the study goes to one rater, or to several for the overlap "
                                "share, so agreement can be measured; work is balanced across raters.")))
        lay.addLayout(form)
        lay.addWidget(self.replace)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.prioritize.currentIndexChanged.connect(lambda _i: self.judge_run.setEnabled(
            self.prioritize.currentData() is not None))
        self.judge_run.setEnabled(False)

    def rater_list(self) -> list[str]:
        chosen = self.raters.checked()
        return chosen + [n for n in _split_names(self.new_raters.text()) if n not in chosen]

    def params(self) -> dict[str, Any]:
        prioritize = self.prioritize.currentData()
        return {"raters": self.rater_list(), "per_response": self.per_response.value(),
                "calibration": self.calibration.value(), "overlap": self.overlap.value(),
                "max_per_rater": self.max_per_rater.value() or None, "seed": self.seed.value(),
                "prioritize": prioritize, "judge_run": self.judge_run.currentData() if prioritize else None,
                "replace": self.replace.isChecked()}

    def problem(self) -> str | None:
        p = self.params()
        if not p["raters"]:
            return self.tr("Choose at least one rater (tick a name or type new ones).")
        if p["per_response"] > len(p["raters"]):
            return self.tr("%d raters per answer needs at least %d raters; %d chosen.") % (
                p["per_response"], p["per_response"], len(p["raters"]))
        return None

    def start(self) -> Any:
        p, ui, w = self.params(), self.ui, self.ui.window
        store, study_id, actor = w.store, w.study_id, w.rater_name
        raters, busy = p.pop("raters"), self.tr("designing")

        def fn(progress: Callable[..., None], _cancelled: Callable[[], bool]) -> Any:
            from reviewer.studies.operations import assign

            progress(0, 1, busy)
            report = assign(store, study_id, raters, created_by=actor, **p)
            progress(1, 1, "")
            return report

        def done(report: Any) -> None:
            if report is None:
                return
            ui.study_changed()
            show_result(ui, self.tr("Assign"), self.tr("Assignments stored for %d raters.") % len(raters), report.lines())

        return ui.jobs.start(self.tr("Assign %d raters") % len(raters), fn, on_done=done)


def pack_name(study: str, rater: str) -> str:
    """``<study>-<rater>.rvw``, each made safe for a file name (:func:`reviewer.files.safe_file_name`)."""
    return f"{safe_file_name(study, 'x')}-{safe_file_name(rater, 'x')}.rvw"


class PackDialog(LoopDialog):
    """``reviewer pack --rater R -o FILE.rvw`` for each chosen rater, into one folder."""

    def __init__(self, ui: Any, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        w = ui.window
        self.setWindowTitle(self.tr("Pack review files"))
        self.setMinimumWidth(620)
        assigned = assigned_rater_names(w.store, w.study_id)
        self.raters = CheckList(assigned, set(assigned))
        self.folder = FilePicker("folder", self.tr("Folder for the review files"))
        db = getattr(w.store, "path", None)
        if db is not None:
            self.folder.setText(str(Path(db).parent / "review-files"))
        self.names = subtle("")
        self.new_only = QCheckBox(self.tr("Only answers not yet rated"))
        self.new_only.setToolTip(self.tr("Leave out the answers a rater has already submitted (drafts are kept), "
                                         "e.g. for the next round of a plan. A rater with nothing left is "
                                         "reported, not packed."))
        form = QFormLayout()
        form.addRow(self.tr("Raters"), self.raters)
        form.addRow(self.tr("Folder"), self.folder)
        form.addRow("", self.new_only)
        buttons = finish_buttons(self, self.tr("Pack"))
        lay = QVBoxLayout(self)
        lay.addWidget(subtle(self.tr("One review file (.rvw) per rater: their assigned answers, blinded, without "
                                "model names, other raters' ratings or judge verdicts. Send each file to its "
                                "rater; their return file comes back through Merge returns.")))
        lay.addLayout(form)
        lay.addWidget(self.names)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.raters.items.itemChanged.connect(lambda _i: self._update())
        self.folder.edit.textChanged.connect(lambda _t2: self._update())
        self._update()

    def outputs(self) -> list[tuple[str, Path]]:
        folder = Path(self.folder.text() or ".")
        return [(r, folder / pack_name(self.ui.window.study_name, r)) for r in self.raters.checked()]

    def _update(self) -> None:
        outs = self.outputs()
        self.names.setText(self.tr("Will write: %s") % ", ".join(p.name for _, p in outs) if outs else "")

    def params(self) -> dict[str, Any]:
        return {"raters": self.raters.checked(), "folder": self.folder.text(), "new_only": self.new_only.isChecked()}

    def problem(self) -> str | None:
        if self.raters.items.rowCount() == 0:
            return self.tr("No rater has assignments in this study yet: use Assign first.")
        if not self.raters.checked():
            return self.tr("Choose at least one rater.")
        if not self.folder.text():
            return self.tr("Choose the folder for the review files.")
        return None

    def start(self) -> Any:
        ui, w = self.ui, self.ui.window
        outputs = self.outputs()
        store, study, actor = w.store, w.study_name, w.rater_name
        new_only = self.new_only.isChecked()

        def fn(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> Any:
            from reviewer.reviewfiles.pack import NothingNewError, pack_review_file

            written, skipped = [], []
            for i, (rater, path) in enumerate(outputs):
                if is_cancelled():
                    break
                progress(i, len(outputs), rater)
                try:
                    written.append(pack_review_file(store, rater, path, study=study, actor=actor, new_only=new_only))
                except NothingNewError as exc:  # one rater done: the others are still packed
                    skipped.append(exc.problem)
            progress(len(written) + len(skipped), len(outputs), "")
            return written, skipped

        def done(results: Any) -> None:
            if results is None:
                return
            written, skipped = results
            lines = [f"{r.path}: {r.manifest['item_count']} · {r.manifest['rater_name']}" for r in written]
            show_result(ui, self.tr("Pack review files"), self.tr("%d of %d review files written.") % (
                len(written), len(outputs)), lines + skipped)

        return ui.jobs.start(self.tr("Pack %d review files") % len(outputs), fn, on_done=done)
