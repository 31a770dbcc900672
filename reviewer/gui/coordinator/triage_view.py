"""The triage view (coordinator): criteria ranked by trouble, the disagreements behind one, and the fix.

Every read and write goes through :mod:`reviewer.checklists.operations`. Top: the criteria ranked by
:func:`~reviewer.checklists.operations.rank_criteria` (computed in a job) as a table, worst first, with n,
alpha and its 95% interval, judge disagreement and feedback counts. Selecting a criterion shows
:func:`~reviewer.checklists.operations.criterion_disagreements`: each response where people disagreed,
every physician's and the judge's verdict, and the feedback notes. "Edit criterion…" stores a new
checklist version (:func:`~reviewer.checklists.operations.edit_criterion`, one transaction, with a
reason); "Re-judge affected answers…" runs :func:`~reviewer.checklists.operations.rejudge_case` in a
job: it re-judges the case's answers and returns the table that names both versions. "Ask for
re-rating…" (:class:`~reviewer.gui.coordinator.rerate_dialog.RerateDialog`) asks the raters of the
selected case(s) to rate the reworded criteria again on the newest version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer.checklists import operations as checklist_ops
from reviewer.checklists.triage import DisagreementReport, TriageRow
from reviewer.checklists.versions import CriterionView
from reviewer.errors import InputError, ReviewerError
from reviewer.gui.coordinator.frame_model import DataFrameModel, fit_columns, make_table_view, set_combo_items
from reviewer.gui.coordinator.jobs import JobManager
from reviewer.gui.safe_text import SafeBrowser, esc, plain_label
from reviewer.judging.operations import judge_run_template
from reviewer.store import Store
from reviewer.studies.operations import study_choices


def _ci(ci: tuple[float, float] | None) -> str:
    return f"[{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "–"


def triage_frame(rows: list[TriageRow]) -> pd.DataFrame:
    """The ranked table as the view shows it (one row per criterion version)."""
    return pd.DataFrame([{
        "case": r.case, "key": r.key, "version": f"v{r.version}" + (" (edited)" if r.edited_since else ""),
        "criterion": r.text, "n": r.n_rr, "alpha": r.alpha, "alpha_95ci": _ci(r.alpha_ci),
        "agreement": r.percent_agreement, "judge_n": r.n_jr, "judge_disagrees": r.judge_disagreement,
        "judge_95ci": _ci(r.judge_disagreement_ci), "feedback": r.feedback,
        "feedback_kinds": ", ".join(f"{k} {v}" for k, v in sorted(r.feedback_kinds.items())),
        "trouble": r.trouble} for r in rows],
        columns=["case", "key", "version", "criterion", "n", "alpha", "alpha_95ci", "agreement", "judge_n",
                 "judge_disagrees", "judge_95ci", "feedback", "feedback_kinds", "trouble"])


def disagreement_frame(report: DisagreementReport) -> pd.DataFrame:
    raters = sorted({name for row in report.rows for name in row.rater_values})
    out = []
    for row in report.rows:
        rec: dict[str, Any] = {"response": row.blind_label, "model": row.model}
        rec.update({name: row.rater_values.get(name, "") for name in raters})
        judge = row.judge or "–"
        if row.judge_probability is not None:
            judge += f" (p={row.judge_probability:.2f})"
        rec.update({"majority": row.majority or "tie", "judge": judge,
                    "notes": " | ".join(f"{n.rater} ({n.kind}): {n.note}" for n in row.notes)})
        out.append(rec)
    return pd.DataFrame(out, columns=["response", "model", *raters, "majority", "judge", "notes"])


def comparison_frame(table: Any) -> pd.DataFrame:
    rows = [*table.rows, table.overall]
    return pd.DataFrame([{
        "key": r.key, "change": r.change, "n": r.n, f"agreement {table.old_label}": r.old.agreement,
        f"agreement {table.new_label}": r.new.agreement, f"kappa {table.old_label}": r.old.kappa,
        f"kappa {table.new_label}": r.new.kappa, "was": r.old_text or "", "now": r.new_text or ""} for r in rows])


class EditCriterionDialog(QDialog):
    """Text, points, tier of one criterion, and the reason for the change."""

    def __init__(self, crit: CriterionView, case: str, version: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit criterion %s of case %s (v%d)") % (crit.key, case, version))
        self.setMinimumWidth(620)
        self.text = QPlainTextEdit(crit.text)
        self.text.setMinimumHeight(90)
        self.points = QLineEdit("" if crit.points is None else f"{crit.points:g}")
        self.points.setPlaceholderText(self.tr("none"))
        self.tier = QComboBox()
        for label, value in ((self.tr("none"), None), ("core", "core"), ("secondary", "secondary")):
            self.tier.addItem(label, value)
        self.tier.setCurrentIndex(max(0, self.tier.findData(crit.tier)) if crit.tier else 0)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why it changes (required; kept in the audit trail)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Points"), self.points)
        form.addRow(self.tr("Tier"), self.tier)
        form.addRow(self.tr("Reason"), self.reason)
        self.error = plain_label()
        self.error.setObjectName("ErrorBanner")
        self.error.setVisible(False)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        raw = self.points.text().strip()
        try:
            points = float(raw) if raw else None
        except ValueError as exc:
            raise InputError(f"points must be a number or empty, not {raw!r}") from exc
        return {"text": self.text.toPlainText().strip(), "points": points, "tier": self.tier.currentData(),
                "reason": self.reason.text().strip()}

    def accept(self) -> None:
        try:
            v = self.values()
        except ReviewerError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        if not v["reason"] or not v["text"]:
            self.error.setText(self.tr("The criterion needs text, and the change needs a reason."))
            self.error.setVisible(True)
            return
        super().accept()


class TriageView(QWidget):
    """Ranked criteria, the disagreements behind the selected one, edit, re-judge, compare."""

    def __init__(self, store: Store, study_id: int, jobs: JobManager, author: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.study_id, self.jobs, self.author = store, study_id, jobs, author
        self.rows: list[TriageRow] = []
        self.current: TriageRow | None = None
        self.last_edit: tuple[str, int, int] | None = None  # case uid, old version, new version
        self.comparison: Any = None
        self.job = None
        choices = study_choices(store, study_id)
        self.study_name = choices.name
        self.judge = QComboBox()
        self._fill_judge_runs(choices.judge_runs)
        rank = QPushButton(self.tr("Rank criteria"))
        rank.clicked.connect(self.refresh)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.status = plain_label()
        self.status.setObjectName("Subtle")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.judge, 1)
        top.addWidget(rank)
        top.addWidget(self.progress, 1)
        top.addWidget(self.status, 2)
        self.model = DataFrameModel(triage_frame([]), self, headers=self.triage_headers(),
                                    row_color=lambda r: "#fdecec" if r["alpha"] == r["alpha"] and r["alpha"] is not None
                                    and r["alpha"] < 0.667 else None)
        self.table = make_table_view(self.model, stretch_last=False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several cases to re-rate
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.select_row(cur.row()))
        self.crit_title = plain_label(self.tr("Select a criterion to see where people disagreed."))
        self.crit_title.setObjectName("SectionTitle")
        self.crit_title.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Edit criterion…"))
        self.edit_button.clicked.connect(self.ask_edit)
        self.rejudge_button = QPushButton(self.tr("Re-judge affected answers…"))
        self.rejudge_button.clicked.connect(self.ask_rejudge)
        self.rerate_button = QPushButton(self.tr("Ask for re-rating…"))
        self.rerate_button.setToolTip(self.tr("Ask the raters of the selected case(s) to rate the reworded "
                                              "criteria again on the newest checklist version"))
        self.rerate_button.clicked.connect(self.ask_rerate)
        for b in (self.edit_button, self.rejudge_button, self.rerate_button):
            b.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.crit_title, 1)
        head.addWidget(self.edit_button)
        head.addWidget(self.rejudge_button)
        head.addWidget(self.rerate_button)
        self.dis_model = DataFrameModel(pd.DataFrame(), self, headers={
            "response": self.tr("Answer"), "model": self.tr("Model"), "majority": self.tr("Majority"),
            "judge": self.tr("Judge"), "notes": self.tr("Notes")})
        self.dis_table = make_table_view(self.dis_model)
        self.dis_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_response(cur.row()))
        self.detail = SafeBrowser()
        self.cmp_title = plain_label()
        self.cmp_title.setObjectName("SectionTitle")
        self.cmp_title.setWordWrap(True)
        self.cmp_model = DataFrameModel(pd.DataFrame(), self, headers={
            "key": self.tr("Key"), "change": self.tr("Change"), "was": self.tr("Was"), "now": self.tr("Now")})
        self.cmp_table = make_table_view(self.cmp_model)
        self.cmp_box = QWidget()
        cl = QVBoxLayout(self.cmp_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.cmp_title)
        cl.addWidget(self.cmp_table, 1)
        self.cmp_box.setVisible(False)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.dis_table)
        lower.addWidget(self.detail)
        lower.setSizes([700, 400])
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addLayout(head)
        bl.addWidget(lower, 2)
        bl.addWidget(self.cmp_box, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([380, 480])
        lay = QVBoxLayout(self)
        title = plain_label(self.tr("Checklist triage — %s") % self.study_name)
        title.setObjectName("PaneTitle")
        lay.addWidget(title)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self.report: DisagreementReport | None = None
        self.last_dialog: QDialog | None = None
        self.result_dialog: QDialog | None = None

    # -- ranking ---------------------------------------------------------------------------------
    def _fill_judge_runs(self, names: list[str]) -> None:
        set_combo_items(self.judge, [*((self.tr("judge run: %s") % r, r) for r in reversed(names)),  # newest first
                                     (self.tr("no judge run"), "")])

    def reload_judge_runs(self) -> None:
        """Offer the study's judge runs as they are now (one was added or deleted); a ranking made
        with a run that is gone is made again with the run now chosen."""
        runs = study_choices(self.store, self.study_id).judge_runs
        self._fill_judge_runs(runs)
        ranked_with = self.rows[0].judge_run if self.rows else None
        if ranked_with and ranked_with not in runs:
            self.rows, self.current, self.report = [], None, None
            self.model.set_frame(triage_frame([]))
            self.dis_model.set_frame(pd.DataFrame())
            self.crit_title.setText(self.tr("Select a criterion to see where people disagreed."))
            self.refresh()

    def triage_headers(self) -> dict[str, str]:
        """The ranked table's column titles in the language on screen (the frame keeps plain keys)."""
        return {"case": self.tr("Case"), "key": self.tr("Key"), "version": self.tr("Version"),
                "criterion": self.tr("Criterion"), "n": self.tr("n (≥2 raters)"), "alpha": "α",
                "alpha_95ci": self.tr("α 95% CI"), "agreement": self.tr("Agreement"),
                "judge_n": self.tr("n judged"), "judge_disagrees": self.tr("Judge disagrees"),
                "judge_95ci": self.tr("Judge 95% CI"), "feedback": self.tr("Feedback"),
                "feedback_kinds": self.tr("Feedback kinds"), "trouble": self.tr("Trouble score")}

    def refresh(self, n_boot: int = 500) -> Any:
        """Rank the criteria in a job (returns it)."""
        store, study_id, run = self.store, self.study_id, self.judge.currentData() or None

        def fn(progress: Callable[..., None], _is_cancelled: Callable[[], bool]) -> list[TriageRow]:
            progress(0, 1, "ranking criteria")
            rows = checklist_ops.rank_criteria(store, study_id, judge_run=run, n_boot=n_boot)
            progress(1, 1, f"{len(rows)} criteria ranked")
            return rows

        self.progress.setRange(0, 0)
        self.job = self.jobs.start(self.tr("Triage — %s") % self.study_name, fn, on_done=self._ranked,
                                   on_failed=self._failed)
        return self.job

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.status.setText(message)

    def _ranked(self, rows: list[TriageRow] | None) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if rows is None:
            return
        self.rows = rows
        self.model.set_frame(triage_frame(rows))
        fit_columns(self.table, 300)
        self.status.setText(self.tr("%d criteria, worst first. Red: alpha below 0.667.") % len(rows))
        if rows:
            self.table.selectRow(0)

    # -- one criterion ---------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        r = self.current = self.rows[row]
        try:
            rep = self.report = checklist_ops.criterion_disagreements(self.store, r.key, r.case_uid,
                                                                      version=r.version, judge_run=r.judge_run)
        except ReviewerError as exc:  # e.g. the run was deleted since the ranking: say so, rank again
            self.status.setText(str(exc))
            return
        self.crit_title.setText(self.tr("Case %s · %s · v%d: %s — %d responses with disagreement") %
                                (rep.case, rep.key, rep.version, rep.text, len(rep.rows)))
        self.dis_model.set_frame(disagreement_frame(rep))
        fit_columns(self.dis_table, 260)
        notes = "".join(f"<li><b>{esc(n.rater)}</b> ({esc(n.kind)}): {esc(n.note)}</li>" for n in rep.general_notes)
        self.detail.setHtml(f"<p><b>{self.tr('Feedback on this criterion')}</b></p><ul>{notes}</ul>" if notes
                            else f"<p>{self.tr('Select a response to read it.')}</p>")
        for b in (self.edit_button, self.rejudge_button, self.rerate_button):
            b.setEnabled(True)
        if rep.rows:
            self.dis_table.selectRow(0)

    def _show_response(self, row: int) -> None:
        if self.report is None or not 0 <= row < len(self.report.rows):
            return
        escape = esc
        r = self.report.rows[row]
        verdicts = "".join(f"<li>{escape(k)}: <b>{escape(v)}</b></li>" for k, v in r.rater_values.items())
        judge = escape(r.judge or "–") + (f" (p={r.judge_probability:.2f})" if r.judge_probability is not None else "")
        notes = "".join(f"<li><b>{escape(n.rater)}</b> ({escape(n.kind)}): {escape(n.note)}</li>" for n in r.notes)
        general = "".join(f"<li><b>{escape(n.rater)}</b> ({escape(n.kind)}): {escape(n.note)}</li>"
                          for n in self.report.general_notes)
        self.detail.setHtml(
            f"<h3>Response {escape(r.blind_label)} · {escape(r.model)}</h3><ul>{verdicts}"
            f"<li>judge: <b>{judge}</b> {escape(r.judge_explanation or '')}</li></ul>"
            + (f"<p><b>Notes</b></p><ul>{notes}</ul>" if notes else "")
            + (f"<p><b>Notes on the criterion</b></p><ul>{general}</ul>" if general else "")
            + f"<hr><p>{escape(r.text).replace(chr(10), '<br>')}</p>")

    # -- edit ------------------------------------------------------------------------------------
    def latest_criterion(self, row: TriageRow) -> tuple[CriterionView, int]:
        return checklist_ops.latest_criterion(self.store, row.case_uid, row.key)

    def ask_edit(self) -> None:
        if self.current is None:
            return
        try:
            crit, version = self.latest_criterion(self.current)
        except ReviewerError as exc:
            self.status.setText(str(exc))
            return
        dialog = EditCriterionDialog(crit, self.current.case, version, self)
        dialog.accepted.connect(lambda: self._apply_dialog(dialog, version))
        self.last_dialog = dialog
        dialog.open()

    def _apply_dialog(self, dialog: EditCriterionDialog, version: int) -> None:
        v = dialog.values()
        try:
            self.apply_edit(v["text"], v["points"], v["tier"], v["reason"], base_version=version)
        except ReviewerError as exc:
            self.status.setText(str(exc))

    def apply_edit(self, text: str, points: float | None, tier: str | None, reason: str,
                   base_version: int | None = None) -> int:
        """Store the edited criterion as a new checklist version; returns the new version number."""
        row = self.current
        if row is None:
            raise InputError("select a criterion first")
        new_version = checklist_ops.edit_criterion(self.store, row.case_uid, row.key, text=text, points=points,
                                                   tier=tier, author=self.author, reason=reason,
                                                   base_version=base_version)
        self.last_edit = (row.case_uid, row.version, new_version)
        self.status.setText(self.tr("Saved checklist version %d of case %s. Re-judge to compare.")
                            % (new_version, row.case))
        return new_version

    # -- re-judge and compare --------------------------------------------------------------------
    def ask_rejudge(self) -> None:
        if self.current is None:
            return
        from reviewer.gui.coordinator.judge_dialog import JudgeDialog

        dialog = JudgeDialog(self.store, self)
        dialog.setWindowTitle(self.tr("Re-judge the answers of case %s") % self.current.case)
        dialog.mode.setCurrentText("logprob")
        template = judge_run_template(self.store, self.study_id, self.current.judge_run or "")
        if template:
            dialog.set_template(template)
        dialog.accepted.connect(lambda: self.rejudge(dialog.params()))
        dialog.open()

    def rejudge(self, params: dict[str, Any]) -> Any:
        """Re-judge the current case's answers (latest checklist) in a job, then compare; returns the job."""
        row = self.current
        if row is None:
            return None
        old_version = self.last_edit[1] if self.last_edit and self.last_edit[0] == row.case_uid else row.version
        _crit, new_version = self.latest_criterion(row)
        old_run = row.judge_run
        params = dict(params)
        name = params.pop("name", None) or f"rejudge-{row.case}-v{new_version}"
        store = self.store
        case_uid = row.case_uid

        def fn(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> checklist_ops.RejudgeResult:
            p = dict(params)
            p.pop("cases", None)
            return checklist_ops.rejudge_case(
                store, case_uid, judge_model=p.pop("model"), template=p.pop("template"), mode=p.pop("mode"),
                name=name, old_version=old_version, new_version=new_version, old_run=old_run,
                max_new_tokens=p.pop("max_new_tokens", 512), progress=lambda d, t: progress(d, t, ""),
                is_cancelled=is_cancelled, **p)

        self.job = self.jobs.start(self.tr("Re-judge case %s (v%d)") % (row.case, new_version), fn,
                                   on_done=self._rejudged, on_failed=self._failed)
        return self.job

    def _rejudged(self, payload: checklist_ops.RejudgeResult | None) -> None:
        if payload is None:
            self.status.setText(self.tr("Re-judging cancelled."))
            return
        summary, table = payload.summary, payload.comparison
        self.status.setText(self.tr("Re-judged: %d verdicts in run %s.") % (summary.judged, summary.run_name))
        if table is None:
            self.cmp_title.setText(self.tr("No earlier judge run to compare with."))
            self.cmp_box.setVisible(True)
            return
        self.comparison = table
        self.cmp_title.setText(f"{table.title} — judge runs {table.old_run} (old) vs {table.new_run} (new). "
                               + " ".join(table.notes))
        self.cmp_model.set_frame(comparison_frame(table))
        fit_columns(self.cmp_table, 280)
        self.cmp_box.setVisible(True)

    # -- re-rating -------------------------------------------------------------------------------
    def selected_cases(self) -> dict[str, str]:
        """The cases of the selected rows (case uid -> label), in table order; else the current row's."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        picked = [self.rows[r] for r in rows if 0 <= r < len(self.rows)] or ([self.current] if self.current else [])
        return {r.case_uid: r.case for r in picked}

    def ask_rerate(self) -> QDialog | None:
        """Open "Ask for re-rating" for the selected case(s); returns the dialog."""
        cases = self.selected_cases()
        if not cases:
            return None
        from reviewer.gui.coordinator.rerate_dialog import RerateDialog

        dialog = RerateDialog(self.store, self.study_id, cases, self.author, self)
        dialog.rerated.connect(self._rerated)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _rerated(self, report: Any) -> None:
        """Say what the request did (its lines in a result dialog) and rank again."""
        from reviewer.gui.coordinator.dialog_parts import ResultDialog

        n_rerate = sum(1 for i in report.items if i.from_version is not None)
        head = self.tr("%d ratings to re-rate, %d new assignments, %d skipped.") % (
            n_rerate, len(report.items) - n_rerate, len(report.skipped))
        self.status.setText(head)
        self.result_dialog = ResultDialog(self.tr("Re-rating requested"), head, report.lines()[1:], self)
        self.result_dialog.open()
        self.refresh()
