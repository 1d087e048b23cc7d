"""The data's texts are the official texts: each occurs verbatim in its source once the PDF
artifacts are removed (see `tracker.ingest.clean.occurs_verbatim` for the exact rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.ingest import clean_extraction, normalize_for_match, occurs_verbatim, parse_resolution
from tracker.loader import load_dataset

DATA = load_dataset("commitments.yaml").dataset
RESOLUTION = DATA.resolutions[0] if DATA else None


def official(lang: str) -> str:
    assert RESOLUTION is not None
    return Path(RESOLUTION.source_files[lang]).read_text(encoding="utf-8")


def texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) for every paragraph of the resolution that the data quotes."""
    assert DATA is not None and RESOLUTION is not None
    found = [(f"{c.id} text", getattr(c.text, lang)) for c in DATA.commitments]
    found += [
        (f"preamble {n}", getattr(p.text, lang)) for n, p in enumerate(RESOLUTION.preamble, 1)
    ]
    return found


def footnotes(lang: str) -> set[tuple[str, str]]:
    """(marker, text) of every footnote the data keeps, on the preamble and the commitments."""
    assert DATA is not None and RESOLUTION is not None
    notes = [n for c in DATA.commitments for n in c.footnotes]
    notes += [n for p in RESOLUTION.preamble for n in p.footnotes]
    return {(note.marker, getattr(note.text, lang)) for note in notes}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_quoted_text_occurs_verbatim_in_the_official_source(lang: str) -> None:
    source = official(lang)
    missing = [where for where, text in texts(lang) if not occurs_verbatim(text, source, lang)]
    assert missing == []
    assert len(texts(lang)) == 10 + 12


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_footnotes_are_the_official_footnotes(lang: str) -> None:
    """Removed from the running text, the footnotes are kept as data, word for word."""
    cleaned = clean_extraction(official(lang), lang)
    assert footnotes(lang) == {
        (note.marker, normalize_for_match(note.text, lang)) for note in cleaned.footnotes
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_footnote_markers_follow_the_words_the_data_names(lang: str) -> None:
    """Each footnote reference's `after` words are the words the marker follows in the source."""
    assert DATA is not None and RESOLUTION is not None
    refs = {
        (ref.marker, normalize_for_match(ref.after, lang))
        for ref in clean_extraction(official(lang), lang).refs
    }
    notes = [n for c in DATA.commitments for n in c.footnotes]
    notes += [n for p in RESOLUTION.preamble for n in p.footnotes]
    for note in notes:
        after = getattr(note.after, lang)
        assert any(m == note.marker and same_ending(after, text) for m, text in refs), after


def same_ending(first: str, second: str) -> bool:
    """The two texts end alike over the length of the shorter (the parser keeps ~40 chars)."""
    n = min(len(first), len(second))
    return n >= 8 and first[-n:] == second[-n:]


def test_quoted_text_check_can_fail() -> None:
    """A one-character change is caught (the check above is not vacuous)."""
    text = texts("zh")[3][1]
    assert "吁请" in text
    assert not occurs_verbatim(text.replace("吁请", "呼吁"), official("zh"), "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_ten_commitments_are_the_parsed_operative_paragraphs(lang: str) -> None:
    """The parser and the data agree on number, verb and text of each operative paragraph."""
    assert DATA is not None
    parsed = parse_resolution(official(lang), lang)
    from_source = [(p.number, p.verb_phrase, p.text) for p in parsed.operative]
    in_data = [
        (c.paragraph, getattr(c.verb, lang).replace("……", " ... "), getattr(c.text, lang))
        for c in DATA.commitments
    ]
    assert in_data == from_source


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_preamble_verbs_match_the_parse(lang: str) -> None:
    assert RESOLUTION is not None
    parsed = parse_resolution(official(lang), lang)
    assert [getattr(p.verb, lang) for p in RESOLUTION.preamble] == [p.verb for p in parsed.preamble]
