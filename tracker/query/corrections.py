"""Corrections of the record, kept apart from changes in the world.

An assessment whose `corrects` names an earlier one replaces it: the earlier judgement was
wrong when it was made (a misread source, a wrong date), so it no longer counts anywhere a
status is computed (the index is built from `effective_assessments`). The record keeps both,
and says when and why the correction was made (`corrections`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.model import Assessment, Dataset, Text
from tracker.source.columns import Records, as_records


def _corrected_ids(records: Records[Assessment]) -> pa.Array:
    """The ids that some assessment names in its `corrects` (read from the column: no record
    is built)."""
    return pc.drop_null(records.column("corrects.assessment")).combine_chunks()


def effective_assessments(dataset: Dataset) -> Sequence[Assessment]:
    """Every assessment that no other corrects, in the data's order: of a chain A <- B <- C
    (B corrects A, C corrects B) only C is left."""
    records = as_records(dataset.assessments, Assessment)
    corrected = _corrected_ids(records)
    if not len(corrected):
        return records
    return records.filtered(pc.invert(pc.is_in(records.column("id"), value_set=corrected)))


def recorded_by_id(dataset: Dataset, ids: Iterable[str]) -> dict[str, Assessment]:
    """The assessments of `ids` as recorded, corrected ones included (the index holds only
    those in force), by id; an id the data does not hold is left out. Only these records
    are built."""
    records = as_records(dataset.assessments, Assessment)
    wanted = set(ids)
    return {
        a.id: a for a in records.take([at for at, ref in enumerate(records.ids()) if ref in wanted])
    }


def recorded_ids(
    dataset: Dataset, pairs: Iterable[tuple[str, str]], as_of: dt.date
) -> frozenset[str]:
    """The ids of every assessment of `pairs` (commitment, actor) dated on or before `as_of`,
    corrected ones included: the record as written (read from the columns)."""
    records = as_records(dataset.assessments, Assessment)
    wanted = pa.array([f"{commitment}\x1f{actor}" for commitment, actor in pairs], pa.string())
    key = pc.binary_join_element_wise(records.column("commitment"), records.column("actor"), "\x1f")
    keep = pc.and_(pc.is_in(key, value_set=wanted), pc.less_equal(records.column("date"), as_of))
    return frozenset(pc.filter(records.column("id"), pc.fill_null(keep, False)).to_pylist())


@dataclass(frozen=True)
class CorrectedJudgement:
    """One fix of the record: the judgement that was wrong, the one that replaces it, why."""

    corrected: Assessment
    correction: Assessment

    @property
    def reason(self) -> Text:
        assert self.correction.corrects is not None, "a correction names what it corrects"
        return self.correction.corrects.reason

    @property
    def recorded(self) -> dt.date:
        return self.correction.recorded


def corrections(dataset: Dataset) -> tuple[CorrectedJudgement, ...]:
    """Every correction whose corrected assessment is in the data, by (recorded, id)."""
    records = as_records(dataset.assessments, Assessment)
    corrected = _corrected_ids(records)
    if not len(corrected):
        return ()
    by_id = {a.id: a for a in records.filtered(pc.is_in(records.column("id"), value_set=corrected))}
    fixes = records.filtered(pc.is_valid(records.column("corrects.assessment")))
    found = [
        CorrectedJudgement(by_id[a.corrects.assessment], a)
        for a in fixes
        if a.corrects is not None and a.corrects.assessment in by_id
    ]
    return tuple(sorted(found, key=lambda c: (c.recorded, c.correction.id)))


def corrections_recorded(
    found: tuple[CorrectedJudgement, ...], start: dt.date, end: dt.date
) -> tuple[CorrectedJudgement, ...]:
    """The corrections recorded after `start` up to and including `end`."""
    return tuple(c for c in found if start < c.recorded <= end)


def behind(found: tuple[CorrectedJudgement, ...]) -> dict[str, tuple[CorrectedJudgement, ...]]:
    """For each assessment that corrects another, the corrections that end in it, oldest
    first: of a chain A <- B <- C, C has (A corrected by B, B corrected by C)."""
    by_correction = {c.correction.id: c for c in found}
    chains: dict[str, tuple[CorrectedJudgement, ...]] = {}
    for ref in by_correction:
        chain: list[CorrectedJudgement] = []
        current = by_correction.get(ref)
        while current is not None and len(chain) < len(by_correction):
            chain.append(current)
            current = by_correction.get(current.corrected.id)
        chains[ref] = tuple(reversed(chain))
    return chains
