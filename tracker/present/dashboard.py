"""Tables and filters behind the Commitments, Actors, Evidence, Source text and Methodology
pages: pure functions of (dataset, as-of date, language, filter). Filters are frozen
dataclasses, so a view is a value that a URL can carry."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.domain.languages import DEFAULT_LANGUAGE, LANGUAGES, pick, text_in
from tracker.domain.model import (
    Actor,
    Assessment,
    Commitment,
    Criterion,
    Dataset,
    Evidence,
    ScaleLevel,
    Term,
)
from tracker.domain.transitions import MOVES, Transition, held_since
from tracker.domain.urls import is_web_url
from tracker.present import tables
from tracker.present.charts import plotly_excerpt, plotly_text
from tracker.present.i18n import pick_marked, t
from tracker.query.corrections import CorrectedJudgement, behind
from tracker.query.index import Pair, Step, derived, index_of
from tracker.query.names import commitment_labels
from tracker.query.review import all_corrections
from tracker.source.votes import read_vote_records


class Change(StrEnum):
    """The kinds of change the Commitments page filters on (the values are its URL's)."""

    WORSENED = "worsened"
    IMPROVED = "improved"
    CHANGED = "changed"
    """Either way."""


CHANGES = tuple(Change)
_CHANGE_TRANSITIONS: dict[Change, frozenset[Transition]] = {
    Change.WORSENED: frozenset({Transition.WORSENED}),
    Change.IMPROVED: frozenset({Transition.IMPROVED}),
    Change.CHANGED: MOVES,
}
VOTE_KEYS = {
    "yes": "dashboard.vote.yes",
    "no": "dashboard.vote.no",
    "abstain": "dashboard.vote.abstain",
    "non-voting": "dashboard.vote.non_voting",
    "unknown": "dashboard.vote.unknown",
    "not_a_state": "dashboard.vote.not_a_state",
}
SEPARATOR = " · "
ARROW = " → "


def as_change(value: object) -> Change | None:
    """The kind of change a widget or URL gives, None for none or an unknown one."""
    return Change(value) if isinstance(value, str) and value in CHANGES else None


def _levels(dataset: Dataset) -> dict[str, ScaleLevel]:
    return {level.id: level for level in dataset.methodology.statuses}


# --- a pair's history --------------------------------------------------------------------


def steps(dataset: Dataset, pair: Pair, as_of: dt.date) -> list[Step]:
    """The pair's assessments up to `as_of`, oldest first, each with its transition
    (`Step`: the assessment, its `Transition`, and the judged status before it)."""
    return list(index_of(dataset).steps(pair, as_of))


def status_since(found: Sequence[Step]) -> dt.date | None:
    """Since when the status in force has stood: the date of the first assessment of the
    latest unbroken run of that status."""
    return held_since([step.assessment for step in found])


def trajectory(found: Sequence[Step], dataset: Dataset, lang: str) -> str:
    """The statuses a pair has passed through, oldest first, repeats folded:
    'No progress → Limited progress → Regressing'."""
    levels = _levels(dataset)
    labels: list[str] = []
    for step in found:
        label = pick(levels[step.assessment.status].label, lang)
        if not labels or labels[-1] != label:
            labels.append(label)
    return ARROW.join(labels)


def describe_step(step: Step, dataset: Dataset, lang: str, actor: str | None = None) -> str:
    """'RUS 2021-10-01: No progress → Regressing' (the actor prefix when given)."""
    return _describe(step, _status_labels(dataset, lang), actor)


def _status_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    return {level.id: pick(level.label, lang) for level in dataset.methodology.statuses}


def _describe(step: Step, labels: Mapping[str, str], actor: str | None = None) -> str:
    return _describe_change(step.assessment, step.previous, labels, actor)


def _describe_change(
    assessment: Assessment, previous: str | None, labels: Mapping[str, str], actor: str | None
) -> str:
    after = labels[assessment.status]
    before = labels[previous] if previous else None
    change = f"{before}{ARROW}{after}" if before and before != after else after
    prefix = f"{actor} " if actor else ""
    return f"{prefix}{assessment.date.isoformat()}: {change}"


# --- commitments -------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentFilter:
    """Which commitments the Commitments page lists.

    A commitment is listed when it belongs to one of `resolutions` (any when empty) and,
    when any of the other fields is set, when at least one of its (commitment, actor) pairs
    has an actor in `actors` (any when empty), a status in force in `statuses` (any when
    empty) and, when `change` or `since` is set, a change of that kind (any change when only
    `since` is set) dated on or after `since` (any time when unset).
    """

    resolutions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    change: Change | None = None
    since: dt.date | None = None

    @property
    def wants_change(self) -> bool:
        return self.change is not None or self.since is not None

    @property
    def on_pairs(self) -> bool:
        return bool(self.actors or self.statuses or self.wants_change)


@dataclass(frozen=True)
class PairMatch:
    """A pair that passes a filter: its status in force and the changes that qualified it."""

    pair: Pair
    status: str
    changes: tuple[Step, ...]


def _matching_steps(found: Sequence[Step], filt: CommitmentFilter) -> tuple[Step, ...]:
    kinds = _CHANGE_TRANSITIONS[filt.change or Change.CHANGED]
    return tuple(
        step
        for step in found
        if step.transition in kinds and (filt.since is None or step.assessment.date >= filt.since)
    )


def match_pairs(dataset: Dataset, as_of: dt.date, filt: CommitmentFilter) -> list[PairMatch]:
    """The pairs that pass the filter's actor, status and change conditions, on `as_of`, in
    the order of the commitments (resolution, paragraph) and of their actors."""
    index = index_of(dataset)
    pairs = index.commitment_pairs
    statuses = [*index.statuses, dataset.methodology.not_assessed_status]
    status = index.commitment_standing(as_of).status
    out: list[PairMatch] = []
    found = np.flatnonzero(_kept_pairs(dataset, as_of, filt)).tolist()
    for flat, row, number in zip(
        found, pairs.row[found].tolist(), status[found].tolist(), strict=True
    ):
        pair = Pair(index.ordered[row].id, pairs.actors[flat])
        changes = _matching_steps(index.steps(pair, as_of), filt) if filt.wants_change else ()
        out.append(PairMatch(pair, statuses[number], changes))
    return out


def _rows_of(dataset: Dataset, resolutions: Sequence[str]) -> list[int]:
    """The rows of the index's `ordered` commitments in one of `resolutions` (all when none)."""
    ordered = index_of(dataset).ordered
    if not resolutions:
        return list(range(len(ordered)))
    chosen = set(resolutions)  # thousands at full size: searched once per commitment
    return [row for row, c in enumerate(ordered) if c.resolution in chosen]


def _kept_pairs(dataset: Dataset, as_of: dt.date, filt: CommitmentFilter) -> np.ndarray:
    """Which pairs of `CommitmentPairs` pass the filter (see `match_pairs`)."""
    index = index_of(dataset)
    pairs = index.commitment_pairs
    keep = np.ones(len(pairs.actors), dtype=bool)
    if filt.resolutions:
        keep &= np.isin(pairs.row, _rows_of(dataset, filt.resolutions))
    if filt.actors:
        chosen = [n for n, actor in enumerate(pairs.actor_names) if actor in filt.actors]
        keep &= np.isin(pairs.actor_number, chosen)
    if filt.statuses:
        statuses = [*index.statuses, dataset.methodology.not_assessed_status]
        wanted = [n for n, status in enumerate(statuses) if status in filt.statuses]
        keep &= np.isin(index.commitment_standing(as_of).status, wanted)
    if filt.wants_change:
        keep &= _change_counts(dataset, as_of, filt)[2] > 0
    return keep


def _change_counts(
    dataset: Dataset, as_of: dt.date, filt: CommitmentFilter
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The positions in the index's sorted assessments of the changes the filter asks for,
    and for each pair of `CommitmentPairs` where its own start in them and how many it has
    up to `as_of`."""
    index = index_of(dataset)
    positions = index.change_positions(
        _CHANGE_TRANSITIONS[filt.change or Change.CHANGED], filt.since
    )
    low, high = index.commitment_history_bounds(as_of)
    first = np.searchsorted(positions, low)
    return positions, first, np.searchsorted(positions, high) - first


def filter_commitments(
    dataset: Dataset, as_of: dt.date, filt: CommitmentFilter
) -> list[Commitment]:
    """The commitments the filter lists, in resolution then paragraph order."""
    index = index_of(dataset)
    ordered = index.ordered
    if not filt.on_pairs:
        return [ordered[row] for row in _rows_of(dataset, filt.resolutions)]
    rows = np.unique(index.commitment_pairs.row[_kept_pairs(dataset, as_of, filt)])
    return [ordered[row] for row in rows.tolist()]


def kept_pairs(dataset: Dataset, as_of: dt.date, filt: CommitmentFilter) -> list[Pair]:
    """The pairs of `match_pairs`, without their status and changes."""
    index = index_of(dataset)
    pairs = index.commitment_pairs
    found = np.flatnonzero(_kept_pairs(dataset, as_of, filt)).tolist()
    return [
        Pair(index.ordered[row].id, pairs.actors[flat])
        for flat, row in zip(found, pairs.row[found].tolist(), strict=True)
    ]


COMMITMENT_COLUMNS = tables.COMMITMENTS.ids


def commitments_table(
    dataset: Dataset, as_of: dt.date, lang: str, filt: CommitmentFilter
) -> pd.DataFrame:
    """One row per listed commitment: paragraph, verb, actors assessed, status in force per
    actor, the changes that matter, criteria, when last assessed, the days since the newest
    evidence of its stalest judgement, and the evidence known on `as_of`.

    `changes` holds the changes that qualified it when the filter asks for changes, and the
    latest change of each (chosen) actor otherwise.

    The columns that do not depend on the day are built once per dataset and language; those
    that do are array operations over every (commitment, actor) pair.
    """
    index = index_of(dataset)
    pairs = index.commitment_pairs
    keep = _kept_pairs(dataset, as_of, filt)
    if filt.on_pairs:
        rows = np.unique(pairs.row[keep]).tolist()
    else:
        rows = _rows_of(dataset, filt.resolutions)
    if not rows:
        frame = pd.DataFrame([], columns=list(COMMITMENT_COLUMNS))
        frame["stale_days"] = frame["stale_days"].astype("Int64")
        return frame
    text = _commitment_text(dataset, lang)
    standing = index.commitment_standing(as_of)
    shown = text.status[pairs.actor_number * (len(index.statuses) + 1) + standing.status]
    statuses = shown.tolist()
    changes = _pair_changes(dataset, as_of, lang, filt, keep, standing.position)
    never = np.iinfo(np.int64).max
    day = as_of.toordinal()
    start = pairs.start.tolist()
    assessed = standing.last_assessed[rows].tolist()
    newest = standing.newest_evidence[rows].tolist()
    data = {
        "id": [index.ordered[row].id for row in rows],
        "paragraph": [text.paragraph[row] for row in rows],
        "verb": [text.verb[row] for row in rows],
        "addressed": [text.addressed[row] for row in rows],
        "status": [SEPARATOR.join(statuses[start[row] : start[row + 1]]) for row in rows],
        "changes": [
            SEPARATOR.join(c for c in changes[start[row] : start[row + 1]] if c) for row in rows
        ],
        "criteria": [text.criteria[row] for row in rows],
        "last_assessed": [_day_of(n) if n >= 0 else None for n in assessed],
        "stale_days": pd.array([day - n if n != never else None for n in newest], dtype="Int64"),
        "evidence": standing.evidence[rows],
    }
    return pd.DataFrame(data, columns=list(COMMITMENT_COLUMNS))


def commitment_choices(dataset: Dataset, lang: str) -> dict[str, str]:
    """Each commitment's label and verb ('OP4 · Calls upon'), by id, in resolution then
    paragraph order: the Commitments page's picker (built once per dataset and language)."""

    def build(data: Dataset) -> dict[str, str]:
        names = commitment_labels(data)
        return {c.id: f"{names[c.id]} · {pick(c.verb, lang)}" for c in index_of(data).ordered}

    return derived(dataset, f"dashboard.commitment_choices.{lang}", build)


@functools.lru_cache(maxsize=4096)
def _day_of(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _pair_changes(
    dataset: Dataset,
    as_of: dt.date,
    lang: str,
    filt: CommitmentFilter,
    keep: np.ndarray,
    position: np.ndarray,
) -> list[str | None]:
    """For each pair of `CommitmentPairs`, its changes as the table shows them (None for
    none): when the filter asks for changes, those that qualified a pair it `keep`s, else
    its latest move (for the chosen actors only when actors are chosen). `position` is each
    pair's assessment in force, -1 for none."""
    index = index_of(dataset)
    pairs = index.commitment_pairs
    # The last item of `moves` is None: position -1 picks it.
    described = _commitment_text(dataset, lang).moves
    if not filt.wants_change:
        move = np.where(position >= 0, index.moves.latest[position], -1)
        if filt.actors:
            chosen = [n for n, actor in enumerate(pairs.actor_names) if actor in filt.actors]
            move = np.where(np.isin(pairs.actor_number, chosen), move, -1)
        found: list[str | None] = described[move].tolist()
        return found
    changes, first, count = _change_counts(dataset, as_of, filt)
    shown = described[changes].tolist()
    out: list[str | None] = [None] * len(pairs.actors)
    changed = keep & (count > 0)
    for flat, start, size in zip(
        np.flatnonzero(changed).tolist(),
        first[changed].tolist(),
        count[changed].tolist(),
        strict=True,
    ):
        out[flat] = SEPARATOR.join(shown[start : start + size])
    return out


@dataclass(frozen=True)
class _CommitmentText:
    """The text of the Commitments table that does not depend on the day, by row of
    `DatasetIndex.ordered`; `status` by actor number times (statuses + 1) plus the status
    number (the last for 'not yet assessed'); `moves` by sorted assessment, the description
    of each that moved its pair's status, None for the others and in a last extra item."""

    paragraph: list[str]
    verb: list[str]
    addressed: list[str]
    criteria: list[str]
    status: np.ndarray
    moves: np.ndarray


def _commitment_text(dataset: Dataset, lang: str) -> _CommitmentText:
    def build(data: Dataset) -> _CommitmentText:
        index = index_of(data)
        labels = _status_labels(data, lang)
        criteria = {term.id: pick(term.label, lang) for term in data.methodology.criteria}
        names = commitment_labels(data)
        pairs = index.commitment_pairs
        shown = [labels[status] for status in index.statuses]
        shown.append(labels[data.methodology.not_assessed_status])
        status = np.array(
            [f"{actor}: {label}" for actor in pairs.actor_names for label in shown], dtype=object
        )
        moves = index.moves
        described = np.full(len(index.sorted) + 1, None, dtype=object)
        for position in np.unique(moves.latest[moves.latest >= 0]).tolist():
            assessment = index.sorted[position]
            described[position] = _describe_change(
                assessment, moves.previous[position], labels, assessment.actor
            )
        ordered = index.ordered
        return _CommitmentText(
            paragraph=[names[c.id] for c in ordered],
            verb=[pick_marked(c.verb, lang) for c in ordered],
            addressed=[", ".join(c.addressed.actors) for c in ordered],
            criteria=[", ".join(criteria[g.criterion] for g in c.criteria) for c in ordered],
            status=status,
            moves=described,
        )

    return derived(dataset, f"dashboard.commitment_text.{lang}", build)


def standing_table(
    dataset: Dataset,
    commitment: Commitment,
    as_of: dt.date,
    lang: str,
    actors: Sequence[str] = (),
) -> pd.DataFrame:
    """Where the commitment stands for each actor it addresses (of `actors` when given):
    status, since when, when last assessed, its newest evidence and how many days old that
    is, and the evidence cited."""
    levels = _levels(dataset)
    names = {actor.id: pick(actor.name, lang) for actor in dataset.actors}
    index = index_of(dataset)
    rows = []
    for actor in addressed_of(commitment, actors):
        pair = Pair(commitment.id, actor)
        found = index.steps(pair, as_of)
        assessment = index.in_force(pair, as_of)
        status = assessment.status if assessment else dataset.methodology.not_assessed_status
        cited = index.items(assessment.evidence) if assessment else []
        newest = max((item.start for item in cited), default=None)
        rows.append(
            {
                "actor": actor,
                "name": names.get(actor, actor),
                "status": pick(levels[status].label, lang),
                "since": status_since(found),
                "assessed_on": assessment.date if assessment else None,
                "newest_evidence": newest,
                "stale_days": (as_of - newest).days if newest else None,
                "evidence": ", ".join(item.id for item in cited),
            }
        )
    frame = pd.DataFrame(rows, columns=list(tables.STANDING.ids))
    frame["stale_days"] = frame["stale_days"].astype("Int64")
    return frame


def addressed_of(commitment: Commitment, actors: Sequence[str] = ()) -> list[str]:
    """The actors the commitment addresses, only those of `actors` when any is given."""
    return [a for a in commitment.addressed.actors if not actors or a in actors]


def judgements(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, actors: Sequence[str] = ()
) -> list[tuple[str, list[Step]]]:
    """Per actor the commitment addresses (of `actors` when given), its assessments up to
    `as_of`, newest first, each with what it did to the status."""
    index = index_of(dataset)
    return [
        (actor, list(reversed(index.steps(Pair(commitment.id, actor), as_of))))
        for actor in addressed_of(commitment, actors)
    ]


def record_evidence(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, actors: Sequence[str] = ()
) -> list[Evidence]:
    """The evidence a commitment's record lists, newest first: every item known on `as_of`
    that bears on it, and every item its judgements up to `as_of` cite, corrected ones
    included (of `actors`' pairs when given), whether or not the item lists the commitment."""
    cited = [
        ref
        for _, steps in judgements(dataset, commitment, as_of, actors)
        for step in steps
        for ref in step.assessment.evidence
    ]
    cited += [  # the corrected judgements' evidence: the record shows them too
        ref
        for fixed in commitment_corrections(dataset, commitment, as_of, actors)
        for ref in fixed.corrected.evidence
    ]
    bearing = index_of(dataset).commitment_evidence(commitment.id, as_of)
    return _newest_first(dataset, bearing, cited, as_of)


def _newest_first(
    dataset: Dataset, items: Iterable[Evidence], more: Iterable[str], as_of: dt.date
) -> list[Evidence]:
    """`items` and the items `more` names that are known on `as_of`, each once, newest first."""
    found = {item.id: item for item in items}
    for item in index_of(dataset).items(ref for ref in dict.fromkeys(more) if ref not in found):
        if item.start <= as_of:
            found[item.id] = item
    return sorted(found.values(), key=lambda e: (e.start, e.id), reverse=True)


def criteria_table(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, lang: str
) -> pd.DataFrame:
    """The criteria the paragraph's wording makes apply, the words that ground each in both
    languages, and each actor's rating in force on `as_of`."""
    labels = {term.id: pick(term.label, lang) for term in dataset.methodology.criteria}
    ratings = {level.id: pick(level.label, lang) for level in dataset.methodology.criterion_ratings}
    unrated = pick(_levels(dataset)[dataset.methodology.not_assessed_status].label, lang)
    index = index_of(dataset)
    rows = []
    for ground in commitment.criteria:
        per_actor = []
        for actor in commitment.addressed.actors:
            assessment = index.in_force(Pair(commitment.id, actor), as_of)
            rating = assessment.ratings.get(ground.criterion) if assessment else None
            per_actor.append(f"{actor}: {ratings[rating] if rating else unrated}")
        rows.append(
            {
                "criterion": labels[ground.criterion],
                **{f"grounds_{code}": text_in(ground.grounds, code) or "" for code in LANGUAGES},
                "ratings": SEPARATOR.join(per_actor),
            }
        )
    return pd.DataFrame(rows, columns=list(tables.CRITERIA.ids))


def _correction_chains(dataset: Dataset) -> dict[str, tuple[CorrectedJudgement, ...]]:
    return derived(
        dataset, "dashboard.correction_chains", lambda data: behind(all_corrections(data))
    )


def correction_note(fixed: CorrectedJudgement, lang: str, *, on_corrected: bool) -> str:
    """Beside the corrected judgement: 'corrected by AS-… on 2026-11-20: <reason>'; beside the
    one that corrects it: 'corrects AS-… (recorded 2026-11-20): <reason>'."""
    key, other = (
        ("dashboard.corrected_by", fixed.correction)
        if on_corrected
        else ("dashboard.corrects", fixed.corrected)
    )
    reason = pick_marked(fixed.reason, lang)
    return t(key, lang, id=other.id, recorded=fixed.recorded.isoformat(), reason=reason)


def commitment_corrections(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, actors: Sequence[str] = ()
) -> list[CorrectedJudgement]:
    """The corrections of the commitment's judgements that stand on `as_of`, actor by actor
    in the commitment's order (of `actors` when given), each chain oldest first."""
    chains = _correction_chains(dataset)
    index = index_of(dataset)
    return [
        fixed
        for actor in addressed_of(commitment, actors)
        for assessment in index.history(Pair(commitment.id, actor), as_of)
        for fixed in chains.get(assessment.id, ())
    ]


def lineage(dataset: Dataset, commitment: Commitment) -> tuple[Commitment | None, list[Commitment]]:
    """The paragraph of a later resolution that carries `commitment` forward (None when none
    does), and the paragraphs of earlier resolutions it carries forward."""

    def build(data: Dataset) -> dict[str, list[Commitment]]:
        earlier: dict[str, list[Commitment]] = {}
        for found in index_of(data).ordered:
            if found.successor is not None:
                earlier.setdefault(found.successor, []).append(found)
        return earlier

    carried = derived(dataset, "dashboard.carried_forward", build)
    successor = index_of(dataset).commitments.get(commitment.successor or "")
    return successor, carried.get(commitment.id, [])


# --- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFilter:
    """Which evidence the Evidence page lists: each field empty means any; an item passes
    when it shares at least one value with every non-empty field, and its earliest possible
    date falls between `start` and `end` (both included, either open when unset)."""

    actors: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    source_types: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None


def evidence_commitments(
    dataset: Dataset, resolution: str | None, chosen: Sequence[str]
) -> tuple[str, ...]:
    """The commitments the Evidence page's resolution and commitment filters keep: those
    chosen (of the chosen resolution's paragraphs, when one is chosen: the page lists no
    other), else every paragraph of the chosen resolution, else none (any commitment)."""
    if resolution is None:
        return tuple(chosen)
    paragraphs = tuple(c.id for c in index_of(dataset).by_resolution.get(resolution, ()))
    return tuple(ref for ref in chosen if ref in paragraphs) or paragraphs


def filter_evidence(dataset: Dataset, as_of: dt.date, filt: EvidenceFilter) -> Sequence[Evidence]:
    """The evidence known on `as_of` that passes the filter, newest first."""
    wanted = {
        "actors": filt.actors,
        "commitments": filt.commitments,
        "criteria": filt.criteria,
        "source.type": filt.source_types,
        "confidence": filt.confidences,
        "direction": filt.directions,
    }
    return index_of(dataset).filter_evidence(as_of, wanted, filt.start, filt.end)


# The Evidence page shows the items that match this many at a time, newest first, in its
# timeline, table and picker (as Datasette pages a table by 100 rows): more make a timeline a
# blur, a table too long to read, and a browser slow to draw them after each filter change.
EVIDENCE_PAGE = 100


def evidence_choices(
    dataset: Dataset, as_of: dt.date, shown: Sequence[Evidence], requested: Iterable[str]
) -> list[Evidence]:
    """What the item picker offers when the known evidence is too much to list: the items
    `shown`, and any `requested` id (a link, the last pick) known on `as_of`, newest first."""
    return _newest_first(dataset, shown, requested, as_of)


def _terms(terms: Iterable[Term | ScaleLevel], lang: str) -> dict[str, str]:
    return {term.id: pick(term.label, lang) for term in terms}


EVIDENCE_COLUMNS = tables.EVIDENCE.ids


def evidence_table(dataset: Dataset, items: Sequence[Evidence], lang: str) -> pd.DataFrame:
    """One row per evidence item, in the order given, with labels in `lang`; `url` is the
    source's address when it is an http(s) URL, else empty, so no other scheme is linked."""
    method = dataset.methodology
    directions = _terms(method.directions, lang)
    criteria = _terms(method.criteria, lang)
    source_types = _terms(method.source_types, lang)
    confidence = _terms(method.confidence_levels, lang)
    labels = commitment_labels(dataset)
    verification = {status: t(key, lang) for status, key in VERIFICATION_KEYS.items()}
    rows = []
    for item in items:
        rows.append(
            {
                "id": item.id,
                "date": item.date,
                "direction": directions.get(item.direction, item.direction),
                "commitments": ", ".join(labels.get(ref, ref) for ref in item.commitments),
                "actors": ", ".join(item.actors),
                "criteria": ", ".join(criteria.get(c, c) for c in item.criteria),
                "summary": pick_marked(item.summary, lang),
                "source": item.source.title,
                "publisher": item.source.publisher,
                "source_type": source_types.get(item.source.type, item.source.type),
                "confidence": confidence.get(item.confidence, item.confidence),
                "verification": verification[item.verification.status],
                "url": item.source.url if is_web_url(item.source.url) else None,
            }
        )
    return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))


VERIFICATION_KEYS = {
    "verified": "dashboard.verification.verified",
    "partly_verified": "dashboard.verification.partly_verified",
    "unverified": "dashboard.verification.unverified",
}

TIMELINE_COLUMNS = ("id", "start", "commitment", "order", "direction", "source_type", "hover")
HOVER_WIDTH = 70


def evidence_timeline_frame(
    dataset: Dataset, items: Sequence[Evidence], lang: str, commitments: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per (evidence item, commitment it bears on), restricted to `commitments` when
    given: the item's earliest date, the commitment's label and position, the direction and
    source type ids, and a hover label (escaped) that reads as a sentence."""
    method = dataset.methodology
    directions = _terms(method.directions, lang)
    source_types = _terms(method.source_types, lang)
    confidence = _terms(method.confidence_levels, lang)
    index = index_of(dataset)
    position = index.position
    labels = commitment_labels(dataset)
    # An item's summary wrapped for the hover, the same on every run: kept with the dataset.
    summaries: dict[tuple[str, str], str] = derived(dataset, "hover_summaries", lambda _: {})
    rows = []
    for item in items:
        summary = summaries.get((item.id, lang))
        if summary is None:
            wrapped = plotly_excerpt(pick_marked(item.summary, lang), HOVER_WIDTH, lines=4)
            summary = summaries[item.id, lang] = wrapped
        for ref in item.commitments:
            if ref not in position or (commitments and ref not in commitments):
                continue
            label = labels[ref]
            hover = t(
                "dashboard.hover.evidence",
                lang,
                id=plotly_text(item.id),
                date=plotly_text(item.date),
                commitment=plotly_text(label),
                direction=plotly_text(directions.get(item.direction, item.direction)),
                source_type=plotly_text(source_types.get(item.source.type, item.source.type)),
                publisher=plotly_text(item.source.publisher),
                confidence=plotly_text(confidence.get(item.confidence, item.confidence)),
                summary=summary,
            )
            rows.append(
                {
                    "id": item.id,
                    "start": item.start,
                    "commitment": label,
                    "order": position[ref],
                    "direction": str(item.direction),
                    "source_type": item.source.type,
                    "hover": hover,
                }
            )
    return pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))


# --- actors ------------------------------------------------------------------------------


def addressed_commitments(dataset: Dataset, actor: str) -> list[Commitment]:
    return list(index_of(dataset).addressing.get(actor, ()))


def scorecard_columns(dataset: Dataset) -> tuple[str, ...]:
    return tables.SCORECARD.ids_for(dataset.methodology)


def actor_scorecard(dataset: Dataset, actor: str, as_of: dt.date, lang: str) -> pd.DataFrame:
    """One row per commitment that addresses `actor`: the status in force on `as_of` and
    since when, the rating of each criterion (or 'does not apply'), the statuses it has
    passed through, its latest change, when last assessed, the days since the newest
    evidence of the judgement and the number of items it cites."""
    levels = _levels(dataset)
    ratings = _terms(dataset.methodology.criterion_ratings, lang)
    unassessed = dataset.methodology.not_assessed_status
    unrated = pick(levels[unassessed].label, lang)
    not_applicable = t("dashboard.not_applicable", lang)
    index = index_of(dataset)
    labels = commitment_labels(dataset)
    rows = []
    for commitment in addressed_commitments(dataset, actor):
        pair = Pair(commitment.id, actor)
        found = index.steps(pair, as_of)
        position = index.position_in_force(pair, as_of)
        latest = found[-1].assessment if found else None
        newest = index.newest_cited(position) if position >= 0 else None
        grounded = {ground.criterion for ground in commitment.criteria}
        moves = [step for step in found if step.transition in MOVES]
        criteria: dict[str, str] = {}
        for term in dataset.methodology.criteria:
            rating = latest.ratings.get(Criterion(term.id)) if latest else None
            criteria[term.id] = (
                not_applicable
                if term.id not in grounded
                else ratings.get(rating, rating)
                if rating
                else unrated
            )
        rows.append(
            {
                "id": commitment.id,
                "paragraph": labels[commitment.id],
                "verb": pick_marked(commitment.verb, lang),
                "status": pick(levels[latest.status if latest else unassessed].label, lang),
                "since": status_since(found),
                **criteria,
                "trajectory": trajectory(found, dataset, lang),
                "last_change": describe_step(moves[-1], dataset, lang) if moves else "",
                "assessed_on": latest.date if latest else None,
                "stale_days": (as_of - newest).days if newest else None,
                "evidence": int(index.cited_count[position]) if position >= 0 else 0,
            }
        )
    frame = pd.DataFrame(rows, columns=list(scorecard_columns(dataset)))
    frame["stale_days"] = frame["stale_days"].astype("Int64")
    return frame


def criterion_letters(dataset: Dataset, lang: str) -> dict[str, str]:
    """A short mark per criterion: the first letter of its label ('T', 'V', 'I'), or its first
    two characters in a script without letters (one character would not tell two apart)."""
    return {term.id: _mark(pick(term.label, lang)) for term in dataset.methodology.criteria}


def _mark(label: str) -> str:
    return label[:1] if label[:1].isascii() else label[:2]


def compare_actors(
    dataset: Dataset,
    actors: Sequence[str],
    as_of: dt.date,
    lang: str,
    resolutions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Actors side by side: one row per paragraph (of `resolutions` when given, adopted by
    `as_of`) that addresses at least one of them; per actor a column with its status in force
    and one with its criterion ratings ('T Absent · V Partial'); empty where the paragraph
    does not address the actor."""
    index = index_of(dataset)
    levels = _levels(dataset)
    not_assessed = dataset.methodology.not_assessed_status
    ratings = _terms(dataset.methodology.criterion_ratings, lang)
    letters = criterion_letters(dataset, lang)
    labels = commitment_labels(dataset)
    symbols = {r.symbol for r in dataset.resolutions if r.adopted <= as_of} & (
        set(resolutions) if resolutions is not None else {r.symbol for r in dataset.resolutions}
    )
    rows = []
    for commitment in index.ordered:
        if commitment.resolution not in symbols:
            continue
        if not any(actor in commitment.addressed.actors for actor in actors):
            continue
        row: dict[str, object] = {"paragraph": labels[commitment.id]}
        grounded = [g.criterion for g in commitment.criteria]
        for actor in actors:
            if actor not in commitment.addressed.actors:
                row[f"{actor}:status"] = ""
                row[f"{actor}:ratings"] = ""
                continue
            found = index.in_force(Pair(commitment.id, actor), as_of)
            row[f"{actor}:status"] = pick(
                levels[found.status if found else not_assessed].label, lang
            )
            rated = [
                f"{letters[c]} {ratings.get(found.ratings[c], found.ratings[c])}"
                for c in grounded
                if found is not None and c in found.ratings
            ]
            row[f"{actor}:ratings"] = SEPARATOR.join(rated)
        rows.append(row)
    columns = ["paragraph", *(f"{a}:{part}" for a in actors for part in ("status", "ratings"))]
    return pd.DataFrame(rows, columns=columns)


def compare_votes(
    dataset: Dataset, actors: Sequence[str], as_of: dt.date, lang: str, votes: VoteRecords
) -> pd.DataFrame:
    """How each actor voted in plenary on each resolution adopted by `as_of` (a group: how its
    members voted), one row per resolution, one column per actor."""
    by_id = {actor.id: actor for actor in dataset.actors}
    label = _vote_labeller(dataset, votes, lang)
    rows = []
    for resolution in sorted(dataset.resolutions, key=lambda r: r.adopted):
        if resolution.adopted > as_of:
            continue
        row: dict[str, object] = {"resolution": resolution.symbol}
        for actor_id in actors:
            actor = by_id[actor_id]
            if actor.kind == "state" or not actor.members:
                row[actor_id] = label(actor, resolution.symbol)
            else:
                row[actor_id] = SEPARATOR.join(
                    f"{m}: {label(by_id[m], resolution.symbol)}"
                    for m in actor.members
                    if m in by_id
                )
        rows.append(row)
    return pd.DataFrame(rows, columns=["resolution", *actors])


def status_counts(dataset: Dataset, actor: str, as_of: dt.date) -> Counter[str]:
    """How many of the commitments addressing `actor` stand in each status on `as_of`."""
    return _actor_status_counts(dataset, as_of).get(actor, Counter())


def _actor_statuses(dataset: Dataset, as_of: dt.date) -> dict[str, dict[int, str]]:
    """Actor -> (row of the status table -> the status in force on `as_of`), for every
    assessed pair, in the rows' order."""
    index = index_of(dataset)
    in_force = index.pair_positions(as_of).tolist()
    not_assessed = dataset.methodology.not_assessed_status
    out: dict[str, dict[int, str]] = {}
    for row, (pair, position) in enumerate(zip(index.pairs, in_force, strict=True)):
        status = index.status_of(position) if position >= 0 else not_assessed
        out.setdefault(pair.actor, {})[row] = status
    return out


def _actor_status_counts(dataset: Dataset, as_of: dt.date) -> dict[str, Counter[str]]:
    """Actor -> how many of its pairs stand in each status on `as_of` (`status_counts` of
    every actor at once)."""
    index = index_of(dataset)
    actors, number = derived(dataset, "dashboard.pair_actors", _pair_actors)
    statuses = [*index.statuses, dataset.methodology.not_assessed_status]
    kinds = len(statuses)
    tally = np.bincount(
        number * kinds + index.pair_statuses(as_of), minlength=len(actors) * kinds
    ).tolist()
    out: dict[str, Counter[str]] = {}
    for actor_number, actor in enumerate(actors):
        counts: Counter[str] = Counter()
        for kind, status in enumerate(statuses):
            found = tally[actor_number * kinds + kind]
            if found:
                counts[status] += found
        out[actor] = counts
    return out


def _pair_actors(dataset: Dataset) -> tuple[list[str], np.ndarray]:
    """The distinct actors of the index's pairs, and each pair's number into them."""
    pairs = index_of(dataset).pairs
    actors = list(dict.fromkeys(pair.actor for pair in pairs))
    number = {actor: n for n, actor in enumerate(actors)}
    return actors, np.asarray([number[pair.actor] for pair in pairs], dtype=np.int64)


VoteRecords = Mapping[str, Mapping[str, tuple[str, str]]]


def read_votes(dataset: Dataset, base_dir: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """Each resolution's recorded votes (country code -> (name, vote)) from the CSV files the
    data names, relative to the data file's folder. A file that cannot be read is left out:
    the loader has already reported it."""
    votes: dict[str, dict[str, tuple[str, str]]] = {}
    for resolution in dataset.resolutions:
        if resolution.vote_records is None:
            continue
        try:
            votes[resolution.symbol] = read_vote_records(base_dir / resolution.vote_records)
        except (OSError, KeyError, UnicodeDecodeError, ValueError):
            continue
    return votes


def vote_of(dataset: Dataset, actor: Actor, symbol: str, votes: VoteRecords) -> str:
    """How a State voted in plenary on resolution `symbol`: the recorded vote ('yes', 'no',
    'abstain', 'non-voting') where the records name it, 'no' where the resolution's list of
    States against names it, else 'unknown'; 'not_a_state' for groups and organs."""
    return _vote(actor, symbol, votes, _voted_against(dataset))


def _vote(
    actor: Actor, symbol: str, votes: VoteRecords, against: Mapping[str, frozenset[str]]
) -> str:
    if actor.kind != "state":
        return "not_a_state"
    records = votes.get(symbol, {})
    if actor.vote_code and actor.vote_code in records:
        return records[actor.vote_code][1]
    if actor.id in against[symbol]:
        return "no"
    return "unknown"


def _voted_against(dataset: Dataset) -> dict[str, frozenset[str]]:
    """Per resolution, the States its plenary votes list as voting against."""

    def build(data: Dataset) -> dict[str, frozenset[str]]:
        out: dict[str, frozenset[str]] = {}
        for resolution in data.resolutions:
            plenary = [vote for vote in resolution.votes if vote.body == "plenary"]
            against = frozenset(a for vote in plenary for a in vote.voted_against)
            out.setdefault(resolution.symbol, against)
        return out

    return derived(dataset, "voted_against", build)


def _vote_labeller(dataset: Dataset, votes: VoteRecords, lang: str) -> Callable[[Actor, str], str]:
    """`label(actor, symbol)`: the label of `vote_of` in `lang`."""
    against = _voted_against(dataset)
    labels = _vote_labels(lang)

    def label(actor: Actor, symbol: str) -> str:
        return labels[_vote(actor, symbol, votes, against)]

    return label


@functools.cache
def _vote_labels(lang: str) -> dict[str, str]:
    return {vote: t(key, lang) for vote, key in VOTE_KEYS.items()}


def says_versus_does(
    dataset: Dataset, actor_id: str, as_of: dt.date, lang: str, votes: VoteRecords
) -> pd.DataFrame:
    """Per resolution adopted by `as_of`: how the actor voted (a group: how its members
    voted) beside what it did, the status in force of each commitment of that resolution
    that addresses it, counted by status (one column per status id, in scale order)."""
    actors = {actor.id: actor for actor in dataset.actors}
    actor = actors[actor_id]
    levels = sorted(dataset.methodology.statuses, key=lambda level: level.order)
    index = index_of(dataset)
    vote_label = _vote_labeller(dataset, votes, lang)
    by_resolution: dict[str, Counter[str]] = {}
    for row, status in _actor_statuses(dataset, as_of).get(actor_id, {}).items():
        commitment = index.commitments.get(index.pairs[row].commitment)
        if commitment is not None:
            by_resolution.setdefault(commitment.resolution, Counter())[status] += 1
    rows = []
    for resolution in sorted(dataset.resolutions, key=lambda r: r.adopted):
        if resolution.adopted > as_of:
            continue
        if actor.kind == "state" or not actor.members:
            said = vote_label(actor, resolution.symbol)
        else:
            said = SEPARATOR.join(
                f"{member}: {vote_label(actors[member], resolution.symbol)}"
                for member in actor.members
                if member in actors
            )
        counts = by_resolution.get(resolution.symbol, Counter())
        rows.append(
            {
                "resolution": resolution.symbol,
                "adopted": resolution.adopted,
                "vote": said,
                "commitments": sum(counts.values()),
                **{level.id: counts.get(level.id, 0) for level in levels},
            }
        )
    return pd.DataFrame(rows, columns=list(tables.SAYS_DOES.ids_for(dataset.methodology)))


BODY_KEYS = {
    "plenary": "dashboard.body.plenary",
    "first_committee": "dashboard.body.first_committee",
}
PRECISION_KEYS = {
    "day": "dashboard.precision.day",
    "month": "dashboard.precision.month",
    "year": "dashboard.precision.year",
    "approximate": "dashboard.precision.approximate",
}
HOLDS_KEYS = {
    "yes": "dashboard.holds.yes",
    "no": "dashboard.holds.no",
    "contested": "dashboard.holds.contested",
    "unknown": "dashboard.holds.unknown",
}
_PLENARY = re.compile(r"(\d+)(?:st|nd|rd|th) plenary meeting")


def meeting_label(meeting: str, lang: str) -> str:
    """A General Assembly meeting as the data writes it ('71st plenary meeting', in the default
    language), in `lang`: the locale file's form of the same words (the UN's own wording in
    Chinese); any other text as it is."""
    if lang == DEFAULT_LANGUAGE:
        return meeting
    return _PLENARY.sub(lambda m: t("dashboard.plenary_meeting", lang, number=m.group(1)), meeting)


KIND_KEYS = {
    "state": "dashboard.kind.state",
    "group": "dashboard.kind.group",
    "un_organ": "dashboard.kind.un_organ",
    "other": "dashboard.kind.other",
}


def actors_overview(
    dataset: Dataset, as_of: dt.date, lang: str, votes: VoteRecords
) -> pd.DataFrame:
    """One row per actor: name, kind, how many commitments address it and how many of those
    stand in each status on `as_of` (one column per status id, in scale order), and its vote
    on each resolution adopted by then."""
    levels = sorted(dataset.methodology.statuses, key=lambda level: level.order)
    by_actor = _actor_status_counts(dataset, as_of)
    vote_label = _vote_labeller(dataset, votes, lang)
    actors = {actor.id: actor for actor in dataset.actors}
    adopted = [
        r for r in sorted(dataset.resolutions, key=lambda r: r.adopted) if r.adopted <= as_of
    ]
    rows = []
    for actor in dataset.actors:
        counts = by_actor.get(actor.id, Counter())
        if actor.kind == "state" or not actor.members:
            said = [
                f"{r.symbol}: {vote_label(actor, r.symbol)}"
                for r in adopted
                if actor.kind == "state"
            ]
        else:
            said = [
                f"{r.symbol}: "
                + ", ".join(
                    f"{m} {vote_label(actors[m], r.symbol)}" for m in actor.members if m in actors
                )
                for r in adopted
            ]
        rows.append(
            {
                "id": actor.id,
                "name": pick(actor.name, lang),
                "kind": t(KIND_KEYS[actor.kind], lang),
                "commitments": len(addressed_commitments(dataset, actor.id)),
                **{level.id: counts.get(level.id, 0) for level in levels},
                "votes": SEPARATOR.join(said),
            }
        )
    return pd.DataFrame(rows, columns=list(tables.ACTORS.ids_for(dataset.methodology)))


# --- source text and methodology ---------------------------------------------------------


def statuses_in_force(dataset: Dataset, commitment: Commitment, as_of: dt.date, lang: str) -> str:
    """'RUS: Regressing · USA: No progress' for the actors the commitment addresses."""
    levels = _levels(dataset)
    index = index_of(dataset)
    not_assessed = dataset.methodology.not_assessed_status
    parts = []
    for actor in commitment.addressed.actors:
        assessment = index.in_force(Pair(commitment.id, actor), as_of)
        status = assessment.status if assessment else not_assessed
        parts.append(f"{actor}: {pick(levels[status].label, lang)}")
    return SEPARATOR.join(parts)


def scale_table(levels: Iterable[ScaleLevel], lang: str, used: Mapping[str, int]) -> pd.DataFrame:
    """An ordered scale as the methodology defines it, with how often each level is used."""
    rows = [
        {
            "id": level.id,
            "colour": level.colour,
            "label": pick(level.label, lang),
            "meaning": pick_marked(level.meaning, lang),
            "used": used.get(level.id, 0),
        }
        for level in sorted(levels, key=lambda level: level.order)
    ]
    return pd.DataFrame(rows, columns=list(tables.VOCABULARY_BY_PAIRS.ids))


def terms_table(terms: Iterable[Term], lang: str, used: Mapping[str, int]) -> pd.DataFrame:
    rows = [
        {
            "id": term.id,
            "colour": term.colour or "",
            "label": pick(term.label, lang),
            "meaning": pick_marked(term.meaning, lang),
            "used": used.get(term.id, 0),
        }
        for term in terms
    ]
    return pd.DataFrame(rows, columns=list(tables.VOCABULARY_BY_PAIRS.ids))


@dataclass(frozen=True)
class Usage:
    """How often each vocabulary value is used on a day, for the methodology page."""

    statuses: Counter[str]
    ratings: Counter[str]
    criteria: Counter[str]
    directions: Counter[str]
    source_types: Counter[str]
    confidence: Counter[str]


def usage(dataset: Dataset, as_of: dt.date) -> Usage:
    """Pairs per status in force, ratings in force, and evidence per criterion, direction,
    source type and confidence, on `as_of`."""
    index = index_of(dataset)
    return Usage(
        statuses=Counter(index.status_counts(as_of)),
        ratings=Counter(index.rating_counts(as_of)),
        criteria=Counter(index.evidence_counts(as_of, "criteria")),
        directions=Counter(index.evidence_counts(as_of, "direction")),
        source_types=Counter(index.evidence_counts(as_of, "source.type")),
        confidence=Counter(index.evidence_counts(as_of, "confidence")),
    )


def cited_actors(dataset: Dataset) -> list[str]:
    """The actors some evidence item names, in the order of the data."""
    cited = index_of(dataset).cited_actors
    return [actor.id for actor in dataset.actors if actor.id in cited]
