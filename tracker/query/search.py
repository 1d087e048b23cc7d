"""Search over commitments, actors, evidence, judgements (their rationales) and review
meetings (their notes) in every language (and over any other entries given, such as the
recorded roll calls of `tracker.query.votes`), with the matched words located, and
Markdown-safe highlighting of them: the data is untrusted text, so every piece of it is
escaped before it reaches a Markdown renderer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from tracker.domain.languages import LANGUAGES, pick, text_in
from tracker.domain.model import Dataset, Text
from tracker.query.index import index_of
from tracker.query.names import commitment_label

Kind = Literal["commitment", "actor", "evidence", "assessment", "review", "roll_call"]
KINDS: tuple[Kind, ...] = ("commitment", "actor", "evidence", "assessment", "review", "roll_call")

# Around the first match, this many characters of a long field are kept.
CONTEXT = 70
# A field no longer than this is shown whole.
SHORT_FIELD = 2 * CONTEXT + 40
ELLIPSIS = "…"
# A query equal to one of these fields names the record: it ranks first.
NAME_FIELDS = frozenset({"id", "name"})

_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Field:
    """One searchable text of a record: which field, in which language (None: both)."""

    name: str
    lang: str | None
    text: str


@dataclass(frozen=True)
class Entry:
    kind: Kind
    id: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Snippet:
    """A field's text (or the excerpt of it around the first match) and the character spans
    of the matched words within that text, sorted and not overlapping."""

    field: str
    lang: str | None
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: str
    snippets: tuple[Snippet, ...]
    score: int


def parse_query(query: str) -> list[str]:
    """The terms of a query: words separated by blanks, or "a quoted phrase"."""
    return [phrase or word for phrase, word in _TERM.findall(query) if (phrase or word).strip()]


def _texts(name: str, text: Text | None) -> Iterator[Field]:
    if text is None:
        return
    for lang in LANGUAGES:
        found = text_in(text, lang)
        if found:
            yield Field(name, lang, found)


def build_index(dataset: Dataset) -> tuple[Entry, ...]:
    """Every commitment, actor and evidence item with its texts in every language."""
    entries: list[Entry] = []
    for commitment in dataset.commitments:
        fields = [
            Field("id", None, commitment.id),
            *_texts("verb", commitment.verb),
            *_texts("text", commitment.text),
            *_texts("action", commitment.action),
            *_texts("addressed", commitment.addressed.as_written),
            Field("actors", None, " ".join(commitment.addressed.actors)),
            *(f for note in commitment.footnotes for f in _texts("footnote", note.text)),
            *(f for ground in commitment.criteria for f in _texts("grounds", ground.grounds)),
        ]
        entries.append(Entry("commitment", commitment.id, tuple(fields)))
    for actor in dataset.actors:
        fields = [
            Field("id", None, actor.id),
            *_texts("name", actor.name),
            *_texts("note", actor.note),
            *_texts("holds", actor.holds_nsnw.note if actor.holds_nsnw else None),
        ]
        entries.append(Entry("actor", actor.id, tuple(fields)))
    for item in dataset.evidence:
        source = item.source
        fields = [
            Field("id", None, item.id),
            Field("date", None, item.date),
            *_texts("summary", item.summary),
            Field("source", None, source.title),
            Field("publisher", None, source.publisher),
            Field("actors", None, " ".join(item.actors)),
            *_texts("contested", item.contested),
        ]
        entries.append(Entry("evidence", item.id, tuple(fields)))
    for assessment in dataset.assessments:
        fields = [
            Field("id", None, assessment.id),
            *_texts("rationale", assessment.rationale),
            *_texts("confidence_note", assessment.confidence_note),
            *_texts("correction", assessment.corrects.reason if assessment.corrects else None),
            *(
                [Field("evidence", None, " ".join(assessment.evidence))]
                if assessment.evidence
                else []
            ),
        ]
        entries.append(Entry("assessment", assessment.id, tuple(fields)))
    for review in dataset.reviews:
        fields = [
            Field("id", None, review.id),
            *_texts("title", review.title),
            *_texts("notes", review.notes),
            *(
                [Field("participants", None, ", ".join(review.participants))]
                if review.participants
                else []
            ),
        ]
        entries.append(Entry("review", review.id, tuple(fields)))
    return tuple(entries)


def _spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of the terms occurs in `text` (case-insensitive), overlaps merged."""
    found = sorted(
        (match.start(), match.end())
        for term in terms
        for match in re.finditer(re.escape(term), text, re.IGNORECASE)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _excerpt(field: str, lang: str | None, text: str, spans: list[tuple[int, int]]) -> Snippet:
    """The text whole when short; else the words around its first match, with the spans that
    fall inside the excerpt moved to its coordinates."""
    if len(text) <= SHORT_FIELD:
        return Snippet(field, lang, text, tuple(spans))
    first_start, first_end = spans[0]
    start = max(0, first_start - CONTEXT)
    end = min(len(text), first_end + CONTEXT)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    return Snippet(field, lang, prefix + text[start:end] + suffix, inside)


def search(index: Iterable[Entry], query: str, lang: str, limit: int = 50) -> list[Hit]:
    """The entries in which every term of `query` occurs (in any field, in any language,
    ignoring case), best first: the record the query names (its id or name) first, then
    more matching fields, then commitments, actors, evidence, then id.

    A hit's snippets are its matching fields, those in `lang` or in no language first, at
    most three.
    """
    terms = [_BLANKS.sub(" ", term) for term in parse_query(query)]
    if not terms:
        return []
    wanted = _BLANKS.sub(" ", query.strip()).casefold()
    hits: list[Hit] = []
    for entry in index:
        found: set[str] = set()
        snippets: list[tuple[int, Snippet]] = []
        exact = False
        for field in entry.fields:
            text = _BLANKS.sub(" ", field.text).strip()
            present = [term for term in terms if re.search(re.escape(term), text, re.IGNORECASE)]
            if not present:
                continue
            found.update(present)
            exact = exact or (field.name in NAME_FIELDS and text.casefold() == wanted)
            rank = 0 if field.lang in (None, lang) else 1
            snippets.append((rank, _excerpt(field.name, field.lang, text, _spans(text, present))))
        if len(found) < len(set(terms)):
            continue
        ordered = [snippet for _, snippet in sorted(snippets, key=lambda pair: pair[0])]
        score = len(snippets) + (100 if exact else 0)
        hits.append(Hit(entry.kind, entry.id, tuple(ordered[:3]), score))
    hits.sort(key=lambda hit: (-hit.score, KINDS.index(hit.kind), hit.id))
    return hits[:limit]


def hit_title(dataset: Dataset, hit: Hit, lang: str) -> str:
    """A short plain-text name of the record a hit points to, in `lang`."""
    if hit.kind == "commitment":
        commitment = next(c for c in dataset.commitments if c.id == hit.id)
        return f"{commitment_label(dataset, commitment)} · {pick(commitment.verb, lang)}"
    if hit.kind == "actor":
        actor = next(a for a in dataset.actors if a.id == hit.id)
        return f"{actor.id} · {pick(actor.name, lang)}"
    if hit.kind == "assessment":
        found = next(a for a in dataset.assessments if a.id == hit.id)
        commitment = next(c for c in dataset.commitments if c.id == found.commitment)
        label = commitment_label(dataset, commitment)
        return f"{label} · {found.actor} · {found.date.isoformat()} · {found.id}"
    if hit.kind == "review":
        review = next(r for r in dataset.reviews if r.id == hit.id)
        return f"{review.date.isoformat()} · {pick(review.title, lang)}"
    [item] = index_of(dataset).items([hit.id])  # built alone, not found by a scan
    return f"{item.id} · {item.date} · {item.source.title}"
