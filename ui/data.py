"""The one cached loader of the data file, shared by every session: the file is loaded once per
content (keyed by its sha256, so an edited file is never stale), and a rerun that finds the
file unchanged on disk does not even read it.

Change detection: the file's (mtime_ns, size, inode, ctime_ns) is compared with the last run's;
only when it differs are the bytes read and hashed. A file whose modification time is within
`RACY_SECONDS` of its hashing is hashed again on the next run (an edit in the same clock tick
with the same size would keep the same stat), as git does with its index.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from tracker.query.index import index_of
from tracker.source.cache import cache_for
from tracker.source.loader import LoadResult, content_hash, load_bytes
from tracker.source.yamlsource import read_bytes

DATA_ENV = "TRACKER_DATA"
APP_DIR = Path(__file__).resolve().parent.parent
RACY_SECONDS = 2.0
# Files smaller than this load in well under a second: no progress bar for them.
PROGRESS_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class LoadedData:
    """The load result of the current data file, and when the file last changed."""

    result: LoadResult
    file: str
    changed: dt.datetime | None


@dataclass(frozen=True)
class _Seen:
    signature: tuple[int, int, int, int]
    digest: str
    trusted: bool  # False when hashed so soon after a change that the stat may hide another


@dataclass
class _Slot:
    """One loaded version, shared by every session; filled once, under its lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    result: LoadResult | None = None


_seen: dict[Path, _Seen] = {}
_seen_lock = threading.Lock()


def data_path() -> Path:
    """`$TRACKER_DATA` when set (tests, other datasets), else `commitments.yaml` by app.py."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured).resolve() if configured else APP_DIR / "commitments.yaml"


def display_name(path: Path) -> str:
    """The path as the analyst knows it: relative to the repository when inside it."""
    return str(path.relative_to(APP_DIR)) if path.is_relative_to(APP_DIR) else str(path)


def load_current_data() -> LoadedData:
    path = data_path()
    file = display_name(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    signature = _signature(stat) if stat is not None else None
    with _seen_lock:
        seen = _seen.get(path)
    raw: bytes | None = None
    if seen is not None and seen.trusted and seen.signature == signature:
        digest = seen.digest
    else:
        raw, problems = read_bytes(path)
        if raw is None:
            return LoadedData(LoadResult(file, "", None, tuple(problems)), file, None)
        digest = content_hash(raw)
        if signature is not None and stat is not None:
            trusted = time.time() - stat.st_mtime > RACY_SECONDS
            with _seen_lock:
                _seen[path] = _Seen(signature, digest, trusted)
    changed = dt.datetime.fromtimestamp(stat.st_mtime) if stat is not None else None
    # `today` is part of the key because the future-date check depends on it.
    slot = _slot(digest, file, str(path), dt.date.today())
    result = slot.result
    if result is None:
        result = _fill(slot, path, file, digest, raw)
    if result is None:  # the file changed between the stat and the read: look again
        with _seen_lock:
            _seen.pop(path, None)
        return load_current_data()
    return LoadedData(result, file, changed)


def _signature(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


# cache_resource, not cache_data: the dataset is immutable and shared by every session, where
# cache_data would unpickle a fresh copy on every rerun. The slot is filled outside the cached
# function, so that the progress bar of a long load is not replayed on every later run.
@st.cache_resource(max_entries=8, show_spinner=False)
def _slot(digest: str, file: str, path: str, today: dt.date) -> _Slot:
    return _Slot()


def _fill(slot: _Slot, path: Path, file: str, digest: str, raw: bytes | None) -> LoadResult | None:
    size = len(raw) if raw is not None else _size(path)
    bar = st.progress(0, text=f"Loading {file} ...") if size >= PROGRESS_BYTES else None

    def progress(done: int, total: int, step: str) -> None:
        if bar is not None:
            bar.progress(
                min(done / total, 1.0), text=f"Loading {file} ({size / 1e6:,.0f} MB): {step}"
            )

    try:
        with slot.lock:  # a second session waits for the first one's load instead of repeating it
            if slot.result is not None:
                return slot.result
            if raw is None:
                raw, problems = read_bytes(path)
                if raw is None:
                    return LoadResult(file, "", None, tuple(problems))
                if content_hash(raw) != digest:
                    return None
            slot.result = load_bytes(
                raw,
                file,
                today=dt.date.today(),
                base_dir=path.parent,
                cache=cache_for(path),
                source=str(path),
                progress=progress,
            )
            _settle(slot.result)
            return slot.result
    finally:
        if bar is not None:
            bar.empty()


def _settle(result: LoadResult) -> None:
    """Build the dataset's index, then leave every object alive out of later collections
    (`gc.freeze`). The dataset lives as long as the server and never changes, but Streamlit
    collects every generation after every run (`runner.postScriptGC`), before the run's last
    messages leave: walking the dataset again each time held each rerun up by 0.03 to 0.25 s
    at a tenth of full size. A collection first, so that no garbage is frozen; frozen objects
    are still freed by reference counting when their dataset is dropped."""
    if result.dataset is not None:
        index_of(result.dataset)
    gc.collect()
    gc.freeze()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
