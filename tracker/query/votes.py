"""Questions about the recorded votes (`tracker.source.votes_table.Votes`): which roll calls
a view counts, a State's record by year, its agreement with other States, the votes of one
roll call and the other roll calls of its resolution, the plenary vote on a resolution's whole
text, and the roll calls as search entries.

A view counts a roll call once: a 2021 record that repeats an older one (`repeat_of`) is shown
where its roll call is shown, and counted nowhere. Votes on a paragraph or an amendment are
counted apart from votes on whole texts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from tracker.query.search import Entry, Field
from tracker.source.votes_table import KINDS, NO_ROW, VOTE_VALUES, Votes

# What a view counts: votes on whole texts, or separate votes on paragraphs and amendments.
VIEWS: dict[str, tuple[str, ...]] = {
    "whole_text": ("whole_text",),
    "separate": ("paragraph", "amendment"),
}
# The dataset's issue labels a view can be narrowed to, by the id the URL carries.
ISSUES = {
    "arms": "Arms control and disarmament",
    "nuclear": "Nuclear weapons and nuclear material",
}
NO_ROW_LABEL = "no_row"
YEAR_COLUMNS = (
    "year",
    "roll_calls",
    *VOTE_VALUES,
    NO_ROW_LABEL,
    *(f"{value}_share" for value in VOTE_VALUES),
)


def state_number(votes: Votes, name: str | None) -> int | None:
    """The column of the State called `name` (the dataset's name) in `votes.matrix`."""
    if not name:
        return None
    return _state_numbers(votes).get(name)


@functools.lru_cache(maxsize=4)
def _state_numbers(votes: Votes) -> dict[str, int]:
    return {name: number for number, name in enumerate(votes.states)}


@functools.lru_cache(maxsize=4)
def _issue_flags(votes: Votes) -> dict[str, np.ndarray]:
    issues = votes.roll_calls["issues"]
    return {
        key: pc.match_substring(issues, label).to_numpy(zero_copy_only=False)
        for key, label in ISSUES.items()
    }


def chosen_roll_calls(
    votes: Votes, view: str = "whole_text", issue: str | None = None
) -> np.ndarray:
    """Which roll calls (a mask over `votes.roll_calls`) a view counts: those of its kinds
    (see VIEWS), with the dataset's `issue` label when one is given, never a repeat."""
    kinds = [KINDS.index(kind) for kind in VIEWS[view]]
    mask = votes.counted & np.isin(votes.kind, kinds)
    if issue is not None:
        mask &= _issue_flags(votes)[issue]
    return mask


def _state_years(votes: Votes, state: int, mask: np.ndarray) -> tuple[int, int] | None:
    """The first and last year in which the State has a row among the chosen roll calls."""
    years = votes.year[mask & (votes.matrix[:, state] != NO_ROW)]
    if not len(years):
        return None
    return int(years.min()), int(years.max())


def record_by_year(votes: Votes, state: int, mask: np.ndarray) -> pd.DataFrame:
    """Per year (of the dataset's dates), from the State's first recorded vote among the
    chosen roll calls to its last: how many roll calls were chosen, how the State voted in
    them, in how many it has no row, and the share of each vote among its recorded votes."""
    span = _state_years(votes, state, mask)
    if span is None:
        return pd.DataFrame({name: pd.Series(dtype="int64") for name in YEAR_COLUMNS[:6]}).assign(
            **{f"{value}_share": pd.Series(dtype="float64") for value in VOTE_VALUES}
        )
    first, last = span
    chosen = mask & (votes.year >= first) & (votes.year <= last)
    years = votes.year[chosen].astype(np.int64) - first
    codes = votes.matrix[chosen, state].astype(np.int64) + 1  # 0 for no row
    size = last - first + 1
    counts = np.bincount(years * 4 + codes, minlength=size * 4).reshape(size, 4)
    keep = counts.sum(axis=1) > 0
    counts = counts[keep]
    cast = counts[:, 1:].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(cast[:, None] > 0, counts[:, 1:] / cast[:, None], np.nan)
    frame = {
        "year": np.arange(first, last + 1)[keep],
        "roll_calls": counts.sum(axis=1),
        **{value: counts[:, n + 1] for n, value in enumerate(VOTE_VALUES)},
        NO_ROW_LABEL: counts[:, 0],
        **{f"{value}_share": shares[:, n] for n, value in enumerate(VOTE_VALUES)},
    }
    return pd.DataFrame(frame, columns=list(YEAR_COLUMNS))


def agreement(first: np.ndarray, second: np.ndarray) -> tuple[float | None, int]:
    """The agreement index of two States' vote codes over the same roll calls, and the number
    of roll calls in which both cast a vote (yes, abstain or no).

    Each such roll call scores 1 when both cast the same vote, 0.5 when one abstained and the
    other voted yes or no, 0 when one voted yes and the other no; the index is their mean
    (the 'agree' index of the Voeten UN voting data, Bailey, Strezhnev and Voeten 2017, with
    abstention as half agreement). Roll calls where either has no row are left out; with
    none left, the index is None.
    """
    both = (first != NO_ROW) & (second != NO_ROW)
    joint = int(both.sum())
    if not joint:
        return None, 0
    distance = np.abs(first[both].astype(np.int64) - second[both].astype(np.int64))
    return float(1.0 - distance.sum() / (2.0 * joint)), joint


AGREEMENT_COLUMNS = ("year", "state", "agreement", "joint")


def agreement_by_year(
    votes: Votes, state: int, others: Sequence[int], mask: np.ndarray
) -> pd.DataFrame:
    """Per other State and year: the agreement index (see `agreement`) of the State with it
    over the chosen roll calls of that year, and the roll calls in which both voted; years
    with no such roll call are left out."""
    chosen = np.flatnonzero(mask)
    found, year = np.unique(votes.year[chosen], return_inverse=True)
    own = votes.matrix[chosen, state].astype(np.int64)
    parts = []
    for other in others:
        theirs = votes.matrix[chosen, other].astype(np.int64)
        both = (own != NO_ROW) & (theirs != NO_ROW)
        joint = np.bincount(year[both], minlength=len(found))
        apart = np.bincount(year[both], np.abs(own - theirs)[both], minlength=len(found))
        kept = joint > 0
        parts.append(
            pd.DataFrame(
                {
                    "year": found[kept].astype(np.int64),
                    "state": votes.states[other],
                    "agreement": 1.0 - apart[kept] / (2.0 * joint[kept]),
                    "joint": joint[kept],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=list(AGREEMENT_COLUMNS))
    return pd.concat(parts, ignore_index=True)


def agreement_overall(
    votes: Votes, state: int, others: Sequence[int], mask: np.ndarray
) -> pd.DataFrame:
    """Per other State: the agreement index over every chosen roll call, and their number."""
    chosen = np.flatnonzero(mask)
    own = votes.matrix[chosen, state]
    rows = []
    for other in others:
        score, joint = agreement(own, votes.matrix[chosen, other])
        rows.append((votes.states[other], score, joint))
    return pd.DataFrame(rows, columns=["state", "agreement", "joint"])


STATE_VOTE_COLUMNS = ("rcid", "date", "symbol", "part", "kind", "short", "vote")


def state_roll_calls(votes: Votes, state: int, mask: np.ndarray) -> pd.DataFrame:
    """The chosen roll calls from the State's first recorded year to its last, newest first,
    with its vote (NO_ROW_LABEL where the dataset has no row for it)."""
    span = _state_years(votes, state, mask)
    if span is None:
        return pd.DataFrame(columns=list(STATE_VOTE_COLUMNS))
    chosen = mask & (votes.year >= span[0]) & (votes.year <= span[1])
    rows = np.flatnonzero(chosen)[::-1]
    labels = np.asarray([*VOTE_VALUES, NO_ROW_LABEL], dtype=object)
    frame = {
        "rcid": votes.rcid[rows],
        **{name: _take(votes, name, rows) for name in ("date", "symbol", "part", "kind", "short")},
        "vote": labels[votes.matrix[rows, state]],
    }
    return pd.DataFrame(frame, columns=list(STATE_VOTE_COLUMNS))


def _take(votes: Votes, name: str, rows: np.ndarray) -> list[object]:
    values = votes.column(name)
    return [values[row] for row in rows.tolist()]


# --- one roll call -----------------------------------------------------------------------


def roll_call_row(votes: Votes, rcid: int | str | None) -> int | None:
    """The row of roll call `rcid` (a number, or its text), None when there is none."""
    try:
        return votes.row_of.get(int(str(rcid)))
    except ValueError:
        return None


@dataclass(frozen=True)
class RollCall:
    """One roll call's columns as Python values (see `Votes.roll_calls`)."""

    rcid: int
    session: int
    date: object
    year: int
    unres: str
    symbol: str
    part: str
    kind: str
    repeat_of: int | None
    whole_text_vote: bool
    importantvote: int | None
    amend: int | None
    para: int | None
    short: str
    descr: str
    issues: str
    yes: int
    abstain: int
    no: int


def roll_call(votes: Votes, row: int) -> RollCall:
    names = RollCall.__dataclass_fields__
    return RollCall(**{name: votes.column(name)[row] for name in names})  # type: ignore[arg-type]


def same_resolution(votes: Votes, row: int) -> list[int]:
    """The rows of every roll call on the same resolution (its symbol, any part; or the same
    dataset symbol where none is read), this one included, in rcid order."""
    symbol = votes.column("symbol")[row]
    key, column = (symbol, "symbol") if symbol else (votes.column("unres")[row], "unres")
    if not key:
        return [row]
    values = votes.column(column)
    return [n for n, value in enumerate(values) if value == key]


def differing_states(votes: Votes, row: int, other: int) -> pd.DataFrame:
    """The States whose vote differs between two roll calls (a row in one only counts)."""
    first, second = votes.matrix[row], votes.matrix[other]
    differ = np.flatnonzero(first != second)
    labels = [*VOTE_VALUES, NO_ROW_LABEL]
    return pd.DataFrame(
        {
            "country": [votes.states[n] for n in differ.tolist()],
            "vote": [labels[code] for code in first[differ].tolist()],
            "other_vote": [labels[code] for code in second[differ].tolist()],
        }
    )


def repeated_by(votes: Votes, row: int) -> list[int]:
    """The rcids of the 2021 records that repeat roll call `row`."""
    rcid = int(votes.rcid[row])
    return [
        int(votes.rcid[n])
        for n in same_resolution(votes, row)
        if votes.column("repeat_of")[n] == rcid
    ]


def whole_text_votes(votes: Votes, symbol: str) -> list[int]:
    """The rows of the plenary votes on the whole text of resolution `symbol` (one per part;
    never a repeat), in rcid order."""
    rows = _by_symbol(votes).get(symbol, ())
    counted = votes.column("whole_text_vote")
    return [row for row in rows if counted[row]]


@functools.lru_cache(maxsize=4)
def _by_symbol(votes: Votes) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for row, symbol in enumerate(votes.column("symbol")):
        if symbol:
            found.setdefault(str(symbol), []).append(row)
    return {symbol: tuple(rows) for symbol, rows in found.items()}


# --- search ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def roll_call_entries(votes: Votes) -> tuple[Entry, ...]:
    """Every roll call as a search entry: its rcid, symbols (the tracker's and the dataset's),
    date, short title and description."""
    columns = [votes.column(name) for name in ("rcid", "symbol", "unres", "date", "short", "descr")]
    return tuple(
        Entry(
            "roll_call",
            str(rcid),
            (
                Field("id", None, str(rcid)),
                Field("symbol", None, f"{symbol} {unres}".strip()),
                Field("date", None, str(date)),
                Field("short", None, str(short)),
                Field("descr", None, str(descr)),
            ),
        )
        for rcid, symbol, unres, date, short, descr in zip(*columns, strict=True)
    )
