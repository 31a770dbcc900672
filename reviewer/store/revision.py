"""The schema revision this code expects (no Alembic, no SQLAlchemy: read at start-up)."""

# The newest revision in db/versions/. Opening a database already at this revision skips loading
# Alembic at all (a start-up cost of every command and of the app); tests/store/test_store.py
# checks that it matches the scripts.
HEAD_REVISION = "0005"
