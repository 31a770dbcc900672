"""Below the checklist: the overall score on the study's scale (with anchor texts), optional extra
scales, a comment box and a safety flag. Emits what the rater chose; the controller saves it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.safe_text import plain_label, plain_tooltip
from reviewer.rating.views import ScaleView

# The default anchor texts (reviewer.store.vocabulary DEFAULT_SCORE_ANCHORS and
# UNTIERED_SCORE_ANCHORS), listed here so that the catalogue carries them; a study's own anchors
# are its data and are shown as written (tests/gui/test_gui_rater_zh.py checks the two lists agree).
DEFAULT_ANCHOR_TEXTS = (
    QT_TRANSLATE_NOOP("Anchors", "Wrong or unsafe: major errors or a safety risk"),
    QT_TRANSLATE_NOOP("Anchors", "Mostly wrong, or a possible safety risk"),
    QT_TRANSLATE_NOOP("Anchors", "Key errors, but no safety risk"),
    QT_TRANSLATE_NOOP("Anchors", "Core requirements met; secondary ones not all met"),
    QT_TRANSLATE_NOOP("Anchors", "Core and secondary requirements met; no safety risk"),
    QT_TRANSLATE_NOOP("Anchors", "Most requirements met; no safety risk"),
    QT_TRANSLATE_NOOP("Anchors", "All requirements met; no safety risk"),
)


def anchor_text(text: str) -> str:
    """An anchor in the rater's language when it is one of the defaults, else as written."""
    return QCoreApplication.translate("Anchors", text) if text in DEFAULT_ANCHOR_TEXTS else text


class ScaleChooser(QWidget):
    """Radio buttons for one scale; *vertical* shows each level's anchor text beside it."""

    chosen = Signal(object)  # int or None

    def __init__(self, scale: ScaleView, vertical: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        anchors = {v: anchor_text(text) for v, text in scale.anchors}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for i, v in enumerate(range(scale.minimum, scale.maximum + 1)):
            b = QRadioButton(str(v))
            b.setToolTip(plain_tooltip(anchors.get(v, "")))
            self.group.addButton(b, v)
            if vertical:
                grid.addWidget(b, i, 0, Qt.AlignmentFlag.AlignTop)
                label = plain_label(anchors.get(v, ""))
                label.setObjectName("Anchor")
                label.setWordWrap(True)
                grid.addWidget(label, i, 1)
            else:
                grid.addWidget(b, 0, i)
        if vertical:
            grid.setColumnStretch(1, 1)
        else:
            grid.setColumnStretch(scale.maximum - scale.minimum + 1, 1)
        self.group.idClicked.connect(self._clicked)
        self._value: int | None = None

    def _clicked(self, value: int) -> None:
        self.chosen.emit(value)

    def set_value(self, value: float | None) -> None:
        self._value = None if value is None else int(value)
        self.group.setExclusive(False)
        for b in self.group.buttons():
            b.setChecked(self.group.id(b) == self._value)
        self.group.setExclusive(True)

    def buttons(self) -> list[QAbstractButton]:
        return self.group.buttons()


class ScoreForm(QWidget):
    overallChosen = Signal(object)
    extraChosen = Signal(str, object)
    commentEdited = Signal(str)
    safetyToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 6, 0, 0)
        self._layout.setSpacing(6)
        self.overall_title = plain_label()
        self.overall_title.setObjectName("SectionTitle")
        self._layout.addWidget(self.overall_title)
        self.others = plain_label()  # coordinator mode: everyone else's overall score
        self.others.setObjectName("CoordinatorNote")
        self.others.setWordWrap(True)
        self.others.setVisible(False)
        self._layout.addWidget(self.others)
        self.overall_holder = QVBoxLayout()
        self._layout.addLayout(self.overall_holder)
        self.extra_holder = QVBoxLayout()
        self._layout.addLayout(self.extra_holder)
        comment_title = plain_label(self.tr("Comment"))
        comment_title.setObjectName("SectionTitle")
        self._layout.addWidget(comment_title)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Optional note for the coordinator (C to type, Esc to leave)"))
        self.comment.setFixedHeight(64)
        self.comment.setTabChangesFocus(True)
        self._layout.addWidget(self.comment)
        self.safety = QCheckBox(self.tr("Safety concern (S)"))
        self.safety.setToolTip(self.tr("Tick when this answer could harm a patient"))
        self.safety.setObjectName("Safety")
        self._layout.addWidget(self.safety)
        self.overall: ScaleChooser | None = None
        self.extras: dict[str, ScaleChooser] = {}
        self._scales_key: tuple | None = None
        self._loading = False
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(400)
        self._comment_timer.timeout.connect(self.flush_comment)
        self.comment.textChanged.connect(self._comment_changed)
        self.safety.toggled.connect(lambda on: None if self._loading else self.safetyToggled.emit(on))

    def _comment_changed(self) -> None:
        if not self._loading:
            self._comment_timer.start()

    def flush_comment(self) -> None:
        """Write a pending comment edit now (called on leaving the item and on close)."""
        if self._comment_timer.isActive() or self._comment_dirty():
            self._comment_timer.stop()
            self._saved_comment = self.comment.toPlainText()
            self.commentEdited.emit(self._saved_comment)

    def _comment_dirty(self) -> bool:
        return self.comment.toPlainText() != getattr(self, "_saved_comment", self.comment.toPlainText())

    def set_scales(self, overall: ScaleView | None, extras: tuple[ScaleView, ...]) -> None:
        key = (overall, extras)
        if key == self._scales_key:
            return
        self._scales_key = key
        for holder in (self.overall_holder, self.extra_holder):
            while holder.count():
                w = holder.takeAt(0).widget()
                if w is not None:
                    w.hide()  # off screen at once (deleteLater waits for the event loop)
                    w.deleteLater()
        self.overall = None
        self.extras = {}
        if overall is not None:
            req = "" if overall.required else self.tr(" (optional)")
            self.overall_title.setText(self.tr("Overall score %d–%d%s  (Ctrl+digit)")
                                       % (overall.minimum, overall.maximum, req))
            self.overall = ScaleChooser(overall, vertical=True)
            self.overall.chosen.connect(self.overallChosen)
            self.overall_holder.addWidget(self.overall)
        self.overall_title.setVisible(overall is not None)
        for scale in extras:
            row = QWidget()
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            label = plain_label(scale.name.replace("_", " ").capitalize())
            label.setObjectName("SectionTitle")
            label.setMinimumWidth(90)
            chooser = ScaleChooser(scale, vertical=False)
            chooser.chosen.connect(lambda v, n=scale.name: self.extraChosen.emit(n, v))
            lay.addWidget(label)
            lay.addWidget(chooser, 1)
            self.extras[scale.name] = chooser
            self.extra_holder.addWidget(row)

    def show_overview(self, ov) -> None:  # noqa: ANN001  (reviewer.rating.views.Overview | None)
        """Coordinator mode: the other raters' and the judges' overall scores."""
        bits = []
        if ov is not None:
            bits = [f"{o.rater}: {_fmt(o.overall_score)}" for o in ov.others]
            bits += [f"{j.run}: {_fmt(j.score)}" for j in ov.judges if j.score is not None]
        self.others.setText(self.tr("Others' overall scores: %s") % " · ".join(bits) if bits else "")
        self.others.setVisible(bool(bits))

    def show_values(self, overall: float | None, extra: dict, comment: str, safety: bool) -> None:
        self._loading = True
        try:
            if self.overall is not None:
                self.overall.set_value(overall)
            for name, chooser in self.extras.items():
                chooser.set_value(extra.get(name))
            if self.comment.toPlainText() != comment:
                self.comment.setPlainText(comment)
            self._saved_comment = comment
            self.safety.setChecked(safety)
        finally:
            self._loading = False


def _fmt(score: float | None) -> str:
    if score is None:
        return "–"
    return str(int(score)) if float(score).is_integer() else f"{score:.1f}"
