"""Evidence from Zotero: the tracker's own CSL-JSON and RIS exports read back as the same
records; a reference as Zotero exports it (tracker fields in Extra or an HTML note) read with
the next free id; missing fields, duplicates, malformed files and too many references give
numbered problems through the same checks as the CSV import; any bytes give records or
problems, never an exception."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_export import FIXTURE, RICH
from tracker.domain.model import Dataset
from tracker.domain.problems import Tag, codes
from tracker.exchange import citations, import_csv
from tracker.exchange.import_references import detect_format, read_references

TODAY = dt.date(2026, 11, 26)
WITHOUT_EVIDENCE = FIXTURE.model_copy(update={"evidence": ()})
TRACKER_EXTRA = (
    "actor_ids: RUS; BLR\n"
    "commitment_ids: A/RES/58/50:OP4\n"
    "direction: regression\n"
    "source_type: press\n"
    "confidence: medium"
)
ZOTERO_CSL = {
    "id": "http://zotero.org/users/1/items/ABCD1234",
    "type": "article-newspaper",
    "title": "Russia moves tactical warheads",
    "container-title": "Example News",
    "URL": "https://news.example/2024/05/warheads",
    "issued": {"date-parts": [["2024", "5"]]},
    "accessed": {"date-parts": [[2026, 11, 20]]},
    "abstract": "Russia said warheads were moved.",
    "note": TRACKER_EXTRA,
}
ZOTERO_RIS = """TY  - NEWS
TI  - Russia moves tactical warheads
T2  - Example News
DA  - 2024/05/17/
UR  - https://news.example/2024/05/warheads?a=1;b=2
Y2  - 2026/11/20/
AB  - Russia said warheads were moved.
N1  - <p>actor_ids: RUS; BLR<br/>commitment_ids: A/RES/58/50:OP4<br/>direction: regression</p>
N1  - <p>source_type: press</p><p>confidence: medium</p>
ER  -
""".replace("ER  -\n", "ER  - \n")


def read(raw: bytes, dataset: Dataset = WITHOUT_EVIDENCE) -> import_csv.ImportResult:
    return read_references(raw, dataset, today=TODAY)


def located(result: import_csv.ImportResult) -> set[tuple[int, str, str]]:
    return {(problem.row, problem.column, problem.code) for problem in result.problems}


@pytest.mark.parametrize("kind", ["csl-json", "ris"])
@pytest.mark.parametrize("dataset", [FIXTURE, RICH], ids=["fixture", "enriched"])
def test_the_trackers_export_reads_back_as_the_same_records(dataset: Dataset, kind: str) -> None:
    items = citations.evidence_items(dataset, dataset.evidence, "https://tracker.example.org")
    result = read(citations.encode(kind, items), dataset.model_copy(update={"evidence": ()}))
    assert result.problems == ()
    assert result.records == dataset.evidence
    assert result.rows == tuple(range(1, len(dataset.evidence) + 1))


def test_a_multi_line_summary_survives_ris() -> None:
    """RIS has no line breaks: the note carries the text whole."""
    from tracker.domain.model import Text

    item = RICH.evidence[1].model_copy(update={"summary": Text(en="one\ntwo  ", zh="一\n二")})
    dataset = RICH.model_copy(update={"evidence": (item,)})
    raw = citations.encode("ris", citations.evidence_items(dataset, dataset.evidence))
    result = read(raw, RICH.model_copy(update={"evidence": ()}))
    assert result.problems == ()
    assert result.records == (item,)


@pytest.mark.parametrize(
    ("raw", "date", "precision", "url"),
    [
        (json.dumps([ZOTERO_CSL]).encode(), "2024-05", "month", ZOTERO_CSL["URL"]),
        (ZOTERO_RIS.encode(), "2024-05-17", "day", "https://news.example/2024/05/warheads?a=1;b=2"),
    ],
    ids=["csl-json", "ris"],
)
def test_a_zotero_reference_with_the_tracker_fields(
    raw: bytes, date: str, precision: str, url: str
) -> None:
    result = read(raw, FIXTURE)
    assert result.problems == ()
    (record,) = result.records
    assert record.id == "E41"  # the next free number after E40
    assert (record.date, record.date_precision) == (date, precision)
    assert record.source.title == "Russia moves tactical warheads"
    assert record.source.publisher == "Example News"
    assert record.source.url == url
    assert record.source.accessed == "2026-11-20"
    assert record.summary.en == "Russia said warheads were moved."
    assert record.actors == ("RUS", "BLR")
    assert record.verification.status == "unverified"


def test_a_reference_without_the_tracker_fields_says_what_to_add() -> None:
    bare = {key: value for key, value in ZOTERO_CSL.items() if key != "note"}
    result = read(json.dumps([ZOTERO_CSL, bare]).encode(), FIXTURE)
    assert {(row, column) for row, column, _ in located(result)} == {
        (2, "actor_ids"),
        (2, "commitment_ids"),
        (2, "direction"),
        (2, "source_type"),
        (2, "confidence"),
    }
    assert [record.id for record in result.records] == ["E41"]
    assert result.rejected_rows == (2,)


def test_a_reference_already_in_the_data_is_a_duplicate() -> None:
    items = citations.evidence_items(FIXTURE, FIXTURE.evidence[:1])
    result = read(citations.encode("csl-json", items), FIXTURE)
    assert located(result) == {(1, "source_url", "import-duplicate")}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"[1, 2]", "import-wrong-format"),
        (b'{"title": ', "import-wrong-format"),
        (b"just some text", "import-wrong-format"),
        (b"TY  - JOUR\nTI  - cut short\n", "import-wrong-format"),
        ("TY  - JOUR\nTI  - é\nER  - \n".encode("latin-1"), "not-utf8"),
    ],
    ids=["numbers", "broken-json", "text", "no-ER", "latin-1"],
)
def test_a_file_that_is_not_references_is_refused(raw: bytes, code: str) -> None:
    result = read(raw)
    assert [(p.row, p.code) for p in result.problems] == [(1, code)]
    assert result.file_refused
    assert result.records == ()


def test_too_many_references_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_csv, "MAX_IMPORT_ROWS", 2)
    from tracker.exchange import import_references

    monkeypatch.setattr(import_references, "MAX_IMPORT_ROWS", 2)
    result = read(json.dumps([ZOTERO_CSL] * 3).encode())
    assert [(p.row, p.code) for p in result.problems] == [(3, "import-too-many-rows")]
    assert "more than 2 references" in result.problems[0].message
    assert result.file_refused


def test_an_oversized_file_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_csv, "MAX_IMPORT_BYTES", 10)
    assert [p.code for p in read(ZOTERO_RIS.encode()).problems] == ["file-too-large"]


def test_the_format_is_told_by_the_first_character() -> None:
    assert detect_format(b"\xef\xbb\xbf \n[{}]") == "csl-json"
    assert detect_format(b"TY  - JOUR") == "ris"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=800), st.text(max_size=800).map(str.encode)))
def test_any_bytes_give_records_or_problems(raw: bytes) -> None:
    result = read(raw)
    assert {p.code for p in result.problems} <= codes(Tag.IMPORT)
    assert all(p.row >= 1 for p in result.problems)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
csl_keys = st.sampled_from(["title", "URL", "issued", "accessed", "note", "abstract", "publisher"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(csl_keys, json_values), max_size=4))
def test_any_csl_json_gives_records_or_problems(items: list[dict[str, object]]) -> None:
    result = read(json.dumps(items).encode())
    assert {p.code for p in result.problems} <= codes(Tag.IMPORT)
