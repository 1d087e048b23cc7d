"""SQLite export: every table with its declared primary and foreign keys (and no row that
breaks one), NULL for "not recorded", full-text search over evidence summaries and assessment
rationales in English and Chinese, the Datasette metadata; and Datasette itself, started on
the file by the test, finding an evidence item through full-text search over HTTP."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from tests.test_export import AS_OF, MINI, RICH
from tracker.cli.main import main
from tracker.exchange import export
from tracker.exchange.export import TABLES
from tracker.exchange.sqlite import (
    FTS_COLUMNS,
    Publication,
    metadata_path,
    write_datasette_metadata,
    write_sqlite,
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "tracker.db"
    write_sqlite(export.export_tables(RICH, AS_OF), path)
    return path


def search(path: Path, table: str, term: str) -> list[str]:
    key = export.TABLES_BY_NAME[table].primary_key[0]
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            f"select {key} from {table} where rowid in "
            f"(select rowid from {table}_fts where {table}_fts match ?) order by {key}",
            (f'"{term}"',),
        ).fetchall()
    return [row[0] for row in rows]


def test_every_table_has_its_rows_and_declared_keys(database: Path) -> None:
    frames = export.export_tables(RICH, AS_OF)
    db = Database(database)
    for table in TABLES:
        found = db.table(table.name)
        assert [column.name for column in found.columns] == list(table.column_names)
        assert tuple(found.pks) == table.primary_key, table.name
        assert found.count == len(frames[table.name]), table.name
        keys = {(key.column, key.other_table, key.other_column) for key in found.foreign_keys}
        declared = {(key.columns[0], key.table, key.references[0]) for key in table.foreign_keys}
        assert keys == declared, table.name
    with sqlite3.connect(database) as conn:
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


def test_values_are_typed_and_not_recorded_is_null(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        row = conn.execute(
            "select date_start, date_note, npt_nuclear_weapon_state from evidence, actors "
            "where evidence_id = 'E01' and actor_id = 'USA'"
        ).fetchone()
        assert row == ("2003-12-08", None, 1)
        assert conn.execute("select vote_code from actors where actor_id = 'NAM'").fetchone() == (
            "NA",
        )
        count = conn.execute("select typeof(evidence_count) from current_status").fetchone()
        assert count == ("integer",)


@pytest.mark.parametrize(
    ("table", "term", "found"),
    [
        ("evidence", "tactical", ["E29", "E40"]),  # a summary, a source title
        ("evidence", "Belarus", ["E40"]),
        ("evidence", "战术核弹头", ["E40"]),
        ("evidence", "arhead", ["E40"]),  # any part of a word
        # the US judgement of that day repeated it by mistake (corrected since, still exported)
        ("assessments", "Deployment abroad", ["AS-OP4-RUS-2023-06-16", "AS-OP4-USA-2023-06-16"]),
        ("assessments", "境外部署", ["AS-OP4-RUS-2023-06-16", "AS-OP4-USA-2023-06-16"]),
        ("evidence", "nothing like this", []),
    ],
)
def test_full_text_search(database: Path, table: str, term: str, found: list[str]) -> None:
    assert search(database, table, term) == found


def test_search_indexes_the_declared_columns(database: Path) -> None:
    db = Database(database)
    for name, columns in FTS_COLUMNS.items():
        assert db.table(name).detect_fts() == f"{name}_fts"
        assert [column.name for column in db.table(f"{name}_fts").columns] == list(columns)


def test_datasette_metadata_describes_every_table_and_column(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    meta = json.loads(write_datasette_metadata(path, AS_OF).read_text(encoding="utf-8"))
    assert metadata_path(path) == tmp_path / "tracker.metadata.json"
    assert meta["title"] == "Commitment tracker"
    assert meta["source"] == "commitments.yaml"
    assert "license" not in meta
    assert "No licence is stated" in meta["description"]
    tables = meta["databases"]["tracker"]["tables"]
    assert list(tables) == [table.name for table in TABLES]
    for table in TABLES:
        assert tables[table.name]["description"] == table.meaning
        assert list(tables[table.name]["columns"]) == list(table.column_names)
    licensed = Publication(license="CC BY 4.0", license_url="https://example.org/licence")
    meta = json.loads(write_datasette_metadata(path, AS_OF, licensed).read_text("utf-8"))
    assert (meta["license"], meta["license_url"]) == ("CC BY 4.0", "https://example.org/licence")
    assert "No licence" not in meta["description"]


def test_the_file_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    path.write_text("an older file")
    write_sqlite(export.export_tables(RICH, AS_OF), path)
    assert Database(path).table("evidence").count == len(RICH.evidence)
    assert not list(tmp_path.glob(".*partial"))


# --- Datasette ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture
def datasette(tmp_path: Path) -> Iterator[str]:
    """Datasette serving the export of the fixture (written by the command) on loopback."""
    path = tmp_path / "tracker.db"
    argv = ["export", str(MINI), "--sqlite", str(path), "--as-of", "2026-11-26"]
    assert main([*argv, "--license", "CC BY 4.0"]) == 0
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(path)]
    command += ["--metadata", str(metadata_path(path)), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"datasette did not start:\n{output}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_datasette_finds_an_evidence_item_by_full_text_search(datasette: str) -> None:
    query = urllib.parse.urlencode({"_search": "warheads Belarus", "_shape": "array"})
    rows = get_json(f"{datasette}/tracker/evidence.json?{query}")
    assert [row["evidence_id"] for row in rows] == ["E40"]
    query = urllib.parse.urlencode({"_search": "首批俄罗斯", "_shape": "array"})
    rows = get_json(f"{datasette}/tracker/evidence.json?{query}")
    assert [row["evidence_id"] for row in rows] == ["E40"]
    meta = get_json(f"{datasette}/-/metadata.json")
    assert meta["license"] == "CC BY 4.0"
    assert meta["databases"]["tracker"]["tables"]["evidence"]["description"] == (
        export.EVIDENCE.meaning
    )
