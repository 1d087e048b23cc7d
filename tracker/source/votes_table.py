"""Every recorded General Assembly vote on arms control, disarmament and nuclear weapons
(`data/votes/disarmament/`, see its SOURCES.md): the two CSV files read into Arrow tables,
checked, with what the tracker derives from them (the resolution symbol, the kind of vote, the
repeats of one vote, each roll call's totals), and kept as a Parquet snapshot keyed by the
files' content so that a restart does not parse them again.

Nothing here changes a vote: rows are kept as the dataset gives them, names and dates too.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import re
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

VOTES_ENV = "TRACKER_VOTES"
CACHE_ENV = "TRACKER_CACHE"  # shared with the data file's cache: "off" turns both off
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "votes" / "disarmament"
ROLL_CALLS_FILE = "disarmament_roll_calls.csv"
VOTES_FILE = "disarmament_votes.csv"
ROLL_CALL_COLUMNS = (
    "rcid",
    "session",
    "importantvote",
    "date",
    "unres",
    "amend",
    "para",
    "short",
    "descr",
    "issues",
)
VOTE_COLUMNS = ("rcid", "country", "country_code", "vote")
# A vote's code is its place here: Voeten's codes 1 (yes), 2 (abstain), 3 (no) less one, so
# that the distance between two codes is the disagreement of the agreement index.
VOTE_VALUES = ("yes", "abstain", "no")
NO_ROW = -1
KINDS = ("whole_text", "paragraph", "amendment")
# Roll calls above this id were added in the dataset's 2021 release and can repeat an older
# roll call of the same resolution (SOURCES.md, "Two records of one vote").
NEWER_RCID = 5000
# The dataset's symbol: "R/58/50" is A/RES/58/50; letters after the number name a part
# ("R/3/564A", "R/42/209/D"); from the 71st session it writes "A/RES/71/41" itself.
SYMBOL = re.compile(r"^(?:R|A/RES)/(\d+)/(\d+)/?([A-Z]*)$")
# The three fields the dataset codes 0 or 1, or leaves empty where it has no value.
FLAGS = ("importantvote", "amend", "para")
MAX_PROBLEMS = 20
KEEP_SNAPSHOTS = 3
KEEP_IN_MEMORY = 2


class VotesError(Exception):
    """The vote files cannot be used: each line of the message is `file:line: what is wrong`."""


@dataclass(frozen=True, eq=False)
class Votes:
    """The vote files as tables, and the arrays the questions about them are answered from.

    `roll_calls` has one row per roll call in rcid order: the dataset's columns (flags as
    nullable int8, `date` as date32) and `year`, `symbol` ("A/RES/58/50", empty where the
    dataset's symbol cannot be read or names another session), `part` ("A" of "R/3/564A"),
    `kind` (one of KINDS), `repeat_of` (the older roll call a 2021 record repeats, else
    null), `whole_text_vote` (a vote on the whole text that repeats none: the plenary vote
    on the whole text) and the `yes`, `abstain`, `no` totals of its rows. `votes` has one
    row per State vote in the file's order. `matrix[row, state]` is the code of the vote of
    state `states[state]` in roll call `row` (NO_ROW where the dataset has no row).
    """

    folder: Path
    digest: str
    roll_calls: pa.Table
    votes: pa.Table
    states: tuple[str, ...]
    state_codes: tuple[str, ...]
    matrix: np.ndarray
    rcid: np.ndarray
    year: np.ndarray
    kind: np.ndarray
    counted: np.ndarray

    @functools.cached_property
    def row_of(self) -> dict[int, int]:
        """The row of each rcid."""
        return {rcid: row for row, rcid in enumerate(self.rcid.tolist())}

    @functools.cached_property
    def _python_columns(self) -> dict[str, list[object]]:
        return {}

    def column(self, name: str) -> list[object]:
        """A roll-call column as Python values, in row order (made once, shared: read only)."""
        found = self._python_columns.get(name)
        if found is None:
            found = self._python_columns[name] = self.roll_calls[name].to_pylist()
        return found


# --- where the files are ---------------------------------------------------------------


def votes_folder() -> Path:
    """`$TRACKER_VOTES` when set (tests, another copy), else the repository's copy."""
    configured = os.environ.get(VOTES_ENV)
    return Path(configured).resolve() if configured else BUNDLED


def _cache_folder(folder: Path) -> Path | None:
    configured = os.environ.get(CACHE_ENV, "")
    if configured.lower() in {"off", "0", "no", "false"}:
        return None
    root = Path(configured) if configured else folder / ".cache"
    return root / "votes"


# --- loading -----------------------------------------------------------------------------

_loaded: dict[str, Votes] = {}
_seen: dict[Path, tuple[tuple[int, ...], str]] = {}
_lock = threading.Lock()


def load_votes(folder: Path | None = None) -> Votes | None:
    """The votes in `folder` (default `votes_folder()`), or None when it holds neither file.

    Loaded once per content and shared (read only): a call whose files have the same stat as
    the last one's does not read them. Raises VotesError when a file is missing, unreadable
    or malformed.
    """
    folder = (folder or votes_folder()).resolve()
    paths = (folder / ROLL_CALLS_FILE, folder / VOTES_FILE)
    if not any(path.exists() for path in paths):
        return None
    try:
        signature = tuple(n for path in paths for n in _stat(path))
    except OSError as error:
        raise VotesError(f"{error.filename}: cannot read: {error.strerror}") from error
    with _lock:
        seen = _seen.get(folder)
        if seen is not None and seen[0] == signature and seen[1] in _loaded:
            return _loaded[seen[1]]
        raw = tuple(_read(path) for path in paths)
        digest = hashlib.sha256(b"".join(hashlib.sha256(r).digest() for r in raw)).hexdigest()
        votes = _loaded.get(digest)
        if votes is None:
            votes = _from_snapshot(folder, digest) or _parse(folder, digest, raw[0], raw[1])
            _loaded[digest] = votes
            while len(_loaded) > KEEP_IN_MEMORY:  # a changed file replaces the oldest version
                del _loaded[next(iter(_loaded))]
        _seen[folder] = (signature, digest)
        return votes


def _stat(path: Path) -> tuple[int, int, int, int]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise VotesError(f"{path}: cannot read: {error.strerror}") from error


def _parse(folder: Path, digest: str, roll_call_bytes: bytes, vote_bytes: bytes) -> Votes:
    roll_calls_path, votes_path = folder / ROLL_CALLS_FILE, folder / VOTES_FILE
    roll_calls = _read_csv(roll_calls_path, roll_call_bytes, ROLL_CALL_COLUMNS)
    votes = _read_csv(votes_path, vote_bytes, VOTE_COLUMNS)
    _check(roll_calls_path, roll_call_bytes, _roll_call_problems(roll_calls))
    _check(votes_path, vote_bytes, _vote_problems(votes, roll_calls["rcid"]))
    roll_calls, votes = _derive(_typed_roll_calls(roll_calls), _typed_votes(votes))
    _write_snapshot(folder, digest, roll_calls, votes)
    return _assemble(folder, digest, roll_calls, votes)


def _read_csv(path: Path, raw: bytes, columns: Sequence[str]) -> pa.Table:
    """Every cell as text, as written: an empty cell is "", and "NA" (Namibia) stays text."""
    header = raw.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", errors="replace")
    found = next(csv.reader([header]), [])
    if tuple(found) != tuple(columns):
        raise VotesError(f"{path}:1: the columns are {found}, expected {list(columns)}")
    options = pa_csv.ConvertOptions(
        column_types={name: pa.string() for name in columns},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        return pa_csv.read_csv(pa.py_buffer(raw), convert_options=options)
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise VotesError(f"{path}: cannot be read as CSV: {error}") from error


def _not_matching(column: pa.ChunkedArray, pattern: str) -> list[int]:
    """The rows whose cell does not match `pattern`."""
    matched = pc.match_substring_regex(column, pattern).to_numpy(zero_copy_only=False)
    found: list[int] = np.flatnonzero(~matched).tolist()
    return found


def _roll_call_problems(table: pa.Table) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    for name in ("rcid", "session"):
        problems += [
            (row, f"{name} {table[name][row].as_py()!r} is not a whole number")
            for row in _not_matching(table[name], r"^[0-9]+$")
        ]
    problems += [
        (row, f"date {table['date'][row].as_py()!r} is not a date YYYY-MM-DD")
        for row in _not_matching(table["date"], r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    ]
    for name in FLAGS:
        problems += [
            (row, f"{name} {table[name][row].as_py()!r} is not 0, 1 or empty")
            for row in _not_matching(table[name], r"^[01]?$")
        ]
    seen: set[str] = set()
    for row, rcid in enumerate(table["rcid"].to_pylist()):
        if rcid in seen:
            problems.append((row, f"rcid {rcid} is on an earlier row too"))
        seen.add(rcid)
    return problems


def _vote_problems(table: pa.Table, known_rcids: pa.ChunkedArray) -> list[tuple[int, str]]:
    problems = [
        (row, f"vote {table['vote'][row].as_py()!r} is not one of {', '.join(VOTE_VALUES)}")
        for row in np.flatnonzero(
            ~pc.is_in(table["vote"], pa.array(VOTE_VALUES)).to_numpy(zero_copy_only=False)
        ).tolist()
    ]
    problems += [(row, "country is empty") for row in _not_matching(table["country"], r"^.*\S.*$")]
    unknown = ~pc.is_in(table["rcid"], known_rcids.combine_chunks()).to_numpy(zero_copy_only=False)
    problems += [
        (row, f"rcid {table['rcid'][row].as_py()!r} is not a roll call of the roll-call file")
        for row in np.flatnonzero(unknown).tolist()
    ]
    pairs = pa.table({"rcid": table["rcid"], "country": table["country"]})
    counts = pairs.group_by(["rcid", "country"]).aggregate([("rcid", "count")])
    twice = counts.filter(pc.greater(counts["rcid_count"], 1))
    if twice.num_rows:
        keys = set(zip(twice["rcid"].to_pylist(), twice["country"].to_pylist(), strict=True))
        seen: set[tuple[str, str]] = set()
        for row, key in enumerate(
            zip(table["rcid"].to_pylist(), table["country"].to_pylist(), strict=True)
        ):
            if key in keys:
                if key in seen:
                    problems.append((row, f"{key[1]} has a second vote in roll call {key[0]}"))
                seen.add(key)
    return problems


def _check(path: Path, raw: bytes, problems: list[tuple[int, str]]) -> None:
    """Raise the problems (row of the table, message) as `file:line: message` lines."""
    if not problems:
        return
    problems.sort()
    lines = _line_numbers(raw, {row for row, _ in problems[:MAX_PROBLEMS]})
    shown = [f"{path}:{lines[row]}: {message}" for row, message in problems[:MAX_PROBLEMS]]
    more = len(problems) - MAX_PROBLEMS
    if more > 0:
        shown.append(f"{path}: and {more} more problem(s)")
    raise VotesError("\n".join(shown))


def _line_numbers(raw: bytes, rows: Iterable[int]) -> dict[int, int]:
    """The line of the file on which each data row (0 for the first after the header)
    starts: read again with the csv module, since a quoted cell may hold line breaks."""
    wanted = set(rows)
    found: dict[int, int] = {}
    reader = csv.reader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))
    start = 1
    for number, _ in enumerate(reader, start=-1):
        if number in wanted:
            found[number] = start
        start = reader.line_num + 1
    return found


# --- typed and derived columns -----------------------------------------------------------


def _flag(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A 0/1 column with its empty cells as nulls."""
    empty = pc.equal(column, "")
    return pc.cast(pc.if_else(empty, pa.scalar(None, pa.string()), column), pa.int8())


def _typed_roll_calls(table: pa.Table) -> pa.Table:
    return table.set_column(0, "rcid", pc.cast(table["rcid"], pa.int32())).combine_chunks()


def _typed_votes(table: pa.Table) -> pa.Table:
    return table.set_column(0, "rcid", pc.cast(table["rcid"], pa.int32())).combine_chunks()


def symbol_of(unres: str, session: int) -> tuple[str, str]:
    """(symbol, part) of the dataset's `unres`: ("A/RES/58/50", "") for "R/58/50",
    ("A/RES/3/564", "A") for "R/3/564A"; ("", "") when it cannot be read or names a session
    other than the roll call's (such as "R/677/46" in session 67: not corrected)."""
    match = SYMBOL.match(unres)
    if match is None or int(match[1]) != session:
        return "", ""
    return f"A/RES/{int(match[1])}/{int(match[2])}", match[3]


def kind_of(amend: int | None, para: int | None) -> str:
    """The dataset's flags as a kind: an amendment when `amend` is 1, else a separate vote on
    a paragraph or part when `para` is 1, else a vote on the whole text (0 or no value)."""
    if amend == 1:
        return "amendment"
    if para == 1:
        return "paragraph"
    return "whole_text"


def repeats(rcids: Sequence[int], keys: Sequence[str], kinds: Sequence[str]) -> list[int | None]:
    """For each roll call, the older roll call it repeats, else None.

    A vote on the whole text with an rcid above NEWER_RCID repeats the oldest vote on the whole
    text of the same resolution and part (`keys`; empty: none) with an rcid at most
    NEWER_RCID. Paragraph and amendment votes repeat nothing: the dataset flags them so.
    """
    older: dict[str, int] = {}
    for rcid, key, kind in sorted(zip(rcids, keys, kinds, strict=True)):
        if key and kind == "whole_text" and rcid <= NEWER_RCID:
            older.setdefault(key, rcid)
    return [
        older.get(key) if key and kind == "whole_text" and rcid > NEWER_RCID else None
        for rcid, key, kind in zip(rcids, keys, kinds, strict=True)
    ]


def _derive(roll_calls: pa.Table, votes: pa.Table) -> tuple[pa.Table, pa.Table]:
    """The roll calls in rcid order with the derived columns; the votes with the row of their
    roll call (`row`), their State (`state`, in sorted names) and vote code (`code`)."""
    roll_calls = roll_calls.sort_by("rcid")
    rcids = roll_calls["rcid"].to_pylist()
    sessions = [int(s) for s in roll_calls["session"].to_pylist()]
    unres = roll_calls["unres"].to_pylist()
    flags = {name: _flag(roll_calls[name]) for name in FLAGS}
    symbols = [symbol_of(u, s) for u, s in zip(unres, sessions, strict=True)]
    kinds = [
        kind_of(a, p)
        for a, p in zip(flags["amend"].to_pylist(), flags["para"].to_pylist(), strict=True)
    ]
    keys = [
        f"{symbol} {part}" if symbol else u
        for (symbol, part), u in zip(symbols, unres, strict=True)
    ]
    repeated = repeats(rcids, keys, kinds)
    dates = pc.cast(roll_calls["date"], pa.date32())
    row = np.searchsorted(np.asarray(rcids, dtype=np.int32), votes["rcid"].to_numpy())
    states = sorted(pc.unique(votes["country"]).to_pylist())
    state = pc.index_in(votes["country"], value_set=pa.array(states)).to_numpy()
    code = pc.index_in(votes["vote"], value_set=pa.array(VOTE_VALUES)).to_numpy()
    totals = np.bincount(row * 3 + code, minlength=len(rcids) * 3).reshape(-1, 3)
    derived = {
        "rcid": roll_calls["rcid"],
        "session": pa.array(sessions, pa.int16()),
        "importantvote": flags["importantvote"],
        "date": dates,
        "unres": roll_calls["unres"],
        "amend": flags["amend"],
        "para": flags["para"],
        "short": roll_calls["short"],
        "descr": roll_calls["descr"],
        "issues": roll_calls["issues"],
        "year": pc.cast(pc.year(dates), pa.int16()),
        "symbol": pa.array([symbol for symbol, _ in symbols], pa.string()),
        "part": pa.array([part for _, part in symbols], pa.string()),
        "kind": pa.array(kinds, pa.string()),
        "repeat_of": pa.array(repeated, pa.int32()),
        "whole_text_vote": pa.array(
            [k == "whole_text" and r is None for k, r in zip(kinds, repeated, strict=True)]
        ),
        **{value: pa.array(totals[:, n], pa.int32()) for n, value in enumerate(VOTE_VALUES)},
    }
    typed_votes = votes.append_column("row", pa.array(row, pa.int32()))
    typed_votes = typed_votes.append_column("state", pa.array(state, pa.int16()))
    typed_votes = typed_votes.append_column("code", pa.array(code, pa.int8()))
    return pa.table(derived), typed_votes


def _assemble(folder: Path, digest: str, roll_calls: pa.Table, votes: pa.Table) -> Votes:
    rows = votes["row"].to_numpy()
    state = votes["state"].to_numpy()
    _, first = np.unique(state, return_index=True)
    states = votes["country"].take(first).to_pylist()
    codes = votes["country_code"].take(first).to_pylist()
    matrix = np.full((roll_calls.num_rows, len(states)), NO_ROW, dtype=np.int8)
    matrix[rows, state] = votes["code"].to_numpy()
    matrix.flags.writeable = False
    kinds = np.asarray([KINDS.index(k) for k in roll_calls["kind"].to_pylist()], dtype=np.int8)
    counted = roll_calls["repeat_of"].is_null().to_numpy(zero_copy_only=False)
    return Votes(
        folder=folder,
        digest=digest,
        roll_calls=roll_calls,
        votes=votes,
        states=tuple(states),
        state_codes=tuple(codes),
        matrix=matrix,
        rcid=roll_calls["rcid"].to_numpy(),
        year=roll_calls["year"].to_numpy(),
        kind=kinds,
        counted=counted,
    )


# --- the snapshot ------------------------------------------------------------------------


def code_version() -> str:
    """A digest of what decides the snapshot's content: this module and pyarrow's version."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(repr((pa.__version__, sys.version_info[:2])).encode())
    return digest.hexdigest()[:16]


def _snapshot_paths(folder: Path, digest: str) -> tuple[Path, Path] | None:
    cache = _cache_folder(folder)
    if cache is None:
        return None
    stem = f"{digest[:32]}-{code_version()}"
    return cache / f"{stem}.roll_calls.parquet", cache / f"{stem}.votes.parquet"


def _from_snapshot(folder: Path, digest: str) -> Votes | None:
    """The votes from the Parquet snapshot of this content, if one was written (memory-mapped:
    processes on one machine read the same pages); None when there is none or it is damaged."""
    paths = _snapshot_paths(folder, digest)
    if paths is None or not all(path.exists() for path in paths):
        return None
    try:
        roll_calls, votes = (pq.read_table(path, memory_map=True) for path in paths)
        return _assemble(folder, digest, roll_calls, votes)
    except (OSError, pa.ArrowException, KeyError, ValueError, IndexError):
        return None


def _write_snapshot(folder: Path, digest: str, roll_calls: pa.Table, votes: pa.Table) -> None:
    """Write the snapshot (each file whole, then renamed into place); a folder that cannot be
    written leaves the votes uncached, never unread. Older snapshots beyond KEEP_SNAPSHOTS go."""
    paths = _snapshot_paths(folder, digest)
    if paths is None:
        return
    try:
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        for table, path in zip((roll_calls, votes), paths, strict=True):
            partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
            pq.write_table(table, partial)
            partial.replace(path)
        snapshots = sorted(
            paths[0].parent.glob("*.roll_calls.parquet"),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for stale in snapshots[KEEP_SNAPSHOTS:]:
            stale.unlink(missing_ok=True)
            stale.with_name(stale.name.replace(".roll_calls.", ".votes.")).unlink(missing_ok=True)
    except OSError:
        return
