"""Loading real YAML files: valid data loads; each kind of bad input gives located problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.source.loader import load_bytes, load_dataset
from tracker.source.yamlsource import MAX_DEPTH

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
MINI_TEXT = MINI.read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 26)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


REPO = FIXTURES.parent.parent


def write_fixture_copy(text: str, tmp_path: Path, name: str = "data.yaml") -> Path:
    """Write `text` where the fixture's relative links to the official sources still resolve."""
    for linked in ("sources", "data"):
        if not (tmp_path / linked).exists():
            (tmp_path / linked).symlink_to(REPO / linked)
    folder = tmp_path / "tests" / "fixtures"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_text(text: str, tmp_path: Path) -> tuple[object, list[tuple[str, int]]]:
    path = write_fixture_copy(text, tmp_path)
    result = load_dataset(path, today=TODAY)
    return result.dataset, [(p.code, p.line) for p in result.problems]


def test_fixture_and_bundled_data_load_without_problems() -> None:
    """The canonical fixture and the bundled data file both load clean."""
    for path in (MINI, Path("commitments.yaml")):
        result = load_dataset(path)
        assert result.problems == (), [str(p) for p in result.problems]
        assert result.dataset is not None


def replace_once(old: str, new: str) -> str:
    assert MINI_TEXT.count(old) >= 1, old
    return MINI_TEXT.replace(old, new, 1)


# (case id, text of the file, expected code, line the problem must point at)
BAD_TEXT_CASES = [
    (
        "duplicate-key",
        replace_once("  date_precision: day\n", "  date_precision: day\n  date_precision: year\n"),
        "duplicate-key",
        line_of(MINI_TEXT, "date_precision: day") + 1,
    ),
    (
        "dangling-evidence",
        replace_once("  evidence:\n  - E01\n", "  evidence:\n  - E99\n"),
        "dangling-reference",
        line_of(MINI_TEXT, "  - E01", 1),
    ),
    (
        "javascript-url",
        replace_once(
            "url: https://press.un.org/en/2003/ga10217.doc.htm", "url: javascript:alert(1)"
        ),
        "bad-url",
        line_of(MINI_TEXT, "url: https://press.un.org/en/2003/ga10217.doc.htm"),
    ),
    (
        "data-url",
        replace_once(
            "url: http://www.armscontrol.org/factsheets/pniglance",
            "url: data:text/html,<script>alert(1)</script>",
        ),
        "bad-url",
        line_of(MINI_TEXT, "url: http://www.armscontrol.org/factsheets/pniglance"),
    ),
    (
        "unclosed-ipv6-bracket-url",
        replace_once("url: https://press.un.org/en/2003/ga10217.doc.htm", "url: http://[x"),
        "bad-url",
        line_of(MINI_TEXT, "url: https://press.un.org/en/2003/ga10217.doc.htm"),
    ),
    (
        "unknown-status",
        replace_once("status: regressing", "status: backsliding"),
        "unknown-value",
        line_of(MINI_TEXT, "status: regressing"),
    ),
    (
        "unknown-direction",
        replace_once("direction: regression", "direction: sideways"),
        "unknown-value",
        line_of(MINI_TEXT, "direction: regression"),
    ),
    (
        "wrong-type",
        replace_once("paragraph: 4", "paragraph: four"),
        "wrong-type",
        line_of(MINI_TEXT, "paragraph: 4"),
    ),
    (
        "missing-field",
        replace_once("  assessor: test fixture\n", ""),
        "missing-field",
        line_of(MINI_TEXT, "- id: AS-OP4-RUS-2003-12-08"),
    ),
    (
        "unknown-field",
        replace_once("  assessor: test fixture\n", "  assesor: test fixture\n"),
        "unknown-field",
        line_of(MINI_TEXT, "assessor: test fixture"),
    ),
    (
        "duplicate-id",
        replace_once("- id: E29", "- id: E01"),
        "duplicate-id",
        line_of(MINI_TEXT, "- id: E29"),
    ),
    (
        "evidence-after-assessment",
        replace_once("  - E01\n  assessor", "  - E40\n  assessor"),
        "evidence-after-assessment",
        line_of(MINI_TEXT, "  - E01", 1),
    ),
    (
        "future-date",
        replace_once("date: '2023-06-16'\n  recorded", "date: '2031-01-01'\n  recorded"),
        "future-date",
        line_of(MINI_TEXT, "date: '2023-06-16'", 2),
    ),
    (
        "impossible-date",
        replace_once("date: 2012-08", "date: 2012-13"),
        "bad-date",
        line_of(MINI_TEXT, "date: 2012-08"),
    ),
    (
        "yaml-syntax",
        replace_once("  date_precision: day\n", "  date_precision: [day\n"),
        "yaml-syntax",
        line_of(MINI_TEXT, "date_precision: day") + 1,
    ),
    (
        "alias",
        replace_once("  summary:\n", "  summary: &s\n").replace(
            "- id: E29\n", "- id: E29\n  extra: *s\n", 1
        ),
        "yaml-alias",
        line_of(MINI_TEXT, "- id: E29") + 1,
    ),
    (
        "not-a-mapping",
        "- just\n- a list\n",
        "not-a-mapping",
        1,
    ),
    (
        "actor-not-addressed",
        replace_once("  actor: USA\n", "  actor: BLR\n"),
        "not-addressed",
        line_of(MINI_TEXT, "  actor: USA"),
    ),
    (
        "judgement-without-evidence",
        replace_once("  evidence:\n  - E01\n  assessor", "  assessor"),
        "no-evidence",
        line_of(MINI_TEXT, "- id: AS-OP4-RUS-2003-12-08"),
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [case[1:] for case in BAD_TEXT_CASES],
    ids=[case[0] for case in BAD_TEXT_CASES],
)
def test_bad_input_gives_located_problem(text: str, code: str, line: int, tmp_path: Path) -> None:
    """Each bad input yields no dataset and a problem with the expected code and line."""
    dataset, problems = load_text(text, tmp_path)
    assert dataset is None
    assert (code, line) in problems, problems


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """A 'billion laughs' document is refused at its aliases, without expanding it."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    dataset, problems = load_text("\n".join(lines) + "\n", tmp_path)
    assert dataset is None
    assert {code for code, _ in problems} == {"yaml-alias"}


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = MAX_DEPTH + 10
    dataset, problems = load_text("a: " + "[" * depth + "]" * depth + "\n", tmp_path)
    assert dataset is None
    assert [code for code, _ in problems] == ["too-deep"]


def test_file_over_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n" * 1000)
    result = load_dataset(path, max_bytes=1000)
    assert [(p.code, p.line) for p in result.problems] == [("file-too-large", 0)]


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        ("a: b\nc: d\xe9\n".encode("latin-1"), 2, 5),
        (b"\xff\xfea\x00:\x00", 1, 1),
    ],
    ids=["latin-1", "utf-16"],
)
def test_non_utf8_input_names_where(raw: bytes, line: int, column: int) -> None:
    result = load_bytes(raw, "x.yaml")
    assert [(p.code, p.line, p.column) for p in result.problems] == [("not-utf8", line, column)]


def test_utf8_bom_is_accepted() -> None:
    result = load_bytes(b"\xef\xbb\xbf" + MINI_TEXT.encode(), str(MINI), base_dir=FIXTURES)
    assert result.problems == ()
    assert result.dataset == load_dataset(MINI).dataset


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    result = load_dataset(tmp_path / "missing.yaml")
    assert [p.code for p in result.problems] == ["file-unreadable"]


def test_problem_paths_name_the_record() -> None:
    text = replace_once("url: https://press.un.org/en/2003/ga10217.doc.htm", "url: ftp://x")
    result = load_bytes(text.encode(), "m.yaml", today=TODAY)
    assert [p.path for p in result.problems] == ["evidence[0].source.url"]


def test_content_hash_follows_the_bytes() -> None:
    first = load_bytes(MINI_TEXT.encode(), "a", base_dir=FIXTURES)
    second = load_bytes((MINI_TEXT + "\n# comment\n").encode(), "a", base_dir=FIXTURES)
    assert first.dataset == second.dataset
    assert first.content_hash != second.content_hash


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_dataset_or_problems(raw: bytes) -> None:
    """Any byte string loads or yields problems; it never raises."""
    result = load_bytes(raw, "fuzz.yaml")
    assert (result.dataset is None) == bool(result.problems)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_fixture_never_raises(data: st.DataObject) -> None:
    """Cutting or garbling the real fixture at any point yields problems, never an exception."""
    raw = MINI_TEXT.encode()
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, min(len(raw), start + 200)))
    junk = data.draw(st.binary(max_size=20))
    result = load_bytes(raw[:start] + junk + raw[end:], "fuzz.yaml")
    assert (result.dataset is None) == bool(result.problems)
