"""The study store: typed models, sessions with SQLite pragmas, migrations on open.

The names are loaded on first use (PEP 562), so that ``reviewer.store.vocabulary`` can be imported
without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.store.engine import Store, default_db_path, open_store, resolve_url
    from reviewer.store.models import Base

__all__ = ["Base", "Store", "default_db_path", "open_store", "resolve_url"]


def __getattr__(name: str) -> Any:
    if name == "Base":
        from reviewer.store.models import Base

        return Base
    if name in __all__:
        from reviewer.store import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'reviewer.store' has no attribute {name!r}")
