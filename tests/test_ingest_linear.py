"""The parser's work is linear in the text's size: each paragraph's text is joined and
normalised once, whatever its length (it used to be rebuilt on every line). Counted in
characters handed to the joins, never timed."""

from __future__ import annotations

import pytest

from bench.parse import numbered_lines, real_texts
from tracker.ingest import clean as clean_module
from tracker.ingest import clean_extraction, parse_resolution
from tracker.ingest import parse as parse_module


class CountingLines(tuple[str, ...]):
    """The cleaned lines, counting every time a line is read."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        CountingLines.reads += 1
        return super().__getitem__(index)


def test_each_line_is_read_a_bounded_number_of_times() -> None:
    """Splitting 400 kB of numbered lines into paragraphs reads each line at most ten times
    (the paragraph it belongs to is never re-read as it grows)."""
    clean = clean_extraction(numbered_lines(400_000), "en")
    lines = CountingLines(clean.lines)
    CountingLines.reads = 0
    units, _ = parse_module._Segmenter(lines, "en", [], clean.line_numbers).run((0, 0), len(lines))
    assert sum(u.kind == "operative" for u in units) == 999
    assert CountingLines.reads <= 10 * len(lines)


@pytest.mark.parametrize("make", [numbered_lines, real_texts], ids=["numbered", "real"])
def test_characters_joined_are_linear_in_the_text(
    make: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 400 kB, the paragraphs' joins and normalisations see at most twice the text."""
    text = make(400_000)  # type: ignore[operator]
    seen = [0]
    normalize = parse_module.normalize_for_match

    def counting(chunk: str, lang: str) -> str:
        seen[0] += len(chunk)
        return normalize(chunk, lang)

    monkeypatch.setattr(parse_module, "normalize_for_match", counting)
    monkeypatch.setattr(clean_module, "normalize_for_match", counting)
    parsed = parse_resolution(text, "en")
    assert parsed.operative
    assert seen[0] <= 2 * len(text)


def test_a_five_megabyte_text_parses_whole() -> None:
    """5 MB of numbered lines: paragraphs 1 to 999, the rest of the lines in the last one,
    every line of the text in a paragraph."""
    text = numbered_lines(5_000_000)
    parsed = parse_resolution(text, "en")
    assert [p.number for p in parsed.operative] == list(range(1, 1000))
    last = parsed.operative[-1]
    assert last.text.endswith(text.rstrip().splitlines()[-1].split(". ", 1)[1])
    assert parsed.operative[0].text.startswith("Decides to include line 1 ")
