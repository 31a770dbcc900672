"""Exports in long format: one row per criterion rating, case, response or judge verdict.

``export(store, kind, path, study=None)`` writes CSV, JSONL or Parquet (by the file extension)
and returns the number of rows. Rows name things by their stable uids (plus external ids and
keys for reading), so exports from several machines join cleanly. In CSV and Parquet, list and
object values (turns, tags, meta, criteria) are JSON text; in JSONL they stay structured.

Rows stream from Core queries (reviewer.studies.export_rows) straight into the file: each value
is formatted once per distinct part (a rating's fields once, not once per criterion row), CSV
goes through ``csv.writer.writerows`` and JSONL lines are joined from pre-encoded fragments, so
the 180,000-row ratings export of benchmarks/export_speed.py takes about a second.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.files import atomic_path, atomic_write, spreadsheet_text
from reviewer.store.engine import Store, transaction
from reviewer.studies.export_rows import (  # noqa: F401  (the column lists are part of this module's API)
    BUILDERS,
    CASE_COLUMNS,
    COLUMNS,
    RATING_COLUMNS,
    RESPONSE_COLUMNS,
    VERDICT_COLUMNS,
    Format,
)
from reviewer.studies.lookup import get_study

KINDS = ("ratings", "cases", "responses", "verdicts")
FORMATS = (".csv", ".jsonl", ".parquet")


def _flat(value: Any) -> Any:
    """A value for CSV and Parquet: lists and objects as JSON text (sorted keys), times as ISO text.
    Parquet keeps text as it is (it is data, not a spreadsheet); CSV cells also go through
    :func:`reviewer.files.spreadsheet_text` (CsvFormat)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class CsvFormat:
    """CSV (excel dialect): a part is its fields as ``csv.writer`` writes them, joined by commas.

    QUOTE_MINIMAL quotes a field by its own content only, so a line joined from parts rendered
    here is the line ``csv.writer`` writes for the whole row (a trailing marker field keeps a
    one-field part from being written as ``""``, the writer's special case for a lone empty field).
    """

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def part(self, columns: Sequence[str], values: Sequence[Any]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow([*(spreadsheet_text(_flat(v)) for v in values), "x"])
        return self._buffer.getvalue()[:-4]  # less ",x\r\n"

    def row(self, *parts: str) -> str:
        return ",".join(parts) + "\r\n"


class JsonlFormat:
    """JSONL: a part is its ``"column": value`` members as ``json.dumps`` writes an object's."""

    def part(self, columns: Sequence[str], values: Sequence[Any]) -> str:
        return ", ".join(f"{json.dumps(c)}: {json.dumps(v, ensure_ascii=False, default=_iso)}"
                         for c, v in zip(columns, values, strict=True))

    def row(self, *parts: str) -> str:
        return "{" + ", ".join(parts) + "}\n"


class FlatFormat:
    """Parquet: a row is the tuple of its flat values (reviewer.studies.exports._flat)."""

    def part(self, columns: Sequence[str], values: Sequence[Any]) -> tuple:
        return tuple(_flat(v) for v in values)

    def row(self, *parts: tuple) -> tuple:
        return parts[0] if len(parts) == 1 else tuple(chain.from_iterable(parts))


def _count(rows: Iterable[Any], counter: list[int]) -> Iterator[Any]:
    for row in rows:
        counter[0] += 1
        yield row


def _write_lines(path: Path, header: str, rows: Iterable[str]) -> None:
    with atomic_write(path, newline="") as handle:
        handle.write(header)
        handle.writelines(rows)


def _write_parquet(path: Path, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet export needs pyarrow: pip install \"reviewer[parquet]\"",
                         file=str(path)) from exc
    data = list(rows)
    values_by_column = list(zip(*data, strict=True)) if data else [() for _ in columns]
    arrays = {}
    for k, values in zip(columns, values_by_column, strict=True):
        try:
            arrays[k] = pa.array(list(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types: keep them as text
            arrays[k] = pa.array([None if v is None else str(v) for v in values])
    with atomic_path(path) as temp:
        pq.write_table(pa.table(arrays), temp)


def _write(path: Path, suffix: str, columns: Sequence[str], build: Callable[[Format], Iterable[Any]]) -> None:
    if suffix == ".parquet":
        _write_parquet(path, columns, build(FlatFormat()))
        return
    fmt: CsvFormat | JsonlFormat = CsvFormat() if suffix == ".csv" else JsonlFormat()
    header = fmt.row(fmt.part(columns, columns)) if suffix == ".csv" else ""
    _write_lines(path, header, build(fmt))


def _format_of(path: Path) -> str:
    """*path*'s export format (its suffix, checked), its folder made."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"unknown export format {path.suffix or '(none)'}: use one of {', '.join(FORMATS)}",
                         file=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    return suffix


def export(store: Store | Session, kind: str, path: str | Path, *, study: str | None = None) -> int:
    """Write one *kind* (ratings, cases, responses, verdicts) to *path*; return the row count.

    With *study* only that study's rows; without it, every study in the database.
    """
    path = Path(path)
    if kind not in BUILDERS:
        raise InputError(f"unknown export {kind!r}: use one of {', '.join(KINDS)}")
    suffix = _format_of(path)
    counter = [0]
    with transaction(store) as session:  # the writers land the file whole or not at all (reviewer.files)
        study_id = get_study(session, study).id if study is not None else None
        _write(path, suffix, COLUMNS[kind],
               lambda fmt: _count(BUILDERS[kind](session, study_id, fmt), counter))  # noqa: B023
    return counter[0]


def write_rows(path: str | Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write *rows* (one value per column) to *path* as CSV, JSONL or Parquet (by its extension)
    with the writers above: spreadsheet-safe CSV cells, the file landing whole or not at all.
    For row sets a service builds itself (e.g. ``reviewer export gold``); returns the row count."""
    path = Path(path)
    suffix = _format_of(path)
    counter = [0]
    _write(path, suffix, columns, lambda fmt: _count((fmt.row(fmt.part(columns, list(r))) for r in rows), counter))
    return counter[0]
