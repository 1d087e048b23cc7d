"""The one write path into a data file: append records under a lock, refuse a stale base or an
invalid result, and replace the file atomically while keeping the version it replaced.

New records are inserted as text at the end of their lists; the file is never re-dumped, so
hand-written comments and layout survive and `git diff` shows added lines only. The one edit
in place is `fill_language`: a resolution's texts in a second language, each written as its
own `zh:` (or `en:`) key, with every other line kept. The version a write replaces is kept
under `.history/` beside the file, as `<stem>.<UTC time>.<first 12 hex digits of its
sha256><suffix>`, with the data file's mode; the newest `HISTORY_KEEP` are kept, within
`HISTORY_MAX_BYTES`. A lock file `.<name>.lock` (mode 0600) sits beside the data file. Every
file a write creates is created exclusively and never through a symlink; a read-only data file
is refused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import errno
import fcntl
import functools
import glob
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from secrets import token_hex
from typing import Any

import numpy as np
import yaml

from tracker.domain.model import (
    Actor,
    Assessment,
    Commitment,
    Dataset,
    Evidence,
    Record,
    Resolution,
    Review,
    Text,
)
from tracker.domain.problems import Problem
from tracker.source.cache import DatasetCache, cache_for
from tracker.source.columns import plus
from tracker.source.files import temporary_name, write_new
from tracker.source.loader import LoadResult, content_hash, load_bytes
from tracker.source.yamlsource import Loader, Section

HISTORY_DIR = ".history"
HISTORY_KEEP = 200
HISTORY_MAX_BYTES = 1 << 30
LOCK_TIMEOUT = 30.0
WIDTH = 100
_BOM = b"\xef\xbb\xbf"


# --- who writes, what comes back, and why a write did not happen -------------------------


@dataclass(frozen=True)
class Editor:
    """Someone the app has let edit. The UI decides who that is; the core only refuses writes
    that come without one."""

    name: str
    email: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an editor needs a name")


@dataclass(frozen=True)
class WriteResult:
    """What a write did: the new version's hash, where the replaced version was kept, and the
    lines (1-based, inclusive) of the new file that the write added or touched."""

    path: Path
    content_hash: str
    previous_hash: str
    previous_version: Path
    changed_lines: tuple[tuple[int, int], ...]
    dataset: Dataset


@dataclass(frozen=True)
class AppendPlan:
    """The bytes a write would put in the file, checked, and what they load into."""

    raw: bytes
    content_hash: str
    changed_lines: tuple[tuple[int, int], ...]
    dataset: Dataset


class StoreError(Exception):
    """A write that did not happen. The data file is exactly as it was."""


class NotAnEditor(StoreError, PermissionError):
    def __init__(self) -> None:
        super().__init__("only editors may change the data; nothing was written")


class WriteConflict(StoreError):
    """The file is no longer the version the change was prepared on."""

    def __init__(self, path: Path, expected_hash: str, actual_hash: str) -> None:
        self.path = path
        self.expected_hash = expected_hash
        self.actual_hash = actual_hash
        super().__init__(
            f"{path.name} changed since it was loaded (loaded version {expected_hash[:12]}, "
            f"now {actual_hash[:12]}); who changed it is not known. Nothing was written: "
            "reload the data and apply your change again."
        )


class WriteRejected(StoreError):
    """The change would leave the data with problems. Their lines are those of the text that
    would have been written; their record paths (`assessments[12].evidence[0]`) are exact."""

    def __init__(self, reason: str, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(f"  {problem}" for problem in self.problems[:20])
        more = f"\n  ... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(f"{reason}; nothing was written:\n{shown}{more}")


class UnsupportedLayout(StoreError):
    """The file is laid out in a way that records cannot be appended to without rewriting
    other lines, or the appended text would not read back as the records given."""


class StoreBusy(StoreError):
    """Another write held the lock for longer than the timeout."""


# --- the write ---------------------------------------------------------------------------


def append_records(
    path: str | Path,
    *,
    base_hash: str,
    editor: Editor | None,
    resolutions: Sequence[Resolution] = (),
    actors: Sequence[Actor] = (),
    commitments: Sequence[Commitment] = (),
    assessments: Sequence[Assessment] = (),
    evidence: Sequence[Evidence] = (),
    review: Review | None = None,
    today: dt.date | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> WriteResult:
    """Append records to the data file at `path`, or change nothing.

    Resolutions, actors, commitments, evidence and assessments go at the end of their
    sections. `base_hash` is the content hash of the version the change was prepared on (a
    `LoadResult.content_hash`); if the file is no longer that version the write is refused
    with `WriteConflict`. The new assessments are added to the decisions of `review`: a new
    review is appended, an existing one (same id) only gains those decisions.
    Raises `NotAnEditor`, `WriteConflict`, `WriteRejected`, `UnsupportedLayout`, `StoreBusy`,
    or `OSError` when the file cannot be read or written.
    """
    # Checked here as well as in the UI: a page entered directly must not be able to write.
    if not isinstance(editor, Editor):
        raise NotAnEditor()
    if not (resolutions or actors or commitments or assessments or evidence or review):
        raise ValueError("nothing to write: give records to append")

    def plan(old: bytes, file: str, base_dir: Path, cache: _Cache) -> AppendPlan:
        return plan_append(
            old,
            file,
            resolutions=resolutions,
            actors=actors,
            commitments=commitments,
            assessments=assessments,
            evidence=evidence,
            review=review,
            today=today,
            base_dir=base_dir,
            cache=cache,
        )

    return _write(Path(path), base_hash, lock_timeout, plan)


def plan_append(
    raw: bytes,
    file: str,
    *,
    resolutions: Sequence[Resolution] = (),
    actors: Sequence[Actor] = (),
    commitments: Sequence[Commitment] = (),
    assessments: Sequence[Assessment] = (),
    evidence: Sequence[Evidence] = (),
    review: Review | None = None,
    today: dt.date | None = None,
    base_dir: Path | None = None,
    cache: _Cache = None,
) -> AppendPlan:
    """The text `append_records` would write, validated and read back, without writing it.

    With `cache` (the data file's cache and its resolved path), the base and the new version
    load through it: a base the app has loaded is not parsed again, only the neighbourhood
    of the insertion points is composed to find them, and a new version that only inserts
    records is validated from the base (`DatasetCache.extend`). Whatever that cannot settle
    goes through a full load, so the outcome is that of validating the whole new file.

    A new assessment is recorded on the day of the write (`today`): the write path never
    backdates the record."""
    dataset = _valid_base(raw, file, today, base_dir, cache)
    _check_recorded_today(dataset, assessments, today or dt.date.today())
    expected, new_review, decisions = _merge(dataset, evidence, assessments, review)
    expected = expected.model_copy(
        update={
            "resolutions": (*dataset.resolutions, *resolutions),
            "actors": (*dataset.actors, *actors),
            "commitments": (*dataset.commitments, *commitments),
        }
    )
    bom, text = _split_bom(raw)
    # In model order: sections a file lacks are then created in that order.
    additions: dict[str, Sequence[Record]] = {
        "resolutions": resolutions,
        "actors": actors,
        "commitments": commitments,
        "evidence": evidence,
        "assessments": assessments,
        "reviews": [new_review] if new_review else [],
    }
    layout = _layout(text, _sections(raw, cache), bom)
    edits = _plan_edits(layout, additions, review.id if review else None, decisions)
    if not edits:
        raise ValueError("nothing to write: the review already lists these assessments")
    return _checked_plan(bom, text, edits, expected, file, today, base_dir, cache)


# --- filling a second language -----------------------------------------------------------


@dataclass(frozen=True)
class LanguageFill:
    """One field of one record of a resolution that gets its text in another language.

    `record` is the resolution's symbol or the id of one of its commitments; `field` is the
    path inside that record to a two-language text, such as `("text",)`, `("verb",)`,
    `("footnotes", 0, "after")`, `("preamble", 3, "text")`, or to `("source_files",)`, the
    official text files by language.
    """

    record: str
    field: tuple[str | int, ...]
    value: str


def fill_language(
    path: str | Path,
    *,
    base_hash: str,
    editor: Editor | None,
    symbol: str,
    language: str,
    fills: Sequence[LanguageFill],
    today: dt.date | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> WriteResult:
    """Give existing records of the resolution `symbol` their `language` texts, or change
    nothing.

    Each value is written in place: a `language:` key is added to its text, or its old value
    replaced, and no other line changes. Fills equal to what the data holds are skipped.
    Under the same lock, conflict check, validation and atomic replace as `append_records`,
    and with the same exceptions; `ValueError` when a fill names no text of that resolution
    or nothing would change.
    """
    if not isinstance(editor, Editor):
        raise NotAnEditor()

    def plan(old: bytes, file: str, base_dir: Path, cache: _Cache) -> AppendPlan:
        return plan_fill(
            old,
            file,
            symbol=symbol,
            language=language,
            fills=fills,
            today=today,
            base_dir=base_dir,
            cache=cache,
        )

    return _write(Path(path), base_hash, lock_timeout, plan)


def plan_fill(
    raw: bytes,
    file: str,
    *,
    symbol: str,
    language: str,
    fills: Sequence[LanguageFill],
    today: dt.date | None = None,
    base_dir: Path | None = None,
    cache: _Cache = None,
) -> AppendPlan:
    """The text `fill_language` would write, validated and read back, without writing it."""
    dataset = _valid_base(raw, file, today, base_dir, cache)
    changed = _changing_fills(dataset, symbol, language, fills)
    if not changed:
        raise ValueError(f"nothing to write: the {language} texts of {symbol} are already these")
    expected = apply_fills(dataset, symbol=symbol, language=language, fills=changed)
    bom, text = _split_bom(raw)
    layout = _layout(text)
    edits = [edit for fill in changed for edit in layout.set_language(fill, language)]
    return _checked_plan(bom, text, edits, expected, file, today, base_dir, cache)


def apply_fills(
    dataset: Dataset, *, symbol: str, language: str, fills: Sequence[LanguageFill]
) -> Dataset:
    """The dataset with the fills made: what `fill_language` writes, as records.

    Raises `ValueError` when a fill does not name a text (or the source files) of a record
    of the resolution `symbol`.
    """
    if language not in Text.model_fields:
        raise ValueError(f"texts are held in {sorted(Text.model_fields)}, not {language!r}")
    resolutions = list(dataset.resolutions)
    commitments = list(dataset.commitments)
    seen: set[tuple[str, tuple[str | int, ...]]] = set()
    for fill in fills:
        key = (fill.record, fill.field)
        if key in seen:
            raise ValueError(f"{fill.record} {_field_name(fill.field)} is filled twice")
        seen.add(key)
        section, index = _record_index(dataset, symbol, fill.record)
        target: list[Any] = resolutions if section == "resolutions" else commitments
        target[index] = _set_language(target[index], fill.field, language, fill.value, fill)
    return dataset.model_copy(
        update={"resolutions": tuple(resolutions), "commitments": tuple(commitments)}
    )


def _changing_fills(
    dataset: Dataset, symbol: str, language: str, fills: Sequence[LanguageFill]
) -> list[LanguageFill]:
    after = apply_fills(dataset, symbol=symbol, language=language, fills=fills)
    changed = []
    for fill in fills:
        section, index = _record_index(dataset, symbol, fill.record)
        old = _value_at(getattr(dataset, section)[index], fill.field)
        new = _value_at(getattr(after, section)[index], fill.field)
        if old != new:
            changed.append(fill)
    return changed


def _record_index(dataset: Dataset, symbol: str, record: str) -> tuple[str, int]:
    for index, resolution in enumerate(dataset.resolutions):
        if resolution.symbol == record == symbol:
            return "resolutions", index
    for index, commitment in enumerate(dataset.commitments):
        if commitment.id == record and commitment.resolution == symbol:
            return "commitments", index
    raise ValueError(f"{record} is not {symbol} or one of its commitments in the data")


def _field_name(field: tuple[str | int, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in field)[1:]


def _value_at(record: Any, field: tuple[str | int, ...]) -> Any:
    value = record
    for part in field:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _set_language(
    value: Any, field: tuple[str | int, ...], language: str, text: str, fill: LanguageFill
) -> Any:
    if not field:
        if isinstance(value, Text):
            return value.model_copy(update={language: text})
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return {**value, language: text}
    elif isinstance(field[0], int) and isinstance(value, tuple) and field[0] < len(value):
        items = list(value)
        items[field[0]] = _set_language(items[field[0]], field[1:], language, text, fill)
        return tuple(items)
    elif (
        isinstance(field[0], str)
        and isinstance(value, Record)
        and field[0] in type(value).model_fields
    ):
        inner = _set_language(getattr(value, field[0]), field[1:], language, text, fill)
        return value.model_copy(update={field[0]: inner})
    raise ValueError(f"{fill.record} has no text at {_field_name(fill.field)!r}")


# --- what every write shares -------------------------------------------------------------

_Cache = tuple[DatasetCache, str] | None
"""A data file's cache and the file's resolved path (its name in the cache), or None."""
_Planner = Callable[[bytes, str, Path, _Cache], AppendPlan]


def _write(given: Path, base_hash: str, lock_timeout: float, plan: _Planner) -> WriteResult:
    target = given.resolve()
    _refuse_read_only(target)
    with _exclusive_lock(target, lock_timeout):
        _history_folder(target)
        _settle_pending(target)
        for edited in edited_versions(target, newest=1):
            _LOG.warning(
                "%s was written to after it had been replaced: an edit made outside the app "
                "is in it and not in %s; compare the two",
                edited,
                target,
            )
        old = target.read_bytes()
        _ensure_unchanged(target, old, base_hash)
        cache = cache_for(target)
        planned = plan(old, str(given), given.parent, (cache, str(target)) if cache else None)
        mode = stat.S_IMODE(target.stat().st_mode)
        previous = _swap_in(target, planned.raw, planned.content_hash, base_hash, mode)
        _prune_history(target)
    return WriteResult(
        given, planned.content_hash, base_hash, previous, planned.changed_lines, planned.dataset
    )


def _load(
    raw: bytes, file: str, today: dt.date | None, base_dir: Path | None, cache: _Cache
) -> LoadResult:
    if cache is None:
        return load_bytes(raw, file, today=today, base_dir=base_dir)
    return load_bytes(raw, file, today=today, base_dir=base_dir, cache=cache[0], source=cache[1])


def _valid_base(
    raw: bytes, file: str, today: dt.date | None, base_dir: Path | None, cache: _Cache
) -> Dataset:
    before = _load(raw, file, today, base_dir, cache)
    if before.dataset is None or before.problems:
        raise WriteRejected("the file already has problems; fix them first", before.problems)
    return before.dataset


def _check_recorded_today(
    dataset: Dataset, assessments: Sequence[Assessment], today: dt.date
) -> None:
    first = len(dataset.assessments)
    problems = [
        Problem(
            "",
            0,
            0,
            "inconsistent-date",
            f"{assessment.id} says it was recorded {assessment.recorded}, but it is written "
            f"on {today}: a new judgement is recorded on the day it is written",
            f"assessments[{first + number}].recorded",
        )
        for number, assessment in enumerate(assessments)
        if assessment.recorded != today
    ]
    if problems:
        raise WriteRejected("the new assessments are not recorded today", problems)


def _sections(raw: bytes, cache: _Cache) -> dict[str, Section] | None:
    """The layout of the top-level lists of `raw`, as its cached load recorded it."""
    entry = cache[0].get(content_hash(raw)) if cache is not None else None
    return entry.sections if entry is not None else None


def _split_bom(raw: bytes) -> tuple[bytes, str]:
    bom = _BOM if raw.startswith(_BOM) else b""
    return bom, raw[len(bom) :].decode("utf-8")


def _checked_plan(
    bom: bytes,
    text: str,
    edits: Sequence[_Edit],
    expected: Dataset,
    file: str,
    today: dt.date | None,
    base_dir: Path | None,
    cache: _Cache = None,
) -> AppendPlan:
    new_text, changed = _apply(text, edits)
    new_raw = bom + new_text.encode("utf-8")
    after = _load(new_raw, file, today, base_dir, cache)
    if after.dataset is None or after.problems:
        raise WriteRejected("the new records do not fit the data", after.problems)
    if after.dataset != expected:
        # Guards against a layout this module misreads (say, a `|+` block scalar at the end
        # of a list): refusing is better than a write that alters another record.
        raise UnsupportedLayout(
            "the new text would not read back as exactly the records given; "
            "nothing was written. Make the change by hand, or report this with the file."
        )
    return AppendPlan(new_raw, after.content_hash, changed, after.dataset)


def _layout(text: str, sections: Mapping[str, Section] | None = None, bom: bytes = b"") -> _Layout:
    """The file's layout, from its node tree. With the `sections` of a cached load, the items
    between the first and the last two of each long list are cut out before composing (an
    append needs only the list's first item, for its style, and its last two); the offsets
    found are then those of the whole text."""
    cut = _cut_items(text, sections, bom) if sections else None
    if cut is not None:
        reduced, shifts = cut
        try:
            root = yaml.compose(reduced, Loader=Loader)
        except yaml.YAMLError:
            root = None  # a layout the cut misjudged: compose it whole
        if isinstance(root, yaml.MappingNode):
            return _Layout(reduced, root, shifts)
    root = yaml.compose(text, Loader=Loader)
    if not isinstance(root, yaml.MappingNode):
        raise UnsupportedLayout("the file is not a mapping of sections")
    return _Layout(text, root)


# Line breaks other than LF and CRLF, as UTF-8: where they occur, YAML's line numbers are not
# the count of LFs, and the cut is not tried.
_OTHER_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_CUT_AT_LEAST = 8  # items in a list before its middle is cut out
_KEPT_SECTIONS = frozenset({"reviews"})  # `add_decisions` looks through every review


def _cut_items(
    text: str, sections: Mapping[str, Section], bom: bytes
) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """`text` without the middle items of its long top-level lists, and the cuts as
    (offset in the reduced text, characters removed there); None when nothing is cut or the
    line numbers cannot be trusted."""
    body = text.encode("utf-8")
    if body.count(b"\r") != body.count(b"\r\n") or any(b in body for b in _OTHER_BREAKS):
        return None
    spans = []
    for section in sections.values():
        lines = section.item_lines
        if section.name in _KEPT_SECTIONS or len(lines) < _CUT_AT_LEAST:
            continue
        spans.append((lines[1], lines[-2]))
    if not spans:
        return None
    newlines = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == ord("\n"))
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []
    kept_from = kept_length = 0
    for first, last in sorted(spans):
        if not 0 < first < last <= len(newlines):
            return None
        start, stop = int(newlines[first - 1]) + 1, int(newlines[last - 1]) + 1
        if start < kept_from or not _starts_item(body, start) or not _starts_item(body, stop):
            return None
        piece = body[kept_from:start].decode("utf-8")
        pieces.append(piece)
        kept_length += len(piece)
        shifts.append((kept_length, len(body[start:stop].decode("utf-8"))))
        kept_from = stop
    pieces.append(body[kept_from:].decode("utf-8"))
    return "".join(pieces), tuple(shifts)


def _starts_item(body: bytes, offset: int) -> bool:
    """Whether the line at `offset` is a block-list item: spaces, then '- ' (or '-' alone)."""
    line = body[offset : offset + 200].lstrip(b" ")
    return line.startswith((b"- ", b"-\n", b"-\r\n"))


def _plan_edits(
    layout: _Layout,
    additions: dict[str, Sequence[Record]],
    review_id: str | None,
    decisions: Sequence[str],
) -> list[_Edit]:
    edits = [
        edit
        for section, records in additions.items()
        if records
        for edit in layout.append_to_section(section, [_record_data(r) for r in records])
    ]
    if review_id is not None and decisions:
        edits += layout.add_decisions(review_id, decisions)
    return [layout.in_whole_text(edit) for edit in edits]


def previous_versions(path: str | Path) -> list[Path]:
    """The versions kept of the data file at `path`, newest first."""
    target = Path(path).resolve()
    pattern = re.compile(
        re.escape(target.stem) + r"\.\d{8}T\d{12}Z\.[0-9a-f]{12}" + re.escape(target.suffix)
    )
    folder = target.parent / HISTORY_DIR
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _merge(
    dataset: Dataset,
    evidence: Sequence[Evidence],
    assessments: Sequence[Assessment],
    review: Review | None,
) -> tuple[Dataset, Review | None, tuple[str, ...]]:
    """The dataset the file must load into after the write; the review to append (if new);
    the assessment ids to add to the decisions of an existing review."""
    new_ids = list(dict.fromkeys(a.id for a in assessments))
    reviews = list(dataset.reviews)
    new_review: Review | None = None
    decisions: tuple[str, ...] = ()
    if review is not None:
        index = next((i for i, r in enumerate(reviews) if r.id == review.id), None)
        if index is None:
            extra = tuple(i for i in new_ids if i not in review.decisions)
            new_review = review.model_copy(update={"decisions": (*review.decisions, *extra)})
            reviews.append(new_review)
        else:
            current = reviews[index]
            decisions = tuple(i for i in new_ids if i not in current.decisions)
            reviews[index] = current.model_copy(
                update={"decisions": (*current.decisions, *decisions)}
            )
    expected = dataset.model_copy(
        update={
            # A cached dataset's records are Arrow tables: extended as tables, not rebuilt.
            "evidence": plus(dataset.evidence, evidence),
            "assessments": plus(dataset.assessments, assessments),
            "reviews": tuple(reviews),
        }
    )
    return expected, new_review, decisions


# --- rendering records -------------------------------------------------------------------


def records_yaml(sections: Mapping[str, Sequence[Record]]) -> str:
    """Records as one YAML document of sections, written as the write path inserts them:
    model field order, defaults left out, lists indented under their section key."""
    parts = [
        f"{section}:\n" + _render_items([_record_data(r) for r in records], 2, True, "\n")
        for section, records in sections.items()
        if records
    ]
    return "\n".join(parts)


def _record_data(record: Record) -> Any:
    """Model field order, dates as ISO strings, defaults left out as the hand-written data
    does."""
    return record.model_dump(mode="json", exclude_defaults=True)


class _RecordDumper(yaml.SafeDumper):
    pass


class _IndentedRecordDumper(_RecordDumper):
    """Lists inside a record indented under their key, for files written that way."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(ch in value for ch in "\x85\u2028\u2029\ufeff"):
        # YAML 1.1 reads these as line breaks or a byte-order mark; escape them.
        style = '"'
    elif "\n" in value and value == value.strip():
        # A literal block reads like the text typed. Text with leading or trailing
        # whitespace stays quoted (chomping and indentation indicators are easy to misread),
        # and PyYAML itself falls back to quotes when a block cannot hold the text exactly.
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordDumper.add_representer(str, _represent_text)


def _render_items(items: list[Any], dash_column: int, indented: bool, newline: str) -> str:
    """Block-list items (`- ...` lines) whose dashes sit at `dash_column`."""
    dumper = _IndentedRecordDumper if indented else _RecordDumper
    body = yaml.dump(
        items,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=max(40, WIDTH - dash_column),
    )
    pad = " " * dash_column
    # Split on "\n" only: the dumper escapes the other YAML line breaks inside scalars.
    lines = body.removesuffix("\n").split("\n")
    return "".join((pad + line if line else line) + newline for line in lines)


def _render_mapping(data: dict[str, Any], column: int, newline: str) -> str:
    """Block-mapping lines (`key: value`) whose keys sit at `column`."""
    body = yaml.dump(
        data,
        Dumper=_RecordDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=max(40, WIDTH - column),
    )
    pad = " " * column
    lines = body.removesuffix("\n").split("\n")
    return "".join((pad + line if line else line) + newline for line in lines)


def _render_flow_scalar(value: str) -> str:
    """`value` as it must be written inside a flow list `[...]` (quoted when YAML needs it)."""
    text: str = yaml.dump(
        [value], Dumper=_RecordDumper, default_flow_style=True, width=10**6, allow_unicode=True
    )
    return text.strip()[1:-1]


# --- finding where to insert -------------------------------------------------------------


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


class _Layout:
    """Offsets in the text where records go, read from the composed node tree."""

    def __init__(
        self, text: str, root: yaml.MappingNode, cuts: tuple[tuple[int, int], ...] = ()
    ) -> None:
        self.text = text
        self.root = root
        self.cuts = cuts
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.indented = self._lists_indented()

    def in_whole_text(self, edit: _Edit) -> _Edit:
        """The edit with its offsets in the text before the cut (see `_cut_items`)."""
        if not self.cuts:
            return edit

        def whole(offset: int) -> int:
            return offset + sum(removed for at, removed in self.cuts if at <= offset)

        return _Edit(whole(edit.start), whole(edit.end), edit.text)

    def append_to_section(self, section: str, items: list[Any]) -> list[_Edit]:
        found = self._section(section)
        if found is None:
            return [self._new_section(section, items)]
        key, value, stop = found
        if not isinstance(value, yaml.SequenceNode):
            raise UnsupportedLayout(f"'{section}' is not a list")
        if value.flow_style and value.value:
            raise UnsupportedLayout(
                f"'{section}' is written as a flow list [...]; "
                "write it as a block list (one '- ' item per record) to let the app append"
            )
        if value.flow_style:
            return self._replace_empty_flow(value, key.start_mark.column, items)
        return [self._append_to_block(value, stop, items, key.start_mark.column)]

    def add_decisions(self, review_id: str, ids: Sequence[str]) -> list[_Edit]:
        """Edits that add `ids` to the decisions of the existing review `review_id`."""
        found = self._section("reviews")
        if found is None or not isinstance(found[1], yaml.SequenceNode):
            raise UnsupportedLayout("the file has no list of reviews")
        reviews, section_stop = found[1], found[2]
        for index, item in enumerate(reviews.value):
            if isinstance(item, yaml.MappingNode) and _scalar_at(item, "id") == review_id:
                following = reviews.value[index + 1 :]
                stop = following[0].start_mark.index if following else section_stop
                return self._add_to_list_in(item, "decisions", list(ids), stop)
        raise UnsupportedLayout(f"review '{review_id}' was not found in the file")

    def set_language(self, fill: LanguageFill, language: str) -> list[_Edit]:
        """Edits that give the text at `fill.field` of record `fill.record` the value
        `fill.value` in `language`: the key added, or its value replaced, nothing else."""
        mapping = self._text_node(fill)
        index = _key_index(mapping, language)
        if mapping.flow_style:
            scalar = _render_flow_scalar(fill.value)
            if index is not None:
                value = mapping.value[index][1]
                start, end = value.start_mark.index, value.end_mark.index
                lead = "" if self.text[start - 1] in " \t" else " "
                return [_Edit(start, end, lead + scalar)]
            close = mapping.end_mark.index - 1
            if self.text[close] != "}":
                raise UnsupportedLayout(f"cannot find the end of {fill.record}'s text")
            separator = ", " if mapping.value else ""
            return [_Edit(close, close, f"{separator}{language}: {scalar}")]
        if not mapping.value:
            raise UnsupportedLayout(f"{fill.record} has an empty text mapping")
        column = mapping.value[0][0].start_mark.column
        block = _render_mapping({language: fill.value}, column, self.newline)
        if index is None:
            at = _content_end(self.text, mapping.value[-1][1], mapping.end_mark.index, column)
            return [self._insert(at, block)]
        key, value = mapping.value[index]
        if (
            isinstance(value, yaml.ScalarNode)
            and value.style not in ("|", ">")
            and value.start_mark.line == value.end_mark.line
            and value.end_mark.index > value.start_mark.index
            and "\n" not in fill.value
        ):
            # Only the value changes: a comment after it on its line stays.
            scalar = _render_flow_scalar(fill.value)
            return [_Edit(value.start_mark.index, value.end_mark.index, scalar)]
        start = _line_start(self.text, key.start_mark.index)
        if self.text[start : key.start_mark.index].strip():
            raise UnsupportedLayout(f"{fill.record}: '{language}' does not start its line")
        following = mapping.value[index + 1 :]
        stop = following[0][0].start_mark.index if following else mapping.end_mark.index
        end = _content_end(self.text, value, stop, column)
        return [_Edit(start, end, block)]

    def _text_node(self, fill: LanguageFill) -> yaml.MappingNode:
        node: yaml.Node | None = self._record_node(fill.record)
        for part in fill.field:
            if isinstance(part, int) and isinstance(node, yaml.SequenceNode):
                node = node.value[part] if part < len(node.value) else None
            elif isinstance(part, str) and isinstance(node, yaml.MappingNode):
                index = _key_index(node, part)
                node = None if index is None else node.value[index][1]
            else:
                node = None
            if node is None:
                break
        if not isinstance(node, yaml.MappingNode):
            raise UnsupportedLayout(
                f"{fill.record}: no mapping at {_field_name(fill.field)} in the file"
            )
        return node

    def _record_node(self, record: str) -> yaml.MappingNode:
        for section, key in (("resolutions", "symbol"), ("commitments", "id")):
            found = self._section(section)
            if found is None or not isinstance(found[1], yaml.SequenceNode):
                continue
            for item in found[1].value:
                if isinstance(item, yaml.MappingNode) and _scalar_at(item, key) == record:
                    return item
        raise UnsupportedLayout(f"{record} was not found in the file")

    def _add_to_list_in(
        self, mapping: yaml.MappingNode, key: str, ids: list[str], stop: int
    ) -> list[_Edit]:
        index = _key_index(mapping, key)
        if index is None:
            return [self._new_key(mapping, key, ids, stop)]
        key_node, value = mapping.value[index]
        following = mapping.value[index + 1 :]
        value_stop = following[0][0].start_mark.index if following else stop
        if not isinstance(value, yaml.SequenceNode):
            raise UnsupportedLayout(f"'{key}' is not a list")
        if not value.flow_style:
            return [self._append_to_block(value, value_stop, ids, key_node.start_mark.column)]
        if not value.value:
            return self._replace_empty_flow(value, key_node.start_mark.column, ids)
        close = value.end_mark.index - 1
        if self.text[close] != "]":
            raise UnsupportedLayout(f"cannot find the end of the '{key}' list")
        added = "".join(", " + _render_flow_scalar(i) for i in ids)
        return [_Edit(close, close, added)]

    def _section(self, name: str) -> tuple[yaml.Node, yaml.Node, int] | None:
        """The key and value nodes of a top-level section, and where the next one starts."""
        pairs = self.root.value
        for index, (key, value) in enumerate(pairs):
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                stop = pairs[index + 1][0].start_mark.index if index + 1 < len(pairs) else None
                return key, value, len(self.text) if stop is None else stop
        return None

    def _lists_indented(self) -> bool:
        """Whether the file's first list indents its items under the key (`  - id: ...`):
        the style for lists this module starts."""
        for _, value in self.root.value:
            if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
                return _dash_column(self.text, value.value[0]) > 0
        return True

    def _append_to_block(
        self, seq: yaml.SequenceNode, stop: int, items: list[Any], key_column: int
    ) -> _Edit:
        """New items after the last one, in that list's own style: lists in one file can
        differ (`- id:` flush with the key in one section, indented in another)."""
        dash = _dash_column(self.text, seq.value[0])
        at = _content_end(self.text, seq.value[-1], stop, dash)
        indented = dash > key_column
        if len(seq.value) > 1 and self._blank_line_above(seq.value[-1]):
            # A list whose records are set apart by blank lines gets its new ones the same way.
            blocks = [_render_items([item], dash, indented, self.newline) for item in items]
            return self._insert(at, "".join(self.newline + block for block in blocks))
        return self._insert(at, _render_items(items, dash, indented, self.newline))

    def _blank_line_above(self, item: yaml.Node) -> bool:
        start = _line_start(self.text, item.start_mark.index)
        return start > 0 and not self.text[_line_start(self.text, start - 1) : start].strip()

    def _replace_empty_flow(
        self, seq: yaml.SequenceNode, key_column: int, items: list[Any]
    ) -> list[_Edit]:
        """`key: []` becomes `key:` followed by a block list (a comment after it stays)."""
        start = seq.start_mark.index
        while start > 0 and self.text[start - 1] == " ":
            start -= 1
        dash = key_column + (2 if self.indented else 0)
        block = _render_items(items, dash, self.indented, self.newline)
        at = _line_end(self.text, seq.end_mark.index)
        return [_Edit(start, seq.end_mark.index, ""), self._insert(at, block)]

    def _new_section(self, section: str, items: list[Any]) -> _Edit:
        """A section the file lacks goes after the last section the model puts before it."""
        order = list(Dataset.model_fields)
        earlier = set(order[: order.index(section)])
        at = len(self.text)
        pairs = self.root.value
        for index in range(len(pairs) - 1, -1, -1):
            key, value = pairs[index]
            if isinstance(key, yaml.ScalarNode) and key.value in earlier:
                stop = pairs[index + 1][0].start_mark.index if index + 1 < len(pairs) else None
                at = _content_end(self.text, value, len(self.text) if stop is None else stop, 0)
                break
        dash = 2 if self.indented else 0
        block = _render_items(items, dash, self.indented, self.newline)
        return self._insert(at, f"{self.newline}{section}:{self.newline}{block}")

    def _new_key(self, mapping: yaml.MappingNode, key: str, ids: list[str], stop: int) -> _Edit:
        column = mapping.start_mark.column
        at = _content_end(self.text, mapping.value[-1][1], stop, column)
        dash = column + (2 if self.indented else 0)
        block = _render_items(ids, dash, self.indented, self.newline)
        return self._insert(at, f"{' ' * column}{key}:{self.newline}{block}")

    def _insert(self, at: int, block: str) -> _Edit:
        # A file whose last line has no line break gets one before the new lines.
        lead = self.newline if at > 0 and self.text[at - 1] != "\n" else ""
        return _Edit(at, at, lead + block)


def _key_index(mapping: yaml.MappingNode, key: str) -> int | None:
    for index, (key_node, _) in enumerate(mapping.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return index
    return None


def _scalar_at(mapping: yaml.MappingNode, key: str) -> str | None:
    index = _key_index(mapping, key)
    value = None if index is None else mapping.value[index][1]
    return value.value if isinstance(value, yaml.ScalarNode) else None


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Offset just after the line break that ends the line holding `index`."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _dash_column(text: str, item: yaml.Node) -> int:
    """Column of the `-` that introduces a block-list item."""
    index = item.start_mark.index - 1
    while index >= 0 and text[index] == " ":
        index -= 1
    if index < 0 or text[index] != "-":
        raise UnsupportedLayout(f"unexpected list layout on line {item.start_mark.line + 1}")
    return index - _line_start(text, index)


def _content_end(text: str, last: yaml.Node, stop: int, indent: int) -> int:
    """Offset of the line after the last line of `last`, the final node before `stop`.

    Blank lines and comments at or left of `indent` just before `stop` are taken to head
    what follows, so new items go above them. Block-scalar lines are never taken for
    comments: they are indented further than `indent`.
    """
    floor = _line_end(text, last.start_mark.index)
    end = len(text) if stop >= len(text) else _line_start(text, stop)
    while end > floor:
        begin = _line_start(text, end - 1)
        line = text[begin:end]
        stripped = line.strip()
        indent_of_line = len(line) - len(line.lstrip(" "))
        if stripped and not (stripped.startswith("#") and indent_of_line <= indent):
            break
        end = begin
    return max(end, floor)


def _apply(text: str, edits: Sequence[_Edit]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text with `edits` made (in offset order; ties in the order given), and the lines
    of the result each edit covers, merged into ranges."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = length = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.append(text[position : edit.start])
        length += edit.start - position
        spans.append((length, length + len(edit.text)))
        parts.append(edit.text)
        length += len(edit.text)
        position = edit.end
    parts.append(text[position:])
    result = "".join(parts)
    ranges: list[tuple[int, int]] = []
    for start, end in spans:
        first = result.count("\n", 0, start) + 1
        last = result.count("\n", 0, max(start, end - 1)) + 1
        if ranges and first <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(last, ranges[-1][1]))
        else:
            ranges.append((first, last))
    return result, tuple(ranges)


# --- the file system ---------------------------------------------------------------------

_LOG = logging.getLogger(__name__)
# renameat2(2): swap two names atomically (Linux 3.15+, glibc 2.28+; ext4, xfs, btrfs, tmpfs).
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# What a write leaves in `.history/` until it is done: the new version, written there before
# the swap (`swap`), and, without renameat2, a link to the version being replaced (`keep`).
# The digest named is that of the new version, or of the base for `keep`.
_PENDING = re.compile(
    r"\.(?P<name>.+)\.(?P<kind>swap|keep)-\d+-[0-9a-f]{8}-(?P<digest>[0-9a-f]{12})"
)


class ReadOnlyData(StoreError):
    """The data file's mode forbids writing it: whoever set it meant it not to change."""


def _refuse_read_only(target: Path) -> None:
    # Checked by mode as well as by access(2): root may write any file, and a replace needs
    # only the folder's permission, so neither would stop a write to a 0444 file by itself.
    mode = stat.S_IMODE(target.stat().st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise ReadOnlyData(
            f"{target.name} is read-only (mode {mode:04o}); nothing was written. Make it "
            f"writable (chmod u+w {target.name}) if it is meant to be edited here."
        )


@contextmanager
def _exclusive_lock(target: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive `flock` on `.<name>.lock` beside the data file.

    Not on the data file itself: the write swaps in a new inode, so a lock held on the old
    one would not stop a writer that opened the new one. Each call opens the lock file anew,
    so threads of one process (Streamlit sessions) exclude each other too. The kernel drops
    the lock when its holder dies, so a killed writer never leaves the file locked. The lock
    file is the writing user's alone (0600): anyone who can open it can hold it and so block
    every write, so one owned by another user is refused and a readable one made private.
    """
    lock = target.with_name(f".{target.name}.lock")
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise StoreError(
            f"{lock}: the lock file cannot be opened ({error.strerror}); nothing was written"
        ) from None
    try:
        found = os.fstat(descriptor)
        if found.st_uid != os.geteuid():
            raise StoreError(
                f"{lock} belongs to another user (uid {found.st_uid}), who could hold it to "
                "block every write; nothing was written. Remove it: the next write makes "
                "its own."
            )
        if stat.S_IMODE(found.st_mode) != 0o600:
            os.fchmod(descriptor, 0o600)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusy(
                        f"another write to {target.name} has held the lock for over "
                        f"{timeout:g} s; nothing was written, try again"
                    ) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(descriptor)


def _ensure_unchanged(target: Path, raw: bytes, base_hash: str) -> None:
    actual = content_hash(raw)
    if actual != base_hash:
        raise WriteConflict(target, base_hash, actual)


def _history_folder(target: Path) -> Path:
    folder = target.parent / HISTORY_DIR
    folder.mkdir(exist_ok=True)
    return folder


def _history_path(target: Path, digest: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{target.stem}.{stamp}.{digest[:12]}{target.suffix}"
    return target.parent / HISTORY_DIR / name


def _pending_path(target: Path, kind: str, digest: str) -> Path:
    name = f".{target.name}.{kind}-{os.getpid()}-{token_hex(4)}-{digest[:12]}"
    return target.parent / HISTORY_DIR / name


def _settle_pending(target: Path) -> None:
    """What writers killed mid-write left behind. Only a lock holder makes these, and we
    hold the lock, so each is stale: a new version never swapped in is removed; a version a
    swap displaced (it no longer holds the bytes its name says) is kept as history, once."""
    # Temp files of the write path before the swap, left by a writer killed then.
    stem = glob.escape(target.stem)
    for pattern in (f"{glob.escape(target.name)}.tmp-*", f"{HISTORY_DIR}/{stem}.*.tmp-*"):
        for stray in target.parent.glob(pattern):
            stray.unlink(missing_ok=True)
    folder = target.parent / HISTORY_DIR
    for stray in folder.glob(f".{glob.escape(target.name)}.*-*"):
        found = _PENDING.fullmatch(stray.name)
        if found is None or found["name"] != target.name or stray.is_symlink():
            continue
        if found["kind"] == "keep":
            displaced = not os.path.samefile(stray, target)
        else:
            displaced = content_hash(stray.read_bytes())[:12] != found["digest"]
        if displaced:
            os.rename(stray, _history_path(target, content_hash(stray.read_bytes())))
        else:
            stray.unlink()


def _swap_in(target: Path, data: bytes, new_hash: str, base_hash: str, mode: int) -> Path:
    """Put `data` where `target` is and keep the version it replaces in `.history/`; return
    where that version is kept.

    Editors and `git` do not take the lock. The new version is swapped in with renameat2's
    RENAME_EXCHANGE, so the version it displaces is exactly what was there at that instant;
    if that is not the base (someone replaced the file since the last check), their version
    is swapped back and the write refused with `WriteConflict`: nothing is lost. The version
    kept is the replaced file itself (a rename, not a copy), with its mode, so an editor that
    writes into the old file after the swap writes into the kept version, where
    `edited_versions` finds it. Without renameat2 the gap between the last check and the
    replace remains (see `_replace_keeping_link`).
    """
    pending = _pending_path(target, "swap", new_hash)
    try:
        write_new(pending, data, mode)
        _ensure_unchanged(target, target.read_bytes(), base_hash)
        if not _exchange(pending, target):
            return _replace_keeping_link(target, pending, base_hash)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)
    digest = content_hash(pending.read_bytes())
    if digest != base_hash:
        _swap_back(target, pending, new_hash, base_hash, digest)
    kept = _history_path(target, digest)
    os.rename(pending, kept)
    _fsync_directory(kept.parent)
    return kept


def _swap_back(target: Path, pending: Path, new_hash: str, base_hash: str, digest: str) -> None:
    """The swap displaced a version written outside the app since the last check: put it
    back and refuse the write."""
    _exchange(pending, target)
    _fsync_directory(target.parent)
    back = content_hash(pending.read_bytes())
    if back == new_hash:
        pending.unlink()
    else:
        # A third version arrived in the microseconds between the two swaps: keep it.
        kept = _history_path(target, back)
        os.rename(pending, kept)
        _LOG.warning("%s: an edit made outside the app was displaced; kept as %s", target, kept)
    raise WriteConflict(target, base_hash, digest)


def _exchange(first: Path, second: Path) -> bool:
    """Swap the two names atomically; False where renameat2 or RENAME_EXCHANGE is missing."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True) if name else None
    except OSError:
        return None


def _replace_keeping_link(target: Path, pending: Path, base_hash: str) -> Path:
    """Without renameat2: a hard link keeps the replaced file, then `os.replace`. An edit
    that replaces the file between the last check and this replace is lost (the gap
    docs/security.md names); one written into the old file lands in the kept version."""
    keep = _pending_path(target, "keep", base_hash)
    os.link(target, keep)
    try:
        os.replace(pending, target)
    except BaseException:
        keep.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)
    kept = _history_path(target, content_hash(keep.read_bytes()))
    os.rename(keep, kept)
    _fsync_directory(kept.parent)
    return kept


def create_file(path: str | Path, data: bytes, *, editor: Editor | None) -> bool:
    """Add a new file beside the data (an official text) with `data`: it appears whole or
    not at all, and a file already there is never replaced. True when created; False when
    the same bytes are already there. Raises `NotAnEditor`, `FileExistsError` when other
    bytes are there, or `OSError`."""
    if not isinstance(editor, Editor):
        raise NotAnEditor()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temporary_name(target)
    try:
        write_new(temp, data, 0o644)
        os.link(temp, target)  # unlike a rename, refuses when the name is taken
    except FileExistsError:
        if not target.is_symlink() and target.read_bytes() == data:
            return False
        message = f"{target} already exists with other content; nothing was written"
        raise FileExistsError(message) from None
    finally:
        temp.unlink(missing_ok=True)
    _fsync_directory(target.parent)
    return True


def _fsync_directory(folder: Path) -> None:
    # Makes a rename durable: without it a power cut can bring back the old name.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _prune_history(target: Path) -> None:
    """Keep the newest `HISTORY_KEEP` versions, and of those only as many as fit in
    `HISTORY_MAX_BYTES` (the newest is always kept)."""
    total = 0
    for index, old in enumerate(previous_versions(target)):
        total += old.lstat().st_size
        if index >= HISTORY_KEEP or (index > 0 and total > HISTORY_MAX_BYTES):
            old.unlink(missing_ok=True)


def edited_versions(path: str | Path, newest: int | None = None) -> list[Path]:
    """Kept versions (the `newest` ones, or all) whose bytes no longer have the hash their
    name gives: something wrote into the data file after a write had replaced it, so that
    edit is not in the data file. Newest first."""
    # The name is <stem>.<8 digits>T<12 digits>Z.<12 hex digits><suffix>.
    start = len(Path(path).resolve().stem) + 24
    return [
        version
        for version in previous_versions(path)[:newest]
        if content_hash(version.read_bytes())[:12] != version.name[start : start + 12]
    ]
