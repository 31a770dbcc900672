"""The study overview (Coordinator › Study overview…): who has rated how much, what is outstanding,
each rater's last return; a tab of the coordinator window, refreshed after imports, assignments and
merges. Counts come from :func:`reviewer.studies.overview.study_overview` (one transaction)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reviewer.gui.coordinator.frame_model import DataFrameModel, fit_columns, make_table_view
from reviewer.gui.safe_text import plain_label
from reviewer.store import Store

COLUMNS = ("rater", "assigned", "submitted", "drafts", "outstanding", "done", "other_submitted", "time_spent",
           "last_activity", "last_return", "last_return_file")


def headers() -> dict[str, str]:
    """The overview table's column titles in the language on screen."""
    return {
        "rater": QCoreApplication.translate("Coordinator", "Rater"),
        "assigned": QCoreApplication.translate("Coordinator", "Assigned"),
        "submitted": QCoreApplication.translate("Coordinator", "Submitted"),
        "drafts": QCoreApplication.translate("Coordinator", "Drafts"),
        "outstanding": QCoreApplication.translate("Coordinator", "Outstanding"),
        "done": QCoreApplication.translate("Coordinator", "Done"),
        "other_submitted": QCoreApplication.translate("Coordinator", "Other submitted"),
        "time_spent": QCoreApplication.translate("Coordinator", "Time spent"),
        "last_activity": QCoreApplication.translate("Coordinator", "Last change"),
        "last_return": QCoreApplication.translate("Coordinator", "Last return"),
        "last_return_file": QCoreApplication.translate("Coordinator", "Return file"),
    }


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "–"


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"


def overview_frame(overview: Any) -> pd.DataFrame:
    return pd.DataFrame([{
        "rater": r.rater, "assigned": r.assigned, "submitted": r.submitted, "drafts": r.drafts,
        "outstanding": r.outstanding, "done": f"{100 * r.submitted / r.assigned:.0f}%" if r.assigned else "–",
        "other_submitted": r.other_submitted, "time_spent": _minutes(r.time_spent_s),
        "last_activity": _when(r.last_activity), "last_return": _when(r.last_return),
        "last_return_file": r.last_return_file or "–"} for r in overview.raters], columns=list(COLUMNS))


class OverviewView(QWidget):
    """Totals in one line, then one row per rater, outstanding work in red."""

    def __init__(self, store: Store, study_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.study_id = store, study_id
        self.overview: Any = None
        self.title = plain_label()
        self.title.setObjectName("SectionTitle")
        self.totals = plain_label()
        self.totals.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.model = DataFrameModel(overview_frame(_Empty()), self, headers=headers(),
                                    row_color=lambda r: "#fdecec" if r["outstanding"] else None)
        self.table = make_table_view(self.model)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(refresh)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.totals)
        lay.addWidget(self.table, 1)
        note = plain_label(self.tr("Submitted and drafts count the rater's assigned answers; other submitted are "
                         "ratings of answers not assigned to them (imported, or from an earlier design). "
                         "Last return: the newest return file merged for the rater."))
        note.setObjectName("Subtle")
        note.setWordWrap(True)
        lay.addWidget(note)

    def refresh(self) -> None:
        from reviewer.studies.overview import study_overview

        ov = study_overview(self.store, self.study_id)
        self.overview = ov
        self.title.setText(self.tr("Study overview — %s") % ov.study)
        self.totals.setText(self.tr("%d answers · %d not assigned to anyone · %d ratings submitted · "
                               "%d assigned answers outstanding") % (ov.responses, ov.unassigned, ov.submitted,
                                                                     ov.outstanding))
        self.model.set_frame(overview_frame(ov))
        fit_columns(self.table)


class _Empty:
    raters: tuple[Any, ...] = ()
