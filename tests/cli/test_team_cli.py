"""``reviewer team grant|list|revoke``: the password comes from the environment (or a prompt) and
never appears in the output; a SQLite database is refused with a message."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from reviewer.cli.main import main
from reviewer.store import open_store
from reviewer.store.models import Rater

SECRET = "s3cret-" + uuid.uuid4().hex


def test_team_grant_on_sqlite_is_refused(fresh_db, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REVIEWER_TEAM_PASSWORD", SECRET)
    assert main(["--db", str(fresh_db), "team", "grant", "--rater", "ann"]) == 2
    out, err = capsys.readouterr()
    assert "needs a PostgreSQL study database" in err and SECRET not in out + err


def test_team_grant_without_password_or_terminal_is_refused(fresh_db, capsys, monkeypatch) -> None:
    monkeypatch.delenv("REVIEWER_TEAM_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115 - not a terminal
    assert main(["--db", str(fresh_db), "team", "grant", "--rater", "ann"]) == 2
    assert "set the environment variable REVIEWER_TEAM_PASSWORD" in capsys.readouterr().err


@pytest.mark.postgres
def test_team_grant_list_revoke_on_the_server(pg_study_db, capsys, monkeypatch) -> None:
    store = open_store(pg_study_db)
    rater = f"dr-{uuid.uuid4().hex[:6]}"
    with store.begin() as s:
        s.add(Rater(name=rater))
    monkeypatch.setenv("MY_PW", SECRET)
    try:
        assert main(["--db", pg_study_db, "team", "grant", "--rater", rater, "--password-env", "MY_PW"]) == 0
        assert main(["--db", pg_study_db, "team", "list"]) == 0
        out, err = capsys.readouterr()
        role = "reviewer_" + rater.replace("-", "_")
        assert f"database role {role!r}" in out and f"{role}" in out.splitlines()[-1] and "login" in out
        assert SECRET not in out + err
        with store.engine.connect() as conn:
            stored = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role}).scalar()
        assert stored.startswith("SCRAM-SHA-256$") and SECRET not in stored
        assert main(["--db", pg_study_db, "team", "revoke", "--rater", rater]) == 0
        assert "dropped" in capsys.readouterr().out
        assert main(["--db", pg_study_db, "team", "revoke", "--rater", rater]) == 2
        assert "has no team role" in capsys.readouterr().err
    finally:
        store.close()
