"""Citations: every evidence item and judgement as CSL-JSON, BibTeX and RIS, read back by the
tools analysts use (citeproc-py, bibtexparser, rispy) with their titles, dates, addresses and
permalinks; the formatted reference in the bundled APA style; the note lines that carry the
tracker's fields, whatever their text."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from hypothesis import given
from hypothesis import strategies as st

from tests.test_export import FIXTURE, MINI, RICH
from tracker.cli.main import main
from tracker.domain.model import Text
from tracker.exchange import citations
from tracker.exchange.citations import (
    evidence_items,
    evidence_permalink,
    formatted_reference,
    judgement_items,
    judgement_permalink,
    note_lines,
    read_note,
)

BASE = "https://tracker.example.org/app"
EVIDENCE = evidence_items(RICH, RICH.evidence, BASE)
JUDGEMENTS = judgement_items(RICH, RICH.assessments, BASE)
ITEMS = [*EVIDENCE, *JUDGEMENTS]


def test_permalinks_open_the_item_on_its_page() -> None:
    item, assessment = RICH.evidence[0], RICH.assessments[1]
    assert evidence_permalink(BASE + "/", item) == f"{BASE}/evidence?ev_item=E01"
    assert judgement_permalink(BASE, assessment) == (
        f"{BASE}/commitments?commitment=A/RES/58/50:OP4&assessment={assessment.id}"
        f"&as_of={assessment.date.isoformat()}"
    )


def test_an_evidence_item_is_cited_as_its_source() -> None:
    e29 = next(item for item in EVIDENCE if item["id"] == "E29")
    source = RICH.evidence[1].source
    assert e29["title"] == source.title
    assert e29["URL"] == source.url
    assert e29["issued"] == {"date-parts": [[2012, 8]]}
    assert e29["accessed"] == {"date-parts": [[2026, 11]]}
    assert e29["abstract"] == RICH.evidence[1].summary.en
    note = read_note(e29["note"])
    assert note["evidence_id"] == "E29"
    assert note["source_archived_url"] == source.archived_url
    assert f"Tracker record: {BASE}/evidence?ev_item=E29" in e29["note"]


def test_a_judgement_is_cited_as_the_trackers_report_by_its_assessor() -> None:
    assessment = RICH.assessments[1]
    item = JUDGEMENTS[1]
    assert item["type"] == "report"
    assert item["author"] == [{"literal": assessment.assessor}]
    assert item["URL"] == judgement_permalink(BASE, assessment)
    assert item["title"].startswith("Assessment of A/RES/58/50 OP4 for ")
    assert read_note(item["note"])["status"] == assessment.status


def test_csl_json_is_what_citeproc_formats() -> None:
    """citeproc-py reads the exported file and formats every item in the bundled style."""
    data = json.loads(citations.csl_json(ITEMS))
    style = CitationStylesStyle(str(citations.style_path()), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
    for item in data:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(ITEMS)
    assert any("(2023, June 16)" in entry and "Belarus" in entry for entry in entries)


def test_the_formatted_reference_names_publisher_date_title_address_and_permalink() -> None:
    e40 = next(item for item in EVIDENCE if item["id"] == "E40")
    source = RICH.evidence[2].source
    assert formatted_reference(e40) == (
        f"{source.publisher}. (2023, June 16). {source.title}. {source.url} "
        f"Tracker record: {BASE}/evidence?ev_item=E40"
    )
    assessment = RICH.assessments[1]
    assert formatted_reference(JUDGEMENTS[1]) == (
        f"{assessment.assessor}. ({assessment.date.year}). {JUDGEMENTS[1]['title']}. "
        f"Commitment tracker. {judgement_permalink(BASE, assessment)}"
    )


def test_bibtex_reads_back_with_bibtexparser() -> None:
    text = citations.bibtex(ITEMS)
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entries = {entry.key: entry for entry in library.entries}
    # Addresses are read as written (url fields are verbatim in biblatex), '\%' as '%'.
    urls = {e.key: e["url"] for e in bibtexparser.parse_string(text).entries if "url" in e}
    assert set(entries) == {citations.bibtex_key(item["id"]) for item in ITEMS}
    for item in ITEMS:
        entry = entries[citations.bibtex_key(item["id"])]
        assert entry["title"].strip("{}") == item["title"]
        assert urls[entry.key].replace("\\%", "%") == item["URL"]
        assert entry["date"] == "-".join(f"{part:02d}" for part in item["issued"]["date-parts"][0])
    assert [entries[key].entry_type for key in ("E01", "E29", "E40")] == [
        "misc",
        "report",  # an expert source
        "misc",
    ]
    assert entries["E29"]["urldate"] == "2026-11"
    assert entries[citations.bibtex_key(RICH.assessments[0].id)].entry_type == "report"


def test_bibtex_escapes_latex_and_keeps_braces_balanced() -> None:
    item = RICH.evidence[0].model_copy(
        update={"summary": Text(en="50% of {all} R&D_x #1 $2 ~ ^ \\ 中文", zh=None)}
    )
    data = evidence_items(RICH, [item])
    text = citations.bibtex(data)
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert r"50\% of \{all\} R\&D\_x \#1 \$2" in text
    assert library.entries[0]["abstract"].startswith("50% of {all} R&D_x #1 $2")


def test_ris_reads_back_with_rispy() -> None:
    records = rispy.loads(citations.ris(ITEMS), delimiter_tags_mapping={})
    assert [record["id"] for record in records] == [item["id"] for item in ITEMS]
    for record, item in zip(records, ITEMS, strict=True):
        assert record["title"] == item["title"]
        assert record["urls"] == [item["URL"]]
        assert record["date"].startswith(f"{item['issued']['date-parts'][0][0]:04d}/")
    e29 = records[1]
    assert (e29["type_of_reference"], e29["date"], e29["access_date"]) == (
        "RPRT",  # an expert source
        "2012/08//",
        "2026/11//",
    )
    assert [record["type_of_reference"] for record in records[:3]] == ["GEN", "RPRT", "NEWS"]
    assert (
        "source_additional_urls: https://a.example/x?a=1;b=2 https://b.example/y" in (e29["notes"])
    )


@pytest.mark.parametrize("kind", sorted(citations.FORMATS))
def test_each_format_is_utf8_with_chinese_intact(kind: str) -> None:
    raw = citations.encode(kind, ITEMS)
    assert RICH.evidence[2].summary.zh in raw.decode("utf-8")


@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True), st.text()))
def test_note_lines_read_back_as_the_same_fields(fields: dict[str, str]) -> None:
    """Any texts (line breaks, quotes, spaces at the ends) come back exactly; empty values
    are left out."""
    found = read_note("\n".join(note_lines(fields)))
    assert found == {name: value for name, value in fields.items() if value}


def test_read_note_takes_zotero_html_notes() -> None:
    note = "<p>Seen in Zotero<br/>actor_ids: RUS&nbsp;<br>direction: regression</p><p>x</p>"
    assert read_note(note) == {"actor_ids": "RUS", "direction": "regression"}


def test_the_command_writes_every_format(tmp_path: Path) -> None:
    argv = ["export", str(MINI), "--citations", str(tmp_path), "--base-url", BASE]
    assert main(argv) == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        f"{stem}{ext}"
        for stem in ("evidence", "judgements")
        for ext in sorted(kind.extension for kind in citations.FORMATS.values())
    ]
    items = json.loads((tmp_path / "evidence.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [item.id for item in FIXTURE.evidence]
    assert f"Tracker record: {BASE}/evidence?ev_item=E01" in items[0]["note"]
