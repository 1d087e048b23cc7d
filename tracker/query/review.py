"""Status review meetings: what changed between two dates, the agenda that follows from it, and
the decisions a meeting recorded, as a table and as Excel-safe CSV.

Functions of a dataset and dates; the page and the meeting brief are clients of them. What
does not depend on the window is indexed once per dataset; the changes and agenda of the last
few windows are kept with it; the agenda's items and the stale judgements are made when read, so
that a rerun at the size of all disarmament resolutions costs what its page shows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.languages import Language, text_of
from tracker.domain.model import (
    Assessment,
    Commitment,
    Dataset,
    DatePrecision,
    Direction,
    Evidence,
    Review,
    partial_date_end,
)
from tracker.domain.scale import not_judged, status_groups
from tracker.domain.transitions import Transition
from tracker.query.corrections import CorrectedJudgement, corrections, corrections_recorded
from tracker.query.index import NEVER, TRANSITIONS, DatasetIndex, Pair, carrying, derived, index_of
from tracker.source.columns import Records

T = TypeVar("T")

# Evidence in this field comes once a year at best (FAS Nuclear Notebook, SIPRI Yearbook): a
# judgement whose newest evidence is older than that has missed at least one such edition.
DEFAULT_STALE_AFTER_DAYS = 365
# A quarter: the usual interval between review meetings, used before the first one is recorded.
DEFAULT_WINDOW_DAYS = 91
# Windows whose changes and agenda are kept per dataset: a page reruns on every click with the
# same window, and a meeting moves between a few 'as of' days.
WINDOWS_KEPT = 8
# The longest a partial date can span from its first to its last day (a leap year).
_LONGEST_PERIOD = dt.timedelta(days=366)


# --- what changed ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewAssessment:
    """An assessment dated in the window, and the move it makes against the pair's previous
    judgement (`analysis.transitions`: 'not yet assessed' is not a judgement)."""

    assessment: Assessment
    transition: Transition
    previous_status: str | None
    """The status of the pair's previous judgement; None when there was none."""

    @property
    def pair(self) -> Pair:
        return Pair(self.assessment.commitment, self.assessment.actor)


@dataclass(frozen=True)
class StalePair:
    """A judgement in force at the end of the window whose newest cited evidence is older
    than the threshold."""

    pair: Pair
    assessment: str
    status: str
    newest_evidence: dt.date
    days: int


class _MadeWhenRead(Sequence[T]):
    """A read-only sequence whose elements `_make` makes when they are read."""

    @abstractmethod
    def _make(self, at: int) -> T: ...

    @overload
    def __getitem__(self, at: int) -> T: ...

    @overload
    def __getitem__(self, at: slice) -> list[T]: ...

    def __getitem__(self, at: int | slice) -> T | list[T]:
        if isinstance(at, slice):
            return [self._make(number) for number in range(*at.indices(len(self)))]
        if not -len(self) <= at < len(self):
            raise IndexError(f"{at} is out of range for {len(self)} items")
        return self._make(at % len(self))

    def take(self, positions: Iterable[int]) -> list[T]:
        """The elements at `positions` (a page of a table), made in one go where they can be."""
        return [self[at] for at in positions]

    def __iter__(self) -> Iterator[T]:
        yield from self.take(range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def shown_items(records: Sequence[T], positions: Iterable[int]) -> list[T]:
    """`records[at]` for each of `positions`: one batch when `records` makes its elements
    when read (a record built per row is one Arrow take per row)."""
    if isinstance(records, _MadeWhenRead | Records):
        return list(records.take(list(positions)))
    return [records[at] for at in positions]


def evidence_of_commitments(
    items: Records[Evidence], keep: Callable[[str], bool]
) -> Records[Evidence]:
    """The items about a commitment `keep` accepts, still built only when read."""
    refs = items.column("commitments")
    kept = [ref for ref in pc.unique(pc.list_flatten(refs)).to_pylist() if keep(ref)]
    return items.view(np.flatnonzero(carrying(refs, kept)))


def _of_commitments(
    index: _ReviewIndex, rows: np.ndarray, keep: Callable[[str], bool]
) -> np.ndarray:
    """Which of `rows` (of the assessed pairs) are about a commitment `keep` accepts."""
    kept = np.asarray([keep(commitment.id) for commitment in index.dataset.ordered], dtype=bool)
    found: np.ndarray = kept[index.row_slot[rows]]
    return found


class StaleJudgements(_MadeWhenRead[StalePair]):
    """The stale judgements of a window, in the status table's order (`analysis.status_table`):
    rows of the dataset's assessed pairs and the positions of their judgements in force, each
    `StalePair` made when it is read (a year's window over all disarmament resolutions holds
    tens of thousands, of which a page shows a few)."""

    def __init__(
        self, index: _ReviewIndex, end: dt.date, rows: np.ndarray, positions: np.ndarray
    ) -> None:
        self._index = index
        self._end = end
        self._rows = rows
        self._positions = positions

    def __len__(self) -> int:
        return len(self._rows)

    def of_commitments(self, keep: Callable[[str], bool]) -> StaleJudgements:
        """Those whose commitment `keep` accepts, still made only when read."""
        chosen = _of_commitments(self._index, self._rows, keep)
        return StaleJudgements(self._index, self._end, self._rows[chosen], self._positions[chosen])

    def _make(self, at: int) -> StalePair:
        return self.take([at])[0]

    def take(self, positions: Iterable[int]) -> list[StalePair]:
        ats = np.asarray([at % len(self) for at in positions], dtype=np.int64)
        places = self._positions[ats]
        index = self._index.dataset
        found = []
        for row, place, current in zip(
            self._rows[ats].tolist(), places.tolist(), index.sorted.take(places), strict=True
        ):
            newest = index.newest_cited(place)
            assert newest is not None, "a stale judgement cites evidence"
            found.append(
                StalePair(
                    pair=index.pairs[row],
                    assessment=current.id,
                    status=current.status,
                    newest_evidence=newest,
                    days=(self._end - newest).days,
                )
            )
        return found

    def __repr__(self) -> str:
        return f"StaleJudgements({len(self)} on {self._end})"

    def of_rows(self, first: int, stop: int) -> range:
        """Which of these are about the pairs of rows `first` to `stop` (excluded)."""
        lo, hi = np.searchsorted(self._rows, [first, stop])
        return range(int(lo), int(hi))

    @property
    def rows(self) -> np.ndarray:
        """The row of each in the dataset's assessed pairs, ascending."""
        return self._rows


@dataclass(frozen=True)
class Contradiction:
    """Evidence the pair's current judgement does not cite, that may date from after it, and
    whose direction opposes the status (regression against progress, progress against
    regression or no progress)."""

    pair: Pair
    assessment: Assessment
    evidence: Evidence


class Contradictions(_MadeWhenRead[Contradiction]):
    """The contradictions of a window, in the status table's order, each made when it is
    read: the row of its pair among the assessed pairs, the position of the judgement in
    force among the sorted assessments and the item's among the review index's evidence (a
    year's window at full size holds about ten thousand, of which a page shows a few)."""

    def __init__(
        self, index: _ReviewIndex, rows: np.ndarray, positions: np.ndarray, items: np.ndarray
    ) -> None:
        self._index = index
        self._rows = rows
        self._positions = positions
        self._items = items

    def __len__(self) -> int:
        return len(self._rows)

    def _make(self, at: int) -> Contradiction:
        return self.take([at])[0]

    def take(self, positions: Iterable[int]) -> list[Contradiction]:
        ats = np.asarray([at % len(self) for at in positions], dtype=np.int64)
        pairs = self._index.dataset.pairs
        currents = self._index.dataset.sorted.take(self._positions[ats])
        items = self._index.evidence.take(self._items[ats])
        rows = self._rows[ats].tolist()
        return [
            Contradiction(pairs[r], a, e) for r, a, e in zip(rows, currents, items, strict=True)
        ]

    def of_commitments(self, keep: Callable[[str], bool]) -> Contradictions:
        """Those whose commitment `keep` accepts, still made only when read."""
        chosen = _of_commitments(self._index, self._rows, keep)
        return Contradictions(
            self._index, self._rows[chosen], self._positions[chosen], self._items[chosen]
        )

    def listed(self) -> list[tuple[Pair, str]]:
        """Each one's pair and evidence id, no record built."""
        evidence = self._index.evidence
        ids = evidence.table.column("id").take(pa.array(evidence.rows(self._items))).to_pylist()
        pairs = self._index.dataset.pairs
        return [(pairs[row], ref) for row, ref in zip(self._rows.tolist(), ids, strict=True)]

    def __repr__(self) -> str:
        return f"Contradictions({len(self)})"


class Count(StrEnum):
    """The headline numbers of a window besides the transitions of its new assessments."""

    ASSESSMENTS = "assessments"
    EVIDENCE = "evidence"
    STALE = "stale"
    CONTRADICTIONS = "contradictions"
    CORRECTIONS = "corrections"


@dataclass(frozen=True)
class Changes:
    """What changed in the window (start, end]: the start day is excluded, so that what a
    review decided on its day is not new again at the next one."""

    start: dt.date
    end: dt.date
    stale_after_days: int
    assessments: tuple[NewAssessment, ...]
    evidence: Records[Evidence]
    stale: StaleJudgements
    contradictions: Contradictions
    corrections: tuple[CorrectedJudgement, ...] = ()
    """Corrections of the record *recorded* in the window, whatever day they speak for: not
    changes in the world, so neither among `assessments` nor in any transition count."""

    @property
    def counts(self) -> dict[Count | Transition, int]:
        """Headline numbers, in display order: new assessments and each kind of transition
        (in `Transition` order), new evidence, stale judgements, contradictions and corrections
        of the record."""
        moves = [item.transition for item in self.assessments]
        return {
            Count.ASSESSMENTS: len(self.assessments),
            **{transition: moves.count(transition) for transition in Transition},
            Count.EVIDENCE: len(self.evidence),
            Count.STALE: len(self.stale),
            Count.CONTRADICTIONS: len(self.contradictions),
            Count.CORRECTIONS: len(self.corrections),
        }


# Transitions that change the status shown: a first judgement, an improvement or a worsening.
# A confirmation ('unchanged') and a 'not yet assessed' record change nothing a reader sees.
REAL_MOVES = frozenset({Transition.FIRST, Transition.IMPROVED, Transition.WORSENED})


@dataclass(frozen=True)
class RealChanges:
    """A window's changes sorted by what they mean to a reader: `moves` changed the status
    shown (and are no correction), `corrections` fixed the record (those recorded in the
    window, `Changes.corrections`), `rest` changed nothing shown (confirmations, 'not yet
    assessed', and the judgements that are corrections, listed with those)."""

    moves: tuple[NewAssessment, ...]
    corrections: tuple[CorrectedJudgement, ...]
    rest: tuple[NewAssessment, ...]


def real_changes(changes: Changes) -> RealChanges:
    """`changes` sorted into real moves, corrections and the rest. The assessments a
    correction replaced are in none: the index holds the record as corrected."""
    moves: list[NewAssessment] = []
    rest: list[NewAssessment] = []
    for new in changes.assessments:
        if new.transition in REAL_MOVES and new.assessment.corrects is None:
            moves.append(new)
        else:
            rest.append(new)
    return RealChanges(tuple(moves), changes.corrections, tuple(rest))


def default_start(dataset: Dataset, today: dt.date) -> dt.date:
    """Where 'what changed' starts by default: the date of the last review held before
    `today` (a review dated today is the meeting in progress, whose window runs from the one
    before); with no earlier review, a quarter before `today` (`DEFAULT_WINDOW_DAYS`)."""
    earlier = [review.date for review in dataset.reviews if review.date < today]
    return max(earlier, default=today - dt.timedelta(days=DEFAULT_WINDOW_DAYS))


def changes_between(
    dataset: Dataset,
    start: dt.date,
    end: dt.date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
) -> Changes:
    """What changed after `start` up to and including `end`.

    - New assessments: dated in the window, each with its transition.
    - New evidence: evidence records have no 'added on' date, so "new" means *dated* in the
      window. A partial date ('2024-06', '2024') counts as new in every window its period
      overlaps, so an item of month precision is never missed between two meetings held in
      the same month (it may then be listed by both).
    - Stale: judgements in force on `end` whose newest cited evidence is more than
      `stale_after_days` days older than `end` (pairs citing no evidence are not stale).
    - Contradictions: in force on `end`, see `Contradiction`.
    - Corrections: recorded in the window (`Changes.corrections`). An assessment another
      corrects is in none of the above: the record of what stands leaves it out
      (`tracker.query.corrections`), so a correction never shows as a move.

    The answer for a window is kept with the dataset (the last `WINDOWS_KEPT` windows): the
    same window asked again is the same `Changes` object.
    """
    if start > end:
        raise ValueError(f"the window starts ({start}) after it ends ({end})")
    if stale_after_days < 0:
        raise ValueError("stale_after_days cannot be negative")
    memo = _windows(dataset)
    key = (start, end, stale_after_days)
    known = memo.get(key)
    if known is not None:
        return known[0]
    index = _review_index(dataset)
    changes = Changes(
        start=start,
        end=end,
        stale_after_days=stale_after_days,
        assessments=tuple(_new_assessments(index, start, end)),
        evidence=index.dated_in(start, end),
        stale=_stale(index, end, stale_after_days),
        contradictions=_contradictions(index, end),
        corrections=corrections_recorded(all_corrections(dataset), start, end),
    )
    return memo.put(key, changes)


def all_corrections(dataset: Dataset) -> tuple[CorrectedJudgement, ...]:
    """`corrections.corrections` of the dataset, computed once per dataset."""
    return derived(dataset, "corrections", corrections)


class _Windows:
    """The changes (and, once asked, the agenda) of the last `WINDOWS_KEPT` windows of one
    dataset, newest last; shared by every session that reads the dataset."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple[dt.date, dt.date, int], tuple[Changes, Agenda | None]] = (
            OrderedDict()
        )

    def get(self, key: tuple[dt.date, dt.date, int]) -> tuple[Changes, Agenda | None] | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key: tuple[dt.date, dt.date, int], changes: Changes) -> Changes:
        """Keep `changes` unless another thread kept the same window first; the kept one."""
        with self._lock:
            found = self._kept.setdefault(key, (changes, None))
            self._kept.move_to_end(key)
            while len(self._kept) > WINDOWS_KEPT:
                self._kept.popitem(last=False)
            return found[0]

    def agenda_of(self, changes: Changes) -> Agenda | None:
        found = self.get(_window_of(changes))
        return found[1] if found is not None and found[0] is changes else None

    def keep_agenda(self, changes: Changes, items: Agenda) -> None:
        key = _window_of(changes)
        with self._lock:
            found = self._kept.get(key)
            if found is not None and found[0] is changes:
                self._kept[key] = (changes, items)


def _window_of(changes: Changes) -> tuple[dt.date, dt.date, int]:
    return (changes.start, changes.end, changes.stale_after_days)


def _windows(dataset: Dataset) -> _Windows:
    return derived(dataset, "review.windows", lambda _: _Windows())


def _dated_in(item: Evidence, start: dt.date, end: dt.date) -> bool:
    return item.start <= end and partial_date_end(item.date) > start


@dataclass(frozen=True)
class _ReviewIndex:
    """What the review asks of a dataset whatever the window: built once per dataset.

    The evidence sorted by (start, id) (`evidence`, with the first and last day each can mean
    in `starts` and `ends`). Arrays over the dataset index's assessments
    (`DatasetIndex.sorted`, by pair then date): `by_day` lists them by date (`days_by_day`
    their ordinals); `opposed` (the code, in `Direction` order, of the evidence direction
    that contradicts its status; -1 for none) is per assessment (their day and newest cited
    evidence are the dataset index's `days` and `newest_day`). The `about_*`
    arrays flatten, row by row of the assessed pairs (`DatasetIndex.pairs`, the status
    table's rows), the evidence about each pair in (start, id) order: its row, its position
    in `evidence`, and that item's first and last day (ordinals) and direction code.
    `pair_rows` gives the rows of each commitment's pairs (`first`, `stop`), and `row_slot`
    the position of each row's commitment in `DatasetIndex.ordered` (paragraph order).
    `moves` and `previous` give each sorted assessment's transition and the status of the
    pair's judgement before it (neither depends on the end of a window)."""

    dataset: DatasetIndex
    evidence: Records[Evidence]
    starts: tuple[dt.date, ...]
    ends: tuple[dt.date, ...]
    by_day: np.ndarray
    days_by_day: np.ndarray
    opposed: np.ndarray
    about_row: np.ndarray
    about_item: np.ndarray
    about_start: np.ndarray
    about_end: np.ndarray
    about_direction: np.ndarray
    pair_rows: dict[str, list[tuple[int, int]]]
    row_slot: np.ndarray
    moves: list[Transition]
    previous: list[str | None]

    def dated_in(self, start: dt.date, end: dt.date) -> Records[Evidence]:
        """`_dated_in` items, in (start, id) order, built when read. An item that starts a
        longest period or more before `start` ends before it, so the scan begins there."""
        earliest = start - _LONGEST_PERIOD if start > dt.date.min + _LONGEST_PERIOD else start
        first = bisect.bisect_left(self.starts, earliest) if earliest < start else 0
        stop = bisect.bisect_right(self.starts, end)
        found = [at for at in range(first, max(first, stop)) if self.ends[at] > start]
        return self.evidence.view(np.asarray(found, dtype=np.int64))


def _build_review_index(dataset: Dataset) -> _ReviewIndex:
    index = index_of(dataset)
    # By (start, id): the newest-first order reversed (ids are unique). Read from columns;
    # an item is built only when a window shows it.
    by_start = index.newest_first[::-1]
    ordered = index.evidence.view(by_start)
    starts = tuple(dt.date.fromordinal(day) for day in index.evidence_days[by_start].tolist())
    ends = tuple(partial_date_end(date) for date in ordered.column("date").to_pylist())
    by_day = np.argsort(index.days, kind="stable")
    directions = {direction: code for code, direction in enumerate(Direction)}
    opposing = {status: directions[d] for status, d in _opposing(dataset).items()}
    pair_rows: dict[str, list[tuple[int, int]]] = {}
    slots: list[int] = []
    for listed in dataset.commitments:
        first = len(slots)
        slots += [index.position[listed.id]] * len(listed.addressed.actors)
        pair_rows.setdefault(listed.id, []).append((first, len(slots)))
    rows_of: dict[Pair, list[int]] = {}
    for row, pair in enumerate(index.pairs):
        rows_of.setdefault(pair, []).append(row)
    rows: list[int] = []
    items: list[int] = []
    refs = zip(
        ordered.column("commitments").to_pylist(), ordered.column("actors").to_pylist(), strict=True
    )
    for position, (commitments, actors) in enumerate(refs):
        for commitment in dict.fromkeys(commitments):
            for actor in dict.fromkeys(actors):
                for row in rows_of.get(Pair(commitment, actor), ()):
                    rows.append(row)
                    items.append(position)
    found = index.moves
    moves = [TRANSITIONS[kind] for kind in found.transition.tolist()]
    directions_of = [directions[Direction(d)] for d in ordered.column("direction").to_pylist()]
    about_row = np.asarray(rows, dtype=np.int64)
    by_row = np.argsort(about_row, kind="stable")
    about_item = np.asarray(items, dtype=np.int64)[by_row]
    return _ReviewIndex(
        dataset=index,
        evidence=ordered,
        starts=starts,
        ends=ends,
        by_day=by_day,
        days_by_day=index.days[by_day],
        opposed=np.asarray([*(opposing.get(s, -1) for s in index.statuses), -1], np.int64)[
            index.status_numbers
        ],
        about_row=about_row[by_row],
        about_item=about_item,
        about_start=np.asarray([starts[i].toordinal() for i in items], np.int64)[by_row],
        about_end=np.asarray([ends[i].toordinal() for i in items], np.int64)[by_row],
        about_direction=np.asarray([directions_of[i] for i in items], np.int64)[by_row],
        pair_rows=pair_rows,
        row_slot=np.asarray(slots, dtype=np.int64),
        moves=moves,
        previous=found.previous,
    )


def _review_index(dataset: Dataset) -> _ReviewIndex:
    return derived(dataset, "review.index", _build_review_index)


def _new_assessments(index: _ReviewIndex, start: dt.date, end: dt.date) -> list[NewAssessment]:
    """The assessments dated in the window, each with its move against the pair's previous
    judgement, by (date, id)."""
    lo, hi = np.searchsorted(index.days_by_day, [start.toordinal(), end.toordinal()], "right")
    positions = index.by_day[lo:hi]
    found = [
        NewAssessment(assessment, index.moves[at], index.previous[at])
        for at, assessment in zip(
            positions.tolist(), index.dataset.sorted.take(positions), strict=True
        )
    ]
    return sorted(found, key=lambda item: (item.assessment.date, item.assessment.id))


def _in_force(index: _ReviewIndex, end: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """For each assessed pair (row): whether a judgement is in force on `end`, and where it
    is in the sorted assessments (meaningless where none is)."""
    position = index.dataset.pair_positions(end)
    return position >= 0, np.maximum(position, 0)


def _stale(index: _ReviewIndex, end: dt.date, threshold: int) -> StaleJudgements:
    """The status table's rows (`analysis.status_table`) with a judgement in force whose
    `stale_days` exceeds the threshold."""
    if not len(index.dataset.days):
        empty = np.zeros(0, dtype=np.int64)
        return StaleJudgements(index, end, empty, empty)
    has, position = _in_force(index, end)
    newest = index.dataset.newest_day[position]
    rows = np.flatnonzero(has & (newest != NEVER) & (end.toordinal() - newest > threshold))
    return StaleJudgements(index, end, rows, position[rows])


def _opposing(dataset: Dataset) -> dict[str, Direction]:
    """Status id -> the evidence direction that contradicts it. 'Progressing' statuses and
    the rest of the judged scale come from the methodology (`charts.status_groups`)."""
    method = dataset.methodology
    progressing = {level.id for level in status_groups(dataset)[1]}
    unjudged = not_judged(method)
    judged = [level.id for level in method.statuses if level.id not in unjudged]
    return {
        status: Direction.REGRESSION if status in progressing else Direction.PROGRESS
        for status in judged
    }


def _contradictions(index: _ReviewIndex, end: dt.date) -> Contradictions:
    """For each assessed pair in order, the evidence about it, in (start, id) order, that
    opposes its judgement in force on `end`, is not cited by it and is `_dated_in` (the
    judgement's date, `end`]."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(index.dataset.days) or not len(index.about_row):
        return Contradictions(index, empty, empty, empty)
    has, position = _in_force(index, end)
    rows = index.about_row
    at = position[rows]
    candidates = np.flatnonzero(
        has[rows]
        & (index.about_direction == index.opposed[at])
        & (index.about_start <= end.toordinal())
        & (index.about_end > index.dataset.days[at])
    )
    places, items = at[candidates], index.about_item[candidates]
    # Whether the judgement cites the item, from the columns: no record is built.
    judgements, evidence = index.dataset.sorted, index.evidence
    cited = judgements.table.column("evidence").take(pa.array(judgements.rows(places)))
    ids = evidence.table.column("id").take(pa.array(evidence.rows(items)))
    parent = np.asarray(pc.list_parent_indices(cited), dtype=np.int64)
    same = np.asarray(pc.equal(pc.list_flatten(cited), ids.take(pa.array(parent))), dtype=bool)
    uncited = np.ones(len(candidates), dtype=bool)
    uncited[parent[same]] = False
    return Contradictions(index, rows[candidates][uncited], places[uncited], items[uncited])


# --- agenda ------------------------------------------------------------------------------


class Reason(StrEnum):
    """Why a commitment is on the agenda, in the order the agenda takes them up."""

    WORSENED = "worsened"
    CONTRADICTED = "contradicted"
    STALE = "stale"
    IMPROVED = "improved"
    FIRST = "first"
    REASSESSED = "reassessed"
    NEW_EVIDENCE = "new_evidence"


_REASON_OF_TRANSITION: dict[Transition, Reason] = {
    Transition.WORSENED: Reason.WORSENED,
    Transition.IMPROVED: Reason.IMPROVED,
    Transition.FIRST: Reason.FIRST,
    Transition.UNCHANGED: Reason.REASSESSED,
    Transition.UNASSESSED: Reason.REASSESSED,
}
_RANK = {reason: rank for rank, reason in enumerate(Reason)}
# Worsened, contradicted and stale come first; every other reason ranks as "the rest".
_REST = _RANK[Reason.IMPROVED]


@dataclass(frozen=True)
class Finding:
    """One reason to discuss a commitment: for which actor (None when the record names no
    actor the commitment addresses) and the record behind it (assessment or evidence id)."""

    reason: Reason
    commitment: str
    actor: str | None
    record: str


@dataclass(frozen=True)
class AgendaItem:
    commitment: str
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The distinct reasons, most urgent first."""
        return tuple(sorted({f.reason for f in self.findings}, key=_RANK.__getitem__))

    @property
    def pairs(self) -> tuple[Pair, ...]:
        """The (commitment, actor) pairs the findings are about, in order of first mention."""
        actors = dict.fromkeys(f.actor for f in self.findings if f.actor is not None)
        return tuple(Pair(self.commitment, actor) for actor in actors)

    @property
    def rank(self) -> int:
        """0 worsened, 1 contradicted, 2 stale, 3 any other change, 4 nothing to report."""
        return min((min(_RANK[r], _REST) for r in self.reasons), default=_REST + 1)


class Agenda(_MadeWhenRead[AgendaItem]):
    """The agenda of a window: its commitments in order (`ids`), each item's findings gathered
    when the item is first read (the items are kept, and shared by the reordered agendas)."""

    def __init__(
        self,
        ids: Sequence[str],
        gather: Callable[[str], tuple[Finding, ...]],
        items: dict[str, AgendaItem] | None = None,
    ) -> None:
        self.ids: tuple[str, ...] = tuple(ids)
        self._gather = gather
        self._items: dict[str, AgendaItem] = {} if items is None else items

    def __len__(self) -> int:
        return len(self.ids)

    def _make(self, at: int) -> AgendaItem:
        ref = self.ids[at]
        item = self._items.get(ref)
        if item is None:
            item = self._items.setdefault(ref, AgendaItem(ref, self._gather(ref)))
        return item

    def __repr__(self) -> str:
        return f"Agenda({len(self)} items)"

    def reordered(self, ids: Sequence[str]) -> Agenda:
        return Agenda(ids, self._gather, self._items)


def agenda(changes: Changes, dataset: Dataset) -> Agenda:
    """One item per commitment: those with a worsened judgement first, then those with a
    contradiction, then stale ones, then the rest (other changes before none); paragraph
    order within each group. Kept with the window's changes (`changes_between`)."""
    memo = _windows(dataset)
    found = memo.agenda_of(changes)
    if found is None:
        found = _agenda(changes, dataset)
        memo.keep_agenda(changes, found)
    return found


def agenda_ids(items: Sequence[AgendaItem]) -> list[str]:
    """The commitments of the agenda, in order (an `Agenda` builds no item for this)."""
    if isinstance(items, Agenda):
        return list(items.ids)
    return [item.commitment for item in items]


def reorder(items: Sequence[AgendaItem], order_ids: Sequence[str]) -> Sequence[AgendaItem]:
    """The items with the commitments of `order_ids` first, in that order, then the others in
    their current order. An id given twice or naming no item raises ValueError."""
    ids = agenda_ids(items)
    known = set(ids)
    unknown = [ref for ref in order_ids if ref not in known]
    if unknown:
        raise ValueError(f"not on the agenda: {', '.join(unknown)}")
    if len(set(order_ids)) != len(order_ids):
        raise ValueError("a commitment is listed more than once")
    chosen = set(order_ids)
    order = [*order_ids, *(ref for ref in ids if ref not in chosen)]
    if isinstance(items, Agenda):
        return items.reordered(order)
    by_id = {item.commitment: item for item in items}
    return [by_id[ref] for ref in order]


@dataclass(frozen=True)
class _WindowFindings:
    """The findings of a window, by commitment: `gather(ref)` makes one item's."""

    index: _ReviewIndex
    stale: StaleJudgements
    assessments: dict[str, list[NewAssessment]]
    contradictions: dict[str, list[tuple[str, str]]]  # (actor, evidence id)
    evidence: dict[str, list[tuple[str, list[str]]]]  # (evidence id, the actors it names)

    def gather(self, ref: str) -> tuple[Finding, ...]:
        found = [
            Finding(_REASON_OF_TRANSITION[new.transition], ref, new.pair.actor, new.assessment.id)
            for new in self.assessments.get(ref, ())
        ]
        found += [
            Finding(Reason.CONTRADICTED, ref, actor, item)
            for actor, item in self.contradictions.get(ref, ())
        ]
        for first, stop in self.index.pair_rows.get(ref, ()):
            for number in self.stale.of_rows(first, stop):
                stale = self.stale[number]
                found.append(Finding(Reason.STALE, ref, stale.pair.actor, stale.assessment))
        commitment = self.index.dataset.commitments.get(ref)
        actors = commitment.addressed.actors if commitment else ()
        for item, named in self.evidence.get(ref, ()):
            found += _evidence_findings(item, named, ref, actors)
        return _ordered_findings(found, actors)


def _agenda(changes: Changes, dataset: Dataset) -> Agenda:
    index = _review_index(dataset)
    assessments: dict[str, list[NewAssessment]] = {}
    for new in changes.assessments:
        assessments.setdefault(new.assessment.commitment, []).append(new)
    contradictions: dict[str, list[tuple[str, str]]] = {}
    for pair, item in changes.contradictions.listed():
        contradictions.setdefault(pair.commitment, []).append((pair.actor, item))
    evidence: dict[str, list[tuple[str, list[str]]]] = {}
    items = changes.evidence
    columns = (items.ids(), *(items.column(name).to_pylist() for name in ("commitments", "actors")))
    for item, refs, actors in zip(*columns, strict=True):
        for ref in refs:
            evidence.setdefault(ref, []).append((item, actors))
    ordered, position = index.dataset.ordered, index.dataset.position

    def slots(refs: Iterable[str]) -> list[int]:
        return [position[ref] for ref in refs if ref in position]

    rank = np.full(len(ordered), _REST + 1, dtype=np.int64)
    rest = [ref for ref, found in assessments.items() if any(_rest(n) for n in found)]
    rank[slots([*rest, *evidence])] = _REST
    rank[index.row_slot[changes.stale.rows]] = _RANK[Reason.STALE]
    rank[slots(contradictions)] = _RANK[Reason.CONTRADICTED]
    worsened = [ref for ref, found in assessments.items() if any(not _rest(n) for n in found)]
    rank[slots(worsened)] = _RANK[Reason.WORSENED]
    ids = [ordered[slot].id for slot in np.argsort(rank, kind="stable").tolist()]
    findings = _WindowFindings(index, changes.stale, assessments, contradictions, evidence)
    return Agenda(ids, findings.gather)


def _rest(new: NewAssessment) -> bool:
    """Whether the assessment's reason ranks with 'the rest' (any move but worsened)."""
    return _REASON_OF_TRANSITION[new.transition] != Reason.WORSENED


def _ordered_findings(findings: Iterable[Finding], actors: Sequence[str]) -> tuple[Finding, ...]:
    """Most urgent reason first; within a reason, actors in the order the commitment lists
    them (findings about no addressed actor last), then by record."""
    position = {actor: index for index, actor in enumerate(actors)}

    def key(finding: Finding) -> tuple[int, int, str]:
        where = position.get(finding.actor or "", len(actors))
        return (_RANK[finding.reason], where, finding.record)

    return tuple(sorted(findings, key=key))


def _evidence_findings(
    item: str, named: Sequence[str], commitment: str, addressed: Sequence[str]
) -> list[Finding]:
    """New evidence `item` about the commitment: a finding per addressed actor it names (in
    `named`), in the commitment's order, or one about no actor when it names none of them."""
    actors: list[str | None] = [a for a in addressed if a in named]
    return [Finding(Reason.NEW_EVIDENCE, commitment, actor, item) for actor in actors or [None]]


# --- decisions ---------------------------------------------------------------------------


def find_review(dataset: Dataset, review_id: str) -> Review:
    """The review with this id; KeyError when there is none."""
    for review in dataset.reviews:
        if review.id == review_id:
            return review
    raise KeyError(f"no review {review_id!r}")


# --- what the decision forms write ---------------------------------------------------------


def new_assessment_id(dataset: Dataset, commitment: Commitment, actor: str, day: dt.date) -> str:
    """An id in the style of the pair's earlier ids ('AS-OP4-RUS-2023-06-16'), unique."""
    earlier = index_of(dataset).history(Pair(commitment.id, actor))
    suffix = re.compile(rf"-{re.escape(actor)}-\d{{4}}-\d{{2}}-\d{{2}}$")
    stems = [suffix.split(a.id)[0] for a in reversed(earlier) if suffix.search(a.id)]
    short = commitment.resolution.removeprefix("A/RES/")
    stem = stems[0] if stems else f"AS-{short}-OP{commitment.paragraph}"
    taken = {a.id for a in dataset.assessments}
    candidate = f"{stem}-{actor}-{day.isoformat()}"
    number = 2
    while candidate in taken:
        candidate = f"{stem}-{actor}-{day.isoformat()}-{number}"
        number += 1
    return candidate


def next_evidence_id(dataset: Dataset) -> str:
    """'E<n>' after the highest such id in the data."""
    numbers = [int(m.group(1)) for e in dataset.evidence if (m := re.fullmatch(r"E(\d+)", e.id))]
    return f"E{max(numbers, default=0) + 1:02d}"


def meeting_review(
    dataset: Dataset, day: dt.date, title: Mapping[Language, str], participants: str
) -> Review:
    """The review that decisions taken on `day` go into: the one recorded that day, else a
    new one with that title (one per language) and the participants given one a line."""
    for review in dataset.reviews:
        if review.date == day:
            return review
    return Review(
        id=f"review-{day.isoformat()}",
        date=day,
        title=text_of(title),
        participants=tuple(line.strip() for line in participants.splitlines() if line.strip()),
    )


def date_precision(date: str, approximate: bool) -> DatePrecision:
    """The precision of a date typed as YYYY, YYYY-MM or YYYY-MM-DD, or 'approximate'."""
    if approximate:
        return DatePrecision.APPROXIMATE
    return {1: DatePrecision.YEAR, 2: DatePrecision.MONTH}.get(
        len(date.split("-")), DatePrecision.DAY
    )


def agenda_page(count: int, page: int, size: int) -> range:
    """Positions of the agenda items shown on page `page` (from 0, clamped) of `size` each."""
    pages = max(1, -(-count // size))
    first = min(max(page, 0), pages - 1) * size
    return range(first, min(first + size, count))
