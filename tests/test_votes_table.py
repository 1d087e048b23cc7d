"""The recorded votes read into Arrow tables: the bundled files as SOURCES.md describes them
(sums, counts, sha256), what the tracker derives (symbol, kind, the plenary vote on the whole
text among repeats), the Parquet snapshot, and located errors for malformed files."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyarrow.compute as pc
import pytest

from tests.helpers import REPO
from tracker.source import votes_table
from tracker.source.votes_table import (
    BUNDLED,
    ROLL_CALLS_FILE,
    VOTES_FILE,
    Votes,
    VotesError,
    kind_of,
    load_votes,
    repeats,
    symbol_of,
)

FIXTURE = REPO / "tests" / "fixtures" / "votes"


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Snapshots go to a folder of the test's own, and every test loads afresh."""
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "cache"))
    votes_table._loaded.clear()
    votes_table._seen.clear()
    yield
    votes_table._loaded.clear()
    votes_table._seen.clear()


def bundled() -> Votes:
    votes = load_votes(BUNDLED)
    assert votes is not None
    return votes


def row_of(votes: Votes, rcid: int) -> dict[str, object]:
    return {name: votes.column(name)[votes.row_of[rcid]] for name in votes.roll_calls.column_names}


# --- the bundled files ----------------------------------------------------------------------


def test_the_files_match_the_sha256_in_sources() -> None:
    """Both CSV files are byte for byte the ones SOURCES.md describes."""
    sources = (BUNDLED / "SOURCES.md").read_text(encoding="utf-8")
    stated = dict((name, digest) for digest, name in re.findall(r"([0-9a-f]{64})\s+(\S+)", sources))
    assert set(stated) == {ROLL_CALLS_FILE, VOTES_FILE}
    for name, digest in stated.items():
        assert hashlib.sha256((BUNDLED / name).read_bytes()).hexdigest() == digest


def test_counts_are_those_of_sources() -> None:
    """1,385 roll calls, 215,972 votes: 180,566 yes, 11,710 no, 23,696 abstain; 360 roll calls
    above rcid 5000; 1,130 rows without a code; Namibia's code is the text NA."""
    votes = bundled()
    assert votes.roll_calls.num_rows == 1385
    assert votes.votes.num_rows == 215_972
    assert Counter(votes.votes["vote"].to_pylist()) == {
        "yes": 180_566,
        "no": 11_710,
        "abstain": 23_696,
    }
    assert int(pc.sum(pc.greater(votes.roll_calls["rcid"], 5000)).as_py()) == 360
    codes = Counter(votes.votes["country_code"].to_pylist())
    assert codes[""] == 1130
    assert votes.state_codes[votes.states.index("Namibia")] == "NA"
    assert int((votes.matrix >= 0).sum()) == 215_972


def test_the_totals_of_58_50_are_the_press_release() -> None:
    """A/RES/58/50 (rcid 4494): 128 yes, 4 no, 43 abstain, as in GA/10217."""
    found = row_of(bundled(), 4494)
    assert (found["symbol"], found["kind"], found["whole_text_vote"]) == (
        "A/RES/58/50",
        "whole_text",
        True,
    )
    assert (found["yes"], found["no"], found["abstain"]) == (128, 4, 43)


def test_the_per_resolution_files_agree_with_the_whole_dataset() -> None:
    """The tracker's older vote files of A/RES/58/50 and A/RES/57/58 (2016 release) give
    every State the vote the 2021 release gives it in roll calls 4494 and 4379."""
    votes = bundled()
    for rcid, name in ((4494, "votes_A_RES_58_50.csv"), (4379, "votes_A_RES_57_58.csv")):
        rows = (REPO / "data" / "votes" / name).read_text(encoding="utf-8").splitlines()[1:]
        recorded = {
            line.split(",")[-2]: line.split(",")[-1]
            for line in rows
            if not line.endswith("non-voting")
        }
        column = votes.matrix[votes.row_of[rcid]]
        ours = {
            votes.state_codes[n]: votes_table.VOTE_VALUES[code]
            for n, code in enumerate(column.tolist())
            if code >= 0
        }
        assert ours == recorded


# --- what the tracker derives ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("unres", "session", "expected"),
    [
        ("R/58/50", 58, ("A/RES/58/50", "")),
        ("R/3/564A", 3, ("A/RES/3/564", "A")),
        ("R/42/209/D", 42, ("A/RES/42/209", "D")),
        ("A/RES/71/41", 71, ("A/RES/71/41", "")),
        ("R/677/46", 67, ("", "")),  # another session: left unlinked, not corrected
        ("ESS/1/71B", 11, ("", "")),
        ("", 20, ("", "")),
    ],
)
def test_symbol_of(unres: str, session: int, expected: tuple[str, str]) -> None:
    assert symbol_of(unres, session) == expected


@pytest.mark.parametrize(
    ("amend", "para", "kind"),
    [
        (1, 0, "amendment"),
        (1, 1, "amendment"),
        (0, 1, "paragraph"),
        (None, 1, "paragraph"),
        (0, 0, "whole_text"),
        (None, None, "whole_text"),
        (0, None, "whole_text"),
    ],
)
def test_kind_of(amend: int | None, para: int | None, kind: str) -> None:
    assert kind_of(amend, para) == kind


def test_repeats_rule() -> None:
    """A newer whole-text record repeats the oldest older one of its key; paragraph votes,
    other keys, empty keys and two older records repeat nothing."""
    rcids = [10, 11, 12, 5001, 5002, 5003, 5004, 5005]
    keys = ["a", "a", "b", "a", "b", "c", "", "b"]
    kinds = ["whole_text"] * 4 + ["paragraph", "whole_text", "whole_text", "whole_text"]
    assert repeats(rcids, keys, kinds) == [None, None, None, 10, None, None, None, 12]


def test_the_plenary_vote_on_the_whole_text_among_repeats() -> None:
    """In the whole dataset exactly two roll calls are repeats: 5695 of 4379 (A/RES/57/58) and
    5702 of 4393 (A/RES/57/84); and no symbol and part has two counted votes on its whole text
    except R/12/461, whose two 1957 records are draft resolutions I and II."""
    votes = bundled()
    columns = {name: votes.column(name) for name in ("rcid", "repeat_of", "symbol", "part")}
    found = {
        rcid: repeat
        for rcid, repeat in zip(columns["rcid"], columns["repeat_of"], strict=True)
        if repeat is not None
    }
    assert found == {5695: 4379, 5702: 4393}
    counted = Counter(
        (symbol, part)
        for symbol, part, whole in zip(
            columns["symbol"], columns["part"], votes.column("whole_text_vote"), strict=True
        )
        if whole and symbol
    )
    assert [key for key, count in counted.items() if count > 1] == [("A/RES/12/461", "")]
    assert row_of(votes, 4379)["whole_text_vote"] is True
    assert row_of(votes, 5695)["whole_text_vote"] is False


def test_the_fixture_is_lines_of_the_bundled_files() -> None:
    """The test subset invents nothing: each of its lines is a line of the real files."""
    for name in (ROLL_CALLS_FILE, VOTES_FILE):
        real = set((BUNDLED / name).read_bytes().split(b"\n"))
        assert set((FIXTURE / name).read_bytes().split(b"\n")) <= real


# --- the snapshot ---------------------------------------------------------------------------


def test_a_restart_reads_the_parquet_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_votes(FIXTURE)
    assert first is not None
    snapshots = sorted(p.name for p in (tmp_path / "cache" / "votes").iterdir())
    assert [name.split(".", 1)[1] for name in snapshots] == [
        "roll_calls.parquet",
        "votes.parquet",
    ]
    votes_table._loaded.clear()
    votes_table._seen.clear()

    def no_parse(*args: object) -> Votes:
        raise AssertionError("parsed the CSV again")

    monkeypatch.setattr(votes_table, "_parse", no_parse)
    again = load_votes(FIXTURE)
    assert again is not None and again is not first
    assert again.roll_calls.equals(first.roll_calls)
    assert again.votes.equals(first.votes)
    assert (again.matrix == first.matrix).all()


def test_an_unchanged_folder_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_votes(FIXTURE)

    def no_read(path: Path) -> bytes:
        raise AssertionError(f"read {path} again")

    monkeypatch.setattr(votes_table, "_read", no_read)
    assert load_votes(FIXTURE) is first


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "votes"
    shutil.copytree(FIXTURE, folder)
    before = load_votes(folder)
    assert before is not None
    path = folder / VOTES_FILE
    path.write_bytes(path.read_bytes().replace(b"4494,France,FR,no", b"4494,France,FR,yes"))
    after = load_votes(folder)
    assert after is not None and after.digest != before.digest
    assert row_of(after, 4494)["yes"] == row_of(before, 4494)["yes"] + 1


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert load_votes(FIXTURE) is not None
    assert not (tmp_path / "cache").exists()


def test_a_folder_without_the_files_has_no_votes(tmp_path: Path) -> None:
    assert load_votes(tmp_path) is None


# --- errors say where and why ---------------------------------------------------------------


def broken(tmp_path: Path, name: str, old: bytes, new: bytes) -> Path:
    folder = tmp_path / "votes"
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    path = folder / name
    content = path.read_bytes()
    assert old in content
    path.write_bytes(content.replace(old, new, 1))
    return folder


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (VOTES_FILE, b"4494,France,FR,no", b"4494,France,FR,maybe", ":27: vote 'maybe' is not"),
        (VOTES_FILE, b"4494,France,FR,no", b"9999,France,FR,no", ":27: rcid '9999' is not a"),
        (VOTES_FILE, b"4494,France,FR,no", b"4494,France,FR,no\n4494,France,FR,no", ":28: France"),
        (VOTES_FILE, b"rcid,country", b"rcid,state", ":1: the columns are"),
        (ROLL_CALLS_FILE, b"4494,58,0,2003-12-08", b"4494,58,0,2003-12", ":7: date '2003-12'"),
        (ROLL_CALLS_FILE, b"4494,58,0,", b"4494,58,x,", ":7: importantvote 'x' is not 0, 1"),
        (ROLL_CALLS_FILE, b"4494,58,", b"4494,5 8,", ":7: session '5 8' is not a whole"),
    ],
)
def test_a_malformed_file_is_a_located_error(
    tmp_path: Path, name: str, old: bytes, new: bytes, message: str
) -> None:
    folder = broken(tmp_path, name, old, new)
    with pytest.raises(VotesError) as raised:
        load_votes(folder)
    assert str(raised.value).startswith(str(folder / name) + message.split(" ", 1)[0])
    assert message in str(raised.value)


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "votes"
    shutil.copytree(FIXTURE, folder)
    (folder / VOTES_FILE).unlink()
    with pytest.raises(VotesError, match=f"{VOTES_FILE}: cannot read"):
        load_votes(folder)
