"""Indexes of one dataset, built once and reused by every question asked of it.

A dataset is immutable (frozen records), so what can be derived from it alone is derived once:
each (commitment, actor) pair's assessments sorted by date with what each did to the status,
the evidence by commitment sorted by date, the earliest day of every partial date, the
records by id. A question about a day is then a binary search or an array filter instead of a
scan of every record. `index_of(dataset)` returns the one index of a dataset object, built on
first use and dropped with the dataset; `derived(dataset, name, build)` keeps any other value
computed from the dataset alone (the search entries, for instance) the same way.

Every question about a dataset's statuses, histories and evidence is a method of the index;
its results are those of the plain definitions (tests compare both).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from tracker.domain.model import (
    Actor,
    Assessment,
    Commitment,
    Dataset,
    Evidence,
    Resolution,
    partial_date_start,
)
from tracker.domain.scale import not_judged
from tracker.query.corrections import effective_assessments
from tracker.source.gcpause import paused_gc

T = TypeVar("T")
# Days whose per-pair answers are kept (a page asks about the same day several times per run;
# the over-time chart asks about each year end).
_DAYS_KEPT = 64
# Longer than any day's ordinal (date.max is 3,652,059).
_DAY_SPAN = 1 << 22


@dataclass(frozen=True)
class Pair:
    commitment: str
    actor: str


@dataclass(frozen=True)
class Step:
    """One assessment of a pair and what it did to the status: 'unassessed' (not a
    judgement), 'first' judgement, 'improved', 'worsened' or 'same'; `previous` is the
    judged status before it."""

    assessment: Assessment
    transition: str
    previous: str | None


def transitions(
    assessments: Iterable[Assessment], order: dict[str, int], not_judged: frozenset[str]
) -> list[str]:
    """For each assessment of one pair, oldest first: 'unassessed' when its status is one of
    `not_judged` (`scale.not_judged`), else 'first', 'improved', 'worsened' or 'same' against
    the previous judgement."""
    out: list[str] = []
    previous: str | None = None
    for assessment in assessments:
        if assessment.status in not_judged:
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


MOVES = frozenset({"improved", "worsened"})
TRANSITIONS = ("unassessed", "first", "improved", "worsened", "same")


class Latest:
    """Each pair's assessment in force on one day, as positions in the index's sorted
    assessments: `position[code]` is valid where `count[code] > 0`; `positions` is the same
    as a list, -1 for a pair with no assessment yet."""

    def __init__(self, count: np.ndarray, position: np.ndarray) -> None:
        self.count = count
        self.position = position
        self.positions: list[int] = np.where(count > 0, position, -1).tolist()


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
    gives each pair's row), with
    their actors (`actors`, and `actor_number` into the distinct `actor_names`). The evidence
    of row r is `ev_key[ev_start[r]:ev_start[r + 1]]`: `r * _DAY_SPAN` plus each item's
    earliest day (ordinal), ascending."""

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


def _segments(reduce: np.ufunc, values: np.ndarray, start: np.ndarray, empty: int) -> np.ndarray:
    """`reduce` over each segment `values[start[r]:start[r + 1]]`, `empty` for an empty one."""
    padded = np.append(values, np.int64(empty))
    found: np.ndarray = reduce.reduceat(padded, start[:-1])
    found[start[1:] == start[:-1]] = empty
    return found


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
        for commitment in self.ordered:
            for actor_id in dict.fromkeys(commitment.addressed.actors):
                self.addressing.setdefault(actor_id, []).append(commitment)
        self.by_resolution: dict[str, list[Commitment]] = {}
        for commitment in self.ordered:
            self.by_resolution.setdefault(commitment.resolution, []).append(commitment)
        self.pairs: tuple[Pair, ...] = tuple(
            Pair(c.id, actor) for c in dataset.commitments for actor in c.addressed.actors
        )
        self._index_evidence(dataset)
        self._index_assessments(dataset)
        self._lock = threading.Lock()
        self._days: OrderedDict[int, Latest] = OrderedDict()
        self._steps: dict[int, tuple[tuple[Step, ...], tuple[int, ...]]] = {}
        self._moves: Moves | None = None
        self._commitment_pairs: CommitmentPairs | None = None

    # --- evidence --------------------------------------------------------------------------

    def _index_evidence(self, dataset: Dataset) -> None:
        items = dataset.evidence
        self.evidence: tuple[Evidence, ...] = items
        self.evidence_by_id: dict[str, Evidence] = {item.id: item for item in items}
        starts: dict[str, dt.date] = {}
        self.starts: list[dt.date] = []
        for item in items:
            start = starts.get(item.date)
            if start is None:
                start = starts[item.date] = partial_date_start(item.date)
            self.starts.append(start)
        self.start_of: dict[str, dt.date] = {
            item.id: start for item, start in zip(items, self.starts, strict=True)
        }
        self._ev_day = np.fromiter((d.toordinal() for d in self.starts), np.int64, len(items))
        # Newest first by (start, id); equal keys keep the data's order, as sorted() does.
        self.newest_first: list[int] = sorted(
            range(len(items)), key=lambda i: (self.starts[i], items[i].id), reverse=True
        )
        self._newest_first_day = [-self.starts[i].toordinal() for i in self.newest_first]
        by_commitment: dict[str, list[int]] = {}
        for i in self.newest_first:
            for ref in dict.fromkeys(items[i].commitments):
                by_commitment.setdefault(ref, []).append(i)
        self._ev_by_commitment = by_commitment
        self._ev_by_commitment_day = {
            ref: [-self.starts[i].toordinal() for i in found]
            for ref, found in by_commitment.items()
        }
        self.cited_actors: frozenset[str] = frozenset(a for item in items for a in item.actors)
        # For each filterable field, value -> the positions of the items that carry it.
        self._ev_values: dict[str, dict[str, set[int]]] = {
            "actors": {},
            "commitments": {},
            "criteria": {},
            "source_types": {},
            "confidences": {},
            "directions": {},
        }
        for i, item in enumerate(items):
            for field, values in (
                ("actors", item.actors),
                ("commitments", item.commitments),
                ("criteria", [str(c) for c in item.criteria]),
                ("source_types", [item.source.type]),
                ("confidences", [item.confidence]),
                ("directions", [str(item.direction)]),
            ):
                for value in values:
                    self._ev_values[field].setdefault(value, set()).add(i)

    def evidence_as_of(self, as_of: dt.date) -> list[Evidence]:
        """Evidence whose earliest possible date is on or before `as_of`, in the data's order."""
        known = np.flatnonzero(self._ev_day <= as_of.toordinal())
        if len(known) == len(self.evidence):
            return list(self.evidence)
        return [self.evidence[i] for i in known.tolist()]

    def known_newest_first(self, as_of: dt.date) -> list[int]:
        """Positions of the evidence known on `as_of`, newest first by (start, id)."""
        cut = bisect.bisect_left(self._newest_first_day, -as_of.toordinal())
        return self.newest_first[cut:]

    def commitment_evidence(self, commitment: str, as_of: dt.date) -> list[Evidence]:
        """Evidence on `commitment` known on `as_of`, newest first."""
        found = self._ev_by_commitment.get(commitment)
        if not found:
            return []
        cut = bisect.bisect_left(self._ev_by_commitment_day[commitment], -as_of.toordinal())
        return [self.evidence[i] for i in found[cut:]]

    def filter_evidence(
        self,
        as_of: dt.date,
        wanted: dict[str, tuple[str, ...]],
        start: dt.date | None,
        end: dt.date | None,
    ) -> list[Evidence]:
        """The evidence known on `as_of`, newest first, that shares a value with each
        non-empty field of `wanted` and starts between `start` and `end` (either open)."""
        found = self.known_newest_first(as_of)
        allowed: set[int] | None = None
        for field, values in wanted.items():
            if not values:
                continue
            carrying: set[int] = set()
            for value in dict.fromkeys(values):
                carrying |= self._ev_values[field].get(value, set())
            allowed = carrying if allowed is None else allowed & carrying
        if allowed is not None:
            found = [i for i in found if i in allowed]
        if start is not None or end is not None:
            low = start or dt.date.min
            high = end or dt.date.max
            found = [i for i in found if low <= self.starts[i] <= high]
        return [self.evidence[i] for i in found]

    def evidence_count(self, commitment: str, as_of: dt.date) -> int:
        found = self._ev_by_commitment_day.get(commitment)
        if not found:
            return 0
        return len(found) - bisect.bisect_left(found, -as_of.toordinal())

    # --- assessments -----------------------------------------------------------------------

    def _index_assessments(self, dataset: Dataset) -> None:
        codes: dict[Pair, int] = {}
        for pair in self.pairs:
            codes.setdefault(pair, len(codes))
        assessments = effective_assessments(dataset)  # a corrected judgement never counts
        pair_of = []
        for assessment in assessments:
            pair = Pair(assessment.commitment, assessment.actor)
            code = codes.get(pair)
            if code is None:
                code = codes[pair] = len(codes)
            pair_of.append(code)
        self.codes = codes
        self.keys: list[Pair] = list(codes)
        order = sorted(
            range(len(assessments)),
            key=lambda i: (pair_of[i], assessments[i].date, assessments[i].id),
        )
        self.sorted: list[Assessment] = [assessments[i] for i in order]
        self.days: list[int] = [a.date.toordinal() for a in self.sorted]
        self._day = np.asarray(self.days, dtype=np.int64)
        code_sorted = np.asarray([pair_of[i] for i in order], dtype=np.int64)
        self._code = code_sorted
        sizes = np.bincount(code_sorted, minlength=len(codes))
        self.start = np.zeros(len(codes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=self.start[1:])
        # The position in the data of each sorted assessment, and the smallest such position
        # up to it within its pair: the order in which the plain scan first meets each pair.
        first_seen = np.asarray(order, dtype=np.int64)
        for code in np.flatnonzero(sizes > 1).tolist():
            lo, hi = int(self.start[code]), int(self.start[code + 1])
            first_seen[lo:hi] = np.minimum.accumulate(first_seen[lo:hi])
        self._first_seen = first_seen
        self.pair_codes = np.asarray([codes[p] for p in self.pairs], dtype=np.int64)
        # What each assessment's judgement rests on, whatever the day: the evidence it cites
        # (references to unknown items left out) and the newest of their earliest dates.
        evidence = self.evidence_by_id
        self.cited_count: list[int] = []
        self.newest_cited: list[dt.date | None] = []
        for assessment in self.sorted:
            cited = [self.start_of[ref] for ref in assessment.evidence if ref in evidence]
            self.cited_count.append(len(cited))
            self.newest_cited.append(max(cited, default=None))
        never = np.iinfo(np.int64).max
        self._newest_day = np.asarray(
            [never if day is None else day.toordinal() for day in self.newest_cited],
            dtype=np.int64,
        )
        self.statuses: list[str] = list(dict.fromkeys(a.status for a in self.sorted))
        status_code = {status: code for code, status in enumerate(self.statuses)}
        self._status = np.asarray([status_code[a.status] for a in self.sorted], dtype=np.int64)
        self.rated: tuple[str, ...] = tuple(
            dict.fromkeys(c for a in self.sorted for c in a.ratings)
        )

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

    def latest_by_pair(self, as_of: dt.date) -> dict[Pair, Assessment]:
        """The newest assessment of each pair dated on or before `as_of`, the pairs in the
        order in which the data first lists one of their assessments of that period."""
        latest = self.latest(as_of)
        codes = np.flatnonzero(latest.count > 0)
        ends = latest.position[codes]
        codes = codes[np.argsort(self._first_seen[ends], kind="stable")]
        return {
            self.keys[code]: self.sorted[position]
            for code, position in zip(codes.tolist(), latest.position[codes].tolist(), strict=True)
        }

    def in_force(self, pair: Pair, as_of: dt.date) -> Assessment | None:
        """The pair's newest assessment dated on or before `as_of`."""
        position = self.position_in_force(pair, as_of)
        return self.sorted[position] if position >= 0 else None

    def history(self, pair: Pair, as_of: dt.date | None = None) -> list[Assessment]:
        """The pair's assessments up to `as_of`, oldest first by (date, id)."""
        code = self.codes.get(pair)
        if code is None:
            return []
        lo, hi = int(self.start[code]), int(self.start[code + 1])
        if as_of is not None:
            hi = bisect.bisect_right(self.days, as_of.toordinal(), lo, hi)
        return self.sorted[lo:hi]

    def _pair_steps(self, code: int) -> tuple[tuple[Step, ...], tuple[int, ...]]:
        """The pair's whole history as steps, and for each step the index of the latest
        move (improved or worsened) up to it, -1 before the first."""
        known = self._steps.get(code)
        if known is not None:
            return known
        found = self.sorted[int(self.start[code]) : int(self.start[code + 1])]
        out: list[Step] = []
        moves: list[int] = []
        previous: str | None = None
        last_move = -1
        for number, (assessment, transition) in enumerate(
            zip(found, transitions(found, self.order, self.not_judged), strict=True)
        ):
            out.append(Step(assessment, transition, previous))
            if transition != "unassessed":
                previous = assessment.status
            if transition in MOVES:
                last_move = number
            moves.append(last_move)
        known = (tuple(out), tuple(moves))
        self._steps[code] = known
        return known

    def steps(self, pair: Pair, as_of: dt.date) -> tuple[Step, ...]:
        """The pair's assessments up to `as_of`, oldest first, each with its transition (the
        transitions of a shorter history are a prefix of the longer one's)."""
        code = self.codes.get(pair)
        if code is None:
            return ()
        lo, hi = int(self.start[code]), int(self.start[code + 1])
        end = bisect.bisect_right(self.days, as_of.toordinal(), lo, hi)
        return self._pair_steps(code)[0][: end - lo]

    def last_move(self, pair: Pair, as_of: dt.date) -> Step | None:
        """The pair's latest step up to `as_of` that improved or worsened its status."""
        code = self.codes.get(pair)
        if code is None:
            return None
        lo, hi = int(self.start[code]), int(self.start[code + 1])
        end = bisect.bisect_right(self.days, as_of.toordinal(), lo, hi)
        if end == lo:
            return None
        found, moves = self._pair_steps(code)
        move = moves[end - lo - 1]
        return found[move] if move >= 0 else None

    def moves(self) -> Moves:
        """Where each sorted assessment's pair last moved, and the status it moved from
        (built on first use)."""
        with self._lock:
            if self._moves is not None:
                return self._moves
        latest = np.full(len(self.sorted), -1, dtype=np.int64)
        previous: list[str | None] = [None] * len(self.sorted)
        kind = np.zeros(len(self.sorted), dtype=np.int64)
        number = {transition: n for n, transition in enumerate(TRANSITIONS)}
        for code in range(len(self.keys)):
            lo, hi = int(self.start[code]), int(self.start[code + 1])
            found = self.sorted[lo:hi]
            judged: str | None = None
            last = -1
            for position, (assessment, transition) in enumerate(
                zip(found, transitions(found, self.order, self.not_judged), strict=True),
                start=lo,
            ):
                previous[position] = judged
                kind[position] = number[transition]
                if transition != "unassessed":
                    judged = assessment.status
                if transition in MOVES:
                    last = position
                latest[position] = last
        moves = Moves(latest, previous, kind)
        with self._lock:
            self._moves = moves
        return moves

    def commitment_pairs(self) -> CommitmentPairs:
        """The pairs and evidence of the commitments in `ordered`, as flat arrays (built on
        first use)."""
        with self._lock:
            if self._commitment_pairs is not None:
                return self._commitment_pairs
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
            sorted(-day for day in self._ev_by_commitment_day.get(c.id, ())) for c in self.ordered
        ]
        ev_start = np.zeros(len(self.ordered) + 1, dtype=np.int64)
        np.cumsum([len(found) for found in days], out=ev_start[1:])
        ev_key = np.fromiter(
            (row * _DAY_SPAN + day for row, found in enumerate(days) for day in found),
            np.int64,
            int(ev_start[-1]),
        )
        found = CommitmentPairs(
            start=start,
            row=np.repeat(np.arange(len(self.ordered), dtype=np.int64), sizes),
            codes=np.asarray(codes, dtype=np.int64),
            actors=actors,
            actor_names=names,
            actor_number=np.asarray([number[a] for a in actors], dtype=np.int64),
            ev_key=ev_key,
            ev_start=ev_start,
        )
        with self._lock:
            self._commitment_pairs = found
        return found

    def commitment_standing(self, as_of: dt.date) -> CommitmentStanding:
        """Where the pairs of `commitment_pairs()` stand on `as_of`, per pair and per row."""
        pairs = self.commitment_pairs()
        latest = self.latest(as_of)
        has = latest.count[pairs.codes] > 0
        position = np.where(has, latest.position[pairs.codes], -1)

        def at(values: np.ndarray, default: int) -> np.ndarray:
            if not has.any():
                return np.full(len(has), default, dtype=np.int64)
            found: np.ndarray = np.where(has, values[position], default)
            return found

        never = np.iinfo(np.int64).max
        rows = np.arange(len(self.ordered), dtype=np.int64)
        known = np.searchsorted(pairs.ev_key, rows * _DAY_SPAN + as_of.toordinal(), side="right")
        return CommitmentStanding(
            position=position,
            status=at(self._status, len(self.statuses)),
            last_assessed=_segments(np.maximum, at(self._day, -1), pairs.start, -1),
            newest_evidence=_segments(np.minimum, at(self._newest_day, never), pairs.start, never),
            evidence=known - pairs.ev_start[:-1],
        )

    @property
    def newest_day(self) -> np.ndarray:
        """Per assessment of `sorted`, the ordinal of `newest_cited`, the largest int64 for
        none."""
        return self._newest_day

    def change_positions(self, kinds: frozenset[str], since: dt.date | None) -> np.ndarray:
        """The positions in `sorted`, ascending, of the assessments whose transition is in
        `kinds`, dated on or after `since` (any day if None)."""
        wanted = [n for n, transition in enumerate(TRANSITIONS) if transition in kinds]
        qualifies = np.isin(self.moves().transition, wanted)
        if since is not None:
            qualifies &= self._day >= since.toordinal()
        return np.flatnonzero(qualifies)

    def commitment_history_bounds(self, as_of: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """For each pair of `commitment_pairs()`, where its assessments up to `as_of` start
        and end in `sorted`."""
        pairs = self.commitment_pairs()
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
        if not len(self.sorted):
            return np.full(len(position), none, dtype=np.int64)
        found: np.ndarray = np.where(position >= 0, self._status[position], none)
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
        latest = self.latest(as_of)
        count = latest.count[self.pair_codes]
        has = np.flatnonzero(count > 0).tolist()
        position = latest.position[self.pair_codes][has].tolist()
        rows = len(self.pairs)
        found = [self.sorted[p] for p in position]

        def column(values: Iterable[Any], default: Any = None) -> list[Any]:
            out = [default] * rows
            for row, value in zip(has, values, strict=True):
                out[row] = value
            return out

        newest = column(self.newest_cited[p] for p in position)
        day = as_of
        table: dict[str, list[Any]] = {
            "commitment": [pair.commitment for pair in self.pairs],
            "actor": [pair.actor for pair in self.pairs],
            "status": column((a.status for a in found), self.not_assessed),
            "assessed_on": column(a.date for a in found),
            "assessment": column(a.id for a in found),
            "confidence": column(a.confidence for a in found),
            "evidence_count": column((self.cited_count[p] for p in position), 0),
            "newest_evidence": newest,
            "stale_days": [(day - n).days if n else None for n in newest],
        }
        for criterion in self._rating_order(found):
            table[f"rating_{criterion}"] = column(a.ratings.get(criterion) for a in found)
        return pd.DataFrame(table)

    def _rating_order(self, found: list[Assessment]) -> list[str]:
        """The rating criteria in force, in the order rows of the table first show them."""
        seen: dict[str, None] = {}
        for assessment in found:
            for criterion in assessment.ratings:
                seen.setdefault(criterion)
            if len(seen) == len(self.rated):
                break
        return list(seen)

    def status_counts(self, as_of: dt.date) -> dict[str, int]:
        """How many assessed pairs stand in each status on `as_of`."""
        latest = self.latest(as_of)
        count = latest.count[self.pair_codes]
        position = latest.position[self.pair_codes][count > 0]
        tally = np.bincount(self._status[position], minlength=len(self.statuses)).tolist()
        counts = {status: n for status, n in zip(self.statuses, tally, strict=True) if n}
        unassessed = len(self.pairs) - len(position)
        if unassessed:
            counts[self.not_assessed] = counts.get(self.not_assessed, 0) + unassessed
        return counts

    def status_counts_by_year(self, start: int, end: dt.date) -> pd.DataFrame:
        """How many pairs stood in each status at the end of each year (the last one at `end`):
        columns year, as_of, status, pairs, every status of the scale in every year."""
        rows: list[dict[str, object]] = []
        for year in range(start, end.year + 1):
            day = min(dt.date(year, 12, 31), end)
            counts = self.status_counts(day)
            rows.extend(
                {"year": year, "as_of": day, "status": status, "pairs": int(counts.get(status, 0))}
                for status in self.order
            )
        return pd.DataFrame(rows)

    def stalest(self, as_of: dt.date) -> tuple[Pair, dt.date] | None:
        """The first assessed pair (in the status table's order) whose judgement in force on
        `as_of` cites the oldest newest evidence, and that evidence's date."""
        latest = self.latest(as_of)
        has = latest.count[self.pair_codes] > 0
        if not has.any():
            return None
        position = np.where(has, latest.position[self.pair_codes], 0)
        newest = np.where(has, self._newest_day[position], np.iinfo(np.int64).max)
        row = int(np.argmin(newest))
        if newest[row] == np.iinfo(np.int64).max:
            return None
        return self.pairs[row], dt.date.fromordinal(int(newest[row]))

    def position_in_force(self, pair: Pair, as_of: dt.date) -> int:
        """Where the pair's assessment in force on `as_of` is in `sorted`, -1 when none."""
        code = self.codes.get(pair)
        if code is None:
            return -1
        return self.latest(as_of).positions[code]


_indexes: dict[int, tuple[weakref.ref[Dataset], DatasetIndex, dict[str, Any]]] = {}
_indexes_lock = threading.Lock()
_building: dict[int, threading.Lock] = {}


def _entry(dataset: Dataset) -> tuple[DatasetIndex, dict[str, Any]]:
    key = id(dataset)
    with _indexes_lock:
        entry = _indexes.get(key)
        if entry is not None and entry[0]() is dataset:
            return entry[1], entry[2]
        lock = _building.setdefault(key, threading.Lock())
    with lock:  # a second thread asking for the same dataset waits for the first one's build
        with _indexes_lock:
            entry = _indexes.get(key)
            if entry is not None and entry[0]() is dataset:
                return entry[1], entry[2]
        try:
            with paused_gc():  # a million long-lived objects: see tracker/source/gcpause.py
                index = DatasetIndex(dataset)
            ref = weakref.ref(dataset, functools.partial(_forget, key))
            with _indexes_lock:
                _indexes[key] = (ref, index, {})
                return index, _indexes[key][2]
        finally:
            with _indexes_lock:
                _building.pop(key, None)


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
        with paused_gc():
            store[name] = build(dataset)
    value: T = store[name]
    return value
