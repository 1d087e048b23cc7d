"""Tables and figures computed from a dataset: status as of a date, histories, freshness.

Everything here is a pure function of (dataset, as-of date), so a past day's view is always
recomputable from the append-only history. The answers come from the dataset's index
(`tracker.index`), built once per dataset.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tracker.index import Pair, index_of, transitions
from tracker.model import Assessment, Commitment, Dataset, Evidence

__all__ = [
    "Pair",
    "assessed_pairs",
    "commitment_evidence",
    "commitments_by_id",
    "evidence_as_of",
    "history",
    "latest_by_pair",
    "status_counts_by_year",
    "status_table",
    "transitions",
]


def assessed_pairs(dataset: Dataset) -> list[Pair]:
    """Every (commitment, actor) the tracker assesses, in commitment then actor order."""
    return list(index_of(dataset).pairs)


def history(dataset: Dataset, pair: Pair, as_of: dt.date | None = None) -> list[Assessment]:
    """The pair's assessments up to `as_of`, oldest first (by date, then id)."""
    return index_of(dataset).history(pair, as_of)


def latest_by_pair(dataset: Dataset, as_of: dt.date) -> dict[Pair, Assessment]:
    """The newest assessment of each pair dated on or before `as_of`."""
    return index_of(dataset).latest_by_pair(as_of)


def evidence_as_of(dataset: Dataset, as_of: dt.date) -> list[Evidence]:
    """Evidence that could be known on `as_of` (its earliest possible date is not later)."""
    return index_of(dataset).evidence_as_of(as_of)


def status_table(dataset: Dataset, as_of: dt.date) -> pd.DataFrame:
    """One row per assessed (commitment, actor): the status in force on `as_of` and its basis.

    A pair with no assessment yet has the methodology's 'not yet assessed' status and no date.
    `stale_days` counts days from the newest evidence the judgement cites to `as_of`.
    Columns: commitment, actor, status, assessed_on, assessment, confidence, evidence_count,
    newest_evidence, stale_days, then `rating_<criterion>` for each criterion rated in force.
    """
    return index_of(dataset).status_table(as_of)


def status_counts_by_year(dataset: Dataset, start: int, end: dt.date) -> pd.DataFrame:
    """How many pairs stood in each status at the end of each year (the last one at `end`)."""
    index = index_of(dataset)
    rows = []
    for year in range(start, end.year + 1):
        day = min(dt.date(year, 12, 31), end)
        counts = index.status_counts(day)
        for level in dataset.methodology.statuses:
            rows.append(
                {
                    "year": year,
                    "as_of": day,
                    "status": level.id,
                    "pairs": int(counts.get(level.id, 0)),
                }
            )
    return pd.DataFrame(rows)


def commitment_evidence(dataset: Dataset, commitment: str, as_of: dt.date) -> list[Evidence]:
    """Evidence bearing on one commitment known by `as_of`, newest first."""
    return index_of(dataset).commitment_evidence(commitment, as_of)


def commitments_by_id(dataset: Dataset) -> dict[str, Commitment]:
    return dict(index_of(dataset).commitments)
