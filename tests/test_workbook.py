"""The Excel workbook, read back with openpyxl as Excel would: a README sheet then one sheet per
table; dates as dates, numbers as numbers, booleans as booleans, every text a text cell equal
to the data's (OWASP formula payloads and Chinese included, nothing prefixed, no formula in
the file); header frozen with a filter; the same bytes for the same data; texts too long for a
cell listed; a table too long for a sheet refused."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.utils.escape import unescape

from tests.test_export import AS_OF, FIXTURE, MINI, OWASP_PAYLOADS, RICH, inject
from tests.test_parquet import expected as frame_value
from tracker.cli.main import main
from tracker.domain.model import Dataset, Text
from tracker.exchange import export, workbook
from tracker.exchange.export import TABLES, FieldType
from tracker.exchange.workbook import Sheet, WorkbookError, export_workbook, workbook_bytes


def text(cell: Cell) -> object:
    """A cell's value as Excel shows it: openpyxl leaves OOXML's `_xHHHH_` escapes of control
    characters (a carriage return is `_x000D_`) in the text; Excel reads them back."""
    return unescape(cell.value) if isinstance(cell.value, str) else cell.value


def book_of(dataset: Dataset) -> tuple[dict[str, pd.DataFrame], openpyxl.Workbook, bytes]:
    frames = export.export_tables(dataset, AS_OF)
    raw = export_workbook(frames, AS_OF)
    return frames, openpyxl.load_workbook(io.BytesIO(raw)), raw


INJECTED = inject(RICH, itertools.cycle(OWASP_PAYLOADS))


def expected_cell(column: export.Column, value: object) -> object:
    """What openpyxl reads back for a value of the frame: a date as midnight of that day."""
    found = frame_value(column, value)
    if isinstance(found, dt.date):
        return dt.datetime(found.year, found.month, found.day)
    return found


@pytest.mark.parametrize("dataset", [RICH, INJECTED], ids=["enriched", "owasp-payloads"])
def test_every_cell_reads_back_with_its_type_and_value(dataset: Dataset) -> None:
    frames, book, _ = book_of(dataset)
    assert book.sheetnames == ["README", *(table.name for table in TABLES)]
    for table in TABLES:
        sheet = book[table.name]
        rows = list(sheet.iter_rows())
        assert [cell.value for cell in rows[0]] == list(table.column_names)
        frame = frames[table.name]
        assert len(rows) - 1 == len(frame), table.name
        for row, (_, values) in zip(rows[1:], frame.iterrows(), strict=True):
            for cell, column in zip(row, table.columns, strict=True):
                want = expected_cell(column, values[column.name])
                assert text(cell) == want, (table.name, column.name, cell.value, want)
                if want is None:
                    continue
                if column.type is FieldType.DATE:
                    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
                elif column.type is FieldType.STRING:
                    assert cell.data_type == "s", (table.name, column.name, cell.value)
                elif column.type is FieldType.BOOLEAN:
                    assert cell.data_type == "b"
                else:
                    assert cell.data_type == "n"


def test_no_formula_is_in_the_file_and_no_text_is_prefixed() -> None:
    """The payloads are in the sheets as text, unaltered: no `<f>` element anywhere."""
    _, book, raw = book_of(INJECTED)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert not re.search(rb"<f[ >]", archive.read(name)), name
    texts = {
        text(cell)
        for table in TABLES
        for row in book[table.name].iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str)
    }
    assert {payload for payload in OWASP_PAYLOADS if payload} <= texts
    assert not any(text.startswith("'=") and text != "'=already quoted" for text in texts)


def test_chinese_is_intact() -> None:
    frames, book, _ = book_of(RICH)
    column = export.EVIDENCE.column_names.index("summary_zh")
    summaries = [row[column].value for row in book["evidence"].iter_rows(min_row=2)]
    assert summaries == [value or None for value in frames["evidence"]["summary_zh"]]
    assert any(value and re.search(r"[\u4e00-\u9fff]", value) for value in summaries)


def test_header_frozen_and_filtered_on_every_sheet() -> None:
    frames, book, _ = book_of(RICH)
    for table in TABLES:
        sheet = book[table.name]
        assert sheet.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(len(table.columns))
        assert sheet.auto_filter.ref == f"A1:{last}{max(len(frames[table.name]), 1) + 1}"


def test_readme_sheet_says_how_cells_are_written() -> None:
    _, book, _ = book_of(RICH)
    lines = [row[0].value for row in book["README"].iter_rows()]
    assert lines[0] == f"Commitment tracker export, status as of {AS_OF.isoformat()}"
    text = "\n".join(line or "" for line in lines)
    assert "stays text (no formula runs)" in text
    for table in TABLES:
        assert f"- {table.name}: {table.meaning}" in lines


def test_same_data_gives_the_same_bytes() -> None:
    frames = export.export_tables(RICH, AS_OF)
    assert export_workbook(frames, AS_OF) == export_workbook(frames, AS_OF)


def test_a_text_too_long_for_a_cell_is_cut_and_listed() -> None:
    long = "长" * (workbook.MAX_CELL_CHARS + 10)
    item = RICH.evidence[0].model_copy(update={"summary": Text(en="short", zh=long)})
    frames = export.export_tables(RICH.model_copy(update={"evidence": (item,)}), AS_OF)
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(frames, AS_OF)))
    column = export.EVIDENCE.column_names.index("summary_zh") + 1
    assert book["evidence"].cell(2, column).value == long[: workbook.MAX_CELL_CHARS]
    lines = [row[0].value for row in book["README"].iter_rows()]
    assert f"- evidence, row 2, column summary_zh: {len(long):,} characters" in lines


def test_a_table_longer_than_a_sheet_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    frame = pd.DataFrame({"a": ["x", "y", "z"]})
    with pytest.raises(WorkbookError, match=r"^big: 3 rows, more than an Excel sheet holds"):
        workbook_bytes([Sheet("big", frame)], ["title"], AS_OF, "t")


def test_sheets_of_any_frame_keep_their_types_and_names() -> None:
    """A table as a page shows it (objects: days, counts, labels) keeps each value's type;
    a sheet name loses the characters Excel refuses and is cut at 31."""
    frame = pd.DataFrame(
        {
            "段落": ["OP1", "=SUM(A1)"],
            "day": [dt.date(2024, 3, 1), None],
            "count": pd.array([3, None], dtype="Int64"),
            "mixed": [7, "seven"],
        }
    )
    name = "On screen: commitments [2026/12/07] and more"
    raw = workbook_bytes([Sheet(name, frame)], ["title"], AS_OF, "t")
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["README", "On screen_ commitments _2026_12"]
    rows = [[cell.value for cell in row] for row in book.worksheets[1].iter_rows()]
    assert rows == [
        ["段落", "day", "count", "mixed"],
        ["OP1", dt.datetime(2024, 3, 1), 3, 7],
        ["=SUM(A1)", None, None, "seven"],
    ]


def test_the_command_writes_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "out" / "tracker.xlsx"
    assert main(["export", str(MINI), "--workbook", str(path), "--as-of", "2026-11-26"]) == 0
    frames = export.export_tables(FIXTURE, AS_OF)
    assert path.read_bytes() == export_workbook(frames, AS_OF)


def test_the_command_needs_a_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(MINI)]) == 2
    assert "name at least one target" in capsys.readouterr().err
