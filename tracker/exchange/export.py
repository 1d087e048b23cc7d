"""Tables for analysts and the files that carry them to Excel, pandas and R: CSV (plain, or
Excel-safe), a data dictionary, a Frictionless `datapackage.json`, and one zip with them all.

Each table is declared once (`TABLES`): its columns' order, types, meanings and allowed values
drive the DataFrames, the CSV headers, the data dictionary and the data package alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import operator
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, get_args

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.languages import DEFAULT_LANGUAGE, LANGUAGES, text_cells
from tracker.domain.model import (
    Actor,
    Assessment,
    Criterion,
    Dataset,
    DatePrecision,
    Evidence,
    HoldsNsnw,
    Methodology,
    VerificationStatus,
)
from tracker.present import tables
from tracker.present.i18n import language_name
from tracker.query.index import NEVER, derived, index_of
from tracker.source.columns import EPOCH, as_records
from tracker.source.files import replace_whole
from tracker.source.votes_table import KINDS, VOTE_VALUES, load_votes

Progress = Callable[[int, int, str], None]
"""Called as `progress(done, total, file_name)` after each file an export produces."""

LIST_SEPARATOR = ";"
URL_SEPARATOR = " "
LINE_TERMINATOR = "\r\n"
EXCEL_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_ESCAPE = "'"
PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"


class FieldType(StrEnum):
    """Column types, named as in Frictionless Table Schema."""

    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"


class Vocabulary(StrEnum):
    """Where a column's allowed values come from. The first six are sections of the data's
    methodology (with labels and meanings in vocabularies.csv); the others are fixed by the
    data model."""

    STATUSES = "statuses"
    CRITERION_RATINGS = "criterion_ratings"
    CRITERIA = "criteria"
    DIRECTIONS = "directions"
    SOURCE_TYPES = "source_types"
    CONFIDENCE_LEVELS = "confidence_levels"
    DATE_PRECISIONS = "date_precisions"
    VERIFICATION_STATUSES = "verification_statuses"
    ACTOR_KINDS = "actor_kinds"
    NSNW_HOLDINGS = "nsnw_holdings"
    FIELD_TYPES = "field_types"
    ROLL_CALL_KINDS = "roll_call_kinds"
    VOTES = "votes"
    VOCABULARIES = "vocabularies"


METHODOLOGY_VOCABULARIES = (
    Vocabulary.STATUSES,
    Vocabulary.CRITERION_RATINGS,
    Vocabulary.CRITERIA,
    Vocabulary.DIRECTIONS,
    Vocabulary.SOURCE_TYPES,
    Vocabulary.CONFIDENCE_LEVELS,
)

_FIXED_VALUES: dict[Vocabulary, tuple[str, ...]] = {
    Vocabulary.DATE_PRECISIONS: tuple(DatePrecision),
    Vocabulary.VERIFICATION_STATUSES: tuple(VerificationStatus),
    Vocabulary.ACTOR_KINDS: get_args(Actor.model_fields["kind"].annotation),
    Vocabulary.NSNW_HOLDINGS: get_args(HoldsNsnw.model_fields["value"].annotation),
    Vocabulary.FIELD_TYPES: tuple(FieldType),
    Vocabulary.ROLL_CALL_KINDS: KINDS,
    Vocabulary.VOTES: VOTE_VALUES,
    Vocabulary.VOCABULARIES: tuple(METHODOLOGY_VOCABULARIES),
}


def allowed_values(vocabulary: Vocabulary, methodology: Methodology) -> tuple[str, ...]:
    """The ids a column drawing on `vocabulary` may hold; ordered scales in their order."""
    if vocabulary in _FIXED_VALUES:
        return tuple(str(value) for value in _FIXED_VALUES[vocabulary])
    terms = getattr(methodology, vocabulary.value)
    if terms and hasattr(terms[0], "order"):
        terms = sorted(terms, key=lambda term: term.order)
    return tuple(term.id for term in terms)


# --- the declaration ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    type: FieldType
    meaning: str
    required: bool = False
    values: Vocabulary | None = None
    separator: str = ""
    pattern: str = ""


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def on_screen(self) -> tables.Table:
        """The table as the interface shows it: headed by the CSV's own column names, days
        as days and integers as numbers."""
        kinds = {FieldType.DATE: tables.Kind.DATE, FieldType.INTEGER: tables.Kind.NUMBER}
        return tables.table(
            *(tables.Column(c.name, kind=kinds.get(c.type, tables.Kind.TEXT)) for c in self.columns)
        )


def _key(name: str, meaning: str, *, required: bool = True) -> Column:
    return Column(name, FieldType.STRING, meaning, required=required)


def _text(name: str, meaning: str, *, required: bool = False) -> Column:
    return Column(name, FieldType.STRING, meaning, required=required)


def _bilingual(name: str, meaning: str, *, required: bool = False) -> tuple[Column, ...]:
    """A record text: one column per language, `<name>_<code>`; only the default language's
    is ever required."""
    return tuple(
        _text(f"{name}_{code}", f"{meaning} ({language_name(code, 'en')}).", required=required)
        if code == DEFAULT_LANGUAGE
        else _text(
            f"{name}_{code}",
            f"{meaning} ({language_name(code, 'en')}; empty when no translation is recorded).",
        )
        for code in LANGUAGES
    )


def _coded(name: str, values: Vocabulary, meaning: str, *, required: bool = True) -> Column:
    return Column(name, FieldType.STRING, meaning, required=required, values=values)


def _id_list(name: str, meaning: str, values: Vocabulary | None = None) -> Column:
    return Column(
        name,
        FieldType.STRING,
        f"{meaning}, separated by '{LIST_SEPARATOR}'.",
        values=values,
        separator=LIST_SEPARATOR,
    )


def _date(name: str, meaning: str, *, required: bool = True) -> Column:
    return Column(name, FieldType.DATE, meaning, required=required)


def _rating_columns() -> tuple[Column, ...]:
    return tuple(
        _coded(
            f"rating_{criterion}",
            Vocabulary.CRITERION_RATINGS,
            f"Rating on {criterion}; empty when the criterion does not apply or is not rated.",
            required=False,
        )
        for criterion in Criterion
    )


_ID_OWNERS = {
    "resolution_symbol": "resolutions",
    "commitment_id": "commitments",
    "actor_id": "actors",
    "evidence_id": "evidence",
    "assessment_id": "assessments",
    "review_id": "reviews",
}


def _link(name: str, meaning: str, left: Column, right: Column, *extra: Column) -> Table:
    """A table with one row per (left, right) pair, for joins; an id column refers to the
    table that owns that id."""
    return Table(
        name,
        meaning,
        (left, right, *extra),
        primary_key=(left.name, right.name),
        foreign_keys=tuple(
            ForeignKey((column.name,), _ID_OWNERS[column.name], (column.name,))
            for column in (left, right)
            if column.name in _ID_OWNERS
        ),
    )


RESOLUTIONS = Table(
    "resolutions",
    "One row per resolution the tracker follows.",
    (
        _key("resolution_symbol", "UN document symbol of the resolution, e.g. A/RES/58/50."),
        *_bilingual("title", "Title of the resolution", required=True),
        Column(
            "session",
            FieldType.INTEGER,
            "Session of the General Assembly; empty for a Security Council resolution.",
        ),
        _text("agenda_item", "Agenda item under which it was adopted."),
        _date("adopted", "Date of adoption."),
        _text("meeting", "Meeting at which it was adopted."),
        _text("committee_report", "Symbol of the Main Committee's report."),
        _key("predecessor_symbol", "Symbol of the resolution it follows on.", required=False),
        _text(
            "sponsor_names",
            f"Sponsors named by the source, separated by '{LIST_SEPARATOR}'.",
        ),
    ),
    primary_key=("resolution_symbol",),
)

CROSS_REFERENCES = Table(
    "cross_references",
    "One row per document paragraph a resolution refers to (e.g. NPT 2000 Final Document "
    "para. 15:6); commitments and footnotes cite these ids.",
    (
        _key("resolution_symbol", "Resolution that makes the reference."),
        _key("cross_reference_id", "Id of the reference, unique within its resolution."),
        _text("document", "Symbol or name of the document referred to.", required=True),
        _text("paragraph", "Paragraph referred to, as written (e.g. 15:6)."),
        *_bilingual("title", "What the paragraph is", required=True),
        *_bilingual("note", "Note on the reference"),
    ),
    primary_key=("resolution_symbol", "cross_reference_id"),
    foreign_keys=(ForeignKey(("resolution_symbol",), "resolutions", ("resolution_symbol",)),),
)

COMMITMENTS = Table(
    "commitments",
    "One row per commitment: an operative paragraph of a resolution.",
    (
        _key(
            "commitment_id",
            "Id of the commitment: resolution symbol and paragraph, e.g. A/RES/58/50:OP4.",
        ),
        _key("resolution_symbol", "Resolution the paragraph belongs to."),
        Column("paragraph", FieldType.INTEGER, "Number of the operative paragraph.", True),
        *_bilingual("verb", "Leading verb of the paragraph", required=True),
        *_bilingual("text", "Full text of the paragraph, footnote markers removed", required=True),
        *_bilingual("action", "What the paragraph asks, in short", required=True),
        *_bilingual(
            "addressed_as_written", "Who the paragraph addresses, in its own words", required=True
        ),
        _id_list("addressed_actor_ids", "Ids of the actors the tracker assesses on it"),
        *_bilingual("addressed_reason", "Why the tracker assesses those actors", required=True),
        _id_list(
            "criteria",
            "Criteria the wording makes applicable (see commitment_criteria)",
            Vocabulary.CRITERIA,
        ),
        _id_list("cross_reference_ids", "Ids of the cross_references the paragraph relates to"),
        _key(
            "successor_id",
            "Commitment of a later resolution that carries this paragraph forward; empty if none.",
            required=False,
        ),
    ),
    primary_key=("commitment_id",),
    foreign_keys=(ForeignKey(("resolution_symbol",), "resolutions", ("resolution_symbol",)),),
)

COMMITMENT_CRITERIA = _link(
    "commitment_criteria",
    "One row per commitment and criterion that applies to it, with the words that ground it.",
    _key("commitment_id", "Commitment."),
    _coded("criterion", Vocabulary.CRITERIA, "Criterion that applies."),
    *_bilingual(
        "grounds", "The words of the paragraph that make the criterion apply", required=True
    ),
)

COMMITMENT_FOOTNOTES = Table(
    "commitment_footnotes",
    "One row per footnote of an operative paragraph, kept as data rather than in the text.",
    (
        _key("commitment_id", "Commitment whose paragraph has the footnote."),
        Column(
            "position",
            FieldType.INTEGER,
            "Order of the footnote in the paragraph, from 1.",
            required=True,
        ),
        _text("marker", "Footnote marker as printed."),
        *_bilingual("after", "The words the marker follows", required=True),
        *_bilingual("text", "Text of the footnote", required=True),
        _key("cross_reference_id", "Id of the cross_reference it cites.", required=False),
    ),
    primary_key=("commitment_id", "position"),
    foreign_keys=(ForeignKey(("commitment_id",), "commitments", ("commitment_id",)),),
)

ACTORS = Table(
    "actors",
    "One row per actor: a State, group of States or UN organ.",
    (
        _key("actor_id", "Id of the actor (ISO 3166 alpha-3 for States)."),
        *_bilingual("name", "Name", required=True),
        _coded("kind", Vocabulary.ACTOR_KINDS, "Kind of actor."),
        Column(
            "npt_nuclear_weapon_state",
            FieldType.BOOLEAN,
            "true for the five nuclear-weapon States of the NPT, else false.",
            required=True,
        ),
        _coded(
            "holds_nsnw",
            Vocabulary.NSNW_HOLDINGS,
            "Whether it holds non-strategic nuclear weapons; empty when not recorded.",
            required=False,
        ),
        _id_list("holds_nsnw_evidence_ids", "Ids of the evidence for holds_nsnw"),
        *_bilingual("holds_nsnw_note", "Note on holds_nsnw"),
        _text(
            "vote_code",
            "Code of the State in the recorded votes (ISO 3166 alpha-2; "
            "Namibia is the text NA, not a missing value).",
        ),
        _id_list("member_ids", "Ids of the member actors of a group"),
        *_bilingual("note", "Note on the actor"),
    ),
    primary_key=("actor_id",),
)

EVIDENCE = Table(
    "evidence",
    "One row per evidence item: a dated event and its source.",
    (
        _key("evidence_id", "Id of the evidence item."),
        Column(
            "date",
            FieldType.STRING,
            "Date of the event as recorded: ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD (read it "
            "with date_precision).",
            required=True,
            pattern=PARTIAL_DATE_PATTERN,
        ),
        _coded(
            "date_precision",
            Vocabulary.DATE_PRECISIONS,
            "How precise date is; 'approximate' means about that date.",
        ),
        _date(
            "date_start",
            "The first day date can mean (2012-08 gives 2012-08-01), for sorting and filtering.",
        ),
        _text("date_note", "Note on the date."),
        _id_list("actor_ids", "Ids of the actors the event concerns (see evidence_actors)"),
        _id_list("commitment_ids", "Ids of the commitments it bears on (see evidence_links)"),
        _id_list("criteria", "Criteria it bears on (see evidence_criteria)", Vocabulary.CRITERIA),
        _coded("direction", Vocabulary.DIRECTIONS, "Which way the event moves the actors."),
        *_bilingual("summary", "What happened", required=True),
        _text("source_title", "Title of the source.", required=True),
        _text(
            "source_title_note", "Set when the title is paraphrased rather than the source's own."
        ),
        _text("source_publisher", "Publisher of the source.", required=True),
        _text("source_url", "Address of the source (http or https).", required=True),
        _text(
            "source_additional_urls",
            "Other addresses of the source, separated by a space (an address cannot contain one).",
        ),
        _text(
            "source_archived_url",
            "Address of an archived copy of the source (a web archive snapshot).",
        ),
        _coded("source_type", Vocabulary.SOURCE_TYPES, "Kind of source."),
        Column(
            "source_accessed",
            FieldType.STRING,
            "When the source was read: ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD.",
            pattern=PARTIAL_DATE_PATTERN,
        ),
        _coded("confidence", Vocabulary.CONFIDENCE_LEVELS, "Confidence in the item."),
        _coded(
            "verification_status",
            Vocabulary.VERIFICATION_STATUSES,
            "Whether the item was checked against its source.",
        ),
        _text("verification_note", "Note on the verification."),
        *_bilingual("contested", "Set when the reading the item supports is contested"),
    ),
    primary_key=("evidence_id",),
)

EVIDENCE_LINKS = _link(
    "evidence_links",
    "One row per evidence item and commitment it bears on, for joins.",
    _key("evidence_id", "Evidence item."),
    _key("commitment_id", "Commitment it bears on."),
)

EVIDENCE_ACTORS = _link(
    "evidence_actors",
    "One row per evidence item and actor it concerns, for joins.",
    _key("evidence_id", "Evidence item."),
    _key("actor_id", "Actor it concerns."),
)

EVIDENCE_CRITERIA = _link(
    "evidence_criteria",
    "One row per evidence item and criterion it bears on, for joins.",
    _key("evidence_id", "Evidence item."),
    _coded("criterion", Vocabulary.CRITERIA, "Criterion it bears on."),
)

ASSESSMENTS = Table(
    "assessments",
    "The full history: one row per assessment of one commitment for one actor on one date. "
    "Assessments are never edited; a later judgement is a new row, and a judgement found wrong "
    "when it was made is replaced by a row that corrects it (corrects_assessment_id): count "
    "only rows that no other row corrects, as current_status does.",
    (
        _key("assessment_id", "Id of the assessment."),
        _key("commitment_id", "Commitment assessed."),
        _key("actor_id", "Actor assessed."),
        _date("date", "Day the judgement speaks for; it rests on evidence dated on or before it."),
        _date(
            "recorded",
            "Day the judgement was written down (a baseline may be recorded long after).",
        ),
        _coded("status", Vocabulary.STATUSES, "Status given."),
        *_rating_columns(),
        _coded("confidence", Vocabulary.CONFIDENCE_LEVELS, "Confidence in the judgement."),
        _text("assessor", "Who made the judgement.", required=True),
        *_bilingual("rationale", "Reasons for the judgement", required=True),
        _id_list("evidence_ids", "Ids of the evidence cited (see assessment_evidence)"),
        _key("review_id", "Review meeting where it was decided; empty if none.", required=False),
        _key(
            "corrects_assessment_id",
            "Assessment this one replaces because it was wrong when made (a fix of the record, "
            "not a change in the world); empty if none.",
            required=False,
        ),
        *_bilingual("correction_reason", "Why the corrected assessment was wrong"),
        *_bilingual("confidence_note", "Why the judgement stands on low-confidence evidence alone"),
    ),
    primary_key=("assessment_id",),
    foreign_keys=(
        ForeignKey(("commitment_id",), "commitments", ("commitment_id",)),
        ForeignKey(("actor_id",), "actors", ("actor_id",)),
        ForeignKey(("review_id",), "reviews", ("review_id",)),
    ),
)

CRITERIA_RATINGS = Table(
    "criteria_ratings",
    "One row per assessment and criterion it rates.",
    (
        _key("assessment_id", "Assessment that gives the rating."),
        _key("commitment_id", "Commitment assessed (as in assessments)."),
        _key("actor_id", "Actor assessed (as in assessments)."),
        _date("date", "Date of the assessment."),
        _coded("criterion", Vocabulary.CRITERIA, "Criterion rated."),
        _coded("rating", Vocabulary.CRITERION_RATINGS, "Rating given."),
    ),
    primary_key=("assessment_id", "criterion"),
    foreign_keys=(ForeignKey(("assessment_id",), "assessments", ("assessment_id",)),),
)

ASSESSMENT_EVIDENCE = _link(
    "assessment_evidence",
    "One row per assessment and evidence item it cites, for joins.",
    _key("assessment_id", "Assessment."),
    _key("evidence_id", "Evidence item it cites."),
)

CURRENT_STATUS = Table(
    "current_status",
    "One row per commitment and actor the tracker assesses: the status in force on the as-of "
    "date, from the newest assessment dated on or before it.",
    (
        _key("commitment_id", "Commitment."),
        _key("actor_id", "Actor assessed on it."),
        _date("as_of", "The as-of date of the export."),
        _coded(
            "status",
            Vocabulary.STATUSES,
            "Status in force; the methodology's 'not yet "
            "assessed' status when no assessment is dated on or before as_of.",
        ),
        _key("assessment_id", "Assessment that gives the status; empty if none.", required=False),
        _date("assessed_on", "Date of that assessment; empty if none.", required=False),
        _coded(
            "confidence",
            Vocabulary.CONFIDENCE_LEVELS,
            "Confidence of that assessment.",
            required=False,
        ),
        *_rating_columns(),
        Column("evidence_count", FieldType.INTEGER, "Number of evidence items it cites.", True),
        _date(
            "newest_evidence_start",
            "First day of the date of the newest evidence it cites.",
            required=False,
        ),
        Column(
            "stale_days",
            FieldType.INTEGER,
            "Days from newest_evidence_start to as_of; empty when no evidence is cited.",
        ),
    ),
    primary_key=("commitment_id", "actor_id"),
    foreign_keys=(
        ForeignKey(("commitment_id",), "commitments", ("commitment_id",)),
        ForeignKey(("actor_id",), "actors", ("actor_id",)),
        ForeignKey(("assessment_id",), "assessments", ("assessment_id",)),
    ),
)

REVIEWS = Table(
    "reviews",
    "One row per status review meeting.",
    (
        _key("review_id", "Id of the review."),
        _date("date", "Date of the meeting."),
        *_bilingual("title", "Title", required=True),
        _text("participants", f"Who took part, separated by '{LIST_SEPARATOR}'."),
        _id_list("decision_ids", "Ids of the assessments decided (see review_decisions)"),
        *_bilingual("notes", "Notes of the meeting"),
    ),
    primary_key=("review_id",),
)

REVIEW_DECISIONS = _link(
    "review_decisions",
    "One row per review and assessment decided in it, for joins.",
    _key("review_id", "Review."),
    _key("assessment_id", "Assessment decided in it."),
)

VOCABULARIES = Table(
    "vocabularies",
    "The methodology's vocabularies: one row per value, with its labels and meaning.",
    (
        _coded("vocabulary", Vocabulary.VOCABULARIES, "Which vocabulary."),
        _key("value", "The id that appears in the data."),
        Column(
            "order",
            FieldType.INTEGER,
            "Rank on an ordered scale, from 0 (lowest); empty for unordered vocabularies.",
        ),
        *_bilingual("label", "Label", required=True),
        *_bilingual("meaning", "Meaning", required=True),
        Column(
            "colour",
            FieldType.STRING,
            "Colour used in charts (#RRGGBB).",
            pattern="#[0-9A-Fa-f]{6}",
        ),
    ),
    primary_key=("vocabulary", "value"),
)

DATA_DICTIONARY = Table(
    "data_dictionary",
    "One row per column of every table in this export.",
    (
        _key("table", "Table (file name without .csv)."),
        Column("position", FieldType.INTEGER, "Position of the column, from 1.", required=True),
        _key("column", "Column name."),
        _coded("type", Vocabulary.FIELD_TYPES, "Type of the values (Frictionless names)."),
        Column("required", FieldType.BOOLEAN, "true when every row has a value.", required=True),
        _text("meaning", "What the column holds.", required=True),
        _text(
            "allowed_values",
            f"The values it may hold (each item, for a list), separated "
            f"by '{LIST_SEPARATOR}'; empty when free.",
        ),
        _coded(
            "vocabulary",
            Vocabulary.VOCABULARIES,
            "Methodology vocabulary the values come "
            "from (labels in vocabularies.csv); empty otherwise.",
            required=False,
        ),
        _text(
            "list_separator",
            "Separator between the items of a list column; empty when the column holds one value.",
        ),
        _text("excel_variant", "How the Excel variant writes the column."),
    ),
    primary_key=("table", "column"),
)

ROLL_CALLS = Table(
    "roll_calls",
    "One row per recorded General Assembly vote (roll call) that the Voeten UN voting data "
    "codes as arms control and disarmament or nuclear weapons, 1948 to 2019-12-12, as the "
    "dataset gives it (data/votes/disarmament/SOURCES.md); dates, names and issue codes are "
    "the dataset's and can be wrong. A roll call above rcid 5000 can repeat an older one: "
    "repeat_of_rcid says so, and only whole_text_vote rows count as the plenary vote on a "
    "whole text.",
    (
        Column("rcid", FieldType.INTEGER, "Roll-call id of the dataset.", required=True),
        Column("session", FieldType.INTEGER, "Session of the General Assembly.", required=True),
        _date("date", "Date of the vote as the dataset gives it, not always the adoption date."),
        _text("unres", "Resolution symbol in the dataset's own form (R/58/50 is A/RES/58/50)."),
        _text(
            "symbol",
            "The dataset's symbol in the A/RES/session/number form (written so for every "
            "session, only to link and group; check one before 1976 against a UN document); "
            "empty when it cannot be read or names another session than the roll call's.",
        ),
        _text("part", "Part of the resolution, the letter after its number (R/3/564A: A)."),
        _coded(
            "kind",
            Vocabulary.ROLL_CALL_KINDS,
            "What was voted on: whole_text, or a separate vote on a paragraph (para 1) or an "
            "amendment (amend 1), from the dataset's flags.",
        ),
        Column(
            "repeat_of_rcid",
            FieldType.INTEGER,
            "The older roll call that this 2021 record of a vote on the whole text repeats; "
            "empty otherwise. A repeat is never counted.",
        ),
        Column(
            "whole_text_vote",
            FieldType.BOOLEAN,
            "true for the plenary vote on the whole text: kind whole_text and no repeat.",
            required=True,
        ),
        Column(
            "tracked",
            FieldType.BOOLEAN,
            "true when the tracker holds the resolution named by symbol (see resolutions).",
            required=True,
        ),
        Column(
            "importantvote",
            FieldType.INTEGER,
            "1 where the US State Department classed the vote as important (from 1983), else "
            "0; empty where the dataset has no value.",
        ),
        Column("amend", FieldType.INTEGER, "The dataset's amendment flag (1, 0 or empty)."),
        Column("para", FieldType.INTEGER, "The dataset's paragraph flag (1, 0 or empty)."),
        _text("short", "The dataset's short title, in its own spelling."),
        _text("descr", "The dataset's description, in its own spelling."),
        _text("issues", "The dataset's issue labels, joined with '; '."),
        *(
            Column(value, FieldType.INTEGER, f"Number of States voting {value}.", required=True)
            for value in VOTE_VALUES
        ),
    ),
    primary_key=("rcid",),
)

STATE_VOTES = Table(
    "state_votes",
    "One row per member State's vote in a roll call: yes, abstain or no only. A State that "
    "was absent, did not vote or was not a member has no row: no row is not an abstention. "
    'Names are the dataset\'s: "Russia" holds the Soviet Union\'s votes too, "Taiwan" the '
    "China seat's until 1971.",
    (
        Column("rcid", FieldType.INTEGER, "Roll call (see roll_calls).", required=True),
        _text("country", "The State, by the dataset's name.", required=True),
        _text(
            "country_code",
            "ISO 3166 alpha-2 code (NA is Namibia, not a missing value); empty for the Yemen "
            "Arab Republic and the Federal Republic of Germany, which have none.",
        ),
        _coded("vote", Vocabulary.VOTES, "The vote."),
    ),
    primary_key=("rcid", "country"),
    foreign_keys=(ForeignKey(("rcid",), "roll_calls", ("rcid",)),),
)

DATA_TABLES = (
    RESOLUTIONS,
    CROSS_REFERENCES,
    COMMITMENTS,
    COMMITMENT_CRITERIA,
    COMMITMENT_FOOTNOTES,
    ACTORS,
    EVIDENCE,
    EVIDENCE_LINKS,
    EVIDENCE_ACTORS,
    EVIDENCE_CRITERIA,
    ASSESSMENTS,
    CRITERIA_RATINGS,
    ASSESSMENT_EVIDENCE,
    CURRENT_STATUS,
    REVIEWS,
    REVIEW_DECISIONS,
    ROLL_CALLS,
    STATE_VOTES,
)
TABLES = (*DATA_TABLES, VOCABULARIES, DATA_DICTIONARY)
TABLES_BY_NAME = {table.name: table for table in TABLES}


# --- frames ------------------------------------------------------------------------------

Row = dict[str, object]

_DTYPES = {
    FieldType.STRING: "str",
    FieldType.INTEGER: "Int64",
    FieldType.BOOLEAN: "boolean",
    FieldType.DATE: "datetime64[s]",
}


def to_frame(table: Table, rows: Iterable[Row]) -> pd.DataFrame:
    """The rows as a DataFrame with the table's columns, in order, with their pandas dtypes:
    text as `str` ("" when not recorded), integers `Int64`, booleans `boolean`, dates
    `datetime64[s]` (missing ones NA). Every row of a builder has the same keys (one dict
    display makes them), so the first row stands for all."""
    rows = list(rows)
    names = table.column_names
    if rows and tuple(rows[0]) != names:
        raise ValueError(f"{table.name}: row has columns {list(rows[0])}, declared {list(names)}")
    if not rows:
        return columns_frame(table, {name: [] for name in names})
    if len(names) == 1:
        return columns_frame(table, {names[0]: [row[names[0]] for row in rows]})
    values = zip(*map(operator.itemgetter(*names), rows), strict=True)
    return columns_frame(table, dict(zip(names, values, strict=True)))


def columns_frame(
    table: Table, columns: Mapping[str, Sequence[object] | pd.Series]
) -> pd.DataFrame:
    """A DataFrame of the table from its columns (each a sequence of values, or a Series
    with a default index), cast to the table's dtypes as in `to_frame`."""
    if tuple(columns) != table.column_names:
        raise ValueError(
            f"{table.name}: columns {list(columns)}, declared {list(table.column_names)}"
        )
    data = {}
    for column in table.columns:
        values = columns[column.name]
        if column.type is FieldType.DATE:
            if not isinstance(values, pd.Series):
                values = pd.Series(np.array(values, dtype="datetime64[D]"))
            data[column.name] = values.astype(_DTYPES[column.type])
        elif isinstance(values, pd.Series):
            data[column.name] = values.astype(_DTYPES[column.type])
        else:
            data[column.name] = pd.Series(values, dtype=_DTYPES[column.type])
    return pd.DataFrame(data, columns=list(table.column_names))


def _join(items: Iterable[str], separator: str = LIST_SEPARATOR) -> str:
    return separator.join(items)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def resolutions_table(dataset: Dataset) -> pd.DataFrame:
    rows = (
        {
            "resolution_symbol": r.symbol,
            **text_cells("title", r.title),
            "session": r.session,
            "agenda_item": r.agenda_item or "",
            "adopted": r.adopted,
            "meeting": r.meeting or "",
            "committee_report": r.committee_report or "",
            "predecessor_symbol": r.predecessor or "",
            "sponsor_names": _join(r.sponsor_names),
        }
        for r in dataset.resolutions
    )
    return to_frame(RESOLUTIONS, rows)


def cross_references_table(dataset: Dataset) -> pd.DataFrame:
    rows = (
        {
            "resolution_symbol": r.symbol,
            "cross_reference_id": ref.id,
            "document": ref.document,
            "paragraph": ref.paragraph,
            **text_cells("title", ref.title),
            **text_cells("note", ref.note),
        }
        for r in dataset.resolutions
        for ref in r.cross_references
    )
    return to_frame(CROSS_REFERENCES, rows)


def commitments_table(dataset: Dataset) -> pd.DataFrame:
    rows = (
        {
            "commitment_id": c.id,
            "resolution_symbol": c.resolution,
            "paragraph": c.paragraph,
            **text_cells("verb", c.verb),
            **text_cells("text", c.text),
            **text_cells("action", c.action),
            **text_cells("addressed_as_written", c.addressed.as_written),
            "addressed_actor_ids": _join(c.addressed.actors),
            **text_cells("addressed_reason", c.addressed.reason),
            "criteria": _join(ground.criterion for ground in c.criteria),
            "cross_reference_ids": _join(c.cross_references),
            "successor_id": c.successor or "",
        }
        for c in dataset.commitments
    )
    return to_frame(COMMITMENTS, rows)


def commitment_criteria_table(dataset: Dataset) -> pd.DataFrame:
    rows = []
    for c in dataset.commitments:
        seen: set[str] = set()
        for ground in c.criteria:
            if ground.criterion not in seen:
                seen.add(ground.criterion)
                rows.append(
                    {
                        "commitment_id": c.id,
                        "criterion": str(ground.criterion),
                        **text_cells("grounds", ground.grounds),
                    }
                )
    return to_frame(COMMITMENT_CRITERIA, rows)


def commitment_footnotes_table(dataset: Dataset) -> pd.DataFrame:
    rows = (
        {
            "commitment_id": c.id,
            "position": position,
            "marker": note.marker,
            **text_cells("after", note.after),
            **text_cells("text", note.text),
            "cross_reference_id": note.cross_reference or "",
        }
        for c in dataset.commitments
        for position, note in enumerate(c.footnotes, start=1)
    )
    return to_frame(COMMITMENT_FOOTNOTES, rows)


def actors_table(dataset: Dataset) -> pd.DataFrame:
    rows = (
        {
            "actor_id": a.id,
            **text_cells("name", a.name),
            "kind": a.kind,
            "npt_nuclear_weapon_state": a.npt_nuclear_weapon_state,
            "holds_nsnw": a.holds_nsnw.value if a.holds_nsnw else "",
            "holds_nsnw_evidence_ids": _join(a.holds_nsnw.evidence if a.holds_nsnw else ()),
            **text_cells("holds_nsnw_note", a.holds_nsnw.note if a.holds_nsnw else None),
            "vote_code": a.vote_code or "",
            "member_ids": _join(a.members),
            **text_cells("note", a.note),
        }
        for a in dataset.actors
    )
    return to_frame(ACTORS, rows)


def _link_rows(pairs: Iterable[tuple[str, Iterable[str]]], left: str, right: str) -> list[Row]:
    return [{left: key, right: str(ref)} for key, refs in pairs for ref in _unique(refs)]


def _cells(column: pa.ChunkedArray | pa.Array) -> pd.Series:
    """A text column with "" for a missing value, as pandas `str`."""
    return pd.Series(pc.fill_null(column, "").to_pandas(), dtype="str")


def _joined(column: pa.ChunkedArray, separator: str = LIST_SEPARATOR) -> pd.Series:
    """A list column's items joined (`_join`), "" for an empty or missing list."""
    return _cells(pc.binary_join(column, separator))


def _days(column: pa.ChunkedArray) -> pd.Series:
    return pd.Series(np.asarray(column.combine_chunks(), dtype="datetime64[s]"))


def _links(
    table: Table, keys: pa.ChunkedArray, lists: pa.ChunkedArray, left: str, right: str
) -> pd.DataFrame:
    """One row per (key, item of its list), each item once per key (`_unique`), in order."""
    lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    parent = pc.list_parent_indices(lists)
    items = pc.list_flatten(lists)
    # A repeated item within one list is rare: keep the first of each (row, item).
    pair = pc.binary_join_element_wise(pc.cast(parent, pa.string()), items, "\x1f")
    first = pc.index_in(pc.unique(pair), value_set=pair)
    if len(first) < len(pair):
        kept = pa.array(np.sort(np.asarray(first)))
        parent, items = pc.take(parent, kept), pc.take(items, kept)
    return columns_frame(
        table, {left: _cells(pc.take(keys, parent)), right: _cells(pa.chunked_array([items]))}
    )


def evidence_table(dataset: Dataset) -> pd.DataFrame:
    items = as_records(dataset.evidence, Evidence)

    def text(name: str) -> pd.Series:
        return _cells(items.column(name))

    columns = {
        "evidence_id": text("id"),
        "date": text("date"),
        "date_precision": text("date_precision"),
        "date_start": _days(items.column("_start")),
        "date_note": text("date_note"),
        "actor_ids": _joined(items.column("actors")),
        "commitment_ids": _joined(items.column("commitments")),
        "criteria": _joined(items.column("criteria")),
        "direction": text("direction"),
        **{f"summary_{code}": text(f"summary.{code}") for code in LANGUAGES},
        "source_title": text("source.title"),
        "source_title_note": text("source.title_note"),
        "source_publisher": text("source.publisher"),
        "source_url": text("source.url"),
        "source_additional_urls": _joined(items.column("source.additional_urls"), URL_SEPARATOR),
        "source_archived_url": text("source.archived_url"),
        "source_type": text("source.type"),
        "source_accessed": text("source.accessed"),
        "confidence": text("confidence"),
        "verification_status": text("verification.status"),
        "verification_note": text("verification.note"),
        **{f"contested_{code}": text(f"contested.{code}") for code in LANGUAGES},
    }
    return columns_frame(EVIDENCE, columns)


def _evidence_links(dataset: Dataset, table: Table, field: str, right: str) -> pd.DataFrame:
    items = as_records(dataset.evidence, Evidence)
    return _links(table, items.column("id"), items.column(field), "evidence_id", right)


def evidence_links_table(dataset: Dataset) -> pd.DataFrame:
    return _evidence_links(dataset, EVIDENCE_LINKS, "commitments", "commitment_id")


def evidence_actors_table(dataset: Dataset) -> pd.DataFrame:
    return _evidence_links(dataset, EVIDENCE_ACTORS, "actors", "actor_id")


def evidence_criteria_table(dataset: Dataset) -> pd.DataFrame:
    return _evidence_links(dataset, EVIDENCE_CRITERIA, "criteria", "criterion")


def _rating(ratings: pa.ChunkedArray, criterion: Criterion) -> pa.ChunkedArray:
    """Each assessment's rating of `criterion` (null when not rated)."""
    return pc.map_lookup(ratings, str(criterion), "first")


def assessments_table(dataset: Dataset) -> pd.DataFrame:
    found = as_records(dataset.assessments, Assessment)
    ratings = found.column("ratings")

    def texts(name: str, field: str) -> dict[str, pd.Series]:
        return {f"{name}_{code}": _cells(found.column(f"{field}.{code}")) for code in LANGUAGES}

    columns = {
        "assessment_id": _cells(found.column("id")),
        "commitment_id": _cells(found.column("commitment")),
        "actor_id": _cells(found.column("actor")),
        "date": _days(found.column("date")),
        "recorded": _days(found.column("recorded")),
        "status": _cells(found.column("status")),
        **{f"rating_{c}": _cells(_rating(ratings, c)) for c in Criterion},
        "confidence": _cells(found.column("confidence")),
        "assessor": _cells(found.column("assessor")),
        **texts("rationale", "rationale"),
        "evidence_ids": _joined(found.column("evidence")),
        "review_id": _cells(found.column("review")),
        "corrects_assessment_id": _cells(found.column("corrects.assessment")),
        **texts("correction_reason", "corrects.reason"),
        **texts("confidence_note", "confidence_note"),
    }
    return columns_frame(ASSESSMENTS, columns)


def criteria_ratings_table(dataset: Dataset) -> pd.DataFrame:
    found = as_records(dataset.assessments, Assessment)
    ratings = found.column("ratings")
    values = [_rating(ratings, c).combine_chunks() for c in Criterion]
    rated = [np.flatnonzero(np.asarray(pc.is_valid(value))) for value in values]
    # One row per (assessment, criterion it rates), criteria in their model order: stacked
    # criterion by criterion, then sorted by assessment (a stable sort keeps that order).
    order = np.argsort(np.concatenate(rated), kind="stable")
    row = pa.array(np.concatenate(rated)[order])
    number = np.repeat(np.arange(len(values)), [len(rows) for rows in rated])[order]
    criterion = pc.take(pa.array([str(c) for c in Criterion]), number)
    taken_ratings = [pc.take(value, rows) for value, rows in zip(values, rated, strict=True)]
    rating = pc.take(pa.concat_arrays(taken_ratings), order)

    def taken(name: str) -> pd.Series:
        return _cells(pc.take(found.column(name), row))

    columns = {
        "assessment_id": taken("id"),
        "commitment_id": taken("commitment"),
        "actor_id": taken("actor"),
        "date": _days(pc.take(found.column("date"), row)),
        "criterion": _cells(criterion),
        "rating": _cells(rating),
    }
    return columns_frame(CRITERIA_RATINGS, columns)


def assessment_evidence_table(dataset: Dataset) -> pd.DataFrame:
    found = as_records(dataset.assessments, Assessment)
    return _links(
        ASSESSMENT_EVIDENCE,
        found.column("id"),
        found.column("evidence"),
        "assessment_id",
        "evidence_id",
    )


def current_status_table(dataset: Dataset, as_of: dt.date) -> pd.DataFrame:
    """`tracker.query.analysis.status_table` in the export's columns: what each assessment gives
    the table is built once per dataset, then taken for the assessments in force."""
    index = index_of(dataset)
    if not index.pairs:
        return to_frame(CURRENT_STATUS, [])
    facts = derived(dataset, "export.current_status_facts", _status_facts)
    position = index.pair_positions(as_of)
    # The facts' last row is that of a pair with no assessment in force.
    taken = facts.by_assessment.take(np.where(position >= 0, position, len(index.sorted)))
    taken = taken.reset_index(drop=True)
    newest = facts.newest_day[position]
    dated = (position >= 0) & (newest != NEVER)
    stale = pd.arrays.IntegerArray(np.where(dated, as_of.toordinal() - newest, 0), ~dated)
    size = len(position)
    columns: dict[str, Sequence[object] | pd.Series] = {
        "commitment_id": facts.commitment,
        "actor_id": facts.actor,
        "as_of": pd.Series(np.full(size, np.datetime64(as_of, "D"))),
        **{name: taken[name] for name in taken.columns},
        "stale_days": pd.Series(stale),
    }
    return columns_frame(
        CURRENT_STATUS, {name: columns[name] for name in CURRENT_STATUS.column_names}
    )


@dataclass(frozen=True)
class _StatusFacts:
    """The columns of `current_status` that an assessment decides, by position in the
    index's sorted assessments plus a last row for none; the pairs' ids; and the ordinal of
    the newest evidence each assessment cites (`NEVER` for none)."""

    by_assessment: pd.DataFrame
    commitment: pd.Series
    actor: pd.Series
    newest_day: np.ndarray


def _status_facts(dataset: Dataset) -> _StatusFacts:
    index = index_of(dataset)
    found = index.sorted

    def text(values: pa.ChunkedArray, last: str) -> pd.Series:
        return pd.concat([_cells(values), pd.Series([last], dtype="str")], ignore_index=True)

    ratings = found.column("ratings")
    newest = np.append(index.newest_day, NEVER)
    by_assessment = {
        "status": text(found.column("status"), index.not_assessed),
        "assessment_id": text(found.column("id"), ""),
        "assessed_on": pd.concat(
            [_days(found.column("date")), pd.Series([None], dtype="datetime64[s]")],
            ignore_index=True,
        ),
        "confidence": text(found.column("confidence"), ""),
        **{f"rating_{c}": text(_rating(ratings, c), "") for c in Criterion},
        "evidence_count": np.append(index.cited_count, 0),
        "newest_evidence_start": pd.Series(
            np.where(
                newest == NEVER, np.datetime64("NaT"), (newest - EPOCH).astype("datetime64[D]")
            )
        ),
    }
    types = {column.name: _DTYPES[column.type] for column in CURRENT_STATUS.columns}
    return _StatusFacts(
        by_assessment=pd.DataFrame(
            {
                name: pd.Series(values).astype(types[name])
                if isinstance(values, pd.Series)
                else pd.Series(values, dtype=types[name])
                for name, values in by_assessment.items()
            }
        ),
        commitment=pd.Series([pair.commitment for pair in index.pairs], dtype="str"),
        actor=pd.Series([pair.actor for pair in index.pairs], dtype="str"),
        newest_day=newest,
    )


def reviews_table(dataset: Dataset) -> pd.DataFrame:
    rows = (
        {
            "review_id": r.id,
            "date": r.date,
            **text_cells("title", r.title),
            "participants": _join(r.participants),
            "decision_ids": _join(r.decisions),
            **text_cells("notes", r.notes),
        }
        for r in dataset.reviews
    )
    return to_frame(REVIEWS, rows)


def review_decisions_table(dataset: Dataset) -> pd.DataFrame:
    pairs = ((r.id, r.decisions) for r in dataset.reviews)
    return to_frame(REVIEW_DECISIONS, _link_rows(pairs, "review_id", "assessment_id"))


def roll_calls_table(dataset: Dataset) -> pd.DataFrame:
    """The recorded votes' roll calls (`tracker.source.votes_table`); none when there are no
    vote files. `tracked` marks those of the resolutions `dataset` holds."""
    votes = load_votes()
    if votes is None:
        return to_frame(ROLL_CALLS, [])
    calls = votes.roll_calls
    held = pa.array(sorted(r.symbol for r in dataset.resolutions), pa.string())
    columns = {
        **{
            name: _series(calls[name])
            for name in ROLL_CALLS.column_names
            if name in calls.column_names
        },
        "repeat_of_rcid": _series(calls["repeat_of"]),
        "tracked": _series(pc.is_in(calls["symbol"], value_set=held)),
    }
    return columns_frame(ROLL_CALLS, {name: columns[name] for name in ROLL_CALLS.column_names})


def state_votes_table() -> pd.DataFrame:
    """Every State vote of the recorded votes, in the file's order; none without vote files."""
    votes = load_votes()
    if votes is None:
        return to_frame(STATE_VOTES, [])
    table = votes.votes
    return columns_frame(
        STATE_VOTES, {name: _series(table[name]) for name in STATE_VOTES.column_names}
    )


def _series(column: pa.ChunkedArray | pa.Array) -> pd.Series:
    """An Arrow column as a Series (dates as datetime64, nulls as missing values)."""
    series: pd.Series = column.to_pandas(date_as_object=False)
    return series


def vocabularies_table(methodology: Methodology) -> pd.DataFrame:
    rows = []
    for vocabulary in METHODOLOGY_VOCABULARIES:
        terms = {term.id: term for term in getattr(methodology, vocabulary.value)}
        for value in allowed_values(vocabulary, methodology):
            term = terms[value]
            rows.append(
                {
                    "vocabulary": str(vocabulary),
                    "value": value,
                    "order": getattr(term, "order", None),
                    **text_cells("label", term.label),
                    **text_cells("meaning", term.meaning),
                    "colour": term.colour or "",
                }
            )
    return to_frame(VOCABULARIES, rows)


def excel_note(column: Column) -> str:
    """How the Excel variant writes a column, for the data dictionary."""
    if column.type is FieldType.STRING:
        return (
            f"a value that begins with = + - @ tab or carriage return gets a leading "
            f"{EXCEL_ESCAPE} so that no formula runs; otherwise as in the plain variant"
        )
    return "as in the plain variant (a negative number is not prefixed)"


def data_dictionary_table(methodology: Methodology) -> pd.DataFrame:
    rows = (
        {
            "table": table.name,
            "position": position,
            "column": column.name,
            "type": str(column.type),
            "required": column.required,
            "meaning": column.meaning,
            "allowed_values": _join(allowed_values(column.values, methodology))
            if column.values
            else "",
            "vocabulary": str(column.values) if column.values in METHODOLOGY_VOCABULARIES else "",
            "list_separator": column.separator,
            "excel_variant": excel_note(column),
        }
        for table in TABLES
        for position, column in enumerate(table.columns, start=1)
    )
    return to_frame(DATA_DICTIONARY, rows)


_BUILDERS: dict[str, Callable[[Dataset, dt.date], pd.DataFrame]] = {
    "resolutions": lambda data, _: resolutions_table(data),
    "cross_references": lambda data, _: cross_references_table(data),
    "commitments": lambda data, _: commitments_table(data),
    "commitment_criteria": lambda data, _: commitment_criteria_table(data),
    "commitment_footnotes": lambda data, _: commitment_footnotes_table(data),
    "actors": lambda data, _: actors_table(data),
    "evidence": lambda data, _: evidence_table(data),
    "evidence_links": lambda data, _: evidence_links_table(data),
    "evidence_actors": lambda data, _: evidence_actors_table(data),
    "evidence_criteria": lambda data, _: evidence_criteria_table(data),
    "assessments": lambda data, _: assessments_table(data),
    "criteria_ratings": lambda data, _: criteria_ratings_table(data),
    "assessment_evidence": lambda data, _: assessment_evidence_table(data),
    "current_status": current_status_table,
    "reviews": lambda data, _: reviews_table(data),
    "review_decisions": lambda data, _: review_decisions_table(data),
    "roll_calls": lambda data, _: roll_calls_table(data),
    "state_votes": lambda data, _: state_votes_table(),
    "vocabularies": lambda data, _: vocabularies_table(data.methodology),
    "data_dictionary": lambda data, _: data_dictionary_table(data.methodology),
}


# The tables that depend on the as-of date; the others depend on the data alone.
AS_OF_TABLES = frozenset({"current_status"})


def build_table(name: str, dataset: Dataset, as_of: dt.date) -> pd.DataFrame:
    """The table called `name` (see `TABLES`)."""
    return _BUILDERS[name](dataset, as_of)


def export_tables(dataset: Dataset, as_of: dt.date) -> dict[str, pd.DataFrame]:
    """Every table of the export, by name, in file order."""
    return {table.name: build_table(table.name, dataset, as_of) for table in TABLES}


# --- CSV ---------------------------------------------------------------------------------

DIALECT = {
    "delimiter": ",",
    "lineTerminator": LINE_TERMINATOR,
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
    "header": True,
}
"""The CSV dialect as the data package states it; `csv_bytes` writes by it."""

_DELIMITER = str(DIALECT["delimiter"])
_QUOTE = str(DIALECT["quoteChar"])
# RFC 4180 quotes a cell that holds the delimiter, the quote or a line break. None of these
# bytes occurs inside a multi-byte UTF-8 character, so the bytes can be searched as they are.
_QUOTED_BYTES = tuple((_DELIMITER + _QUOTE + LINE_TERMINATOR).encode())
_BOM = "\ufeff".encode()


def _scalar(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


def _whole(cells: pa.Array | pa.ChunkedArray) -> pa.Array:
    return cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells


def neutralize(cells: pa.Array) -> pa.Array:
    """The text cells as the Excel variant writes them: with a leading `'` where a cell
    begins with a character that makes a spreadsheet read it as a formula (OWASP, CSV
    injection); missing cells stay missing."""
    risky = functools.reduce(pc.or_, (pc.starts_with(cells, t) for t in EXCEL_TRIGGERS))
    if not pc.any(risky).as_py():
        return cells
    escaped = pc.binary_join_element_wise(_scalar(EXCEL_ESCAPE), cells, _scalar(""))
    return pc.if_else(risky, escaped, cells)


def _csv_cells(series: pd.Series, excel: bool) -> pa.Array:
    """The column's CSV cells before quoting, as Arrow text, missing values null: dates as
    YYYY-MM-DD, booleans as true and false, numbers and any other values as `str` writes
    them; text neutralized in the Excel variant (only text: a negative number stays one)."""
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        cells = pc.cast(pa.array(series), pa.date32())
    elif pd.api.types.is_bool_dtype(dtype):
        cells = pc.if_else(pa.array(series), _scalar("true"), _scalar("false"))
    elif pd.api.types.is_integer_dtype(dtype):
        cells = pa.array(series)
    elif pd.api.types.is_numeric_dtype(dtype):
        cells = pa.array(series.map(str, na_action="ignore").astype("str"))
    else:
        text = series if dtype == "str" else series.map(str, na_action="ignore").astype("str")
        cells = _whole(pa.array(text, pa.large_string()))
        return neutralize(cells) if excel else cells
    return _whole(pc.cast(cells, pa.large_string()))


def _offsets(cells: pa.Array) -> np.ndarray:
    """Where each cell of a `large_string` array starts in its data buffer, and the end."""
    offsets = np.frombuffer(cells.buffers()[1], dtype=np.int64)
    return offsets[cells.offset : cells.offset + len(cells) + 1]


def _needs_quotes(cells: pa.Array) -> np.ndarray:
    """Which cells hold a byte that RFC 4180 quotes: the column's bytes are searched at once,
    each byte found is mapped to its cell by the offsets (a null cell may match: it stays
    null when quoted)."""
    found = np.zeros(len(cells), dtype=bool)
    data = cells.buffers()[2]
    if data is None or not len(cells):
        return found
    offsets = _offsets(cells)
    content = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
    special = functools.reduce(operator.or_, (content == byte for byte in _QUOTED_BYTES))
    found[np.searchsorted(offsets, np.flatnonzero(special) + offsets[0], side="right") - 1] = True
    return found


def _quoted(cells: pa.Array, alone: bool) -> pa.Array:
    """The cells quoted where RFC 4180 needs it, a quote inside doubled. The empty cells of a
    table's only column are quoted too, or their records would be blank lines."""
    needs = _needs_quotes(cells)
    if alone:
        cells = pc.fill_null(cells, _scalar(""))
        needs |= np.asarray(pc.equal(pc.binary_length(cells), 0))
    if not needs.any():
        return cells
    doubled = pc.replace_substring(cells, _QUOTE, _QUOTE * 2)
    quoted = pc.binary_join_element_wise(_scalar(_QUOTE), doubled, _scalar(_QUOTE), _scalar(""))
    return pc.if_else(pa.array(needs), quoted, cells)


def _records(columns: Sequence[pa.Array]) -> memoryview:
    """Columns of cells (`_csv_cells`) as CSV records, each ended by the line terminator: the
    joined cells of an Arrow text array are the records' bytes, one after another."""
    alone = len(columns) == 1
    cells = [_quoted(column, alone) for column in columns]
    records = pc.binary_join_element_wise(
        *cells, _scalar(_DELIMITER), null_handling="replace", null_replacement=""
    )
    records = _whole(pc.binary_join_element_wise(records, _scalar(""), _scalar(LINE_TERMINATOR)))
    if not len(records):
        return memoryview(b"")
    offsets = _offsets(records)
    return memoryview(records.buffers()[2])[offsets[0] : offsets[-1]]


def csv_bytes(frame: pd.DataFrame, excel: bool) -> bytes:
    """The frame as CSV (RFC 4180, `DIALECT`: comma, `"` quoting where needed, CRLF between
    records; line breaks inside a cell are kept as they are). Plain: UTF-8 without BOM.
    Excel: UTF-8 with BOM, and text cells neutralized (`neutralize`); numbers, dates and
    booleans as in plain, so a negative number stays a number. Each column is converted and
    quoted whole with Arrow compute, and the records joined in Arrow."""
    if not len(frame.columns):  # a blank line per record, as pandas writes it
        return (_BOM if excel else b"") + LINE_TERMINATOR.encode() * (len(frame) + 1)
    header = _records([pa.array([str(name)], pa.large_string()) for name in frame.columns])
    body = _records([_csv_cells(frame.iloc[:, index], excel) for index in range(frame.shape[1])])
    return b"".join([_BOM if excel else b"", header, body])


# --- data package, readme, zip -----------------------------------------------------------


def _field(column: Column, methodology: Methodology) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": str(column.type),
        "description": column.meaning,
    }
    if column.type is FieldType.DATE:
        field["format"] = "default"
    if column.type is FieldType.BOOLEAN:
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.values and not column.separator:
        constraints["enum"] = list(allowed_values(column.values, methodology))
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table, methodology: Methodology) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column, methodology) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.columns),
                "reference": {"resource": key.table, "fields": list(key.references)},
            }
            for key in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.file_name,
        "profile": "tabular-data-resource",
        "description": table.meaning,
        "format": "csv",
        "mediatype": "text/csv",
        # The IANA name for both variants: readers (frictionless, pandas, readr) skip a BOM.
        "encoding": "utf-8",
        "dialect": DIALECT,
        "schema": schema,
    }


def datapackage(methodology: Methodology, as_of: dt.date, excel: bool) -> dict[str, Any]:
    """The Frictionless (Data Package v1) descriptor of the export."""
    variant = "Excel variant. " if excel else ""
    return {
        "profile": "tabular-data-package",
        "name": "commitment-tracker",
        "title": f"Commitment tracker export, status as of {as_of.isoformat()}",
        "description": f"{variant}See README.md for the conventions and data_dictionary.csv "
        "for every column.",
        "resources": [_resource(table, methodology) for table in TABLES],
    }


def readme(as_of: dt.date, excel: bool) -> str:
    """The conventions of the export, for the people who open the zip."""
    variant = (
        "This is the **Excel variant**: UTF-8 with a byte order mark, so that Excel shows "
        "Chinese text, and a text cell that begins with `=`, `+`, `-`, `@`, a tab or a "
        f"carriage return has a `{EXCEL_ESCAPE}` in front so that no formula runs. Numbers, "
        "dates and booleans are written as in the plain variant. Use the plain variant for "
        "pandas, R and other programs."
        if excel
        else "This is the **plain variant**: UTF-8 without a byte order mark, every value as in "
        "the data, in the forms below. For Excel, export the Excel variant."
    )
    tables = "\n".join(f"- `{table.file_name}`: {table.meaning}" for table in TABLES)
    languages = " and ".join(language_name(code, "en") for code in LANGUAGES)
    text_columns = " and ".join(f"`<name>_{code}`" for code in LANGUAGES)
    return f"""# Commitment tracker export

Tables derived from the tracker's data file. `current_status.csv` gives the status as of
{as_of.isoformat()}; every other table holds the full history.

{variant}

## Conventions
- CSV as in RFC 4180: comma-separated, a header row, `"` around a value that needs it (doubled
  inside), CRLF between records. A line break inside a value is kept as it is in the data.
- `data_dictionary.csv` gives every column's type, meaning and allowed values;
  `vocabularies.csv` gives the labels ({languages}) of the methodology's values;
  `datapackage.json` describes the same as a Frictionless data package.
- A text has one column per language: {text_columns}.
- An empty cell means "not recorded", and nothing else does: `NA` in a cell is text (Namibia's
  vote code). Read with `keep_default_na=False` in pandas and `na = ""` in R's readr, or let
  Frictionless tools (Python `frictionless`, R `frictionless`) read `datapackage.json`.
- Dates are ISO 8601 (`YYYY-MM-DD`). An evidence item's `date` keeps the precision it was
  recorded with (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, see `date_precision`); `date_start`
  is the first day it can mean.
- Booleans are `true` and `false`; integers have no decimal point.
- Ids join across tables: `resolution_symbol`, `commitment_id`, `actor_id`, `evidence_id`,
  `assessment_id`, `review_id`. A list of ids in a wide table is separated by `;` (ids never
  contain one); the tables below named as links have one row per pair, for joins.

## Tables
{tables}
- `datapackage.json`: the Frictionless descriptor (types, keys, allowed values).
"""


def archive_name(as_of: dt.date, excel: bool) -> str:
    """Name of the export's folder in the zip (and of the zip, with `.zip`)."""
    return f"commitment-tracker-{as_of.isoformat()}{'-excel' if excel else ''}"


def export_files(
    dataset: Dataset, as_of: dt.date, excel: bool, progress: Progress | None = None
) -> Iterator[tuple[str, bytes]]:
    """Each file of the export as (name, bytes): README.md, datapackage.json, then the tables
    in declaration order. Tables are built one at a time, as they are asked for."""
    total = len(TABLES) + 2
    descriptor = datapackage(dataset.methodology, as_of, excel)
    fixed = [
        ("README.md", readme(as_of, excel).encode("utf-8")),
        (
            "datapackage.json",
            (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode(),
        ),
    ]
    for done, (name, content) in enumerate(fixed, start=1):
        yield name, content
        if progress:
            progress(done, total, name)
    for done, table in enumerate(TABLES, start=len(fixed) + 1):
        yield table.file_name, csv_bytes(build_table(table.name, dataset, as_of), excel)
        if progress:
            progress(done, total, table.file_name)


def export_zip(
    dataset: Dataset, as_of: dt.date, excel: bool, progress: Progress | None = None
) -> bytes:
    """Every file of the export in one zip, under a folder named by `archive_name`. The same
    data gives the same bytes (entries are dated `as_of`)."""
    files = export_files(dataset, as_of, excel, progress)
    return zip_files(files, archive_name(as_of, excel), as_of)


def zip_files(
    files: Iterable[tuple[str, bytes]],
    folder: str,
    as_of: dt.date,
    progress: Progress | None = None,
) -> bytes:
    """`files` (name, bytes) in one zip under `folder`, each entry dated `as_of` (1980 at the
    earliest, as zip dates go) so that the same files give the same bytes."""
    stamp = max(as_of, dt.date(1980, 1, 1))
    total = len(TABLES) + 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, (name, content) in enumerate(files, start=1):
            info = zipfile.ZipInfo(
                f"{folder}/{name}", (stamp.year, stamp.month, stamp.day, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
            if progress:
                progress(done, total, name)
    return buffer.getvalue()


def write_export(
    dataset: Dataset,
    out_dir: str | Path,
    as_of: dt.date,
    excel: bool,
    progress: Progress | None = None,
) -> list[Path]:
    """Write every file of the export into `out_dir` (created if needed, files replaced);
    return their paths. Each file is written whole to a temporary name, then renamed."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in export_files(dataset, as_of, excel, progress):
        path = folder / name
        replace_whole(path, content)
        written.append(path)
    return written


def file_names() -> Sequence[str]:
    """Names of the files of an export, in order."""
    return ("README.md", "datapackage.json", *(table.file_name for table in TABLES))
