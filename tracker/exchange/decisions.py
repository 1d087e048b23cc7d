"""The decisions of a review meeting as a table and as the Excel-safe CSV handed out with the
brief: one row per assessment decided, with the move it made."""

from __future__ import annotations

import pandas as pd

from tracker.domain.languages import LANGUAGES, text_cells
from tracker.domain.model import Assessment, Dataset, Review
from tracker.exchange.export import LIST_SEPARATOR, csv_bytes
from tracker.query.corrections import recorded_by_id
from tracker.query.index import Pair, index_of
from tracker.query.review import find_review

DECISION_COLUMNS = (
    "review_id",
    "review_date",
    "assessment_id",
    "commitment",
    "paragraph",
    "actor",
    "assessed_on",
    "status",
    *(f"status_label_{code}" for code in LANGUAGES),
    "previous_status",
    "transition",
    *(f"rationale_{code}" for code in LANGUAGES),
    "evidence_ids",
    "assessor",
    "confidence",
)


def decisions_table(dataset: Dataset, review_id: str) -> pd.DataFrame:
    """One row per decision (assessment) of the review, in the order the review lists them,
    with the move each makes against the pair's previous judgement. Columns:
    `DECISION_COLUMNS`; labels in every language, as in the export."""
    review = find_review(dataset, review_id)
    assessments = recorded_by_id(dataset, review.decisions)  # corrected ones stay decisions
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
    # A decision corrected since is no step of the record that stands: it moved nothing.
    move, previous = next(
        (
            (step.transition, step.previous)
            for step in index_of(dataset).steps(pair, assessment.date)
            if step.assessment.id == assessment.id
        ),
        ("corrected", None),
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
        **text_cells("status_label", level.label if level else None),
        "previous_status": previous or "",
        "transition": str(move),
        **text_cells("rationale", assessment.rationale),
        "evidence_ids": LIST_SEPARATOR.join(assessment.evidence),
        "assessor": assessment.assessor,
        "confidence": assessment.confidence,
    }
