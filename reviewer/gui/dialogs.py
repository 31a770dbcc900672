"""Small dialogs: the keyboard shortcuts, the rater picker, criterion feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.safe_text import plain_label


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for every action, with the rater's own bindings; shown by F1 and in
    the README. The nine overall-score keys share one row."""
    from reviewer.gui.rater import keymap

    binding = keymap.current()
    rows = []
    for action in keymap.ACTIONS:
        if action.name.startswith("score_"):
            if action.name == "score_1":
                first, last = binding["score_1"], binding["score_9"]
                rows.append((f"{' / '.join(first)} … {' / '.join(last)}", action.text()))
            continue
        rows.append((" / ".join(binding[action.name]) or "—", action.text()))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows()
        self.table = table = QTableWidget(len(rows), 2)  # a fixed help list, not data: a table widget is fine
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (keys, what) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(what))
        # never sideways: the keys column fits its keys, the actions wrap in the room left
        table.setWordWrap(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        lay.addWidget(buttons)
        self.resize(520, 560)


class RaterPicker(QDialog):
    """Who is rating: pick a known rater or type a new name (remembered in QSettings).

    A name that is not among the known raters (a typo such as "dr-chn" for "dr-chen") is not taken
    at once: the dialog says so, names the closest known rater, and creates the new rater only
    when OK is pressed again on the same name (:meth:`is_new` tells the caller)."""

    def __init__(self, names: list[str], current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is rating?"))
        self.known = list(names)
        self._confirmed = ""
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItems(names)
        if current:
            self.combo.setCurrentText(current)
        self.warning = plain_label()
        self.warning.setObjectName("ErrorBanner")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Your rater name, as your coordinator gave it:")))
        form.addRow(self.tr("Rater"), self.combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.warning)
        lay.addWidget(buttons)

    def name(self) -> str:
        return self.combo.currentText().strip()

    def is_new(self) -> bool:
        return self.name() not in self.known

    def accept(self) -> None:
        name = self.name()
        if not name:
            return
        if self.is_new() and self._confirmed != name:
            import difflib

            self._confirmed = name
            close = difflib.get_close_matches(name, self.known, n=1, cutoff=0.6)
            text = self.tr("There is no rater named \u201c%s\u201d yet.") % name
            if close:
                text += " " + self.tr("Did you mean \u201c%s\u201d?") % close[0]
            text += " " + self.tr("Press OK again to create this new rater (with an empty queue).")
            self.warning.setText(text)
            self.warning.setVisible(True)
            return
        super().accept()


class FeedbackDialog(QDialog):
    """A note on a criterion: unclear, wrong, or missing something.

    Keyboard first: the focus starts on the kind, the arrow keys choose it, Tab goes to the note,
    Ctrl+Enter (anywhere in the dialog) saves and Esc cancels."""

    KINDS = ("unclear", "wrong", "missing")

    def __init__(self, criterion_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Feedback on this criterion"))
        text = plain_label(criterion_text)
        text.setWordWrap(True)
        text.setObjectName("SectionTitle")
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        labels = {"unclear": self.tr("&Unclear"), "wrong": self.tr("&Wrong"),
                  "missing": self.tr("&Missing something")}
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        for i, kind in enumerate(self.KINDS):
            b = QRadioButton(labels[kind])
            self.group.addButton(b, i)
            self.choices.append(b)
            lay.addWidget(b)
            if i == 0:
                b.setChecked(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("What should change? (optional)"))
        self.note.setTabChangesFocus(True)
        lay.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.resize(440, 300)
        self.choices[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def kind(self) -> str:
        return self.KINDS[max(0, self.group.checkedId())]

    def text(self) -> str:
        return self.note.toPlainText().strip()


class ValidatingDialog(QDialog):
    """A dialog whose OK button first asks ``problem()``; a problem is shown in ``self.error``
    (a QLabel the subclass places) and the dialog stays open."""

    error: QLabel

    def problem(self) -> str | None:
        return None

    def error_banner_and_buttons(self, ok_text: str) -> QDialogButtonBox:
        """Create ``self.error`` (hidden until a problem) and the OK/Cancel buttons, OK labelled *ok_text*."""
        self.error = plain_label()
        self.error.setObjectName("ErrorBanner")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def show_error(self, text: str) -> None:
        """Say what is wrong in the error banner; the dialog stays open."""
        self.error.setText(text)
        self.error.setVisible(True)

    def passes(self) -> bool:
        """``problem()`` is None; otherwise it is shown (:meth:`show_error`) and this is False."""
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return False
        return True

    def accept(self) -> None:
        if self.passes():
            super().accept()
