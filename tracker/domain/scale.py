"""Reading the methodology's ordered scales: which statuses count as regression or progress."""

from __future__ import annotations

from tracker.domain.model import Dataset, ScaleLevel


def ordered(levels: tuple[ScaleLevel, ...]) -> list[ScaleLevel]:
    return sorted(levels, key=lambda level: level.order)


def unjudged_statuses(dataset: Dataset) -> frozenset[str]:
    """The statuses that are no judgement of progress: not yet assessed, and, where the
    methodology has them, not applicable and superseded."""
    method = dataset.methodology
    return frozenset(
        status
        for status in (
            method.not_assessed_status,
            method.not_applicable_status,
            method.superseded_status,
        )
        if status is not None
    )


def status_groups(dataset: Dataset) -> tuple[list[ScaleLevel], list[ScaleLevel]]:
    """The statuses that count as regressing and as progressing.

    The status scale runs, by `order`, from acting against the paragraph, through no
    progress, up to fulfilled: after setting the statuses that judge nothing apart, the
    lowest judged level is regression, the next is standstill, and every level above it is
    progress.
    """
    unjudged = unjudged_statuses(dataset)
    judged = [level for level in ordered(dataset.methodology.statuses) if level.id not in unjudged]
    return judged[:1], judged[2:]
