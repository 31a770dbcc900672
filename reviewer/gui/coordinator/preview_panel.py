"""The "Preview" part of the Generate and Run judge dialogs: the prompt the model will read for one
case, how much work the run is, and a rough time from the model's size
(:mod:`reviewer.generation.estimate`), shown before anything runs or loads."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from reviewer.errors import ReviewerError
from reviewer.gui.safe_text import plain_label


class PreviewPanel(QWidget):
    """A button, the rendered prompt (read-only, hidden until asked) and one line of work and time.

    *read* returns ``(prompt, work_line, units, prompt_text_for_size, new_tokens)``; *model* and
    *device* give the model folder and device for the estimate.
    """

    def __init__(self, button_text: str, read: Callable[[], tuple[str, str, int, int]],
                 model: Callable[[], str], device: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read, self.model, self.device = read, model, device
        self.button = QPushButton(button_text)
        self.button.clicked.connect(self.show_preview)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("Subtle")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumHeight(160)
        self.text.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.summary)
        lay.addWidget(self.text, 1)

    def show_preview(self) -> str:
        """Render the prompt and the estimate; a problem (no study answers, a bad template) is shown instead."""
        from reviewer.generation.estimate import estimate_seconds, model_bytes, tokens_of

        try:
            prompt, work, units, new_tokens = self.read()
        except ReviewerError as exc:
            self.summary.setText(str(exc))
            return ""
        self.text.setPlainText(prompt or self.tr("(nothing to show: the selection has no case)"))
        self.text.setVisible(True)
        weights = model_bytes(self.model())
        if weights is None:
            time_line = self.tr("No time estimate: the model is not a local folder, so its size is unknown.")
        else:
            est = estimate_seconds(weights, units, tokens_of(prompt), new_tokens, self.device())
            size = f"{weights / 1e9:.1f} GB" if weights >= 10**8 else f"{weights / 1e6:.1f} MB"
            time_line = self.tr("Rough time on %s: %s (model %s; from its size, within a factor of 2–3).") \
                % (est.device.upper(), est.text((self.tr("s"), self.tr("min"), self.tr("h"))), size)
        self.summary.setText(f"{work}  {time_line}")
        return prompt


def judge_read(owner: Any) -> Callable[[], tuple[str, str, int, int]]:
    """The preview reader of the Run judge dialog (holding the dialog weakly: the panel is its child,
    and a reference cycle through Qt wrappers is better left to Qt's own ownership)."""
    ref = weakref.ref(owner)

    def read() -> tuple[str, str, int, int]:
        from reviewer.judging.operations import judge_preview

        dialog = ref()
        p = dialog.params()
        info = judge_preview(dialog.store, dialog.study_name, p["template"], p["mode"], p["cases"] or "all")
        work = QCoreApplication.translate("Coordinator", "%d answers, %d verdicts to ask for.") % (info["answers"], info["units"])
        new_tokens = 0 if p["mode"] == "logprob" else min(p["max_new_tokens"], 128)
        return str(info["prompt"]), work, int(info["units"]), new_tokens

    return read


def generation_read(owner: Any) -> Callable[[], tuple[str, str, int, int]]:
    """The preview reader of the Generate dialog (holding the dialog weakly, as :func:`judge_read`)."""
    ref = weakref.ref(owner)

    def read() -> tuple[str, str, int, int]:
        from reviewer.generation.operations import generation_preview

        dialog = ref()
        p = dialog.params()
        info = generation_preview(dialog.store, dialog.study_id, p["cases"] or "all")
        units = int(info["cases"]) * p["samples"]
        work = QCoreApplication.translate("Coordinator", "%d cases × %d samples = %d answers to write.") % (info["cases"], p["samples"], units)
        return str(info["prompt"]), work, units, p["settings"]["max_new_tokens"]

    return read
