"""Where files live: bundled resources and migrations (the top-level ``resources/`` and ``db/``
folders in a checkout, the ``reviewer.resources`` and ``reviewer.migrations`` packages in an
installed wheel, or ``sys._MEIPASS`` in a PyInstaller bundle), the user's default study database, and
database URLs as they may be shown or stored (never with their password)."""

from __future__ import annotations

import importlib
import os
import re
import sys
from functools import cache
from pathlib import Path


def _bundled_dir(folder: str, package: str) -> Path:
    """A folder of the checkout shipped inside the wheel as *package*: ``sys._MEIPASS/folder`` in a
    PyInstaller bundle, ``folder`` beside the ``reviewer`` package in a checkout, else the installed
    package's folder (never a top-level module of that name: ``db`` is another distribution)."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / folder)
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file():
        candidates.append(checkout / folder)
    try:
        packaged = importlib.import_module(package)  # installed wheel: the folder mapped to this package
        candidates.extend(Path(p) for p in packaged.__path__)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reviewer's {folder} folder is missing from this installation")


@cache
def resources_dir() -> Path:
    """Icons, judge prompts, the demo study and translations (top-level ``resources/``)."""
    return _bundled_dir("resources", "reviewer.resources")


@cache
def migrations_dir() -> Path:
    """The Alembic migrations (top-level ``db/``, the package ``reviewer.migrations`` in a wheel)."""
    return _bundled_dir("db", "reviewer.migrations")


def resource_path(*parts: str) -> Path:
    """A file under the resources folder, e.g. ``resource_path("demo", "demo_study.json")``."""
    return resources_dir().joinpath(*parts)


DB_ENV_VAR = "REVIEWER_DB"  # the study database when no --db is given
DEMO_STUDY_NAME = "Demo study"  # the bundled demo (resources/demo/demo_study.json) is stored as this study


def default_db_path() -> Path:
    """The user data folder's study database (used when neither --db nor REVIEWER_DB is given)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA", base)
    return Path(base) / "reviewer" / "studies.db"


# ---------------------------------------------------------------- database URLs with a password in them

_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s]*):(?P<password>[^\s]*)@(?P<host>[^@\s/]*)")
_QUERY_PASSWORD = re.compile(r"(?P<key>[?&](?:password|pass|pwd)=)[^&\s]*", re.IGNORECASE)


def masked_url(url: str | os.PathLike[str]) -> str:
    """*url* to show: a password in it (``user:PASSWORD@host`` or ``?password=``) becomes ``***``.
    Paths and URLs without one come back unchanged; also masks URLs inside a longer message."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}:***@{m['host']}", str(url))
    return _QUERY_PASSWORD.sub(lambda m: f"{m['key']}***", text)


def url_without_password(url: str | os.PathLike[str]) -> str:
    """*url* to store (recent files, settings keys): with no password at all, so that opening it
    again takes the password where libpq looks at connect time (``PGPASSWORD``, ``~/.pgpass``)."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}@{m['host']}", str(url))
    text = re.sub(r"[?&](?:password|pass|pwd)=[^&\s]*", "", text, flags=re.IGNORECASE)
    return text if "?" in text or "&" not in text else text.replace("&", "?", 1)
