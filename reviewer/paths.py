"""Where bundled files live: the top-level ``resources/`` folder in a checkout, the
``reviewer.resources`` package in an installed wheel, or ``sys._MEIPASS`` in a PyInstaller bundle."""

from __future__ import annotations

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
