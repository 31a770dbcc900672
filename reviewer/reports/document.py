"""A report as plain data: sections of text, tables (DataFrames) and figures (PNG bytes).

Builders turn analysis results into a :class:`ReportDocument`; writers turn one document into
HTML, PDF, XLSX or CSV, so every format carries the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Table:
    name: str  # short id, used as the sheet name and in the CSV "table" column
    title: str
    frame: pd.DataFrame
    note: str = ""
    display_rows: int = 500  # rows shown in HTML/PDF; CSV and XLSX always hold every row


@dataclass
class Figure:
    name: str
    title: str
    png: bytes
    note: str = ""


@dataclass
class Section:
    title: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class ReportDocument:
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    def figures(self) -> list[Figure]:
        return [f for s in self.sections for f in s.figures]
