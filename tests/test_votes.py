"""Recorded votes: read as text, and checked against the totals the data states."""

from __future__ import annotations

from pathlib import Path

from tests.test_loader import MINI_TEXT, load_text
from tracker.source.votes import read_vote_records, vote_totals

RECORDS = Path("data/votes/votes_A_RES_58_50.csv")


def test_namibia_keeps_its_code() -> None:
    """'NA' is Namibia's code, not a missing value."""
    assert read_vote_records(RECORDS)["NA"][0] == "Namibia"


def test_totals_match_the_press_release() -> None:
    totals = vote_totals(read_vote_records(RECORDS))
    assert (totals["yes"], totals["no"], totals["abstain"], totals["non-voting"]) == (
        128,
        4,
        43,
        16,
    )


def test_records_disagreeing_with_stated_totals_are_a_problem(tmp_path: Path) -> None:
    dataset, problems = load_text(MINI_TEXT.replace("in_favour: 128", "in_favour: 129"), tmp_path)
    assert dataset is None
    assert [code for code, _ in problems] == ["vote-mismatch"]


def test_a_wrong_list_of_states_against_is_a_problem(tmp_path: Path) -> None:
    text = MINI_TEXT.replace(
        "voted_against:\n    - RUS\n    - GBR\n    - USA\n", "voted_against:\n    - RUS\n"
    )
    assert text != MINI_TEXT
    dataset, problems = load_text(text, tmp_path)
    assert dataset is None
    assert [code for code, _ in problems] == ["vote-mismatch"]
