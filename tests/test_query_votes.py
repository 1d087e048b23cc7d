"""Questions about the recorded votes and what the pages show of them, on the hand-checkable
subset in tests/fixtures/votes (11 roll calls, 8 States): which roll calls a view counts, a
State's record by year, the agreement index computed by hand, a roll call's States and its
related roll calls, and a State's vote beside its commitments (the canonical fixture)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pytest

from tests.helpers import MINI, REPO
from tracker.domain.model import Dataset
from tracker.present import votes_view
from tracker.query import votes as query
from tracker.query.search import search
from tracker.source import votes_table
from tracker.source.loader import load_dataset
from tracker.source.votes_table import NO_ROW, Votes, load_votes

FIXTURE = REPO / "tests" / "fixtures" / "votes"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def cache_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TRACKER_CACHE", "off")
    yield


@pytest.fixture(scope="module")
def votes() -> Votes:
    found = load_votes(FIXTURE)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def mini() -> Dataset:
    dataset = load_dataset(MINI).dataset
    assert dataset is not None
    return dataset


def number(votes: Votes, name: str) -> int:
    found = query.state_number(votes, name)
    assert found is not None
    return found


def rcids(votes: Votes, mask: np.ndarray) -> list[int]:
    return votes.rcid[mask].tolist()


# --- which roll calls a view counts -------------------------------------------------------


def test_whole_texts_are_counted_once(votes: Votes) -> None:
    """Votes on whole texts without the two 2021 repeats (5695, 5702)."""
    assert rcids(votes, query.chosen_roll_calls(votes, "whole_text")) == [4379, 4393, 4494, 4510]


def test_separate_votes_are_counted_apart(votes: Votes) -> None:
    """Paragraph and amendment votes, in their own view."""
    chosen = query.chosen_roll_calls(votes, "separate")
    assert rcids(votes, chosen) == [94, 578, 1521, 5725, 5924]


@pytest.mark.parametrize(
    ("issue", "expected"),
    [("nuclear", [4379, 4393, 4494, 4510]), ("arms", [4379, 4494])],
)
def test_the_dataset_issue_code_narrows(votes: Votes, issue: str, expected: list[int]) -> None:
    assert rcids(votes, query.chosen_roll_calls(votes, "whole_text", issue)) == expected


# --- a State's record ---------------------------------------------------------------------


def test_record_by_year_counts_no_row_apart(votes: Votes) -> None:
    """China: 2002 abstains on 4393 and has no row in 4379; 2003 yes on 4510, no row in
    4494. Shares are of the recorded votes only."""
    frame = query.record_by_year(votes, number(votes, "China"), query.chosen_roll_calls(votes))
    assert frame[["year", "roll_calls", "yes", "abstain", "no", "no_row"]].values.tolist() == [
        [2002, 2, 0, 1, 0, 1],
        [2003, 2, 1, 0, 0, 1],
    ]
    assert frame[["yes_share", "abstain_share", "no_share"]].values.tolist() == [
        [0.0, 1.0, 0.0],
        [1.0, 0.0, 0.0],
    ]


def test_record_by_year_of_separate_votes(votes: Votes) -> None:
    """The United States in separate votes: 1948 no, 1959 abstain, 1974 yes, 2003 no, 2012 no."""
    frame = query.record_by_year(
        votes, number(votes, "United States"), query.chosen_roll_calls(votes, "separate")
    )
    assert frame[["year", "yes", "abstain", "no", "no_row"]].values.tolist() == [
        [1948, 0, 0, 1, 0],
        [1959, 0, 1, 0, 0],
        [1974, 1, 0, 0, 0],
        [2003, 0, 0, 1, 0],
        [2012, 0, 0, 1, 0],
    ]


def test_a_state_without_a_vote_in_the_view_has_an_empty_record(votes: Votes) -> None:
    frame = query.record_by_year(votes, number(votes, "Taiwan"), query.chosen_roll_calls(votes))
    assert frame.empty
    assert list(frame.columns) == list(query.YEAR_COLUMNS)


# --- the agreement index, by hand ---------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ([0, 1, 2], [0, 1, 2], (1.0, 3)),  # the same votes
        ([0, 2], [2, 0], (0.0, 2)),  # yes against no
        ([0, 2], [1, 1], (0.5, 2)),  # one abstains
        ([0, NO_ROW, 2], [0, 0, NO_ROW], (1.0, 1)),  # no row: left out
        ([NO_ROW], [0], (None, 0)),
    ],
)
def test_agreement_index(
    first: list[int], second: list[int], expected: tuple[float | None, int]
) -> None:
    assert query.agreement(np.array(first, np.int8), np.array(second, np.int8)) == expected


def test_agreement_by_year_computed_by_hand(votes: Votes) -> None:
    """United States and Russia on whole texts: 2002, 4379 no/abstain (0.5) and 4393 no/no
    (1): 0.75; 2003, 4494 no/no (1) and 4510 no/abstain (0.5): 0.75. With China: 2002, 4393
    no/abstain (0.5) over one roll call; 2003, 4510 no/yes (0) over one."""
    usa = number(votes, "United States")
    others = [number(votes, "Russia"), number(votes, "China")]
    chosen = query.chosen_roll_calls(votes)
    frame = query.agreement_by_year(votes, usa, others, chosen)
    assert frame.values.tolist() == [
        [2002, "Russia", 0.75, 2],
        [2003, "Russia", 0.75, 2],
        [2002, "China", 0.5, 1],
        [2003, "China", 0.0, 1],
    ]
    overall = query.agreement_overall(votes, usa, others, chosen)
    assert overall.values.tolist() == [["Russia", 0.75, 4], ["China", 0.25, 2]]


def test_agreement_of_separate_votes_computed_by_hand(votes: Votes) -> None:
    """United States and Russia: 94 no/yes 0, 578 abstain/yes 0.5, 1521 yes/yes 1, 5725
    no/yes 0, 5924 no/no 1: 2.5 / 5 = 0.5."""
    overall = query.agreement_overall(
        votes,
        number(votes, "United States"),
        [number(votes, "Russia")],
        query.chosen_roll_calls(votes, "separate"),
    )
    assert overall.values.tolist() == [["Russia", 0.5, 5]]


# --- one roll call ------------------------------------------------------------------------


def test_roll_call_states_and_totals(votes: Votes, mini: Dataset) -> None:
    row = query.roll_call_row(votes, "4494")
    assert row is not None
    call = query.roll_call(votes, row)
    assert (call.symbol, call.kind, call.whole_text_vote, call.yes, call.no) == (
        "A/RES/58/50",
        "whole_text",
        True,
        1,
        4,
    )
    frame = votes_view.roll_call_states(mini, votes, row, TODAY, "en")
    assert frame[["country", "country_code", "vote"]].values.tolist() == [
        ["France", "FR", "No"],
        ["Namibia", "NA", "Yes"],
        ["Russia", "RU", "No"],
        ["United Kingdom", "GB", "No"],
        ["United States", "US", "No"],
    ]


@pytest.mark.parametrize("rcid", ["x", "", None, "99999"])
def test_an_unknown_roll_call_has_no_row(votes: Votes, rcid: str | None) -> None:
    assert query.roll_call_row(votes, rcid) is None


def test_a_repeat_points_to_what_it_repeats(votes: Votes) -> None:
    repeat = query.roll_call_row(votes, 5695)
    original = query.roll_call_row(votes, 4379)
    assert repeat is not None and original is not None
    assert query.roll_call(votes, repeat).repeat_of == 4379
    assert query.repeated_by(votes, original) == [5695]
    assert query.whole_text_votes(votes, "A/RES/57/58") == [original]
    assert query.differing_states(votes, repeat, original).empty


def test_related_roll_calls_show_how_each_is_counted(votes: Votes) -> None:
    row = query.roll_call_row(votes, 4510)
    assert row is not None
    frame = votes_view.related_roll_calls(votes, row, "en")
    assert frame[["rcid", "kind", "counted", "totals"]].values.tolist() == [
        [4510, "Whole text", "Plenary vote on the whole text", "2–3–1"],
        [5725, "Paragraph or part", "Separate vote", "3–2–1"],
    ]
    repeat = query.roll_call_row(votes, 5695)
    assert repeat is not None
    shown = votes_view.related_roll_calls(votes, repeat, "zh")
    assert shown["counted"].tolist() == ["全体会议对整个案文的表决", "重复 4379：不计入"]


def test_an_unreadable_symbol_links_nothing(votes: Votes) -> None:
    row = query.roll_call_row(votes, 5924)
    assert row is not None
    call = query.roll_call(votes, row)
    assert (call.unres, call.symbol) == ("R/677/46", "")
    assert query.same_resolution(votes, row) == [row]


# --- says versus does ---------------------------------------------------------------------


def test_says_versus_does_for_an_assessed_state(votes: Votes, mini: Dataset) -> None:
    """Russia voted no on A/RES/58/50 (4494); OP4 addresses it (regressing since 2023), OP5
    too (not yet assessed in the fixture), OP10 does not."""
    frame = votes_view.says_versus_does(mini, votes, number(votes, "Russia"), TODAY, "en")
    assert frame[["resolution", "rcid", "vote", "commitment", "status"]].values.tolist() == [
        ["A/RES/58/50", 4494, "No", "OP4 · Calls upon", "Regressing"],
        ["A/RES/58/50", 4494, "No", "OP5 · Stresses ... and calls upon", "Not yet assessed"],
        ["A/RES/58/50", 4494, "No", "OP10 · Decides", "Not assessed by the tracker"],
    ]


def test_says_versus_does_for_every_state_that_voted(votes: Votes, mini: Dataset) -> None:
    """Namibia is no actor of the data: its vote is shown, its commitments not assessed."""
    frame = votes_view.says_versus_does(mini, votes, number(votes, "Namibia"), TODAY, "zh")
    assert frame[["vote", "status"]].values.tolist() == [["赞成", "本工具未评估"]] * 3


def test_says_versus_does_without_a_roll_call(votes: Votes, mini: Dataset) -> None:
    """China has no row in 4494: 'no row', never 'abstain'."""
    frame = votes_view.says_versus_does(mini, votes, number(votes, "China"), TODAY, "en")
    assert set(frame["vote"]) == {"No row (absent, not voting or not a member)"}


def test_roll_call_states_carry_the_tracked_status(votes: Votes, mini: Dataset) -> None:
    row = query.roll_call_row(votes, 4494)
    assert row is not None
    frame = votes_view.roll_call_states(mini, votes, row, TODAY, "en")
    tracked = dict(zip(frame["country"], frame["tracked"], strict=True))
    assert tracked == {
        "France": "Not assessed by the tracker",
        "Namibia": "Not assessed by the tracker",
        "Russia": "OP4: Regressing · OP5: Not yet assessed",
        "United Kingdom": "OP5: Not applicable",
        "United States": "OP4: No progress · OP5: Not yet assessed",
    }
    only_yes = votes_view.roll_call_states(mini, votes, row, TODAY, "en", ("yes",))
    assert only_yes["country"].tolist() == ["Namibia"]


def test_the_state_record_view_is_built_once(votes: Votes) -> None:
    first = votes_view.state_record(votes, 0, "whole_text", None, (1,), "en")
    assert votes_view.state_record(votes, 0, "whole_text", None, (1,), "en") is first


# --- caveats and search -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_caveat_of_sources_is_in_the_text(lang: str) -> None:
    text = votes_view.caveats_markdown(lang)
    for needle in ("2019-12-12", "5000", "4379", "2002-11-07", "17", "Russia", "Taiwan", "1971"):
        assert needle in text
    assert len(votes_view.caveats(lang)) == len(votes_view.CAVEATS)


@pytest.mark.parametrize(
    ("state", "expected"), [("Russia", "Soviet"), ("Taiwan", "1971"), ("France", None)]
)
def test_state_notes(state: str, expected: str | None) -> None:
    note = votes_view.state_note(state, "en")
    assert (note is None) if expected is None else (expected in (note or ""))


@pytest.mark.parametrize(
    ("words", "first"), [("R/58/50", "4494"), ("4379", "4379"), ("NON-STRATIGIC", "4379")]
)
def test_search_finds_roll_calls(votes: Votes, words: str, first: str) -> None:
    hits = search(query.roll_call_entries(votes), words, "en")
    assert hits and hits[0].kind == "roll_call" and hits[0].id == first


def test_the_loaded_votes_are_shared() -> None:
    """One load per content: a second call gives the same object."""
    votes_table._seen.clear()
    assert load_votes(FIXTURE) is load_votes(FIXTURE)
