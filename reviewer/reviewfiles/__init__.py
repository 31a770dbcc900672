"""Offline review files: pack one rater's share of a study, rate offline, return, merge back.

- :mod:`.pack`: ``pack_review_file`` (``.rvw``, recorded with its secret) and ``open_review_file`` (working copy)
- :mod:`.ret`: ``write_return_file`` (ratings with revisions, feedback, time spent; HMAC-SHA256, :mod:`.auth`)
- :mod:`.verify`: a return authenticated against its pack and checked against the rating scheme
- :mod:`.merge`: ``merge_return_files`` (newest revision per pack wins in any order, backed up when it
  changes something, conflicts kept)
- :mod:`.zipread`: bounded, streaming zip members (no zip bomb is expanded)

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
