""""Generate candidates…": pick a model and settings, then generate answers in a background job.

The dialog only collects settings (:meth:`GenerateDialog.params`); :func:`generation_job` wraps
:func:`reviewer.generation.service.run_generation` as a job function. Nothing here imports torch:
the service loads the backend (and torch) only when the job runs, in the worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.coordinator.dialog_parts import FilePicker
from reviewer.gui.coordinator.preview_panel import PreviewPanel, generation_read
from reviewer.gui.dialogs import ValidatingDialog
from reviewer.gui.safe_text import plain_label
from reviewer.store import Store
from reviewer.studies.operations import study_categories

BACKENDS = ("transformers", "vllm", "openai")
DEVICES = ("auto", "cpu", "cuda")


def backend_problem(backend: str) -> str | None:
    """Why *backend* cannot run on this install (missing packages and the command that installs
    them), checked before a job starts; None when it can."""
    from reviewer.generation.requirements import INSTALL, missing_packages

    missing = missing_packages(backend)
    if not missing:
        return None
    return QCoreApplication.translate("Coordinator", "The %s backend needs %s, which this installation does not have. Install it with:\n"
                     "%s\nor choose the openai backend and a model server.") % (
        backend, ", ".join(missing), INSTALL.get(backend) or "pip install " + " ".join(missing))


class ModelPicker(FilePicker):
    """A model folder (Browse…) or a hub id / endpoint model name typed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("folder", "", parent=parent)
        self.caption = self.tr("Model folder")
        self.edit.setPlaceholderText(self.tr("model folder, hub id, or endpoint model name"))


class GenerateDialog(ValidatingDialog):
    """Settings of one generation run (model, backend, cases, sampling, batching, device, name)."""

    def __init__(self, store: Store, study_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Generate candidates"))
        self.store, self.study_id = store, study_id
        self.setMinimumWidth(560)
        self.model = ModelPicker()
        self.backend = QComboBox()
        self.backend.addItems(BACKENDS)
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText("http://127.0.0.1:8000/v1")
        self.cases = QComboBox()
        self.cases.addItem(self.tr("All cases"), "all")
        for cat in study_categories(store, study_id):
            self.cases.addItem(self.tr("Category: %s") % cat, f"category:{cat}")
        self.samples = QSpinBox()
        self.samples.setRange(1, 100)
        self.max_new_tokens = QSpinBox()
        self.max_new_tokens.setRange(1, 32768)
        self.max_new_tokens.setValue(512)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("0 (greedy)"))
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(0.01, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setValue(1.0)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(0, 4096)
        self.batch_size.setSpecialValueText(self.tr("auto"))
        self.device = QComboBox()
        self.device.addItems(DEVICES)
        self.run_name = QLineEdit()
        self.run_name.setPlaceholderText(self.tr("automatic (model name + settings; the same name resumes)"))
        form = QFormLayout()
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Backend"), self.backend)
        form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.tr("Cases"), self.cases)
        form.addRow(self.tr("Samples per case"), self.samples)
        form.addRow(self.tr("Max new tokens"), self.max_new_tokens)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("Run name"), self.run_name)
        buttons = self.error_banner_and_buttons(self.tr("Generate"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        lay = QVBoxLayout(self)
        note = plain_label(self.tr("Generate: a language model writes candidate answers to the study's cases, the "
                              "answers physicians then rate (they never see which model wrote which). Answers "
                              "are saved batch by batch; running the same run name again resumes where it "
                              "stopped. Temperature 0 always gives the same answer; higher values vary more."))
        note.setObjectName("Subtle")
        note.setWordWrap(True)
        self.preview = PreviewPanel(self.tr("Preview the prompt for one case"), generation_read(self),
                                    self.model.text, self.device.currentText)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.backend.currentTextChanged.connect(self._backend_changed)
        self._backend_changed(self.backend.currentText())

    def _backend_changed(self, backend: str) -> None:
        self.base_url.setEnabled(backend == "openai")
        self.device.setEnabled(backend != "openai")
        self.batch_size.setEnabled(backend != "openai")

    def problem(self) -> str | None:
        """Why the settings cannot run (shown in the dialog), or None."""
        if not self.model.text():
            return self.tr("Choose a model folder or type a model name.")
        if self.backend.currentText() == "openai" and not self.base_url.text().strip():
            return self.tr("The openai backend needs the endpoint's base URL.")
        return backend_problem(self.backend.currentText())

    def params(self) -> dict[str, Any]:
        """Keyword arguments for ``run_generation`` (``settings`` as a plain dict)."""
        backend = self.backend.currentText()
        return {
            "model": self.model.text(), "backend": backend, "cases": self.cases.currentData(),
            "samples": self.samples.value(),
            "settings": {"temperature": self.temperature.value(), "top_p": self.top_p.value(),
                         "max_new_tokens": self.max_new_tokens.value(), "seed": self.seed.value()},
            "batch_size": self.batch_size.value() or "auto", "device": self.device.currentText(),
            "base_url": self.base_url.text().strip() or None if backend == "openai" else None,
            "name": self.run_name.text().strip() or None,
        }


def generation_job(store: Store, study_id: int, params: dict[str, Any], started_by: str = ""
                   ) -> Callable[[Callable[..., None], Callable[[], bool]], Any]:
    """A job function running ``run_generation`` with *params*; its progress text is tokens/s."""

    def fn(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> Any:
        from reviewer.generation.backend import SamplingSettings
        from reviewer.generation.operations import completion_tokens_since, last_response_id
        from reviewer.generation.service import run_generation

        last_id = last_response_id(store)
        gen_start: list[float] = []

        def report(done: int, total: int) -> None:
            if not gen_start:
                gen_start.append(time.perf_counter())
            text = ""
            seconds = time.perf_counter() - gen_start[0]
            if done and seconds > 0:
                text = f"{completion_tokens_since(store, last_id) / seconds:.1f} tokens/s"
            progress(done, total, text)

        kwargs = dict(params)
        kwargs["settings"] = SamplingSettings(**kwargs.get("settings", {}))
        return run_generation(store, study=study_id, started_by=started_by or None, progress=report,
                              is_cancelled=is_cancelled, **kwargs)

    return fn


def summary_text(summary: Any) -> str:
    """One line about a finished generation run (for the status bar and the job panel)."""
    text = (f"{summary.run_name}: {summary.written} answers written, {summary.skipped_existing} already there, "
            f"{len(summary.failed)} failed; {summary.tokens_per_s:.1f} tokens/s on {summary.device} "
            f"({summary.status})")
    if summary.failed:
        first = summary.failed[0]
        text += f"; first failure: case {first.get('case')}: {first.get('error')}"
    return text
