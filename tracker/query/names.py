"""Short names of records, the same on every page, chart, brief and export."""

from __future__ import annotations

from tracker.domain.model import Commitment, Dataset
from tracker.query.index import derived


def commitment_label(dataset: Dataset, commitment: Commitment) -> str:
    """'OP4'; prefixed with the resolution symbol once the data tracks more than one, so that
    two resolutions' fourth paragraphs never share a row."""
    short = f"OP{commitment.paragraph}"
    return short if len(dataset.resolutions) == 1 else f"{commitment.resolution} {short}"


def commitment_labels(dataset: Dataset) -> dict[str, str]:
    """`commitment_label` of every commitment, by id (computed once per dataset)."""
    return derived(
        dataset,
        "commitment_labels",
        lambda data: {c.id: commitment_label(data, c) for c in data.commitments},
    )
