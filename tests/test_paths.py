"""reviewer.paths: database URLs as shown (password masked) and as stored (no password at all)."""

from __future__ import annotations

from reviewer.paths import masked_url, url_without_password


def test_a_password_is_masked_for_showing_and_dropped_for_storing() -> None:
    cases = {
        "postgresql+psycopg://dr:S3cret@db.example:5432/study":
            ("postgresql+psycopg://dr:***@db.example:5432/study", "postgresql+psycopg://dr@db.example:5432/study"),
        "postgresql://dr:p%40ss:w/rd@host/db?sslmode=require":
            ("postgresql://dr:***@host/db?sslmode=require", "postgresql://dr@host/db?sslmode=require"),
        "postgresql://dr@host/db?password=S3cret&sslmode=require":
            ("postgresql://dr@host/db?password=***&sslmode=require", "postgresql://dr@host/db?sslmode=require"),
        "postgresql://dr@host/db?sslmode=require&password=S3cret":
            ("postgresql://dr@host/db?sslmode=require&password=***", "postgresql://dr@host/db?sslmode=require"),
    }
    for url, (shown, stored) in cases.items():
        assert masked_url(url) == shown
        assert url_without_password(url) == stored
        assert "S3cret" not in shown + stored and "p%40ss" not in shown + stored


def test_urls_without_a_password_and_paths_are_unchanged() -> None:
    for plain in ("sqlite:////home/dr/study.db", "/home/dr/my:study@2024.db", "postgresql://dr@host/db",
                  "C:\\\\studies\\\\a.db", "study.db"):
        assert masked_url(plain) == plain
        assert url_without_password(plain) == plain


def test_a_url_inside_a_message_is_masked() -> None:
    text = "cannot connect to postgresql://bob:hunter2@10.0.0.5/x: refused"
    assert masked_url(text) == "cannot connect to postgresql://bob:***@10.0.0.5/x: refused"
