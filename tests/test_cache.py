"""The on-disk cache: a restart reads the dataset back (as memory-mapped Arrow tables), a
changed file is never served stale, an appended record is built from the cached version, and a
broken, planted, edited or unwritable cache is only a miss (issue #15, items 3, 5, 7, 8)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
from pathlib import Path

import pytest

from tests.helpers import REAL_DATA
from tracker.domain.model import Assessment, Evidence
from tracker.source import cache as cache_module
from tracker.source.cache import PREFIX, DatasetCache, cache_for, code_version
from tracker.source.columns import Records
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


def _replace(path: Path, body: bytes) -> None:
    """Give `path` new contents under a new inode, as an editor or `cp` over it would (an
    edit in place would also change what a process has memory-mapped: see docs/security.md)."""
    path.with_name(path.name + ".new").write_bytes(body)
    os.replace(path.with_name(path.name + ".new"), path)


def _appended(raw: bytes) -> bytes:
    """`raw` with a copy of its last assessment, under a new id, inserted after it."""
    text = raw.decode()
    end = text.index("\nreviews:")
    start = text.rindex("  - id: AS", 0, end)
    record = text[start : end + 1].replace("id: AS", "id: NEW-AS", 1)
    return (text[: end + 1] + record + text[end + 1 :]).encode()


def test_a_restart_reads_the_dataset_from_disk_as_arrow(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    assert first.ok and (cache.folder / f"{first.content_hash}.evidence.arrow").exists()
    cache_module._recent.clear()
    second = load_dataset(data, today=TODAY, cache=DatasetCache(tmp_path / "cache"))
    assert second.dataset is not None
    assert isinstance(second.dataset.evidence, Records)
    assert isinstance(second.dataset.assessments, Records)
    assert second == first == load_dataset(data, today=TODAY)  # equal to the full parse


def test_a_changed_file_is_never_served_stale(data: Path, tmp_path: Path) -> None:
    """Same size, same modification time, one byte different: a different key."""
    cache = DatasetCache(tmp_path / "cache")
    assert load_dataset(data, today=TODAY, cache=cache).ok
    stat_before = data.stat()
    text = data.read_text(encoding="utf-8").replace("status: fulfilled", "status: fulfilleX", 1)
    data.write_text(text, encoding="utf-8")
    os.utime(data, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    again = load_dataset(data, today=TODAY, cache=cache)
    assert [p.code for p in again.problems] == ["unknown-value"]
    assert again.problems[0].line > 0


def test_checks_that_read_the_clock_run_on_every_load(data: Path, tmp_path: Path) -> None:
    """A cached dataset valid today is checked again against an earlier 'today'."""
    cache = DatasetCache(tmp_path / "cache")
    assert load_dataset(data, today=TODAY, cache=cache).ok
    earlier = load_dataset(data, today=dt.date(2005, 1, 1), cache=cache)
    assert earlier.problems and {p.code for p in earlier.problems} >= {"future-date"}
    assert earlier.problems == load_dataset(data, today=dt.date(2005, 1, 1)).problems


def test_an_appended_assessment_is_built_from_the_cached_version(
    data: Path, tmp_path: Path
) -> None:
    cache = DatasetCache(tmp_path / "cache")
    source = str(data)
    raw = data.read_bytes()
    base = load_bytes(raw, "d.yaml", today=TODAY, cache=cache, source=source)
    assert base.dataset is not None
    new = _appended(raw)
    cache_module._recent.clear()  # the base comes from disk, as after a restart
    grown = load_bytes(new, "d.yaml", today=TODAY, cache=cache, source=source)
    assert cache.base_of(grown.content_hash) == base.content_hash
    assert grown == load_bytes(new, "d.yaml", today=TODAY)
    assert grown.dataset is not None and len(grown.dataset.assessments) == SIZE.assessments + 1
    cache_module._recent.clear()  # and the new snapshot is read back from disk
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
    assert cache.base_of(cached.content_hash) is None


@pytest.mark.parametrize("marker", ["...", "---", "... # end", "%YAML 1.1"])
@pytest.mark.parametrize("with_record", [True, False])
def test_the_cached_loader_rejects_a_document_marker_as_the_full_loader_does(
    data: Path, tmp_path: Path, marker: str, with_record: bool
) -> None:
    """Issue #15 item 7: a document-end line inserted into the evidence list, after a new
    record (the pickle cache accepted that one) or alone."""
    cache = DatasetCache(tmp_path / "cache")
    source = str(data)
    raw = data.read_bytes()
    assert load_bytes(raw, "d.yaml", today=TODAY, cache=cache, source=source).ok
    text = raw.decode()
    first = text.index("  - id: E", text.index("\nevidence:"))
    second = text.index("  - id: E", first + 1)
    record = text[first:second].replace("id: E", "id: NEW-E", 1) if with_record else ""
    new = (text[:second] + record + marker + "\n" + text[second:]).encode()
    full = load_bytes(new, "d.yaml", today=TODAY)
    assert not full.ok
    cached = load_bytes(new, "d.yaml", today=TODAY, cache=cache, source=source)
    assert cached == full


def test_a_corrupt_entry_is_a_miss(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    table = cache.folder / f"{first.content_hash}.evidence.arrow"
    _replace(table, table.read_bytes()[:1000])
    cache_module._recent.clear()
    assert cache.get(first.content_hash) is None
    assert load_dataset(data, today=TODAY, cache=cache) == first


def test_a_planted_pickle_never_runs(data: Path, tmp_path: Path) -> None:
    """Issue #15 item 3: every file a snapshot reads replaced by a pickle that would write a
    file when unpickled; loading reads none of them as code."""
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    proof = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (os.system, (f"touch {proof}",))

    planted = pickle.dumps(Payload())
    for name in os.listdir(cache.folder):
        if name.startswith(first.content_hash) and not name.endswith(".raw"):
            _replace(cache.folder / name, planted)
    for old in (".snapshot", ".delta"):  # the names the pickle cache used
        _replace(cache.folder / f"{first.content_hash}{old}", planted)
    cache_module._recent.clear()
    assert load_dataset(data, today=TODAY, cache=cache) == first
    assert not proof.exists()


def test_an_edited_entry_never_serves_data_the_file_does_not_hold(
    data: Path, tmp_path: Path
) -> None:
    """Issue #15 item 3: a snapshot edited in place (same size, a summary changed) is a miss:
    the digest stored beside it no longer matches."""
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    assert first.dataset is not None
    summary = first.dataset.evidence[0].summary.en.encode()
    table = cache.folder / f"{first.content_hash}.evidence.arrow"
    body = table.read_bytes()
    assert summary in body
    _replace(table, body.replace(summary, b"X" * len(summary), 1))
    header = cache.folder / f"{first.content_hash}.json"
    name = first.dataset.actors[0].name.en.encode()
    _replace(header, header.read_bytes().replace(name, b"Y" * len(name), 1))
    cache_module._recent.clear()
    again = load_dataset(data, today=TODAY, cache=cache)
    assert again == first == load_dataset(data, today=TODAY)
    assert again.dataset is not None
    assert again.dataset.evidence[0].summary.en == summary.decode()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_cache_files_take_the_data_files_mode_not_the_umask(
    data: Path, tmp_path: Path, mode: int
) -> None:
    """Issue #15 item 3 and the Low item: under umask 002 nothing is group-writable, and a
    0600 file's cache is 0600."""
    data.chmod(mode)
    old = os.umask(0o002)
    try:
        cache = cache_for(data)
        assert cache is not None
        assert load_dataset(data, today=TODAY, cache=cache).ok
        load_bytes(_appended(data.read_bytes()), "d.yaml", cache=cache, source=str(data))
    finally:
        os.umask(old)
    files = [p for p in cache.root.rglob("*") if p.is_file()]
    assert len(files) > 5
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}
    folders = [p for p in cache.root.rglob("*") if p.is_dir()]
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o022 == 0 for p in folders)


def test_a_cache_folder_that_cannot_be_made_is_a_miss_and_the_load_succeeds(
    data: Path, tmp_path: Path
) -> None:
    """Issue #15 item 5: the cache's folder cannot be created (here a file stands where its
    parent should be, which fails for root too, unlike a 0555 folder)."""
    (tmp_path / "in-the-way").write_text("a file", encoding="utf-8")
    cache = DatasetCache(tmp_path / "in-the-way" / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    assert first.ok and first == load_dataset(data, today=TODAY)
    assert load_bytes(_appended(data.read_bytes()), "d.yaml", cache=cache, source=str(data)).ok


def test_a_full_disk_is_a_miss_and_the_load_succeeds(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15 item 5: every write fails as on a full disk (ENOSPC)."""

    def full(self: DatasetCache, name: str, body: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(DatasetCache, "_write", full)
    cache = DatasetCache(tmp_path / "cache")
    first = load_dataset(data, today=TODAY, cache=cache)
    assert first.ok and first == load_dataset(data, today=TODAY)
    grown = load_bytes(_appended(data.read_bytes()), "d.yaml", cache=cache, source=str(data))
    assert grown.ok


def test_a_shared_cache_folder_loses_nothing_the_cache_did_not_make(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15 item 8: TRACKER_CACHE=~/.cache keeps every other program's files, and even
    files planted among its own snapshots of other code."""
    shared = tmp_path / "home" / ".cache"
    others = [
        shared / "pip" / "http" / "a",
        shared / "0123456789abcdef" / "x.snapshot",
        shared / "fontconfig.cache",
        shared / f"{PREFIX}0123456789abcdef" / "notes.txt",
    ]
    for path in others:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("someone else's", encoding="utf-8")
    old_snapshot = shared / f"{PREFIX}fedcba9876543210" / f"{'a' * 64}.evidence.arrow"
    old_snapshot.parent.mkdir()
    old_snapshot.write_bytes(b"made by older code")
    monkeypatch.setenv("TRACKER_CACHE", str(shared))
    cache = cache_for(data)
    assert cache is not None and cache.root == shared
    original = data.read_bytes()
    for number in range(cache_module.KEEP_SNAPSHOTS + 2):  # versions enough to prune some
        data.write_bytes(_appended(original).replace(b"NEW-AS", f"N{number}-AS".encode()))
        assert load_dataset(data, today=TODAY, cache=cache).ok
    assert all(path.read_text(encoding="utf-8") == "someone else's" for path in others)
    assert not old_snapshot.exists()  # a snapshot of other code, by its own name: removed
    assert not (shared / ".gitignore").exists()  # nothing written outside its own folder
    assert len(list(cache.folder.glob("*.sha256"))) == cache_module.KEEP_SNAPSHOTS


def test_the_cache_folder_keeps_out_of_git(data: Path) -> None:
    cache = cache_for(data)
    assert cache is not None and cache.root == data.parent / ".cache" / "tracker"
    load_dataset(data, today=TODAY, cache=cache)
    assert cache.folder == cache.root / f"{PREFIX}{code_version()}"
    assert (cache.folder / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_the_cache_can_be_moved_or_switched_off(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "elsewhere"))
    moved = cache_for(data)
    assert moved is not None and moved.root == tmp_path / "elsewhere"
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert cache_for(data) is None


def test_records_convert_both_ways_exactly(data: Path) -> None:
    """Every kind of field (texts, optional records, lists, the ratings mapping, dates)
    survives the table; slices, takes and equality behave as a tuple's."""
    from tracker.source.columns import as_records, to_table

    dataset = load_dataset(data, today=TODAY).dataset
    assert dataset is not None
    records = as_records(dataset.evidence, Evidence)
    assert list(records) == list(dataset.evidence)
    # Built from the table alone, not handed back from memory, on the bundled data (which has
    # corrections, ratings, contested items and optional records left out):
    real = load_dataset(REAL_DATA).dataset
    assert real is not None
    assert any(a.corrects for a in real.assessments) and any(a.ratings for a in real.assessments)
    assert any(e.contested for e in real.evidence) and any(not e.contested for e in real.evidence)
    for model, kept in ((Evidence, real.evidence), (Assessment, real.assessments)):
        table = to_table(kept, model)
        assert list(Records(table, model)) == list(kept)
        assert list(Records(to_table((), model), model)) == []


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
