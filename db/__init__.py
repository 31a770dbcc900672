"""Alembic migrations of the reviewer study store. The folder is data, found with
``reviewer.paths.migrations_dir()``; the wheel ships it as the package ``reviewer.migrations``."""
