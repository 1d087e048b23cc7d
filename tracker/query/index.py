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
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

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
V = TypeVar("V")
_DAYS_KEPT = 64  # days whose per-pair answers are kept (the over-time chart asks each year end)
_DAY_SPAN = 1 << 22  # longer than any day's ordinal (date.max is 3,652,059)
_NEVER = np.iinfo(np.int64).max
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


class Latest:
    """Each pair's assessment in force on one day, as positions in the index's sorted
    assessments: `position[code]` is valid where `count[code] > 0`; `positions` is the same
    as a list, -1 for a pair with no assessment yet."""

    def __init__(self, count: np.ndarray, position: np.ndarray) -> None:
        self.count = count
        self.position = position

    @functools.cached_property
    def positions(self) -> list[int]:
        # Made when asked for: a list of every pair's position is about ten times the arrays,
        # and the over-time chart keeps a Latest for every year end.
        found: list[int] = np.where(self.count > 0, self.position, -1).tolist()
        return found


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
    `actor_names`). The evidence of row r is `ev_key[ev_start[r]:ev_start[r + 1]]`:
    `r * _DAY_SPAN` plus each item's earliest day (ordinal), ascending."""

    start: np.ndarray
    row: np.ndarray
    codes: np.ndarray
    actors: list[str]
    actor_names: list[str]
    actor_number: np.ndarray
    ev_key: np.ndarray
    ev_start: np.ndarray


@dataclass(frozen=True)
class CommitmentStanding:
    """The pairs of `CommitmentPairs` on one day. Per pair: `position` of the assessment in
    force in `DatasetIndex.sorted` (-1 for none) and its `status` (a number into
    `DatasetIndex.statuses`, their count for none). Per row of `DatasetIndex.ordered`: the
    ordinal of the newest `last_assessed` day (-1 for none), of the oldest of the newest
    evidence its judgements cite (`newest_evidence`, the largest int64 for none), and the
    number of `evidence` items known."""

    position: np.ndarray
    status: np.ndarray
    last_assessed: np.ndarray
    newest_evidence: np.ndarray
    evidence: np.ndarray


class _Lookup(Mapping[str, V]):
    """id -> value, from the ids' positions and a function of the position."""

    def __init__(self, positions: dict[str, int], value: Callable[[int], V]) -> None:
        self._positions = positions
        self._value = value

    def __getitem__(self, key: str) -> V:
        return self._value(self._positions[key])

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


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
        rows = np.asarray(pc.list_parent_indices(column))
        hit = np.asarray(pc.is_in(flat, value_set=wanted))
        return np.bincount(rows[hit], minlength=len(column)) > 0
    return np.asarray(pc.fill_null(pc.is_in(column, value_set=wanted), False))


def _date(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


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
        self._days: OrderedDict[int, Latest] = OrderedDict()
        self._steps: dict[int, tuple[tuple[Step, ...], tuple[int, ...]]] = {}

    # --- evidence --------------------------------------------------------------------------

    def _index_evidence(self, items: Records[Evidence]) -> None:
        self.evidence = items
        ids = items.ids()
        self._ev_position = {ref: i for i, ref in enumerate(ids)}
        # Per item, in the data's order, the ordinal of its earliest day.
        self.evidence_days = ordinals(items.column("_start"))
        self.evidence_by_id: Mapping[str, Evidence] = _Lookup(self._ev_position, items.__getitem__)
        self.start_of: Mapping[str, dt.date] = _Lookup(
            self._ev_position, lambda i: _date(int(self.evidence_days[i]))
        )
        # Newest first by (start, id); ids are unique, so the order is total.
        keys = pa.table({"day": self.evidence_days, "id": ids})
        newest = pc.sort_indices(keys, sort_keys=[("day", "descending"), ("id", "descending")])
        self.newest_first = np.asarray(newest, dtype=np.int64)
        self._newest_first_day = -self.evidence_days[self.newest_first]
        # Each commitment's items, newest first: (commitment, rank) pairs sorted.
        refs = items.column("commitments")
        rank = np.empty(len(ids), dtype=np.int64)
        rank[self.newest_first] = np.arange(len(ids))
        parent = np.asarray(pc.list_parent_indices(refs), dtype=np.int64)
        flat = pa.table({"ref": pc.list_flatten(refs), "rank": rank[parent]})
        flat = flat.group_by(["ref", "rank"], use_threads=False).aggregate([])  # one per item
        flat = flat.sort_by([("ref", "ascending"), ("rank", "ascending")])
        ranks = np.asarray(flat.column("rank"), dtype=np.int64)
        self._ev_of_commitment = self.newest_first[ranks] if len(ranks) else ranks
        found = flat.column("ref").to_pylist()
        starts = [at for at in range(len(found)) if at == 0 or found[at] != found[at - 1]]
        self._ev_segment = {
            found[lo]: (lo, hi) for lo, hi in zip(starts, [*starts[1:], len(found)], strict=False)
        }
        self.cited_actors: frozenset[str] = frozenset(
            pc.unique(pc.list_flatten(items.column("actors"))).to_pylist()
        )

    def evidence_as_of(self, as_of: dt.date) -> Sequence[Evidence]:
        """Evidence whose earliest possible date is on or before `as_of`, in the data's order."""
        known = np.flatnonzero(self.evidence_days <= as_of.toordinal())
        if len(known) == len(self.evidence):
            return self.evidence
        return self.evidence.view(known)

    def known_newest_first(self, as_of: dt.date) -> list[int]:
        """Positions of the evidence known on `as_of`, newest first by (start, id)."""
        cut = int(np.searchsorted(self._newest_first_day, -as_of.toordinal(), side="left"))
        found: list[int] = self.newest_first[cut:].tolist()
        return found

    def _commitment_items(self, commitment: str, as_of: dt.date) -> np.ndarray:
        lo, hi = self._ev_segment.get(commitment, (0, 0))
        found = self._ev_of_commitment[lo:hi]
        return found[self.evidence_days[found] <= as_of.toordinal()]

    def commitment_evidence(self, commitment: str, as_of: dt.date) -> list[Evidence]:
        """Evidence on `commitment` known on `as_of`, newest first."""
        return self.evidence.take(self._commitment_items(commitment, as_of))

    def evidence_count(self, commitment: str, as_of: dt.date) -> int:
        return len(self._commitment_items(commitment, as_of))

    _FILTERS: ClassVar[dict[str, str]] = {
        "actors": "actors",
        "commitments": "commitments",
        "criteria": "criteria",
        "source_types": "source.type",
        "confidences": "confidence",
        "directions": "direction",
    }

    def filter_evidence(
        self,
        as_of: dt.date,
        wanted: dict[str, tuple[str, ...]],
        start: dt.date | None,
        end: dt.date | None,
    ) -> Sequence[Evidence]:
        """The evidence known on `as_of`, newest first, that shares a value with each
        non-empty field of `wanted` and starts between `start` and `end` (either open)."""
        keep = self.evidence_days <= as_of.toordinal()
        for field, values in wanted.items():
            if values:
                keep &= carrying(self.evidence.column(self._FILTERS[field]), values)
        if start is not None:
            keep &= self.evidence_days >= start.toordinal()
        if end is not None:
            keep &= self.evidence_days <= end.toordinal()
        found = self.newest_first[keep[self.newest_first]]
        return self.evidence.view(found)

    def evidence_counts(self, as_of: dt.date, field: str) -> dict[str, int]:
        """How many items known on `as_of` carry each value of `field` (a key of `wanted`)."""
        column = self.evidence.column(self._FILTERS[field])
        known = pa.array(self.evidence_days <= as_of.toordinal())
        if pa.types.is_list(column.type):
            parent = pc.list_parent_indices(column)
            column, known = pc.list_flatten(column), pc.take(known, parent)
        counts = pc.value_counts(pc.filter(column, known)).to_pylist()
        return {row["values"]: row["counts"] for row in counts}

    # --- assessments -----------------------------------------------------------------------

    def _index_assessments(self, found: Records[Assessment]) -> None:
        table = found.table if found.order is None else found.table.take(found.order)
        codes: dict[Pair, int] = {}
        for pair in self.pairs:
            codes.setdefault(pair, len(codes))
        # Each assessment's pair code; pairs no commitment addresses get codes after the others,
        # in the order the data first names them.
        key = pc.binary_join_element_wise(table["commitment"], table["actor"], "\x1f")
        known_keys = pa.array([f"{p.commitment}\x1f{p.actor}" for p in codes], pa.string())
        code = pc.index_in(key, value_set=known_keys)
        extra = pc.unique(pc.filter(key, pc.is_null(code))).to_pylist()
        for text in extra:
            commitment, actor = text.split("\x1f")
            codes[Pair(commitment, actor)] = len(codes)
        every = pa.array([*known_keys.to_pylist(), *extra], pa.string())
        pair_of = np.asarray(pc.index_in(key, value_set=every), dtype=np.int64)
        self.codes = codes
        self.keys: list[Pair] = list(codes)
        day = ordinals(table["date"])
        order = np.asarray(
            pc.sort_indices(
                pa.table({"code": pair_of, "day": day, "id": table["id"]}),
                sort_keys=[("code", "ascending"), ("day", "ascending"), ("id", "ascending")],
            ),
            dtype=np.int64,
        )
        self.sorted = found.view(order)
        self.days = self._day = day[order]
        self._code = pair_of[order]
        sizes = np.bincount(self._code, minlength=len(codes))
        self.start = np.zeros(len(codes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=self.start[1:])
        self.pair_codes = np.asarray([codes[p] for p in self.pairs], dtype=np.int64)
        # What each judgement rests on, whatever the day: the evidence it cites (references
        # to unknown items left out) and the newest of their earliest dates.
        refs = table["evidence"].take(pa.array(order))
        known_ids = pa.array(list(self._ev_position), pa.string())
        position = pc.index_in(pc.list_flatten(refs), value_set=known_ids)
        cited = np.asarray(pc.is_valid(position))
        parent = np.asarray(pc.list_parent_indices(refs), dtype=np.int64)[cited]
        cited_day = self.evidence_days[np.asarray(pc.fill_null(position, 0), dtype=np.int64)[cited]]
        self.cited_count: list[int] = np.bincount(parent, minlength=len(order)).tolist()
        newest = np.full(len(order), -1, dtype=np.int64)
        np.maximum.at(newest, parent, cited_day)
        # Per position in `sorted`: the ordinal of `newest_cited`, the largest int64 for none.
        self.newest_day = np.where(newest < 0, _NEVER, newest)
        # Per position in `sorted`: the day of its newest cited evidence, -1 for none cited.
        self.newest_cited_days: np.ndarray = newest
        dates = functools.lru_cache(maxsize=None)(_date)
        self.newest_cited: list[dt.date | None] = [
            None if day < 0 else dates(day) for day in newest.tolist()
        ]
        status = pc.dictionary_encode(table["status"].take(pa.array(order)).combine_chunks())
        self.statuses: list[str] = status.dictionary.to_pylist()
        # Per position in `sorted`: the number in `statuses` of its status.
        self.status_numbers = np.asarray(status.indices, dtype=np.int64)
        self._ratings = table["ratings"].take(pa.array(order)).combine_chunks()

    def latest(self, as_of: dt.date) -> Latest:
        """Each pair's newest assessment dated on or before `as_of` (kept for a few days)."""
        day = as_of.toordinal()
        with self._lock:
            found = self._days.get(day)
            if found is not None:
                self._days.move_to_end(day)
                return found
        eligible = self._code[self._day <= day]
        count = np.bincount(eligible, minlength=len(self.keys))
        found = Latest(count, self.start[:-1] + count - 1)
        with self._lock:
            self._days[day] = found
            while len(self._days) > _DAYS_KEPT:
                self._days.popitem(last=False)
        return found

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
            hi = lo + int(np.searchsorted(self._day[lo:hi], as_of.toordinal(), side="right"))
        return code, lo, hi

    def history(self, pair: Pair, as_of: dt.date | None = None) -> list[Assessment]:
        """The pair's assessments up to `as_of`, oldest first by (date, id)."""
        _, lo, hi = self._bounds(pair, as_of)
        return self.sorted.take(np.arange(lo, hi))

    def _pair_steps(self, code: int) -> tuple[tuple[Step, ...], tuple[int, ...]]:
        """The pair's whole history as steps, and for each step the index of the latest
        move (improved or worsened) up to it, -1 before the first."""
        known = self._steps.get(code)
        if known is not None:
            return known
        lo, hi = int(self.start[code]), int(self.start[code + 1])
        moves = self.moves
        found = self.sorted.take(np.arange(lo, hi))
        steps = tuple(
            Step(a, TRANSITIONS[kind], previous)
            for a, kind, previous in zip(
                found, moves.transition[lo:hi].tolist(), moves.previous[lo:hi], strict=True
            )
        )
        last = tuple(p - lo if p >= lo else -1 for p in moves.latest[lo:hi].tolist())
        known = (steps, last)
        self._steps[code] = known
        return known

    def steps(self, pair: Pair, as_of: dt.date) -> tuple[Step, ...]:
        """The pair's assessments up to `as_of`, oldest first, each with its transition (the
        transitions of a shorter history are a prefix of the longer one's)."""
        code, lo, hi = self._bounds(pair, as_of)
        return self._pair_steps(code)[0][: hi - lo] if code >= 0 else ()

    @functools.cached_property
    def moves(self) -> Moves:
        """Where each sorted assessment's pair last moved, and the status it moved from
        (built on first use, as array operations over the sorted assessments)."""
        size = len(self.status_numbers)
        at = np.arange(size, dtype=np.int64)
        pair_start = self.start[self._code] if size else at
        scale = np.asarray([self.order.get(s, 0) for s in self.statuses], dtype=np.int64)
        judged = np.asarray([s not in self.not_judged for s in self.statuses], dtype=bool)
        judged = judged[self.status_numbers] if size else np.zeros(0, dtype=bool)
        # The last judgement before each position, within its pair (-1 for none).
        last = np.maximum.accumulate(np.where(judged, at, -1)) if size else at
        before = np.concatenate(([-1], last[:-1])) if size else at
        before = np.where(before >= pair_start, before, -1)
        kind = np.full(size, TRANSITIONS.index(Transition.UNASSESSED), dtype=np.int64)
        was = scale[self.status_numbers[before]] if size else at
        now = scale[self.status_numbers] if size else at
        kind = np.where(judged & (before < 0), TRANSITIONS.index(Transition.FIRST), kind)
        has = judged & (before >= 0)
        kind = np.where(has & (now == was), TRANSITIONS.index(Transition.UNCHANGED), kind)
        kind = np.where(has & (now > was), TRANSITIONS.index(Transition.IMPROVED), kind)
        kind = np.where(has & (now < was), TRANSITIONS.index(Transition.WORSENED), kind)
        moved = np.isin(kind, [TRANSITIONS.index(m) for m in MOVES])
        latest = np.maximum.accumulate(np.where(moved, at, -1)) if size else at
        latest = np.where(latest >= pair_start, latest, -1)
        names: list[str | None] = [*self.statuses, None]
        previous = [
            names[c] for c in np.where(before >= 0, self.status_numbers[before], -1).tolist()
        ]
        return Moves(latest, previous, kind)

    @functools.cached_property
    def commitment_pairs(self) -> CommitmentPairs:
        """The pairs and evidence of the commitments in `ordered`, as flat arrays (built on
        first use)."""
        sizes = [len(c.addressed.actors) for c in self.ordered]
        start = np.zeros(len(self.ordered) + 1, dtype=np.int64)
        np.cumsum(sizes, out=start[1:])
        actors = [actor for c in self.ordered for actor in c.addressed.actors]
        names = list(dict.fromkeys(actors))
        number = {actor: n for n, actor in enumerate(names)}
        codes = [
            self.codes[Pair(c.id, actor)] for c in self.ordered for actor in c.addressed.actors
        ]
        # Each commitment's evidence by its earliest day, under one sorted key: commitment
        # number times a span longer than any ordinal, plus the day.
        days = [
            np.sort(self.evidence_days[self._commitment_items(c.id, dt.date.max)])
            for c in self.ordered
        ]
        ev_start = np.zeros(len(self.ordered) + 1, dtype=np.int64)
        np.cumsum([len(found) for found in days], out=ev_start[1:])
        ev_key = (
            np.concatenate([row * _DAY_SPAN + found for row, found in enumerate(days)])
            if days
            else np.zeros(0, dtype=np.int64)
        )
        return CommitmentPairs(
            start=start,
            row=np.repeat(np.arange(len(self.ordered), dtype=np.int64), sizes),
            codes=np.asarray(codes, dtype=np.int64),
            actors=actors,
            actor_names=names,
            actor_number=np.asarray([number[a] for a in actors], dtype=np.int64),
            ev_key=ev_key.astype(np.int64),
            ev_start=ev_start,
        )

    def commitment_standing(self, as_of: dt.date) -> CommitmentStanding:
        """Where the pairs of `commitment_pairs` stand on `as_of`, per pair and per row."""
        pairs = self.commitment_pairs
        latest = self.latest(as_of)
        has = latest.count[pairs.codes] > 0
        position = np.where(has, latest.position[pairs.codes], -1)

        def at(values: np.ndarray, default: int) -> np.ndarray:
            if not has.any():
                return np.full(len(has), default, dtype=np.int64)
            found: np.ndarray = np.where(has, values[position], default)
            return found

        rows = np.arange(len(self.ordered), dtype=np.int64)
        known = np.searchsorted(pairs.ev_key, rows * _DAY_SPAN + as_of.toordinal(), side="right")
        return CommitmentStanding(
            position=position,
            status=at(self.status_numbers, len(self.statuses)),
            last_assessed=_segments(np.maximum, at(self._day, -1), pairs.start, -1),
            newest_evidence=_segments(np.minimum, at(self.newest_day, _NEVER), pairs.start, _NEVER),
            evidence=known - pairs.ev_start[:-1],
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
            qualifies &= self._day >= since.toordinal()
        return np.flatnonzero(qualifies)

    def commitment_history_bounds(self, as_of: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """For each pair of `commitment_pairs`, where its assessments up to `as_of` start
        and end in `sorted`."""
        pairs = self.commitment_pairs
        low = self.start[pairs.codes]
        return low, low + self.latest(as_of).count[pairs.codes]

    def pair_positions(self, as_of: dt.date) -> np.ndarray:
        """For each of `pairs`, the position in `sorted` of its assessment in force on
        `as_of`, -1 for none."""
        latest = self.latest(as_of)
        found: np.ndarray = np.where(
            latest.count[self.pair_codes] > 0, latest.position[self.pair_codes], -1
        )
        return found

    def pair_statuses(self, as_of: dt.date) -> np.ndarray:
        """For each of `pairs`, the number in `statuses` of its status in force on `as_of`,
        the count of `statuses` for none."""
        position = self.pair_positions(as_of)
        none = len(self.statuses)
        if not len(self.status_numbers):
            return np.full(len(position), none, dtype=np.int64)
        found: np.ndarray = np.where(position >= 0, self.status_numbers[position], none)
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
        has = position >= 0
        sorted_table = self.sorted.table.take(pa.array(self.sorted.rows(position[has])))

        def column(values: Iterable[Any], default: Any = None) -> list[Any]:
            out = [default] * len(position)
            for row, value in zip(np.flatnonzero(has).tolist(), values, strict=True):
                out[row] = value
            return out

        newest = column(self.newest_cited[p] for p in position[has].tolist())
        cited = np.asarray([*self.cited_count, 0], dtype=np.int64)[position]
        table: dict[str, Any] = {
            "commitment": [pair.commitment for pair in self.pairs],
            "actor": [pair.actor for pair in self.pairs],
            "status": column(sorted_table["status"].to_pylist(), self.not_assessed),
            "assessed_on": column(sorted_table["date"].to_pylist()),
            "assessment": column(sorted_table["id"].to_pylist()),
            "confidence": column(sorted_table["confidence"].to_pylist()),
            "evidence_count": cited.tolist(),
            "newest_evidence": newest,
            "stale_days": [(as_of - n).days if n else None for n in newest],
        }
        ratings = self._ratings.take(pa.array(position[has]))
        for criterion in pc.unique(ratings.keys).to_pylist():
            found = pc.map_lookup(ratings, criterion, "first").to_pylist()
            table[f"rating_{criterion}"] = column(found)
        return pd.DataFrame(table)

    def rating_counts(self, as_of: dt.date) -> dict[str, int]:
        """How many ratings in force on `as_of` have each level (over every criterion)."""
        position = self.latest(as_of)
        positions = position.position[np.flatnonzero(position.count > 0)]
        ratings = self._ratings.take(pa.array(positions))
        counts = pc.value_counts(ratings.items)
        return {row["values"]: row["counts"] for row in counts.to_pylist()}

    def status_counts(self, as_of: dt.date) -> dict[str, int]:
        """How many assessed pairs stand in each status on `as_of`."""
        latest = self.latest(as_of)
        count = latest.count[self.pair_codes]
        position = latest.position[self.pair_codes][count > 0]
        tally = np.bincount(self.status_numbers[position], minlength=len(self.statuses)).tolist()
        counts = {status: n for status, n in zip(self.statuses, tally, strict=True) if n}
        unassessed = len(self.pairs) - len(position)
        if unassessed:
            counts[self.not_assessed] = counts.get(self.not_assessed, 0) + unassessed
        return counts

    def stalest(self, as_of: dt.date) -> tuple[Pair, dt.date] | None:
        """The first assessed pair (in the status table's order) whose judgement in force on
        `as_of` cites the oldest newest evidence, and that evidence's date."""
        position = self.pair_positions(as_of)
        if not (position >= 0).any():
            return None
        newest = np.where(position >= 0, self.newest_day[position], _NEVER)
        row = int(np.argmin(newest))
        if newest[row] == _NEVER:
            return None
        return self.pairs[row], _date(int(newest[row]))

    def position_in_force(self, pair: Pair, as_of: dt.date) -> int:
        """Where the pair's assessment in force on `as_of` is in `sorted`, -1 when none."""
        code = self.codes.get(pair)
        if code is None:
            return -1
        return self.latest(as_of).positions[code]


_indexes: dict[int, tuple[weakref.ref[Dataset], DatasetIndex, dict[str, Any]]] = {}
# Reentrant: a weak reference's callback (`_forget`) may run inside, when a collection starts
# there. A second thread asking for an index waits for the one being built.
_indexes_lock = threading.RLock()


def _entry(dataset: Dataset) -> tuple[DatasetIndex, dict[str, Any]]:
    key = id(dataset)
    with _indexes_lock:
        entry = _indexes.get(key)
        if entry is None or entry[0]() is not dataset:
            ref = weakref.ref(dataset, functools.partial(_forget, key))
            entry = _indexes[key] = (ref, DatasetIndex(dataset), {})
        return entry[1], entry[2]


def _forget(key: int, _: object = None) -> None:
    """Drop the index of a dataset that no longer exists (a weak reference's callback)."""
    with _indexes_lock:
        entry = _indexes.get(key)
        if entry is not None and entry[0]() is None:
            del _indexes[key]


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
