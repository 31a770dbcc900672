"""Mutations of import files for the bounded fuzzer (tests/importing/test_fuzz.py): byte-level
damage and structure-level hostile values, all drawn from one seeded ``random.Random``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

DEEP = "\x00DEEP\x00"  # placeholder replaced by raw text after json.dumps (which could not write it)
HOSTILE: list[Any] = [
    None, True, 0, -1, 2 ** 64, -(2 ** 63) - 1, 10 ** 40, 1.5, float("inf"), float("nan"), "", " ",
    '=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-5 mg", "\ud800", "a\udc00b",
    "x" * 140_000, [], {}, [[[[[[]]]]]], {"role": "user"}, "\u202e\u0000\ufeff", "é" * 10, DEEP,
]


def db_digest(path: Path) -> str:
    """sha256 over every row of every table (sorted by rowid): equal digests, equal databases."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
    conn.close()
    return digest.hexdigest()


# ---------------------------------------------------------------- byte level

def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One random byte-level change: flip, insert, delete, truncate, duplicate, re-encode."""
    kind = rng.randrange(9)
    at = rng.randrange(max(len(data), 1))
    if kind == 0:  # flip some bits
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 1:  # insert bytes that are not UTF-8, NUL, quotes, brackets
        junk = bytes(rng.choice(b"\x00\xff\xfe\xe9\x80\xc3\"{}[],\n\r\t\\") for _ in range(rng.randint(1, 12)))
        return data[:at] + junk + data[at:]
    if kind == 2:  # delete a range
        return data[:at] + data[at + rng.randint(1, 200):]
    if kind == 3:  # truncate
        return data[:at]
    if kind == 4:  # duplicate a chunk
        return data[:at] + data[at:at + rng.randint(1, 500)] * 2 + data[at + 1:]
    text = data.decode("utf-8", "replace")
    if kind == 5:
        return text.encode("utf-16")  # a BOM: readable
    if kind == 6:
        return text.encode("utf-16-le")  # no BOM: not UTF-8
    if kind == 7:
        return text.encode("gb18030", "replace") if not text.isascii() else text.encode("latin-1", "replace") + b"\xe9"
    return data[:at] + rng.choice([b"\\ud800", b"\\udfff\\ud800", b"99999999999999999999999", b"[" * 3000]) + data[at:]


# ---------------------------------------------------------------- structure level

def _containers(value: Any, path: tuple = ()) -> list[tuple]:
    out = []
    if isinstance(value, dict):
        for key, child in value.items():
            out.append((*path, key))
            out.extend(_containers(child, (*path, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value[:20]):
            out.append((*path, i))
            out.extend(_containers(child, (*path, i)))
    return out


def mutate_value(obj: Any, rng: random.Random) -> Any:
    """*obj* (parsed JSON) with one field replaced by a hostile value, or deleted."""
    paths = _containers(obj)
    if not paths:
        return rng.choice(HOSTILE)
    path = rng.choice(paths)
    parent = obj
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, dict) and rng.random() < 0.2:
        del parent[path[-1]]
    else:
        parent[path[-1]] = rng.choice(HOSTILE)
    return obj


def _dumps(obj: Any, rng: random.Random) -> str:
    text = json.dumps(obj, ensure_ascii=rng.random() < 0.5)
    depth = rng.choice([70, 5000])
    return text.replace(json.dumps(DEEP), "[" * depth + "]" * depth)


def mutate_jsonl(data: bytes, rng: random.Random) -> bytes:
    lines = data.decode("utf-8").splitlines()
    i = rng.randrange(len(lines))
    lines[i] = _dumps(mutate_value(json.loads(lines[i]), rng), rng)
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def mutate_json(data: bytes, rng: random.Random) -> bytes:
    return _dumps(mutate_value(json.loads(data.decode("utf-8")), rng), rng).encode("utf-8", "surrogatepass")


def mutate_csv(data: bytes, rng: random.Random) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    kind = rng.randrange(4)
    if kind == 0:  # one cell hostile (as text)
        r, c = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
        value = rng.choice(HOSTILE)
        rows[r][c] = value if isinstance(value, str) and value != DEEP else json.dumps(value)
    elif kind == 1:  # a column gone
        c = rng.randrange(len(rows[0]))
        rows = [row[:c] + row[c + 1:] for row in rows]
    elif kind == 2:  # a ragged row
        r = rng.randrange(1, len(rows))
        rows[r] = rows[r][: rng.randrange(len(rows[r]))] if rng.random() < 0.5 else [*rows[r], "extra", "more"]
    else:  # a header renamed
        c = rng.randrange(len(rows[0]))
        rows[0][c] = rng.choice(["", "rater", "value", rows[0][c].upper(), "\ufeffx"])
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")
