"""Problems found in the data: typed, located, and comparable, never raised as exceptions."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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


CODES: dict[str, str] = {
    "file-unreadable": "the file cannot be opened or read",
    "file-too-large": "the file is over the size limit; checked before parsing",
    "not-utf8": "the bytes are not UTF-8 (a UTF-8 byte-order mark is fine)",
    "yaml-syntax": "the YAML cannot be parsed",
    "yaml-alias": "anchors and aliases are not allowed in tracker data",
    "too-deep": "the nesting is deeper than any record needs",
    "duplicate-key": "a mapping names the same key twice",
    "not-a-mapping": "the document is not a mapping of sections",
    "missing-field": "a required field is absent",
    "unknown-field": "a field that the schema does not know",
    "wrong-type": "a value of the wrong type or shape",
    "unknown-value": "a value outside its vocabulary",
    "bad-date": "a date that is not a real ISO 8601 date",
    "future-date": "a date after today",
    "duplicate-id": "two records share an id",
    "dangling-reference": "a reference to an id that does not exist",
    "evidence-after-assessment": "an assessment cites evidence dated after it",
    "bad-url": "a URL that is not http or https",
    "not-addressed": "an assessment of an actor the commitment does not address",
    "no-evidence": "a judgement that cites no evidence",
    "vote-mismatch": "recorded votes that do not add up to the stated totals",
    "missing-file": "an official source file named by the data is not in the repository",
}
