"""Alembic migrations of the reviewer study store (shipped inside the wheel as package data)."""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent

# The newest revision in versions/. Opening a database already at this revision skips loading
# Alembic at all (a start-up cost of every command and of the app); tests/test_store.py checks
# that it matches the scripts.
HEAD_REVISION = "0002"
