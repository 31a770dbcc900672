"""The checklist: one row per criterion (met / not met / n.a.), built from the criteria rows.

Rows are reused between items (no widget churn when moving through 50,000 responses). The rows
only show values and emit what the rater chose; the item controller writes to the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from reviewer.gui.safe_text import esc, markdown_label, plain_label, plain_tooltip
from reviewer.rating.views import CriterionView, Overview
from reviewer.store.vocabulary import MET, NA, NOT_MET, harmful

VALUE_OBJECT = {MET: "Met", NOT_MET: "NotMet", NA: "NotApplicable"}


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def value_text(value: str | None) -> str:
    from PySide6.QtCore import QCoreApplication

    return {MET: QCoreApplication.translate("Checklist", "met"),
            NOT_MET: QCoreApplication.translate("Checklist", "not met"),
            NA: QCoreApplication.translate("Checklist", "n.a."), None: "–"}[value]


class CriterionRow(QFrame):
    """Number, text, points/tier, the three answers, a feedback button, coordinator notes."""

    answered = Signal(int, object)  # criterion id, value or None
    clicked = Signal(int)  # row index
    feedbackRequested = Signal(int)  # criterion id

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.criterion: CriterionView | None = None
        self.value: str | None = None
        self.setObjectName("CriterionRow")
        self.setProperty("focused", False)
        self.setProperty("disagree", False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.number = plain_label()
        self.number.setObjectName("CritNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.number.setMinimumWidth(22)
        self.text = plain_label()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # points and tier sit at the top right at their full width (the text wraps beside them):
        # never cut to "secondar" or hidden when the column is narrow or the text large
        self.meta = plain_label()
        self.meta.setObjectName("Subtle")
        self.meta.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        top.addWidget(self.meta, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(26, 0, 0, 0)
        bottom.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for value in (MET, NOT_MET, NA):
            b = QToolButton()
            b.setObjectName(VALUE_OBJECT[value])
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, v=value: self._on_button(v))
            bottom.addWidget(b)
            self.buttons[value] = b
        self._label_buttons(False)
        bottom.addStretch(1)
        # a re-rating: this answer was carried over from the rater's rating of the earlier
        # checklist version (the wording did not change); gone once the rater changes it
        self.carried = plain_label(self.tr("carried"), object_name="CarriedTag")
        self.carried.setToolTip(plain_tooltip(self.tr("Your answer from the earlier version; the wording did "
                                                      "not change")))
        self.carried.setVisible(False)
        bottom.addWidget(self.carried)
        self.quotes = plain_label()  # how many spans of the answer are attached as evidence
        self.quotes.setObjectName("Subtle")
        self.quotes.setVisible(False)
        bottom.addWidget(self.quotes)
        self.feedback = QToolButton()
        self.feedback.setObjectName("Feedback")
        self.feedback.setText("⚑")
        self.feedback.setToolTip(self.tr("Unclear, wrong or missing something? (F)"))
        self.feedback.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.feedback.clicked.connect(lambda: self.criterion and self.feedbackRequested.emit(self.criterion.id))
        bottom.addWidget(self.feedback)
        outer.addLayout(bottom)
        self.guidance = markdown_label(object_name="Guidance")  # the criterion's guidance, while focused
        self.guidance.setContentsMargins(26, 0, 0, 0)
        self.guidance.setVisible(False)
        outer.addWidget(self.guidance)
        self.others = plain_label()  # coordinator mode only: other raters' and judges' answers
        self.others.setObjectName("CoordinatorNote")
        self.others.setWordWrap(True)
        self.others.setTextFormat(Qt.TextFormat.RichText)
        self.others.setVisible(False)
        self.others.setContentsMargins(26, 0, 0, 0)
        outer.addWidget(self.others)

    def _label_buttons(self, harmful: bool) -> None:
        """A harmful-behaviour criterion (negative points) is answered present / absent, and
        "present" shows red (the harm happened), not a green "met"."""
        if harmful:
            labels = {MET: self.tr("1 Present"), NOT_MET: self.tr("2 Absent"), NA: self.tr("3 N/A")}
        else:
            labels = {MET: self.tr("1 Met"), NOT_MET: self.tr("2 Not met"), NA: self.tr("3 N/A")}
        for value, b in self.buttons.items():
            b.setText(labels[value])
        if self.property("harmful") != harmful:
            self.setProperty("harmful", harmful)
            for b in self.buttons.values():
                b.setProperty("harmful", harmful)
                _repolish(b)
            _repolish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.index)
        super().mousePressEvent(event)

    def _on_button(self, value: str) -> None:
        self.clicked.emit(self.index)
        if self.criterion is None:
            return
        new = None if self.value == value else value  # clicking the chosen answer clears it
        self.set_value(self.value)  # the controller sets the real value after saving
        self.answered.emit(self.criterion.id, new)

    def show_criterion(self, c: CriterionView, show_points: bool, show_tier: bool,
                       feedback: tuple[str, ...]) -> None:
        self.criterion = c
        self.number.setText(f"{c.number}.")
        self.text.setText(c.text)
        meta = []
        if show_points and c.points is not None:
            pts = int(c.points) if float(c.points).is_integer() else c.points
            meta.append(self.tr("%s pts") % (f"+{pts}" if c.points > 0 else f"{pts}"))
        if show_tier and c.tier:
            meta.append({"core": self.tr("core"), "secondary": self.tr("secondary")}.get(c.tier, c.tier))
        self.meta.setText(" · ".join(meta))
        self.meta.setToolTip(plain_tooltip(" · ".join(meta)))
        self.meta.setVisible(bool(meta))
        self.guidance.set_markdown(c.guidance or "")
        self.guidance.setVisible(bool(c.guidance) and bool(self.property("focused")))
        self._label_buttons(harmful(c.points))
        self.set_feedback(feedback)

    def set_feedback(self, kinds: tuple[str, ...]) -> None:
        if self.feedback.property("given") != bool(kinds):
            self.feedback.setProperty("given", bool(kinds))
            self.feedback.setText(self.tr("⚑ noted") if kinds else "⚑")
            _repolish(self.feedback)

    def set_value(self, value: str | None) -> None:
        self.value = value
        for v, b in self.buttons.items():
            b.setChecked(v == value)

    def set_carried(self, carried: bool) -> None:
        """Show or drop the "carried" tag (the answer came from the earlier checklist version)."""
        self.carried.setVisible(carried)
        self.setProperty("carried", carried)

    def is_carried(self) -> bool:
        return bool(self.property("carried"))

    def set_evidence(self, count: int) -> None:
        self.quotes.setText(self.tr("%d quoted") % count if count else "")
        self.quotes.setToolTip(self.tr("Spans of the answer attached as evidence (E adds, Shift+E removes)"))
        self.quotes.setVisible(count > 0)

    def set_focused(self, focused: bool) -> None:
        self.guidance.setVisible(focused and bool(self.criterion and self.criterion.guidance))
        if self.property("focused") != focused:
            self.setProperty("focused", focused)
            _repolish(self)

    def set_others(self, text: str | None, disagree: bool) -> None:
        self.others.setVisible(text is not None)
        self.others.setText(text or "")
        if self.property("disagree") != disagree:
            self.setProperty("disagree", disagree)
            _repolish(self)


class ChecklistView(QWidget):
    """The rows of one item's checklist plus the keyboard focus (J/K, arrows, 1/2/3, Y/N/A)."""

    answered = Signal(int, object)
    feedbackRequested = Signal(int)
    focusChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)
        self.rows: list[CriterionRow] = []
        self.count = 0
        self.current = 0

    def _row(self, i: int) -> CriterionRow:
        while len(self.rows) <= i:
            row = CriterionRow(len(self.rows))
            row.answered.connect(self.answered)
            row.feedbackRequested.connect(self.feedbackRequested)
            row.clicked.connect(self.set_current)
            self._layout.insertWidget(len(self.rows), row)
            self.rows.append(row)
        return self.rows[i]

    def show_criteria(self, criteria: tuple[CriterionView, ...], values: dict[int, str],
                      show_points: bool, show_tier: bool, feedback: dict[int, tuple[str, ...]],
                      carried: frozenset[int] = frozenset()) -> None:
        """Show one item's criteria; the focus goes to the first unanswered one (in a re-rating,
        the first reworded one: the carried answers count as answered)."""
        self.count = len(criteria)
        for i, c in enumerate(criteria):
            row = self._row(i)
            row.show_criterion(c, show_points, show_tier, feedback.get(c.id, ()))
            row.set_value(values.get(c.id))
            row.set_carried(c.id in carried)
            row.set_others(None, False)
            row.setVisible(True)
        for row in self.rows[self.count:]:
            row.setVisible(False)
            row.set_carried(False)
            row.criterion = None
        first_open = next((i for i, c in enumerate(criteria) if c.id not in values), 0)
        self.set_current(first_open)

    def set_value(self, criterion_id: int, value: str | None) -> None:
        for row in self.rows[:self.count]:
            if row.criterion and row.criterion.id == criterion_id:
                row.set_value(value)

    def drop_carried(self, criterion_id: int) -> None:
        """The rater answered a carried criterion: it is their own answer now (no tag)."""
        for row in self.rows[:self.count]:
            if row.criterion and row.criterion.id == criterion_id:
                row.set_carried(False)

    def carried_ids(self) -> set[int]:
        """The criteria shown with the "carried" tag."""
        return {row.criterion.id for row in self.rows[:self.count] if row.criterion and row.is_carried()}

    def set_feedback(self, criterion_id: int, kinds: tuple[str, ...]) -> None:
        for row in self.rows[:self.count]:
            if row.criterion and row.criterion.id == criterion_id:
                row.set_feedback(kinds)

    def set_current(self, index: int) -> None:
        if self.count == 0:
            return
        index = max(0, min(self.count - 1, index))
        for i, row in enumerate(self.rows[:self.count]):
            row.set_focused(i == index)
        self.current = index
        self.focusChanged.emit(index)

    def current_criterion(self) -> CriterionView | None:
        return self.rows[self.current].criterion if self.count else None

    def move(self, delta: int) -> None:
        self.set_current(self.current + delta)

    def answer_current(self, value: str | None) -> None:
        """Answer the focused criterion and move down (the keyboard flow) once the row shows the
        answer: a refused write (e.g. a stale screen, reloaded) keeps the focus on the row."""
        c = self.current_criterion()
        if c is None:
            return
        self.answered.emit(c.id, value)
        if value is not None and self.rows[self.current].value == value:
            self.move(1)

    def show_overview(self, ov: Overview | None) -> None:
        """Coordinator mode: other raters' and judges' answers beside each row, disagreements marked."""
        for row in self.rows[:self.count]:
            c = row.criterion
            if ov is None or c is None:
                row.set_others(None, False)
                continue
            own = row.value
            bits, answers = [], []
            for who, v in [(o.rater, o.values.get(c.id)) for o in ov.others] + [
                    (j.run, None if j.verdicts.get(c.id) is None else (MET if j.verdicts[c.id] else NOT_MET))
                    for j in ov.judges]:
                if v is not None:
                    answers.append(v)
                text = esc(f"{who}: {value_text(v)}")
                bits.append(f"<b style='color:#b42318'>{text}</b>" if own and v and v != own else text)
            disagree = len(set(answers + ([own] if own else []))) > 1
            row.set_others(" &nbsp;·&nbsp; ".join(bits) if bits else None, disagree)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        key = event.key()
        if key in (Qt.Key.Key_Down,):
            self.move(1)
        elif key in (Qt.Key.Key_Up,):
            self.move(-1)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_0):
            self.answer_current(None)
        else:
            super().keyPressEvent(event)
