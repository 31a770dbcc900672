"""Offline review files: pack one rater's share of a study, rate offline, return, merge back.

- :mod:`.pack`: ``pack_review_file`` (``.rvw``) and ``open_review_file`` (working copy)
- :mod:`.ret`: ``write_return_file`` (ratings, feedback, time spent; payload SHA-256)
- :mod:`.merge`: ``merge_return_files`` (checked, backed up, idempotent, conflicts kept)

The names below load on first use (PEP 562): :mod:`.workcopy` is imported by the app's first screen
before SQLAlchemy is.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"MergeReport": "merge", "merge_return_files": "merge", "PackResult": "pack",
          "open_review_file": "pack", "pack_review_file": "pack", "write_return_file": "ret"}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'reviewer.reviewfiles' has no attribute {name!r}")
    return getattr(importlib.import_module(f"reviewer.reviewfiles.{_WHERE[name]}"), name)
