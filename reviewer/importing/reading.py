"""Reading import files: text in UTF-8 (or UTF-16/32 with a byte-order mark) with line numbers,
CSV with fields of any length, JSON checked for what the database cannot hold (nesting, 64-bit
integers, lone surrogates), and typed field reads. Every problem is an InputError naming the file,
the line or item and what to do; nothing here writes."""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from reviewer.errors import InputError
from reviewer.files import spreadsheet_text_undone

MAX_JSON_DEPTH = 64  # lists and objects inside each other; real benchmark files use fewer than 10
INTEGER_RANGE = (-(2 ** 63), 2 ** 63 - 1)  # what SQLite and PostgreSQL BIGINT hold


def _encoding_of(path: Path) -> str:
    """UTF-8 (a BOM allowed), or UTF-16/UTF-32 when the file starts with their byte-order mark or
    with an ASCII character in their shape (``{`` as ``7B 00`` ...)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) == 4 and 0 in head:  # no BOM: the zero bytes of ASCII text give it away (RFC 4627 §3)
        zeros = tuple(b == 0 for b in head)
        return {(False, True, True, True): "utf-32-le", (True, True, True, False): "utf-32-be",
                (False, True, False, True): "utf-16-le", (True, False, True, False): "utf-16-be"}.get(
                    zeros, "utf-8-sig")
    return "utf-8-sig"


def _open_text(path: Path, **options: Any) -> TextIO:
    """The file opened as text in the encoding :func:`_encoding_of` finds; an unreadable file is an
    InputError naming it."""
    encoding = _encoding_of(path)
    try:
        return path.open(encoding=encoding, **options)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc


def _not_text(path: Path, exc: UnicodeDecodeError) -> InputError:
    """The first line that is not UTF-8 text, found by reading the bytes again line by line (the
    decoder's own position is inside a buffer, not the file)."""
    if _encoding_of(path) == "utf-8-sig":
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as bad:
                    return InputError(
                        f"not UTF-8 text (byte 0x{raw[bad.start]:02X} at byte {bad.start + 1} of the line); "
                        "save the file as UTF-8 (e.g. Excel: Save As › CSV UTF-8) and import it again",
                        file=str(path), line=number)
    return InputError(f"not valid {exc.encoding.upper()} text ({exc.reason}); save the file as UTF-8 and "
                      "import it again", file=str(path))


def _csv_rows_raw(path: Path, reader: Any) -> Iterator[Any]:
    """*reader*'s rows with decoding and CSV errors turned into InputErrors naming the line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise _not_text(path, exc) from exc
        except csv.Error as exc:
            raise InputError(f"broken CSV: {exc}", file=str(path), line=reader.line_num) from exc
        yield row


def read_csv(path: str | Path, check_header: Callable[[list[str]], None]
             ) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, row)`` for each row of a CSV file with a header; the number is the row's
    first physical line (a quoted field may span several). *check_header* gets the column names
    first and raises InputError when a needed one is missing.

    Fields of any length are read (a long answer is one field); a cell this app exported with a
    protective apostrophe (``'=…``, see reviewer.files.spreadsheet_text) is read back without it."""
    path = Path(path)
    csv.field_size_limit(min(sys.maxsize, 2 ** 31 - 1))
    with _open_text(path, newline="") as handle:
        plain = csv.reader(handle)
        rows = _csv_rows_raw(path, plain)
        header = next(rows, None) or []
        check_header(list(header))
        line = plain.line_num + 1
        for values in rows:
            if values:  # csv.DictReader skips blank lines too
                row = dict(zip(header, (spreadsheet_text_undone(v) for v in values), strict=False))
                for key in header[len(values):]:
                    row[key] = None
                if len(values) > len(header):
                    row[None] = values[len(header):]  # type: ignore[index]  # as csv.DictReader does
                yield line, row
            line = plain.line_num + 1


def _check_values(value: Any, where: dict[str, Any]) -> None:
    """Refuse what the database or a later json.dumps cannot hold: nesting deeper than
    MAX_JSON_DEPTH, integers outside 64 bits, text with lone surrogates (``"\\ud800"``)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise InputError(f"text with an unpaired surrogate escape (\\u{ord(item[exc.start]):04x}); "
                                     "write the character itself or a valid pair", **where) from None
        elif isinstance(item, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                raise InputError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep", **where)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if not isinstance(child, (float, bool)))
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item if not key.isascii())
        elif isinstance(item, int) and not isinstance(item, bool) and not (
                INTEGER_RANGE[0] <= item <= INTEGER_RANGE[1]):
            raise InputError(f"integer {str(item)[:30]}{'…' if len(str(item)) > 30 else ''} is outside the "
                             "64-bit range; store it as text", **where)


def parse_json(text: str, *, file: str | Path, line: int | None = None, item: str | None = None) -> Any:
    """*text* parsed as JSON and checked (:func:`_check_values`); broken JSON, nesting deeper than
    Python can parse, huge integers and lone surrogates are InputErrors naming file, line and item
    (with no *line*, the line inside *text* where JSON broke)."""
    where = {"file": str(file), "line": line, "item": item}
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        at = {**where, "line": line if line is not None else exc.lineno}
        raise InputError(f"broken JSON: {exc.msg} (column {exc.colno})", **at) from exc
    except RecursionError as exc:
        raise InputError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep", **where) from exc
    except ValueError as exc:  # int('9' * 5000): Python's own limit on integer digits
        raise InputError(f"unreadable JSON value: {exc}", **where) from exc
    _check_values(obj, where)
    return obj


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line (1-based numbers).

    Broken JSON or a line that is not a JSON object raises InputError naming file and line.
    """
    path = Path(path)
    with _open_text(path) as handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                raise _not_text(path, exc) from exc
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            obj = parse_json(line, file=path, line=number)
            if not isinstance(obj, dict):
                raise InputError(f"expected a JSON object, got {_type_name(obj)}",
                                 file=str(path), line=number)
            yield number, obj


def read_json(path: str | Path) -> Any:
    """A whole-file JSON document; broken JSON names the line and column."""
    path = Path(path)
    try:
        with _open_text(path) as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise _not_text(path, exc) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    return parse_json(text, file=path)


_TYPE_NAMES = {str: "text", int: "an integer", float: "a number", bool: "true/false",
               list: "a list", dict: "an object", type(None): "null"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def field_of(row: dict[str, Any], key: str, types: type | tuple[type, ...], *, file: str | Path,
             line: int | None = None, item: str | None = None, required: bool = True,
             default: Any = None) -> Any:
    """``row[key]`` checked against *types* (bool is never accepted as a number).

    A missing required field or a wrong type raises InputError naming file, line/item and field.
    """
    if key not in row or (row[key] is None and required):
        if required:
            raise InputError(f"missing required field {key!r}", file=str(file), line=line, item=item)
        return default
    value = row[key]
    if value is None:
        return default
    wanted = types if isinstance(types, tuple) else (types,)
    if isinstance(value, bool) and bool not in wanted:
        ok = False
    else:
        ok = isinstance(value, wanted)
    if not ok:
        names = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in wanted)
        raise InputError(f"field {key!r} should be {names}, got {_type_name(value)}",
                         file=str(file), line=line, item=item)
    return value


def check_turns(turns: Any, key: str, *, file: str | Path, line: int | None) -> list[dict[str, str]]:
    """A conversation: a non-empty list of ``{role, content}`` with text content."""
    if not isinstance(turns, list) or not turns:
        raise InputError(f"field {key!r} should be a non-empty list of turns", file=str(file), line=line)
    out = []
    for i, turn in enumerate(turns):
        if (not isinstance(turn, dict) or not isinstance(turn.get("role"), str)
                or not isinstance(turn.get("content"), str)):
            raise InputError(f"turn {i + 1} of {key!r} should be an object with text 'role' and 'content'",
                             file=str(file), line=line)
        out.append({"role": turn["role"], "content": turn["content"]})
    return out


