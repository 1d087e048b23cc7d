"""Reading the methodology's ordered scales: which statuses count as regression or progress."""

from __future__ import annotations

from tracker.domain.model import Dataset, ScaleLevel


def ordered(levels: tuple[ScaleLevel, ...]) -> list[ScaleLevel]:
    return sorted(levels, key=lambda level: level.order)


def status_groups(dataset: Dataset) -> tuple[list[ScaleLevel], list[ScaleLevel]]:
    """The statuses that count as regressing and as progressing.

    The status scale runs, by `order`, from acting against the paragraph, through no
    progress, up to fulfilled: after setting 'not yet assessed' apart, the lowest judged
    level is regression, the next is standstill, and every level above it is progress.
    """
    judged = [
        level
        for level in ordered(dataset.methodology.statuses)
        if level.id != dataset.methodology.not_assessed_status
    ]
    return judged[:1], judged[2:]
