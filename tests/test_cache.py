"""The on-disk cache: a restart reads the dataset back, a changed file is never served stale,
an appended record is built from the cached version, and a broken cache is only a miss."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from tracker.source import cache as cache_module
from tracker.source.cache import DatasetCache, cache_for, code_version
from tracker.source.loader import load_bytes, load_dataset
from tracker.source.synth import Size, write_synthetic

TODAY = dt.date(2026, 11, 26)
SIZE = Size(commitments=40, actors=10, assessments=300, evidence=200)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    write_synthetic(SIZE, 11, path)
    return path


@pytest.fixture(autouse=True)
def forget_memory() -> None:
    """Each test sees only the disk, as a restarted process does."""
    cache_module._recent.clear()


def test_a_restart_reads_the_dataset_from_disk(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    assert first.ok and (cache.folder / f"{first.content_hash}.snapshot").exists()
    cache_module._recent.clear()
    second = load_dataset(data, today=TODAY, cache=DatasetCache(tmp_path / "cache"))
    assert second == first


def test_a_changed_file_is_never_served_stale(data: Path, tmp_path: Path) -> None:
    """Same size, same modification time, one byte different: a different key."""
    cache = DatasetCache(tmp_path / "cache")
    assert load_dataset(data, today=TODAY, cache=cache).ok
    stat = data.stat()
    text = data.read_text(encoding="utf-8").replace("status: fulfilled", "status: fulfilleX", 1)
    data.write_text(text, encoding="utf-8")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = load_dataset(data, today=TODAY, cache=cache)
    assert [p.code for p in again.problems] == ["unknown-value"]
    assert again.problems[0].line > 0


def test_checks_that_read_the_clock_run_on_every_load(data: Path, tmp_path: Path) -> None:
    """A cached dataset valid today is checked again against an earlier 'today'."""
    cache = DatasetCache(tmp_path / "cache")
    assert load_dataset(data, today=TODAY, cache=cache).ok
    earlier = load_dataset(data, today=dt.date(2005, 1, 1), cache=cache)
    assert earlier.problems and {p.code for p in earlier.problems} >= {"future-date"}
    assert all(p.line > 0 for p in earlier.problems)


def test_an_appended_assessment_is_a_delta_equal_to_a_full_load(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    source = str(data)
    raw = data.read_bytes()
    base = load_bytes(raw, "d.yaml", today=TODAY, cache=cache, source=source)
    assert base.dataset is not None
    text = raw.decode()
    end = text.index("\nreviews:")
    start = text.rindex("  - id: AS", 0, end)
    record = text[start : end + 1].replace("id: AS", "id: NEW-AS", 1)
    new = (text[: end + 1] + record + text[end + 1 :]).encode()
    cache_module._recent.clear()  # the base comes from disk, as after a restart
    grown = load_bytes(new, "d.yaml", today=TODAY, cache=cache, source=source)
    assert (cache.folder / f"{grown.content_hash}.delta").exists()
    assert grown == load_bytes(new, "d.yaml", today=TODAY)
    assert grown.dataset is not None and len(grown.dataset.assessments) == SIZE.assessments + 1
    cache_module._recent.clear()  # and the delta is read back from disk
    assert load_bytes(new, "d.yaml", today=TODAY, cache=cache, source=source) == grown
    assert cache.raw(grown.content_hash) == new


@pytest.mark.parametrize(
    "edit",
    [
        ("status: fulfilled", "status: fulfilled2"),  # an edit in place, not an insertion
        ("\nreviews:", "\n  - id: E0000001\nreviews:"),  # a broken record
        ("\nevidence:", "\n# a comment\nevidence:"),  # between sections
    ],
)
def test_other_changes_take_the_full_load(
    data: Path, tmp_path: Path, edit: tuple[str, str]
) -> None:
    cache = DatasetCache(tmp_path / "cache")
    source = str(data)
    raw = data.read_bytes()
    assert load_bytes(raw, "d.yaml", today=TODAY, cache=cache, source=source).ok
    new = raw.decode().replace(*edit, 1).encode()
    cached = load_bytes(new, "d.yaml", today=TODAY, cache=cache, source=source)
    assert cached == load_bytes(new, "d.yaml", today=TODAY)
    assert not (cache.folder / f"{cached.content_hash}.delta").exists()


def test_a_corrupt_entry_is_a_miss(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    snapshot = cache.folder / f"{first.content_hash}.snapshot"
    snapshot.write_bytes(snapshot.read_bytes()[:1000])
    cache_module._recent.clear()
    assert load_dataset(data, today=TODAY, cache=cache) == first
    (cache.folder / f"{first.content_hash}.snapshot").write_bytes(pickle.dumps("not an entry"))
    cache_module._recent.clear()
    assert load_dataset(data, today=TODAY, cache=cache) == first


def test_entries_of_other_code_are_removed(data: Path, tmp_path: Path) -> None:
    stale = tmp_path / "cache" / "0123456789abcdef"
    stale.mkdir(parents=True)
    (stale / "x.snapshot").write_bytes(b"old")
    load_dataset(data, today=TODAY, cache=DatasetCache(tmp_path / "cache"))
    assert not stale.exists()
    assert (tmp_path / "cache" / code_version()).is_dir()


def test_the_cache_folder_keeps_out_of_git(data: Path) -> None:
    cache = cache_for(data)
    assert cache is not None and cache.root == data.parent / ".cache" / "tracker"
    load_dataset(data, today=TODAY, cache=cache)
    assert (data.parent / ".cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_the_cache_can_be_moved_or_switched_off(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "elsewhere"))
    moved = cache_for(data)
    assert moved is not None and moved.root == tmp_path / "elsewhere"
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert cache_for(data) is None


def test_the_app_reads_the_file_again_only_when_its_stat_changes(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged, settled file is not read on a rerun; a rewritten one is."""
    from ui import data as ui_data

    monkeypatch.setenv("TRACKER_DATA", str(data))
    monkeypatch.setenv("TRACKER_CACHE", "off")
    old = data.stat()
    os.utime(data, ns=(old.st_atime_ns, old.st_mtime_ns - 10**10))  # settled 10 s ago
    reads: list[Path] = []
    real = ui_data.read_bytes

    def counting(path: Path, *args: object) -> object:
        reads.append(path)
        return real(path, *args)

    monkeypatch.setattr(ui_data, "read_bytes", counting)
    first = ui_data.load_current_data()
    second = ui_data.load_current_data()
    assert first.result.ok and second.result is first.result
    assert len(reads) == 1
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = ui_data.load_current_data()
    assert len(reads) == 2 and third.result.content_hash != first.result.content_hash
