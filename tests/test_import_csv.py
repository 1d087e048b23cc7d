"""Evidence CSV import: a table of malformed files, each with row-numbered problems; any bytes
give records or problems, never an exception; the evidence export reads back as the same
records, in the plain and the Excel variant."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_export import FIXTURE, RICH
from tracker.domain.model import Dataset, Evidence, Text
from tracker.domain.problems import Tag, codes
from tracker.exchange import export, import_csv
from tracker.exchange.export import EXCEL_TRIGGERS, csv_bytes, evidence_table
from tracker.exchange.import_csv import (
    COLUMNS,
    REQUIRED,
    ImportResult,
    preview_table,
    problems_table,
    read_evidence_csv,
)

CODES = codes(Tag.IMPORT)

TODAY = dt.date(2026, 11, 26)
WITHOUT_EVIDENCE = FIXTURE.model_copy(update={"evidence": ()})
HEADER = ",".join(COLUMNS)


def exported(dataset: Dataset = FIXTURE, excel: bool = False) -> bytes:
    return csv_bytes(evidence_table(dataset), excel)


def rows_of(raw: bytes) -> list[list[str]]:
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def to_csv(rows: list[list[str]], bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def edited(row: int, column: str, value: str) -> bytes:
    """The fixture's evidence.csv with one cell changed (`row` as a spreadsheet numbers it)."""
    rows = rows_of(exported())
    rows[row - 1][COLUMNS.index(column)] = value
    return to_csv(rows)


def without_column(column: str) -> bytes:
    index = COLUMNS.index(column)
    return to_csv([row[:index] + row[index + 1 :] for row in rows_of(exported())])


def read(raw: bytes, dataset: Dataset = WITHOUT_EVIDENCE) -> ImportResult:
    return read_evidence_csv(raw, dataset, today=TODAY)


def located(result: ImportResult) -> set[tuple[int, str, str]]:
    return {(problem.row, problem.column, problem.code) for problem in result.problems}


def with_second_row_as_third() -> bytes:
    rows = rows_of(exported())
    copy = list(rows[1])
    copy[COLUMNS.index("evidence_id")] = "E99"
    return to_csv([*rows, copy])


def assessments_header() -> bytes:
    return csv_bytes(export.assessments_table(FIXTURE), excel=False)


def unterminated_quote() -> bytes:
    return exported() + b'E77,"2020-01-01,day\r\n'


def latin1_on_line(line: int) -> bytes:
    lines = exported().split(b"\r\n")
    lines[line - 1] = lines[line - 1].replace(b"Belarus", "Bélarus".encode("latin-1"), 1)
    return b"\r\n".join(lines)


# (name, file, dataset to add to, problems expected as (row, column, code), rows still valid)
MALFORMED: list[tuple[str, Callable[[], bytes], Dataset, set[tuple[int, str, str]], set[int]]] = [
    ("empty file", lambda: b"", WITHOUT_EVIDENCE, {(1, "", "import-empty")}, set()),
    (
        "blank lines only",
        lambda: b"\r\n \r\n,,\r\n",
        WITHOUT_EVIDENCE,
        {(1, "", "import-empty")},
        set(),
    ),
    (
        "binary garbage",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        WITHOUT_EVIDENCE,
        {(1, "", "not-utf8")},
        set(),
    ),
    (
        "garbage that is UTF-8",
        lambda: b"\x00\x01\x02,\x7f\r\nzz",
        WITHOUT_EVIDENCE,
        {(1, "", "import-wrong-header")},
        set(),
    ),
    (
        "UTF-16",
        lambda: "evidence_id".encode("utf-16"),
        WITHOUT_EVIDENCE,
        {(1, "", "not-utf8")},
        set(),
    ),
    (
        "non-UTF-8 on line 4",
        lambda: latin1_on_line(4),
        WITHOUT_EVIDENCE,
        {(4, "", "not-utf8")},
        set(),
    ),
    (
        "another table's header",
        assessments_header,
        WITHOUT_EVIDENCE,
        {(1, "", "import-wrong-header")},
        set(),
    ),
    (
        "missing column",
        lambda: without_column("source_url"),
        WITHOUT_EVIDENCE,
        {(1, "source_url", "import-missing-column")},
        set(),
    ),
    (
        "unknown column",
        lambda: exported().replace(b"date_note", b"notes", 1),
        WITHOUT_EVIDENCE,
        {(1, "notes", "import-unknown-column")},
        set(),
    ),
    (
        "column twice",
        lambda: exported().replace(b"date_note", b"direction", 1),
        WITHOUT_EVIDENCE,
        {(1, "direction", "import-duplicate-column")},
        set(),
    ),
    (
        "semicolon-separated",
        lambda: HEADER.replace(",", ";").encode() + b"\r\nE1;2020",
        WITHOUT_EVIDENCE,
        {(1, "", "import-delimiter")},
        set(),
    ),
    (
        "header only",
        lambda: HEADER.encode() + b"\r\n",
        WITHOUT_EVIDENCE,
        {(2, "", "import-no-rows")},
        set(),
    ),
    (
        "unterminated quote",
        unterminated_quote,
        WITHOUT_EVIDENCE,
        {(5, "", "import-csv-syntax")},
        set(),
    ),
    (
        "row too short",
        lambda: exported() + b"E77,2020-01-01\r\n",
        WITHOUT_EVIDENCE,
        {(5, "", "import-row-length")},
        {2, 3, 4},
    ),
    (
        "bad date",
        lambda: edited(3, "date", "2012-13"),
        WITHOUT_EVIDENCE,
        {(3, "date", "bad-date")},
        {2, 4},
    ),
    (
        "date as Excel rewrites it",
        lambda: edited(2, "date", "12/8/2003"),
        WITHOUT_EVIDENCE,
        {(2, "date", "bad-date")},
        {3, 4},
    ),
    (
        "bad accessed date",
        lambda: edited(4, "source_accessed", "2023-02-30"),
        WITHOUT_EVIDENCE,
        {(4, "source_accessed", "bad-date")},
        {2, 3},
    ),
    (
        "future date",
        lambda: edited(2, "date", "2027-01-01"),
        WITHOUT_EVIDENCE,
        {(2, "date", "future-date")},
        {3, 4},
    ),
    (
        "unknown direction",
        lambda: edited(2, "direction", "sideways"),
        WITHOUT_EVIDENCE,
        {(2, "direction", "unknown-value")},
        {3, 4},
    ),
    (
        "unknown source type",
        lambda: edited(3, "source_type", "blog"),
        WITHOUT_EVIDENCE,
        {(3, "source_type", "unknown-value")},
        {2, 4},
    ),
    (
        "unknown confidence",
        lambda: edited(4, "confidence", "certain"),
        WITHOUT_EVIDENCE,
        {(4, "confidence", "unknown-value")},
        {2, 3},
    ),
    (
        "unknown criterion",
        lambda: edited(3, "criteria", "verifiability;clarity"),
        WITHOUT_EVIDENCE,
        {(3, "criteria", "unknown-value")},
        {2, 4},
    ),
    (
        "unknown date precision",
        lambda: edited(3, "date_precision", "week"),
        WITHOUT_EVIDENCE,
        {(3, "date_precision", "unknown-value")},
        {2, 4},
    ),
    (
        "javascript: URL",
        lambda: edited(2, "source_url", "javascript:alert(document.cookie)"),
        WITHOUT_EVIDENCE,
        {(2, "source_url", "bad-url")},
        {3, 4},
    ),
    (
        "not a URL at all (an unclosed IPv6 bracket)",
        lambda: edited(2, "source_url", "http://[x"),
        WITHOUT_EVIDENCE,
        {(2, "source_url", "bad-url")},
        {3, 4},
    ),
    (
        "data: URL among the others",
        lambda: edited(3, "source_additional_urls", "https://ok.example data:text/html,x"),
        WITHOUT_EVIDENCE,
        {(3, "source_additional_urls", "bad-url")},
        {2, 4},
    ),
    (
        "archived copy that is not a web address",
        lambda: edited(4, "source_archived_url", "javascript:alert(1)"),
        WITHOUT_EVIDENCE,
        {(4, "source_archived_url", "bad-url")},
        {2, 3},
    ),
    (
        "unknown actor",
        lambda: edited(4, "actor_ids", "RUS;XYZ"),
        WITHOUT_EVIDENCE,
        {(4, "actor_ids", "dangling-reference")},
        {2, 3},
    ),
    (
        "unknown commitment",
        lambda: edited(2, "commitment_ids", "A/RES/58/50:OP99"),
        WITHOUT_EVIDENCE,
        {(2, "commitment_ids", "dangling-reference")},
        {3, 4},
    ),
    (
        "id with a space",
        lambda: edited(2, "evidence_id", "E 01"),
        WITHOUT_EVIDENCE,
        {(2, "evidence_id", "wrong-type")},
        {3, 4},
    ),
    (
        "required cell empty",
        lambda: edited(3, "summary_en", "  "),
        WITHOUT_EVIDENCE,
        {(3, "summary_en", "missing-field")},
        {2, 4},
    ),
    (
        "Chinese without English",
        lambda: edited(3, "contested_zh", "有异议"),
        WITHOUT_EVIDENCE,
        {(3, "contested_en", "missing-field")},
        {2, 4},
    ),
    (
        "value under an unnamed column",
        lambda: to_csv(
            [[*row, "" if n != 2 else "stray"] for n, row in enumerate(rows_of(exported()))]
        ),
        WITHOUT_EVIDENCE,
        {(3, "", "import-unnamed-column")},
        {2, 4},
    ),
    (
        "duplicate within the file",
        with_second_row_as_third,
        WITHOUT_EVIDENCE,
        {(5, "source_url", "import-duplicate")},
        {2, 3, 4},
    ),
    (
        "duplicate of the data",
        exported,
        FIXTURE,
        {
            (2, "source_url", "import-duplicate"),
            (3, "source_url", "import-duplicate"),
            (4, "source_url", "import-duplicate"),
        },
        set(),
    ),
    (
        "id already used",
        lambda: edited(2, "source_url", "https://example.org/new"),
        FIXTURE,
        {
            (2, "evidence_id", "duplicate-id"),
            (3, "source_url", "import-duplicate"),
            (4, "source_url", "import-duplicate"),
        },
        set(),
    ),
]


@pytest.mark.parametrize(
    ("raw", "dataset", "expected", "valid"),
    [
        pytest.param(make, data, problems, valid, id=name)
        for name, make, data, problems, valid in MALFORMED
    ],
)
def test_malformed_files_give_row_numbered_problems(
    raw: Callable[[], bytes], dataset: Dataset, expected: set[tuple[int, str, str]], valid: set[int]
) -> None:
    """Each malformed file gives exactly the expected (row, column, code) problems; the rows
    without a problem still come through, unless the file as a whole is refused."""
    result = read(raw(), dataset)
    assert located(result) == expected, [str(p) for p in result.problems]
    assert set(result.rows) == valid
    assert len(result.records) == len(valid)
    assert all(problem.message for problem in result.problems)
    assert {problem.code for problem in result.problems} <= set(CODES)


def test_file_level_problems_refuse_every_row() -> None:
    result = read(without_column("source_url"))
    assert result.file_refused and result.records == ()
    assert not read(edited(3, "date", "2012-13")).file_refused


def test_reused_codes_mean_what_the_loader_means() -> None:
    """Codes that are not `import-*` are the loader's own."""
    reused = {code for code in CODES if not code.startswith("import-")}
    assert reused <= codes(Tag.DATA)
    assert all(code == code.lower() and " " not in code for code in CODES)


def test_columns_are_those_of_the_evidence_export() -> None:
    """The import reads exactly the columns the export writes: the two cannot drift."""
    assert set(import_csv._FIELDS) == set(export.EVIDENCE.column_names)
    assert set(REQUIRED) < set(COLUMNS)
    assert "date_start" not in REQUIRED


def test_columns_in_any_order_and_optional_ones_left_out() -> None:
    rows = rows_of(exported())
    keep = [COLUMNS.index(name) for name in reversed(REQUIRED)]
    result = read(to_csv([[row[i] for i in keep] for row in rows]))
    assert result.problems == ()
    assert [record.id for record in result.records] == ["E01", "E29", "E40"]
    assert result.records[1].source.accessed is None


def test_spreadsheet_leniency() -> None:
    """Spaces around ids and codes, `; ` between ids, an empty column at the right, blank
    rows and a stale date_start are what a spreadsheet gives: accepted."""
    rows = rows_of(exported())
    rows[1][COLUMNS.index("actor_ids")] = " UNGA ; RUS;USA "
    rows[1][COLUMNS.index("direction")] = "regression "
    rows[1][COLUMNS.index("date_start")] = "1999-01-01"
    padded = [[*row, ""] for row in rows]
    raw = to_csv([padded[0], padded[1], [""] * len(padded[0]), *padded[2:]])
    result = read(raw)
    assert result.problems == ()
    assert result.rows == (2, 4, 5)
    assert result.records == FIXTURE.evidence


def test_excel_apostrophes_are_removed_only_where_the_export_puts_them() -> None:
    """With a BOM (the Excel variant) `'=`, `'+`, `'-`, `'@` lose the `'`; without one, and
    before other characters, the `'` is data."""
    rows = rows_of(exported())
    rows[1][COLUMNS.index("summary_en")] = "'=SUM(A1)"
    rows[1][COLUMNS.index("date_note")] = "'-5 warheads"
    rows[1][COLUMNS.index("verification_note")] = "'quoted'"
    excel = read(to_csv(rows, bom=True)).records[0]
    assert excel.summary.en == "=SUM(A1)"
    assert excel.date_note == "-5 warheads"
    assert excel.verification.note == "'quoted'"
    plain = read(to_csv(rows)).records[0]
    assert plain.summary.en == "'=SUM(A1)"
    assert plain.date_note == "'-5 warheads"


def test_problems_and_preview_tables() -> None:
    result = read(edited(3, "date", "2012-13"))
    problems = problems_table(result)
    assert list(problems.columns) == ["row", "column", "code", "message"]
    assert problems.iloc[0][["row", "column", "code"]].tolist() == [3, "date", "bad-date"]
    preview = preview_table(result, WITHOUT_EVIDENCE)
    assert preview["row"].tolist() == [2, 4]
    assert list(preview.columns) == ["row", *COLUMNS]
    assert result.rejected_rows == (3,)


def test_oversized_file_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_csv, "MAX_IMPORT_BYTES", 100)
    assert located(read(exported())) == {(1, "", "file-too-large")}


def test_a_file_over_the_row_cap_is_refused_while_reading() -> None:
    """One row past the cap refuses the file at that row, before any row is built."""
    rows = rows_of(exported())
    body = [rows[1]] * (import_csv.MAX_IMPORT_ROWS + 1)
    result = read(to_csv([rows[0], *body]))
    assert located(result) == {(import_csv.MAX_IMPORT_ROWS + 2, "", "import-too-many-rows")}
    assert result.file_refused
    assert "more than 10,000 rows" in result.problems[0].message


def test_a_file_at_the_row_cap_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_csv, "MAX_IMPORT_ROWS", len(rows_of(exported())) - 1)
    result = read(exported())
    assert result.problems == ()
    assert result.records == FIXTURE.evidence


# --- any bytes ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_records_or_problems(raw: bytes) -> None:
    """Any byte string gives an ImportResult; every problem has a known code and a row."""
    result = read(raw)
    assert isinstance(result, ImportResult)
    assert {p.code for p in result.problems} <= set(CODES)
    assert all(p.row >= 1 for p in result.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600), st.booleans())
def test_any_rows_under_the_right_header_give_records_or_problems(body: str, bom: bool) -> None:
    """Under a valid header, any text gives valid records or problems, never an exception;
    a record is returned only from a row without problems."""
    raw = (b"\xef\xbb\xbf" if bom else b"") + (HEADER + "\r\n" + body).encode("utf-8", "replace")
    result = read(raw)
    assert {p.code for p in result.problems} <= set(CODES)
    assert not set(result.rows) & {p.row for p in result.problems}


# --- round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
@pytest.mark.parametrize("dataset", [FIXTURE, RICH], ids=["fixture", "enriched"])
def test_evidence_export_reads_back_as_the_same_records(dataset: Dataset, excel: bool) -> None:
    """Export the evidence table, re-import it into the data without that evidence: the
    same records come back, in order, with no problem."""
    result = read(exported(dataset, excel), dataset.model_copy(update={"evidence": ()}))
    assert result.problems == ()
    assert result.excel is excel
    assert result.records == dataset.evidence


def free_text() -> st.SearchStrategy[str]:
    """Texts the data can hold and a CSV cell carries unchanged: no carriage return (line
    breaks are read back as \\n), not blank, and not the one ambiguous Excel form."""
    return st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1
    ).filter(lambda s: s.strip() and not (s.startswith("'") and s[1:].startswith(EXCEL_TRIGGERS)))


@settings(max_examples=150, deadline=None)
@given(summary=free_text(), note=free_text(), title=free_text(), excel=st.booleans())
def test_round_trip_of_any_text(summary: str, note: str, title: str, excel: bool) -> None:
    """Formula-like, quoted, multi-line and Chinese texts survive export and import."""
    item: Evidence = FIXTURE.evidence[1]
    item = item.model_copy(
        update={
            "summary": Text(en=summary, zh=note),
            "date_note": note,
            "source": item.source.model_copy(update={"title": title}),
        }
    )
    dataset = FIXTURE.model_copy(update={"evidence": (item,)})
    result = read(exported(dataset, excel))
    assert result.problems == ()
    assert result.records == (item,)
