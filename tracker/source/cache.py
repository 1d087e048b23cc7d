"""The on-disk cache of validated datasets: a restart does not parse the data again, an append
does not parse the whole file again, and the processes of one machine share one copy.

An entry is a *snapshot* of one version of the data file, keyed by the sha256 of its bytes,
in a folder named after the code that made it (`tracker-<digest of the loading modules,
pydantic, PyYAML, pyarrow, Python>`): a changed file or changed code is another key, so an
entry is never stale. A snapshot holds a dataset that passed the schema and every check that
depends on the data alone (the checks that read the clock or other files run on every load):

- `D.evidence.arrow`, `D.assessments.arrow`: the bulk records as Arrow IPC files, read back
  memory-mapped (`tracker.source.columns`), so their pages are the page cache's, shared;
- `D.json`: the other sections (methodology, resolutions, actors, commitments, reviews) and
  the layout of the file's top-level lists, as JSON validated by the model again on read;
- `D.raw`: the file's bytes (its name is their digest), the base of an incremental append;
- `D.sha256`: the digest of the three snapshot files, written last and checked on every read.

Nothing in the folder is code: a planted or edited file is at worst a miss (a digest that does
not match, a table or JSON the model rejects), never a program run and never data the YAML
does not hold. Files take the data file's permission bits. A cache that cannot be read or
written (read-only folder, full disk) is a miss and the load goes on without it. The cache
deletes only files it names itself, in folders named `tracker-*`, so it may share a folder
such as `~/.cache`.

When the new bytes are a cached version with whole lines inserted among the items of
`assessments` or `evidence` (what the write path does), `extend` parses only the inserted lines
with their neighbour record, validates the new records and runs only the checks that they can
fail. Anything else (an edit, a deletion, two places changed, a document marker, any doubt) is
left to a full load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import mmap
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc
import pydantic
import yaml

from tracker.domain.model import Assessment, Dataset, Evidence, Record
from tracker.domain.problems import Problem
from tracker.source.checks import PURE_CHECKS, EvidenceNames
from tracker.source.columns import Records, as_records, to_table
from tracker.source.yamlsource import Section, parse_fast

CACHE_ENV = "TRACKER_CACHE"
FOLDER = Path(".cache") / "tracker"
PREFIX = "tracker-"
KEEP_SNAPSHOTS = 3
KEEP_IN_MEMORY = 2  # the version on screen and the one before it
# The lists an append may extend without a full load, and the record each holds.
APPENDABLE: dict[str, type[Record]] = {"assessments": Assessment, "evidence": Evidence}
TABLES = ("evidence", "assessments")
PARTS = ("json", *(f"{name}.arrow" for name in TABLES))
_OURS = re.compile(
    r"^([0-9a-f]{64}\.(json|evidence\.arrow|assessments\.arrow|raw|sha256)|[0-9a-f]{32}\.latest)$"
)
# A line that ends a YAML document or starts one: never part of an inserted record.
_DOCUMENT_MARKER = re.compile(rb"^(---|\.\.\.)(\s|$)|^%", re.M)

_recent: dict[tuple[Path, str], Entry] = {}
_recent_lock = threading.Lock()

# The files, under tracker/, whose code decides what a cached dataset looks like.
_MODULES = (
    "domain/model.py",
    "domain/problems.py",
    "source/checks.py",
    "source/votes.py",
    "source/yamlsource.py",
    "source/loader.py",
    "source/columns.py",
    "source/cache.py",
)


def code_version() -> str:
    """A digest of everything that decides what a cached dataset looks like."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in _MODULES:
        digest.update((package / name).read_bytes())
    versions = (pydantic.VERSION, yaml.__version__, pa.__version__, sys.version)
    digest.update(repr(versions).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    """A cached dataset and the layout of the file it came from."""

    dataset: Dataset
    sections: dict[str, Section]


class DatasetCache:
    """A folder of snapshots. Every method treats a missing, partial, edited or unwritable
    file as a miss. `mode` is the permission bits of the files it writes (the data file's)."""

    def __init__(self, root: Path, mode: int = 0o644) -> None:
        self.root = root
        self.folder = root / f"{PREFIX}{code_version()}"
        self.mode = mode & 0o666

    # --- reading --------------------------------------------------------------------------

    def get(self, digest: str) -> Entry | None:
        if not _is_digest(digest):
            return None
        key = (self.folder, digest)
        with _recent_lock:
            entry = _recent.get(key)
        if entry is None:
            try:
                entry = self._read(digest)
            except (OSError, ValueError, pa.ArrowException, pydantic.ValidationError):
                entry = None  # partial, corrupt or edited: a miss
            if entry is not None:
                self.remember(digest, entry)
        return entry

    def remember(self, digest: str, entry: Entry) -> None:
        """Keep `entry` in memory too: the next version is built from it."""
        with _recent_lock:
            _recent.pop((self.folder, digest), None)
            _recent[(self.folder, digest)] = entry
            while len(_recent) > KEEP_IN_MEMORY:
                del _recent[next(iter(_recent))]

    def _read(self, digest: str) -> Entry | None:
        expected = (self.folder / f"{digest}.sha256").read_text(encoding="ascii").strip()
        check = hashlib.sha256()
        handles = {}
        with contextlib.ExitStack() as stack:
            for part in PARTS:
                # Hashed and then mapped through the same descriptor: what is checked is what
                # is read. Hashing reads, it does not map: the pages stay out of this process.
                handle = stack.enter_context((self.folder / f"{digest}.{part}").open("rb"))
                check.update(hashlib.file_digest(handle, "sha256").digest())
                handles[part] = handle
            if check.hexdigest() != expected:
                return None
            handles["json"].seek(0)
            header = json.loads(handles["json"].read())
            tables = {}
            for name in TABLES:
                handle = handles[f"{name}.arrow"]
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                tables[name] = pa.ipc.open_file(pa.BufferReader(pa.py_buffer(mapped))).read_all()
        if header.get("digest") != digest:
            return None
        dataset = Dataset.model_validate(header["dataset"]).model_copy(
            update={
                "evidence": Records(tables["evidence"], Evidence),
                "assessments": Records(tables["assessments"], Assessment),
            }
        )
        sections = {
            name: Section(name, tuple(lines), end) for name, (lines, end) in header["sections"]
        }
        return Entry(dataset, sections)

    def base_of(self, digest: str) -> str | None:
        """The version a snapshot was built from by `extend` (None for a full load's)."""
        try:
            base = json.loads((self.folder / f"{digest}.json").read_bytes()).get("base")
        except (OSError, ValueError, AttributeError):
            return None
        return base if isinstance(base, str) else None

    def raw(self, digest: str) -> bytes | None:
        """The bytes of the file version `digest`, if kept and intact."""
        try:
            raw = (self.folder / f"{digest}.raw").read_bytes()
        except OSError:
            return None
        return raw if _is_digest(digest) and hashlib.sha256(raw).hexdigest() == digest else None

    def latest(self, source: str) -> str | None:
        """The digest of the newest valid version loaded from `source` (a file path)."""
        try:
            text = (self.folder / f"{_name(source)}.latest").read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return text if _is_digest(text) else None

    # --- writing --------------------------------------------------------------------------

    def put(self, digest: str, raw: bytes, entry: Entry, base: str | None = None) -> Entry | None:
        """Keep `entry` as the snapshot of the file version `digest` (built from the version
        `base` by `extend`, if given), and return it as read back (memory-mapped); None when
        it could not be written."""
        if not _is_digest(digest):
            return None
        dataset = entry.dataset
        header = {
            "digest": digest,
            "base": base,
            "dataset": dataset.model_copy(update={"evidence": (), "assessments": ()}).model_dump(
                mode="json"
            ),
            "sections": [
                (name, (list(s.item_lines), s.end_line)) for name, s in entry.sections.items()
            ],
        }
        check = hashlib.sha256()
        try:
            self._write(f"{digest}.raw", raw)
            data = json.dumps(header, ensure_ascii=False).encode("utf-8")
            check.update(hashlib.sha256(data).digest())
            self._write(f"{digest}.json", data)
            for name in TABLES:  # in the order of PARTS, as `_read` hashes them
                table = to_table(getattr(dataset, name), APPENDABLE[name])
                sink = pa.BufferOutputStream()
                with pa.ipc.new_file(sink, table.schema) as writer:
                    writer.write_table(table)
                written = sink.getvalue()
                check.update(hashlib.sha256(written).digest())
                self._write(f"{digest}.{name}.arrow", written)
            self._write(f"{digest}.sha256", check.hexdigest().encode("ascii"))
        except OSError:
            return None  # a read-only folder, a full disk: the load goes on without the cache
        self._prune()
        return self.get(digest)

    def set_latest(self, source: str, digest: str) -> None:
        with contextlib.suppress(OSError):
            self._write(f"{_name(source)}.latest", digest.encode("ascii"))

    def _mkdir(self, folder: Path) -> None:
        if folder.is_dir():
            return
        self._mkdir(folder.parent)
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
            # Readable where the data is readable: r bits get their x bits, nothing else.
            os.chmod(folder, self.mode | (self.mode & 0o444) >> 2)

    def _write(self, name: str, data: bytes | pa.Buffer) -> None:
        self._mkdir(self.folder)
        if not (self.folder / ".gitignore").exists():
            # git then ignores the folder, and nothing is written outside it (the cache
            # folder may be a shared one such as ~/.cache).
            self._replace(self.folder / ".gitignore", b"# made by tracker.source.cache\n*\n")
        self._replace(self.folder / name, data)

    def _replace(self, target: Path, data: bytes | pa.Buffer) -> None:
        # mkstemp creates with O_EXCL (a planted symlink is never followed) and mode 0600.
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with open(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), self.mode)
                handle.write(data)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prune(self) -> None:
        """Remove older snapshots of this code and every snapshot of other code: only files
        whose names this module gives, in folders named by it."""
        with contextlib.suppress(OSError):
            for other in self.root.iterdir():
                if other != self.folder and re.fullmatch(f"{PREFIX}[0-9a-f]{{16}}", other.name):
                    _remove_ours(other)
            sums = sorted(
                self.folder.glob("*.sha256"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for stale in sums[KEEP_SNAPSHOTS:]:
                digest = stale.name.removesuffix(".sha256")
                for part in (*PARTS, "raw", "sha256"):
                    (self.folder / f"{digest}.{part}").unlink(missing_ok=True)

    # --- appends ----------------------------------------------------------------------------

    def extend(self, base: str, raw: bytes, digest: str) -> Entry | None:
        """The entry for `raw` built from the cached version `base` when `raw` is that version
        with records inserted into `assessments` or `evidence`, else None."""
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
            old = getattr(entry.dataset, section)
            grown = as_records(old, APPENDABLE[section])
            dataset = entry.dataset.model_copy(update={section: grown.inserted(index, records)})
            new = Entry(dataset, sections)
            kept = self.put(digest, raw, new, base)
            if kept is None:
                self.remember(digest, new)
            return kept or new
        return None


def for_clock_checks(dataset: Dataset, today: dt.date) -> Dataset:
    """What the checks that read the clock must see of a cached dataset: without its bulk
    records when their columns show none dated after `today` (building them is the slow part)."""
    newest = []
    for name, column in (("evidence", "_start"), ("assessments", "date")):
        records = getattr(dataset, name)
        if not isinstance(records, Records) or not len(records):
            continue
        newest.append(pc.max(records.table.column(column)).as_py())
    if any(day > today for day in newest):
        return dataset
    return dataset.model_copy(update={"evidence": (), "assessments": ()})


def _splice(
    entry: Entry, old: bytes, new: bytes, start: int, added: int
) -> tuple[str, int, tuple[Record, ...], dict[str, Section]] | None:
    inserted = new[start : start + added]
    if not inserted.endswith(b"\n") or _DOCUMENT_MARKER.search(inserted):
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


def _ids(records: Sequence[Record]) -> list[str]:
    if isinstance(records, Records):
        return records.ids()
    return [record.id for record in records]  # type: ignore[attr-defined]


def _with_ids(records: Sequence[Evidence], wanted: set[str]) -> tuple[Evidence, ...]:
    if isinstance(records, Records):
        ids = pa.array(list(wanted), pa.string())
        return tuple(records.filtered(pc.is_in(records.column("id"), value_set=ids)))
    return tuple(record for record in records if record.id in wanted)


def _append_is_clean(dataset: Dataset, section: str, records: Sequence[Record]) -> bool:
    """Whether appending `records` to a dataset that passed the pure checks leaves one that
    passes them too. Appending only adds ids, so only the new records can fail: they are
    checked against everything they can refer to, in a dataset cut down to those things.
    Any problem, even one the cut made up, sends the caller to a full load."""
    old_ids = set(_ids(getattr(dataset, section)))
    new_ids = _ids(records)
    if len(set(new_ids)) != len(new_ids) or not old_ids.isdisjoint(new_ids):
        return False
    assessments = tuple(r for r in records if isinstance(r, Assessment))
    evidence = tuple(r for r in records if isinstance(r, Evidence))
    cited = {
        ref for actor in dataset.actors if actor.holds_nsnw for ref in actor.holds_nsnw.evidence
    }
    cited.update(ref for assessment in assessments for ref in assessment.evidence)
    # A rationale may name evidence it does not cite: the check must see that evidence too.
    names = EvidenceNames(frozenset(_ids(dataset.evidence)))
    cited.update(
        ref
        for assessment in assessments
        for text in (assessment.rationale.en, assessment.rationale.zh or "")
        for ref in names.named(text)
    )
    reviews = {assessment.review for assessment in assessments if assessment.review}
    cut = dataset.model_copy(
        update={
            "evidence": (*_with_ids(dataset.evidence, cited), *evidence),
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


def _remove_ours(folder: Path) -> None:
    """Remove the files this module names in `folder` (a snapshot folder of other code),
    then the folder if nothing else is left in it."""
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if _OURS.match(path.name) or path.name == ".gitignore":
                path.unlink()
        folder.rmdir()


def cache_for(data_file: Path) -> DatasetCache | None:
    """The cache of a data file: `.cache/tracker/` beside it, or the folder named by
    `$TRACKER_CACHE`; None when `$TRACKER_CACHE` is `off`. Its files take the data file's
    permission bits."""
    configured = os.environ.get(CACHE_ENV, "")
    if configured.lower() in {"off", "0", "no", "false"}:
        return None
    root = Path(configured) if configured else data_file.resolve().parent / FOLDER
    try:
        mode = data_file.stat().st_mode & 0o666
    except OSError:
        mode = 0o600
    return DatasetCache(root, mode)
