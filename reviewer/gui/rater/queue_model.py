"""The work queue as a lazily loaded table model (Anki's browser shape: ids plus rows on demand).

The model holds the ordered response ids and each one's status (a cheap query, needed for the
status filter and the progress bar) and loads the full rows (title, label, time) a page at a time
when the view asks for them. Filtering by status and category happens here, on the id list: a
``QSortFilterProxyModel`` would call back into Python once per row (50,000 calls on every reset).

The model can be filled from the app's first screen (:mod:`reviewer.rating.first_screen`) before the
store is open: the first page of rows comes with it, and the rating operations are attached right
after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from reviewer.rating.views import NEW, SKIPPED, QueueItem, RatingState

if TYPE_CHECKING:
    from reviewer.rating.first_screen import FirstScreen
    from reviewer.rating.operations import RatingOperations

PAGE = 200
STATUS_COLOURS = {"new": "#8a94a6", "draft": "#d08a00", "submitted": "#1f9d55", "skipped": "#7a5af8"}
Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_FG, _FONT, _ALIGN = (int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole),
                      int(Qt.ItemDataRole.TextAlignmentRole))
_TIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), _TIP, _FG, _FONT, _ALIGN})


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, sec = divmod(seconds, 60)
    return f"{minutes}:{sec:02d}"


class QueueModel(QAbstractTableModel):
    """Columns: position, case title, answer label (A, B, ...), status, time spent, category.

    Rows are the *visible* responses (the queue after the status and category filters); positions
    shown in the first column are places in the whole queue.
    """

    COLUMNS = ("#", QT_TRANSLATE_NOOP("QueueModel", "Case"), QT_TRANSLATE_NOOP("QueueModel", "Answer"),
               QT_TRANSLATE_NOOP("QueueModel", "Status"), QT_TRANSLATE_NOOP("QueueModel", "Time"),
               QT_TRANSLATE_NOOP("QueueModel", "Category"))

    def __init__(self, ops: RatingOperations | None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._ops = ops
        self._ids: list[int] = []  # the whole queue, in order
        self._pos: dict[int, int] = {}  # response id -> index in the whole queue
        self._visible: list[int] = []  # what the rows show (the filtered queue)
        self._row_of: dict[int, int] | None = None  # response id -> visible row (built on demand)
        self._filters: tuple = ("", "", "", None)  # status, category, mark, search hits (None: no search)
        self._marks: dict[str, set[int]] = {}
        self._status: dict[int, str] = {}
        self._category: dict[int, str] = {}
        self._rows: dict[int, QueueItem] = {}
        self._rater_id: int | None = None
        self._overrides: dict[int, tuple[str, float]] = {}
        self._submitted = 0
        self._categories: list[str] = []
        self._study_id = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {k: QBrush(QColor(v)) for k, v in STATUS_COLOURS.items()}
        self._status_text = {"new": self.tr("new"), "draft": self.tr("draft"), "submitted": self.tr("submitted"),
                             "skipped": self.tr("later")}

    # -- loading --------------------------------------------------------------------------
    def attach(self, ops: RatingOperations) -> None:
        self._ops = ops

    def load(self, study_id: int, rater_id: int) -> None:
        """Fetch the ordered ids, statuses and categories; rows come later, page by page."""
        queue = self._ops.queue(study_id, rater_id)
        self._reset(study_id, rater_id, queue.ids, queue.statuses, queue.categories, {})

    def load_first(self, first: FirstScreen) -> None:
        """Fill the model from the first screen (no store needed)."""
        self._reset(first.study_id, first.rater_id, first.queue, first.statuses, first.categories, first.rows)

    def _reset(self, study_id: int, rater_id: int, ids: list[int], status: dict[int, str],
               categories: list[str], rows: dict[int, QueueItem]) -> None:
        self.beginResetModel()
        self._study_id, self._rater_id = study_id, rater_id
        self._ids, self._status, self._categories = ids, status, categories
        self._pos = {rid: i for i, rid in enumerate(ids)}
        self._rows = dict(rows)
        self._overrides.clear()
        self._category = {}  # response id -> category, loaded when a category filter is first used
        self._submitted = sum(1 for st in status.values() if st == "submitted")
        self._apply_filters()
        self.endResetModel()

    def _row_item(self, row: int) -> QueueItem | None:
        rid = self._visible[row]
        item = self._rows.get(rid)
        if item is None and self._rater_id is not None and self._ops is not None:
            # a page of the whole queue around this response (the unfiltered order is the common case)
            start = (self._pos[rid] // PAGE) * PAGE
            chunk = self._ids[start:start + PAGE]
            if rid not in chunk:
                chunk = [rid]
            self._rows.update(self._ops.queue_rows(self._rater_id, chunk, {r: self._pos[r] + 1 for r in chunk}))
            item = self._rows.get(rid)
        return item

    # -- filters ----------------------------------------------------------------------------
    def set_filters(self, status: str, category: str, mark: str = "", found: list[int] | None = None) -> None:
        """Show only responses with this status, category and mark (``""``: any; marks:
        ``flagged``, ``commented``, ``feedback``) among the search hits *found* (``None``: no
        search). A mark filter reads the marks afresh each time it is applied."""
        filters = (status, category, mark, None if found is None else tuple(found))
        if filters == self._filters and not mark:
            return
        if category:
            self.ensure_categories()
        if mark and self._ops is not None and self._rater_id is not None:
            self._marks = self._ops.queue_marks(self._rater_id)
        self.beginResetModel()
        self._filters = filters
        self._apply_filters()
        self.endResetModel()

    def _apply_filters(self) -> None:
        status, category, mark, found = self._filters
        ids = self._ids
        if found is not None:
            hits = set(found)
            ids = [rid for rid in ids if rid in hits]
        if status:
            ids = [rid for rid in ids if self._status.get(rid, NEW) == status]
        if category:
            ids = [rid for rid in ids if self._category.get(rid, "") == category]
        if mark:
            marked = self._marks.get(mark, set())
            ids = [rid for rid in ids if rid in marked]
        self._visible = ids
        self._row_of = None

    def ensure_categories(self) -> None:
        """Load each response's category (once), for the category filter."""
        if self._category or not self._ids or self._ops is None:
            return
        self._category = self._ops.response_categories(self._study_id)

    # -- queries used by the window -------------------------------------------------------
    def ids(self) -> list[int]:
        """The whole queue, in order (filters do not change it)."""
        return self._ids

    def queue_index(self, response_id: int) -> int | None:
        """Place of a response in the whole queue (``None``: not in this rater's queue)."""
        return self._pos.get(response_id)

    def row_of(self, response_id: int) -> int | None:
        """The visible row showing a response (``None``: not in the queue, or filtered out)."""
        if self._row_of is None:
            self._row_of = {rid: i for i, rid in enumerate(self._visible)}
        return self._row_of.get(response_id)

    def response_at(self, row: int) -> int | None:
        return self._visible[row] if 0 <= row < len(self._visible) else None

    def status_of(self, response_id: int) -> str:
        return self._status.get(response_id, NEW)

    def categories(self) -> list[str]:
        return list(self._categories)

    def counts(self) -> tuple[int, int]:
        """(submitted, in queue)."""
        return self._submitted, len(self._ids)

    def skipped_count(self) -> int:
        """Responses set aside for later ("come back later")."""
        return sum(1 for st in self._status.values() if st == SKIPPED)

    def update_state(self, state: RatingState, skipped: bool | None = None) -> None:
        """A write changed a row's status/time: refresh that row only (a row leaves a status filter
        only when the filters are applied again, so the rater's place in the list stays put).
        A draft set aside stays "skipped" through other writes unless *skipped* says otherwise."""
        before = self._status.get(state.response_id)
        status = state.status
        if status == "draft" and (skipped or (skipped is None and before == SKIPPED)):
            status = SKIPPED
        if state.response_id in self._pos and before != status:
            self._submitted += (status == "submitted") - (before == "submitted")
        self._status[state.response_id] = status
        self._overrides[state.response_id] = (status, state.time_spent_s)
        row = self.row_of(state.response_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

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
        rid = self._visible[row]
        status = self._status.get(rid, NEW)
        if role == _FG:
            return self._brushes[status] if col == 3 else None
        if role == _FONT:
            return self._bold if col == 3 and status != NEW else None
        if role == _ALIGN:
            return _RIGHT if col in (0, 4) else (_CENTER if col == 2 else None)
        if role == _TIP:
            item = self._row_item(row) if col in (1, 5) else None
            return f"{item.case_title}\n{item.category}" if item else None
        if col == 0:
            return self._pos[rid] + 1
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
