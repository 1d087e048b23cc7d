"""Problems found in the data: typed, located, and comparable, never raised as exceptions; and
the one registry of their codes, whose tags decide exit codes and refusals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file, where it is, and what to do about it.

    `code` is a stable kebab-case slug (tests and tools match on it); `path` is the record
    path such as `evidence[3].source.url`; `line` and `column` are 1-based (0 when unknown).
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        at = f" (at {self.path})" if self.path else ""
        return f"{where}: {self.code}: {self.message}{at}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class Tag(StrEnum):
    UNREADABLE = "unreadable"
    """The file cannot be read at all: nothing else is checked, and commands exit with 2."""
    DATA = "data"
    """Can be found in a data file by `python -m tracker validate`."""
    IMPORT = "import"
    """Can be found in an uploaded evidence CSV, per row or per file."""
    REFUSES_IMPORT = "refuses-import"
    """An import file with this problem is refused as a whole: no row of it is taken."""


@dataclass(frozen=True)
class Code:
    slug: str
    meaning: str
    tags: frozenset[Tag]


def _code(slug: str, meaning: str, *tags: Tag) -> Code:
    return Code(slug, meaning, frozenset(tags))


_D, _I, _UNREADABLE, _REFUSES = Tag.DATA, Tag.IMPORT, Tag.UNREADABLE, Tag.REFUSES_IMPORT

REGISTRY: dict[str, Code] = {
    code.slug: code
    for code in (
        _code("file-unreadable", "the file cannot be opened or read", _D, _UNREADABLE),
        _code(
            "file-too-large",
            "the file is over the size limit; checked before parsing",
            *(_D, _I, _UNREADABLE, _REFUSES),
        ),
        _code(
            "not-utf8",
            "the bytes are not UTF-8 (a UTF-8 byte-order mark is fine)",
            *(_D, _I, _UNREADABLE, _REFUSES),
        ),
        _code("yaml-syntax", "the YAML cannot be parsed", _D),
        _code("yaml-alias", "anchors and aliases are not allowed in tracker data", _D),
        _code("too-deep", "the nesting is deeper than any record needs", _D),
        _code("duplicate-key", "a mapping names the same key twice", _D),
        _code("not-a-mapping", "the document is not a mapping of sections", _D),
        _code("missing-field", "a required field (or a cell every row needs) is empty", _D, _I),
        _code("unknown-field", "a field that the schema does not know", _D),
        _code("wrong-type", "a value of the wrong type or form (an id with a space)", _D, _I),
        _code("unknown-value", "a value outside its vocabulary", _D, _I),
        _code("bad-date", "a date that is not a real ISO 8601 date", _D, _I),
        _code("future-date", "a date after today", _D, _I),
        _code("duplicate-id", "two records share an id", _D, _I),
        _code("dangling-reference", "a reference to an id that does not exist", _D, _I),
        _code("evidence-after-assessment", "an assessment cites evidence dated after it", _D),
        _code("bad-url", "a URL that is not http or https", _D, _I),
        _code("not-addressed", "an assessment of an actor the commitment does not address", _D),
        _code("no-evidence", "a judgement that cites no evidence", _D),
        _code(
            "citation-off-commitment",
            "an assessment cites evidence whose commitments do not list the one judged",
            _D,
        ),
        _code(
            "weak-basis",
            "a judgement resting on low-confidence evidence alone, without saying why",
            _D,
        ),
        _code(
            "uncited-in-rationale",
            "a rationale names an evidence id the assessment does not cite",
            _D,
        ),
        _code(
            "inconsistent-date",
            "dates that contradict each other (a vote off its adoption day, a judgement before "
            "its resolution)",
            _D,
        ),
        _code(
            "correction-mismatch",
            "a correction names an assessment of another commitment or actor",
            _D,
        ),
        _code("corrected-twice", "an assessment corrected by more than one other", _D),
        _code("correction-cycle", "corrections that lead back to where they start", _D),
        _code("bad-successor", "a successor that is not a paragraph of a later resolution", _D),
        _code(
            "superseded-without-successor",
            "a pair marked superseded whose paragraph names no successor",
            _D,
        ),
        _code("vote-mismatch", "recorded votes that do not add up to the stated totals", _D),
        _code(
            "missing-file", "an official source file named by the data is not in the repository", _D
        ),
        _code("import-empty", "the file has no header row", _I, _REFUSES),
        _code("import-no-rows", "the header is right but no row follows it", _I),
        _code(
            "import-wrong-header", "the first row is not the header of evidence.csv", _I, _REFUSES
        ),
        _code(
            "import-delimiter",
            "the columns are separated by something other than a comma",
            *(_I, _REFUSES),
        ),
        _code(
            "import-missing-column",
            "a column every row needs is not in the header",
            *(_I, _REFUSES),
        ),
        _code("import-unknown-column", "a column that evidence.csv does not have", _I, _REFUSES),
        _code("import-duplicate-column", "the header names a column twice", _I, _REFUSES),
        _code("import-csv-syntax", "the CSV cannot be read from this row on", _I, _REFUSES),
        _code(
            "import-wrong-format",
            "a reference file that is neither CSL-JSON nor RIS, or is cut short",
            _I,
            _REFUSES,
        ),
        _code(
            "import-too-many-rows",
            "more rows (or references) than one import takes; checked while reading",
            _I,
            _REFUSES,
        ),
        _code("import-row-length", "a row with more or fewer cells than the header", _I),
        _code("import-unnamed-column", "a value in a column whose header cell is empty", _I),
        _code(
            "import-duplicate",
            "same source URL and date as an item in the data or an earlier row",
            _I,
        ),
    )
}


def codes(tag: Tag) -> frozenset[str]:
    """The slugs of every code with `tag`."""
    return frozenset(slug for slug, code in REGISTRY.items() if tag in code.tags)


def exit_status(problems: Iterable[Problem]) -> int:
    """0 when there is no problem, 2 when the file could not be read at all, 1 otherwise."""
    found = {problem.code for problem in problems}
    if not found:
        return 0
    return 2 if found <= codes(Tag.UNREADABLE) else 1
