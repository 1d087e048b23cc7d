"""The on-disk cache of validated datasets, so that a restart does not parse the data again and
an append does not parse the whole file again.

Entries are keyed by the sha256 of the file's bytes, inside a folder named after the code that
made them (the source of the loading modules, pydantic, PyYAML and Python versions): a changed
file or changed code is a different key, so an entry is never stale. An entry holds a dataset
that passed the schema and every check that depends on the data alone; the checks that depend
on today's date or on other files run again on every load (see `tracker.source.loader`).

Two kinds of entry: a *snapshot* (the pickled dataset, the file's bytes and the layout of its
top-level lists) and a *delta* (records inserted into one list of a base entry, as text and as
validated records). A delta is what `extend` makes when the new bytes are the bytes of a cached
version with whole lines inserted among the items of `assessments` or `evidence`, which is what
the write path does: the inserted lines and their neighbour are parsed alone, the new records
are validated, and only the checks that the new records can fail are run. Anything else (an
edit, a deletion, two places changed, a doubt) is left to a full load.

The cache folder must be as trusted as the code (entries are pickles, like `__pycache__`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import yaml

from tracker.domain.model import Assessment, Dataset, Evidence, Record
from tracker.domain.problems import Problem
from tracker.source.checks import (
    EvidenceNames,
    check_assessments,
    check_citations,
    check_corrections,
    check_date_order,
    check_lineage,
    check_references,
    check_unique_ids,
    check_urls,
    check_vocabularies,
)
from tracker.source.yamlsource import Section, parse_fast

CACHE_ENV = "TRACKER_CACHE"
FOLDER = Path(".cache") / "tracker"
KEEP_SNAPSHOTS = 3
KEEP_DELTAS = 500
MAX_CHAIN = 32
KEEP_IN_MEMORY = 2  # the version on screen and the one before it

_recent: dict[tuple[Path, str], Entry] = {}
_recent_lock = threading.Lock()

# The checks whose result depends on the dataset alone: what a cache entry has passed.
PURE_CHECKS = (
    check_unique_ids,
    check_references,
    check_vocabularies,
    check_assessments,
    check_citations,
    check_corrections,
    check_lineage,
    check_date_order,
    check_urls,
)
# The lists an append may extend without a full load, and the record each holds.
APPENDABLE: dict[str, type[Record]] = {"assessments": Assessment, "evidence": Evidence}

# The files, under tracker/, whose code decides what a cached dataset looks like.
_MODULES = (
    "domain/model.py",
    "domain/problems.py",
    "source/checks.py",
    "source/votes.py",
    "source/yamlsource.py",
    "source/loader.py",
    "source/cache.py",
)


def code_version() -> str:
    """A digest of everything that decides what a cached dataset looks like."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in _MODULES:
        digest.update((package / name).read_bytes())
    versions = (pydantic.VERSION, yaml.__version__, sys.version, str(pickle.HIGHEST_PROTOCOL))
    digest.update(repr(versions).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    """A cached dataset and the layout of the file it came from."""

    dataset: Dataset
    sections: dict[str, Section]
    depth: int = 0  # how many deltas lie between it and its snapshot


@dataclass(frozen=True)
class _Delta:
    base: str
    section: str
    index: int  # position in the list where the records go
    records: tuple[Record, ...]
    offset: int  # byte offset of the inserted text in the base's bytes
    inserted: bytes
    sections: dict[str, Section]
    depth: int


class DatasetCache:
    """A folder of entries. Every method treats a missing, partial or corrupt file as a miss."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / code_version()

    # --- reading --------------------------------------------------------------------------

    def get(self, digest: str) -> Entry | None:
        key = (self.folder, digest)
        with _recent_lock:
            entry = _recent.get(key)
        if entry is None:
            entry = self._entry(digest, MAX_CHAIN + 1)
            if entry is not None:
                self.remember(digest, entry)
        return entry

    def remember(self, digest: str, entry: Entry) -> None:
        """Keep `entry` in memory too: the next version built from it shares its records."""
        with _recent_lock:
            _recent.pop((self.folder, digest), None)
            _recent[(self.folder, digest)] = entry
            while len(_recent) > KEEP_IN_MEMORY:
                del _recent[next(iter(_recent))]

    def _entry(self, digest: str, budget: int) -> Entry | None:
        if budget <= 0 or not _is_digest(digest):
            return None
        with _recent_lock:
            known = _recent.get((self.folder, digest))
        if known is not None:
            return known
        snapshot = self._read(f"{digest}.snapshot")
        if isinstance(snapshot, Entry):
            return snapshot
        delta = self._read(f"{digest}.delta")
        if not isinstance(delta, _Delta):
            return None
        base = self._entry(delta.base, budget - 1)
        if base is None:
            return None
        old = getattr(base.dataset, delta.section)
        records = (*old[: delta.index], *delta.records, *old[delta.index :])
        dataset = base.dataset.model_copy(update={delta.section: records})
        return Entry(dataset, delta.sections, delta.depth)

    def raw(self, digest: str) -> bytes | None:
        """The bytes of the file version `digest`, rebuilt through its deltas."""
        chain: list[_Delta] = []
        while len(chain) <= MAX_CHAIN and _is_digest(digest):
            try:
                raw = (self.folder / f"{digest}.raw").read_bytes()
            except OSError:
                delta = self._read(f"{digest}.delta")
                if not isinstance(delta, _Delta):
                    return None
                chain.append(delta)
                digest = delta.base
                continue
            for step in reversed(chain):
                raw = raw[: step.offset] + step.inserted + raw[step.offset :]
            return raw
        return None

    def latest(self, source: str) -> str | None:
        """The digest of the newest valid version loaded from `source` (a file path)."""
        try:
            text = (self.folder / "latest" / _name(source)).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return text if _is_digest(text) else None

    def _read(self, name: str) -> Any:
        try:
            with (self.folder / name).open("rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a partial or corrupt entry, or one pickled by other code: a miss
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()
            return None

    # --- writing --------------------------------------------------------------------------

    def put(self, digest: str, raw: bytes, entry: Entry) -> None:
        """Keep `entry` as a snapshot of the file version `digest`."""
        if not _is_digest(digest):
            return
        self._write(f"{digest}.raw", raw)
        self._write(f"{digest}.snapshot", pickle.dumps(dataclasses.replace(entry, depth=0), 5))
        self.remember(digest, entry)
        self._prune()

    def set_latest(self, source: str, digest: str) -> None:
        with contextlib.suppress(OSError):
            self._write(f"latest/{_name(source)}", digest.encode("ascii"))

    def _write(self, name: str, data: bytes) -> None:
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        _ignore_in_git(self.root)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp-cache")
        try:
            temporary.write_bytes(data)
            temporary.replace(target)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()

    def _prune(self) -> None:
        with contextlib.suppress(OSError):
            for other in self.root.iterdir():
                if other.is_dir() and other != self.folder:
                    _remove_tree(other)  # made by other code: never read again
            for suffix, keep in ((".snapshot", KEEP_SNAPSHOTS), (".delta", KEEP_DELTAS)):
                entries = sorted(
                    self.folder.glob(f"*{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True
                )
                for stale in entries[keep:]:
                    stale.unlink(missing_ok=True)
                    if suffix == ".snapshot":
                        stale.with_suffix(".raw").unlink(missing_ok=True)

    # --- appends ----------------------------------------------------------------------------

    def extend(self, base: str, raw: bytes, digest: str) -> Entry | None:
        """The entry for `raw` built from the cached version `base` when `raw` is that version
        with records inserted into `assessments` or `evidence`, else None. Keeps it as a delta."""
        entry = self.get(base)
        old_raw = self.raw(base) if entry is not None else None
        if entry is None or old_raw is None or len(raw) <= len(old_raw):
            return None
        added = len(raw) - len(old_raw)
        prefix = _common_prefix(old_raw, raw)
        suffix = _common_prefix(old_raw[::-1], raw[::-1]) if prefix < len(old_raw) else 0
        low = max(len(old_raw) - suffix, 0)
        if low > prefix:
            return None  # not one insertion
        for start in _line_starts(old_raw, low, prefix):
            spliced = _splice(entry, old_raw, raw, start, added)
            if spliced is None:
                continue
            section, index, records, sections = spliced
            delta = _Delta(
                base,
                section,
                index,
                records,
                start,
                raw[start : start + added],
                sections,
                entry.depth + 1,
            )
            new = self._entry_from(entry, delta)
            if new.depth > MAX_CHAIN:
                self.put(digest, raw, new)
            else:
                with contextlib.suppress(OSError):
                    self._write(f"{digest}.delta", pickle.dumps(delta, 5))
                self.remember(digest, new)
            return new
        return None

    @staticmethod
    def _entry_from(base: Entry, delta: _Delta) -> Entry:
        old = getattr(base.dataset, delta.section)
        records = (*old[: delta.index], *delta.records, *old[delta.index :])
        dataset = base.dataset.model_copy(update={delta.section: records})
        return Entry(dataset, delta.sections, delta.depth)


def _splice(
    entry: Entry, old: bytes, new: bytes, start: int, added: int
) -> tuple[str, int, tuple[Record, ...], dict[str, Section]] | None:
    inserted = new[start : start + added]
    if not inserted.endswith(b"\n"):
        return None
    line = old.count(b"\n", 0, start)
    found = [
        s for s in entry.sections.values() if s.item_lines and s.item_lines[0] < line <= s.end_line
    ]
    if len(found) != 1 or found[0].name not in APPENDABLE:
        return None
    section = found[0]
    before = section.item_before(line)
    window_start = _line_offset(old, start, line, section.item_lines[before])
    end_line = (
        section.item_lines[before + 1] if before + 1 < len(section.item_lines) else section.end_line
    )
    window_end = _line_offset(old, start, line, end_line)
    if window_start is None or window_end is None:
        return None
    try:
        parsed = parse_fast(new[window_start : window_end + added].decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if parsed is None or not isinstance(parsed.data, list) or len(parsed.data) < 2:
        return None
    model = APPENDABLE[section.name]
    try:
        neighbour = model.model_validate(parsed.data[0])
        records = tuple(model.model_validate(item) for item in parsed.data[1:])
    except pydantic.ValidationError:
        return None
    old_records = getattr(entry.dataset, section.name)
    if neighbour != old_records[before]:
        return None
    if not _append_is_clean(entry.dataset, section.name, records):
        return None
    first = section.item_lines[before]
    shift = inserted.count(b"\n")
    layout = parsed.sections.get("")
    if layout is None or len(layout.item_lines) != len(parsed.data):
        return None
    new_lines = tuple(first + offset for offset in layout.item_lines[1:])
    sections = {
        name: _shifted(s, line, shift, new_lines if name == section.name else (), before + 1)
        for name, s in entry.sections.items()
    }
    return section.name, before + 1, records, sections


def _shifted(section: Section, line: int, shift: int, new: tuple[int, ...], at: int) -> Section:
    lines = tuple(n + shift if n >= line else n for n in section.item_lines)
    if new:
        lines = (*lines[:at], *new, *lines[at:])
    end = section.end_line + shift if section.end_line >= line else section.end_line
    return Section(section.name, lines, end)


def _append_is_clean(dataset: Dataset, section: str, records: Sequence[Record]) -> bool:
    """Whether appending `records` to a dataset that passed the pure checks leaves one that
    passes them too. Appending only adds ids, so only the new records can fail: they are
    checked against everything they can refer to, in a dataset cut down to those things.
    Any problem, even one the cut made up, sends the caller to a full load."""
    old_ids = {record.id for record in getattr(dataset, section)}
    new_ids = [record.id for record in records]  # type: ignore[attr-defined]
    if len(set(new_ids)) != len(new_ids) or not old_ids.isdisjoint(new_ids):
        return False
    assessments = tuple(r for r in records if isinstance(r, Assessment))
    evidence = tuple(r for r in records if isinstance(r, Evidence))
    cited = {
        ref for actor in dataset.actors if actor.holds_nsnw for ref in actor.holds_nsnw.evidence
    }
    cited.update(ref for assessment in assessments for ref in assessment.evidence)
    # A rationale may name evidence it does not cite: the check must see that evidence too.
    names = EvidenceNames(frozenset(item.id for item in dataset.evidence))
    cited.update(
        ref
        for assessment in assessments
        for text in (assessment.rationale.en, assessment.rationale.zh or "")
        for ref in names.named(text)
    )
    reviews = {assessment.review for assessment in assessments if assessment.review}
    cut = dataset.model_copy(
        update={
            "evidence": (*(e for e in dataset.evidence if e.id in cited), *evidence),
            "assessments": assessments,
            "reviews": tuple(
                review.model_copy(update={"decisions": ()})
                for review in dataset.reviews
                if review.id in reviews
            ),
        }
    )
    problems: Iterator[Problem] = (
        problem for check in PURE_CHECKS for problem in check(cut, _ANY_DAY, None)
    )
    return next(problems, None) is None


_ANY_DAY = dt.date.max  # the pure checks do not read the date


def _common_prefix(left: bytes, right: bytes) -> int:
    """Length of the common prefix, compared a block at a time (memcmp speed)."""
    limit = min(len(left), len(right))
    size = 1 << 20
    at = 0
    while at < limit and left[at : at + size] == right[at : at + size]:
        at += size
    at = min(at, limit)
    block = min(size, limit - at)
    while block > 1:
        block //= 2
        while at + block <= limit and left[at : at + block] == right[at : at + block]:
            at += block
    while at < limit and left[at] == right[at]:
        at += 1
    return at


def _line_starts(raw: bytes, low: int, high: int) -> Iterator[int]:
    """Offsets in [low, high] that start a line, the highest first (a few at most)."""
    at = high
    for _ in range(4):
        start = raw.rfind(b"\n", 0, at) + 1
        if start < low:
            return
        yield start
        if start == 0:
            return
        at = start - 1


def _line_offset(raw: bytes, known: int, known_line: int, line: int) -> int | None:
    """Byte offset where `line` starts, found from a nearby offset whose line is known."""
    at = known
    if line <= known_line:
        for _ in range(known_line - line):
            at = raw.rfind(b"\n", 0, at - 1) + 1
        return at
    for _ in range(line - known_line):
        found = raw.find(b"\n", at)
        if found < 0:
            return len(raw)
        at = found + 1
    return at


def _is_digest(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _name(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _ignore_in_git(root: Path) -> None:
    marker = root.parent / ".gitignore" if root.parent.name == ".cache" else root / ".gitignore"
    if not marker.exists():
        with contextlib.suppress(OSError):
            marker.write_text("# made by tracker.source.cache\n*\n", encoding="utf-8")


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() else path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


def cache_for(data_file: Path) -> DatasetCache | None:
    """The cache of a data file: `.cache/tracker/` beside it, or the folder named by
    `$TRACKER_CACHE`; None when `$TRACKER_CACHE` is `off`."""
    configured = os.environ.get(CACHE_ENV, "")
    if configured.lower() in {"off", "0", "no", "false"}:
        return None
    root = Path(configured) if configured else data_file.resolve().parent / FOLDER
    return DatasetCache(root)


ProgressCallback = Callable[[int, int, str], None]
