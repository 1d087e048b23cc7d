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
import enum
import functools
import operator
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from tracker.domain.model import Evidence, Record, partial_date_start

R = TypeVar("R", bound=Record)
BATCH = 4096  # records built at a time when iterating
KEPT = 8192  # records kept once built, per table


@dataclass(frozen=True)
class _Column:
    name: str  # dotted: "summary.en"
    path: tuple[str, ...]
    type: pa.DataType
    through_optional: bool  # a record on the path may be None
    read: Callable[[Any], Any]  # Arrow value -> what the model accepts
    write: Callable[[Any], Any]  # field value -> what Arrow stores


def _same(value: Any) -> Any:
    return value


def _strings(value: Any) -> Any:
    return None if value is None else [str(item) for item in value]


def _mapping_write(value: Any) -> Any:
    return None if value is None else [(str(k), str(v)) for k, v in value.items()]


def _mapping_read(value: Any) -> Any:
    return None if value is None else dict(value)


def _text(value: Any) -> Any:
    return None if value is None else str(value)


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


def _is_text(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Literal:
        return True
    return isinstance(annotation, type) and issubclass(annotation, str | enum.Enum)


@functools.cache
def columns(model: type[Record]) -> tuple[_Column, ...]:
    """The flat columns of `model`, in field order."""
    found: list[_Column] = []

    def walk(cls: type[BaseModel], path: tuple[str, ...], through_optional: bool) -> None:
        for name, info in cls.model_fields.items():
            annotation = _unwrap(info.annotation)
            here = (*path, name)
            origin = typing.get_origin(annotation)
            item = typing.get_args(annotation)[0] if origin is tuple else None
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation, here, through_optional or not info.is_required())
                continue
            if annotation is dt.date:
                kind: tuple[pa.DataType, Callable[[Any], Any], Callable[[Any], Any]] = (
                    pa.date32(),
                    _same,
                    _same,
                )
            elif annotation is bool:
                kind = (pa.bool_(), _same, _same)
            elif annotation is int:
                kind = (pa.int64(), _same, _same)
            elif _is_text(annotation):
                kind = (pa.string(), _same, _text)
            elif origin is tuple and _is_text(_unwrap(item)):
                kind = (pa.list_(pa.string()), _same, _strings)
            elif origin is dict:
                kind = (pa.map_(pa.string(), pa.string()), _mapping_read, _mapping_write)
            else:  # a list of records, say: not in the bulk records, so not supported
                raise TypeError(f"{model.__name__}.{'.'.join(here)}: no column type for it")
            found.append(_Column(".".join(here), here, kind[0], through_optional, kind[1], kind[2]))

    walk(model, (), False)
    return tuple(found)


# Columns computed from the record, kept beside its fields for queries (names start with _).
_DERIVED: dict[type[Record], dict[str, tuple[pa.DataType, Callable[[Any], Any]]]] = {
    Evidence: {"_start": (pa.date32(), lambda item: partial_date_start(item.date))},
}


def schema(model: type[Record]) -> pa.Schema:
    fields = [pa.field(c.name, c.type) for c in columns(model)]
    fields += [pa.field(name, kind) for name, (kind, _) in _DERIVED.get(model, {}).items()]
    return pa.schema(fields, metadata={"record": model.__name__})


def to_table(records: Sequence[Record], model: type[Record]) -> pa.Table:
    """The records as one Arrow table (the table itself when they already are one)."""
    if isinstance(records, Records):
        return records.table
    arrays = []
    for column in columns(model):
        get: Callable[[Any], Any] = operator.attrgetter(column.name)
        if column.through_optional:
            get = functools.partial(_get_through_none, column.path)
        values: Any = map(get, records)
        if column.write is not _same:
            values = map(column.write, values)
        arrays.append(pa.array(list(values), column.type))
    for kind, compute in _DERIVED.get(model, {}).values():
        arrays.append(pa.array([compute(record) for record in records], kind))
    return pa.Table.from_arrays(arrays, schema=schema(model))


def _get_through_none(path: tuple[str, ...], record: Any) -> Any:
    for part in path:
        record = getattr(record, part)
        if record is None:
            return None
    return record


_Step = tuple[str, tuple[str, ...], Callable[[Any], Any] | None]


@functools.cache
def _plan(model: type[Record]) -> tuple[_Step, ...]:
    return tuple((c.name, c.path, None if c.read is _same else c.read) for c in columns(model))


def _build(model: type[R], row: dict[str, Any]) -> R:
    # Only values that are there: a record left out (all its fields None) takes its default.
    data: dict[str, Any] = {}
    for name, path, read in _plan(model):
        value = row[name]
        if value is None:
            continue
        if read is not None:
            value = read(value)
        if len(path) == 1:
            data[name] = value
            continue
        place = data
        for part in path[:-1]:
            place = place.setdefault(part, {})
        place[path[-1]] = value
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
        rows_data = self.table.take(pa.array(missing, pa.int64())).to_pylist()
        fresh = {
            row: _build(self.model, data) for row, data in zip(missing, rows_data, strict=True)
        }
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


_EPOCH = dt.date(1970, 1, 1).toordinal()


def ordinals(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A date column as day ordinals (`date.toordinal()`), int64."""
    days = np.asarray(pc.cast(column, pa.int32()), dtype=np.int64)
    return days + _EPOCH


def plus(records: Sequence[R], new: Sequence[R]) -> Sequence[R]:
    """`records` followed by `new`: a table stays a table, a tuple a tuple."""
    if isinstance(records, Records):
        return records.inserted(len(records), new)
    return (*records, *new)
