"""Load a data file into a `Dataset`, or into the list of problems that stop it from loading.

One entry point, `load_dataset`; every failure is a located `Problem`, never an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker.checks import check_dataset
from tracker.model import Dataset
from tracker.problems import Problem
from tracker.yamlsource import (
    DEFAULT_MAX_BYTES,
    PathKey,
    YamlDocument,
    decode,
    format_path,
    parse_yaml,
    read_bytes,
)

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
    path: str | Path, *, today: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadResult:
    """Read, parse, validate and check the file at `path`."""
    path = Path(path)
    raw, problems = read_bytes(path, max_bytes)
    if raw is None:
        return LoadResult(str(path), "", None, tuple(problems))
    return load_bytes(raw, str(path), today=today, base_dir=path.parent)


def load_bytes(
    raw: bytes, file: str, *, today: dt.date | None = None, base_dir: Path | None = None
) -> LoadResult:
    """Like `load_dataset`, for bytes already in hand (an upload, a test case)."""
    digest = content_hash(raw)
    text, problems = decode(raw, file)
    if text is None:
        return LoadResult(file, digest, None, tuple(problems))
    document, problems = parse_yaml(text, file)
    if document is None:
        return LoadResult(file, digest, None, tuple(problems))
    if not isinstance(document.data, dict):
        message = "the file must be a mapping with methodology, resolutions, actors, ... sections"
        line, column = document.locate(())
        problem = Problem(file, line or 1, column or 1, "not-a-mapping", message)
        return LoadResult(file, digest, None, (problem,))
    try:
        dataset = Dataset.model_validate(document.data)
    except ValidationError as error:
        return LoadResult(file, digest, None, tuple(_schema_problems(error, document, file)))
    found = check_dataset(dataset, today=today or dt.date.today(), base_dir=base_dir)
    located = tuple(sorted(_locate(problem, document, file) for problem in found))
    return LoadResult(file, digest, None if located else dataset, located)


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
