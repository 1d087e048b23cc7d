"""Evidence gathered in a spreadsheet, back into the data: read a CSV with the columns of the
export's `evidence.csv` into `Evidence` records, and say what is wrong with each row.

Pure: bytes and a dataset in, records and row-numbered problems out, never an exception. The
rules are the loader's (`tracker.source.checks` runs on the data with the new records added), so a
row that passes here is one the write path accepts. Rows are numbered as a spreadsheet shows
them: the header is row 1 when it is the first line, the first record row 2.

Conventions (for the people who fill the sheet):
- UTF-8, with or without a byte order mark; comma-separated; the columns of `evidence.csv` in
  any order. `date_start` is computed from `date` and may be left out or stale; the optional
  columns may be left out. A column the export does not have is refused, so nothing typed
  into the sheet is dropped unseen.
- A file with a byte order mark is taken for the Excel variant: a text cell that begins with
  `'` followed by `=`, `+`, `-`, `@`, a tab or a carriage return loses that `'` (the data
  dictionary's `excel_variant` column says which columns the export escapes this way: the
  text ones). A value that really begins with such a `'` cannot be told apart there.
- Lists are separated by `;` (ids, criteria) and by spaces (additional URLs); spaces around
  ids, codes, dates and addresses are ignored; a cell of spaces only is empty; line breaks
  inside a text become `\\n`. A row with every cell empty is skipped.
- A row is a duplicate when its source URL (scheme and host in any case, without a trailing
  `/` or a `#fragment`) and its date are those of an item in the data or of an earlier row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
from pydantic import ValidationError

from tracker.domain.languages import DEFAULT_LANGUAGE, LANGUAGES
from tracker.domain.model import Dataset, Evidence
from tracker.domain.problems import Tag, codes
from tracker.exchange.export import (
    EVIDENCE,
    EXCEL_ESCAPE,
    EXCEL_TRIGGERS,
    LIST_SEPARATOR,
    TABLES,
    FieldType,
    evidence_table,
)
from tracker.present import tables
from tracker.source.checks import check_dataset
from tracker.source.yamlsource import decode

MAX_IMPORT_BYTES = 32 * 1024 * 1024
# A session's evidence sheet holds tens or hundreds of items; ten thousand rows are checked in
# about a second. Past that a file is refused before its rows are built (1.2 million rows
# once took 106 s and 6.3 GB).
MAX_IMPORT_ROWS = 10_000
BOM = b"\xef\xbb\xbf"
HEADER_ROW = 1
REFUSES_IMPORT = codes(Tag.REFUSES_IMPORT)


# --- how the columns map onto the record -------------------------------------------------

Kind = Literal["text", "code", "list", "urls", "derived"]


@dataclass(frozen=True)
class _Field:
    path: tuple[str, ...]
    kind: Kind


def _texts(name: str) -> dict[str, _Field]:
    """A record text's columns, `<name>_<language>`."""
    return {f"{name}_{code}": _Field((name, code), "text") for code in LANGUAGES}


_FIELDS: dict[str, _Field] = {
    "evidence_id": _Field(("id",), "code"),
    "date": _Field(("date",), "code"),
    "date_precision": _Field(("date_precision",), "code"),
    "date_start": _Field((), "derived"),
    "date_note": _Field(("date_note",), "text"),
    "actor_ids": _Field(("actors",), "list"),
    "commitment_ids": _Field(("commitments",), "list"),
    "criteria": _Field(("criteria",), "list"),
    "direction": _Field(("direction",), "code"),
    **_texts("summary"),
    "source_title": _Field(("source", "title"), "text"),
    "source_title_note": _Field(("source", "title_note"), "text"),
    "source_publisher": _Field(("source", "publisher"), "text"),
    "source_url": _Field(("source", "url"), "code"),
    "source_additional_urls": _Field(("source", "additional_urls"), "urls"),
    "source_archived_url": _Field(("source", "archived_url"), "code"),
    "source_type": _Field(("source", "type"), "code"),
    "source_accessed": _Field(("source", "accessed"), "code"),
    "confidence": _Field(("confidence",), "code"),
    "verification_status": _Field(("verification", "status"), "code"),
    "verification_note": _Field(("verification", "note"), "text"),
    **_texts("contested"),
}
COLUMNS: tuple[str, ...] = EVIDENCE.column_names
DERIVED = frozenset(name for name, spec in _FIELDS.items() if spec.kind == "derived")
# The export declares what a row must hold; the model also needs one actor and one commitment.
REQUIRED: tuple[str, ...] = tuple(
    column.name
    for column in EVIDENCE.columns
    if (column.required or column.name in {"actor_ids", "commitment_ids"})
    and column.name not in DERIVED
)
_EXCEL_ESCAPED = frozenset(c.name for c in EVIDENCE.columns if c.type is FieldType.STRING)
_COLUMN_AT: dict[tuple[str, ...], str] = {spec.path: name for name, spec in _FIELDS.items()}

_PYDANTIC_CODES = {
    "missing": "missing-field",
    "string_too_short": "missing-field",
    "too_short": "missing-field",
    "enum": "unknown-value",
    "literal_error": "unknown-value",
}
_DATE_HINT = (
    "write it as YYYY, YYYY-MM or YYYY-MM-DD (in Excel, format the column as Text first, or "
    "it turns 2012-08 into a date of its own)"
)
_SAVE_AS_UTF8 = "save it as CSV UTF-8 (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')"


# --- what comes back ---------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class RowProblem:
    """One thing wrong with an uploaded file. `row` is the spreadsheet row (the header is row
    1; for `not-utf8` it is the line of the first bad byte); `column` is empty when the
    problem is the row's or the file's as a whole."""

    row: int
    column: str
    code: str
    message: str

    def __str__(self) -> str:
        at = f", column {self.column}" if self.column else ""
        return f"row {self.row}{at}: {self.code}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """The valid records in file order with their row numbers, and every problem found."""

    records: tuple[Evidence, ...] = ()
    rows: tuple[int, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    rows_read: int = 0
    excel: bool = False
    header_row: int = HEADER_ROW

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        """Data rows that will not be merged."""
        return tuple(sorted({p.row for p in self.problems if p.row > self.header_row}))

    @property
    def file_refused(self) -> bool:
        """True when the file as a whole cannot be read as evidence.csv: no row is taken."""
        return any(p.code in REFUSES_IMPORT for p in self.problems)


# --- reading -----------------------------------------------------------------------------


def read_evidence_csv(
    raw: bytes, dataset: Dataset, *, today: dt.date | None = None
) -> ImportResult:
    """The rows of an uploaded CSV as evidence records to add to `dataset`, or the problems
    that stop each row. A problem with the file as a whole (encoding, header, CSV syntax)
    stops every row: then no record is returned."""
    too_large = size_problem(raw)
    if too_large is not None:
        return ImportResult(problems=(too_large,))
    excel = raw.startswith(BOM)
    text, decoding = decode(raw, "upload")
    if text is None:
        return ImportResult(
            problems=tuple(
                RowProblem(
                    max(p.line, 1),
                    "",
                    "not-utf8",
                    f"{p.message.split(';')[0]} (line {p.line}); {_SAVE_AS_UTF8}",
                )
                for p in decoding
            ),
            excel=excel,
        )
    records, broken = _parse(text)
    if broken is not None:
        return ImportResult(problems=(broken,), excel=excel)
    return _read_rows(records, dataset, today or dt.date.today(), excel)


def size_problem(raw: bytes) -> RowProblem | None:
    """The refusal of a file over `MAX_IMPORT_BYTES`, checked before anything is read."""
    if len(raw) <= MAX_IMPORT_BYTES:
        return None
    message = f"the file is {len(raw):,} bytes, over the limit of {MAX_IMPORT_BYTES:,}"
    return RowProblem(HEADER_ROW, "", "file-too-large", message)


def too_many_rows(row: int, unit: str = "rows") -> RowProblem:
    """The refusal of a file with more than `MAX_IMPORT_ROWS` items, at the first one over."""
    message = (
        f"the file has more than {MAX_IMPORT_ROWS:,} {unit}, the most one import takes: "
        "split it into smaller files"
    )
    return RowProblem(row, "", "import-too-many-rows", message)


def _parse(text: str) -> tuple[list[tuple[int, list[str]]], RowProblem | None]:
    """The CSV records numbered from 1, or those before the one that cannot be read and a
    problem for it; reading stops at the first record past the header and `MAX_IMPORT_ROWS`
    rows, which refuses the file."""
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for cells in reader:
            records.append((len(records) + 1, cells))
            if len(records) > MAX_IMPORT_ROWS + HEADER_ROW:
                return records, too_many_rows(len(records))
    except csv.Error as error:
        message = f"the CSV cannot be read from here on ({error}); check the double quotes"
        return records, RowProblem(len(records) + 1, "", "import-csv-syntax", message)
    return records, None


def _read_rows(
    records: list[tuple[int, list[str]]], dataset: Dataset, today: dt.date, excel: bool
) -> ImportResult:
    filled = [(row, cells) for row, cells in records if any(cell.strip() for cell in cells)]
    if not filled:
        message = "the file is empty: it needs the header row of evidence.csv and one row per item"
        return ImportResult(problems=(RowProblem(HEADER_ROW, "", "import-empty", message),))
    header_row, header = filled[0]
    if header and header[0].startswith("\ufeff"):  # a second BOM, or one inside quotes
        header = [header[0].lstrip("\ufeff"), *header[1:]]
    header_problems = list(_check_header(header_row, header))
    if header_problems:
        return ImportResult(problems=tuple(header_problems), excel=excel, header_row=header_row)
    rows = filled[1:]
    if not rows:
        message = "the header is that of evidence.csv, but no row follows it"
        problem = RowProblem(header_row + 1, "", "import-no-rows", message)
        return ImportResult(problems=(problem,), excel=excel, header_row=header_row)

    problems: list[RowProblem] = []
    named_rows: list[tuple[int, dict[str, str]]] = []
    for row, cells in rows:
        if len(cells) != len(header):
            message = (
                f"the row has {len(cells)} cells and the header {len(header)}: a cell with a "
                "comma or a line break needs double quotes around it"
            )
            problems.append(RowProblem(row, "", "import-row-length", message))
            continue
        named = dict(zip((name.strip() for name in header), cells, strict=True))
        stray = named.pop("", "")
        if stray.strip():
            message = f"'{_shown(stray)}' is in a column whose header cell is empty"
            problems.append(RowProblem(row, "", "import-unnamed-column", message))
        named_rows.append((row, cell_values(named, excel)))
    return check_rows(
        named_rows,
        dataset,
        today,
        found=problems,
        rows_read=len(rows),
        excel=excel,
        header_row=header_row,
    )


def check_rows(
    rows: Sequence[tuple[int, Mapping[str, str]]],
    dataset: Dataset,
    today: dt.date,
    *,
    found: Sequence[RowProblem] = (),
    rows_read: int | None = None,
    excel: bool = False,
    header_row: int = HEADER_ROW,
) -> ImportResult:
    """Rows of evidence.csv's columns (each with its number and its cells by column name,
    spaces around codes already stripped) as records to add to `dataset`, or the problems
    that stop each: the checks of every import format. `found` are problems the format's
    reader found already; `rows_read` counts the rows it read (`rows` by default)."""
    problems = list(found)
    built: list[tuple[int, Evidence]] = []
    for row, values in rows:
        record, wrong = _build(row, values)
        problems += wrong
        if record is not None:
            built.append((row, record))
    problems += _duplicates(built, dataset)
    problems += _dataset_checks(built, dataset, today)
    refused = {problem.row for problem in problems}
    valid = [(row, record) for row, record in built if row not in refused]
    return ImportResult(
        records=tuple(record for _, record in valid),
        rows=tuple(row for row, _ in valid),
        problems=tuple(sorted(problems)),
        rows_read=len(rows) if rows_read is None else rows_read,
        excel=excel,
        header_row=header_row,
    )


def _check_header(row: int, header: Sequence[str]) -> Iterator[RowProblem]:
    names = [name.strip() for name in header]
    other = next(
        (t for t in TABLES if t is not EVIDENCE and list(t.column_names) == names),
        None,
    )
    if other is not None:
        message = f"this is the header of {other.file_name}, not of evidence.csv"
        yield RowProblem(row, "", "import-wrong-header", message)
        return
    if len(names) == 1:
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in names[0] and COLUMNS[0] in names[0]:
                message = f"the columns are separated by {name}, not commas: {_SAVE_AS_UTF8}"
                yield RowProblem(row, "", "import-delimiter", message)
                return
    if not set(names) & set(COLUMNS):
        message = (
            f"the first row must be the header of evidence.csv ({', '.join(COLUMNS[:3])}, ...); "
            f"it has none of its columns: '{_shown(','.join(names))}'"
        )
        yield RowProblem(row, "", "import-wrong-header", message)
        return
    seen: set[str] = set()
    # Spreadsheets often add empty columns at the right: a column without a name is read
    # only to check that it holds nothing.
    for name in (name for name in names if name):
        if name in seen:
            yield RowProblem(row, name, "import-duplicate-column", f"'{name}' is named twice")
        seen.add(name)
        if name not in _FIELDS:
            message = (
                f"'{_shown(name)}' is not a column of evidence.csv; remove or rename it (the "
                "data dictionary lists the columns)"
            )
            yield RowProblem(row, _shown(name), "import-unknown-column", message)
    for name in REQUIRED:
        if name not in seen:
            message = f"the header has no '{name}' column, which every row needs"
            yield RowProblem(row, name, "import-missing-column", message)


def unneutralize(cell: str) -> str:
    """A cell of the Excel variant as the data holds it: without the `'` the export put in
    front of a value that a spreadsheet would run as a formula (`export.neutralize`)."""
    if cell.startswith(EXCEL_ESCAPE) and cell[len(EXCEL_ESCAPE) :].startswith(EXCEL_TRIGGERS):
        return cell[len(EXCEL_ESCAPE) :]
    return cell


def _shown(value: str, width: int = 60) -> str:
    return value if len(value) <= width else value[: width - 3] + "..."


def cell_values(cells: Mapping[str, str], excel: bool = False) -> dict[str, str]:
    """Cells as the checks take them: the Excel variant's escape removed, line breaks as
    `\\n`, spaces around codes, lists and addresses stripped."""
    values = {}
    for name, cell in cells.items():
        value = unneutralize(cell) if excel and name in _EXCEL_ESCAPED else cell
        value = value.replace("\r\n", "\n")
        kind = _FIELDS[name].kind
        values[name] = value if kind == "text" and value.strip() else value.strip()
    return values


def _build(row: int, values: Mapping[str, str]) -> tuple[Evidence | None, list[RowProblem]]:
    problems = [
        RowProblem(row, name, "missing-field", f"{name} is empty; every row needs it")
        for name in REQUIRED
        if not values.get(name)
    ]
    data: dict[str, Any] = {}
    for name, value in values.items():
        spec = _FIELDS[name]
        if not value or spec.kind == "derived":
            continue
        item: object = value
        if spec.kind == "list":
            item = [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
        elif spec.kind == "urls":
            # An address cannot hold white space: any of it separates two.
            item = value.split()
        target = data
        for key in spec.path[:-1]:
            target = target.setdefault(key, {})
        target[spec.path[-1]] = item
    try:
        record = Evidence.model_validate(data)
    except ValidationError as error:
        return None, problems + _schema_problems(row, error, values, problems)
    return (None if problems else record), problems


def _schema_problems(
    row: int, error: ValidationError, values: Mapping[str, str], known: list[RowProblem]
) -> list[RowProblem]:
    already = {(problem.column, problem.code) for problem in known}
    out: dict[tuple[str, str], RowProblem] = {}
    for item in error.errors(include_url=False):
        path = tuple(part for part in item["loc"] if isinstance(part, str))
        column = _COLUMN_AT.get(path, _COLUMN_AT.get(path[:1], ""))
        code = _PYDANTIC_CODES.get(item["type"], "wrong-type")
        message = str(item["msg"]).removeprefix("Value error, ")
        if "date" in message and item["type"] == "value_error":
            code, message = "bad-date", f"{message}: {_DATE_HINT}"
        if code == "missing-field":
            message = f"{column} is empty; it is needed when the row has {_partner(column)}"
        if item["type"] == "string_pattern_mismatch":
            message = "an id is letters, digits and _ . / : - with no spaces"
        if code != "missing-field":
            message = f"'{_shown(values.get(column, ''))}': {message}"
        if (column, "missing-field") not in already:
            out.setdefault((column, code), RowProblem(row, column, code, message))
    return list(out.values())


def _partner(column: str) -> str:
    prefix, _, lang = column.rpartition("_")
    if lang != DEFAULT_LANGUAGE:
        return f"a {prefix} value"
    return " or ".join(f"{prefix}_{code}" for code in LANGUAGES if code != DEFAULT_LANGUAGE)


# --- checks against the data -------------------------------------------------------------


def url_key(url: str) -> str:
    """A source address as duplicates are found by: scheme and host lower-cased, no trailing
    `/`, no fragment."""
    try:
        parts = urlsplit(url.strip())
        return urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
        )
    except ValueError:
        return url.strip()


def _duplicates(built: Sequence[tuple[int, Evidence]], dataset: Dataset) -> Iterator[RowProblem]:
    in_data = {(url_key(e.source.url), e.date): e.id for e in dataset.evidence}
    ids_in_data = {e.id for e in dataset.evidence}
    first_row: dict[tuple[str, str], int] = {}
    id_row: dict[str, int] = {}
    for row, record in built:
        key = (url_key(record.source.url), record.date)
        if key in in_data:
            message = f"same source URL and date as {in_data[key]}, which is already in the data"
            yield RowProblem(row, "source_url", "import-duplicate", message)
        elif key in first_row:
            message = f"same source URL and date as row {first_row[key]}"
            yield RowProblem(row, "source_url", "import-duplicate", message)
        else:
            first_row[key] = row
            if record.id in ids_in_data:
                message = f"{record.id} is already the id of another item in the data"
                yield RowProblem(row, "evidence_id", "duplicate-id", message)
            elif record.id in id_row:
                message = f"{record.id} is already the id of row {id_row[record.id]}"
                yield RowProblem(row, "evidence_id", "duplicate-id", message)
        id_row.setdefault(record.id, row)


_RECORD_PATH = re.compile(r"^evidence\[(\d+)\]\.?(.*)$")


def _dataset_checks(
    built: Sequence[tuple[int, Evidence]], dataset: Dataset, today: dt.date
) -> Iterator[RowProblem]:
    """The loader's whole-dataset checks on the data with the new records at the end; only
    their problems with a new record are kept (ids are checked by `_duplicates`)."""
    if not built:
        return
    first = len(dataset.evidence)
    combined = dataset.model_copy(
        update={"evidence": (*dataset.evidence, *(record for _, record in built))}
    )
    for problem in check_dataset(combined, today=today, base_dir=None):
        match = _RECORD_PATH.match(problem.path)
        if not match or int(match[1]) < first or problem.code == "duplicate-id":
            continue
        row = built[int(match[1]) - first][0]
        path = tuple(part for part in re.split(r"[.\[\]]", match[2]) if part and not part.isdigit())
        column = _COLUMN_AT.get(path, "")
        yield RowProblem(row, column, problem.code, problem.message)


# --- tables for a preview ----------------------------------------------------------------


def preview_table(result: ImportResult, dataset: Dataset) -> pd.DataFrame:
    """The valid records as rows of evidence.csv, each with the row it came from first."""
    frame = evidence_table(dataset.model_copy(update={"evidence": result.records}))
    frame.insert(0, "row", pd.Series(result.rows, dtype="Int64"))
    return frame


PROBLEM_COLUMNS = tables.IMPORT_PROBLEMS.ids


def problems_table(result: ImportResult) -> pd.DataFrame:
    """One row per problem, in row order."""
    return pd.DataFrame(
        {
            "row": pd.Series([p.row for p in result.problems], dtype="Int64"),
            "column": pd.Series([p.column for p in result.problems], dtype="str"),
            "code": pd.Series([p.code for p in result.problems], dtype="str"),
            "message": pd.Series([p.message for p in result.problems], dtype="str"),
        },
        columns=list(PROBLEM_COLUMNS),
    )
