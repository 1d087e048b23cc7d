"""`python -m tracker validate`: check a data file and print its problems, one per line."""

from __future__ import annotations

import argparse
import json
import sys

from tracker.cli.common import DEFAULT_DATA
from tracker.cli.progress import ProgressBar
from tracker.domain.problems import REGISTRY, Tag, exit_status
from tracker.source.loader import Progress, load_dataset


def _codes_epilog() -> str:
    lines = [
        f"  {code.slug:<27} {code.meaning}" for code in REGISTRY.values() if Tag.DATA in code.tags
    ]
    return "problem codes:\n" + "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check a data file. Exit 0 when valid; 1 with one PATH:LINE:COL: CODE: message line per "
        "problem; 2 when the file cannot be read at all."
    )
    parser.epilog = _codes_epilog()
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("path", nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    # A bar on stderr, and only on a terminal after a second: pipes and hooks stay clean.
    with ProgressBar("validate") as bar:
        return validate(args.path, args.format, bar)


def validate(path: str, output_format: str, progress: Progress | None = None) -> int:
    """Exit 0 when valid, 1 with one line per problem, 2 when the file cannot be read at all."""
    result = load_dataset(path, progress=progress)
    if output_format == "json":
        print(json.dumps([problem.as_dict() for problem in result.problems], ensure_ascii=False))
    else:
        for problem in result.problems:
            print(problem)
    status = exit_status(result.problems)
    if status == 0 and result.dataset is not None and output_format == "text":
        data = result.dataset
        print(
            f"{path}: valid: {len(data.commitments)} commitments, {len(data.actors)} actors, "
            f"{len(data.evidence)} evidence items, {len(data.assessments)} assessments",
            file=sys.stderr,
        )
    return status
