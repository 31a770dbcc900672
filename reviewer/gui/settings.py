"""Every ``QSettings`` key of the app, declared once with its type and default (Picard's
``options.py`` shape). Call sites read ``FONT_PT.value()`` and write ``FONT_PT.set(pt)``; they never
spell a key or a default.

Keys and stored values are those the app has always written, so existing users' settings keep
working. A key made of parts (one per store, one per column layout) is a :class:`KeyedOption`:
``RATER_OF_STORE(url=...)`` is the option for that store; database URLs are stored without their
password (reviewer.paths.url_without_password) and the file is readable by its owner only.
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

DEFAULT_PT = 10.5  # the text size before any zoom (Ctrl+0 goes back to it)

_declared: dict[str, Option[Any] | KeyedOption[Any]] = {}


def _declare(key: str, option: Option[Any] | KeyedOption[Any]) -> None:
    if key in _declared:
        raise ValueError(f"setting {key!r} is declared twice")
    _declared[key] = option


def owner_only(path: str) -> None:
    """The settings file name databases (recent studies, a rater per store): readable by its owner
    only (0600). A registry path (Windows) or a file not written yet is left alone."""
    if os.name == "posix" and path and os.path.isfile(path):
        os.chmod(path, 0o600)


def declared() -> dict[str, Option[Any] | KeyedOption[Any]]:
    """Every declared key (or key template) and its option."""
    return dict(_declared)


class Option(Generic[T]):
    """One key, its default and the type ``QSettings`` converts the stored value to."""

    kind: type | None = None  # None: the value as stored (window states)

    def __init__(self, key: str, default: T, *, declare: bool = True) -> None:
        self.key, self.default = key, default
        if declare:
            _declare(key, self)

    def value(self) -> T:
        if self.kind is None:
            return QSettings().value(self.key, self.default)
        return QSettings().value(self.key, self.default, type=self.kind)

    def set(self, value: T) -> None:
        store = QSettings()
        store.setValue(self.key, value)
        store.sync()
        owner_only(store.fileName())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, {self.default!r})"


class BoolOption(Option[bool]):
    kind = bool


class FloatOption(Option[float]):
    kind = float


class TextOption(Option[str]):
    kind = str


class ListOption(Option[list]):
    kind = list

    def value(self) -> list:
        return list(super().value())


class StateOption(Option[QByteArray | None]):
    """A widget's saved state or geometry (``saveState()``), absent until first saved."""

    def __init__(self, key: str, *, declare: bool = True) -> None:
        super().__init__(key, None, declare=declare)


class KeyedOption(Generic[T]):
    """A family of keys made from a template: ``KeyedOption("rater/{url}", TextOption, "")``."""

    def __init__(self, template: str, make: Callable[..., Option[T]], *default: Any) -> None:
        self.template, self._make, self._default = template, make, default
        self.parts = tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)
        _declare(template, self)

    def __call__(self, **parts: str) -> Option[T]:
        return self._make(self.template.format(**parts), *self._default, declare=False)

    def __repr__(self) -> str:
        return f"KeyedOption({self.template!r})"


LANGUAGE = TextOption("language", "")  # zh_CN, en ...; "": the system's
FONT_PT = FloatOption("view/font_pt", DEFAULT_PT)
REFERENCE_OPEN = BoolOption("view/reference_open", False)
LAST_RATER = TextOption("rater/last", "")
RATER_OF_STORE = KeyedOption("rater/{url}", TextOption, "")  # the rater last chosen for a store
RECENT = ListOption("recent", [])  # store URLs, newest first
WINDOW_GEOMETRY = StateOption("window/geometry")
WINDOW_SPLITTER = StateOption("window/splitter")
WINDOW_COLUMNS = StateOption("window/columns")
# the response a rater had open, per store, study and rater: the app reopens there
POSITION = KeyedOption("position/{url}/{study}/{rater}", TextOption, "")
# the rater's own keys for an action (reviewer.gui.rater.keymap): "" = the default, "-" = none
SHORTCUT = KeyedOption("shortcuts/{name}", TextOption, "")
GUIDELINES_FILE = KeyedOption("guidelines/{url}", TextOption, "")  # a Markdown file shown by F2
GUIDELINES_OPEN = BoolOption("view/guidelines_open", False)
COLUMN_LAYOUT = KeyedOption("layout/{name}/{shape}", StateOption)  # shape: wide | stacked
