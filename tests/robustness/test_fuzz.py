"""Hypothesis fuzzing of the loader (both of its parses, and the cache) and of the ingest
parser: mutated real inputs give a result or located problems, never an exception, and every
shortcut gives exactly what the long way gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.corpus import REPO, mini_text
from tracker.domain.problems import REGISTRY as CODES
from tracker.ingest import parse_resolution, to_json
from tracker.source.cache import DatasetCache
from tracker.source.loader import load_bytes
from tracker.source.yamlsource import parse_fast, parse_yaml

TODAY = dt.date(2026, 11, 26)
LINES = mini_text().splitlines(keepends=True)
SOURCES = [
    (path.read_text(encoding="utf-8"), "zh" if path.stem.endswith("_zh") else "en")
    for path in sorted((REPO / "sources").glob("A_RES_*.txt"))
]
TOKENS = [
    ":",
    "- ",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "!!binary ",
    "---\n",
    "...\n",
    "#",
    "|\n",
    ">-\n",
    "? ",
    "%YAML 1.1\n",
    "\x00",
    "\ufeff",
    "é",
    "漢",
    "2023-02-30",
    "1e400",
    "0x1F",
    "~",
    "null",
    "yes",
    "9" * 30,
    "javascript:alert(1)",
]
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def mutated_lines(draw: st.DrawFn, lines: list[str]) -> str:
    """The lines with a few edits: deleted, repeated, swapped, re-indented or spliced with
    YAML's special tokens."""
    out = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "indent", "dedent", "token"]))
        if action == "delete":
            del out[at]
        elif action == "repeat":
            out.insert(at, out[at])
        elif action == "swap":
            other = draw(st.integers(0, len(out) - 1))
            out[at], out[other] = out[other], out[at]
        elif action == "indent":
            out[at] = "  " + out[at]
        elif action == "dedent":
            out[at] = out[at][2:] if out[at].startswith("  ") else out[at]
        else:
            line = out[at]
            cut = draw(st.integers(0, len(line)))
            out[at] = line[:cut] + draw(st.sampled_from(TOKENS)) + line[cut:]
    return "".join(out)


@SETTINGS
@given(mutated_lines(LINES))
def test_mutated_data_gives_a_dataset_or_located_problems(text: str) -> None:
    """Any mutation loads, or gives problems that each have a known code and a line."""
    result = load_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.yaml", today=TODAY)
    assert (result.dataset is None) == bool(result.problems)
    for problem in result.problems:
        assert problem.code in CODES
        if problem.code != "not-utf8":
            assert problem.line >= 1 and problem.column >= 1, problem


@SETTINGS
@given(mutated_lines(LINES))
def test_the_fast_parse_agrees_with_the_located_parse(text: str) -> None:
    """The fast parse gives the located parse's data, and gives up where it finds problems."""
    fast = parse_fast(text)
    document, problems = parse_yaml(text, "fuzz.yaml")
    if problems:
        assert fast is None or any(p.code == "yaml-syntax" for p in problems)
    elif fast is not None:
        assert document is not None and fast.data == document.data


@SETTINGS
@given(
    position=st.integers(0, len(LINES)),
    inserted=st.lists(
        st.sampled_from(
            [*LINES, "  - id: X1\n", "- id: X2\n", "    note: x\n", "\n", "# c\n", "...\n", "---\n"]
        ),
        min_size=1,
        max_size=30,
    ),
)
def test_a_cached_load_is_the_full_load(position: int, inserted: list[str], tmp_path: Path) -> None:
    """Inserting any lines anywhere into a cached version: the cache's answer (built from the
    cached version, or a full load) is exactly what loading the new bytes without a cache
    gives."""
    cache = DatasetCache(tmp_path / "cache")
    source = str(tmp_path / "data.yaml")
    before = "".join(LINES).encode()
    assert load_bytes(before, "d.yaml", today=TODAY, cache=cache, source=source).ok
    after = "".join([*LINES[:position], *inserted, *LINES[position:]]).encode()
    cached = load_bytes(after, "d.yaml", today=TODAY, cache=cache, source=source)
    full = load_bytes(after, "d.yaml", today=TODAY)
    assert cached == full


def test_appending_an_assessment_is_incremental(tmp_path: Path) -> None:
    """Lines that add one assessment at the end of its list are built from the cached version,
    not a full load."""
    cache = DatasetCache(tmp_path / "cache")
    source = str(tmp_path / "data.yaml")
    text = "".join(LINES)
    assert load_bytes(text.encode(), "d.yaml", today=TODAY, cache=cache, source=source).ok
    end = text.index("reviews:")
    start = text.rindex("- id: AS-", 0, end)
    old_id = text[start + 6 : text.index("\n", start)]
    record = text[start:end].replace(old_id, "AS-NEW", 1)
    after = (text[:end] + record + text[end:]).encode()
    cached = load_bytes(after, "d.yaml", today=TODAY, cache=cache, source=source)
    assert cached == load_bytes(after, "d.yaml", today=TODAY)
    assert cached.dataset is not None and cached.dataset.assessments[-1].id == "AS-NEW"
    assert cache.base_of(cached.content_hash) is not None


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SOURCES), st.data())
def test_ingest_parser_takes_any_mutation_of_a_real_text(
    source: tuple[str, str], data: st.DataObject
) -> None:
    """Mutated official texts parse into a JSON-ready result, never an exception."""
    text, lang = source
    mutated = data.draw(mutated_lines(text.splitlines(keepends=True)))
    parsed = parse_resolution(mutated, lang=data.draw(st.sampled_from([lang, "auto"])))
    json.dumps(to_json(parsed), ensure_ascii=False)
