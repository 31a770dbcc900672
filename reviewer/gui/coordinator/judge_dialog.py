""""Run judge…" and "Edit judge templates…": judge settings for a background job, and template versions.

:class:`JudgeDialog` collects the settings of :func:`reviewer.judging.service.run_judge` (the
template list comes from the store plus the built-ins); :func:`judge_job` wraps the call as a job
function. :class:`TemplateEditor` shows every stored version of every template, lets the
coordinator edit a copy in a plain-text editor and save it (with a reason) as a new version through
:func:`reviewer.judging.templates.save_template_version`, and shows the diff between two versions.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer.errors import ReviewerError
from reviewer.gui.coordinator.generate_dialog import BACKENDS, DEVICES, ModelPicker, backend_problem
from reviewer.gui.coordinator.preview_panel import PreviewPanel, judge_read
from reviewer.gui.dialogs import ValidatingDialog
from reviewer.gui.safe_text import esc, plain_label
from reviewer.judging import templates as tpl
from reviewer.judging.operations import list_templates, save_template, template_text
from reviewer.store import Store
from reviewer.studies.operations import study_categories, study_name

MODES = ("generate", "logprob")


def template_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=old_label, tofile=new_label)) or "(no difference)"


def diff_html(diff: str) -> str:
    """A unified diff as monospaced HTML: added lines green, removed red, hunk headers grey."""
    lines = []
    for line in diff.splitlines():
        style = ("color:#1f7a3f;background:#eaf7ee" if line.startswith("+") and not line.startswith("+++") else
                 "color:#a12525;background:#fdecec" if line.startswith("-") and not line.startswith("---") else
                 "color:#667085" if line.startswith(("@@", "---", "+++")) else "")
        lines.append(f'<span style="{style}">{esc(line) or "&nbsp;"}</span>')
    return '<pre style="white-space:pre-wrap">' + "\n".join(lines) + "</pre>"


class JudgeDialog(ValidatingDialog):
    """Judge model, template (name@version), mode, backend, threshold, run name."""

    def __init__(self, store: Store, parent: QWidget | None = None, study_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Run judge"))
        self.store = store
        self.study_name = study_name(store, study_id) if study_id is not None else None
        self.cases = QComboBox()
        self.cases.addItem(self.tr("All answers"), "all")
        if study_id is not None:
            for cat in study_categories(store, study_id):
                self.cases.addItem(self.tr("Answers in category: %s") % cat, f"category:{cat}")
        self.setMinimumWidth(560)
        self.model = ModelPicker()
        self.template = QComboBox()
        latest: dict[str, tpl.TemplateInfo] = {}
        builtin = self.tr("built-in")
        for info in list_templates(store):
            label = f"{info.name}@{info.version}" if info.registered else f"{info.name} ({builtin})"
            ref = f"{info.name}@{info.version}" if info.registered else info.name
            self.template.addItem(f"{label} · {info.kind}" + (f" · {info.reason}" if info.reason and
                                                                   not info.builtin else ""), ref)
            latest[info.name] = info
        self.mode = QComboBox()
        for mode in MODES:
            self.mode.addItem(mode, mode)
        self.backend = QComboBox()
        self.backend.addItems(BACKENDS)
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText("http://127.0.0.1:8000/v1")
        self.device = QComboBox()
        self.device.addItems(DEVICES)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(0.5)
        self.max_new_tokens = QSpinBox()
        self.max_new_tokens.setRange(1, 32768)
        self.max_new_tokens.setValue(512)
        self.max_attempts = QSpinBox()
        self.max_attempts.setRange(1, 10)
        self.max_attempts.setValue(3)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("0 (greedy)"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(0, 4096)
        self.batch_size.setSpecialValueText(self.tr("auto"))
        self.run_name = QLineEdit()
        self.run_name.setPlaceholderText(self.tr("automatic (template, version, model, mode)"))
        form = QFormLayout()
        form.addRow(self.tr("Judge model"), self.model)
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Answers"), self.cases)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Backend"), self.backend)
        form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("Threshold (logprob)"), self.threshold)
        form.addRow(self.tr("Max new tokens (generate)"), self.max_new_tokens)
        form.addRow(self.tr("Attempts per verdict (generate)"), self.max_attempts)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Run name"), self.run_name)
        buttons = self.error_banner_and_buttons(self.tr("Run judge"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        note = plain_label(self.tr("A judge is a language model that grades each answer against its case's latest "
                              "checklist, criterion by criterion, so its verdicts can be compared with the "
                              "physicians' ratings."))
        note.setObjectName("Subtle")
        note.setWordWrap(True)
        self.mode_help = plain_label()
        self.mode_help.setWordWrap(True)
        self.preview = PreviewPanel(self.tr("Preview the prompt for one answer"), judge_read(self),
                                    self.model.text, self.device.currentText)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.mode_help)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.mode.currentTextChanged.connect(self._update)
        self.backend.currentTextChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        logprob = self.mode.currentText() == "logprob"
        self.mode_help.setText(self.tr(
            "logprob: the judge reads the prompt and we read how likely it finds the answer \"true\" (the "
            "criterion is met); no text is written, the verdict is met when that probability reaches the "
            "threshold. Fastest, gives a probability per verdict; needs a local model.") if logprob else self.tr(
            "generate: the judge writes a short verdict (met or not, and why) for each criterion; the text is "
            "read back, and an answer that cannot be read is asked again (up to 3 times). Works with every "
            "backend, slower."))
        self.threshold.setEnabled(logprob)
        self.max_new_tokens.setEnabled(not logprob)
        self.max_attempts.setEnabled(not logprob)
        self.temperature.setEnabled(not logprob)
        self.base_url.setEnabled(self.backend.currentText() == "openai")
        self.device.setEnabled(self.backend.currentText() != "openai")

    def set_template(self, ref: str) -> None:
        """Select the template whose reference (``name`` or ``name@version``) starts with *ref*."""
        for i in range(self.template.count()):
            if str(self.template.itemData(i)).startswith(ref):
                self.template.setCurrentIndex(i)

    def problem(self) -> str | None:
        if not self.model.text():
            return self.tr("Choose the judge model (folder, hub id or endpoint model name).")
        if self.mode.currentText() == "logprob" and self.backend.currentText() != "transformers":
            return self.tr("logprob mode needs the local transformers backend.")
        if self.backend.currentText() == "openai" and not self.base_url.text().strip():
            return self.tr("The openai backend needs the endpoint's base URL.")
        if self.template.count() == 0:
            return self.tr("No judge template found.")
        return backend_problem(self.backend.currentText())

    def params(self) -> dict[str, Any]:
        """Keyword arguments for ``run_judge`` (``max_new_tokens``, ``temperature`` and ``seed`` go into
        its sampling settings), the options of ``reviewer judge``."""
        backend = self.backend.currentText()
        return {"model": self.model.text(), "template": self.template.currentData(),
                "mode": self.mode.currentText(), "backend": backend,
                "base_url": (self.base_url.text().strip() or None) if backend == "openai" else None,
                "device": self.device.currentText(), "threshold": self.threshold.value(),
                "max_new_tokens": self.max_new_tokens.value(), "name": self.run_name.text().strip() or None,
                "cases": self.cases.currentData(), "max_attempts": self.max_attempts.value(),
                "temperature": self.temperature.value(), "seed": self.seed.value(),
                "batch_size": self.batch_size.value() or "auto"}


def judge_job(store: Store, study: str, params: dict[str, Any], responses: list[int] | None = None
              ) -> Callable[[Callable[..., None], Callable[[], bool]], Any]:
    """A job function running ``run_judge`` (criteria judged per second as its rate)."""

    def fn(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> Any:
        import time

        from reviewer.judging.operations import judge_settings, response_ids_for_cases
        from reviewer.judging.service import run_judge

        kwargs = dict(params)
        cases = kwargs.pop("cases", "all") or "all"
        chosen = responses
        if chosen is None and cases != "all":
            chosen = response_ids_for_cases(store, study, cases)
        settings = judge_settings(kwargs.pop("max_new_tokens", 512), kwargs.pop("temperature", 0.0),
                                  kwargs.pop("seed", 0))
        start: list[float] = []

        def report(done: int, total: int) -> None:
            if not start:
                start.append(time.perf_counter())
            seconds = time.perf_counter() - start[0]
            progress(done, total, f"{done / seconds:.1f} verdicts/s" if done and seconds > 0 else "")

        return run_judge(store, study=study, responses=chosen, settings=settings, progress=report,
                         is_cancelled=is_cancelled, **kwargs)

    return fn


def judge_summary_text(summary: Any) -> str:
    return (f"{summary.run_name}: {summary.judged} verdicts stored ({summary.ok} parsed, {summary.failed} "
            f"unreadable), {summary.skipped} already there, {summary.seconds:.1f} s ({summary.status})")


class TemplateEditor(QDialog):
    """Versions of the judge templates; edit a copy and save it as a new version; diff two versions."""

    def __init__(self, store: Store, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.author = store, author
        self.setWindowTitle(self.tr("Judge templates"))
        self.resize(1100, 720)
        self.infos: list[tpl.TemplateInfo] = []
        self.list_model = QStandardItemModel(self)
        self.versions = QListView()
        self.versions.setModel(self.list_model)
        self.versions.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.versions.selectionModel().currentChanged.connect(lambda cur, _prev: self._show(cur.row()))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.editor = QPlainTextEdit()
        self.editor.setFont(mono)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.save_name = QLineEdit()
        self.save_name.setToolTip(self.tr("Same name: the next version of this template. A new name: a copy."))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why this version (required)"))
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.clicked.connect(self.save)
        self.message = plain_label()
        self.message.setWordWrap(True)
        save_row = QFormLayout()
        save_row.addRow(self.tr("Save as template"), self.save_name)
        save_row.addRow(self.tr("Reason"), self.reason)
        edit_page = QWidget()
        el = QVBoxLayout(edit_page)
        el.addWidget(self.editor, 1)
        el.addLayout(save_row)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        el.addLayout(bottom)
        self.diff_a, self.diff_b = QComboBox(), QComboBox()
        diff_button = QPushButton(self.tr("Show diff"))
        diff_button.clicked.connect(self.show_diff)
        self.diff_view = QPlainTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setFont(mono)
        diff_page = QWidget()
        dl = QVBoxLayout(diff_page)
        pick = QHBoxLayout()
        pick.addWidget(plain_label(self.tr("From")))
        pick.addWidget(self.diff_a, 1)
        pick.addWidget(plain_label(self.tr("to")))
        pick.addWidget(self.diff_b, 1)
        pick.addWidget(diff_button)
        dl.addLayout(pick)
        dl.addWidget(self.diff_view, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(edit_page, self.tr("Edit"))
        self.tabs.addTab(diff_page, self.tr("Diff"))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        title = plain_label(self.tr("Versions"))
        title.setObjectName("SectionTitle")
        ll.addWidget(title)
        ll.addWidget(self.versions, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setSizes([320, 780])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(close)
        self.reload()

    def reload(self, select: tuple[str, int] | None = None) -> None:
        self.infos = list_templates(self.store)
        self.list_model.clear()
        self.diff_a.clear()
        self.diff_b.clear()
        row_to_select = 0
        for i, info in enumerate(self.infos):
            state = self.tr("built-in") if info.builtin else (info.author or "")
            text = f"{info.name} @ {info.version}  ·  {info.kind}  ·  {state}"
            if info.reason and not info.builtin:
                text += f"\n    {info.reason}"
            item = QStandardItem(text)
            item.setData(i, Qt.ItemDataRole.UserRole)
            self.list_model.appendRow(item)
            ref = f"{info.name}@{info.version}"
            self.diff_a.addItem(ref, i)
            self.diff_b.addItem(ref, i)
            if select is not None and (info.name, info.version) == select:
                row_to_select = i
        if self.infos:
            self.versions.setCurrentIndex(self.list_model.index(row_to_select, 0))
            self._show(row_to_select)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.infos):
            return
        info = self.infos[row]
        self.current = info
        self.editor.setPlainText(template_text(self.store, info))
        self.save_name.setText(info.name)
        same = [i for i, x in enumerate(self.infos) if x.name == info.name]
        self.diff_b.setCurrentIndex(row)
        earlier = [i for i in same if i < row]
        self.diff_a.setCurrentIndex(earlier[-1] if earlier else row)

    def save(self) -> tuple[str, int] | None:
        """Store the editor's text as the next version of the named template (one transaction)."""
        name = self.save_name.text().strip()
        reason = self.reason.text().strip()
        if not name or not reason:
            self.message.setText(self.tr("Give the template a name and say why it changes."))
            return None
        try:
            saved = save_template(self.store, name, self.editor.toPlainText(), self.author, reason)
        except ReviewerError as exc:
            self.message.setText(str(exc))
            return None
        self.reason.clear()
        self.reload(select=saved)
        self.message.setText(self.tr("Saved %s version %d.") % saved)
        return saved

    def show_diff(self) -> str:
        a, b = self.diff_a.currentData(), self.diff_b.currentData()
        if a is None or b is None:
            return ""
        ia, ib = self.infos[a], self.infos[b]
        text = template_diff(template_text(self.store, ia), template_text(self.store, ib),
                             f"{ia.name}@{ia.version}", f"{ib.name}@{ib.version}")
        self.diff_view.document().setHtml(diff_html(text))
        self.tabs.setCurrentIndex(1)
        return text
