"""Status as of a date, counts over time and transitions, computed from the real fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_checks import with_predecessor
from tests.test_loader import MINI, write_fixture_copy
from tracker.domain.transitions import transitions
from tracker.query import adoption
from tracker.query.index import Pair, index_of
from tracker.source.loader import load_dataset

DATA = load_dataset(MINI).dataset
assert DATA is not None
OP4 = "A/RES/58/50:OP4"
OP5 = "A/RES/58/50:OP5"
PREDECESSOR_OP4 = "A/RES/57/58:OP4"


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


def test_a_corrected_judgement_never_stands() -> None:
    """The US judgement of 2023-06-16 was corrected (same day, no progress instead of
    regressing): on no day is the United States regressing, and its history holds the
    correction, not the judgement it replaced."""
    for as_of in (dt.date(2023, 6, 16), dt.date(2026, 11, 26)):
        assert status_of(as_of)[(OP4, "USA")] == "no_progress"
    history = index_of(DATA).history(Pair(OP4, "USA"))
    assert [a.id for a in history] == ["AS-OP4-USA-2003-12-08", "AS-OP4-USA-2023-06-16-2"]


def test_every_addressed_pair_has_a_row() -> None:
    table = index_of(DATA).status_table(dt.date(2026, 1, 1))
    assert sorted(zip(table.commitment, table.actor, strict=True)) == sorted(
        [
            (OP4, "RUS"),
            (OP4, "USA"),
            (OP5, "USA"),
            (OP5, "RUS"),
            (OP5, "GBR"),
            ("A/RES/58/50:OP10", "UNGA"),
        ]
    )


def test_staleness_counts_days_since_newest_cited_evidence() -> None:
    table = index_of(DATA).status_table(dt.date(2024, 6, 16)).set_index(["commitment", "actor"])
    row = table.loc[(OP4, "RUS")]
    assert row.newest_evidence == dt.date(2023, 6, 16)
    assert row.stale_days == 366
    assert row.evidence_count == 2


def test_counts_at_each_year_end_sum_to_the_number_of_pairs() -> None:
    for year in range(2003, 2027):
        counts = adoption.status_counts(DATA, min(dt.date(year, 12, 31), dt.date(2026, 11, 26)))
        assert sum(counts.values()) == 6, year
    assert adoption.status_counts(DATA, dt.date(2023, 12, 31)) == {
        "not_assessed": 3,
        "regressing": 1,
        "no_progress": 1,
        "not_applicable": 1,
    }


def test_transitions_tell_worse_from_better_and_ignore_not_assessed() -> None:
    order = {level.id: level.order for level in DATA.methodology.statuses}
    russia = index_of(DATA).history(Pair(OP4, "RUS"))
    assert transitions(russia, order, frozenset({"not_assessed"})) == ["first", "worsened"]
    assembly = index_of(DATA).history(Pair("A/RES/58/50:OP10", "UNGA"))
    assert transitions(assembly, order, frozenset({"not_assessed"})) == ["unassessed"]


def test_not_applicable_and_superseded_judge_no_progress(tmp_path: Path) -> None:
    """'Not applicable' and 'superseded' are no judgement: neither a first judgement nor a move."""
    lineage = load_dataset(write_fixture_copy(with_predecessor(), tmp_path)).dataset
    assert lineage is not None
    for data, pair in ((DATA, Pair(OP5, "GBR")), (lineage, Pair(PREDECESSOR_OP4, "RUS"))):
        steps = index_of(data).steps(pair, dt.date(2026, 11, 26))
        assert [step.transition for step in steps] == ["unassessed"]


def test_evidence_as_of_leaves_out_later_items() -> None:
    index = index_of(DATA)
    known = {index.evidence[p].id for p in index.known_newest_first(dt.date(2012, 8, 1)).tolist()}
    assert known == {"E01", "E29"}
