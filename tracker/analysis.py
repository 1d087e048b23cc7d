"""Tables and figures computed from a dataset: status as of a date, histories, freshness.

Everything here is a pure function of (dataset, as-of date), so a past day's view is always
recomputable from the append-only history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from tracker.model import Assessment, Commitment, Dataset, Evidence


@dataclass(frozen=True)
class Pair:
    commitment: str
    actor: str


def assessed_pairs(dataset: Dataset) -> list[Pair]:
    """Every (commitment, actor) the tracker assesses, in commitment then actor order."""
    return [Pair(c.id, actor) for c in dataset.commitments for actor in c.addressed.actors]


def history(dataset: Dataset, pair: Pair, as_of: dt.date | None = None) -> list[Assessment]:
    """The pair's assessments up to `as_of`, oldest first."""
    found = [
        a
        for a in dataset.assessments
        if a.commitment == pair.commitment
        and a.actor == pair.actor
        and (as_of is None or a.date <= as_of)
    ]
    return sorted(found, key=lambda a: (a.date, a.id))


def latest_by_pair(dataset: Dataset, as_of: dt.date) -> dict[Pair, Assessment]:
    """The newest assessment of each pair dated on or before `as_of`."""
    latest: dict[Pair, Assessment] = {}
    for assessment in dataset.assessments:
        if assessment.date > as_of:
            continue
        pair = Pair(assessment.commitment, assessment.actor)
        known = latest.get(pair)
        if known is None or (assessment.date, assessment.id) > (known.date, known.id):
            latest[pair] = assessment
    return latest


def evidence_as_of(dataset: Dataset, as_of: dt.date) -> list[Evidence]:
    """Evidence that could be known on `as_of` (its earliest possible date is not later)."""
    return [item for item in dataset.evidence if item.start <= as_of]


def status_table(dataset: Dataset, as_of: dt.date) -> pd.DataFrame:
    """One row per assessed (commitment, actor): the status in force on `as_of` and its basis.

    A pair with no assessment yet has the methodology's 'not yet assessed' status and no date.
    `stale_days` counts days from the newest evidence the judgement cites to `as_of`.
    """
    latest = latest_by_pair(dataset, as_of)
    evidence = {e.id: e for e in dataset.evidence}
    not_assessed = dataset.methodology.not_assessed_status
    rows = []
    for pair in assessed_pairs(dataset):
        assessment = latest.get(pair)
        cited = (
            [evidence[ref] for ref in assessment.evidence if ref in evidence] if assessment else []
        )
        newest = max((e.start for e in cited), default=None)
        rows.append(
            {
                "commitment": pair.commitment,
                "actor": pair.actor,
                "status": assessment.status if assessment else not_assessed,
                "assessed_on": assessment.date if assessment else None,
                "assessment": assessment.id if assessment else None,
                "confidence": assessment.confidence if assessment else None,
                "evidence_count": len(cited),
                "newest_evidence": newest,
                "stale_days": (as_of - newest).days if newest else None,
                **{f"rating_{c}": r for c, r in (assessment.ratings.items() if assessment else [])},
            }
        )
    return pd.DataFrame(rows)


def status_counts_by_year(dataset: Dataset, start: int, end: dt.date) -> pd.DataFrame:
    """How many pairs stood in each status at the end of each year (the last one at `end`)."""
    rows = []
    for year in range(start, end.year + 1):
        day = min(dt.date(year, 12, 31), end)
        counts = status_table(dataset, day)["status"].value_counts()
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
    found = [e for e in evidence_as_of(dataset, as_of) if commitment in e.commitments]
    return sorted(found, key=lambda e: (e.start, e.id), reverse=True)


def commitments_by_id(dataset: Dataset) -> dict[str, Commitment]:
    return {c.id: c for c in dataset.commitments}


def transitions(
    assessments: Iterable[Assessment], order: dict[str, int], not_assessed: str
) -> list[str]:
    """For each assessment of one pair, oldest first: 'unassessed' when it is not a judgement,
    else 'first', 'improved', 'worsened' or 'same' against the previous judgement."""
    out: list[str] = []
    previous: str | None = None
    for assessment in assessments:
        if assessment.status == not_assessed:
            out.append("unassessed")
            continue
        if previous is None:
            out.append("first")
        elif order[assessment.status] == order[previous]:
            out.append("same")
        else:
            out.append("improved" if order[assessment.status] > order[previous] else "worsened")
        previous = assessment.status
    return out
