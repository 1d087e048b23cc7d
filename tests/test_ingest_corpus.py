"""The parser on the corpus of real resolution texts (tests/fixtures/ingest/corpus): every
operative paragraph, its number and verbs, and the header fields each text prints, exactly as
counted by hand in the manifest."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.ingest import parse_resolution
from tracker.ingest.clean import detect_language

CORPUS = Path(__file__).resolve().parent / "fixtures" / "ingest" / "corpus"
MANIFEST: list[dict[str, Any]] = yaml.safe_load(
    (CORPUS / "manifest.yaml").read_text(encoding="utf-8")
)["texts"]
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def entry_id(entry: dict[str, Any]) -> str:
    return str(entry["file"]).removesuffix(".txt")


def read(entry: dict[str, Any]) -> str:
    return (CORPUS / entry["file"]).read_bytes().decode("utf-8")


def test_manifest_covers_the_brief() -> None:
    """At least 12 texts, both bodies, all six languages, two PDF extractions, a web page
    and an OCR text; every file in the folder is listed, and every listed file is there."""
    assert len(MANIFEST) >= 12
    assert {e["body"] for e in MANIFEST} == {"general_assembly", "security_council"}
    assert {e["language"] for e in MANIFEST} == set(LANGUAGES)
    kinds = [e["kind"] for e in MANIFEST]
    assert kinds.count("pdf-extraction") >= 2
    assert "web-page" in kinds and "ocr" in kinds
    listed = {e["file"] for e in MANIFEST}
    assert listed == {p.name for p in CORPUS.glob("*.txt")}
    for entry in MANIFEST:
        source = entry["source"]
        assert source.get("url") or {"repository", "path", "commit"} <= set(source)


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_text_is_as_found(entry: dict[str, Any]) -> None:
    """The stored text is byte for byte the one the manifest describes."""
    digest = hashlib.sha256((CORPUS / entry["file"]).read_bytes()).hexdigest()
    assert digest == entry["sha256"]


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_operative_paragraphs_exact(entry: dict[str, Any]) -> None:
    """Every operative paragraph, in order, with its number, leading verb and second verbs as
    printed; nothing else read as one (no annex, footer, vote or page furniture)."""
    parsed = parse_resolution(read(entry), entry["language"])
    expected = [
        (row[0], row[1], tuple(row[2]) if len(row) > 2 else ()) for row in entry["operative"]
    ]
    got = [(p.number, p.verb, p.second_verbs) for p in parsed.operative]
    assert got == expected
    assert all(p.text.startswith(p.verb) for p in parsed.operative)


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_header_exact(entry: dict[str, Any]) -> None:
    """Body, symbol, adoption date and meeting as the text prints them (None where it
    prints none), and the title where it prints one."""
    parsed = parse_resolution(read(entry), entry["language"])
    assert parsed.body == entry["body"]
    assert parsed.symbol == entry["symbol"]
    assert parsed.adoption_date == entry["adopted"]
    assert parsed.meeting == entry["meeting"]
    if entry["title"] is not None:
        assert parsed.title == " ".join(entry["title"].split())


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_preamble_and_footnotes(entry: dict[str, Any]) -> None:
    """The preamble's size where the manifest counts it, the footnotes the paragraphs cite,
    and every warning at a line of the text."""
    parsed = parse_resolution(read(entry), entry["language"])
    if entry["preamble"] is not None:
        assert len(parsed.preamble) == entry["preamble"]
    cited = sorted(
        {m for p in (*parsed.preamble, *parsed.operative) for m in p.footnote_refs}, key=int
    )
    assert cited == entry["footnotes"]
    lines = read(entry).count("\n") + 1
    assert all(1 <= w.line <= lines for w in parsed.warnings), parsed.warnings


@pytest.mark.parametrize("entry", MANIFEST, ids=entry_id)
def test_language_detected(entry: dict[str, Any]) -> None:
    """Left to "auto", the parser reads each text in its own language."""
    assert detect_language(read(entry)) == entry["language"]
