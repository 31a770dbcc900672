"""Where a review file's working copy lives, and finding an existing one without SQLAlchemy.

The app opens a review file it has opened before through its first screen
(:mod:`reviewer.rating.first_screen`): that needs the working copy's database and manifest before the ORM
is imported. Unpacking a new file and every check that can fail with a message stay in
:func:`reviewer.reviewfiles.pack.open_review_file`.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

from reviewer.paths import default_db_path
from reviewer.reviewfiles.zipread import read_member

MANIFEST = "manifest.json"
REVIEW_DB = "review.db"


def is_review_file(target: str | os.PathLike[str] | None) -> bool:
    """Whether an app target names a review file (``.rvw``) rather than a study database."""
    return target is not None and str(target).lower().endswith(".rvw")


def fallback_workdir(pack_uid: str) -> Path:
    return default_db_path().parent / "review-work" / pack_uid


def zip_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest inside a review zip, or ``None`` when it cannot be read (no message here)."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(read_member(zf, MANIFEST).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError,
            RecursionError):
        return None
    return manifest if isinstance(manifest, dict) else None


def workdir_for(path: Path, manifest: dict[str, Any] | None = None) -> Path:
    """Where the working copy of a review file lives (see :mod:`reviewer.reviewfiles.pack`)."""
    beside = path.with_name(path.name + ".work")
    if beside.exists() or os.access(path.parent, os.W_OK):
        return beside
    if manifest is None:
        manifest = zip_manifest(path) or {}
    return fallback_workdir(str(manifest.get("pack_uid", "unknown")))


def existing_working_copy(path: str | os.PathLike[str]) -> tuple[Path, dict[str, Any]] | None:
    """(database, manifest) of the working copy of this review file when one exists and belongs to
    it (same pack); ``None`` otherwise, and the ordinary opening unpacks or explains."""
    path = Path(path)
    packed = zip_manifest(path) if path.exists() else None
    if path.exists() and packed is None:
        return None
    work = workdir_for(path, packed)
    try:
        manifest = json.loads((work / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not (work / REVIEW_DB).is_file():
        return None
    if packed is not None and packed.get("pack_uid") != manifest.get("pack_uid"):
        return None
    return work / REVIEW_DB, manifest
