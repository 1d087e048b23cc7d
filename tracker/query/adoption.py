"""Which resolutions exist on a day. A resolution, its paragraphs and their (commitment, actor)
pairs exist from the day it is adopted: no view shows them before. A resolution is superseded
from the adoption of a later tracked one that names it as its predecessor; its paragraphs are
then followed under their successors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from tracker.domain.model import Commitment, Dataset, Resolution
from tracker.query.index import derived, index_of, remembered


def adopted(dataset: Dataset, as_of: dt.date) -> list[Resolution]:
    """The resolutions adopted on or before `as_of`, oldest first."""
    return [r for r in _by_adoption(dataset) if r.adopted <= as_of]


def successors(dataset: Dataset, as_of: dt.date) -> dict[str, Resolution]:
    """Symbol of each resolution superseded on `as_of` -> the resolution that supersedes it
    (the first adopted that names it as predecessor)."""
    found: dict[str, Resolution] = {}
    for resolution in adopted(dataset, as_of):
        if resolution.predecessor and resolution.predecessor not in found:
            found[resolution.predecessor] = resolution
    return found


def current(dataset: Dataset, as_of: dt.date) -> list[Resolution]:
    """The resolutions adopted on or before `as_of` and not superseded then, oldest first."""
    gone = successors(dataset, as_of)
    return [r for r in adopted(dataset, as_of) if r.symbol not in gone]


def existing_commitments(
    dataset: Dataset, as_of: dt.date, resolutions: Sequence[str] | None = None
) -> tuple[Commitment, ...]:
    """The paragraphs of the resolutions adopted on or before `as_of` (only of `resolutions`
    when given), in resolution then paragraph order."""
    symbols = frozenset(r.symbol for r in adopted(dataset, as_of))
    if resolutions is not None:
        symbols &= set(resolutions)
    return remembered(
        dataset,
        "adoption.existing",
        symbols,
        lambda: tuple(c for c in index_of(dataset).ordered if c.resolution in symbols),
    )


def pair_mask(
    dataset: Dataset, as_of: dt.date, resolutions: Sequence[str] | None = None
) -> np.ndarray:
    """Which of the index's `pairs` exist on `as_of` (their resolution adopted by then) and
    belong to one of `resolutions` (any when None)."""
    numbers, adoption, symbols = _pair_resolutions(dataset)
    mask: np.ndarray = adoption <= as_of.toordinal()
    if resolutions is not None:
        chosen = set(resolutions)  # a list of thousands is searched once per symbol otherwise
        wanted = [number for number, symbol in enumerate(symbols) if symbol in chosen]
        mask &= np.isin(numbers, wanted)
    return mask


def _pair_resolutions(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """For each of the index's `pairs`: the number of its resolution's symbol in the list
    returned third (numbers, not strings: a mask over them is asked for on every chart bar),
    and the ordinal of that resolution's adoption (the largest int64 when the data does not
    list it)."""

    def build(data: Dataset) -> tuple[np.ndarray, np.ndarray, list[str]]:
        index = index_of(data)
        never = np.iinfo(np.int64).max
        days = {r.symbol: r.adopted.toordinal() for r in data.resolutions}
        of_pairs = [
            index.commitments[pair.commitment].resolution
            if pair.commitment in index.commitments
            else ""
            for pair in index.pairs
        ]
        symbols = sorted(set(of_pairs))
        number = {symbol: at for at, symbol in enumerate(symbols)}
        numbers = np.asarray([number[symbol] for symbol in of_pairs], dtype=np.int64)
        adoption = np.asarray([days.get(symbol, never) for symbol in of_pairs], dtype=np.int64)
        return numbers, adoption, symbols

    return derived(dataset, "adoption.pair_resolutions", build)


def status_counts(
    dataset: Dataset, as_of: dt.date, resolutions: Sequence[str] | None = None
) -> dict[str, int]:
    """How many pairs of `pair_mask` stand in each status on `as_of` ('not yet assessed' for
    a pair with no assessment yet)."""
    index = index_of(dataset)
    numbers = index.pair_statuses(as_of)[pair_mask(dataset, as_of, resolutions)]
    statuses = [*index.statuses, dataset.methodology.not_assessed_status]
    counts: dict[str, int] = {}
    for number, found in enumerate(np.bincount(numbers, minlength=len(statuses)).tolist()):
        if found:
            counts[statuses[number]] = counts.get(statuses[number], 0) + found
    return counts


def _by_adoption(dataset: Dataset) -> tuple[Resolution, ...]:
    return derived(
        dataset,
        "adoption.by_adoption",
        lambda data: tuple(sorted(data.resolutions, key=lambda r: (r.adopted, r.symbol))),
    )
