"""The data's texts are the official texts: each occurs verbatim in its source once the PDF
artifacts are removed (see `tracker.ingest.clean.occurs_verbatim` for the exact rule).

Every resolution is checked against each official text it names; a language it has no
official text for has no text in the data (nothing is translated by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.domain.model import Commitment, Dataset, Resolution, Text
from tracker.ingest import clean_extraction, normalize_for_match, occurs_verbatim, parse_resolution
from tracker.source.loader import load_dataset

LOADED = load_dataset("commitments.yaml").dataset
# (operative paragraphs, preambular paragraphs) of each resolution the bundled data tracks.
SHAPES = {"A/RES/58/50": (10, 12), "A/RES/57/58": (8, 10)}
SOURCES = [
    (symbol, lang)
    for symbol in SHAPES
    for lang in ("en", "zh")
    if LOADED and any(r.symbol == symbol and lang in r.source_files for r in LOADED.resolutions)
]


def data() -> Dataset:
    assert LOADED is not None
    return LOADED


def resolution(symbol: str) -> Resolution:
    return next(r for r in data().resolutions if r.symbol == symbol)


def commitments(symbol: str) -> list[Commitment]:
    return [c for c in data().commitments if c.resolution == symbol]


def official(symbol: str, lang: str) -> str:
    return Path(resolution(symbol).source_files[lang]).read_text(encoding="utf-8")


def texts(symbol: str, lang: str) -> list[tuple[str, str | None]]:
    """(where, text) for every paragraph of the resolution that the data quotes."""
    found = [(f"{c.id} text", getattr(c.text, lang)) for c in commitments(symbol)]
    found += [
        (f"preamble {n}", getattr(p.text, lang))
        for n, p in enumerate(resolution(symbol).preamble, 1)
    ]
    return found


def footnotes(symbol: str, lang: str) -> set[tuple[str, str | None]]:
    """(marker, text) of every footnote the data keeps, on the preamble and the commitments."""
    notes = [n for c in commitments(symbol) for n in c.footnotes]
    notes += [n for p in resolution(symbol).preamble for n in p.footnotes]
    return {(note.marker, getattr(note.text, lang)) for note in notes}


def test_the_bundled_data_tracks_both_resolutions() -> None:
    """A/RES/58/50 in English and Chinese, its predecessor A/RES/57/58 in English only."""
    assert SOURCES == [("A/RES/58/50", "en"), ("A/RES/58/50", "zh"), ("A/RES/57/58", "en")]
    for symbol, (operative, _) in SHAPES.items():
        assert [c.paragraph for c in commitments(symbol)] == list(range(1, operative + 1))


@pytest.mark.parametrize(("symbol", "lang"), SOURCES)
def test_every_quoted_text_occurs_verbatim_in_the_official_source(symbol: str, lang: str) -> None:
    source = official(symbol, lang)
    quoted = texts(symbol, lang)
    missing = [
        where for where, text in quoted if not text or not occurs_verbatim(text, source, lang)
    ]
    assert missing == []
    assert len(quoted) == sum(SHAPES[symbol])


@pytest.mark.parametrize(("symbol", "lang"), SOURCES)
def test_footnotes_are_the_official_footnotes(symbol: str, lang: str) -> None:
    """Removed from the running text, the footnotes are kept as data, word for word."""
    cleaned = clean_extraction(official(symbol, lang), lang)
    assert footnotes(symbol, lang) == {
        (note.marker, normalize_for_match(note.text, lang)) for note in cleaned.footnotes
    }


@pytest.mark.parametrize(("symbol", "lang"), SOURCES)
def test_footnote_markers_follow_the_words_the_data_names(symbol: str, lang: str) -> None:
    """Each footnote reference's `after` words are the words the marker follows in the source."""
    refs = {
        (ref.marker, normalize_for_match(ref.after, lang))
        for ref in clean_extraction(official(symbol, lang), lang).refs
    }
    notes = [n for c in commitments(symbol) for n in c.footnotes]
    notes += [n for p in resolution(symbol).preamble for n in p.footnotes]
    for note in notes:
        after = getattr(note.after, lang)
        assert any(m == note.marker and same_ending(after, text) for m, text in refs), after


def same_ending(first: str, second: str) -> bool:
    """The two texts end alike over the length of the shorter (the parser keeps ~40 chars)."""
    n = min(len(first), len(second))
    return n >= 8 and first[-n:] == second[-n:]


def test_quoted_text_check_can_fail() -> None:
    """A one-character change is caught (the check above is not vacuous)."""
    text = texts("A/RES/58/50", "zh")[3][1]
    assert text is not None and "吁请" in text
    assert not occurs_verbatim(text.replace("吁请", "呼吁"), official("A/RES/58/50", "zh"), "zh")


@pytest.mark.parametrize(("symbol", "lang"), SOURCES)
def test_the_commitments_are_the_parsed_operative_paragraphs(symbol: str, lang: str) -> None:
    """The parser and the data agree on number, verb and text of each operative paragraph:
    ten for A/RES/58/50, eight for A/RES/57/58."""
    parsed = parse_resolution(official(symbol, lang), lang)
    from_source = [(p.number, p.verb_phrase, p.text) for p in parsed.operative]
    in_data = [
        (c.paragraph, (getattr(c.verb, lang) or "").replace("……", " ... "), getattr(c.text, lang))
        for c in commitments(symbol)
    ]
    assert in_data == from_source
    assert len(in_data) == SHAPES[symbol][0]


@pytest.mark.parametrize(("symbol", "lang"), SOURCES)
def test_preamble_verbs_match_the_parse(symbol: str, lang: str) -> None:
    parsed = parse_resolution(official(symbol, lang), lang)
    held = [getattr(p.verb, lang) for p in resolution(symbol).preamble]
    assert held == [p.verb for p in parsed.preamble]


def official_texts(symbol: str) -> list[tuple[str, Text]]:
    """Every field of a resolution's records that quotes its official text."""
    found: list[tuple[str, Text]] = [("title", resolution(symbol).title)]
    for n, p in enumerate(resolution(symbol).preamble, 1):
        found += [(f"preamble {n} verb", p.verb), (f"preamble {n} text", p.text)]
        found += [(f"preamble {n} footnote {f.marker}", f.text) for f in p.footnotes]
    for c in commitments(symbol):
        found += [(f"{c.id} verb", c.verb), (f"{c.id} text", c.text)]
        found += [(f"{c.id} footnote {f.marker}", f.text) for f in c.footnotes]
        found += [(f"{c.id} {g.criterion} grounds", g.grounds) for g in c.criteria]
    return found


@pytest.mark.parametrize("symbol", list(SHAPES))
def test_no_official_text_without_its_source(symbol: str) -> None:
    """A language the resolution names no official text for has none in the data: A/RES/57/58
    has no Chinese text in the repository, so none of its quoted fields has a `zh`."""
    languages = set(resolution(symbol).source_files)
    invented = [
        f"{where} ({lang})"
        for where, text in official_texts(symbol)
        for lang in ("en", "zh")
        if getattr(text, lang) and lang not in languages
    ]
    assert invented == []
