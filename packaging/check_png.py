"""Check that a PNG screenshot is a real picture: valid PNG, big enough, not one flat colour.

Standard library only (zlib + the PNG filter rules), so the build script can run it with any
Python, including the bare one that built the bundle.

    python packaging/check_png.py SHOT.png [--min-width 640 --min-height 400 --min-bytes 5000]

Prints ``WIDTHxHEIGHT, N bytes, K distinct colours (sampled)`` and exits 0, or names the problem and
exits 1.
"""

from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel (8-bit depth)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path: Path) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, ctype, _, _, interlace = header
    if depth != 8 or ctype not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG layout (depth {depth}, colour type {ctype}, interlace {interlace})")
    bpp = CHANNELS[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ftype == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        for i in range(stride if ftype in (1, 3, 4) else 0):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            if ftype == 1:
                line[i] = (line[i] + left) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif ftype == 4:
                upleft = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, up, upleft)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def distinct_colours(rows: list[bytes], bpp: int, step: int = 7) -> int:
    seen = set()
    for row in rows[::step]:
        for i in range(0, len(row), bpp * step):
            seen.add(row[i:i + bpp])
    return len(seen)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("png", type=Path)
    p.add_argument("--min-width", type=int, default=640)
    p.add_argument("--min-height", type=int, default=400)
    p.add_argument("--min-bytes", type=int, default=5000)
    p.add_argument("--min-colours", type=int, default=8)
    args = p.parse_args(argv)
    if not args.png.is_file():
        print(f"check_png: {args.png}: no such file", file=sys.stderr)
        return 1
    size = args.png.stat().st_size
    try:
        width, height, rows, bpp = read_png(args.png)
    except (ValueError, zlib.error, struct.error) as exc:
        print(f"check_png: {args.png}: {exc}", file=sys.stderr)
        return 1
    colours = distinct_colours(rows, bpp)
    print(f"{args.png}: {width}x{height}, {size} bytes, {colours} distinct colours (sampled)")
    problems = []
    if size < args.min_bytes:
        problems.append(f"only {size} bytes")
    if width < args.min_width or height < args.min_height:
        problems.append(f"too small ({width}x{height})")
    if colours < args.min_colours:
        problems.append(f"nearly one flat colour ({colours} colours)")
    if problems:
        print(f"check_png: {args.png}: " + "; ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
