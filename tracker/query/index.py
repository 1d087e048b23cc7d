"""The index of one dataset, built once from its columns and reused by every question.

A dataset is immutable, so what can be derived from it alone is derived once, as arrays over
the Arrow tables of its evidence and assessments (`tracker.source.columns`): each (commitment,
actor) pair's assessments sorted by date, with what each did to the status; each item's
earliest day; the evidence of each commitment, newest first. A question about a day is then a
search or a mask over arrays, and a record object is built only for what is shown.
`index_of(dataset)` returns the one index of a dataset object, built on first use and dropped
with the dataset; `derived(dataset, name, build)` keeps any other value computed from the
dataset alone the same way.

Every answer equals the plain definition's (tests compare both).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.model import (
    Actor,
    Assessment,
    Commitment,
    Dataset,
    Evidence,
    Resolution,
)
from tracker.domain.scale import not_judged
from tracker.domain.transitions import MOVES, Transition
from tracker.query.corrections import effective_assessments
from tracker.source.columns import Records, as_records, ordinals

T = TypeVar("T")
_DAYS_KEPT = 64  # days whose per-pair answers are kept (the over-time chart asks each year end)
_DAY_SPAN = 1 << 22  # longer than any day's ordinal (date.max is 3,652,059)
NEVER = np.iinfo(np.int64).max  # the day of no evidence: after every day
# Transitions as numbers in the arrays: the position of each in the enum.
TRANSITIONS: tuple[Transition, ...] = tuple(Transition)


@dataclass(frozen=True)
class Pair:
    commitment: str
    actor: str


@dataclass(frozen=True)
class Step:
    """One assessment of a pair and what it did to the status; `previous` is the judged
    status before it."""

    assessment: Assessment
    transition: Transition
    previous: str | None


@dataclass(frozen=True)
class Moves:
    """Per assessment of `DatasetIndex.sorted`: `latest[p]` is the position of the latest
    assessment of its pair up to p that improved or worsened the status (-1 before the
    first), `previous[p]` the judged status before p (None before the first judgement),
    `transition[p]` what p did to the status (a number into `TRANSITIONS`)."""

    latest: np.ndarray
    previous: list[str | None]
    transition: np.ndarray


@dataclass(frozen=True)
class CommitmentPairs:
    """The (commitment, actor) pairs of `DatasetIndex.ordered`, flattened: the pairs of the
    commitment in row r are `codes[start[r]:start[r + 1]]` (pair codes of the index; `row`
    gives each pair's row), with their actors (`actors`, and `actor_number` into the distinct
    `actor_names`)."""

    start: np.ndarray
    row: np.ndarray
    codes: np.ndarray
    actors: list[str]
    actor_names: list[str]
    actor_number: np.ndarray


@dataclass(frozen=True)
class CommitmentStanding:
    """The pairs of `CommitmentPairs` on one day. Per pair: `position` of the assessment in
    force in `DatasetIndex.sorted` (-1 for none) and its `status` (a number into
    `DatasetIndex.statuses`, their count for none). Per row of `DatasetIndex.ordered`: the
    ordinal of the newest `last_assessed` day (-1 for none), of the oldest of the newest
    evidence its judgements cite (`newest_evidence`, `NEVER` for none), and the number of
    `evidence` items known."""

    position: np.ndarray
    status: np.ndarray
    last_assessed: np.ndarray
    newest_evidence: np.ndarray
    evidence: np.ndarray


def _segments(reduce: np.ufunc, values: np.ndarray, start: np.ndarray, empty: int) -> np.ndarray:
    """`reduce` over each segment `values[start[r]:start[r + 1]]`, `empty` for an empty one."""
    padded = np.append(values, np.int64(empty))
    found: np.ndarray = reduce.reduceat(padded, start[:-1])
    found[start[1:] == start[:-1]] = empty
    return found


def carrying(column: pa.ChunkedArray, values: Iterable[str]) -> np.ndarray:
    """Which rows of a text or list-of-text column hold one of `values`."""
    wanted = pa.array(list(dict.fromkeys(values)), pa.string())
    if pa.types.is_list(column.type):
        flat = pc.list_flatten(column)
        hit = np.asarray(pc.is_in(flat, value_set=wanted))
        return np.bincount(_parents(column)[hit], minlength=len(column)) > 0
    return np.asarray(pc.fill_null(pc.is_in(column, value_set=wanted), False))


def _parents(column: pa.ChunkedArray) -> np.ndarray:
    """For each value of a list column, flattened, the row it is in."""
    return np.asarray(pc.list_parent_indices(column), dtype=np.int64)


class DatasetIndex:
    """Everything about one dataset that does not depend on the day asked about."""

    def __init__(self, dataset: Dataset) -> None:
        method = dataset.methodology
        self.not_assessed = method.not_assessed_status
        self.not_judged = not_judged(method)
        self.order = {level.id: level.order for level in method.statuses}
        self.commitments: dict[str, Commitment] = {c.id: c for c in dataset.commitments}
        self.ordered: tuple[Commitment, ...] = tuple(
            sorted(dataset.commitments, key=lambda c: (c.resolution, c.paragraph))
        )
        self.position = {c.id: index for index, c in enumerate(self.ordered)}
        self.resolutions: dict[str, Resolution] = {}
        for resolution in dataset.resolutions:
            self.resolutions.setdefault(resolution.symbol, resolution)
        self.actors: dict[str, Actor] = {}
        for actor in dataset.actors:
            self.actors.setdefault(actor.id, actor)
        self.addressing: dict[str, list[Commitment]] = {}
        self.by_resolution: dict[str, list[Commitment]] = {}
        for commitment in self.ordered:
            for actor_id in dict.fromkeys(commitment.addressed.actors):
                self.addressing.setdefault(actor_id, []).append(commitment)
            self.by_resolution.setdefault(commitment.resolution, []).append(commitment)
        self.pairs: tuple[Pair, ...] = tuple(
            Pair(c.id, actor) for c in dataset.commitments for actor in c.addressed.actors
        )
        self._index_evidence(as_records(dataset.evidence, Evidence))
        # A corrected judgement never counts: it was wrong when made (query/corrections.py).
        self._index_assessments(as_records(effective_assessments(dataset), Assessment))
        self._lock = threading.Lock()
        self._days: OrderedDict[int, np.ndarray] = OrderedDict()
        self._steps: dict[int, tuple[Step, ...]] = {}

    # --- evidence --------------------------------------------------------------------------

    def _index_evidence(self, items: Records[Evidence]) -> None:
        self.evidence = items
        self._ev_ids = items.column("id").combine_chunks()
        self._ev_position = {ref: i for i, ref in enumerate(self._ev_ids.to_pylist())}
        # Per item, in the data's order, the ordinal of its earliest day.
        self.evidence_days = ordinals(items.column("_start"))
        # Newest first by (start, id); ids are unique, so the order is total.
        keys = pa.table({"day": self.evidence_days, "id": self._ev_ids})
        newest = pc.sort_indices(keys, sort_keys=[("day", "descending"), ("id", "descending")])
        self.newest_first = np.asarray(newest, dtype=np.int64)
        self._newest_first_day = -self.evidence_days[self.newest_first]
        # Each row of `ordered`'s items, newest first, as one sorted key per (row, item):
        # row times a span longer than any ordinal, minus the item's day. The items known on
        # a day are then the end of the row's segment (`_ev_known`).
        refs = items.column("commitments")
        rank = np.empty(len(items), dtype=np.int64)
        rank[self.newest_first] = np.arange(len(items))
        ids = pa.array([c.id for c in self.ordered], pa.string())
        row = pc.index_in(pc.list_flatten(refs), value_set=ids)
        named = np.asarray(pc.is_valid(row))
        row = np.asarray(pc.fill_null(row, 0), dtype=np.int64)[named]
        size = max(len(items), 1)
        found = np.unique(row * size + rank[_parents(refs)[named]])  # by row, newest first
        self._ev_items: np.ndarray = self.newest_first[found % size]
        self._ev_key: np.ndarray = found // size * _DAY_SPAN - self.evidence_days[self._ev_items]
        self._ev_start = np.searchsorted(self._ev_key, np.arange(-1, len(ids)) * _DAY_SPAN)
        self.cited_actors: frozenset[str] = frozenset(
            pc.unique(pc.list_flatten(items.column("actors"))).to_pylist()
        )

    def items(self, refs: Iterable[str]) -> list[Evidence]:
        """The evidence items of these ids, in order; unknown ids left out."""
        return self.evidence.take([self._ev_position[r] for r in refs if r in self._ev_position])

    def known_newest_first(self, as_of: dt.date) -> np.ndarray:
        """Positions of the evidence known on `as_of` (its earliest date on or before),
        newest first by (start, id)."""
        cut = int(np.searchsorted(self._newest_first_day, -as_of.toordinal(), side="left"))
        return self.newest_first[cut:]

    def _ev_known(self, rows: np.ndarray, as_of: dt.date) -> np.ndarray:
        """Where the items of each row known on `as_of` start in `_ev_items`."""
        return np.searchsorted(self._ev_key, rows * _DAY_SPAN - as_of.toordinal())

    def _commitment_items(self, commitment: str, as_of: dt.date) -> np.ndarray:
        row = self.position.get(commitment)
        if row is None:
            return self._ev_items[:0]
        return self._ev_items[self._ev_known(np.asarray(row), as_of) : self._ev_start[row + 1]]

    def commitment_evidence(self, commitment: str, as_of: dt.date) -> list[Evidence]:
        """Evidence on `commitment` known on `as_of`, newest first."""
        return self.evidence.take(self._commitment_items(commitment, as_of))

    def evidence_count(self, commitment: str, as_of: dt.date) -> int:
        return len(self._commitment_items(commitment, as_of))

    def filter_evidence(
        self,
        as_of: dt.date,
        wanted: dict[str, tuple[str, ...]],
        start: dt.date | None,
        end: dt.date | None,
    ) -> Sequence[Evidence]:
        """The evidence known on `as_of`, newest first, that shares a value with each
        non-empty column of `wanted` (by name: `source.type`) and starts between `start` and
        `end` (either open)."""
        keep = self.evidence_days <= as_of.toordinal()
        for field, values in wanted.items():
            if values:
                keep &= carrying(self.evidence.column(field), values)
        if start is not None:
            keep &= self.evidence_days >= start.toordinal()
        if end is not None:
            keep &= self.evidence_days <= end.toordinal()
        found = self.newest_first[keep[self.newest_first]]
        return self.evidence.view(found)

    def evidence_counts(self, as_of: dt.date, field: str) -> dict[str, int]:
        """How many items known on `as_of` carry each value of the column `field`."""
        column = self.evidence.column(field)
        known = self.evidence_days <= as_of.toordinal()
        if pa.types.is_list(column.type):
            column, known = pc.list_flatten(column), known[_parents(column)]
        counts = pc.value_counts(pc.filter(column, pa.array(known))).to_pylist()
        return {row["values"]: row["counts"] for row in counts}

    # --- assessments -----------------------------------------------------------------------

    def _index_assessments(self, found: Records[Assessment]) -> None:
        table = found.table if found.order is None else found.table.take(found.order)
        # Pair codes: the addressed pairs first, in `pairs` order, then those only assessments
        # name, in the order the data first names them.
        key = pc.binary_join_element_wise(table["commitment"], table["actor"], "\x1f")
        self.keys: list[Pair] = list(dict.fromkeys(self.pairs))
        known = [f"{p.commitment}\x1f{p.actor}" for p in self.keys]
        extra = pc.unique(pc.filter(key, pc.invert(pc.is_in(key, pa.array(known, pa.string())))))
        self.keys += [Pair(*text.split("\x1f")) for text in extra.to_pylist()]
        self.codes = {pair: code for code, pair in enumerate(self.keys)}
        every = pa.array([*known, *extra.to_pylist()], pa.string())
        pair_of = np.asarray(pc.index_in(key, value_set=every), dtype=np.int64)
        day = ordinals(table["date"])
        sort_keys = [("code", "ascending"), ("day", "ascending"), ("id", "ascending")]
        keys = pa.table({"code": pair_of, "day": day, "id": table["id"]})
        order = np.asarray(pc.sort_indices(keys, sort_keys=sort_keys), dtype=np.int64)
        self.sorted = found.view(order)
        self.days = day[order]
        self._code = pair_of[order]
        self.start = np.zeros(len(self.keys) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self._code, minlength=len(self.keys)), out=self.start[1:])
        self.pair_codes = np.asarray([self.codes[p] for p in self.pairs], dtype=np.int64)
        # What each judgement rests on, whatever the day: how many known items it cites
        # (references to unknown items left out) and the newest of their earliest days
        # (`NEVER` for none).
        refs = table["evidence"].take(pa.array(order))
        position = pc.index_in(pc.list_flatten(refs), value_set=self._ev_ids)
        cited = np.asarray(pc.is_valid(position))
        parent = _parents(refs)[cited]
        self.cited_count = np.bincount(parent, minlength=len(order))
        self.newest_day = np.full(len(order), -1, dtype=np.int64)
        cited_day = self.evidence_days[np.asarray(pc.fill_null(position, 0), np.int64)[cited]]
        np.maximum.at(self.newest_day, parent, cited_day)
        self.newest_day[self.newest_day < 0] = NEVER
        status = pc.dictionary_encode(table["status"].take(pa.array(order)).combine_chunks())
        self.statuses: list[str] = status.dictionary.to_pylist()
        # Per position in `sorted`: the number in `statuses` of its status.
        self.status_numbers = np.asarray(status.indices, dtype=np.int64)
        self._ratings = table["ratings"].take(pa.array(order)).combine_chunks()

    def newest_cited(self, position: int) -> dt.date | None:
        """The earliest day of the newest evidence the assessment at `position` cites."""
        day = int(self.newest_day[position])
        return None if day == NEVER else dt.date.fromordinal(day)

    def latest(self, as_of: dt.date) -> np.ndarray:
        """Per pair code, the position in `sorted` of the pair's newest assessment dated on
        or before `as_of`, -1 for none (kept for a few days)."""
        day = as_of.toordinal()
        with self._lock:
            found = self._days.get(day)
            if found is not None:
                self._days.move_to_end(day)
                return found
        count = np.bincount(self._code[self.days <= day], minlength=len(self.keys))
        found = np.where(count > 0, self.start[:-1] + count - 1, -1)
        with self._lock:
            self._days[day] = found
            while len(self._days) > _DAYS_KEPT:
                self._days.popitem(last=False)
        return found

    def position_in_force(self, pair: Pair, as_of: dt.date) -> int:
        """Where the pair's assessment in force on `as_of` is in `sorted`, -1 when none."""
        code = self.codes.get(pair)
        return -1 if code is None else int(self.latest(as_of)[code])

    def in_force(self, pair: Pair, as_of: dt.date) -> Assessment | None:
        """The pair's newest assessment dated on or before `as_of`."""
        position = self.position_in_force(pair, as_of)
        return self.sorted[position] if position >= 0 else None

    def _bounds(self, pair: Pair, as_of: dt.date | None) -> tuple[int, int, int]:
        """The pair's code and where its assessments up to `as_of` are in `sorted`."""
        code = self.codes.get(pair)
        if code is None:
            return -1, 0, 0
        lo, hi = int(self.start[code]), int(self.start[code + 1])
        if as_of is not None:
            hi = lo + int(np.searchsorted(self.days[lo:hi], as_of.toordinal(), side="right"))
        return code, lo, hi

    def history(self, pair: Pair, as_of: dt.date | None = None) -> list[Assessment]:
        """The pair's assessments up to `as_of`, oldest first by (date, id)."""
        _, lo, hi = self._bounds(pair, as_of)
        return self.sorted.take(np.arange(lo, hi))

    def steps(self, pair: Pair, as_of: dt.date) -> tuple[Step, ...]:
        """The pair's assessments up to `as_of`, oldest first, each with its transition (the
        transitions of a shorter history are a prefix of the longer one's)."""
        code, lo, hi = self._bounds(pair, as_of)
        if code < 0:
            return ()
        steps = self._steps.get(code)
        if steps is None:
            end = int(self.start[code + 1])
            moves = self.moves
            steps = tuple(
                Step(a, TRANSITIONS[kind], previous)
                for a, kind, previous in zip(
                    self.sorted.take(np.arange(lo, end)),
                    moves.transition[lo:end].tolist(),
                    moves.previous[lo:end],
                    strict=True,
                )
            )
            self._steps[code] = steps
        return steps[: hi - lo]

    @functools.cached_property
    def moves(self) -> Moves:
        """Where each sorted assessment's pair last moved, and the status it moved from
        (built on first use, as array operations over the sorted assessments)."""
        at = np.arange(len(self.status_numbers), dtype=np.int64)
        pair_start = self.start[self._code]
        scale = np.asarray([self.order.get(s, 0) for s in self.statuses], dtype=np.int64)
        judged = np.asarray([s not in self.not_judged for s in self.statuses], dtype=bool)
        judged = judged[self.status_numbers]
        # The last judgement before each position, within its pair (-1 for none).
        before = np.append(-1, np.maximum.accumulate(np.where(judged, at, -1)))[:-1]
        before = np.where(before >= pair_start, before, -1)
        was, now = scale[self.status_numbers[before]], scale[self.status_numbers]
        cases = (Transition.UNASSESSED, Transition.FIRST, Transition.UNCHANGED, Transition.IMPROVED)
        kind = np.select(
            [~judged, before < 0, now == was, now > was],  # the first that holds decides
            [TRANSITIONS.index(t) for t in cases],
            TRANSITIONS.index(Transition.WORSENED),
        )
        moved = np.isin(kind, [TRANSITIONS.index(m) for m in MOVES])
        latest = np.maximum.accumulate(np.where(moved, at, -1))
        names: list[str | None] = [*self.statuses, None]
        previous = [
            names[c] for c in np.where(before >= 0, self.status_numbers[before], -1).tolist()
        ]
        return Moves(np.where(latest >= pair_start, latest, -1), previous, kind)

    @functools.cached_property
    def commitment_pairs(self) -> CommitmentPairs:
        """The pairs of the commitments in `ordered`, as flat arrays (built on first use)."""
        sizes = [len(c.addressed.actors) for c in self.ordered]
        start = np.zeros(len(self.ordered) + 1, dtype=np.int64)
        np.cumsum(sizes, out=start[1:])
        actors = [actor for c in self.ordered for actor in c.addressed.actors]
        names = list(dict.fromkeys(actors))
        number = {actor: n for n, actor in enumerate(names)}
        codes = [
            self.codes[Pair(c.id, actor)] for c in self.ordered for actor in c.addressed.actors
        ]
        return CommitmentPairs(
            start=start,
            row=np.repeat(np.arange(len(self.ordered), dtype=np.int64), sizes),
            codes=np.asarray(codes, dtype=np.int64),
            actors=actors,
            actor_names=names,
            actor_number=np.asarray([number[a] for a in actors], dtype=np.int64),
        )

    def commitment_standing(self, as_of: dt.date) -> CommitmentStanding:
        """Where the pairs of `commitment_pairs` stand on `as_of`, per pair and per row."""
        pairs = self.commitment_pairs
        position = self.latest(as_of)[pairs.codes]

        def at(values: np.ndarray, none: int) -> np.ndarray:
            found: np.ndarray = np.append(values, none)[position]  # -1: none
            return found

        rows = np.arange(len(self.ordered), dtype=np.int64)
        return CommitmentStanding(
            position=position,
            status=at(self.status_numbers, len(self.statuses)),
            last_assessed=_segments(np.maximum, at(self.days, -1), pairs.start, -1),
            newest_evidence=_segments(np.minimum, at(self.newest_day, NEVER), pairs.start, NEVER),
            evidence=self._ev_start[1:] - self._ev_known(rows, as_of),
        )

    def status_of(self, position: int) -> str:
        """The status of the assessment at `position` in `sorted` (no record built)."""
        return self.statuses[int(self.status_numbers[position])]

    def change_positions(self, kinds: frozenset[Transition], since: dt.date | None) -> np.ndarray:
        """The positions in `sorted`, ascending, of the assessments whose transition is in
        `kinds`, dated on or after `since` (any day if None)."""
        wanted = [n for n, transition in enumerate(TRANSITIONS) if transition in kinds]
        qualifies = np.isin(self.moves.transition, wanted)
        if since is not None:
            qualifies &= self.days >= since.toordinal()
        return np.flatnonzero(qualifies)

    def commitment_history_bounds(self, as_of: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """For each pair of `commitment_pairs`, where its assessments up to `as_of` start
        and end in `sorted`."""
        codes = self.commitment_pairs.codes
        position = self.latest(as_of)[codes]
        return self.start[codes], np.where(position >= 0, position + 1, self.start[codes])

    def pair_positions(self, as_of: dt.date) -> np.ndarray:
        """For each of `pairs`, the position in `sorted` of its assessment in force on
        `as_of`, -1 for none."""
        found: np.ndarray = self.latest(as_of)[self.pair_codes]
        return found

    def pair_statuses(self, as_of: dt.date) -> np.ndarray:
        """For each of `pairs`, the number in `statuses` of its status in force on `as_of`,
        the count of `statuses` for none."""
        found: np.ndarray = np.append(self.status_numbers, len(self.statuses))[
            self.pair_positions(as_of)
        ]
        return found

    def status_table(self, as_of: dt.date) -> pd.DataFrame:
        """One row per assessed (commitment, actor): the status in force on `as_of` and its basis.

        A pair with no assessment yet has the methodology's 'not yet assessed' status and no
        date. `stale_days` counts days from the newest evidence the judgement cites to `as_of`.
        Columns: commitment, actor, status, assessed_on, assessment, confidence,
        evidence_count, newest_evidence, stale_days, then `rating_<criterion>` for each
        criterion rated in force.
        """
        if not self.pairs:
            return pd.DataFrame([])
        position = self.pair_positions(as_of)
        none = position < 0
        rows = np.zeros(len(position), dtype=np.int64)
        rows[~none] = self.sorted.rows(position[~none])
        taken = self.sorted.table.take(pa.array(rows, mask=none))  # a null row for none
        newest = [None if p < 0 else self.newest_cited(p) for p in position.tolist()]
        table: dict[str, Any] = {
            "commitment": [pair.commitment for pair in self.pairs],
            "actor": [pair.actor for pair in self.pairs],
            "status": pc.fill_null(taken["status"], self.not_assessed).to_pylist(),
            "assessed_on": taken["date"].to_pylist(),
            "assessment": taken["id"].to_pylist(),
            "confidence": taken["confidence"].to_pylist(),
            "evidence_count": np.append(self.cited_count, 0)[position].tolist(),
            "newest_evidence": newest,
            "stale_days": [(as_of - n).days if n else None for n in newest],
        }
        ratings = self._ratings.take(pa.array(position, mask=none))
        for criterion in pc.unique(ratings.keys).to_pylist():
            table[f"rating_{criterion}"] = pc.map_lookup(ratings, criterion, "first").to_pylist()
        return pd.DataFrame(table)

    def rating_counts(self, as_of: dt.date) -> dict[str, int]:
        """How many ratings in force on `as_of` have each level (over every criterion)."""
        position = self.latest(as_of)
        ratings = self._ratings.take(pa.array(position[position >= 0]))
        return {row["values"]: row["counts"] for row in pc.value_counts(ratings.items).to_pylist()}

    def status_counts(self, as_of: dt.date) -> dict[str, int]:
        """How many assessed pairs stand in each status on `as_of` (none: 'not yet assessed')."""
        tally = np.bincount(self.pair_statuses(as_of), minlength=len(self.statuses) + 1)
        counts: dict[str, int] = {}
        for status, n in zip([*self.statuses, self.not_assessed], tally.tolist(), strict=True):
            if n:
                counts[status] = counts.get(status, 0) + n
        return counts

    def stalest(self, as_of: dt.date) -> tuple[Pair, dt.date] | None:
        """The first assessed pair (in the status table's order) whose judgement in force on
        `as_of` cites the oldest newest evidence, and that evidence's date."""
        position = self.pair_positions(as_of)
        newest = np.append(self.newest_day, NEVER)[position]
        row = int(np.argmin(newest)) if len(newest) else 0
        if not len(newest) or newest[row] == NEVER:
            return None
        return self.pairs[row], dt.date.fromordinal(int(newest[row]))


_indexes: dict[int, tuple[DatasetIndex, dict[str, Any]]] = {}
_indexes_lock = threading.Lock()  # a second thread asking for an index waits for its build


def _entry(dataset: Dataset) -> tuple[DatasetIndex, dict[str, Any]]:
    key = id(dataset)
    with _indexes_lock:
        if key not in _indexes:
            _indexes[key] = (DatasetIndex(dataset), {})
            # Dropped when the dataset is collected: its id is free again only after that.
            weakref.finalize(dataset, _indexes.pop, key, None)
        return _indexes[key]


def index_of(dataset: Dataset) -> DatasetIndex:
    """The dataset's index: built on first use, kept while the dataset lives."""
    return _entry(dataset)[0]


def derived(dataset: Dataset, name: str, build: Callable[[Dataset], T]) -> T:
    """`build(dataset)`, computed once per dataset object and kept while it lives."""
    store = _entry(dataset)[1]
    if name not in store:
        store[name] = build(dataset)
    value: T = store[name]
    return value


_remembered_lock = threading.Lock()
_REMEMBERED = 8  # answers kept per name: a few days and languages in use at once


def remembered(dataset: Dataset, name: str, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, kept with the dataset for `key` among the newest answers of `name`. For what
    a page shows of the whole dataset on a day: a rerun (another session, a widget that does
    not change it) reads the answer instead of walking every record again, and a process
    forked after the first page's run (deploy/preloaded.py) does not write to the records'
    memory, which it shares with its parent until it writes there."""
    store = _entry(dataset)[1]
    with _remembered_lock:
        kept: OrderedDict[Hashable, Any] = store.setdefault(name, OrderedDict())
        if key in kept:
            kept.move_to_end(key)
            found: T = kept[key]
            return found
    value = build()
    with _remembered_lock:
        kept[key] = value
        while len(kept) > _REMEMBERED:
            kept.popitem(last=False)
    return value
