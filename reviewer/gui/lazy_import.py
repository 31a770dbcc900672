"""Modules imported on first use, for start-up paths that must not pay for them up front.

The app draws its first screen before SQLAlchemy is imported (see :mod:`reviewer.rating.first_screen`);
its widgets still name the rating service at module level (``svc = lazy_module("reviewer.rating")``)
and the service is imported when a widget first touches it, after the first paint.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module *name*, executed on its first attribute access (``importlib.util.LazyLoader``);
    the module itself when it is already imported."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module named {name!r}")
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module
