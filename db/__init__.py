"""Alembic migrations of the reviewer study store (shipped inside the wheel as package data)."""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent
