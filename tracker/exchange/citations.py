"""Evidence items and judgements as references for reference managers and papers: CSL-JSON
(Zotero, Pandoc, citeproc), BibTeX and RIS, and one formatted reference in a common style
(APA 7th edition, through citeproc-py and the CSL style bundled in `styles/`).

An evidence item is cited as its source: title, publisher, address, the date of the event it
records (for most sources the day they were published; see the item's date note), and when
the source was read. Its summary is the abstract. A judgement is cited as a document of the
tracker: the assessor as author, its date, and its permalink as the address.

Each reference also carries the tracker's own fields as `column: value` lines in its note
(the columns of evidence.csv or assessments.csv): a reference manager keeps them (Zotero in
the item's Extra field or a note), and `tracker.exchange.import_references` reads them back,
so an exported item imports as the same record.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from tracker.domain.model import Assessment, Dataset, Evidence
from tracker.exchange.export import assessments_table, evidence_table
from tracker.query.names import commitment_labels

STYLE_FILE = "apa.csl"
STYLE_NAME = "APA 7th edition"
TRACKER_NAME = "Commitment tracker"


@dataclass(frozen=True)
class CitationFormat:
    extension: str
    label: str
    media_type: str


FORMATS = {
    "csl-json": CitationFormat(".json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
    "bibtex": CitationFormat(".bib", "BibTeX", "application/x-bibtex"),
    "ris": CitationFormat(".ris", "RIS", "application/x-research-info-systems"),
}

# evidence.csv columns a reference's own fields carry; the others go in the note.
_BIBLIOGRAPHIC = {
    "source_title": "title",
    "source_publisher": "container-title",
    "source_url": "URL",
    "summary_en": "abstract",
}
_DERIVED = frozenset({"date_start"})
# The CSL type of an evidence item, by source type; any other source type is a web page.
_CSL_TYPES = {"press": "article-newspaper", "expert": "report", "official": "document"}
_RIS_TYPES = {
    "article-newspaper": "NEWS",
    "report": "RPRT",
    "document": "GEN",
    "webpage": "ELEC",
}
_NOTE_LINE = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*:\s?(.*)$")


# --- permalinks ---------------------------------------------------------------------------


def evidence_permalink(base_url: str, item: Evidence) -> str:
    """The Evidence page with the item open."""
    return f"{base_url.rstrip('/')}/evidence?{urlencode({'ev_item': item.id}, safe='/:')}"


def judgement_permalink(base_url: str, assessment: Assessment) -> str:
    """The Commitments page with the commitment open and the judgement shown first, as of
    the judgement's date (its history then ends with it)."""
    # '/' and ':' may stand in a query as they are: ids keep their look, and a BibTeX or RIS
    # file holds no '%', which BibTeX reads as a comment.
    query = urlencode(
        {
            "commitment": assessment.commitment,
            "assessment": assessment.id,
            "as_of": assessment.date.isoformat(),
        },
        safe="/:",
    )
    return f"{base_url.rstrip('/')}/commitments?{query}"


# --- the note's lines ---------------------------------------------------------------------


def _has_line_break(text: str) -> bool:
    """True when the text is more than one line (RIS, which has no line breaks, cannot carry
    it as it is: the note then does)."""
    return len(text.splitlines()) > 1 or text.endswith(("\n", "\r"))


# Line boundaries that JSON leaves as they are; escaped so that a quoted value is one line.
_UNSPLIT = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def note_value(value: str) -> str:
    """A value as one line of a note: as it is, or JSON-quoted when it is not one line,
    begins with a double quote or has spaces at either end (JSON gives it back exactly)."""
    if value.splitlines() != [value] or value.startswith('"') or value != value.strip():
        return json.dumps(value, ensure_ascii=False).translate(_UNSPLIT)
    return value


def note_lines(fields: Mapping[str, str]) -> list[str]:
    """`column: value` lines, one per field that has a value."""
    return [f"{name}: {note_value(value)}" for name, value in fields.items() if value]


def read_note(text: str) -> dict[str, str]:
    """The `column: value` lines of a note (of an HTML note as Zotero writes them, the text);
    other lines are free text and ignored. A JSON-quoted value is decoded."""
    plain = text
    if text.lstrip().startswith("<"):  # a Zotero note is HTML; the Extra field plain text
        plain = re.sub(r"<br\s*/?>|</p>|</div>", "\n", text, flags=re.IGNORECASE)
        plain = html.unescape(re.sub(r"<[^>]+>", "", plain.replace("&nbsp;", " ")))
    found: dict[str, str] = {}
    for line in plain.splitlines():
        match = _NOTE_LINE.match(line)
        if not match:
            continue
        name, value = match[1], match[2].strip()
        if value.startswith('"'):
            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = None
            if isinstance(decoded, str):
                value = decoded
        found[name] = value
    return found


# --- CSL-JSON -----------------------------------------------------------------------------


def date_parts(date: str) -> list[int]:
    """'2012-08' -> [2012, 8]: a recorded date (YYYY, YYYY-MM or YYYY-MM-DD) as CSL parts."""
    return [int(part) for part in date.split("-")]


def _evidence_rows(dataset: Dataset, items: Sequence[Evidence]) -> list[dict[str, str]]:
    frame = evidence_table(dataset.model_copy(update={"evidence": tuple(items)}))
    frame = frame.drop(columns=list(_DERIVED))
    return [{name: str(value) for name, value in row.items()} for row in frame.to_dict("records")]


def evidence_items(
    dataset: Dataset, items: Sequence[Evidence], base_url: str | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON of evidence items, each cited as its source (see the module's docstring)."""
    out = []
    for item, row in zip(items, _evidence_rows(dataset, items), strict=True):
        csl_type = _CSL_TYPES.get(item.source.type, "webpage")
        issued: dict[str, Any] = {"date-parts": [date_parts(item.date)]}
        if item.date_precision == "approximate":
            issued["circa"] = True
        lines = note_lines(
            {
                name: value
                for name, value in row.items()
                if name not in _BIBLIOGRAPHIC or _has_line_break(value)
            }
        )
        if base_url:
            lines.append(f"Tracker record: {evidence_permalink(base_url, item)}")
        entry: dict[str, Any] = {
            "id": item.id,
            "type": csl_type,
            "title": item.source.title,
            "container-title": item.source.publisher,
            "publisher": item.source.publisher,
            "URL": item.source.url,
            "issued": issued,
            "abstract": item.summary.en,
            "note": "\n".join(lines),
        }
        if item.source.accessed:
            entry["accessed"] = {"date-parts": [date_parts(item.source.accessed)]}
        out.append(entry)
    return out


def judgement_title(dataset: Dataset, assessment: Assessment) -> str:
    """'Assessment of A/RES/58/50 OP4 for Russian Federation: No progress' (in English, the
    language of the references)."""
    labels = commitment_labels(dataset)
    actors = {actor.id: actor.name.en for actor in dataset.actors}
    statuses = {level.id: level.label.en for level in dataset.methodology.statuses}
    commitment = labels.get(assessment.commitment, assessment.commitment)
    symbol = assessment.commitment.rsplit(":", 1)[0]
    where = commitment if commitment.startswith(symbol) else f"{symbol} {commitment}"
    return (
        f"Assessment of {where} for {actors.get(assessment.actor, assessment.actor)}: "
        f"{statuses.get(assessment.status, assessment.status)}"
    )


def judgement_items(
    dataset: Dataset, assessments: Sequence[Assessment], base_url: str | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON of judgements, each cited as a report of the tracker by its assessor."""
    frame = assessments_table(dataset.model_copy(update={"assessments": tuple(assessments)}))
    out = []
    for assessment, row in zip(assessments, frame.to_dict("records"), strict=True):
        fields = {
            name: str(value)
            for name, value in row.items()
            if name != "rationale_en" or _has_line_break(str(value))
        }
        fields["date"] = assessment.date.isoformat()
        entry: dict[str, Any] = {
            "id": assessment.id,
            "type": "report",
            "title": judgement_title(dataset, assessment),
            "author": [{"literal": assessment.assessor}],
            "publisher": TRACKER_NAME,
            "issued": {"date-parts": [date_parts(assessment.date.isoformat())]},
            "abstract": assessment.rationale.en,
            "note": "\n".join(note_lines(fields)),
        }
        if base_url:
            entry["URL"] = judgement_permalink(base_url, assessment)
        out.append(entry)
    return out


def csl_json(items: Iterable[Mapping[str, Any]]) -> str:
    """The items as a CSL-JSON file (a JSON array), UTF-8 text."""
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


# --- BibTeX -------------------------------------------------------------------------------

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX = re.compile("|".join(re.escape(char) for char in _LATEX_SPECIALS))


def latex_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters escaped, the rest as it is (UTF-8,
    for biber and BibTeX 8-bit alike)."""
    return _LATEX.sub(lambda match: _LATEX_SPECIALS[match[0]], text)


def _bib_url(url: str) -> str:
    """An address for a BibTeX url field: braces percent-encoded (they would unbalance the
    field), then '%' written as LaTeX's '\\%', as BibTeX tools expect."""
    return url.replace("{", "%7B").replace("}", "%7D").replace("%", r"\%")


def bibtex_key(item_id: str) -> str:
    """An id as a BibTeX key: characters other than letters, digits and `_:.-` become `-`."""
    return re.sub(r"[^A-Za-z0-9_:.\-]", "-", item_id)


def _bib_date(parts: Sequence[int]) -> str:
    return "-".join(
        f"{part:04d}" if index == 0 else f"{part:02d}" for index, part in enumerate(parts)
    )


def bibtex_entry(item: Mapping[str, Any]) -> str:
    """One CSL-JSON item as a BibTeX `@misc` entry (`@report` for judgements and expert
    reports): the fields biblatex and Zotero read."""
    kind = "report" if item["type"] == "report" else "misc"
    fields: list[tuple[str, str]] = []
    if "author" in item:
        # Double braces: an organisation or team, never split into first and last names.
        fields.append(("author", " and ".join(f"{{{a['literal']}}}" for a in item["author"])))
    fields.append(("title", f"{{{latex_text(item['title'])}}}"))
    publisher = item.get("publisher", item.get("container-title"))
    if publisher:
        fields.append(("publisher" if kind == "misc" else "institution", latex_text(publisher)))
    parts = item["issued"]["date-parts"][0]
    fields.append(("date", _bib_date(parts)))
    fields.append(("year", str(parts[0])))
    if "URL" in item:
        fields.append(("url", _bib_url(item["URL"])))
    if "accessed" in item:
        fields.append(("urldate", _bib_date(item["accessed"]["date-parts"][0])))
    if item.get("abstract"):
        fields.append(("abstract", latex_text(item["abstract"])))
    if item.get("note"):
        fields.append(("note", latex_text(item["note"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(item['id'])},\n{body}\n}}\n"


def bibtex(items: Iterable[Mapping[str, Any]]) -> str:
    """The items as a .bib file."""
    return "\n".join(bibtex_entry(item) for item in items)


# --- RIS ----------------------------------------------------------------------------------


def _ris_date(parts: Sequence[int]) -> str:
    """RIS's DA form: YYYY/MM/DD/, empty parts left empty."""
    padded = [*(f"{part:02d}" for part in parts[1:]), "", ""][:2]
    return f"{parts[0]:04d}/{padded[0]}/{padded[1]}/"


def ris_record(item: Mapping[str, Any]) -> dict[str, Any]:
    """One CSL-JSON item as a rispy record. RIS has no line breaks: they become spaces, and a
    text that holds one is also in the note, where the import reads it from."""
    parts = item["issued"]["date-parts"][0]
    record: dict[str, Any] = {
        "type_of_reference": _RIS_TYPES.get(item["type"], "ELEC"),
        "id": item["id"],
        "title": item["title"],
        "year": str(parts[0]),
        "date": _ris_date(parts),
    }
    if "author" in item:
        record["authors"] = [author["literal"] for author in item["author"]]
    publisher = item.get("publisher", item.get("container-title"))
    if publisher:
        record["publisher"] = publisher
    if item.get("container-title"):
        record["secondary_title"] = item["container-title"]
    if "URL" in item:
        record["urls"] = [item["URL"]]
    if "accessed" in item:
        record["access_date"] = _ris_date(item["accessed"]["date-parts"][0])
    if item.get("abstract"):
        record["abstract"] = " ".join(item["abstract"].split())
    if item.get("note"):
        record["notes"] = item["note"].splitlines()
    return record


def ris(items: Iterable[Mapping[str, Any]]) -> str:
    """The items as a .ris file (UTF-8)."""
    text: str = rispy.dumps([ris_record(item) for item in items])
    return text


# --- formatted ----------------------------------------------------------------------------


def style_path() -> Path:
    """The bundled CSL style (see `styles/README.md` for its origin and licence)."""
    return Path(str(resources.files("tracker.exchange").joinpath("styles", STYLE_FILE)))


_STYLE: list[CitationStylesStyle] = []


def _style() -> CitationStylesStyle:
    if not _STYLE:  # parsed once: about 0.1 s
        _STYLE.append(CitationStylesStyle(str(style_path()), validate=False))
    return _STYLE[0]


def formatted_reference(item: Mapping[str, Any]) -> str:
    """The item's entry in a bibliography in the bundled style (APA), as plain text (no
    italics: it is shown and copied as text), followed by its tracker permalink when it has
    one and the reference does not already show it."""
    shown = dict(item)
    publisher = shown.get("publisher") or shown.get("container-title")
    if "author" not in shown and publisher:
        # The publisher as group author, as APA does for an organisation's page (the only
        # form citeproc-py sets right: without an author it prints the title twice).
        shown["author"] = [{"literal": publisher}]
        shown.pop("publisher", None)
        shown.pop("container-title", None)
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([shown]), formatter.plain)
    bibliography.register(Citation([CitationItem(str(item["id"]))]))
    text = str(bibliography.bibliography()[0])
    permalink = next(
        (
            line.removeprefix("Tracker record: ")
            for line in str(item.get("note", "")).splitlines()
            if line.startswith("Tracker record: ")
        ),
        None,
    )
    if permalink and permalink not in text:
        text += f" Tracker record: {permalink}"
    return text


def file_name(kind: str, stem: str) -> str:
    """'commitment-tracker-evidence.bib'."""
    return f"{stem}{FORMATS[kind].extension}"


def encode(kind: str, items: Sequence[Mapping[str, Any]]) -> bytes:
    """The items in one of `FORMATS`, as UTF-8 bytes."""
    writers = {"csl-json": csl_json, "bibtex": bibtex, "ris": ris}
    return writers[kind](items).encode("utf-8")
