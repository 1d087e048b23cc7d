"""Status as of a date, counts over time and transitions, computed from the real fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_loader import MINI
from tracker.domain.transitions import transitions
from tracker.query.index import Pair, index_of
from tracker.source.loader import load_dataset

DATA = load_dataset(MINI).dataset
assert DATA is not None
OP4 = "A/RES/58/50:OP4"


def status_of(as_of: dt.date) -> dict[tuple[str, str], str]:
    table = index_of(DATA).status_table(as_of)
    return {(row.commitment, row.actor): row.status for row in table.itertuples()}


@pytest.mark.parametrize(
    ("as_of", "russia"),
    [
        (dt.date(2003, 12, 7), "not_assessed"),
        (dt.date(2003, 12, 8), "no_progress"),
        (dt.date(2023, 6, 15), "no_progress"),
        (dt.date(2023, 6, 16), "regressing"),
        (dt.date(2026, 11, 26), "regressing"),
    ],
)
def test_status_follows_the_history(as_of: dt.date, russia: str) -> None:
    """The status on a day is that of the newest assessment dated on or before it."""
    assert status_of(as_of)[(OP4, "RUS")] == russia


def test_every_addressed_pair_has_a_row() -> None:
    table = index_of(DATA).status_table(dt.date(2026, 1, 1))
    assert sorted(zip(table.commitment, table.actor, strict=True)) == sorted(
        [(OP4, "RUS"), (OP4, "USA"), ("A/RES/58/50:OP10", "UNGA")]
    )


def test_staleness_counts_days_since_newest_cited_evidence() -> None:
    table = index_of(DATA).status_table(dt.date(2024, 6, 16)).set_index(["commitment", "actor"])
    row = table.loc[(OP4, "RUS")]
    assert row.newest_evidence == dt.date(2023, 6, 16)
    assert row.stale_days == 366
    assert row.evidence_count == 2


def test_counts_by_year_sum_to_the_number_of_pairs() -> None:
    counts = index_of(DATA).status_counts_by_year(2003, dt.date(2026, 11, 26))
    assert set(counts.year) == set(range(2003, 2027))
    assert (counts.groupby("year").pairs.sum() == 3).all()
    in_2023 = counts[(counts.year == 2023) & (counts.pairs > 0)].set_index("status").pairs
    assert in_2023.to_dict() == {"not_assessed": 1, "regressing": 1, "no_progress": 1}


def test_transitions_tell_worse_from_better_and_ignore_not_assessed() -> None:
    order = {level.id: level.order for level in DATA.methodology.statuses}
    russia = index_of(DATA).history(Pair(OP4, "RUS"))
    assert transitions(russia, order, "not_assessed") == ["first", "worsened"]
    assembly = index_of(DATA).history(Pair("A/RES/58/50:OP10", "UNGA"))
    assert transitions(assembly, order, "not_assessed") == ["unassessed"]


def test_evidence_as_of_leaves_out_later_items() -> None:
    known = {e.id for e in index_of(DATA).evidence_as_of(dt.date(2012, 8, 1))}
    assert known == {"E01", "E29"}
