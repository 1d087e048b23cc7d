"""Typed, immutable records of the tracker: methodology, resolutions, actors, commitments,
evidence, assessments and reviews, as they stand in `commitments.yaml`.

Structural rules (types, required fields, fixed vocabularies) live here; rules that need the
whole dataset (references, dates, data-driven vocabularies) live in `tracker.source.checks`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

# Parentheses: a Security Council symbol carries its year, "S/RES/1540(2004)".
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_./:()-]*$", max_length=120)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError("must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"not a real date ({error})") from None
    return value


def _date_to_text(value: object) -> object:
    # YAML turns an unquoted 2008-06-01 into a date and 2009 into an int: accept both.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_partial_date)]


def partial_date_start(value: str) -> dt.date:
    """The first day a partial date can mean: '2008-06' -> 2008-06-01, '2009' -> 2009-01-01."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def partial_date_end(value: str) -> dt.date:
    """The last day a partial date can mean: '2008-06' -> 2008-06-30, '2009' -> 2009-12-31."""
    parts = [int(part) for part in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Text(Record):
    """A text in each language the tracker speaks, one field per language of
    `tracker.domain.languages.LANGUAGES` (a test keeps them equal). English, the default, is
    required; another language is shown when present and marked as missing otherwise."""

    en: NonEmpty
    zh: str | None = None


class Criterion(StrEnum):
    TRANSPARENCY = "transparency"
    VERIFIABILITY = "verifiability"
    IRREVERSIBILITY = "irreversibility"


class Direction(StrEnum):
    PROGRESS = "progress"
    REGRESSION = "regression"
    MIXED = "mixed"
    NEUTRAL = "neutral"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


class VerificationStatus(StrEnum):
    VERIFIED = "verified"
    PARTLY_VERIFIED = "partly_verified"
    UNVERIFIED = "unverified"


# --- methodology -------------------------------------------------------------------------


class ScaleLevel(Record):
    """One level of an ordered scale (status or criterion rating)."""

    id: Id
    label: Text
    meaning: Text
    colour: Colour
    order: int


class Term(Record):
    """One value of an unordered vocabulary (source type, confidence level, direction)."""

    id: Id
    label: Text
    meaning: Text
    colour: Colour | None = None


class Methodology(Record):
    statuses: tuple[ScaleLevel, ...] = Field(min_length=1)
    criterion_ratings: tuple[ScaleLevel, ...] = Field(min_length=1)
    criteria: tuple[Term, ...] = Field(min_length=3, max_length=3)
    directions: tuple[Term, ...] = Field(min_length=4, max_length=4)
    source_types: tuple[Term, ...] = Field(min_length=1)
    confidence_levels: tuple[ScaleLevel, ...] = Field(min_length=1)
    not_assessed_status: Id = Field(
        description="The status that means 'not yet assessed', kept apart from 'no progress'."
    )
    not_applicable_status: Id | None = Field(
        default=None,
        description=(
            "The status that means the paragraph cannot apply to the actor as things stand "
            "(it holds no such weapons): neither a judgement of progress nor backlog."
        ),
    )
    superseded_status: Id | None = Field(
        default=None,
        description="The status of a pair whose paragraph a later resolution has carried forward.",
    )
    assessment_process: Text = Field(description="How assessments are made and dated.")


# --- resolutions -------------------------------------------------------------------------


class Sourced(Record):
    """A fact with where it comes from and whether that was checked."""

    source: NonEmpty = Field(description="Evidence id, file in the repo, or a citation.")
    verification: VerificationStatus
    note: str | None = None


class VoteCount(Sourced):
    body: Literal["plenary", "first_committee"]
    date: PartialDate
    meeting: str | None = None
    # Not `yes`/`no`: YAML 1.1 reads those keys as booleans.
    in_favour: int = Field(ge=0)
    against: int = Field(ge=0)
    abstaining: int = Field(ge=0)
    non_voting: int | None = Field(default=None, ge=0)
    voted_against: tuple[Id, ...] = ()


class CrossReference(Record):
    id: Id
    document: NonEmpty
    paragraph: str
    title: Text
    note: Text | None = None


class FootnoteReference(Record):
    """A footnote of the official text, removed from the running text and kept as data."""

    marker: str
    after: Text = Field(description="The words the marker follows in each language's text.")
    text: Text
    cross_reference: Id | None = None


class PreambularParagraph(Record):
    verb: Text
    text: Text
    footnotes: tuple[FootnoteReference, ...] = ()


class Resolution(Record):
    symbol: Id
    title: Text
    session: int | None = Field(
        default=None, ge=1, description="General Assembly session; none for the Security Council."
    )
    agenda_item: str | None = None
    adopted: dt.date
    meeting: str | None = None
    committee_report: str | None = None
    sponsors: Sourced | None = None
    sponsor_names: tuple[str, ...] = ()
    votes: tuple[VoteCount, ...] = ()
    vote_records: str | None = Field(
        default=None, description="CSV with the recorded vote of every member State."
    )
    source_files: dict[str, str] = Field(description="Language code -> path of the official text.")
    cross_references: tuple[CrossReference, ...] = ()
    preamble: tuple[PreambularParagraph, ...] = ()
    predecessor: Id | None = None


# --- actors ------------------------------------------------------------------------------


class HoldsNsnw(Record):
    value: Literal["yes", "no", "contested", "unknown"]
    evidence: tuple[Id, ...] = ()
    note: Text | None = None


class Actor(Record):
    id: Id
    name: Text
    kind: Literal["state", "group", "un_organ", "other"]
    npt_nuclear_weapon_state: bool = False
    holds_nsnw: HoldsNsnw | None = None
    vote_code: str | None = Field(
        default=None, description="Code of this State in the resolution's vote records (ISO2)."
    )
    members: tuple[Id, ...] = ()
    note: Text | None = None


# --- commitments -------------------------------------------------------------------------


class Addressed(Record):
    as_written: Text = Field(description="Who the paragraph addresses, in its own words.")
    actors: tuple[Id, ...] = Field(description="The actors the tracker assesses on it.")
    reason: Text


class CriterionGround(Record):
    criterion: Criterion
    grounds: Text = Field(description="The words of the text that make the criterion apply.")


class Commitment(Record):
    id: Id
    resolution: Id
    paragraph: int = Field(ge=1)
    verb: Text
    text: Text
    footnotes: tuple[FootnoteReference, ...] = ()
    addressed: Addressed
    action: Text
    criteria: tuple[CriterionGround, ...] = ()
    cross_references: tuple[Id, ...] = ()
    successor: Id | None = Field(
        default=None,
        description="The paragraph of a later resolution that carries this one forward.",
    )


# --- evidence ----------------------------------------------------------------------------


class Source(Record):
    title: NonEmpty
    title_note: str | None = Field(
        default=None, description="Set when the title is paraphrased rather than the page's own."
    )
    publisher: NonEmpty
    url: NonEmpty
    type: Id
    accessed: PartialDate | None = None
    additional_urls: tuple[NonEmpty, ...] = ()
    archived_url: NonEmpty | None = Field(
        default=None,
        description="Address of an archived copy of the source (a web archive snapshot), for "
        "when the page changes or disappears.",
    )


class Verification(Record):
    status: VerificationStatus
    note: str | None = None


class Evidence(Record):
    id: Id
    date: PartialDate
    date_precision: DatePrecision
    date_note: str | None = None
    actors: tuple[Id, ...] = Field(min_length=1)
    commitments: tuple[Id, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...] = ()
    direction: Direction
    summary: Text
    source: Source
    confidence: Id
    verification: Verification
    contested: Text | None = Field(
        default=None, description="Set when the reading the item supports is contested."
    )

    @property
    def start(self) -> dt.date:
        return partial_date_start(self.date)


# --- assessments and reviews -------------------------------------------------------------


class Correction(Record):
    """Says that an assessment replaces an earlier one that was wrong when it was made (a
    misread source, a wrong date): a fix of the record, not a change in the world."""

    assessment: Id = Field(description="The assessment this one corrects.")
    reason: Text


class Assessment(Record):
    """One judgement of one commitment for one actor on one date. Never edited: a new
    judgement is a new assessment, and a wrong one is corrected by a new assessment that
    names it in `corrects`."""

    id: Id
    commitment: Id
    actor: Id
    date: dt.date = Field(description="The day the judgement speaks for.")
    recorded: dt.date = Field(
        description=(
            "The day the judgement was written down (a baseline may be recorded long after "
            "the day it speaks for)."
        )
    )
    corrects: Correction | None = None
    status: Id
    ratings: dict[Criterion, Id] = Field(default_factory=dict)
    rationale: Text
    evidence: tuple[Id, ...] = ()
    assessor: NonEmpty
    confidence: Id
    confidence_note: Text | None = Field(
        default=None,
        description="Why a judgement stands on low-confidence evidence alone, where it does.",
    )
    review: Id | None = None


class Review(Record):
    id: Id
    date: dt.date
    title: Text
    participants: tuple[NonEmpty, ...] = ()
    decisions: tuple[Id, ...] = ()
    notes: Text | None = None


class Dataset(Record):
    schema_version: Literal[1] = 1
    methodology: Methodology
    resolutions: tuple[Resolution, ...] = Field(min_length=1)
    actors: tuple[Actor, ...] = Field(min_length=1)
    commitments: tuple[Commitment, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    reviews: tuple[Review, ...] = ()
