"""Read a YAML data file safely: size and encoding checked before parsing, duplicate keys,
aliases and runaway nesting refused, and every value's line and column kept for messages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.problems import Problem

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 40

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The parsed data, and where each record path starts in the file."""

    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """Line and column of the deepest known node on `path` (0, 0 when nothing matches)."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark:
                return mark
        return (0, 0)


def format_path(path: PathKey) -> str:
    """('evidence', 3, 'source', 'url') -> 'evidence[3].source.url'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of `raw` (a UTF-8 BOM dropped), or a problem saying where decoding failed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "the file is UTF-16; save it as UTF-8"
        return None, [Problem(file, 1, 1, "not-utf8", message)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [Problem(file, line, column, "not-utf8", message)]


def read_bytes(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, refusing before reading one that is over `max_bytes`."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            message = f"the file is {size:,} bytes, over the limit of {max_bytes:,}"
            return None, [Problem(file, 0, 0, "file-too-large", message)]
        return path.read_bytes(), []
    except OSError as error:
        return None, [Problem(file, 0, 0, "file-unreadable", error.strerror or str(error))]


def parse_yaml(text: str, file: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document into plain data with marks; problems instead of exceptions."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(file, line, column, "yaml-syntax", message or "invalid YAML")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 0, 0, "yaml-syntax", str(error))]
    if node is None:
        return YamlDocument(data=None), []
    problems = list(_structure_problems(node, file))
    if any(problem.code == "yaml-alias" for problem in problems):
        problems = [p for p in problems if p.code != "yaml-alias"] + _alias_problems(text, file)
    if problems:
        return None, problems
    document = YamlDocument(data=None)
    _record_marks(node, (), document.marks)
    constructor = yaml.SafeLoader("")
    try:
        document.data = constructor.construct_document(node)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [Problem(file, line, column, "yaml-syntax", str(error.problem))]
    except ValueError as error:  # e.g. a timestamp like 2023-02-30 that is not a date
        return None, [Problem(file, 0, 0, "bad-date", str(error))]
    finally:
        constructor.dispose()
    return document, []


def _structure_problems(root: yaml.Node, file: str) -> Iterator[Problem]:
    """Aliases, runaway nesting and duplicate keys, found in one walk of the node tree."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in seen:
            message = "an alias repeats another node; write the value out instead"
            yield Problem(file, line, column, "yaml-alias", message)
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            yield Problem(file, line, column, "too-deep", f"nesting deeper than {MAX_DEPTH}")
            continue
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    first = keys.setdefault(key.value, key.start_mark.line + 1)
                    if first != key.start_mark.line + 1:
                        message = f"key '{key.value}' appears again (first on line {first})"
                        key_line, key_column = key.start_mark.line + 1, key.start_mark.column + 1
                        yield Problem(file, key_line, key_column, "duplicate-key", message)
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def _alias_problems(text: str, file: str) -> list[Problem]:
    """One problem per alias, at the alias itself (the composed tree only knows the anchor)."""
    message = "an alias repeats another node; write the value out instead"
    marks = [
        event.start_mark
        for event in yaml.parse(text, Loader=Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]
    return [Problem(file, m.line + 1, m.column + 1, "yaml-alias", message) for m in marks]


def _record_marks(node: yaml.Node, path: PathKey, marks: dict[PathKey, tuple[int, int]]) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                child = (*path, key.value)
                _record_marks(value, child, marks)
                # point a problem about the key itself at the key, not its value
                marks[(*child, "<key>")] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_marks(item, (*path, index), marks)
