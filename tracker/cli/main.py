"""`python -m tracker COMMAND ...`: the command table and the parser. A command's module is
imported only when that command runs, so `validate` never loads pandas or plotly."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol


class Command(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


# name -> (module, one line of help); the module gives `add_arguments(parser)` and `run(args)`.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("tracker.cli.validate", "check a data file; problems as PATH:LINE:COL"),
    "schema": ("tracker.cli.schema", "write the JSON Schema of the data file"),
    "export": (
        "tracker.cli.export",
        "write the tables as CSV with a data package, a workbook, SQLite or Parquet",
    ),
    "ingest": (
        "tracker.cli.ingest",
        "parse a resolution's official text; draft its records or merge them",
    ),
    "brief": ("tracker.cli.brief", "write the meeting brief of a review, as HTML or PDF"),
    "links": ("tracker.cli.links", "check every evidence address; keep the results as data"),
    "synth": (
        "tracker.cli.synth",
        "write a synthetic dataset of realistic shape (benchmarks, scale tests)",
    ),
}


def _command(name: str) -> Command:
    module: Command = importlib.import_module(COMMANDS[name][0])
    return module


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only `command`'s own options are added (every command's with None)."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker", description="Commitment tracker: check, export and ingest."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_line) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_line, description=help_line)
        if command is None or name == command:
            _command(name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # The first word that is not an option names the command: the top level has none but -h.
    named = next((word for word in arguments if not word.startswith("-")), None)
    args = build_parser(named if named in COMMANDS else "").parse_args(arguments)
    return _command(args.command).run(args)
