"""Write a :class:`ReportDocument` as one self-contained HTML file, a PDF, an XLSX workbook or a CSV.

- HTML: one file, figures embedded as base64 PNG, light print-friendly styling.
- PDF: the same HTML laid out by Qt's QTextDocument and printed with QPdfWriter (QtGui only, no
  widgets; an offscreen QGuiApplication is created when none exists), so PDF and HTML match.
- XLSX: one sheet per table (openpyxl).
- CSV: all tables stacked in one file with a leading ``table`` column naming the table.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from reviewer.errors import ReviewerError
from reviewer.files import atomic_path, spreadsheet_text
from reviewer.reports.document import ReportDocument, Table
from reviewer.reports.labels import NOT_INFORMATIVE_NOTE, interval_of, n_column
from reviewer.stats.bootstrap import MIN_INTERVAL_UNITS

Progress = Callable[[int, int], None]

CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK SC', 'Segoe UI', Helvetica, Arial, sans-serif;
       color: #1f2933; margin: 2em auto; max-width: 1100px; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; } h2 { font-size: 1.3em; border-bottom: 2px solid #d9e2ec;
     padding-bottom: 0.2em; margin-top: 1.8em; } h3 { font-size: 1.05em; margin-top: 1.2em; }
.subtitle { color: #52606d; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em 0; font-size: 0.88em; }
th, td { border: 1px solid #cbd2d9; padding: 3px 8px; text-align: right; }
th { background: #f0f4f8; } td.text { text-align: left; }
.note { color: #52606d; font-size: 0.85em; }
img { max-width: 100%; margin: 0.4em 0; }
"""


def _fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, float | np.floating):
        return f"{value:.3f}"
    return str(value)


def _display_columns(columns: list[str]) -> list[tuple[str, list[str]]]:
    """Pairs (heading, source columns): ``x_lo``/``x_hi`` and ``ci_low``/``ci_high`` become one CI column
    (sources: low, high, then the ``*_informative`` flag and the n column where the table has them);
    the flags themselves are not shown as columns."""
    n_col = n_column(columns)
    out: list[tuple[str, list[str]]] = []
    for col in columns:
        if col.endswith(("_lo", "_hi", "_informative")) or col in ("ci_low", "ci_high"):
            continue
        out.append((col.replace("_", " "), [col]))
        found = interval_of(col, columns)
        if found is not None:
            lo, hi, flag = found
            extra = [flag, n_col] if flag in columns and n_col else []
            out.append(("95% CI", [lo, hi, *extra]))
    return out


SMALL_N = f"n\u00a0<\u00a0{MIN_INTERVAL_UNITS}*"  # no-break spaces: a narrow PDF column keeps it on one line


def _cell(values: list[object]) -> tuple[str, bool, bool]:
    """(text, is text, marked not informative) of one cell."""
    if len(values) >= 2:
        lo, hi = (_fmt(v) for v in values[:2])
        small = False
        if len(values) == 4:
            n = pd.to_numeric(pd.Series([values[3]]), errors="coerce").iloc[0]
            small = bool(np.isfinite(n) and 0 < n < MIN_INTERVAL_UNITS)
        if lo == "–" and hi == "–":  # none computed: from fewer than 10 units, say so
            return (SMALL_N, False, True) if small else ("–", False, False)
        if len(values) == 4 and values[2] == "no":
            return (SMALL_N if small else "–*"), False, True
        return f"[{lo}, {hi}]", False, False
    value = values[0]
    return _fmt(value), isinstance(value, str), False


BREAK_AFTER = str.maketrans({c: c + "\u200b" for c in "_:/"})  # a zero-width space: a line may break there


def table_html(table: Table, *, breakable: bool = False) -> str:
    """The table as HTML; confidence bounds are shown as one "[lo, hi]" column. *breakable* (the PDF,
    whose columns cannot scroll) lets long identifiers such as ``cluster:emergency_referrals_...``
    wrap after ``_``, ``:`` and ``/`` instead of pushing the table past the page edge."""
    frame, max_rows = table.frame, table.display_rows
    columns = _display_columns([str(c) for c in frame.columns])
    head = "".join(f"<th>{html.escape(title)}</th>" for title, _ in columns)
    rows = []
    marked = False
    for record in frame.head(max_rows).to_dict(orient="records"):
        cells = []
        for _title, sources in columns:
            text, is_text, flagged = _cell([record[c] for c in sources])
            marked = marked or flagged
            css = ' class="text"' if is_text else ""
            shown = text.translate(BREAK_AFTER) if breakable and is_text else text
            cells.append(f"<td{css}>{html.escape(shown)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    foot = f'<p class="note">{html.escape(NOT_INFORMATIVE_NOTE)}</p>' if marked else ""
    more = f'<p class="note">{len(frame) - max_rows} more rows in the CSV/XLSX export.</p>' if len(frame) > max_rows else ""
    note = f'<p class="note">{html.escape(table.note)}</p>' if table.note else ""
    empty = '<p class="note">No data for this table yet.</p>' if frame.empty else ""
    return (f'<h3>{html.escape(table.title)}</h3>{note}{empty}<table width="100%" cellspacing="0" cellpadding="3">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{foot}{more}")


def png_width(png: bytes) -> int:
    """Pixel width from a PNG header (IHDR), 720 when the bytes are not a PNG."""
    if png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) >= 24:
        return int.from_bytes(png[16:20], "big")
    return 720


def document_html(doc: ReportDocument, *, image_src: Callable[[str, bytes], str] | None = None,
                  breakable: bool = False) -> str:
    """The report as HTML; *image_src* maps a figure to its ``src`` (default: a data URI);
    *breakable*: see :func:`table_html`."""
    if image_src is None:
        def image_src(_name: str, png: bytes) -> str:
            return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    parts = [f"<h1>{html.escape(doc.title)}</h1>"]
    if doc.subtitle:
        parts.append(f'<p class="subtitle">{html.escape(doc.subtitle)}</p>')
    for section in doc.sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        if section.text:
            parts.extend(f"<p>{html.escape(p)}</p>" for p in section.text.split("\n\n") if p.strip())
        for table in section.tables:
            parts.append(table_html(table, breakable=breakable))
        for fig in section.figures:
            parts.append(f"<h3>{html.escape(fig.title)}</h3>")
            if fig.note:
                parts.append(f'<p class="note">{html.escape(fig.note)}</p>')
            width = min(png_width(fig.png), 720)
            parts.append(f'<p class="figure"><img src="{image_src(fig.name, fig.png)}" '
                         f'alt="{html.escape(fig.title)}" width="{width}"></p>')
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(doc.title)}'
            f"</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n")


def write_html(doc: ReportDocument, path: Path) -> None:
    path.write_text(document_html(doc), encoding="utf-8")


def _ensure_gui_application():  # noqa: ANN202
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["reviewer-report"])
    return app


def _page(text_doc, block) -> int:  # noqa: ANN001 - QTextDocument, QTextBlock
    """The page (from 0) of the block's first line: a line that does not fit is moved to the next
    page inside its block, so the block's own top can still lie on the page before."""
    top = text_doc.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        top += layout.lineAt(0).y()
    return int(top // text_doc.pageSize().height())


def _content_after(block):  # noqa: ANN001, ANN202 - QTextBlock
    nxt = block.next()
    while nxt.isValid() and not nxt.text().strip():
        nxt = nxt.next()
    return nxt


def _following(block, limit: int = 5):  # noqa: ANN001, ANN202 - QTextBlock
    """The blocks a heading must share a page with: what follows it up to the first table row,
    figure or plain paragraph, through headings and short notes (h2, its text, h3, a note, the
    first row of the table), at most *limit* blocks."""
    from PySide6.QtGui import QTextCursor

    def leads_on(b) -> bool:  # noqa: ANN001 - a heading, a figure or a table's first cell follows
        return b.isValid() and (b.blockFormat().headingLevel() > 0 or "\ufffc" in b.text()
                                or QTextCursor(b).currentTable() is not None)

    out = []
    nxt = _content_after(block)
    while nxt.isValid() and len(out) < limit:
        out.append(nxt)
        in_table = QTextCursor(nxt).currentTable() is not None
        if in_table or "\ufffc" in nxt.text():
            break
        after = _content_after(nxt)
        if not leads_on(after):
            break
        nxt = after
    return out


def headings_to_move(text_doc) -> list[int]:  # noqa: ANN001 - QTextDocument laid out in pages
    """Ordinals (among the h1-h6 headings, in document order) of the headings whose following
    content (the first table row, paragraph or figure, with a note between heading and figure)
    starts on a later page: such a heading would be left alone at the foot of a page."""
    out = []
    ordinal = 0
    block = text_doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            page = _page(text_doc, block)
            if any(_page(text_doc, b) > page for b in _following(block)):
                out.append(ordinal)
            ordinal += 1
        block = block.next()
    return out


def with_page_breaks(html_text: str, before: set[int]) -> str:
    """*html_text* with ``page-break-before: always`` on the headings numbered in *before*."""
    count = iter(range(1 << 30))

    def mark(m: re.Match[str]) -> str:
        return f'<h{m.group(1)} style="page-break-before: always">' if next(count) in before else m.group(0)

    return re.sub(r"<h([1-6])>", mark, html_text)


def keep_headings_with_next(text_doc, html_text: str, max_passes: int = 12) -> set[int]:  # noqa: ANN001
    """Lay *html_text* out in *text_doc* (its page size set) so that no heading ends a page alone:
    each pass moves the first such heading to the next page, then lays out again (a break shifts
    everything after it). Returns the headings given a page break."""
    before: set[int] = set()
    for _ in range(max_passes):
        text_doc.setHtml(with_page_breaks(html_text, before))
        todo = [i for i in headings_to_move(text_doc) if i not in before]
        if not todo:
            break
        before.add(todo[0])
    else:
        text_doc.setHtml(with_page_breaks(html_text, before))
    return before


def write_pdf(doc: ReportDocument, path: Path) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

    _app = _ensure_gui_application()  # noqa: F841 - must stay alive while printing
    text_doc = QTextDocument()
    text_doc.setDefaultStyleSheet(CSS.replace("max-width: 1100px;", ""))
    text_doc.setDefaultFont(QFont("DejaVu Sans", 9))
    for fig in doc.figures():
        image = QImage.fromData(fig.png, "PNG")
        text_doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"fig:{fig.name}"), image)
    option = text_doc.defaultTextOption()  # wrap at word boundaries (CJK: between characters, per UAX #14)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    text_doc.setDefaultTextOption(option)
    writer = QPdfWriter(str(path))
    writer.setResolution(110)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(14, 14, 14, 14), QPageLayout.Unit.Millimeter))
    writer.setTitle(doc.title)
    text_doc.setPageSize(QSizeF(writer.width(), writer.height()))
    keep_headings_with_next(text_doc, document_html(doc, image_src=lambda name, _png: f"fig:{name}", breakable=True))
    text_doc.print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise ReviewerError(f"{path}: the PDF could not be written")


def _fit_words(text: str, limit: int) -> str:
    """*text* cut to at most *limit* characters at a word boundary (space, ``_``, ``-``, ``.``)."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    for i in range(len(cut) - 1, 0, -1):
        if cut[i] in " _-." and i <= limit:
            return text[:i].rstrip(" _-.")
    return text[:limit]


def _clean_sheet_text(text: str) -> str:
    return "".join(" " if c in "[]:*?/\\'" else c for c in text).strip()


def _sheet_name(name: str, used: set[str]) -> str:
    """A readable, unique Excel sheet name (at most 31 characters, none of ``[]:*?/\\``).

    ``judge[run].table`` becomes ``run table``; when too long, the run name is shortened at a word
    boundary so that the table part stays whole; a repeat gets `` 2``, `` 3``, ...
    """
    prefix, table = "", name
    if name.startswith("judge[") and "]." in name:
        prefix, table = name[len("judge["):name.index("].")], name[name.index("].") + 2:]
    prefix, table = _clean_sheet_text(prefix), _clean_sheet_text(table)
    text = f"{prefix} {table}".strip() if prefix else table
    if len(text) > 31:
        room = 31 - len(table) - 1
        text = f"{_fit_words(prefix, room)} {table}" if prefix and room >= 4 else _fit_words(text, 31)
    text = text or "table"
    candidate, i = text, 2
    while candidate.lower() in {u.lower() for u in used}:
        suffix = f" {i}"
        candidate = _fit_words(text, 31 - len(suffix)) + suffix
        i += 1
    used.add(candidate)
    return candidate


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """*frame* with every text cell and column name made safe for a spreadsheet
    (reviewer.files.spreadsheet_text); numbers keep their type, so they stay numbers in the file."""
    out = frame.rename(columns=lambda c: spreadsheet_text(c) if isinstance(c, str) else c)
    for i in range(out.shape[1]):  # by position: two columns may share a name
        column = out.iloc[:, i]
        if pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype):
            out.isetitem(i, column.map(spreadsheet_text))  # text lives in object and string columns
    return out


def write_xlsx(doc: ReportDocument, path: Path) -> None:
    """One sheet per table; text cells are written as strings (openpyxl reads a text cell starting
    with '=' as a formula, which spreadsheet_frame's apostrophe rules out), numbers as numbers."""
    used: set[str] = set()
    book = io.BytesIO()  # built in memory: a zip that fails half-written on disk complains again when collected
    with pd.ExcelWriter(book, engine="openpyxl") as xl:
        for table in doc.tables():
            spreadsheet_frame(table.frame).to_excel(xl, sheet_name=_sheet_name(table.name, used), index=False)
    path.write_bytes(book.getvalue())


def stacked_tables(doc: ReportDocument) -> pd.DataFrame:
    frames = [t.frame.assign(table=t.name)[["table", *t.frame.columns]] for t in doc.tables()]
    return pd.concat(frames, ignore_index=True, sort=False) if frames else pd.DataFrame(columns=["table"])


def write_csv(doc: ReportDocument, path: Path) -> None:
    spreadsheet_frame(stacked_tables(doc)).to_csv(path, index=False)


WRITERS = {".html": write_html, ".htm": write_html, ".pdf": write_pdf, ".xlsx": write_xlsx, ".csv": write_csv}


def write_report(doc: ReportDocument, path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Write *doc* in the format named by the file extension."""
    out = Path(path)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise ReviewerError(f"{out}: unknown report format {out.suffix!r} (use .html, .pdf, .xlsx or .csv)")
    out.parent.mkdir(parents=True, exist_ok=True)
    if progress:
        progress(0, 1)
    with atomic_path(out) as temp:  # a failure (a full disk) leaves no partial report
        writer(doc, temp)
    if progress:
        progress(1, 1)
    return out
