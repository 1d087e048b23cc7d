"""The export's tables as one SQLite database (sqlite-utils), for Datasette and notebooks: the
declared primary and foreign keys, full-text search over evidence summaries and assessment
rationales, and the Datasette metadata (titles, descriptions, licence, source) beside it.

Values are those of the Parquet export (`tracker.exchange.parquet`): a value not recorded is
NULL, a date is ISO text (YYYY-MM-DD), a boolean 0 or 1.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlite_utils import Database

from tracker.exchange.export import TABLES, TABLES_BY_NAME, FieldType, Progress, Table
from tracker.exchange.parquet import arrow_table

# The full-text index of a table: its text columns, searched together.
FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "evidence": ("summary_en", "summary_zh", "source_title", "source_publisher"),
    "assessments": ("rationale_en", "rationale_zh"),
}
# Trigram tokens match any part of a word, so Chinese (written without spaces) is found as
# well as English; a search term needs three characters at least.
FTS_TOKENIZER = "trigram"
SQL_TYPES = {
    FieldType.STRING: str,
    FieldType.INTEGER: int,
    FieldType.BOOLEAN: int,
    FieldType.DATE: str,
}


@dataclass(frozen=True)
class Publication:
    """What the Datasette metadata says about the data as a whole; None leaves it out."""

    title: str = "Commitment tracker"
    source: str = "commitments.yaml"
    source_url: str | None = None
    license: str | None = None
    license_url: str | None = None


def _creation_order() -> list[Table]:
    """The tables, each after those its foreign keys refer to."""
    done: dict[str, Table] = {}

    def visit(table: Table) -> None:
        if table.name in done:
            return
        for key in table.foreign_keys:
            if key.table != table.name:
                visit(TABLES_BY_NAME[key.table])
        done[table.name] = table

    for table in TABLES:
        visit(table)
    return list(done.values())


def _rows(table: Table, frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = arrow_table(table, frame).to_pylist()
    dates = [column.name for column in table.columns if column.type is FieldType.DATE]
    for row in rows:
        for name in dates:
            if row[name] is not None:
                row[name] = row[name].isoformat()
    return rows


def write_sqlite(
    frames: Mapping[str, pd.DataFrame], path: str | Path, progress: Progress | None = None
) -> Path:
    """Every table of `frames` (by name) into a new SQLite file at `path`, written whole to a
    temporary name, then renamed over any file there; its path."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    db = Database(partial)
    tables = [table for table in _creation_order() if table.name in frames]
    with db.conn:
        for done, table in enumerate(tables, start=1):
            db.table(table.name).create(
                {column.name: SQL_TYPES[column.type] for column in table.columns},
                pk=table.primary_key if len(table.primary_key) > 1 else table.primary_key[0],
                not_null={column.name for column in table.columns if column.required},
                foreign_keys=[
                    (key.columns[0], key.table, key.references[0])
                    for key in table.foreign_keys
                    if key.table in frames
                ],
            )
            db.table(table.name).insert_all(_rows(table, frames[table.name]))
            if progress:
                progress(done, len(tables), table.name)
    for name, columns in FTS_COLUMNS.items():
        if name in frames:
            db.table(name).enable_fts(columns, tokenize=FTS_TOKENIZER)
    db.vacuum()
    db.close()
    partial.replace(target)
    return target


def metadata_path(database: str | Path) -> Path:
    """Where the Datasette metadata of a database file goes: beside it, `NAME.metadata.json`."""
    path = Path(database)
    return path.with_name(f"{path.stem}.metadata.json")


def datasette_metadata(
    database_name: str, as_of: dt.date, publication: Publication = Publication()
) -> dict[str, Any]:
    """Datasette's metadata for the database: the data's title, source and licence, and each
    table's and column's meaning (the data dictionary's)."""
    description = (
        f"Tables derived from {publication.source}: current_status gives the status as of "
        f"{as_of.isoformat()}; every other table holds the full history. A value not recorded "
        "is NULL; dates are YYYY-MM-DD. Search evidence summaries and assessment rationales "
        "with at least three characters (any part of a word, Chinese included); for a shorter "
        "term use a column filter such as summary_zh contains."
    )
    if not publication.license:
        description += " No licence is stated for this data: ask its maintainers before reuse."
    about = {
        "source": publication.source,
        "source_url": publication.source_url,
        "license": publication.license,
        "license_url": publication.license_url,
    }
    return {
        "title": publication.title,
        "description": description,
        **{key: value for key, value in about.items() if value},
        "databases": {
            database_name: {
                "tables": {
                    table.name: {
                        "description": table.meaning,
                        "columns": {column.name: column.meaning for column in table.columns},
                        **(
                            {"searchmode": "escaped", "fts_table": f"{table.name}_fts"}
                            if table.name in FTS_COLUMNS
                            else {}
                        ),
                    }
                    for table in TABLES
                }
            }
        },
    }


def write_datasette_metadata(
    database: str | Path, as_of: dt.date, publication: Publication = Publication()
) -> Path:
    """The metadata of `datasette_metadata` as JSON at `metadata_path(database)`."""
    path = metadata_path(database)
    meta = datasette_metadata(Path(database).stem, as_of, publication)
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
