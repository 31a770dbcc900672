"""The settings registry: every QSettings key declared once, typed, with its default; values
round-trip under the keys the app has always used, so existing users' settings keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from reviewer.gui import settings
from tests.support.gui import isolate_settings

GUI = Path(settings.__file__).resolve().parent


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path) -> None:
    from reviewer.gui.app import make_app

    isolate_settings(tmp_path / "settings")
    make_app("en")


def test_values_round_trip_under_the_old_keys() -> None:
    assert settings.FONT_PT.value() == settings.DEFAULT_PT == settings.FONT_PT.default
    settings.FONT_PT.set(12.5)
    assert settings.FONT_PT.value() == 12.5 and QSettings().value("view/font_pt", type=float) == 12.5
    assert settings.REFERENCE_OPEN.value() is False
    settings.REFERENCE_OPEN.set(True)
    assert settings.REFERENCE_OPEN.value() is True
    assert settings.RECENT.value() == []
    settings.RECENT.set(["sqlite:///a.db", "sqlite:///b.db"])
    assert settings.RECENT.value() == ["sqlite:///a.db", "sqlite:///b.db"]
    assert settings.RECENT.default == []  # the default is never handed out to be changed
    url = "sqlite:////home/dr/study.db"
    assert settings.RATER_OF_STORE(url=url).value() == ""
    settings.RATER_OF_STORE(url=url).set("dr-chen")
    assert QSettings().value(f"rater/{url}") == "dr-chen"
    assert settings.RATER_OF_STORE(url=url).value() == "dr-chen"
    assert settings.RATER_OF_STORE(url="sqlite:///other.db").value() == ""
    assert settings.COLUMN_LAYOUT(name="A", shape="wide").value() is None
    state = QByteArray(b"\x00\xffsplitter")
    settings.COLUMN_LAYOUT(name="A", shape="wide").set(state)
    assert QSettings().value("layout/A/wide") == state
    assert settings.COLUMN_LAYOUT(name="A", shape="wide").value() == state
    assert settings.COLUMN_LAYOUT(name="A", shape="stacked").value() is None


def test_settings_written_before_the_registry_are_read() -> None:
    old = QSettings()  # what earlier versions wrote, key by key
    old.setValue("language", "zh_CN")
    old.setValue("view/font_pt", 13.5)
    old.setValue("view/reference_open", True)
    old.setValue("rater/last", "dr-a")
    old.setValue("recent", ["sqlite:///x.db"])
    old.setValue("window/geometry", QByteArray(b"geo"))
    old.sync()
    assert settings.LANGUAGE.value() == "zh_CN" and settings.FONT_PT.value() == 13.5
    assert settings.REFERENCE_OPEN.value() is True and settings.LAST_RATER.value() == "dr-a"
    assert settings.RECENT.value() == ["sqlite:///x.db"]
    assert settings.WINDOW_GEOMETRY.value() == QByteArray(b"geo")


def test_every_key_is_declared_once() -> None:
    options = [v for v in vars(settings).values() if isinstance(v, (settings.Option, settings.KeyedOption))]
    keys = [getattr(o, "key", None) or o.template for o in options]
    assert len(keys) == len(set(keys))
    assert sorted(keys) == sorted(settings.declared())
    assert all(settings.declared()[k] is o for k, o in zip(keys, options, strict=True))
    with pytest.raises(ValueError, match="declared twice"):
        settings.BoolOption("view/reference_open", True)
    with pytest.raises(ValueError, match="declared twice"):
        settings.KeyedOption("rater/{url}", settings.TextOption, "")
    # a keyed option's keys are made, not declared: asking for one declares nothing new
    before = settings.declared()
    settings.RATER_OF_STORE(url="x")
    assert settings.declared() == before


def test_no_gui_module_spells_a_settings_key() -> None:
    """Only the registry talks to QSettings; everything else goes through its options."""
    spelled = [str(p.relative_to(GUI)) for p in GUI.rglob("*.py")
               if p.name != "settings.py" and "QSettings(" in p.read_text("utf-8")]
    assert spelled == []


def test_a_database_password_never_reaches_the_settings_file() -> None:
    """Recent studies and the rater per store keep the URL without its password (PGPASSWORD or
    ~/.pgpass supply it when reopening); the file that names databases is readable by its owner only."""
    import os

    from reviewer.gui.app import remember, remembered_rater

    url = "postgresql+psycopg://dr:S3cretPw@db.example:5432/study"
    remember(url, "dr-chen")
    path = Path(QSettings().fileName())
    assert path.is_file() and "S3cretPw" not in path.read_text("utf-8", errors="replace")
    assert settings.RECENT.value() == ["postgresql+psycopg://dr@db.example:5432/study"]
    assert remembered_rater(url) == "dr-chen"  # the same store, with or without the password
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
