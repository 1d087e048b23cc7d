"""The bulk records (evidence, assessments) held column-wise, as Arrow tables.

A pydantic record is about 2 KB of Python objects; 400,000 of them are more memory than a
server has for its whole dataset. So a loaded dataset keeps them as an Arrow table, one column
per field (nested records flattened: `summary.en`, `source.url`), and `Records` stands in for
the tuple of records: it builds a record only when one is asked for (`records[i]`, iteration),
while queries read the columns (`tracker.query.index`). A table read from the disk cache is
memory-mapped, so the processes of one machine share its pages.

The conversion is generic over the model's fields and exact both ways: `Records(to_table(r))`
equals `r` record for record (tests check it on every kind of field).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from tracker.domain.model import Evidence, Record, partial_date_start

R = TypeVar("R", bound=Record)
BATCH = 4096  # records built at a time when iterating
KEPT = 8192  # records kept once built, per table


def _unwrap(annotation: Any) -> Any:
    """The annotation without `| None` and `Annotated`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else Any
        else:
            return annotation


def _arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a field's values: a record is a struct, flattened by `to_table`."""
    annotation = _unwrap(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields.items()
        return pa.struct([pa.field(name, _arrow_type(f.annotation)) for name, f in fields])
    if origin is tuple:
        return pa.list_(_arrow_type(args[0]))
    if origin is dict:
        return pa.map_(_arrow_type(args[0]), _arrow_type(args[1]))
    simple = {dt.date: pa.date32(), bool: pa.bool_(), int: pa.int64()}
    if annotation in simple:
        return simple[annotation]
    if origin is typing.Literal or (isinstance(annotation, type) and issubclass(annotation, str)):
        return pa.string()  # a StrEnum too
    raise TypeError(f"{annotation}: no column type for it")  # a list of records, say


# Columns computed from the record, kept beside its fields for queries (names start with _).
_DERIVED: dict[type[Record], dict[str, tuple[pa.DataType, Callable[[Any], Any]]]] = {
    Evidence: {"_start": (pa.date32(), lambda item: partial_date_start(item.date))},
}


@functools.cache
def _nested(model: type[Record]) -> pa.Schema:
    return pa.schema(list(_arrow_type(model)))


def _flat(table: pa.Table) -> pa.Table:
    """One column per field of a record in a record (`summary.en`); a null record's fields null."""
    while any(pa.types.is_struct(kind) for kind in table.schema.types):
        table = table.flatten()
    return table


def to_table(records: Sequence[Record], model: type[Record]) -> pa.Table:
    """The records as one Arrow table (the table itself when they already are one)."""
    if isinstance(records, Records):
        return records.table
    table = _flat(pa.Table.from_pylist([r.model_dump() for r in records], _nested(model)))
    for name, (kind, compute) in _DERIVED.get(model, {}).items():
        table = table.append_column(name, pa.array([compute(r) for r in records], kind))
    return table.replace_schema_metadata({"record": model.__name__})


def _build(model: type[R], row: dict[str, Any]) -> R:
    # Only values that are there: a record left out (all its fields None) takes its default.
    data: dict[str, Any] = {}
    for name, value in row.items():
        if value is None or name.startswith("_"):
            continue
        *path, last = name.split(".")
        place = data
        for part in path:
            place = place.setdefault(part, {})
        place[last] = value
    return model.model_validate(data)


class Records(Sequence[R], Generic[R]):
    """Read-only records backed by an Arrow table, optionally seen through `order` (positions
    into the table). A record is built when asked for; the last `KEPT` built are kept (pages
    show the same few hundred run after run), shared by every view of the table. A table made
    from records in memory (`objects`, row for row) hands those out as they are."""

    __slots__ = ("built", "model", "objects", "order", "table")
    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        table: pa.Table,
        model: type[R],
        order: np.ndarray | None = None,
        objects: Sequence[R] | None = None,
        built: dict[int, R] | None = None,
    ) -> None:
        self.table = table
        self.model = model
        self.order = order
        self.objects = objects
        self.built: dict[int, R] = {} if built is None else built

    def __len__(self) -> int:
        return self.table.num_rows if self.order is None else len(self.order)

    @overload
    def __getitem__(self, at: int) -> R: ...
    @overload
    def __getitem__(self, at: slice) -> list[R]: ...
    def __getitem__(self, at: int | slice) -> R | list[R]:
        if isinstance(at, slice):  # a slice is built, as a tuple's slice is a tuple
            return self.take(np.arange(len(self), dtype=np.int64)[at])
        size = len(self)
        if not -size <= at < size:
            raise IndexError(at)
        row = at % size if self.order is None else int(self.order[at])
        found = self.built.get(row) if self.objects is None else self.objects[row]
        return found if found is not None else self.take([at % size])[0]

    def rows(self, positions: np.ndarray) -> np.ndarray:
        """The table's rows at these positions of the sequence."""
        return positions if self.order is None else self.order[positions]

    def take(self, positions: Sequence[int] | np.ndarray) -> list[R]:
        """The records at `positions`, built in one go."""
        rows = self.rows(np.asarray(positions, dtype=np.int64))
        wanted = rows.tolist()
        if self.objects is not None:
            return [self.objects[row] for row in wanted]
        built = self.built  # shared by threads: read once per row, never assumed to stay
        found = [built.get(row) for row in wanted]
        missing = [row for row, record in zip(wanted, found, strict=True) if record is None]
        if not missing:
            return found  # type: ignore[return-value]
        if len(built) + len(missing) > KEPT:
            built.clear()  # simpler than an LRU, and as good for pages that show the same rows
        data = self.table.take(pa.array(missing, pa.int64())).to_pylist(maps_as_pydicts="strict")
        fresh = {row: _build(self.model, values) for row, values in zip(missing, data, strict=True)}
        if len(fresh) <= KEPT:
            built.update(fresh)
        return [
            fresh[row] if record is None else record
            for row, record in zip(wanted, found, strict=True)
        ]

    def __iter__(self) -> Iterator[R]:
        for start in range(0, len(self), BATCH):
            yield from self.take(np.arange(start, min(start + BATCH, len(self))))

    def column(self, name: str) -> pa.ChunkedArray:
        """One column, in this sequence's order."""
        found = self.table.column(name)
        return found if self.order is None else found.take(pa.array(self.order, pa.int64()))

    def ids(self) -> list[str]:
        found: list[str] = self.column("id").to_pylist()
        return found

    def view(self, positions: np.ndarray) -> Records[R]:
        """The records at `positions`, as a sequence that builds them when asked."""
        return Records(self.table, self.model, self.rows(positions), self.objects, self.built)

    def filtered(self, mask: pa.ChunkedArray | pa.Array) -> Records[R]:
        """The records where `mask` is true, in order."""
        return self.view(np.flatnonzero(np.asarray(pc.fill_null(mask, False))))

    def inserted(self, at: int, records: Sequence[R]) -> Records[R]:
        """These records with `records` inserted before position `at`, as a new table."""
        whole = self.table if self.order is None else self.table.take(self.order)
        parts = [whole.slice(0, at), to_table(records, self.model), whole.slice(at)]
        objects = None if self.objects is None else (*self[:at], *records, *self[at:])
        return Records(pa.concat_tables(parts).combine_chunks(), self.model, objects=objects)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records) and other.model is self.model:
            mine = self.table if self.order is None else self.table.take(self.order)
            theirs = other.table if other.order is None else other.table.take(other.order)
            return bool(mine.equals(theirs))
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Records[{self.model.__name__}]({len(self)} rows)"


def as_records(records: Sequence[R], model: type[R]) -> Records[R]:
    """`records` as `Records` (themselves when they already are)."""
    if isinstance(records, Records):
        return records
    return Records(to_table(records, model), model, objects=records)


EPOCH = dt.date(1970, 1, 1).toordinal()  # the ordinal of day 0 of Arrow's and numpy's dates


def ordinals(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A date column as day ordinals (`date.toordinal()`), int64."""
    days = np.asarray(pc.cast(column, pa.int32()), dtype=np.int64)
    return days + EPOCH


def plus(records: Sequence[R], new: Sequence[R]) -> Sequence[R]:
    """`records` followed by `new`: a table stays a table, a tuple a tuple."""
    if isinstance(records, Records):
        return records.inserted(len(records), new)
    return (*records, *new)
