"""The work queue as a lazily loaded table model (Anki's browser shape: ids plus rows on demand).

The model holds the ordered response ids, each one's status and category (a cheap query, needed
for filtering and the progress bar) and loads the full rows (title, label, time) a page at a time
when the view asks for them. A ``QSortFilterProxyModel`` filters by status and category.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy import select

from reviewer import rating as svc
from reviewer.store import Store
from reviewer.store.models import Case, Response

PAGE = 200
STATUS_COLOURS = {"new": "#8a94a6", "draft": "#d08a00", "submitted": "#1f9d55"}
Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_USER = int(Qt.ItemDataRole.UserRole)
_RID, _STATUS, _CATEGORY = _USER + 1, _USER + 2, _USER + 3
_FG, _FONT, _ALIGN = (int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole),
                      int(Qt.ItemDataRole.TextAlignmentRole))
_TIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), _TIP, _FG, _FONT, _ALIGN,
                    _RID, _STATUS, _CATEGORY})


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, sec = divmod(seconds, 60)
    return f"{minutes}:{sec:02d}"


class QueueModel(QAbstractTableModel):
    """Columns: position, case title, answer label (A, B, ...), status, time spent, category."""

    COLUMNS = ("#", QT_TRANSLATE_NOOP("QueueModel", "Case"), QT_TRANSLATE_NOOP("QueueModel", "Answer"),
               QT_TRANSLATE_NOOP("QueueModel", "Status"), QT_TRANSLATE_NOOP("QueueModel", "Time"),
               QT_TRANSLATE_NOOP("QueueModel", "Category"))
    ResponseIdRole = _RID
    StatusRole = _STATUS
    CategoryRole = _CATEGORY

    def __init__(self, store: Store, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._store = store
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._status: dict[int, str] = {}
        self._category: dict[int, str] = {}
        self._rows: dict[int, svc.QueueItem] = {}
        self._rater_id: int | None = None
        self._overrides: dict[int, tuple[str, float]] = {}
        self._submitted = 0
        self._categories: list[str] = []
        self._study_id = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {k: QBrush(QColor(v)) for k, v in STATUS_COLOURS.items()}
        self._status_text = {"new": self.tr("new"), "draft": self.tr("draft"), "submitted": self.tr("submitted")}

    # -- loading --------------------------------------------------------------------------
    def load(self, study_id: int, rater_id: int) -> None:
        """Fetch the ordered ids, statuses and categories; rows come later, page by page."""
        self.beginResetModel()
        self._rater_id = rater_id
        self._rows.clear()
        self._overrides.clear()
        with self._store.Session() as s:
            self._ids = svc.queue_ids(s, study_id, rater_id)
            self._status = svc.queue_statuses(s, rater_id, self._ids)
            self._categories = sorted(c for c in s.scalars(
                select(Case.category).where(Case.study_id == study_id).distinct()) if c)
        self._category = {}  # response id -> category, loaded when a category filter is first used
        self._study_id = study_id
        self._row_of = {rid: i for i, rid in enumerate(self._ids)}
        self._submitted = sum(1 for rid in self._ids if self._status.get(rid) == "submitted")
        self.endResetModel()

    def _row_item(self, row: int) -> svc.QueueItem | None:
        rid = self._ids[row]
        item = self._rows.get(rid)
        if item is None and self._rater_id is not None:
            start = (row // PAGE) * PAGE
            chunk = self._ids[start:start + PAGE]
            with self._store.Session() as s:
                got = svc.queue_rows(s, self._rater_id, chunk,
                                     {r: start + i + 1 for i, r in enumerate(chunk)})
            self._rows.update(got)
            item = self._rows.get(rid)
        return item

    # -- queries used by the window -------------------------------------------------------
    def ids(self) -> list[int]:
        return self._ids

    def row_of(self, response_id: int) -> int | None:
        return self._row_of.get(response_id)

    def status_of(self, response_id: int) -> str:
        return self._status.get(response_id, svc.NEW)

    def categories(self) -> list[str]:
        return list(self._categories)

    def ensure_categories(self) -> None:
        """Load each response's category (once), for the category filter."""
        if self._category or not self._ids:
            return
        with self._store.Session() as s:
            rows = s.connection().execute(
                select(Response.id, Case.category).join(Case, Response.case_id == Case.id)
                .where(Case.study_id == self._study_id)).all()
        self._category = {rid: cat or "" for rid, cat in rows}

    def counts(self) -> tuple[int, int]:
        """(submitted, in queue)."""
        return self._submitted, len(self._ids)

    def update_state(self, state: svc.RatingState) -> None:
        """A write changed a row's status/time: refresh that row only."""
        before = self._status.get(state.response_id)
        if state.response_id in self._row_of and before != state.status:
            self._submitted += (state.status == "submitted") - (before == "submitted")
        self._status[state.response_id] = state.status
        self._overrides[state.response_id] = (state.status, state.time_spent_s)
        row = self._row_of.get(state.response_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, C901
        # Called ~1,000 times per repaint: cheap exits first, plain ints instead of enum compares.
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        rid = self._ids[row]
        if role >= _USER:
            if role == _RID:
                return rid
            if role == _STATUS:
                return self._status.get(rid, svc.NEW)
            return self._category.get(rid, "")
        status = self._status.get(rid, svc.NEW)
        if role == _FG:
            return self._brushes[status] if col == 3 else None
        if role == _FONT:
            return self._bold if col == 3 and status != svc.NEW else None
        if role == _ALIGN:
            return _RIGHT if col in (0, 4) else (_CENTER if col == 2 else None)
        if role == _TIP:
            item = self._row_item(row) if col in (1, 5) else None
            return f"{item.case_title}\n{item.category}" if item else None
        if col == 0:
            return row + 1
        if col == 3:
            return self._status_text[status]
        item = self._row_item(row)
        if item is None:
            return None
        if col == 1:
            return item.case_title
        if col == 2:
            return item.blind_label
        if col == 5:
            return item.category
        spent = self._overrides.get(rid, (status, item.time_spent_s))[1]
        return format_seconds(spent) if spent else ""


class QueueFilter(QSortFilterProxyModel):
    """Filters by status (``""`` = all) and category (``""`` = all) without loading full rows."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._status = ""
        self._category = ""

    def set_filters(self, status: str, category: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._status, self._category = status, category
            self.endFilterChange()
        else:
            self._status, self._category = status, category
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._status and not self._category:
            return True
        model = self.sourceModel()
        idx = model.index(source_row, 0, source_parent)
        if self._status and model.data(idx, QueueModel.StatusRole) != self._status:
            return False
        return not (self._category and model.data(idx, QueueModel.CategoryRole) != self._category)
