"""`python -m tracker export`: parse the options, load the data, call `tracker.exchange.export`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tracker.cli.common import DEFAULT_DATA, iso_date, load_valid
from tracker.cli.progress import ProgressBar
from tracker.exchange.export import TABLES, write_export
from tracker.source.votes_table import VotesError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        f"Write the {len(TABLES)} CSV tables of the data, its data dictionary, README.md "
        "and a Frictionless datapackage.json into DIR. Exit 0 when written, 1 when the data "
        "has problems (nothing is written), 2 when a file cannot be read or written."
    )
    parser.add_argument("path", nargs="?", default=DEFAULT_DATA, help="the data file")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="date of current_status.csv, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="the Excel variant: UTF-8 with BOM, formula-like text cells prefixed with '",
    )


def run(args: argparse.Namespace) -> int:
    """Export the data at `args.path` into `args.out`; problems and errors go to stderr."""
    loaded = load_valid(args.path, "export")
    if isinstance(loaded, int):
        return loaded
    dataset, _ = loaded
    as_of: dt.date = args.as_of or dt.date.today()
    try:
        with ProgressBar("export") as bar:
            written = write_export(dataset, args.out, as_of, args.excel, progress=bar)
    except OSError as error:
        print(f"export: cannot write to {args.out}: {error}", file=sys.stderr)
        return 2
    except VotesError as error:
        print(f"export: the recorded votes cannot be read:\n{error}", file=sys.stderr)
        return 2
    variant = "Excel variant" if args.excel else "plain variant"
    print(
        f"{args.out}: wrote {len(written)} files ({variant}, status as of {as_of.isoformat()})",
        file=sys.stderr,
    )
    return 0
