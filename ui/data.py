"""The one cached loader of the data file: the bytes are read on every run, and parsed and
checked only when their content hash has not been seen, so an edited file is never stale."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from tracker.loader import LoadResult, content_hash, load_bytes
from tracker.yamlsource import read_bytes

DATA_ENV = "TRACKER_DATA"
APP_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LoadedData:
    """The load result of the current data file, and when the file last changed."""

    result: LoadResult
    file: str
    changed: dt.datetime | None


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
    raw, problems = read_bytes(path)
    if raw is None:
        return LoadedData(LoadResult(file, "", None, tuple(problems)), file, None)
    changed = _modified(path)
    # `today` is part of the key because the future-date check depends on it.
    result = _load(content_hash(raw), file, str(path.parent), dt.date.today(), _raw=raw)
    return LoadedData(result, file, changed)


def _modified(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:  # removed since it was read: the next rerun will report it
        return None


# cache_resource, not cache_data: the dataset is immutable and shared by every session, where
# cache_data would unpickle a fresh copy on every rerun. `_raw` is left out of the cache key:
# the digest already stands for it, and hashing the bytes again would cost as much as reading.
@st.cache_resource(max_entries=8, show_spinner=False)
def _load(digest: str, file: str, base_dir: str, today: dt.date, _raw: bytes) -> LoadResult:
    return load_bytes(_raw, file, today=today, base_dir=Path(base_dir))
