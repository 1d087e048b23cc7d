"""Command line: `python -m tracker validate|schema ...`. Parses options and calls the core."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.export_cli import add_export_command, run_export
from tracker.ingest_cli import add_ingest_command, run_ingest
from tracker.loader import Progress, load_dataset
from tracker.progress import ProgressBar
from tracker.schema import write_schema
from tracker.synth import add_synth_command, run_synth

DEFAULT_DATA = "commitments.yaml"
UNREADABLE = {"file-unreadable", "file-too-large", "not-utf8"}


def validate(path: str, output_format: str, progress: Progress | None = None) -> int:
    """Exit 0 when valid, 1 with one line per problem, 2 when the file cannot be read at all."""
    result = load_dataset(path, progress=progress)
    if output_format == "json":
        print(json.dumps([problem.as_dict() for problem in result.problems], ensure_ascii=False))
    else:
        for problem in result.problems:
            print(problem)
    if result.problems and all(p.code in UNREADABLE for p in result.problems):
        return 2
    if not result.problems and result.dataset is not None:
        if output_format == "text":
            data = result.dataset
            print(
                f"{path}: valid: {len(data.commitments)} commitments, {len(data.actors)} actors, "
                f"{len(data.evidence)} evidence items, {len(data.assessments)} assessments",
                file=sys.stderr,
            )
        return 0
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data file; problems as PATH:LINE:COL")
    check.add_argument("path", nargs="?", default=DEFAULT_DATA)
    check.add_argument("--format", choices=["text", "json"], default="text")
    schema = commands.add_parser("schema", help="write the JSON Schema of the data file")
    schema.add_argument("--out", default="schema/commitments.schema.json")
    add_export_command(commands)
    add_ingest_command(commands)
    add_synth_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        # A bar on stderr, and only on a terminal after a second: pipes and hooks stay clean.
        with ProgressBar("validate") as bar:
            return validate(args.path, args.format, bar)
    if args.command == "export":
        return run_export(args)
    if args.command == "ingest":
        return run_ingest(args)
    if args.command == "synth":
        return run_synth(args)
    if args.command == "schema":
        write_schema(Path(args.out))
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands first
