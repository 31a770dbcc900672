"""Ask for re-rating (Triage): after a criterion was reworded, the raters of the selected case(s)
rate again only the reworded criteria on the newest checklist version; their other answers are
carried over.

The dialog lists the raters who rated the case on an older version (all ticked; the coordinator
may untick some, or add a rater new to the case), previews what each would be asked and what is
carried -- the preview is the real request run in a transaction that is rolled back
(:func:`reviewer.checklists.operations.preview_rerating`), so it cannot disagree with what OK does
-- and OK makes the request in one transaction (:func:`~reviewer.checklists.operations.rerate_cases`).
"""

from __future__ import annotations

from collections import OrderedDict

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QListView, QPushButton, QVBoxLayout, QWidget

from reviewer.checklists import operations as checklist_ops
from reviewer.checklists.rerate import RerateItem, RerateReport
from reviewer.errors import ReviewerError
from reviewer.gui.coordinator.dialog_parts import finish_buttons, subtle
from reviewer.gui.coordinator.frame_model import DataFrameModel, fit_columns, make_table_view
from reviewer.gui.dialogs import ValidatingDialog
from reviewer.gui.safe_text import plain_label
from reviewer.store import Store
from reviewer.studies.operations import rater_names

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _short(key: str) -> str:
    """A criterion key without its case prefix ("demo-en-02.c1" -> "c1")."""
    return key.rsplit(".", 1)[-1]


class RerateDialog(ValidatingDialog):
    """Who rates again, what they are asked and what is carried; OK asks them (one transaction)."""

    rerated = Signal(object)  # the RerateReport of the request made

    def __init__(self, store: Store, study_id: int, cases: dict[str, str], actor: str,
                 parent: QWidget | None = None) -> None:
        """*cases*: case uid -> label (external id), in the order the coordinator selected them."""
        super().__init__(parent)
        self.store, self.study_id, self.cases, self.actor = store, study_id, dict(cases), actor
        self.report: RerateReport | None = None  # of the request made (after OK)
        self.preview: RerateReport | None = None
        labels = ", ".join(self.cases.values())
        self.setWindowTitle(self.tr("Ask for re-rating — case %s") % labels)
        self.setMinimumWidth(760)
        intro = subtle(self.tr("These raters rated the answers on an older checklist version. Each is asked to "
                               "rate again only the reworded criteria, on the newest version; their other answers "
                               "are carried over. Untick anyone who should not be asked."))
        self.empty = plain_label(self.tr("Nobody rated this case on an older version; edit a criterion first."),
                                 object_name="EmptyState", word_wrap=True)
        self.raters = QStandardItemModel(self)
        self.rater_list = QListView()
        self.rater_list.setModel(self.raters)
        self.rater_list.setAccessibleName(self.tr("Raters to ask"))
        self.new_rater = QComboBox()
        self.new_rater.setPlaceholderText(self.tr("no other rater"))
        self.new_rater.setAccessibleName(self.tr("Rater new to the case"))
        self.add_button = QPushButton(self.tr("Add rater"))
        self.add_button.clicked.connect(self.add_selected_rater)
        add = QHBoxLayout()
        add.addWidget(plain_label(self.tr("Also ask a rater new to the case:")))
        add.addWidget(self.new_rater, 1)
        add.addWidget(self.add_button)
        self.preview_title = plain_label(self.tr("What will be asked"), object_name="SectionTitle")
        self.preview_model = DataFrameModel(pd.DataFrame(), self, headers={
            "rater": self.tr("Rater"), "case": self.tr("Case"), "answer": self.tr("Answer"),
            "versions": self.tr("Version"), "asked": self.tr("Rate again (reworded)"),
            "carried": self.tr("Carried (unchanged)")})
        self.preview_table = make_table_view(self.preview_model)
        self.preview_table.setMinimumHeight(150)
        self.wording = subtle("")  # the reworded criteria as the newest version words them
        self.summary = subtle("")
        buttons = finish_buttons(self, self.tr("Ask for re-rating"))
        self.ok_button = buttons.button(buttons.StandardButton.Ok)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.empty)
        lay.addWidget(self.rater_list)
        lay.addLayout(add)
        lay.addWidget(self.preview_title)
        lay.addWidget(self.preview_table, 1)
        lay.addWidget(self.wording)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setTabOrder(self.rater_list, self.new_rater)
        self.setTabOrder(self.new_rater, self.add_button)
        self.setTabOrder(self.add_button, self.preview_table)
        self._fill()
        self.raters.itemChanged.connect(lambda _item: self.update_preview())
        self.update_preview()
        self.rater_list.setFocus()

    # -- who -------------------------------------------------------------------------------------
    def _fill(self) -> None:
        """The raters with a rating on an older version (from the default request), ticked."""
        try:
            first = checklist_ops.preview_rerating(self.store, list(self.cases))
            names = rater_names(self.store, self.study_id)
        except ReviewerError as exc:
            self.show_error(str(exc))
            first, names = RerateReport((), ()), []
        by_rater: OrderedDict[str, list[RerateItem]] = OrderedDict()
        for item in first.items:
            if item.from_version is not None:
                by_rater.setdefault(item.rater, []).append(item)
        for name, items in by_rater.items():
            olds = sorted({i.from_version for i in items if i.from_version is not None})
            self._add_row(name, self.tr("%s — %d answers rated on %s") % (
                name, len(items), ", ".join(f"v{v}" for v in olds)))
        self.empty.setVisible(not by_rater)
        self.rater_list.setVisible(bool(by_rater))
        self.new_rater.clear()
        for name in names:
            if name not in by_rater:
                self.new_rater.addItem(name, name)
        self.new_rater.setEnabled(self.new_rater.count() > 0)
        self.add_button.setEnabled(self.new_rater.count() > 0)
        self._fit_list()

    def _fit_list(self) -> None:
        """The rater list as tall as its rows (up to six; then it scrolls)."""
        rows = max(1, min(6, self.raters.rowCount()))
        row_h = self.rater_list.sizeHintForRow(0) if self.raters.rowCount() else self.fontMetrics().height() + 4
        self.rater_list.setFixedHeight(rows * row_h + 2 * self.rater_list.frameWidth() + 4)

    def _add_row(self, name: str, text: str) -> None:
        item = QStandardItem(text)
        item.setData(name, NAME_ROLE)
        item.setCheckable(True)
        item.setEditable(False)
        item.setCheckState(Qt.CheckState.Checked)
        self.raters.appendRow(item)

    def add_selected_rater(self) -> None:
        """Add the rater chosen in the combo box (new to the case: assigned its answers on the newest version)."""
        name = self.new_rater.currentData()
        if not name:
            return
        self.new_rater.removeItem(self.new_rater.currentIndex())
        self.new_rater.setEnabled(self.new_rater.count() > 0)
        self.add_button.setEnabled(self.new_rater.count() > 0)
        self.raters.blockSignals(True)
        self._add_row(name, self.tr("%s — new to the case") % name)
        self.raters.blockSignals(False)
        self._fit_list()
        self.rater_list.setVisible(True)
        self.empty.setVisible(False)
        self.update_preview()

    def chosen(self) -> list[str]:
        return [self.raters.item(i).data(NAME_ROLE) for i in range(self.raters.rowCount())
                if self.raters.item(i).checkState() == Qt.CheckState.Checked]

    # -- what ------------------------------------------------------------------------------------
    def _versions(self, item: RerateItem) -> str:
        if item.from_version is None:
            return self.tr("new: v%d") % item.to_version
        return f"v{item.from_version} → v{item.to_version}"

    def update_preview(self) -> None:
        """Run the request as a dry run for the raters ticked now and show it."""
        self.error.setVisible(False)
        chosen = self.chosen()
        report = RerateReport((), ())
        if chosen:
            try:
                report = checklist_ops.preview_rerating(self.store, list(self.cases), chosen)
            except ReviewerError as exc:
                self.show_error(str(exc))
        self.preview = report
        self.preview_model.set_frame(pd.DataFrame([{
            "rater": i.rater, "case": i.case, "answer": i.blind_label or i.response_uid[:8],
            "versions": self._versions(i), "asked": ", ".join(_short(k) for k in i.asked),
            "carried": ", ".join(_short(k) for k in i.carried) or "–"} for i in report.items],
            columns=["rater", "case", "answer", "versions", "asked", "carried"]))
        fit_columns(self.preview_table, 260)
        self.wording.setText(self._wording(report))
        self.wording.setVisible(bool(self.wording.text()))
        n_rerate = sum(1 for i in report.items if i.from_version is not None)
        text = self.tr("%d ratings to re-rate, %d new assignments, %d skipped.") % (
            n_rerate, len(report.items) - n_rerate, len(report.skipped))
        skipped = sorted({f"{rater}: {why}" for rater, _uid, why in report.skipped})
        if skipped:
            text += "\n" + self.tr("Skipped: %s") % "; ".join(skipped)
        if not chosen:
            text = self.tr("Nobody is ticked: tick a rater, or add one new to the case.")
        self.summary.setText(text)
        self.ok_button.setEnabled(bool(report.items))

    def _wording(self, report: RerateReport) -> str:
        """The criteria asked again (reworded or new), as the newest version words them."""
        uid_of = {label: uid for uid, label in self.cases.items()}
        keys: OrderedDict[tuple[str, str], None] = OrderedDict()
        for item in report.items:
            if item.from_version is not None:
                for key in item.asked:
                    keys[(item.case, key)] = None
        lines = []
        for case, key in keys:
            try:
                crit, version = checklist_ops.latest_criterion(self.store, uid_of.get(case, case), key)
            except ReviewerError:
                continue
            lines.append(f"• {key} (v{version}): {crit.text}")
        return (self.tr("Reworded, to rate again:") + "\n" + "\n".join(lines)) if lines else ""

    # -- do it -----------------------------------------------------------------------------------
    def problem(self) -> str | None:
        if not self.chosen():
            return self.tr("Nobody is ticked: tick a rater, or add one new to the case.")
        return None

    def accept(self) -> None:
        """Ask the ticked raters (one transaction); a refusal is shown here and nothing is kept."""
        if not self.passes():
            return
        try:
            self.report = checklist_ops.rerate_cases(self.store, list(self.cases), self.chosen(), actor=self.actor)
        except ReviewerError as exc:
            self.show_error(str(exc))
            return
        self.rerated.emit(self.report)
        QDialog.accept(self)  # done: the problem() check ran above


__all__ = ["RerateDialog"]
