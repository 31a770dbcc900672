"""Reading members of a review or return zip with bounds, streaming (no SQLAlchemy: the first
screen uses it).

A zip member's declared size is checked before anything is read: above :data:`MAX_JSON_BYTES`
(a manifest or payload) or :data:`MAX_DB_BYTES` (a review database), or expanding more than
:data:`MAX_RATIO` times its compressed size (past :data:`RATIO_FLOOR` bytes, so that tiny
members are never refused), the member is refused as a zip bomb without being expanded. The
bytes are then read in 1 MiB chunks and counted, so a member that expands beyond what its
header declares stops at the declared size (and :mod:`zipfile` then reports a bad CRC).
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from reviewer.files import atomic_write

MAX_JSON_BYTES = 64 << 20  # a manifest or payload: 64 MiB (a 10,000-rating payload is ~10 MB)
MAX_DB_BYTES = 4 << 30  # a review database, streamed to disk: 4 GiB
MAX_RATIO = 200  # expanded / compressed, for members past RATIO_FLOOR
RATIO_FLOOR = 8 << 20
CHUNK = 1 << 20


class ZipBoundError(ValueError):
    """A member past its size or compression-ratio cap (the message says which and by how much)."""


def check_member(info: zipfile.ZipInfo, cap: int) -> None:
    """Refuse *info* by its declared sizes alone (see the module doc)."""
    if info.file_size > cap:
        raise ZipBoundError(f"{info.filename} would expand to {info.file_size:,} bytes, more than the "
                            f"{cap:,} allowed (a zip bomb, or not a file this program wrote)")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ZipBoundError(f"{info.filename} would expand {info.file_size / max(info.compress_size, 1):,.0f} "
                            f"times its compressed size (at most {MAX_RATIO} allowed): a zip bomb")


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int):  # noqa: ANN202 - a generator of bytes
    check_member(info, cap)
    seen = 0
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            seen += len(chunk)
            if seen > min(cap, info.file_size):
                raise ZipBoundError(f"{info.filename} expands beyond the {min(cap, info.file_size):,} bytes "
                                    "its header declares")
            yield chunk


def read_member(zf: zipfile.ZipFile, name: str, cap: int = MAX_JSON_BYTES) -> bytes:
    """The bytes of member *name* (KeyError when absent), bounded as the module doc says."""
    return b"".join(_chunks(zf, zf.getinfo(name), cap))


def extract_member(zf: zipfile.ZipFile, name: str, dest: Path, cap: int = MAX_DB_BYTES) -> str:
    """Stream member *name* into *dest* (written whole or not at all); returns its SHA-256."""
    digest = hashlib.sha256()
    with atomic_write(dest, "wb") as out:
        for chunk in _chunks(zf, zf.getinfo(name), cap):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()
