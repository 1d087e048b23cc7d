"""Read a YAML data file safely: size and encoding checked before parsing, duplicate keys,
aliases and runaway nesting refused, and every value's line and column kept for messages.

Two ways through: `parse_fast` builds plain data in one pass of libyaml (duplicate keys and
aliases still refused, nothing located) and gives up on anything unusual; `parse_yaml` keeps
the node tree so that every problem can be located. The loader takes the fast way for a valid
file and the located way only when there is a problem to point at.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.domain.problems import Problem

# The full-size benchmark dataset (20,000 commitments, 200,000 assessments and evidence items
# with realistic texts) is about 340 MB; loading it peaks near 4 GB (docs/performance.md).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 40

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The parsed data, and the node tree that says where each record path starts."""

    data: Any
    root: yaml.Node | None = None
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """Line and column of the deepest known node on `path` (0, 0 when nothing matches).

        The tree is walked along the path on demand: a few problems cost a few walks, where
        recording every node's position would cost a walk of the whole file."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark:
                return mark
        return _walk(self.root, path) if self.root is not None else (0, 0)


def _walk(node: yaml.Node, path: PathKey) -> tuple[int, int]:
    mark = (node.start_mark.line + 1, node.start_mark.column + 1)
    for position, part in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    if path[position + 1 : position + 2] == ("<key>",):
                        return (key.start_mark.line + 1, key.start_mark.column + 1)
                    node = value
                    break
            else:
                return mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return mark
            node = node.value[part]
        else:
            return mark
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
    return mark


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


NOT_BUILT: Any = object()


def parse_yaml(
    text: str, file: str, data: Any = NOT_BUILT
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document into plain data with marks; problems instead of exceptions.
    `data`, when the fast parse already built it from the same text, is not built again."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. NUL
        before = text.encode("utf-8", "surrogatepass")[: error.position]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        character = error.character
        shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
        message = f"the character {shown} is not allowed in YAML"
        return None, [Problem(file, line, column, "yaml-syntax", message)]
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
    if any(problem.code != "duplicate-key" for problem in problems):
        return None, problems
    # A repeated key is reported, and the rest of the file is still checked with the last
    # value (PyYAML's reading), so one run names every problem.
    document = YamlDocument(data=None, root=node)
    if data is not NOT_BUILT:
        document.data = data
        return document, problems
    constructor = _LocatedConstructor("")
    try:
        document.data = constructor.construct_document(node)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [Problem(file, line, column, "yaml-syntax", str(error.problem))]
    except _ValueAt as error:
        line, column = error.node.start_mark.line + 1, error.node.start_mark.column + 1
        code = "bad-date" if error.node.tag == _TIMESTAMP else "wrong-type"
        return None, [Problem(file, line, column, code, str(error.__cause__))]
    except (ValueError, OverflowError) as error:
        return None, [Problem(file, 1, 1, "wrong-type", str(error))]
    finally:
        constructor.dispose()
    return document, problems


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _ValueAt(Exception):
    """A scalar PyYAML could not build (2023-02-30, an integer of 100,000 digits), and where."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__(node.tag)
        self.node = node


class _LocatedConstructor(yaml.SafeLoader):
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            if isinstance(node, yaml.ScalarNode):
                raise _ValueAt(node) from error
            raise


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


class _Unsure(Exception):
    """The fast parser met something that only the located parser may judge."""


@dataclass(frozen=True)
class Section:
    """Where the items of a top-level block list start (0-based lines), and where the list
    ends: the line of the next top-level key, or the number of lines in the file."""

    name: str
    item_lines: tuple[int, ...]
    end_line: int

    def item_before(self, line: int) -> int:
        """Index of the last item that starts before `line` (-1 when none does)."""
        return bisect.bisect_left(self.item_lines, line) - 1


@dataclass(frozen=True)
class FastParse:
    data: Any
    sections: dict[str, Section]


class _StrictConstructor(yaml.constructor.SafeConstructor):
    """Builds plain data like PyYAML's safe constructor, but gives up on a node reached twice
    (an alias), a repeated key, or a key that is not a string."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _Unsure("alias")
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise _Unsure("not a mapping")
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if type(key) is not str or key in mapping:
                raise _Unsure("key")
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


class _FastLoader(Loader, _StrictConstructor):  # type: ignore[misc, valid-type]
    """libyaml's parser and composer with the strict constructor."""

    def __init__(self, stream: str | _Reader, progress: Callable[[float], None] | None) -> None:
        Loader.__init__(self, stream)
        self.sections: dict[str, Section] = {}
        self.progress = progress

    def construct_document(self, node: yaml.Node) -> Any:
        self.sections = _sections(node)
        if self.progress is None or node.tag != _MAP or not isinstance(node, yaml.MappingNode):
            return super().construct_document(node)
        # Section by section and item by item, so that the building can report progress.
        total = max(1, sum(len(section.item_lines) for section in self.sections.values()))
        built = 0
        self.flatten_mapping(node)
        data: dict[str, Any] = {}
        self.constructed_objects[node] = data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if type(key) is not str or key in data:
                raise _Unsure("key")
            if value_node.tag != _SEQ or not isinstance(value_node, yaml.SequenceNode):
                data[key] = self.construct_object(value_node, deep=True)
                continue
            if value_node in self.constructed_objects:
                raise _Unsure("alias")
            items: list[Any] = []
            self.constructed_objects[value_node] = items
            for item in value_node.value:
                items.append(self.construct_object(item, deep=True))
                built += 1
                if built % 1000 == 0:
                    self.progress(built / total)
            data[key] = items
        self.progress(1.0)
        return data


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _sections(root: yaml.Node) -> dict[str, Section]:
    """The top-level block lists; a document that is itself a block list is the list ''."""
    if isinstance(root, yaml.SequenceNode) and not root.flow_style:
        lines = tuple(item.start_mark.line for item in root.value)
        return {"": Section("", lines, root.end_mark.line + 1)}
    if not isinstance(root, yaml.MappingNode):
        return {}
    keys = [(key, value) for key, value in root.value if isinstance(key, yaml.ScalarNode)]
    sections: dict[str, Section] = {}
    for position, (key, value) in enumerate(keys):
        if not isinstance(value, yaml.SequenceNode) or value.flow_style or not value.value:
            continue
        following = keys[position + 1][0].start_mark.line if position + 1 < len(keys) else None
        end = following if following is not None else value.end_mark.line + 1
        lines = tuple(item.start_mark.line for item in value.value)
        sections[key.value] = Section(key.value, lines, end)
    return sections


class _Reader:
    """The text as a stream that libyaml reads a megabyte at a time, telling `progress`
    how far it has read (the parse keeps pace with the reading)."""

    CHUNK = 1 << 20

    def __init__(self, text: str, progress: Callable[[int, int], None]) -> None:
        self.text = text
        self.at = 0
        self.progress = progress

    def read(self, size: int = -1) -> str:
        end = len(self.text) if size < 0 else self.at + max(size, self.CHUNK)
        chunk = self.text[self.at : end]
        self.at += len(chunk)
        self.progress(self.at, len(self.text))
        return chunk


def parse_fast(text: str, progress: Callable[[int, int], None] | None = None) -> FastParse | None:
    """Plain data and the layout of the top-level lists in one pass, or None when the text
    has anything the located parser must judge: a syntax error, an alias, a repeated or
    non-string key, a value PyYAML cannot build, nesting too deep for the parser.
    `progress(done, 1000)` is called as the parse goes."""
    if progress is None:
        loader = _FastLoader(text, None)
    else:
        # Reading and composing take about a third of the time, building the data the rest.
        def read(done: int, total: int) -> None:
            progress(int(350 * done / max(total, 1)), 1000)

        def build(fraction: float) -> None:
            progress(350 + int(650 * fraction), 1000)

        loader = _FastLoader(_Reader(text, read), build)
    try:
        data = loader.get_single_data()
        return FastParse(data, loader.sections)
    except (yaml.YAMLError, _Unsure, ValueError, TypeError, RecursionError, OverflowError):
        return None
    finally:
        loader.dispose()
