"""Reading the methodology's ordered scales: which statuses count as regression or progress,
and which are no judgement of progress at all."""

from __future__ import annotations

from tracker.domain.model import Dataset, Methodology, ScaleLevel


def ordered(levels: tuple[ScaleLevel, ...]) -> list[ScaleLevel]:
    return sorted(levels, key=lambda level: level.order)


def set_apart(method: Methodology) -> tuple[str, ...]:
    """The statuses that are neither a judgement of progress nor a backlog: 'not applicable'
    (the paragraph cannot apply to the actor) and 'superseded' (a later resolution carries it
    forward), those of the two the methodology sets."""
    return tuple(
        status
        for status in (method.not_applicable_status, method.superseded_status)
        if status is not None
    )


def not_judged(method: Methodology) -> frozenset[str]:
    """The statuses that judge no progress: 'not yet assessed' and those `set_apart`."""
    return frozenset((method.not_assessed_status, *set_apart(method)))


def status_groups(dataset: Dataset) -> tuple[list[ScaleLevel], list[ScaleLevel]]:
    """The statuses that count as regressing and as progressing.

    The status scale runs, by `order`, from acting against the paragraph, through no
    progress, up to fulfilled: after setting apart the statuses that judge no progress
    (`not_judged`), the lowest judged level is regression, the next is standstill, and every
    level above it is progress.
    """
    unjudged = not_judged(dataset.methodology)
    judged = [level for level in ordered(dataset.methodology.statuses) if level.id not in unjudged]
    return judged[:1], judged[2:]
