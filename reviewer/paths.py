"""Where files live: bundled resources (the top-level ``resources/`` folder in a checkout, the
``reviewer.resources`` package in an installed wheel, or ``sys._MEIPASS`` in a PyInstaller bundle)
and the user's default study database."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    candidates = [Path(__file__).resolve().parents[1] / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "resources")
    try:
        import reviewer.resources as packaged  # installed wheel: resources/ mapped to this package

        candidates.extend(Path(p) for p in packaged.__path__)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("reviewer's resources folder is missing from this installation")


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
