"""Every keyboard action of the rater's window, its default keys, and the user's own bindings.

One registry serves the shortcuts installed on the window (:mod:`reviewer.gui.rater.shortcuts`),
the F1 sheet and the preferences page (:mod:`reviewer.gui.rater.preferences`). A binding is a tuple
of portable key strings (``QKeySequence.toString()``, e.g. ``"Ctrl+Return"``); the user's bindings are
kept in QSettings per action, only where they differ from the defaults. Two actions may not share a
key: :func:`conflicts` finds them and the preferences page refuses to save them.

Presets: ``standard`` (the defaults) and ``no_letters``, for raters who type comments often: no
action on a plain letter key (digits, arrows and page keys stay; the rest move to Ctrl/Ctrl+Shift).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

from reviewer.gui.settings import SHORTCUT


@dataclass(frozen=True)
class KeyAction:
    name: str
    keys: tuple[str, ...]  # default binding
    label: str  # English; shown translated (context "Shortcuts")
    no_letters: tuple[str, ...] | None = None  # the "no_letters" preset's binding (None: as default)

    def text(self) -> str:
        return QCoreApplication.translate("Shortcuts", self.label)


ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("met", ("1", "Y"), QT_TRANSLATE_NOOP("Shortcuts", "Criterion met, move down"), ("1",)),
    KeyAction("not_met", ("2", "N"), QT_TRANSLATE_NOOP("Shortcuts", "Criterion not met, move down"), ("2",)),
    KeyAction("na", ("3", "A"), QT_TRANSLATE_NOOP("Shortcuts", "Criterion not applicable, move down"), ("3",)),
    KeyAction("clear", ("0",), QT_TRANSLATE_NOOP("Shortcuts", "Clear the focused criterion (also Backspace)")),
    KeyAction("next_criterion", ("J",), QT_TRANSLATE_NOOP("Shortcuts", "Next criterion (also ↓)"), ()),
    KeyAction("previous_criterion", ("K",), QT_TRANSLATE_NOOP("Shortcuts", "Previous criterion (also ↑)"), ()),
    KeyAction("next_response", ("Shift+N", "PgDown"), QT_TRANSLATE_NOOP("Shortcuts", "Next response"), ("PgDown",)),
    KeyAction("previous_response", ("P", "Shift+P", "PgUp"), QT_TRANSLATE_NOOP("Shortcuts", "Previous response"), ("PgUp",)),
    KeyAction("next_unrated", ("U",), QT_TRANSLATE_NOOP("Shortcuts", "Next unrated response"), ("Ctrl+U",)),
    KeyAction("submit", ("Ctrl+Return", "Ctrl+Enter"), QT_TRANSLATE_NOOP("Shortcuts", "Submit and go to the next response")),
    KeyAction("comment", ("C",), QT_TRANSLATE_NOOP("Shortcuts", "Write a comment (Esc returns to the checklist)"),
              ("Ctrl+Shift+C",)),
    KeyAction("checklist", ("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "Back to the checklist")),
    KeyAction("safety", ("S",), QT_TRANSLATE_NOOP("Shortcuts", "Toggle the safety flag"), ("Ctrl+Shift+S",)),
    KeyAction("feedback", ("F",), QT_TRANSLATE_NOOP("Shortcuts", "Feedback on the focused criterion"), ("Ctrl+Shift+F",)),
    KeyAction("evidence", ("E",), QT_TRANSLATE_NOOP("Shortcuts", "Attach the selected answer text to the focused criterion"),
              ("Ctrl+E",)),
    KeyAction("remove_evidence", ("Shift+E",), QT_TRANSLATE_NOOP("Shortcuts", "Remove the focused criterion's last evidence"),
              ("Ctrl+Shift+E",)),
    KeyAction("skip", ("L",), QT_TRANSLATE_NOOP("Shortcuts", "Come back later (set aside) / take up again"), ("Ctrl+Shift+L",)),
    KeyAction("side_by_side", ("B",), QT_TRANSLATE_NOOP("Shortcuts", "Side by side: two answers to the same case"), ("Ctrl+B",)),
    KeyAction("switch_column", ("Ctrl+Tab",), QT_TRANSLATE_NOOP("Shortcuts", "Switch between the two answers (side by side)")),
    KeyAction("undo", ("Ctrl+Z",), QT_TRANSLATE_NOOP("Shortcuts", "Undo (current response)")),
    KeyAction("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), QT_TRANSLATE_NOOP("Shortcuts", "Redo (current response)")),
    KeyAction("search", ("Ctrl+F",), QT_TRANSLATE_NOOP("Shortcuts", "Search the queue (case and answer)")),
    KeyAction("jump", ("Ctrl+G",), QT_TRANSLATE_NOOP("Shortcuts", "Go to item number")),
    KeyAction("queue", ("Ctrl+L",), QT_TRANSLATE_NOOP("Shortcuts", "Go to the work queue")),
    KeyAction("pause", ("Ctrl+Shift+P",), QT_TRANSLATE_NOOP("Shortcuts", "Pause / resume the timer")),
    KeyAction("guidelines", ("F2",), QT_TRANSLATE_NOOP("Shortcuts", "Show / hide the rating guidelines")),
    KeyAction("help", ("F1", "?"), QT_TRANSLATE_NOOP("Shortcuts", "This list"), ("F1",)),
    KeyAction("preferences", ("Ctrl+,",), QT_TRANSLATE_NOOP("Shortcuts", "Keyboard preferences")),
    KeyAction("switch_rater", ("Ctrl+Shift+R",), QT_TRANSLATE_NOOP("Shortcuts", "Switch rater")),
    KeyAction("open", ("Ctrl+O",), QT_TRANSLATE_NOOP("Shortcuts", "Open a study database")),
    KeyAction("quit", ("Ctrl+Q",), QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
    KeyAction("larger", ("Ctrl++", "Ctrl+="), QT_TRANSLATE_NOOP("Shortcuts", "Larger text")),
    KeyAction("smaller", ("Ctrl+-",), QT_TRANSLATE_NOOP("Shortcuts", "Smaller text")),
    KeyAction("default_size", ("Ctrl+0",), QT_TRANSLATE_NOOP("Shortcuts", "Default text size")),
    *(KeyAction(f"score_{d}", (f"Ctrl+{d}",), QT_TRANSLATE_NOOP("Shortcuts", "Overall score")) for d in range(1, 10)),
)
BY_NAME = {a.name: a for a in ACTIONS}
PRESETS = ("standard", "no_letters")


def normalise(key: str) -> str:
    """The portable spelling of one key (``"ctrl+m"`` -> ``"Ctrl+M"``); ``""`` when Qt cannot read it."""
    seq = QKeySequence.fromString(key.strip(), QKeySequence.SequenceFormat.PortableText)
    return seq.toString(QKeySequence.SequenceFormat.PortableText) if seq.count() == 1 else ""


def preset(name: str) -> dict[str, tuple[str, ...]]:
    """Every action's binding in the preset *name*."""
    if name == "no_letters":
        return {a.name: a.keys if a.no_letters is None else a.no_letters for a in ACTIONS}
    return {a.name: a.keys for a in ACTIONS}


def current() -> dict[str, tuple[str, ...]]:
    """Every action's binding: the user's where set, else the default."""
    out = {}
    for a in ACTIONS:
        stored = SHORTCUT(name=a.name).value()
        out[a.name] = a.keys if not stored else tuple(k for k in stored.split(" ; ") if k and k != "-")
    return out


def save(binding: dict[str, tuple[str, ...]]) -> None:
    """Keep *binding* (only what differs from the defaults; ``-`` stands for no key at all)."""
    for a in ACTIONS:
        keys = tuple(binding.get(a.name, a.keys))
        SHORTCUT(name=a.name).set("" if keys == a.keys else (" ; ".join(keys) or "-"))


def conflicts(binding: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Keys bound to more than one action: key -> the actions' names."""
    owners: dict[str, list[str]] = {}
    for name, keys in binding.items():
        for key in keys:
            owners.setdefault(normalise(key) or key, []).append(name)
    return {k: names for k, names in owners.items() if len(names) > 1}


def is_letter_key(key: str) -> bool:
    """A plain letter (no modifier): what typing text produces."""
    return len(key) == 1 and key.isalpha()
