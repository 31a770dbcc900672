"""The adjudication view (Coordinator › Adjudicate…): a person decides the gold label of each item
where physicians disagree or flagged the answer for safety, keyboard first.

Every read and write goes through :mod:`reviewer.adjudication.operations` (one transaction per
call). Left: the queue (:func:`~reviewer.adjudication.operations.queue_items`, read in a job), worst
first: case, the answer's blind letter, the criterion, why it is there, and the gold label so far
with how it was reached and by whom. Right: the criterion, the answer (Markdown through
:class:`~reviewer.gui.safe_text.SafeBrowser`) and every physician's answer, overall score, safety
flag, comment, feedback and evidence side by side. No model name is read or shown.

Keys (in the list or the panes): **1** met, **2** not met, **3** not applicable choose the gold
label; with a reason in the box it is saved at once, otherwise the reason box takes the focus and
**Enter** saves (:func:`~reviewer.adjudication.operations.decide_gold`); the list then moves to the
next item. **J** / **K** (or Down / Up) move. "Majority (quorum K)…" asks, then runs
:func:`~reviewer.adjudication.operations.fill_by_majority` as a job and reloads the list.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer.adjudication import operations as adj_ops
from reviewer.adjudication.queue import QueueItem
from reviewer.errors import ReviewerError
from reviewer.gui.coordinator.frame_model import DataFrameModel, fit_columns, make_table_view
from reviewer.gui.coordinator.jobs import JobManager
from reviewer.gui.safe_text import SafeBrowser, esc, markdown_html, message_box, plain_label
from reviewer.store import Store
from reviewer.store.vocabulary import MET, NA, NOT_MET
from reviewer.studies.operations import study_choices

KEY_VALUES = {Qt.Key.Key_1: MET, Qt.Key.Key_2: NOT_MET, Qt.Key.Key_3: NA}
MAJORITY_METHOD = re.compile(r"majority (\d+) of (\d+)")


def item_key(item: QueueItem) -> tuple[str, str, str, int]:
    return item.case_uid, item.response_uid, item.criterion_key, item.version


class AdjudicationView(QWidget):
    """The queue, the selected item side by side, the decision box and the majority button."""

    def __init__(self, store: Store, study_id: int, jobs: JobManager, author: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.study_id, self.jobs, self.author = store, study_id, jobs, author
        self.study_name = study_choices(store, study_id).name
        self.items: list[QueueItem] = []
        self.current: QueueItem | None = None
        self.pending: str | None = None
        self.last_decision: Any = None
        self.last_dialog: QMessageBox | None = None
        self.job: Any = None

        self.status = plain_label()
        self.status.setObjectName("Subtle")
        self.status.setWordWrap(True)
        self.quorum = QSpinBox()
        self.quorum.setRange(1, 99)
        self.quorum.setValue(2)
        self.majority_button = QPushButton()
        self.quorum.valueChanged.connect(self._label_majority)
        self._label_majority()
        self.majority_button.clicked.connect(self.ask_majority)
        reload = QPushButton(self.tr("Reload"))
        reload.clicked.connect(lambda: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(plain_label(self.tr("Quorum")))
        top.addWidget(self.quorum)
        top.addWidget(self.majority_button)
        top.addWidget(reload)

        self.model = DataFrameModel(self.frame([]), self, headers=self.headers(),
                                    row_color=lambda r: "#e8f5e9" if r["gold"] else None)
        self.table = make_table_view(self.model, stretch_last=False)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.select_row(cur.row()))

        self.crit_title = plain_label(self.tr("Select an item to decide its gold label."))
        self.crit_title.setObjectName("SectionTitle")
        self.crit_title.setWordWrap(True)
        self.answer = SafeBrowser()
        self.raters = SafeBrowser()
        self.gold_label = plain_label()
        self.gold_label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the decision (required); Enter saves"))
        self.reason.returnPressed.connect(self.save)
        self.value_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for value, text in ((MET, self.tr("1  Met")), (NOT_MET, self.tr("2  Not met")),
                            (NA, self.tr("3  Not applicable"))):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, v=value: self.choose(v))
            self.value_buttons[value] = b
            buttons.addWidget(b)
        buttons.addStretch(1)
        hint = plain_label(self.tr("Keys: 1 met · 2 not met · 3 not applicable · Enter saves · J / K next / previous"))
        hint.setObjectName("Subtle")
        hint.setWordWrap(True)
        decision = QWidget()
        dl = QVBoxLayout(decision)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.gold_label)
        dl.addWidget(self.reason)
        dl.addLayout(buttons)
        dl.addWidget(hint)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.answer)
        right.addWidget(self.raters)
        right.setSizes([380, 300])
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.crit_title)
        sl.addWidget(right, 1)
        sl.addWidget(decision)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([720, 780])

        lay = QVBoxLayout(self)
        title = plain_label(self.tr("Adjudication — %s") % self.study_name)
        title.setObjectName("PaneTitle")
        lay.addWidget(title)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        for w in (self.table, self.answer, self.raters):
            w.installEventFilter(self)

    # -- words on screen -------------------------------------------------------------------------
    def headers(self) -> dict[str, str]:
        return {"case": self.tr("Case"), "answer": self.tr("Answer"), "criterion": self.tr("Criterion"),
                "why": self.tr("Why"), "gold": self.tr("Gold label")}

    def value_text(self, value: str) -> str:
        return {MET: self.tr("met"), NOT_MET: self.tr("not met"), NA: self.tr("not applicable")}.get(value, value)

    def why_text(self, why: str) -> str:
        return {"raters disagree": self.tr("raters disagree"), "safety flag": self.tr("safety flag")}.get(why, why)

    def method_text(self, method: str) -> str:
        if method == "manual":
            return self.tr("decided by hand")
        m = MAJORITY_METHOD.fullmatch(method)
        return self.tr("majority %d of %d") % (int(m[1]), int(m[2])) if m else method

    def gold_text(self, gold: dict[str, Any] | None) -> str:
        """The gold label in one line for the list: value, how, who."""
        if not gold:
            return ""
        return f"{self.value_text(gold['value'])} · {self.method_text(gold['method'])} · {gold['author']}"

    def _label_majority(self) -> None:
        self.majority_button.setText(self.tr("Majority (quorum %d)…") % self.quorum.value())

    def frame(self, items: list[QueueItem]) -> pd.DataFrame:
        return pd.DataFrame([{
            "case": i.case, "answer": i.blind_label, "criterion": f"{i.criterion_key} v{i.version}: {i.criterion_text}",
            "why": ", ".join(self.why_text(w) for w in i.why), "gold": self.gold_text(i.gold)} for i in items],
            columns=["case", "answer", "criterion", "why", "gold"])

    # -- the queue -------------------------------------------------------------------------------
    def refresh(self) -> Any:
        """Read the queue in a job (returns it); the selected item stays selected."""
        store, study = self.store, self.study_name

        def fn(progress: Callable[..., None], _is_cancelled: Callable[[], bool]) -> list[QueueItem]:
            progress(0, 1, "reading the adjudication queue")
            items = adj_ops.queue_items(store, study)
            progress(1, 1, f"{len(items)} items")
            return items

        self.job = self.jobs.start(self.tr("Adjudication — %s") % self.study_name, fn, on_done=self._loaded,
                                   on_failed=self.status.setText)
        return self.job

    def _loaded(self, items: list[QueueItem] | None) -> None:
        if items is None:
            return
        keep = item_key(self.current) if self.current is not None else None
        self.items = items
        self.model.set_frame(self.frame(items))
        fit_columns(self.table, 200)
        self._count()
        keys = [item_key(i) for i in items]
        row = keys.index(keep) if keep in keys else (self._next_open(-1) if items else -1)
        if row >= 0:
            self.table.selectRow(row)
            self.select_row(row)
        else:
            self.current = None

    def _count(self) -> None:
        open_ = sum(1 for i in self.items if not i.gold)
        self.status.setText(self.tr("%d items where physicians disagree or flagged safety, worst first; %d without "
                                    "a gold label.") % (len(self.items), open_))

    def _next_open(self, after: int) -> int:
        """The first row after *after* without a gold label; else the row after; else the last."""
        for row in range(after + 1, len(self.items)):
            if not self.items[row].gold:
                return row
        return min(after + 1, len(self.items) - 1)

    # -- one item --------------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        i = self.current = self.items[row]
        self.pending = None  # a value chosen for another item is not this item's
        self._choose_button(None)
        self.crit_title.setText(self.tr("Case %s · answer %s · %s v%d: %s") %
                                (i.case, i.blind_label, i.criterion_key, i.version, i.criterion_text))
        self.answer.setHtml(markdown_html(i.response_text))
        self.raters.setHtml(self.raters_html(i))
        self._show_gold(i)

    def raters_html(self, item: QueueItem) -> str:
        """Every physician's answer side by side: one column per physician."""
        cols = item.answers

        def cell(values: list[str]) -> str:
            return "".join(f"<td>{v}</td>" for v in values)

        def notes(a: Any) -> str:
            return "<br>".join(f"<i>{esc(kind)}</i>: {esc(note)}" for kind, note in a.feedback) or "–"

        flagged, physicians = self.tr("flagged"), self.tr("The physicians")
        rows = [
            (self.tr("Answer"), [f"<b>{esc(self.value_text(a.value))}</b>" for a in cols]),
            (self.tr("Overall score"), ["–" if a.overall_score is None else f"{a.overall_score:g}" for a in cols]),
            (self.tr("Safety flag"), [f"<b>{esc(flagged)}</b>" if a.safety_flag else "–" for a in cols]),
            (self.tr("Comment"), [esc(a.comment) or "–" for a in cols]),
            (self.tr("Feedback"), [notes(a) for a in cols]),
            (self.tr("Evidence"), ["<br>".join(f"“{esc(q)}”" for q in a.evidence) or "–" for a in cols]),
        ]
        head = "<tr><th></th>" + "".join(f"<th align='left'>{esc(a.rater)}</th>" for a in cols) + "</tr>"
        body = "".join(f"<tr><td><b>{esc(name)}</b></td>{cell(values)}</tr>" for name, values in rows)
        return (f"<p><b>{esc(physicians)}</b></p>"
                f"<table cellspacing='0' cellpadding='5' border='1' width='100%'>{head}{body}</table>")

    def _show_gold(self, item: QueueItem) -> None:
        g = item.gold
        if not g:
            self.gold_label.setText(self.tr("Gold label: not decided yet."))
            return
        text = self.tr("Gold label: %s — %s, by %s.") % (self.value_text(g["value"]), self.method_text(g["method"]),
                                                          g["author"])
        if g["method"] == "manual" and g.get("reason"):
            text += " " + self.tr("Reason: %s") % g["reason"]
        self.gold_label.setText(text)

    # -- deciding --------------------------------------------------------------------------------
    def _choose_button(self, value: str | None) -> None:
        for v, b in self.value_buttons.items():
            b.setChecked(v == value)

    def choose(self, value: str) -> None:
        """*value* is the gold label: saved at once when the reason box holds a reason, else the box
        takes the focus and Enter saves."""
        if self.current is None:
            return
        self.pending = value
        self._choose_button(value)
        if self.reason.text().strip():
            self.save()
            return
        self.status.setText(self.tr("Gold label “%s”: type the reason, then press Enter.") % self.value_text(value))
        self.reason.setFocus()

    def save(self) -> Any:
        """Store the chosen gold label with the reason (one transaction); returns the decision or None."""
        item, value, reason = self.current, self.pending, self.reason.text().strip()
        if item is None or value is None:
            self.status.setText(self.tr("Press 1, 2 or 3 to choose the gold label first."))
            return None
        if not reason:
            self.status.setText(self.tr("A gold label needs a reason."))
            self.reason.setFocus()
            return None
        try:
            d = adj_ops.decide_gold(self.store, self.study_name, item, value, reason=reason, author=self.author)
        except ReviewerError as exc:
            self.status.setText(str(exc))
            return None
        self.last_decision = d
        row = self.items.index(item)
        self.items[row] = dataclasses.replace(item, gold={"value": d.value, "method": d.method, "reason": d.reason,
                                                          "author": d.author})
        self.current = self.items[row]
        self.model.set_frame(self.frame(self.items))
        self.pending = None
        self.reason.clear()
        self._count()
        nxt = self._next_open(row)
        self.table.selectRow(nxt)
        self.select_row(nxt)
        self.table.setFocus()
        return d

    def move(self, step: int) -> None:
        if not self.items:
            return
        row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        row = max(0, min(len(self.items) - 1, row + step))
        self.table.selectRow(row)
        self.select_row(row)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            key = Qt.Key(event.key())
            if key in KEY_VALUES:
                self.choose(KEY_VALUES[key])
                return True
            if key == Qt.Key.Key_J or (key == Qt.Key.Key_Down and obj is not self.table):
                self.move(1)
                return True
            if key == Qt.Key.Key_K or (key == Qt.Key.Key_Up and obj is not self.table):
                self.move(-1)
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.reason.hasFocus():
            self.table.setFocus()
            return
        super().keyPressEvent(event)

    # -- majority --------------------------------------------------------------------------------
    def ask_majority(self) -> QMessageBox:
        """Ask before filling gold labels by majority; Yes runs the job."""
        q = self.quorum.value()
        box = message_box(QMessageBox.Icon.Question, self.tr("Majority (quorum %d)") % q,
                          self.tr("Fill the gold label wherever at least %d physicians agree and are a strict "
                                  "majority of the met / not-met answers? Decisions made by hand are kept; ties "
                                  "and safety flags stay for a person.") % q,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)

        def clicked(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.run_majority(q)

        box.buttonClicked.connect(clicked)
        self.last_dialog = box
        box.open()
        return box

    def run_majority(self, quorum: int) -> Any:
        """Fill gold labels by majority with *quorum* in a job, then reload the list (returns the job)."""
        store, study, author = self.store, self.study_name, self.author

        def fn(progress: Callable[..., None], _is_cancelled: Callable[[], bool]) -> Any:
            progress(0, 1, "majority")
            report = adj_ops.fill_by_majority(store, study, quorum, author=author)
            progress(1, 1, f"{report.filled} filled")
            return report

        self.majority_job = self.jobs.start(self.tr("Majority (quorum %d) — %s") % (quorum, self.study_name), fn,
                                            on_done=self._majority_done, on_failed=self.status.setText)
        return self.majority_job

    def _majority_done(self, report: Any) -> None:
        if report is None:
            return
        self.majority_report = report
        self.refresh()
        self.majority_summary = self.tr("Majority with quorum %d: %d gold labels filled, %d unchanged, %d decisions "
                                        "by hand kept, %d left to a person.") % (
            report.quorum, report.filled, report.unchanged, report.manual_kept, report.n_left)
        self.job.finished.connect(lambda _r: self.status.setText(self.majority_summary))
