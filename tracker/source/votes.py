"""Recorded votes of member States on a resolution, read from the CSV in `data/votes/`."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

VOTE_VALUES = ("yes", "no", "abstain", "non-voting")


def read_vote_records(path: Path) -> dict[str, tuple[str, str]]:
    """Country code -> (country name, vote). Read as text: Namibia's code is the string 'NA',
    which pandas and R would otherwise take for a missing value."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["country_code"]: (row["country"], row["vote"]) for row in csv.DictReader(handle)
        }


def vote_totals(records: dict[str, tuple[str, str]]) -> Counter[str]:
    return Counter(vote for _, vote in records.values())
