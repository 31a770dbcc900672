"""reviewer: a desktop workbench in which physicians rate LLM answers against rubric checklists.

Each capability is one package (see docs/ARCHITECTURE.md): ``store`` (models, sessions,
migrations), ``rating``, ``checklists``, ``studies``, ``importing``, ``reviewfiles``,
``generation``, ``judging``, ``stats`` (pure statistics), ``agreement`` (the study-level agreement
service), ``reports``, ``cli`` and ``gui``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Sequence
from typing import Any

__version__ = "0.1.0"


def lazy_exports(package: str, modules: Sequence[str]) -> Callable[[str], Any]:
    """A PEP 562 ``__getattr__`` for *package*: a public name is looked up in its *modules* (in
    that order) on first use, so that ``from reviewer.rating import set_criterion`` works while
    importing a light submodule (``reviewer.rating.views``) loads nothing heavy. A name found is
    kept in the package, so later uses are plain attribute reads (no search, no file look-up)."""

    def __getattr__(name: str) -> Any:
        if importlib.util.find_spec(f"{package}.{name}") is not None:  # a submodule: load only that one
            return importlib.import_module(f"{package}.{name}")
        if not name.startswith("_"):
            for module in modules:
                loaded = importlib.import_module(f"{package}.{module}")
                if name in vars(loaded):
                    value = vars(loaded)[name]
                    setattr(sys.modules[package], name, value)
                    return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


def login_name() -> str:
    """The login name of whoever runs the program (the actor audit events record when none is
    given); "" where the system has none (some containers)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name is not a reason to fail
        return ""
