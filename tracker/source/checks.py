"""Checks that need the whole dataset: ids, references, vocabularies, dates and URLs.

Each check is a generator of problems located by record path only; the loader adds the
file, line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tracker.domain.model import Dataset
from tracker.domain.problems import Problem
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
    yield from _unknown(
        method.not_assessed_status, statuses, "status", "methodology.not_assessed_status"
    )
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
    not_assessed = data.methodology.not_assessed_status
    for i, assessment in enumerate(data.assessments):
        at = f"assessments[{i}]"
        actors = addressed.get(assessment.commitment)
        if actors is not None and assessment.actor not in actors:
            message = (
                f"'{assessment.actor}' is not among the actors {assessment.commitment} assesses"
            )
            yield _problem("not-addressed", message, f"{at}.actor")
        if assessment.status != not_assessed and not assessment.evidence:
            message = "a judgement must cite evidence; use the 'not yet assessed' status otherwise"
            yield _problem("no-evidence", message, f"{at}.evidence")
        for j, ref in enumerate(assessment.evidence):
            item = evidence.get(ref)
            if item is not None and item.start > assessment.date:
                message = f"evidence '{ref}' is dated {item.date}, after the assessment"
                yield _problem("evidence-after-assessment", message, f"{at}.evidence[{j}]")


def check_dates(data: Dataset, today: dt.date, base_dir: Path | None) -> Iterator[Problem]:
    def future(value: dt.date, path: str) -> Iterator[Problem]:
        if value > today:
            yield _problem("future-date", f"{value} is after today ({today})", path)

    for i, resolution in enumerate(data.resolutions):
        yield from future(resolution.adopted, f"resolutions[{i}].adopted")
    for i, item in enumerate(data.evidence):
        yield from future(item.start, f"evidence[{i}].date")
    for i, assessment in enumerate(data.assessments):
        yield from future(assessment.date, f"assessments[{i}].date")
    for i, review in enumerate(data.reviews):
        yield from future(review.date, f"reviews[{i}].date")


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
    check_dates,
    check_urls,
    check_files,
    check_vote_records,
)
# The checks whose result depends on the dataset alone: what a cache entry has passed.
PURE_CHECKS: tuple[Check, ...] = (
    check_unique_ids,
    check_references,
    check_vocabularies,
    check_assessments,
    check_urls,
)
# The checks that read today's date or other files: they run on every load, cached or not.
IMPURE_CHECKS = tuple(check for check in CHECKS if check not in PURE_CHECKS)
