"""The study store: typed models, sessions with SQLite pragmas, migrations on open."""

from reviewer.store.engine import Store, default_db_path, open_store, resolve_url
from reviewer.store.models import Base

__all__ = ["Base", "Store", "default_db_path", "open_store", "resolve_url"]
