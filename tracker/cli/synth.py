"""`python -m tracker synth`: write a synthetic dataset of realistic shape."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.cli.progress import ProgressBar
from tracker.source.synth import FULL, Size, write_synthetic


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write a valid synthetic dataset: resolutions of 6-18 operative paragraphs, each "
        "addressed to 3-8 actors, evidence bearing on 1-3 paragraphs, and histories of "
        "1-5 assessments per (commitment, actor) citing evidence dated before them."
    )
    parser.add_argument("--commitments", type=_count, default=FULL.commitments)
    parser.add_argument("--actors", type=_count, default=FULL.actors)
    parser.add_argument("--assessments", type=_count, default=FULL.assessments)
    parser.add_argument("--evidence", type=_count, default=FULL.evidence)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")


def run(args: argparse.Namespace) -> int:
    if args.commitments < 1 or args.actors < 1 or args.evidence < 1:
        print("synth: need at least one commitment, actor and evidence item", file=sys.stderr)
        return 2
    size = Size(args.commitments, args.actors, args.assessments, args.evidence)
    try:
        with ProgressBar("synth") as bar:
            write_synthetic(size, args.seed, args.out, bar)
    except OSError as error:
        print(f"synth: cannot write {args.out}: {error}", file=sys.stderr)
        return 2
    print(f"{args.out}: wrote {args.out.stat().st_size:,} bytes", file=sys.stderr)
    return 0
