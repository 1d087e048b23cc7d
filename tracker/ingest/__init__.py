"""Ingest official resolution texts: clean PDF-extraction artifacts, then parse paragraphs."""

from tracker.ingest.clean import (
    Artifact,
    CleanText,
    Footnote,
    FootnoteRef,
    IngestWarning,
    clean_extraction,
    detect_language,
    normalize_for_match,
    occurs_verbatim,
)
from tracker.ingest.parse import (
    OperativeParagraph,
    Paragraph,
    ParsedResolution,
    Subparagraph,
    parse_resolution,
    to_json,
)

__all__ = [
    "Artifact",
    "CleanText",
    "Footnote",
    "FootnoteRef",
    "IngestWarning",
    "OperativeParagraph",
    "Paragraph",
    "ParsedResolution",
    "Subparagraph",
    "clean_extraction",
    "detect_language",
    "normalize_for_match",
    "occurs_verbatim",
    "parse_resolution",
    "to_json",
]
