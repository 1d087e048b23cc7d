"""`python -m tracker export`: parse the options, load the data, and write the formats asked
for through `tracker.exchange`: CSV with its data package, an Excel workbook, a SQLite database
for Datasette, Parquet files, citations (CSL-JSON, BibTeX, RIS)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from tracker.cli.common import DEFAULT_DATA, iso_date, load_valid
from tracker.cli.progress import ProgressBar
from tracker.domain.model import Dataset
from tracker.exchange import citations
from tracker.exchange.export import TABLES, export_tables, write_export
from tracker.exchange.parquet import write_parquet
from tracker.exchange.sqlite import Publication, write_datasette_metadata, write_sqlite
from tracker.exchange.workbook import WorkbookError, export_workbook
from tracker.source.votes_table import VotesError

TARGETS = ("out", "workbook", "sqlite", "parquet", "citations")
BASE_URL_ENV = "TRACKER_BASE_URL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        f"Write the {len(TABLES)} tables of the data in the formats asked for (one at least): "
        "CSV with README.md, the data dictionary and a Frictionless datapackage.json (--out); "
        "an Excel workbook (--workbook); a SQLite database with full-text search and its "
        "Datasette metadata (--sqlite); Parquet files (--parquet); the evidence and judgements "
        "as CSL-JSON, BibTeX and RIS (--citations). Exit 0 when written, 1 when "
        "the data has problems (nothing is written), 2 when a file cannot be read or written."
    )
    parser.add_argument("path", nargs="?", default=DEFAULT_DATA, help="the data file")
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder for the CSV files")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="date of the current_status table, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="CSV for Excel: UTF-8 with BOM, formula-like text cells prefixed with '",
    )
    parser.add_argument(
        "--workbook", type=Path, metavar="FILE", help="an Excel workbook (.xlsx), one sheet a table"
    )
    parser.add_argument(
        "--sqlite",
        type=Path,
        metavar="FILE",
        help="a SQLite database, with NAME.metadata.json beside it for "
        "`datasette FILE --metadata NAME.metadata.json`",
    )
    parser.add_argument("--parquet", type=Path, metavar="DIR", help="folder for Parquet files")
    parser.add_argument(
        "--citations",
        type=Path,
        metavar="DIR",
        help="folder for evidence and judgements as .json (CSL), .bib and .ris",
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV) or None,
        metavar="URL",
        help=f"the app's public address, for the citations' permalinks (default: ${BASE_URL_ENV})",
    )
    parser.add_argument(
        "--license", default=None, help="the data's licence, for the Datasette metadata"
    )
    parser.add_argument("--license-url", default=None, help="address of that licence")
    parser.add_argument(
        "--source-url", default=None, help="where the data file is published, for Datasette"
    )


def _write_whole(path: Path, content: bytes) -> None:
    """`content` into `path`, through a temporary name: a reader never sees half a file."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)


def _votes_unreadable(error: VotesError) -> int:
    print(f"export: the recorded votes cannot be read:\n{error}", file=sys.stderr)
    return 2


def _write_csv(dataset: Dataset, args: argparse.Namespace, as_of: dt.date) -> str:
    with ProgressBar("export") as bar:
        written = write_export(dataset, args.out, as_of, args.excel, progress=bar)
    variant = "Excel variant" if args.excel else "plain variant"
    return f"{args.out}: wrote {len(written)} files ({variant}, status as of {as_of.isoformat()})"


def _write_workbook(frames: dict[str, pd.DataFrame], args: argparse.Namespace) -> str:
    as_of: dt.date = args.as_of
    args.workbook.parent.mkdir(parents=True, exist_ok=True)
    _write_whole(args.workbook, export_workbook(frames, as_of))
    return f"{args.workbook}: wrote the workbook ({len(frames) + 1} sheets)"


def _write_sqlite(frames: dict[str, pd.DataFrame], args: argparse.Namespace) -> str:
    args.sqlite.parent.mkdir(parents=True, exist_ok=True)
    with ProgressBar("sqlite") as bar:
        write_sqlite(frames, args.sqlite, progress=bar)
    publication = Publication(
        source=Path(args.path).name,
        source_url=args.source_url,
        license=args.license,
        license_url=args.license_url,
    )
    meta = write_datasette_metadata(args.sqlite, args.as_of, publication)
    return (
        f"{args.sqlite}: wrote {len(frames)} tables; browse them with "
        f"`datasette {args.sqlite} --metadata {meta}`"
    )


def _write_parquet(frames: dict[str, pd.DataFrame], args: argparse.Namespace) -> str:
    with ProgressBar("parquet") as bar:
        written = write_parquet(frames, args.parquet, args.as_of, progress=bar)
    return f"{args.parquet}: wrote {len(written)} Parquet files"


def _write_citations(dataset: Dataset, args: argparse.Namespace) -> str:
    folder: Path = args.citations
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {
        "evidence": citations.evidence_items(dataset, dataset.evidence, args.base_url),
        "judgements": citations.judgement_items(dataset, dataset.assessments, args.base_url),
    }
    for stem, items in kinds.items():
        for kind in citations.FORMATS:
            _write_whole(folder / citations.file_name(kind, stem), citations.encode(kind, items))
    links = "" if args.base_url else f" (no permalinks: set --base-url or {BASE_URL_ENV})"
    return f"{folder}: wrote {2 * len(citations.FORMATS)} citation files{links}"


def run(args: argparse.Namespace) -> int:
    """Export the data at `args.path` in each format asked for; messages go to stderr."""
    if not any(getattr(args, target) for target in TARGETS):
        print(
            "export: name at least one target: --out DIR, --workbook FILE, --sqlite FILE, "
            "--parquet DIR or --citations DIR",
            file=sys.stderr,
        )
        return 2
    loaded = load_valid(args.path, "export")
    if isinstance(loaded, int):
        return loaded
    dataset, _ = loaded
    args.as_of = args.as_of or dt.date.today()
    tabular = args.workbook or args.sqlite or args.parquet
    steps: list[tuple[Path, Callable[[], str]]] = []
    if args.out:
        steps.append((args.out, lambda: _write_csv(dataset, args, args.as_of)))
    if args.workbook:
        steps.append((args.workbook, lambda: _write_workbook(frames, args)))
    if args.sqlite:
        steps.append((args.sqlite, lambda: _write_sqlite(frames, args)))
    if args.parquet:
        steps.append((args.parquet, lambda: _write_parquet(frames, args)))
    if args.citations:
        steps.append((args.citations, lambda: _write_citations(dataset, args)))
    try:
        frames = export_tables(dataset, args.as_of) if tabular else {}
    except VotesError as error:
        return _votes_unreadable(error)
    for target, step in steps:
        try:
            print(step(), file=sys.stderr)
        except VotesError as error:
            return _votes_unreadable(error)
        except (OSError, sqlite3.Error, WorkbookError) as error:
            print(f"export: cannot write {target}: {error}", file=sys.stderr)
            return 2
    return 0
