"""Checks that need the whole dataset: ids, references, vocabularies, dates and URLs.

Each check is a generator of problems located by record path only; the loader adds the
file, line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tracker.domain.languages import LANGUAGES, text_in
from tracker.domain.model import (
    Assessment,
    Commitment,
    Dataset,
    Evidence,
    partial_date_end,
    partial_date_start,
)
from tracker.domain.problems import Problem
from tracker.domain.scale import not_judged, ordered
from tracker.domain.urls import is_web_url
from tracker.source.votes import VOTE_VALUES, read_vote_records, vote_totals

Check = Callable[[Dataset, dt.date, Path | None], Iterator[Problem]]


def _problem(code: str, message: str, path: str) -> Problem:
    return Problem("", 0, 0, code, message, path)


def check_dataset(dataset: Dataset, *, today: dt.date, base_dir: Path | None) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(dataset, today, base_dir)]


def _duplicates(ids: Iterable[str], section: str, field: str = "id") -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in first:
            message = f"id '{value}' is already used by {section}[{first[value]}]"
            yield _problem("duplicate-id", message, f"{section}[{index}].{field}")
        else:
            first[value] = index


def check_unique_ids(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    yield from _duplicates((r.symbol for r in data.resolutions), "resolutions", "symbol")
    for section in ("actors", "commitments", "evidence", "assessments", "reviews"):
        yield from _duplicates((record.id for record in getattr(data, section)), section)
    method = data.methodology
    for scale in ("statuses", "criterion_ratings", "source_types", "confidence_levels"):
        levels = getattr(method, scale)
        yield from _duplicates((level.id for level in levels), f"methodology.{scale}")
    for index, resolution in enumerate(data.resolutions):
        section = f"resolutions[{index}].cross_references"
        yield from _duplicates((ref.id for ref in resolution.cross_references), section)
    seen: dict[tuple[str, int], int] = {}
    for index, commitment in enumerate(data.commitments):
        key = (commitment.resolution, commitment.paragraph)
        if key in seen:
            message = f"paragraph {key[1]} of {key[0]} is already commitments[{seen[key]}]"
            yield _problem("duplicate-id", message, f"commitments[{index}].paragraph")
        seen.setdefault(key, index)


def _missing(value: str, known: set[str], kind: str, path: str) -> Iterator[Problem]:
    if value not in known:
        yield _problem("dangling-reference", f"no {kind} has the id '{value}'", path)


def _unknown(value: str, known: list[str], kind: str, path: str) -> Iterator[Problem]:
    if value not in known:
        allowed = ", ".join(known)
        yield _problem("unknown-value", f"'{value}' is not a {kind} (one of: {allowed})", path)


def check_references(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    resolutions = {r.symbol for r in data.resolutions}
    actors = {a.id for a in data.actors}
    commitments = {c.id for c in data.commitments}
    evidence = {e.id for e in data.evidence}
    assessments = {a.id for a in data.assessments}
    reviews = {r.id for r in data.reviews}
    cross_refs = {ref.id for r in data.resolutions for ref in r.cross_references}

    for i, resolution in enumerate(data.resolutions):
        for j, vote in enumerate(resolution.votes):
            for k, voter in enumerate(vote.voted_against):
                yield from _missing(
                    voter, actors, "actor", f"resolutions[{i}].votes[{j}].voted_against[{k}]"
                )
    for i, record in enumerate(data.actors):
        for j, member in enumerate(record.members):
            yield from _missing(member, actors, "actor", f"actors[{i}].members[{j}]")
        if record.holds_nsnw:
            for j, ref in enumerate(record.holds_nsnw.evidence):
                yield from _missing(
                    ref, evidence, "evidence", f"actors[{i}].holds_nsnw.evidence[{j}]"
                )
    for i, commitment in enumerate(data.commitments):
        at = f"commitments[{i}]"
        yield from _missing(commitment.resolution, resolutions, "resolution", f"{at}.resolution")
        for j, actor in enumerate(commitment.addressed.actors):
            yield from _missing(actor, actors, "actor", f"{at}.addressed.actors[{j}]")
        for j, ref in enumerate(commitment.cross_references):
            yield from _missing(ref, cross_refs, "cross-reference", f"{at}.cross_references[{j}]")
    for i, item in enumerate(data.evidence):
        for j, actor in enumerate(item.actors):
            yield from _missing(actor, actors, "actor", f"evidence[{i}].actors[{j}]")
        for j, ref in enumerate(item.commitments):
            yield from _missing(ref, commitments, "commitment", f"evidence[{i}].commitments[{j}]")
    for i, assessment in enumerate(data.assessments):
        at = f"assessments[{i}]"
        yield from _missing(assessment.commitment, commitments, "commitment", f"{at}.commitment")
        yield from _missing(assessment.actor, actors, "actor", f"{at}.actor")
        for j, ref in enumerate(assessment.evidence):
            yield from _missing(ref, evidence, "evidence", f"{at}.evidence[{j}]")
        if assessment.review is not None:
            yield from _missing(assessment.review, reviews, "review", f"{at}.review")
    for i, review in enumerate(data.reviews):
        for j, ref in enumerate(review.decisions):
            yield from _missing(ref, assessments, "assessment", f"reviews[{i}].decisions[{j}]")


def check_vocabularies(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    method = data.methodology
    statuses = [level.id for level in method.statuses]
    ratings = [level.id for level in method.criterion_ratings]
    source_types = [term.id for term in method.source_types]
    confidence = [level.id for level in method.confidence_levels]
    for field in ("not_assessed_status", "not_applicable_status", "superseded_status"):
        value = getattr(method, field)
        if value is not None:
            yield from _unknown(value, statuses, "status", f"methodology.{field}")
    criteria = {term.id for term in method.criteria}
    expected = {"transparency", "verifiability", "irreversibility"}
    if criteria != expected:
        message = f"the criteria must be exactly {sorted(expected)}, got {sorted(criteria)}"
        yield _problem("unknown-value", message, "methodology.criteria")
    directions = {term.id for term in method.directions}
    if directions != {"progress", "regression", "mixed", "neutral"}:
        message = "the directions must be exactly progress, regression, mixed and neutral"
        yield _problem("unknown-value", message, "methodology.directions")
    for i, item in enumerate(data.evidence):
        yield from _unknown(
            item.source.type, source_types, "source type", f"evidence[{i}].source.type"
        )
        yield from _unknown(
            item.confidence, confidence, "confidence level", f"evidence[{i}].confidence"
        )
    applicable = {c.id: {g.criterion for g in c.criteria} for c in data.commitments}
    for i, assessment in enumerate(data.assessments):
        at = f"assessments[{i}]"
        yield from _unknown(assessment.status, statuses, "status", f"{at}.status")
        yield from _unknown(
            assessment.confidence, confidence, "confidence level", f"{at}.confidence"
        )
        for criterion, rating in assessment.ratings.items():
            yield from _unknown(rating, ratings, "criterion rating", f"{at}.ratings.{criterion}")
            if (
                assessment.commitment in applicable
                and criterion not in applicable[assessment.commitment]
            ):
                message = (
                    f"{criterion} does not apply to {assessment.commitment}; rate only its criteria"
                )
                yield _problem("unknown-value", message, f"{at}.ratings.{criterion}")


def check_assessments(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    addressed = {c.id: set(c.addressed.actors) for c in data.commitments}
    evidence = {e.id: e for e in data.evidence}
    # 'Not applicable' and 'superseded' judge no progress: they may rest on the actor's
    # holdings or the successor alone (see check_citations for those that cite evidence).
    unjudged = not_judged(data.methodology)
    for i, assessment in enumerate(data.assessments):
        at = f"assessments[{i}]"
        actors = addressed.get(assessment.commitment)
        if actors is not None and assessment.actor not in actors:
            message = (
                f"'{assessment.actor}' is not among the actors {assessment.commitment} assesses"
            )
            yield _problem("not-addressed", message, f"{at}.actor")
        if assessment.status not in unjudged and not assessment.evidence:
            message = "a judgement must cite evidence; use the 'not yet assessed' status otherwise"
            yield _problem("no-evidence", message, f"{at}.evidence")
        for j, ref in enumerate(assessment.evidence):
            item = evidence.get(ref)
            if item is not None and item.start > assessment.date:
                message = f"evidence '{ref}' is dated {item.date}, after the assessment"
                yield _problem("evidence-after-assessment", message, f"{at}.evidence[{j}]")


def check_dates(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    def future(value: dt.date | str, path: str) -> Iterator[Problem]:
        day = partial_date_start(value) if isinstance(value, str) else value
        if day > today:
            yield _problem("future-date", f"{value} is after today ({today})", path)

    for i, resolution in enumerate(data.resolutions):
        yield from future(resolution.adopted, f"resolutions[{i}].adopted")
        for j, vote in enumerate(resolution.votes):
            yield from future(vote.date, f"resolutions[{i}].votes[{j}].date")
    for i, item in enumerate(data.evidence):
        yield from future(item.date, f"evidence[{i}].date")
        if item.source.accessed is not None:
            yield from future(item.source.accessed, f"evidence[{i}].source.accessed")
    for i, assessment in enumerate(data.assessments):
        yield from future(assessment.date, f"assessments[{i}].date")
        yield from future(assessment.recorded, f"assessments[{i}].recorded")
    for i, review in enumerate(data.reviews):
        yield from future(review.date, f"reviews[{i}].date")


# An id as a rationale writes it: word characters, joined by the punctuation ids may hold;
# and the word-character runs inside such a word ('E12/E13' holds 'E12' and 'E13').
_ID_WORD = re.compile(r"[A-Za-z0-9_]+(?:[./:-][A-Za-z0-9_]+)*")
_ID_PART = re.compile(r"[A-Za-z0-9_]+")
# The form the data gives evidence ids ('E12'): named in a rationale, it means evidence.
_EVIDENCE_NUMBER = re.compile(r"(?<![A-Za-z0-9_])E\d+(?![A-Za-z0-9_])")
_DIGIT = re.compile(r"\d")


class EvidenceNames:
    """Finds the evidence ids a text names: whole words (and the parts of a word like
    'E12/E13') that are ids in `known` or read like one ('E12'). When every known id holds a
    digit, a text without one is passed over at once (most prose)."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self._needs_digit = all(_DIGIT.search(ref) for ref in known)

    def named(self, text: str) -> list[str]:
        """The ids named, in order of first mention."""
        if self._needs_digit and _DIGIT.search(text) is None:
            return []
        words = {*_ID_WORD.findall(text), *_ID_PART.findall(text)}
        found = (words & self.known) | set(_EVIDENCE_NUMBER.findall(text))
        if len(found) < 2:
            return list(found)
        return sorted(found, key=lambda ref: _first_mention(text, ref))


def _first_mention(text: str, ref: str) -> int:
    match = re.search(rf"(?<![A-Za-z0-9_]){re.escape(ref)}(?![A-Za-z0-9_])", text)
    return match.start() if match else len(text)


def check_citations(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    """What a judgement cites must bear on it and carry it: each cited item lists the judged
    commitment; a judgement cites an item above the lowest confidence, or is itself of the
    lowest confidence and says why; its rationale names no evidence it does not cite.

    A corrected assessment is not held to these: its correction is how the record says that
    it was wrong, and history is never edited."""
    evidence = {e.id: (i, e) for i, e in enumerate(data.evidence)}
    names = EvidenceNames(frozenset(evidence))
    corrected = {a.corrects.assessment for a in data.assessments if a.corrects is not None}
    method = data.methodology
    levels = ordered(method.confidence_levels)
    lowest = levels[0].id
    stronger = " or ".join(level.id for level in levels[1:])
    for i, assessment in enumerate(data.assessments):
        if assessment.id in corrected:
            continue
        at = f"assessments[{i}]"
        cited = [(j, evidence[ref]) for j, ref in enumerate(assessment.evidence) if ref in evidence]
        for j, (k, item) in cited:
            if assessment.commitment not in item.commitments:
                message = (
                    f"cites {item.id}, whose commitments do not list {assessment.commitment}: "
                    f"add {assessment.commitment} to evidence[{k}].commitments ({item.id}) if it "
                    "bears on it, or cite other evidence"
                )
                yield _problem("citation-off-commitment", message, f"{at}.evidence[{j}]")
        # Any status but 'not yet assessed' that cites evidence is judged on it.
        if cited and assessment.status != method.not_assessed_status:
            basis = [item for _, (_, item) in cited]
            yield from _weak_basis(assessment, basis, lowest, stronger, at)
        yield from _uncited(assessment, names, at)


def _weak_basis(
    assessment: Assessment, cited: list[Evidence], lowest: str, stronger: str, at: str
) -> Iterator[Problem]:
    if any(item.confidence != lowest for item in cited):
        return
    ids = ", ".join(item.id for item in cited)
    if assessment.confidence != lowest:
        message = (
            f"every item it cites is of {lowest} confidence ({ids}): cite an item of {stronger} "
            f"confidence, or set confidence: {lowest} and say why in confidence_note"
        )
        yield _problem("weak-basis", message, f"{at}.confidence")
    elif assessment.confidence_note is None:
        message = (
            f"rests on {lowest}-confidence evidence alone ({ids}): say in confidence_note why "
            "the judgement stands on it, or cite an item of "
            f"{stronger} confidence"
        )
        yield _problem("weak-basis", message, f"{at}.confidence")


def _uncited(assessment: Assessment, names: EvidenceNames, at: str) -> Iterator[Problem]:
    cited = set(assessment.evidence)
    reported: set[str] = set()
    for language in LANGUAGES:
        text = text_in(assessment.rationale, language)
        if not text:
            continue
        for ref in names.named(text):
            if ref in cited or ref in reported:
                continue
            reported.add(ref)
            if ref in names.known:
                message = (
                    f"the rationale names {ref}, which the assessment does not cite: add {ref} "
                    f"to its evidence, or take {ref} out of the rationale"
                )
            else:
                message = f"the rationale names {ref}, which is no evidence item's id: correct it"
            yield _problem("uncited-in-rationale", message, f"{at}.rationale.{language}")


def check_corrections(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    """A correction names another assessment of the same commitment and actor, recorded no
    later than itself; no assessment is corrected twice; corrections never go round in a
    circle (so that a chain of them ends in the one judgement that stands)."""
    position: dict[str, int] = {}
    for i, assessment in enumerate(data.assessments):
        position.setdefault(assessment.id, i)
    corrected_by: dict[str, int] = {}
    for i, assessment in enumerate(data.assessments):
        if assessment.corrects is None:
            continue
        at = f"assessments[{i}]"
        ref = assessment.corrects.assessment
        j = position.get(ref)
        if j is None:
            yield from _missing(ref, set(), "assessment", f"{at}.corrects.assessment")
            continue
        if ref == assessment.id:
            message = f"{ref} corrects itself: name the earlier assessment it replaces"
            yield _problem("correction-cycle", message, f"{at}.corrects.assessment")
            continue
        target = data.assessments[j]
        if (target.commitment, target.actor) != (assessment.commitment, assessment.actor):
            message = (
                f"{ref} (assessments[{j}]) judges {target.commitment} for {target.actor}, not "
                f"{assessment.commitment} for {assessment.actor}: a correction replaces a "
                "judgement of the same commitment and actor"
            )
            yield _problem("correction-mismatch", message, f"{at}.corrects.assessment")
        first = corrected_by.setdefault(ref, i)
        if first != i:
            message = (
                f"{ref} is already corrected by {data.assessments[first].id} "
                f"(assessments[{first}]): correct that one instead"
            )
            yield _problem("corrected-twice", message, f"{at}.corrects.assessment")
        if assessment.recorded < target.recorded:
            message = (
                f"recorded {assessment.recorded}, before {ref}, which it corrects, was recorded "
                f"({target.recorded})"
            )
            yield _problem("inconsistent-date", message, f"{at}.recorded")
    yield from _correction_cycles(data, position)


def _correction_cycles(data: Dataset, position: dict[str, int]) -> Iterator[Problem]:
    """Each circle of corrections once, at its first assessment in the data."""
    corrects = {
        a.id: a.corrects.assessment
        for a in data.assessments
        if a.corrects is not None and a.corrects.assessment != a.id
    }
    done: set[str] = set()
    for start in corrects:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current not in done and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = corrects.get(current)
        if current is not None and current in on_path:
            circle = path[path.index(current) :]
            first = min(circle, key=position.__getitem__)
            turn = circle.index(first)
            shown = " -> ".join([*circle[turn:], *circle[:turn], first])
            message = (
                f"these corrections go round in a circle ({shown}, each correcting the next): "
                "one of them must be the judgement that stands"
            )
            at = f"assessments[{position[first]}].corrects.assessment"
            yield _problem("correction-cycle", message, at)
        done.update(path)


def check_lineage(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    """A successor is a paragraph of a resolution adopted later; only a pair whose paragraph
    has a successor is marked superseded, and not before the successor was adopted."""
    adopted: dict[str, dt.date] = {}
    for resolution in data.resolutions:
        adopted.setdefault(resolution.symbol, resolution.adopted)
    commitments: dict[str, tuple[int, Commitment]] = {}
    for i, commitment in enumerate(data.commitments):
        commitments.setdefault(commitment.id, (i, commitment))
    for i, commitment in enumerate(data.commitments):
        if commitment.successor is None:
            continue
        at = f"commitments[{i}].successor"
        found = commitments.get(commitment.successor)
        if found is None:
            yield from _missing(commitment.successor, set(), "commitment", at)
            continue
        successor = found[1]
        mine, theirs = adopted.get(commitment.resolution), adopted.get(successor.resolution)
        if mine is not None and theirs is not None and theirs <= mine:
            message = (
                f"{successor.id} belongs to {successor.resolution}, adopted {theirs}, not after "
                f"{commitment.resolution} ({mine}): a successor is a paragraph of a later "
                "resolution"
            )
            yield _problem("bad-successor", message, at)
    superseded = data.methodology.superseded_status
    if superseded is None:
        return
    for i, assessment in enumerate(data.assessments):
        if assessment.status != superseded or assessment.commitment not in commitments:
            continue
        k, commitment = commitments[assessment.commitment]
        found = commitments.get(commitment.successor or "")
        if found is None:
            message = (
                f"{commitment.id} names no successor: set commitments[{k}].successor to the "
                "paragraph that carries it forward, or give this pair another status"
            )
            yield _problem("superseded-without-successor", message, f"assessments[{i}].status")
            continue
        day = adopted.get(found[1].resolution)
        if day is not None and assessment.date < day:
            message = (
                f"superseded on {assessment.date}, before {found[1].resolution} carried the "
                f"paragraph forward ({day}): date it on or after that day"
            )
            yield _problem("inconsistent-date", message, f"assessments[{i}].date")


def check_date_order(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    """Dates that must agree: a resolution is adopted by its plenary vote, after its First
    Committee vote and after its predecessor; nothing about a paragraph is judged, or written
    down, before its resolution was adopted."""
    adopted: dict[str, dt.date] = {}
    for resolution in data.resolutions:
        adopted.setdefault(resolution.symbol, resolution.adopted)
    for i, resolution in enumerate(data.resolutions):
        day = resolution.adopted
        for j, vote in enumerate(resolution.votes):
            at = f"resolutions[{i}].votes[{j}].date"
            first, last = partial_date_start(vote.date), partial_date_end(vote.date)
            if vote.body == "plenary" and not first <= day <= last:
                message = (
                    f"the plenary vote is dated {vote.date}, but {resolution.symbol} was adopted "
                    f"on {day}: the plenary vote is the adoption, so the two dates agree"
                )
                yield _problem("inconsistent-date", message, at)
            if vote.body == "first_committee" and first >= day:
                message = (
                    f"the First Committee vote is dated {vote.date}, not before the plenary "
                    f"adopted {resolution.symbol} on {day}"
                )
                yield _problem("inconsistent-date", message, at)
        before = adopted.get(resolution.predecessor or "")
        if before is not None and before >= day:
            message = (
                f"{resolution.predecessor} was adopted on {before}, not before "
                f"{resolution.symbol} ({day}): a predecessor comes first"
            )
            yield _problem("inconsistent-date", message, f"resolutions[{i}].predecessor")
    resolution_of = {c.id: c.resolution for c in data.commitments}
    for i, assessment in enumerate(data.assessments):
        symbol = resolution_of.get(assessment.commitment)
        existed = adopted.get(symbol or "")
        if existed is None:
            continue
        at = f"assessments[{i}]"
        if assessment.date < existed:
            message = (
                f"judged on {assessment.date}, before {symbol} was adopted ({existed}): a "
                "judgement of a paragraph is dated on or after its adoption"
            )
            yield _problem("inconsistent-date", message, f"{at}.date")
        if assessment.recorded < existed:
            message = f"recorded {assessment.recorded}, before {symbol} was adopted ({existed})"
            yield _problem("inconsistent-date", message, f"{at}.recorded")


def check_urls(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    for i, item in enumerate(data.evidence):
        urls = [("source.url", item.source.url)]
        urls += [
            (f"source.additional_urls[{j}]", u) for j, u in enumerate(item.source.additional_urls)
        ]
        if item.source.archived_url is not None:
            urls.append(("source.archived_url", item.source.archived_url))
        for field, url in urls:
            if not is_web_url(url):
                message = f"'{url[:80]}' is not an http or https URL"
                yield _problem("bad-url", message, f"evidence[{i}].{field}")


def check_files(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    if base_dir is None:
        return
    for i, resolution in enumerate(data.resolutions):
        for language, name in resolution.source_files.items():
            if not (base_dir / name).is_file():
                message = f"the official {language} text '{name}' is not in the repository"
                yield _problem("missing-file", message, f"resolutions[{i}].source_files.{language}")


def check_vote_records(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    """The per-State records must add up to the plenary totals, and name the States against."""
    if base_dir is None:
        return
    codes = {actor.vote_code: actor.id for actor in data.actors if actor.vote_code}
    for i, resolution in enumerate(data.resolutions):
        at = f"resolutions[{i}].vote_records"
        if resolution.vote_records is None:
            continue
        path = base_dir / resolution.vote_records
        try:
            records = read_vote_records(path)
        except (OSError, KeyError, UnicodeDecodeError, csv.Error) as error:
            yield _problem("missing-file", f"cannot read '{resolution.vote_records}': {error}", at)
            continue
        unknown = sorted({vote for _, vote in records.values()} - set(VOTE_VALUES))
        if unknown:
            yield _problem(
                "unknown-value", f"votes must be one of {VOTE_VALUES}, got {unknown}", at
            )
        totals = vote_totals(records)
        for j, vote in enumerate(resolution.votes):
            if vote.body != "plenary":
                continue
            counted = (totals["yes"], totals["no"], totals["abstain"])
            stated = (vote.in_favour, vote.against, vote.abstaining)
            if counted != stated:
                message = f"the records count {counted} (for, against, abstaining), not {stated}"
                yield _problem("vote-mismatch", message, f"resolutions[{i}].votes[{j}]")
            against = sorted(codes[c] for c, (_, v) in records.items() if v == "no" and c in codes)
            if sorted(vote.voted_against) != against:
                message = f"the records show {against} voting against"
                yield _problem(
                    "vote-mismatch", message, f"resolutions[{i}].votes[{j}].voted_against"
                )


CHECKS: tuple[Check, ...] = (
    check_unique_ids,
    check_references,
    check_vocabularies,
    check_assessments,
    check_citations,
    check_corrections,
    check_lineage,
    check_date_order,
    check_dates,
    check_urls,
    check_files,
    check_vote_records,
)
# The checks that read today's date or other files: they run on every load, cached or not.
IMPURE_CHECKS: tuple[Check, ...] = (check_dates, check_files, check_vote_records)
# The checks whose result depends on the dataset alone: what a cache entry has passed.
PURE_CHECKS = tuple(check for check in CHECKS if check not in IMPURE_CHECKS)
