"""The tables the interface shows, each declared once: its columns in order, each with an id
(the frame's column), a header and help (catalogue keys), a kind and a width. The view models
build their frames in this order, the pages turn a table into `st.column_config`
(`ui/tables.py`) and the meeting brief into HTML, so a column is named in one place.

Columns named by the data (one per status, one per criterion) are declared as `PerTerm` and
become columns for a dataset's methodology with `Table.columns_for`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from tracker.domain.languages import LANGUAGES, Language, pick
from tracker.domain.model import Methodology, ScaleLevel, Term
from tracker.domain.scale import ordered
from tracker.present.i18n import language_name, pick_marked, t


class Kind(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    """A day (`datetime.date`), written YYYY-MM-DD."""
    LINK = "link"
    """An http(s) address, shown by its host name."""
    STATUS = "status"
    """A status id, shown by its label (in the brief, with its colour)."""


Width = Literal["small", "medium", "large"]


@dataclass(frozen=True)
class Column:
    """One column. `header` and `help` are catalogue keys (a column of one `language` fills
    the header's {language}); a column named by the data has no header key and takes its
    label and meaning from `term`; with neither, the id is the header (a table whose column
    names are its interface, like an export's). A `hidden` column is in the frame (to pick a
    row by it) but not shown."""

    id: str
    header: str | None = None
    kind: Kind = Kind.TEXT
    width: Width | None = None
    help: str | None = None
    term: Term | ScaleLevel | None = None
    language: Language | None = None
    hidden: bool = False

    def heading(self, lang: str) -> str:
        if self.header is not None and self.language is not None:
            return t(self.header, lang, language=language_name(self.language, lang))
        if self.header is not None:
            return t(self.header, lang)
        return pick(self.term.label, lang) if self.term is not None else self.id

    def help_text(self, lang: str) -> str | None:
        if self.help is not None:
            return t(self.help, lang)
        return pick_marked(self.term.meaning, lang) if self.term is not None else None


Section = Literal["statuses", "criteria"]


@dataclass(frozen=True)
class PerTerm:
    """One column per term of a methodology section, in its order (a scale's by `order`),
    named by the term's id and labelled by the term."""

    section: Section
    kind: Kind = Kind.TEXT

    def columns(self, methodology: Methodology) -> tuple[Column, ...]:
        terms: Sequence[Term | ScaleLevel] = (
            ordered(methodology.statuses) if self.section == "statuses" else methodology.criteria
        )
        return tuple(Column(term.id, kind=self.kind, term=term) for term in terms)


@dataclass(frozen=True)
class Table:
    parts: tuple[Column | PerTerm, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        """The declared columns of a table without `PerTerm` parts."""
        if any(isinstance(part, PerTerm) for part in self.parts):
            raise TypeError("the table has columns per term: use columns_for(methodology)")
        return tuple(part for part in self.parts if isinstance(part, Column))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(column.id for column in self.columns)

    def columns_for(self, methodology: Methodology) -> tuple[Column, ...]:
        return tuple(
            column
            for part in self.parts
            for column in (part.columns(methodology) if isinstance(part, PerTerm) else (part,))
        )

    def ids_for(self, methodology: Methodology) -> tuple[str, ...]:
        return tuple(column.id for column in self.columns_for(methodology))


def table(*parts: Column | PerTerm) -> Table:
    return Table(parts)


def per_language(id: str, header: str, width: Width | None = None) -> tuple[Column, ...]:
    """One text column per language, `<id>_<code>`, headed by `header` with the language."""
    return tuple(Column(f"{id}_{code}", header, width=width, language=code) for code in LANGUAGES)


# Columns that several tables show.
PARAGRAPH = Column("paragraph", "table.paragraph")
ACTOR = Column("actor", "label.actor")
VERB = Column("verb", "label.verb")
CRITERIA_NAMES = Column("criteria", "label.criteria")
SUMMARY = Column("summary", "label.summary", width="large")
STATUS_ID = Column("status", "label.status", Kind.STATUS)
STATUS_LABEL = Column("status", "label.status")
ID = Column("id", "label.id")
DIRECTION = Column("direction", "label.direction")
DAY = Column("date", "label.date", Kind.DATE)
PROBLEM_CODE = Column("code", "problems.code")
STATUS_PER_ACTOR = Column("status", "table.status", width="large")
SINCE = Column("since", "column.since", Kind.DATE)
RATIONALE = Column("rationale", "column.rationale", width="large")
NAME = Column("name", "label.name")
PROBLEM_MESSAGE = Column("message", "problems.message", width="large")
RECORD = Column("id", "label.record")
HIDDEN_ID = Column("id", "label.id", hidden=True)
EVIDENCE_ITEMS = Column("evidence", "label.evidence_items", Kind.NUMBER)
EVIDENCE_CITED = Column("evidence", "label.evidence_cited")
PARTIAL_DATE = Column("date", "label.date")  # 2003, 2003-12 or 2003-12-08, as the data has it
CONFIDENCE = Column("confidence", "label.confidence")
CHANGE = Column("change", "label.change")
ACTORS_ASSESSED = Column("addressed", "label.actors_assessed")
ACTORS_NAMED = Column("actors", "label.actors")
STALE_DAYS = Column(
    "stale_days",
    "commitments.column.stale_days",
    Kind.NUMBER,
    help="commitments.column.stale_days_help",
)
LAST_ASSESSED = Column("assessed_on", "commitments.column.last_assessed", Kind.DATE)

# --- the tables --------------------------------------------------------------------------

# A table's status comes right after the row's name: on a narrow screen the rest scrolls
# sideways, and what an analyst looks for must not be the part scrolled off.
COMMITMENTS = table(
    HIDDEN_ID,
    PARAGRAPH,
    STATUS_PER_ACTOR,
    Column(
        "changes",
        "commitments.column.changes",
        width="large",
        help="commitments.column.changes_help",
    ),
    VERB,
    CRITERIA_NAMES,
    Column("last_assessed", "commitments.column.last_assessed", Kind.DATE),
    STALE_DAYS,
    EVIDENCE_ITEMS,
    ACTORS_ASSESSED,
)
"""The Commitments page's list: one row per commitment."""

COMMITMENTS_SUMMARY = table(
    PARAGRAPH,
    STATUS_PER_ACTOR,
    VERB,
    ACTORS_ASSESSED,
    CRITERIA_NAMES,
    EVIDENCE_ITEMS,
)
"""The Overview's commitments at a glance."""

STANDING = table(
    ACTOR,
    STATUS_LABEL,
    SINCE,
    NAME,
    LAST_ASSESSED,
    Column("newest_evidence", "label.newest_evidence", Kind.DATE),
    STALE_DAYS,
    EVIDENCE_CITED,
)
"""Where one commitment stands for each actor it addresses."""

CRITERIA = table(
    Column("criterion", "label.criterion"),
    *per_language("grounds", "column.grounds"),
    Column("ratings", "column.ratings", width="large"),
)
"""One commitment's criteria, the words that ground each, and each actor's rating."""

EVIDENCE = table(
    ID,
    PARTIAL_DATE,
    DIRECTION,
    Column("commitments", "label.commitments"),
    ACTORS_NAMED,
    CRITERIA_NAMES,
    SUMMARY,
    Column("source", "label.source", width="medium"),
    Column("publisher", "label.publisher"),
    Column("source_type", "label.source_type"),
    CONFIDENCE,
    Column("verification", "label.verification"),
    Column("url", "column.link", Kind.LINK),
)
"""Evidence items, one a row."""

COMMITMENTS_ADDRESSED = Column("commitments", "column.commitments_addressed", Kind.NUMBER)
STATUS_COUNTS = PerTerm("statuses", Kind.NUMBER)

ACTORS = table(
    Column("id", "label.actor"),
    NAME,
    Column("kind", "column.kind"),
    COMMITMENTS_ADDRESSED,
    STATUS_COUNTS,
    Column("votes", "column.votes", width="medium"),
)
"""Every actor at a glance: how many of the commitments addressing it stand in each status."""

SCORECARD = table(
    HIDDEN_ID,
    PARAGRAPH,
    VERB,
    STATUS_LABEL,
    SINCE,
    PerTerm("criteria"),
    Column("trajectory", "label.trajectory", width="large"),
    Column("last_change", "column.last_change"),
    LAST_ASSESSED,
    STALE_DAYS,
    Column("evidence", "column.evidence_count", Kind.NUMBER),
)
"""One actor's commitments, with its rating on each criterion."""

SAYS_DOES = table(
    Column("resolution", "label.resolution"),
    Column("adopted", "label.adopted", Kind.DATE),
    Column("vote", "column.vote", width="medium"),
    COMMITMENTS_ADDRESSED,
    STATUS_COUNTS,
)
"""Per resolution: how an actor voted, beside what it has done."""


def _vocabulary(used: str) -> Table:
    """A methodology section, with how often each term is used (`used`: its header key)."""
    return table(
        ID,
        Column("colour", "methodology.column.colour"),
        Column("label", "methodology.column.label"),
        Column("meaning", "methodology.column.meaning", width="large"),
        Column("used", used, Kind.NUMBER),
    )


VOCABULARY_BY_PAIRS = _vocabulary("methodology.used.pairs")
VOCABULARY_BY_RATINGS = _vocabulary("methodology.used.ratings")
VOCABULARY_BY_EVIDENCE = _vocabulary("label.evidence_items")

PROBLEMS = table(
    Column("location", "problems.location"),
    PROBLEM_CODE,
    Column("path", "label.record"),
    Column("message", "problems.message"),
)
"""The data file's problems, in file order."""

EXPORT_FILES = table(
    Column("file", "export.column.file"),
    Column("rows", "export.column.rows", Kind.NUMBER),
    Column("columns", "export.column.columns", Kind.NUMBER),
    Column("meaning", "export.column.meaning", width="large"),
)
"""The files of the export, with their sizes."""

IMPORT_PROBLEMS = table(
    Column("row", "import.column.row", Kind.NUMBER),
    Column("column", "import.column.column"),
    PROBLEM_CODE,
    PROBLEM_MESSAGE,
)
"""What is wrong with an uploaded evidence CSV, by spreadsheet row."""

INGEST_PROBLEMS = table(
    Column("line", "add.column.line", Kind.NUMBER),
    PROBLEM_CODE,
    PROBLEM_MESSAGE,
)
"""What is wrong with the data once a resolution text is merged into it."""

INGEST_FILLS = table(
    Column("record", "label.record"),
    Column("field", "add.column.field"),
    Column("value", "label.text", width="large"),
)
"""The texts a second language of a resolution fills in records the data holds."""

INGEST_DRAFTS = table(
    ID,
    VERB,
    ACTORS_NAMED,
    CRITERIA_NAMES,
    Column("action", "add.column.action", width="large"),
)
"""The commitments drafted from a resolution text."""

# --- the review's tables: the Review page and the meeting brief show the same ------------

NEW_ASSESSMENTS = table(
    PARAGRAPH,
    ACTOR,
    DAY,
    CHANGE,
    Column("before", "review.column.from", Kind.STATUS),
    Column("after", "review.column.to", Kind.STATUS),
    RECORD,
)
CONTRADICTIONS = table(
    PARAGRAPH,
    ACTOR,
    STATUS_ID,
    Column("evidence", "label.evidence"),
    DIRECTION,
    SUMMARY,
)
CORRECTIONS = table(
    PARAGRAPH,
    ACTOR,
    Column("date", "brief.column.speaks_for", Kind.DATE),
    Column("was", "brief.column.was", Kind.STATUS),
    Column("now", "brief.column.now", Kind.STATUS),
    Column("why", "brief.column.why", width="large"),
    Column("recorded", "column.recorded", Kind.DATE),
    RECORD,
)
"""Corrections of the record recorded in a review's window (the record: corrected → correction)."""
STALE = table(
    PARAGRAPH,
    ACTOR,
    STATUS_ID,
    Column("newest", "brief.column.newest_evidence", Kind.DATE),
    Column("days", "brief.column.days", Kind.NUMBER),
)
NEW_EVIDENCE = table(
    PARTIAL_DATE,
    RECORD,
    Column("paragraphs", "brief.column.commitments"),
    DIRECTION,
    SUMMARY,
    Column("url", "label.source", Kind.LINK),
)
DECISIONS = table(
    ACTOR,
    DAY,
    STATUS_ID,
    RATIONALE,
)
"""The assessments a review meeting decided about one commitment (in the full brief)."""

# --- the meeting brief's own tables (HTML; a status there is a chip) -----------------------

SOURCES = Column("sources", "brief.column.sources")
MOVE = Column("move", "brief.column.previous_new", Kind.STATUS)
BRIEF_DECISIONS = table(
    Column("commitment", "label.commitment"),
    ACTOR,
    MOVE,
    RATIONALE,
    SOURCES,
)
"""The decisions a meeting took, first in its brief."""
BRIEF_MOVES = table(PARAGRAPH, ACTOR, DAY, MOVE, RATIONALE, SOURCES)
"""The status moves of the window, besides the decisions."""
BRIEF_CORRECTIONS = table(
    PARAGRAPH,
    ACTOR,
    Column("date", "brief.column.speaks_for", Kind.DATE),
    Column("move", "brief.column.corrected", Kind.STATUS),
    Column("why", "brief.column.why", width="large"),
)
"""The corrections of the record in the window."""
BRIEF_EVIDENCE = table(
    PARTIAL_DATE,
    Column("paragraphs", "brief.column.commitments"),
    ACTORS_NAMED,
    DIRECTION,
    SUMMARY,
    SOURCES,
)
"""The evidence dated in the window."""

# --- an actor's profile and actors side by side ------------------------------------------

PROFILE = table(
    Column("commitment", "label.commitment"),
    STATUS_ID,
    SINCE,
    Column("ratings", "label.criteria"),
    Column("trajectory", "label.trajectory"),
    RATIONALE,
    SOURCES,
)
"""One actor's standing on each paragraph that addresses it (its printable profile)."""
PROFILE_SAYS_DOES = table(
    Column("resolution", "label.resolution"),
    Column("adopted", "label.adopted", Kind.DATE),
    Column("vote", "column.vote"),
    Column("does", "profile.column.does"),
)
"""Per resolution: how the actor voted, and its pairs by status (in its profile)."""
