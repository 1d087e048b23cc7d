"""What the commands share: the default data file, date options, loading with problems
reported on stderr, and the exit status those problems decide."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

from tracker.domain.model import Dataset
from tracker.domain.problems import Problem, exit_status
from tracker.source.loader import LoadResult, Progress, load_dataset

DEFAULT_DATA = "commitments.yaml"


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def load_valid(
    path: str | Path, command: str, progress: Progress | None = None
) -> tuple[Dataset, LoadResult] | int:
    """The dataset and its load result when the file is valid; otherwise its problems on stderr
    and the exit status (2 when the file cannot be read at all, 1 when it has problems)."""
    result = load_dataset(path, progress=progress)
    if not result.problems and result.dataset is not None:
        return result.dataset, result
    print_problems(result.problems)
    status = exit_status(result.problems) or 1
    if status == 1:
        print(
            f"{command}: {path} has {len(result.problems)} problem(s); nothing done: fix them "
            f"first (python -m tracker validate {path})",
            file=sys.stderr,
        )
    return status
