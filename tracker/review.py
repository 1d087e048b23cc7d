"""Status review meetings: what changed between two dates, the agenda that follows from it, and
the decisions a meeting recorded, as a table and as Excel-safe CSV.

Pure functions of a dataset and dates; the page and the meeting brief are clients of them.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import pandas as pd

from tracker.analysis import (
    Pair,
    assessed_pairs,
    history,
    latest_by_pair,
    status_table,
    transitions,
)
from tracker.charts import status_groups
from tracker.export import LIST_SEPARATOR, csv_bytes
from tracker.index import derived
from tracker.model import (
    Assessment,
    Commitment,
    Dataset,
    DatePrecision,
    Direction,
    Evidence,
    Review,
    Text,
)

Transition = Literal["first", "improved", "worsened", "same", "unassessed"]

# Evidence in this field comes once a year at best (FAS Nuclear Notebook, SIPRI Yearbook): a
# judgement whose newest evidence is older than that has missed at least one such edition.
DEFAULT_STALE_AFTER_DAYS = 365
# A quarter: the usual interval between review meetings, used before the first one is recorded.
DEFAULT_WINDOW_DAYS = 91


# --- what changed ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewAssessment:
    """An assessment dated in the window, and the move it makes against the pair's previous
    judgement (`analysis.transitions`: 'not yet assessed' is not a judgement)."""

    assessment: Assessment
    transition: Transition
    previous_status: str | None
    """The status of the pair's previous judgement; None when there was none."""

    @property
    def pair(self) -> Pair:
        return Pair(self.assessment.commitment, self.assessment.actor)


@dataclass(frozen=True)
class StalePair:
    """A judgement in force at the end of the window whose newest cited evidence is older
    than the threshold."""

    pair: Pair
    assessment: str
    status: str
    newest_evidence: dt.date
    days: int


@dataclass(frozen=True)
class Contradiction:
    """Evidence the pair's current judgement does not cite, that may date from after it, and
    whose direction opposes the status (regression against progress, progress against
    regression or no progress)."""

    pair: Pair
    assessment: Assessment
    evidence: Evidence


@dataclass(frozen=True)
class Changes:
    """What changed in the window (start, end]: the start day is excluded, so that what a
    review decided on its day is not new again at the next one."""

    start: dt.date
    end: dt.date
    stale_after_days: int
    assessments: tuple[NewAssessment, ...]
    evidence: tuple[Evidence, ...]
    stale: tuple[StalePair, ...]
    contradictions: tuple[Contradiction, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Headline numbers, in display order: new assessments and each kind of transition,
        new evidence, stale judgements and contradictions."""
        moves = [item.transition for item in self.assessments]
        return {
            "assessments": len(self.assessments),
            "worsened": moves.count("worsened"),
            "improved": moves.count("improved"),
            "first": moves.count("first"),
            "same": moves.count("same"),
            "unassessed": moves.count("unassessed"),
            "evidence": len(self.evidence),
            "stale": len(self.stale),
            "contradictions": len(self.contradictions),
        }


def default_start(dataset: Dataset, today: dt.date) -> dt.date:
    """Where 'what changed' starts by default: the date of the last review held before
    `today` (a review dated today is the meeting in progress, whose window runs from the one
    before); with no earlier review, a quarter before `today` (`DEFAULT_WINDOW_DAYS`)."""
    earlier = [review.date for review in dataset.reviews if review.date < today]
    return max(earlier, default=today - dt.timedelta(days=DEFAULT_WINDOW_DAYS))


def changes_between(
    dataset: Dataset,
    start: dt.date,
    end: dt.date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
) -> Changes:
    """What changed after `start` up to and including `end`.

    - New assessments: dated in the window, each with its transition.
    - New evidence: evidence records have no 'added on' date, so "new" means *dated* in the
      window. A partial date ('2024-06', '2024') counts as new in every window its period
      overlaps, so an item of month precision is never missed between two meetings held in
      the same month (it may then be listed by both).
    - Stale: judgements in force on `end` whose newest cited evidence is more than
      `stale_after_days` days older than `end` (pairs citing no evidence are not stale).
    - Contradictions: in force on `end`, see `Contradiction`.
    """
    if start > end:
        raise ValueError(f"the window starts ({start}) after it ends ({end})")
    if stale_after_days < 0:
        raise ValueError("stale_after_days cannot be negative")
    return Changes(
        start=start,
        end=end,
        stale_after_days=stale_after_days,
        assessments=tuple(_new_assessments(dataset, start, end)),
        evidence=tuple(_evidence_index(dataset).dated_in(start, end)),
        stale=tuple(_stale(dataset, end, stale_after_days)),
        contradictions=tuple(_contradictions(dataset, end)),
    )


def partial_date_end(value: str) -> dt.date:
    """The last day a partial date can mean: '2008-06' -> 2008-06-30, '2009' -> 2009-12-31."""
    parts = [int(part) for part in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _dated_in(item: Evidence, start: dt.date, end: dt.date) -> bool:
    return item.start <= end and partial_date_end(item.date) > start


@dataclass(frozen=True)
class _EvidenceIndex:
    """The evidence sorted by (start, id), the last day each can mean, and the items about
    each (commitment, actor), in that order: built once per dataset."""

    ordered: tuple[Evidence, ...]
    starts: tuple[dt.date, ...]
    ends: tuple[dt.date, ...]
    by_pair: dict[Pair, tuple[Evidence, ...]]

    def dated_in(self, start: dt.date, end: dt.date) -> Iterable[Evidence]:
        """`_dated_in` items, in (start, id) order."""
        stop = bisect.bisect_right(self.starts, end)
        return (
            item
            for item, last in zip(self.ordered[:stop], self.ends[:stop], strict=True)
            if last > start
        )


def _build_evidence_index(dataset: Dataset) -> _EvidenceIndex:
    ordered = tuple(sorted(dataset.evidence, key=lambda item: (item.start, item.id)))
    by_pair: dict[Pair, list[Evidence]] = {}
    for item in ordered:
        for commitment in dict.fromkeys(item.commitments):
            for actor in dict.fromkeys(item.actors):
                by_pair.setdefault(Pair(commitment, actor), []).append(item)
    return _EvidenceIndex(
        ordered,
        tuple(item.start for item in ordered),
        tuple(partial_date_end(item.date) for item in ordered),
        {pair: tuple(items) for pair, items in by_pair.items()},
    )


def _evidence_index(dataset: Dataset) -> _EvidenceIndex:
    return derived(dataset, "review.evidence", _build_evidence_index)


def _judgement_steps(
    dataset: Dataset, pair: Pair, end: dt.date
) -> list[tuple[Assessment, Transition, str | None]]:
    """Each assessment of the pair up to `end`, oldest first, with its transition and the
    status of the judgement before it."""
    method = dataset.methodology
    order = {level.id: level.order for level in method.statuses}
    found = history(dataset, pair, end)
    moves = transitions(found, order, method.not_assessed_status)
    steps: list[tuple[Assessment, Transition, str | None]] = []
    previous: str | None = None
    for assessment, move in zip(found, moves, strict=True):
        steps.append((assessment, _as_transition(move), previous))
        if assessment.status != method.not_assessed_status:
            previous = assessment.status
    return steps


def _as_transition(move: str) -> Transition:
    for known in ("first", "improved", "worsened", "same", "unassessed"):
        if move == known:
            return known
    raise ValueError(f"unknown transition {move!r}")


def _new_assessments(dataset: Dataset, start: dt.date, end: dt.date) -> Iterable[NewAssessment]:
    """Every pair with an assessment in the window, addressed or not: its steps up to `end`
    that fall in the window."""
    pairs = dict.fromkeys(
        Pair(a.commitment, a.actor) for a in dataset.assessments if start < a.date <= end
    )
    found = [
        NewAssessment(assessment, move, previous)
        for pair in pairs
        for assessment, move, previous in _judgement_steps(dataset, pair, end)
        if start < assessment.date <= end
    ]
    return sorted(found, key=lambda item: (item.assessment.date, item.assessment.id))


def _stale(dataset: Dataset, end: dt.date, threshold: int) -> Iterable[StalePair]:
    table = status_table(dataset, end)
    if table.empty:
        return
    judged = table.dropna(subset=["stale_days", "assessment"])
    for row in judged[judged["stale_days"] > threshold].itertuples():
        yield StalePair(
            pair=Pair(str(row.commitment), str(row.actor)),
            assessment=str(row.assessment),
            status=str(row.status),
            newest_evidence=row.newest_evidence,
            days=int(row.stale_days),
        )


def _opposing(dataset: Dataset) -> dict[str, Direction]:
    """Status id -> the evidence direction that contradicts it. 'Progressing' statuses and
    the rest of the judged scale come from the methodology (`charts.status_groups`)."""
    method = dataset.methodology
    progressing = {level.id for level in status_groups(dataset)[1]}
    judged = [level.id for level in method.statuses if level.id != method.not_assessed_status]
    return {
        status: Direction.REGRESSION if status in progressing else Direction.PROGRESS
        for status in judged
    }


def _contradictions(dataset: Dataset, end: dt.date) -> Iterable[Contradiction]:
    opposing = _opposing(dataset)
    latest = latest_by_pair(dataset, end)
    about = _evidence_index(dataset).by_pair
    for pair in assessed_pairs(dataset):
        current = latest.get(pair)
        if current is None or current.status not in opposing:
            continue
        for item in about.get(pair, ()):
            if (
                item.direction == opposing[current.status]
                and item.id not in current.evidence
                and _dated_in(item, current.date, end)
            ):
                yield Contradiction(pair, current, item)


# --- agenda ------------------------------------------------------------------------------


class Reason(StrEnum):
    """Why a commitment is on the agenda, in the order the agenda takes them up."""

    WORSENED = "worsened"
    CONTRADICTED = "contradicted"
    STALE = "stale"
    IMPROVED = "improved"
    FIRST = "first"
    REASSESSED = "reassessed"
    NEW_EVIDENCE = "new_evidence"


_REASON_OF_TRANSITION: dict[Transition, Reason] = {
    "worsened": Reason.WORSENED,
    "improved": Reason.IMPROVED,
    "first": Reason.FIRST,
    "same": Reason.REASSESSED,
    "unassessed": Reason.REASSESSED,
}
_RANK = {reason: rank for rank, reason in enumerate(Reason)}
# Worsened, contradicted and stale come first; every other reason ranks as "the rest".
_REST = _RANK[Reason.IMPROVED]


@dataclass(frozen=True)
class Finding:
    """One reason to discuss a commitment: for which actor (None when the record names no
    actor the commitment addresses) and the record behind it (assessment or evidence id)."""

    reason: Reason
    commitment: str
    actor: str | None
    record: str


@dataclass(frozen=True)
class AgendaItem:
    commitment: str
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The distinct reasons, most urgent first."""
        return tuple(sorted({f.reason for f in self.findings}, key=_RANK.__getitem__))

    @property
    def pairs(self) -> tuple[Pair, ...]:
        """The (commitment, actor) pairs the findings are about, in order of first mention."""
        actors = dict.fromkeys(f.actor for f in self.findings if f.actor is not None)
        return tuple(Pair(self.commitment, actor) for actor in actors)

    @property
    def rank(self) -> int:
        """0 worsened, 1 contradicted, 2 stale, 3 any other change, 4 nothing to report."""
        return min((min(_RANK[r], _REST) for r in self.reasons), default=_REST + 1)


def agenda(changes: Changes, dataset: Dataset) -> list[AgendaItem]:
    """One item per commitment: those with a worsened judgement first, then those with a
    contradiction, then stale ones, then the rest (other changes before none); paragraph
    order within each group."""
    findings = _findings(changes, dataset)
    items = [
        AgendaItem(c.id, _ordered_findings(findings.get(c.id, []), c.addressed.actors))
        for c in _in_paragraph_order(dataset.commitments)
    ]
    return sorted(items, key=lambda item: item.rank)


def reorder(items: Sequence[AgendaItem], order_ids: Sequence[str]) -> list[AgendaItem]:
    """The items with the commitments of `order_ids` first, in that order, then the others in
    their current order. An id given twice or naming no item raises ValueError."""
    by_id = {item.commitment: item for item in items}
    unknown = [ref for ref in order_ids if ref not in by_id]
    if unknown:
        raise ValueError(f"not on the agenda: {', '.join(unknown)}")
    if len(set(order_ids)) != len(order_ids):
        raise ValueError("a commitment is listed more than once")
    chosen = set(order_ids)
    return [by_id[ref] for ref in order_ids] + [i for i in items if i.commitment not in chosen]


def _in_paragraph_order(commitments: Iterable[Commitment]) -> list[Commitment]:
    return sorted(commitments, key=lambda c: (c.resolution, c.paragraph))


def _ordered_findings(findings: Iterable[Finding], actors: Sequence[str]) -> tuple[Finding, ...]:
    """Most urgent reason first; within a reason, actors in the order the commitment lists
    them (findings about no addressed actor last), then by record."""
    position = {actor: index for index, actor in enumerate(actors)}

    def key(finding: Finding) -> tuple[int, int, str]:
        where = position.get(finding.actor or "", len(actors))
        return (_RANK[finding.reason], where, finding.record)

    return tuple(sorted(findings, key=key))


def _findings(changes: Changes, dataset: Dataset) -> dict[str, list[Finding]]:
    found: list[Finding] = []
    for new in changes.assessments:
        reason = _REASON_OF_TRANSITION[new.transition]
        found.append(Finding(reason, new.pair.commitment, new.pair.actor, new.assessment.id))
    for item in changes.contradictions:
        pair = item.pair
        found.append(Finding(Reason.CONTRADICTED, pair.commitment, pair.actor, item.evidence.id))
    for stale in changes.stale:
        pair = stale.pair
        found.append(Finding(Reason.STALE, pair.commitment, pair.actor, stale.assessment))
    addressed = {c.id: c.addressed.actors for c in dataset.commitments}
    for evidence in changes.evidence:
        found += _evidence_findings(evidence, addressed)
    by_commitment: dict[str, list[Finding]] = {}
    for finding in found:
        by_commitment.setdefault(finding.commitment, []).append(finding)
    return by_commitment


def _evidence_findings(
    evidence: Evidence, addressed: dict[str, tuple[str, ...]]
) -> Iterable[Finding]:
    for commitment in evidence.commitments:
        actors: list[str | None] = [
            a for a in addressed.get(commitment, ()) if a in evidence.actors
        ]
        for actor in actors or [None]:
            yield Finding(Reason.NEW_EVIDENCE, commitment, actor, evidence.id)


# --- decisions ---------------------------------------------------------------------------

DECISION_COLUMNS = (
    "review_id",
    "review_date",
    "assessment_id",
    "commitment",
    "paragraph",
    "actor",
    "assessed_on",
    "status",
    "status_label_en",
    "status_label_zh",
    "previous_status",
    "transition",
    "rationale_en",
    "rationale_zh",
    "evidence_ids",
    "assessor",
    "confidence",
)


def find_review(dataset: Dataset, review_id: str) -> Review:
    """The review with this id; KeyError when there is none."""
    for review in dataset.reviews:
        if review.id == review_id:
            return review
    raise KeyError(f"no review {review_id!r}")


def decisions_table(dataset: Dataset, review_id: str) -> pd.DataFrame:
    """One row per decision (assessment) of the review, in the order the review lists them,
    with the move each makes against the pair's previous judgement. Columns:
    `DECISION_COLUMNS`; labels in both languages, as in the export."""
    review = find_review(dataset, review_id)
    assessments = {a.id: a for a in dataset.assessments}
    rows = [
        _decision_row(dataset, review, assessments[ref])
        for ref in review.decisions
        if ref in assessments
    ]
    frame = pd.DataFrame(rows, columns=list(DECISION_COLUMNS))
    return frame.astype({c: "str" for c in DECISION_COLUMNS if c != "paragraph"})


def decisions_csv(dataset: Dataset, review_id: str) -> bytes:
    """`decisions_table` as the export's Excel variant: UTF-8 with BOM (Excel then reads the
    Chinese), and text cells that could run as a formula prefixed with an apostrophe."""
    return csv_bytes(decisions_table(dataset, review_id), excel=True)


def _decision_row(dataset: Dataset, review: Review, assessment: Assessment) -> dict[str, object]:
    pair = Pair(assessment.commitment, assessment.actor)
    move, previous = next(
        (move, previous)
        for step, move, previous in _judgement_steps(dataset, pair, assessment.date)
        if step.id == assessment.id
    )
    levels = {level.id: level for level in dataset.methodology.statuses}
    level = levels.get(assessment.status)
    commitment = next((c for c in dataset.commitments if c.id == assessment.commitment), None)
    return {
        "review_id": review.id,
        "review_date": review.date.isoformat(),
        "assessment_id": assessment.id,
        "commitment": assessment.commitment,
        "paragraph": commitment.paragraph if commitment else None,
        "actor": assessment.actor,
        "assessed_on": assessment.date.isoformat(),
        "status": assessment.status,
        "status_label_en": level.label.en if level else "",
        "status_label_zh": (level.label.zh or "") if level else "",
        "previous_status": previous or "",
        "transition": move,
        "rationale_en": assessment.rationale.en,
        "rationale_zh": assessment.rationale.zh or "",
        "evidence_ids": LIST_SEPARATOR.join(assessment.evidence),
        "assessor": assessment.assessor,
        "confidence": assessment.confidence,
    }


# --- what the decision forms write ---------------------------------------------------------


def new_assessment_id(dataset: Dataset, commitment: Commitment, actor: str, day: dt.date) -> str:
    """An id in the style of the pair's earlier ids ('AS-OP4-RUS-2023-06-16'), unique."""
    earlier = history(dataset, Pair(commitment.id, actor))
    suffix = re.compile(rf"-{re.escape(actor)}-\d{{4}}-\d{{2}}-\d{{2}}$")
    stems = [suffix.split(a.id)[0] for a in reversed(earlier) if suffix.search(a.id)]
    short = commitment.resolution.removeprefix("A/RES/")
    stem = stems[0] if stems else f"AS-{short}-OP{commitment.paragraph}"
    taken = {a.id for a in dataset.assessments}
    candidate = f"{stem}-{actor}-{day.isoformat()}"
    number = 2
    while candidate in taken:
        candidate = f"{stem}-{actor}-{day.isoformat()}-{number}"
        number += 1
    return candidate


def next_evidence_id(dataset: Dataset) -> str:
    """'E<n>' after the highest such id in the data."""
    numbers = [int(m.group(1)) for e in dataset.evidence if (m := re.fullmatch(r"E(\d+)", e.id))]
    return f"E{max(numbers, default=0) + 1:02d}"


def meeting_review(
    dataset: Dataset, day: dt.date, title_en: str, title_zh: str, participants: str
) -> Review:
    """The review that decisions taken on `day` go into: the one recorded that day, else a
    new one with that title and the participants given one a line."""
    for review in dataset.reviews:
        if review.date == day:
            return review
    return Review(
        id=f"review-{day.isoformat()}",
        date=day,
        title=Text(en=title_en.strip(), zh=title_zh.strip() or None),
        participants=tuple(line.strip() for line in participants.splitlines() if line.strip()),
    )


def date_precision(date: str, approximate: bool) -> DatePrecision:
    """The precision of a date typed as YYYY, YYYY-MM or YYYY-MM-DD, or 'approximate'."""
    if approximate:
        return DatePrecision.APPROXIMATE
    return {1: DatePrecision.YEAR, 2: DatePrecision.MONTH}.get(
        len(date.split("-")), DatePrecision.DAY
    )


def agenda_page(count: int, page: int, size: int) -> range:
    """Positions of the agenda items shown on page `page` (from 0, clamped) of `size` each."""
    pages = max(1, -(-count // size))
    first = min(max(page, 0), pages - 1) * size
    return range(first, min(first + size, count))
