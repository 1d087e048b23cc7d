"""`python -m tracker schema`: write the JSON Schema of the data file."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.source.schema import SCHEMA_PATH, write_schema


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=SCHEMA_PATH)


def run(args: argparse.Namespace) -> int:
    write_schema(args.out)
    return 0
