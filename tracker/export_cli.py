"""`python -m tracker export`: parse the options, load the data, call `tracker.export`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from tracker.export import TABLES, write_export
from tracker.loader import load_dataset
from tracker.progress import ProgressBar

DEFAULT_DATA = "commitments.yaml"
UNREADABLE = {"file-unreadable", "file-too-large", "not-utf8"}


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_export_command(subparsers: argparse._SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Add `export` to the `python -m tracker` subcommands."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write the CSV tables, data dictionary and datapackage.json",
        description=(
            f"Write the {len(TABLES)} CSV tables of the data, its data dictionary, README.md "
            "and a Frictionless datapackage.json into DIR. Exit 0 when written, 1 when the data "
            "has problems (nothing is written), 2 when a file cannot be read or written."
        ),
    )
    parser.add_argument("path", nargs="?", default=DEFAULT_DATA, help="the data file")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write")
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="date of current_status.csv, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="the Excel variant: UTF-8 with BOM, formula-like text cells prefixed with '",
    )
    return parser


def run_export(args: argparse.Namespace) -> int:
    """Export the data at `args.path` into `args.out`; problems and errors go to stderr."""
    result = load_dataset(args.path)
    if result.problems or result.dataset is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.problems and all(p.code in UNREADABLE for p in result.problems):
            return 2
        print(
            f"{args.path}: {len(result.problems)} problem(s); nothing exported "
            f"(see python -m tracker validate {args.path})",
            file=sys.stderr,
        )
        return 1
    as_of: dt.date = args.as_of or dt.date.today()
    try:
        with ProgressBar("export") as bar:
            written = write_export(result.dataset, args.out, as_of, args.excel, progress=bar)
    except OSError as error:
        print(f"export: cannot write to {args.out}: {error}", file=sys.stderr)
        return 2
    variant = "Excel variant" if args.excel else "plain variant"
    print(
        f"{args.out}: wrote {len(written)} files ({variant}, status as of {as_of.isoformat()})",
        file=sys.stderr,
    )
    return 0
