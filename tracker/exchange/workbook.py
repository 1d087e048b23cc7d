"""The export as one Excel workbook (xlsxwriter): a README sheet, then one sheet per table
(the data dictionary and vocabularies among them). Each cell has its column's type: dates are
Excel dates, whole numbers numbers, booleans booleans, and every text is a text cell, written
as it is in the data, so that no text runs as a formula and none is prefixed to stop it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from tracker.exchange.export import LIST_SEPARATOR, TABLES

MAX_ROWS = 1_048_576
"""Rows in an Excel sheet, the header among them."""
MAX_CELL_CHARS = 32_767
"""Characters (UTF-16 units) in an Excel cell: a longer text is cut there by xlsxwriter."""
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
README_SHEET = "README"
_FORBIDDEN_IN_NAMES = str.maketrans({char: "_" for char in "[]:*?/\\"})
_WIDEST = 60
_DATE_WIDTH = 12


class WorkbookError(ValueError):
    """A table that no Excel sheet can hold."""


@dataclass(frozen=True)
class Sheet:
    """One table of the workbook: its sheet name (31 characters at most) and its rows."""

    name: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class Cut:
    """A text longer than an Excel cell holds, cut at `MAX_CELL_CHARS`; listed in README."""

    sheet: str
    row: int
    column: str
    length: int


def sheet_name(name: str) -> str:
    """`name` as Excel allows a sheet to be named: no `[]:*?/\\`, 31 characters at most."""
    return name.translate(_FORBIDDEN_IN_NAMES)[:31]


Writer = Callable[[Worksheet, int, int, Any], Any]


def _writer(series: pd.Series, formats: Mapping[str, Format]) -> Writer:
    """How the cells of a column are written, chosen once from its dtype; a missing value
    (None, NA, NaT, NaN, "") leaves the cell empty."""
    dtype = series.dtype
    date_format = formats["date"]
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return lambda sheet, row, col, value: sheet.write_datetime(
            row, col, value.to_pydatetime(), date_format
        )
    if pd.api.types.is_bool_dtype(dtype):
        return lambda sheet, row, col, value: sheet.write_boolean(row, col, bool(value))
    if pd.api.types.is_numeric_dtype(dtype):
        return lambda sheet, row, col, value: sheet.write_number(row, col, value)

    def mixed(sheet: Worksheet, row: int, col: int, value: Any) -> Any:
        # Columns of objects (a screen table's days, counts and texts): by the value's type.
        if isinstance(value, bool):
            return sheet.write_boolean(row, col, value)
        if isinstance(value, int | float):
            return sheet.write_number(row, col, value)
        if isinstance(value, dt.datetime | pd.Timestamp):
            return sheet.write_datetime(row, col, value, date_format)
        if isinstance(value, dt.date):
            return sheet.write_datetime(
                row, col, dt.datetime(value.year, value.month, value.day), date_format
            )
        return sheet.write_string(row, col, str(value))

    return mixed


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or (isinstance(value, str) and not value):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _width(series: pd.Series, header: str) -> int:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return max(_DATE_WIDTH, len(header) + 2)
    sample = series.head(200).map(lambda v: 0 if _missing(v) else len(str(v)), na_action="ignore")
    longest = int(sample.max()) if len(sample) and not pd.isna(sample.max()) else 0
    return min(max(longest, len(header)) + 2, _WIDEST)


def _write_table(
    book: xlsxwriter.Workbook, sheet: Sheet, formats: Mapping[str, Format]
) -> list[Cut]:
    frame = sheet.frame
    if len(frame) + 1 > MAX_ROWS:
        raise WorkbookError(
            f"{sheet.name}: {len(frame):,} rows, more than an Excel sheet holds "
            f"({MAX_ROWS - 1:,} under the header); export CSV, SQLite or Parquet instead"
        )
    out = book.add_worksheet(sheet_name(sheet.name))
    headers = [str(name) for name in frame.columns]
    for col, header in enumerate(headers):
        out.write_string(0, col, header, formats["header"])
        out.set_column(col, col, _width(frame.iloc[:, col], header))
    columns = [frame.iloc[:, col] for col in range(frame.shape[1])]
    writers = [_writer(series, formats) for series in columns]
    values = [series.tolist() for series in columns]
    cuts: list[Cut] = []
    # Row by row: constant_memory mode writes each row out when the next one starts.
    for index in range(len(frame)):
        row = index + 1
        for col, write in enumerate(writers):
            value = values[col][index]
            if _missing(value):
                continue
            if write(out, row, col, value) == -2:
                cuts.append(Cut(sheet.name, row + 1, headers[col], len(str(value))))
    out.freeze_panes(1, 0)
    if headers:
        out.autofilter(0, 0, max(len(frame), 1), len(headers) - 1)
    return cuts


def _write_readme(
    book: xlsxwriter.Workbook, lines: Iterable[str], formats: Mapping[str, Format]
) -> None:
    out = book.get_worksheet_by_name(README_SHEET)
    out.set_column(0, 0, 120, formats["wrap"])
    for row, line in enumerate(lines):
        out.write_string(row, 0, line, formats["title"] if row == 0 else None)


def workbook_bytes(
    sheets: Sequence[Sheet], readme: Sequence[str], created: dt.date, title: str
) -> bytes:
    """The sheets as an .xlsx file, after a README sheet holding `readme` (one line a row,
    the first as a title) and, when a text was too long for a cell, the cells cut. The same
    input gives the same bytes (the file is dated `created`)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            # Each sheet goes to a temporary file row by row, so a large table is not held
            # cell by cell in memory.
            "constant_memory": True,
            # write_string is used for text anyway; these keep any other path from turning
            # a text into a formula, a number or a link.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties(
        {
            "title": title,
            "created": dt.datetime(created.year, created.month, created.day),
            "comments": "Written by commitment-tracker",
        }
    )
    formats = {
        "header": book.add_format({"bold": True, "bottom": 1}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
    }
    # README first in the tab order; filled last, when the cut cells are known.
    book.add_worksheet(README_SHEET)
    cuts = [cut for sheet in sheets for cut in _write_table(book, sheet, formats)]
    lines = list(readme)
    if cuts:
        lines += [
            "",
            f"Texts longer than an Excel cell holds ({MAX_CELL_CHARS:,} characters), cut there "
            "in this workbook (the CSV, SQLite and Parquet exports hold them whole):",
            *(
                f"- {cut.sheet}, row {cut.row}, column {cut.column}: {cut.length:,} characters"
                for cut in cuts
            ),
        ]
    _write_readme(book, lines, formats)
    book.close()
    return buffer.getvalue()


def readme_lines(as_of: dt.date) -> list[str]:
    """The README sheet of the export's workbook."""
    return [
        f"Commitment tracker export, status as of {as_of.isoformat()}",
        "",
        "Tables derived from the tracker's data file, one sheet each, with the columns of the "
        f"CSV export. current_status gives the status as of {as_of.isoformat()}; every other "
        "sheet holds the full history.",
        "data_dictionary gives every column's type, meaning and allowed values; vocabularies "
        "gives the labels (English and Chinese) of the methodology's values.",
        "",
        "Cells",
        "- Dates are Excel dates shown as YYYY-MM-DD; whole numbers are numbers; true and "
        "false are Excel booleans.",
        "- Every text is a text cell holding exactly what the data holds: nothing is put in "
        "front of it, and a text that begins with =, +, - or @ stays text (no formula runs).",
        "- An empty cell means 'not recorded', and nothing else does: NA is text (Namibia's "
        "vote code).",
        "- An evidence item's date is text with the precision it was recorded with (YYYY, "
        "YYYY-MM or YYYY-MM-DD; see date_precision); date_start is its first day, as a date.",
        f"- A list of ids in one cell is separated by '{LIST_SEPARATOR}'; the link sheets "
        "(evidence_links, assessment_evidence, ...) have one row per pair, for joins.",
        "- Texts in two languages are two columns, <name>_en and <name>_zh.",
        "- Each sheet's header row is frozen and has a filter.",
        "",
        "Sheets",
        *(f"- {table.name}: {table.meaning}" for table in TABLES),
    ]


def export_workbook(
    frames: Mapping[str, pd.DataFrame],
    as_of: dt.date,
    *,
    first: Sequence[Sheet] = (),
    note: Sequence[str] = (),
) -> bytes:
    """The export's tables (`frames`, by table name, in `TABLES` order) as one workbook;
    `first` are sheets put before them (the tables as the dashboard shows them), `note`
    lines added to README (what a view holds)."""
    sheets = [*first, *(Sheet(table.name, frames[table.name]) for table in TABLES)]
    readme = readme_lines(as_of)
    if note:
        readme += ["", *note]
    return workbook_bytes(
        sheets, readme, as_of, f"Commitment tracker export, status as of {as_of.isoformat()}"
    )


def workbook_name(as_of: dt.date, in_view: bool = False) -> str:
    """File name of the export's workbook."""
    return f"commitment-tracker-{as_of.isoformat()}{'-view' if in_view else ''}.xlsx"
