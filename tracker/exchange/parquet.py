"""The export's tables as Apache Arrow tables with the declared types, and as Parquet files for
pandas, polars and R (arrow): text as string, integers int64, booleans bool, dates date32, and
a value not recorded (an empty CSV cell) as null. Each file carries the table's and each
column's meaning as metadata. The SQLite export reads its rows from the same Arrow tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tracker.exchange.export import TABLES, FieldType, Progress, Table

_ARROW_TYPES = {
    FieldType.STRING: pa.string(),
    FieldType.INTEGER: pa.int64(),
    FieldType.BOOLEAN: pa.bool_(),
    FieldType.DATE: pa.date32(),
}


def arrow_schema(table: Table) -> pa.Schema:
    """The table's columns as Arrow fields, each with its meaning as `description`."""
    return pa.schema(
        [
            pa.field(
                column.name,
                _ARROW_TYPES[column.type],
                nullable=not column.required,
                metadata={"description": column.meaning},
            )
            for column in table.columns
        ],
        metadata={"name": table.name, "description": table.meaning},
    )


def _arrow_column(series: pd.Series, kind: FieldType) -> pa.Array:
    if kind is FieldType.STRING:
        text = series.astype("str")
        return pa.array(text.where(text != "", None), type=pa.string(), from_pandas=True)
    if kind is FieldType.DATE:
        days = series.astype("datetime64[s]").dt.date
        return pa.array(days.where(series.notna(), None), type=pa.date32(), from_pandas=True)
    return pa.array(series, type=_ARROW_TYPES[kind], from_pandas=True)


def arrow_table(table: Table, frame: pd.DataFrame) -> pa.Table:
    """`frame` (a table of the export) with the declared types; empty texts become null."""
    return pa.Table.from_arrays(
        [_arrow_column(frame[column.name], column.type) for column in table.columns],
        schema=arrow_schema(table),
    )


def file_name(table: Table) -> str:
    return f"{table.name}.parquet"


def write_parquet(
    frames: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    as_of: dt.date,
    progress: Progress | None = None,
) -> list[Path]:
    """One Parquet file per table of `frames` (by name, in `TABLES` order) in `out_dir`
    (created if needed; files replaced whole, through a temporary name); their paths."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = [table for table in TABLES if table.name in frames]
    for done, table in enumerate(tables, start=1):
        data = arrow_table(table, frames[table.name])
        data = data.replace_schema_metadata(
            {**(data.schema.metadata or {}), b"as_of": as_of.isoformat().encode()}
        )
        path = folder / file_name(table)
        partial = path.with_name(f".{path.name}.partial")
        pq.write_table(data, partial, compression="zstd")
        partial.replace(path)
        written.append(path)
        if progress:
            progress(done, len(tables), path.name)
    return written
