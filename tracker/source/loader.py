"""Load a data file into a `Dataset`, or into the list of problems that stop it from loading.

One entry point, `load_dataset`; every failure is a located `Problem`, never an exception.

A valid file goes through libyaml once, with nothing located (`parse_fast`); the located
parse runs only when there are problems to point at. The garbage collector is paused while a
parse builds its millions of objects. With a `DatasetCache`, a version seen before is read
from disk, a version that only inserts records into a cached one is built from it, and the
dataset returned holds its evidence and assessments as memory-mapped Arrow tables (see
`tracker.source.cache`).
Without a cache (`python -m tracker validate`) nothing columnar is imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError

from tracker.domain.model import Dataset
from tracker.domain.problems import Problem
from tracker.source.checks import IMPURE_CHECKS, check_dataset
from tracker.source.yamlsource import (
    DEFAULT_MAX_BYTES,
    NOT_BUILT,
    PathKey,
    YamlDocument,
    decode,
    format_path,
    parse_fast,
    parse_yaml,
    read_bytes,
)

if TYPE_CHECKING:  # the cache imports pyarrow: only a caller that has a cache loads it
    from tracker.source.cache import DatasetCache, Entry
    from tracker.source.yamlsource import Section

Progress = Callable[[int, int, str], None]

_PYDANTIC_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "enum": "unknown-value",
    "literal_error": "unknown-value",
    "date_from_datetime_inexact": "bad-date",
    "date_parsing": "bad-date",
    "date_from_datetime_parsing": "bad-date",
    "date_type": "bad-date",
}


@dataclass(frozen=True)
class LoadResult:
    """What loading gave: a dataset when the file is valid, and every problem found."""

    file: str
    content_hash: str
    dataset: Dataset | None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def load_dataset(
    path: str | Path,
    *,
    today: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: DatasetCache | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Read, parse, validate and check the file at `path`."""
    path = Path(path)
    report = _Steps(progress)
    report("read")
    raw, problems = read_bytes(path, max_bytes)
    if raw is None:
        return LoadResult(str(path), "", None, tuple(problems))
    return load_bytes(
        raw,
        str(path),
        today=today,
        base_dir=path.parent,
        cache=cache,
        source=str(path.resolve()),
        progress=progress,
    )


def load_bytes(
    raw: bytes,
    file: str,
    *,
    today: dt.date | None = None,
    base_dir: Path | None = None,
    cache: DatasetCache | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Like `load_dataset`, for bytes already in hand (an upload, a test case). `source` names
    the file in the cache, so that a new version can be built from the one loaded before."""
    today = today or dt.date.today()
    report = _Steps(progress)
    digest = content_hash(raw)
    if cache is not None:
        from tracker.source.cache import for_clock_checks

        report("cache")
        entry = _cached(cache, raw, digest, source)
        if entry is not None:
            report("check")
            seen = for_clock_checks(entry.dataset, today)
            if not [p for check in IMPURE_CHECKS for p in check(seen, today, base_dir)]:
                if source is not None:
                    cache.set_latest(source, digest)
                report("done")
                return LoadResult(file, digest, entry.dataset)
    report("parse")
    with _collector_paused():
        result, sections = _load(raw, file, digest, today, base_dir, report)
    if cache is not None and result.dataset is not None and sections is not None:
        from tracker.source.cache import Entry

        report("save")
        kept = cache.put(digest, raw, Entry(result.dataset, sections))
        if kept is not None:  # the memory-mapped tables replace the records just built
            result = LoadResult(file, digest, kept.dataset)
        if source is not None:
            cache.set_latest(source, digest)
    report("done")
    return result


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A parse builds millions of containers; each collection during it would walk them all
    again (about four times the parse). What survives the load is Arrow tables, not objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cached(cache: DatasetCache, raw: bytes, digest: str, source: str | None) -> Entry | None:
    entry = cache.get(digest)
    if entry is None and source is not None:
        base = cache.latest(source)
        if base is not None and base != digest:
            entry = cache.extend(base, raw, digest)
    return entry


def _load(
    raw: bytes, file: str, digest: str, today: dt.date, base_dir: Path | None, report: _Steps
) -> tuple[LoadResult, dict[str, Section] | None]:
    """A full load; the layout of the file's lists when the data passed every check."""
    text, problems = decode(raw, file)
    if text is None:
        return LoadResult(file, digest, None, tuple(problems)), None
    fast = parse_fast(text, report.parse if report.progress is not None else None)
    data: Any = NOT_BUILT
    if fast is not None:
        data, sections = fast.data, fast.sections
        del fast  # the plain data is not needed once validated: let it go early
    if isinstance(data, dict):
        try:
            dataset = Dataset.model_validate(data)
        except ValidationError:
            pass  # located below, from the data already built
        else:
            report("check")
            found = check_dataset(dataset, today=today, base_dir=base_dir)
            if not found:
                return LoadResult(file, digest, dataset), sections
            # Valid YAML and schema: only the checks' problems need their lines.
            document, problems = parse_yaml(text, file, data)
            if document is None:  # pragma: no cover - the fast parse found none of these
                return LoadResult(file, digest, None, tuple(problems)), None
            located = tuple(sorted(_locate(problem, document, file) for problem in found))
            return LoadResult(file, digest, None, located), None
    return _load_located(text, file, digest, today, base_dir, data), None


def _load_located(
    text: str, file: str, digest: str, today: dt.date, base_dir: Path | None, data: Any
) -> LoadResult:
    """The load that keeps the node tree, so that every problem gets its line and column."""
    document, problems = parse_yaml(text, file, data)  # problems: repeated keys, if any
    if document is None:
        return LoadResult(file, digest, None, tuple(problems))
    if not isinstance(document.data, dict):
        message = "the file must be a mapping with methodology, resolutions, actors, ... sections"
        line, column = document.locate(())
        problem = Problem(file, line or 1, column or 1, "not-a-mapping", message)
        return LoadResult(file, digest, None, (*problems, problem))
    try:
        dataset = Dataset.model_validate(document.data)
    except ValidationError as error:
        found = problems + _schema_problems(error, document, file)
        return LoadResult(file, digest, None, tuple(sorted(found)))
    located = problems + [
        _locate(problem, document, file)
        for problem in check_dataset(dataset, today=today, base_dir=base_dir)
    ]
    return LoadResult(file, digest, None if located else dataset, tuple(sorted(located)))


class _Steps:
    """Reports a load's progress as (done, 1000, step): each step has its share of the
    whole, and the parse, the long one, reports how far it has read."""

    SHARES: ClassVar[dict[str, tuple[int, int]]] = {
        "read": (0, 20),
        "cache": (20, 60),
        "parse": (60, 850),
        "check": (850, 950),
        "save": (950, 1000),
        "done": (1000, 1000),
    }

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def __call__(self, name: str, fraction: float = 0.0) -> None:
        if self.progress is not None:
            low, high = self.SHARES[name]
            self.progress(low + int((high - low) * fraction), 1000, name)

    def parse(self, done: int, total: int) -> None:
        self("parse", done / total if total else 1.0)


def _schema_problems(error: ValidationError, document: YamlDocument, file: str) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        path: PathKey = tuple(part for part in item["loc"] if isinstance(part, str | int))
        code = _PYDANTIC_CODES.get(item["type"], "wrong-type")
        if item["type"] == "value_error" and "date" in item["msg"]:
            code = "bad-date"
        at = (*path, "<key>") if code == "unknown-field" else path
        line, column = document.locate(at)
        message = _message(item["msg"], item.get("input"), code)
        problems.append(Problem(file, line, column, code, message, format_path(path)))
    return sorted(problems)


def _message(text: str, value: Any, code: str) -> str:
    if code in {"missing-field", "unknown-field"}:
        return "required field is missing" if code == "missing-field" else "unknown field"
    text = text.removeprefix("Value error, ")
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{text} (got {shown})" if not isinstance(value, dict | list) else text


def _locate(problem: Problem, document: YamlDocument, file: str) -> Problem:
    """Give a check's problem (which knows only its record path) its file, line and column."""
    line, column = document.locate(_parse_path(problem.path))
    return Problem(file, line, column, problem.code, problem.message, problem.path)


def _parse_path(text: str) -> PathKey:
    parts: list[str | int] = []
    for chunk in text.replace("[", ".[").split("."):
        if not chunk:
            continue
        if chunk.startswith("[") and chunk.endswith("]"):
            inner = chunk[1:-1]
            parts.append(int(inner) if inner.isdigit() else inner)
        else:
            parts.append(chunk)
    return tuple(parts)
