"""Parquet export, read back by pyarrow and pandas: one file per table with the declared types
(date32 dates, int64, bool, string), every value as in the export's frames with "not recorded"
as null, and each table's and column's meaning in the file's metadata; and the command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.test_export import AS_OF, MINI, RICH
from tracker.cli.main import main
from tracker.exchange import export
from tracker.exchange.export import TABLES, FieldType
from tracker.exchange.parquet import write_parquet

ARROW = {
    FieldType.STRING: pa.string(),
    FieldType.INTEGER: pa.int64(),
    FieldType.BOOLEAN: pa.bool_(),
    FieldType.DATE: pa.date32(),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, pd.DataFrame]]:
    folder = tmp_path_factory.mktemp("parquet")
    frames = export.export_tables(RICH, AS_OF)
    paths = write_parquet(frames, folder, AS_OF)
    assert [path.name for path in paths] == [f"{table.name}.parquet" for table in TABLES]
    return folder, frames


def expected(column: export.Column, value: object) -> object:
    """A value of an export frame as a reader gets it: None when not recorded, a date as a
    date, a number as a number."""
    if isinstance(value, str):
        return value or None
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    if column.type is FieldType.DATE:
        assert isinstance(value, pd.Timestamp)
        return value.date()
    if column.type is FieldType.INTEGER:
        return int(value)  # type: ignore[call-overload]
    if column.type is FieldType.BOOLEAN:
        return bool(value)
    return value


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_each_table_reads_back_with_its_types_and_values(
    table: export.Table, written: tuple[Path, dict[str, pd.DataFrame]]
) -> None:
    folder, frames = written
    data = pq.read_table(folder / f"{table.name}.parquet")
    assert data.schema.names == list(table.column_names)
    for column in table.columns:
        field = data.schema.field(column.name)
        assert field.type == ARROW[column.type], column.name
        assert field.metadata == {b"description": column.meaning.encode()}
    assert data.schema.metadata[b"description"] == table.meaning.encode()
    assert data.schema.metadata[b"as_of"] == AS_OF.isoformat().encode()
    frame = frames[table.name]
    for column in table.columns:
        got = data.column(column.name).to_pylist()
        assert got == [expected(column, value) for value in frame[column.name]], column.name


def test_pandas_reads_dates_numbers_and_missing_values(
    written: tuple[Path, dict[str, pd.DataFrame]],
) -> None:
    folder, _ = written
    status = pd.read_parquet(folder / "current_status.parquet", dtype_backend="pyarrow")
    assert set(status["as_of"]) == {AS_OF}
    assert str(status["evidence_count"].dtype) == "int64[pyarrow]"
    actors = pd.read_parquet(folder / "actors.parquet")
    namibia = actors.set_index("actor_id").loc["NAM"]
    assert namibia["vote_code"] == "NA"  # text, not a missing value
    assert actors["npt_nuclear_weapon_state"].dtype == bool
    evidence = pd.read_parquet(folder / "evidence.parquet")
    assert evidence["date_start"].tolist()[0] == dt.date(2003, 12, 8)
    assert evidence["date_note"].isna().any()


def test_the_command_writes_parquet_files(tmp_path: Path) -> None:
    argv = ["export", str(MINI), "--parquet", str(tmp_path / "pq"), "--as-of", "2026-11-26"]
    assert main(argv) == 0
    assert sorted(path.name for path in (tmp_path / "pq").iterdir()) == sorted(
        f"{table.name}.parquet" for table in TABLES
    )
