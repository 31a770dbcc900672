"""Opening a store the user named wrongly (issue 15): an unknown scheme, a missing driver or a
malformed URL is one line naming the URL (password masked), exit 2, not a traceback."""

from __future__ import annotations

import pytest

from reviewer.cli.main import main


@pytest.mark.parametrize("url", ["foo://x", "postgresql+nodriver://dr:S3cret@host/db", "sqlite://dr:S3cret@/"])
def test_a_url_this_app_cannot_open_is_one_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["status", "--db", url]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "not a database this app can open" in err and "S3cret" not in out + err
    assert url.split("://")[0] in err


def test_the_file_of_a_sqlite_uri_url(tmp_path) -> None:  # noqa: ANN001
    """A read-only URL (``file:…?mode=ro&uri=true``) still names its file: backups and messages go beside it."""
    from pathlib import Path

    from reviewer.store.engine import sqlite_path

    db = tmp_path / "my study.db"
    assert sqlite_path(f"sqlite:///file:{db}?mode=ro&uri=true") == db
    assert sqlite_path(f"sqlite:///file://{str(db).replace(' ', '%20')}?uri=true") == db
    assert sqlite_path(f"sqlite:///{db}") == db
    assert sqlite_path("sqlite:///file:x?mode=memory&uri=true") is None
    assert sqlite_path("postgresql+psycopg://dr@host/db") is None
    assert sqlite_path("sqlite:///relative.db") == Path("relative.db")
