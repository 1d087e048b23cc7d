"""Evidence from a reference manager, into the data: a Zotero (or any) CSL-JSON or RIS export
read into the columns of evidence.csv, then checked and merged exactly as a CSV import is
(`tracker.exchange.import_csv.check_rows`, then the store's one write path).

What comes from where:
- the reference's own fields: title -> source_title; publisher (else container-title, RIS PB
  else T2) -> source_publisher; URL (RIS UR; more than one become source_additional_urls) ->
  source_url; issued (RIS DA, else PY) -> date and date_precision (year, month or day from
  the parts given; "circa" -> approximate); accessed (RIS Y2) -> source_accessed; abstract
  (RIS AB) -> summary_en;
- the tracker's own fields, as `column: value` lines with evidence.csv's column names in the
  note (Zotero: the item's Extra field, exported as the CSL `note`, or a child note, RIS N1):
  actor_ids, commitment_ids, direction, source_type, confidence, and any other column. A line
  there wins over the reference's field. The tracker's own CSL-JSON and RIS exports write
  these lines, so an exported item comes back as the same record.
- an item without evidence_id gets the next free E<number>; without verification_status it
  is "unverified" (nobody has checked it against its source here yet).
References are numbered from 1 in file order: "row 3" is the third reference.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import rispy

from tracker.domain.model import Dataset
from tracker.exchange.citations import read_note
from tracker.exchange.import_csv import (
    COLUMNS,
    MAX_IMPORT_ROWS,
    ImportResult,
    RowProblem,
    cell_values,
    check_rows,
    size_problem,
    too_many_rows,
)
from tracker.source.yamlsource import decode

Format = Literal["csl-json", "ris"]
FILE_ROW = 1
_ID = re.compile(r"^E(\d+)$")
_RIS_DATE = re.compile(r"^\s*(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?")


def detect_format(raw: bytes) -> Format:
    """CSL-JSON when the text starts with `[` or `{` (after a BOM and spaces), else RIS."""
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "csl-json" if head in (b"[", b"{") else "ris"


def read_references(
    raw: bytes, dataset: Dataset, *, today: dt.date | None = None, kind: Format | None = None
) -> ImportResult:
    """The references of a CSL-JSON or RIS file as evidence records to add to `dataset`, or
    the problems that stop each (a problem with the file as a whole stops every one)."""
    too_large = size_problem(raw)
    if too_large is not None:
        return ImportResult(problems=(too_large,), header_row=0)
    text, decoding = decode(raw, "upload")
    if text is None:
        message = "; ".join(p.message.split(";")[0] for p in decoding)
        return _refused("not-utf8", f"{message}: export the references as UTF-8")
    kind = kind or detect_format(raw)
    items = _csl_items(text) if kind == "csl-json" else _ris_items(text)
    if isinstance(items, RowProblem):
        return ImportResult(problems=(items,), header_row=0)
    if len(items) > MAX_IMPORT_ROWS:
        return ImportResult(
            problems=(too_many_rows(MAX_IMPORT_ROWS + 1, "references"),), header_row=0
        )
    rows = _with_ids(
        [(number, cell_values(fields)) for number, fields in enumerate(items, start=1)], dataset
    )
    return check_rows(rows, dataset, today or dt.date.today(), header_row=0)


def _refused(code: str, message: str) -> ImportResult:
    return ImportResult(problems=(RowProblem(FILE_ROW, "", code, message),), header_row=0)


# --- CSL-JSON -----------------------------------------------------------------------------


def _csl_items(text: str) -> list[dict[str, str]] | RowProblem:
    try:
        data = json.loads(text)
    except ValueError as error:
        return RowProblem(FILE_ROW, "", "import-wrong-format", f"not JSON: {error}")
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        message = "CSL-JSON is a list of references (objects); this file holds something else"
        return RowProblem(FILE_ROW, "", "import-wrong-format", message)
    return [_from_csl(item) for item in data]


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _csl_date(value: object) -> tuple[str, str]:
    """A CSL date as (YYYY[-MM[-DD]], precision); ("", "") when it has no parts."""
    if not isinstance(value, dict):
        return "", ""
    parts = value.get("date-parts")
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    numbers = [int(p) for p in first[:3] if isinstance(p, int | str) and str(p).isdigit()]
    if not numbers:
        raw = _text(value.get("raw") or value.get("literal"))
        return (raw, "") if raw else ("", "")
    date = "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers))
    precision = ("year", "month", "day")[len(numbers) - 1]
    return date, "approximate" if value.get("circa") else precision


def _from_csl(item: Mapping[str, Any]) -> dict[str, str]:
    fields: dict[str, str] = {}
    date, precision = _csl_date(item.get("issued"))
    accessed, _ = _csl_date(item.get("accessed"))
    found = {
        "source_title": _text(item.get("title")),
        "source_publisher": _text(item.get("publisher") or item.get("container-title")),
        "source_url": _text(item.get("URL")),
        "date": date,
        "date_precision": precision,
        "source_accessed": accessed,
        "summary_en": _text(item.get("abstract")),
    }
    fields.update({name: value for name, value in found.items() if value})
    fields.update(_tracker_fields([_text(item.get("note"))]))
    return fields


# --- RIS ----------------------------------------------------------------------------------


def _ris_items(text: str) -> list[dict[str, str]] | RowProblem:
    starts = len(re.findall(r"^\s*TY  -", text, flags=re.MULTILINE))
    if not starts:
        message = "neither CSL-JSON nor RIS: a RIS file has a line 'TY  - ...' per reference"
        return RowProblem(FILE_ROW, "", "import-wrong-format", message)
    # Addresses may hold ';': one UR line is one address.
    records = rispy.loads(text, delimiter_tags_mapping={})
    if len(records) != starts:
        message = (
            f"{starts} references start with TY but {len(records)} end with 'ER  - ': "
            "the file is cut or malformed"
        )
        return RowProblem(FILE_ROW, "", "import-wrong-format", message)
    return [_from_ris(record) for record in records]


def _ris_date(value: object) -> tuple[str, str]:
    match = _RIS_DATE.match(_text(value))
    if not match:
        return "", ""
    numbers = [int(part) for part in match.groups() if part]
    date = "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers))
    return date, ("year", "month", "day")[len(numbers) - 1]


def _lines(value: object) -> list[str]:
    if isinstance(value, list):
        return [_text(line) for line in value]
    return [_text(value)] if value else []


def _from_ris(record: Mapping[str, Any]) -> dict[str, str]:
    date, precision = _ris_date(record.get("date") or record.get("year"))
    urls = _lines(record.get("urls"))
    found = {
        "source_title": _text(record.get("title") or record.get("primary_title")),
        "source_publisher": _text(record.get("publisher") or record.get("secondary_title")),
        "source_url": urls[0] if urls else "",
        "source_additional_urls": " ".join(urls[1:]),
        "date": date,
        "date_precision": precision,
        "source_accessed": _ris_date(record.get("access_date"))[0],
        "summary_en": _text(record.get("abstract")),
    }
    fields = {name: value for name, value in found.items() if value}
    notes = [*_lines(record.get("notes")), *_lines(record.get("note"))]
    fields.update(_tracker_fields(["\n".join(notes)]))
    return fields


# --- shared -------------------------------------------------------------------------------


def _tracker_fields(notes: Iterable[str]) -> dict[str, str]:
    """The `column: value` lines of the notes whose column is one of evidence.csv's."""
    found: dict[str, str] = {}
    for note in notes:
        found.update({name: value for name, value in read_note(note).items() if name in COLUMNS})
    found.pop("date_start", None)
    return found


def _with_ids(
    rows: Sequence[tuple[int, dict[str, str]]], dataset: Dataset
) -> list[tuple[int, dict[str, str]]]:
    """Rows with an evidence_id (the next free E<number> where none is given) and a
    verification_status ("unverified" where none is given)."""
    taken = {item.id for item in dataset.evidence} | {
        values["evidence_id"] for _, values in rows if values.get("evidence_id")
    }
    numbers = [int(match[1]) for ref in taken if (match := _ID.match(ref))]
    width = max((len(ref) - 1 for ref in taken if _ID.match(ref)), default=2)
    following = max(numbers, default=0) + 1
    out = []
    for row, values in rows:
        values = dict(values)
        if not values.get("evidence_id"):
            values["evidence_id"] = f"E{following:0{width}d}"
            following += 1
        if not values.get("verification_status"):
            values["verification_status"] = "unverified"
        out.append((row, values))
    return out
