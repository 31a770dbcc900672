"""Offline review files: pack one rater's share of a study, rate offline, return, merge back.

- :mod:`.pack`: ``pack_review_file`` (``.rvw``) and ``open_review_file`` (working copy)
- :mod:`.ret`: ``write_return_file`` (ratings, feedback, time spent; payload SHA-256)
- :mod:`.merge`: ``merge_return_files`` (checked, backed up, idempotent, conflicts kept)
"""

from reviewer.reviewfiles.merge import MergeReport, merge_return_files
from reviewer.reviewfiles.pack import PackResult, open_review_file, pack_review_file
from reviewer.reviewfiles.ret import write_return_file

__all__ = ["MergeReport", "PackResult", "merge_return_files", "open_review_file", "pack_review_file",
           "write_return_file"]
