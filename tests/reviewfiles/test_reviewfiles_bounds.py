"""Bounded reading of review and return zips: a zip bomb is refused by its declared sizes, in a
separate process whose peak memory is measured (resource and tracemalloc), never expanded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.reviewfiles import open_review_file
from reviewer.reviewfiles.zipread import MAX_JSON_BYTES, ZipBoundError, read_member

ROOT = Path(__file__).resolve().parents[2]
GIB = 1 << 30

MEASURE = r"""
import json, resource, sys, tracemalloc
from pathlib import Path
from reviewer.errors import InputError
from reviewer.reviewfiles import merge_return_files
from reviewer.store import open_store
store = open_store(Path(sys.argv[1]))
tracemalloc.start()
try:
    merge_return_files(store, [Path(sys.argv[2])], actor="coord")
    message = None
except InputError as exc:
    message = str(exc)
peak = tracemalloc.get_traced_memory()[1]
# the peak resident size of this process image: VmHWM (ru_maxrss can carry the parent's peak over
# fork and exec, e.g. a big pytest process's)
try:
    hwm = next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except OSError:
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"message": message, "tracemalloc_peak": peak, "max_rss": hwm}))
"""


def _bomb(path: Path, member: str, size: int, manifest: dict) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        with zf.open(member, "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    return path


def test_a_return_zip_bomb_is_refused_under_200_mb(tmp_path: Path, fresh_db: Path) -> None:
    manifest = {"format": "reviewer-return-file", "format_version": 2, "pack_uid": "x", "mac": "0" * 64}
    bomb = _bomb(tmp_path / "bomb.rvr", "payload.json", GIB, manifest)
    assert bomb.stat().st_size < 8 << 20  # about a thousandth of what it expands to
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", MEASURE, str(fresh_db), str(bomb)], capture_output=True,
                         text=True, env=env, timeout=300, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["message"] is not None and "bomb.rvr" in result["message"]
    assert "zip bomb" in result["message"]
    assert result["max_rss"] < 200 * (1 << 20), result
    assert result["tracemalloc_peak"] < 20 * (1 << 20), result


def test_a_review_file_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    manifest = {"format": "reviewer-review-file", "format_version": 2, "pack_uid": "x", "db_sha256": "0"}
    bomb = _bomb(tmp_path / "bomb.rvw", "review.db", 64 << 20, manifest)
    with pytest.raises(InputError, match="zip bomb"):
        open_review_file(bomb)
    assert not (tmp_path / "bomb.rvw.work").exists()  # nothing unpacked, no working copy left


def test_a_member_past_its_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("small.json", b"{}")
    with zipfile.ZipFile(path) as zf:
        assert read_member(zf, "small.json") == b"{}"
        info = zf.getinfo("small.json")
        info.file_size = MAX_JSON_BYTES + 1  # what a header may declare
        with pytest.raises(ZipBoundError, match="more than"):
            read_member(zf, "small.json")
