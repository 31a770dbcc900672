"""The keyboard preferences page: every action of the rater's window with its keys, editable,
a preset without plain letter keys, and conflicts refused before anything is saved.

Keys are typed as text, several separated by ";" (``Ctrl+M; F6``); an empty box leaves the
action without a key. OK checks every box (a key Qt cannot read, a key given to two actions),
names the problem and stays open; only a clean binding is saved and applied to the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui.rater import keymap
from reviewer.gui.safe_text import plain_label


class KeyPreferences(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard preferences"))
        self.edits: dict[str, QLineEdit] = {}
        form_holder = QWidget()
        form = QGridLayout(form_holder)  # a grid gives wrapped labels their full height
        form.setColumnStretch(0, 3)
        form.setColumnStretch(1, 2)
        for row, action in enumerate(keymap.ACTIONS):
            edit = QLineEdit()
            edit.setObjectName(action.name)
            self.edits[action.name] = edit
            label = plain_label(action.text() + (f" ({action.name[-1]})" if action.name.startswith("score_") else ""))
            label.setWordWrap(True)
            label.setBuddy(edit)
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(form_holder)
        scroll.setWidgetResizable(True)
        self.preset = QComboBox()
        self.preset.addItem(self.tr("Standard"), "standard")
        self.preset.addItem(self.tr("No single-letter keys (for typing comments)"), "no_letters")
        use = QPushButton(self.tr("Use this preset"))
        use.clicked.connect(lambda: self.fill(keymap.preset(self.preset.currentData())))
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Preset:")))
        top.addWidget(self.preset, 1)
        top.addWidget(use)
        hint = plain_label(self.tr("Several keys for one action are separated by \u201c;\u201d. "
                              "An empty box leaves the action without a key."))
        hint.setObjectName("Subtle")
        hint.setWordWrap(True)
        self.error = plain_label()
        self.error.setObjectName("ErrorBanner")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.fill(keymap.preset("standard")))
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(hint)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.fill(keymap.current())
        self.resize(620, 640)

    def fill(self, binding: dict[str, tuple[str, ...]]) -> None:
        for name, edit in self.edits.items():
            edit.setText("; ".join(binding.get(name, ())))

    def binding(self) -> tuple[dict[str, tuple[str, ...]], list[str]]:
        """The binding typed, and the problems found in it (unreadable keys, conflicts)."""
        out: dict[str, tuple[str, ...]] = {}
        problems = []
        for name, edit in self.edits.items():
            keys = []
            for part in edit.text().split(";"):
                if not part.strip():
                    continue
                key = keymap.normalise(part)
                if not key:
                    problems.append(self.tr("\u201c%s\u201d (%s) is not a key Qt can read")
                                    % (part.strip(), keymap.BY_NAME[name].text()))
                else:
                    keys.append(key)
            out[name] = tuple(keys)
        for key, names in keymap.conflicts(out).items():
            problems.append(self.tr("%s is given to more than one action: %s")
                            % (key, "; ".join(keymap.BY_NAME[n].text() for n in names)))
        return out, problems

    def accept(self) -> None:
        binding, problems = self.binding()
        if problems:
            self.error.setText("\n".join(problems))
            self.error.setVisible(True)
            return
        keymap.save(binding)
        super().accept()
