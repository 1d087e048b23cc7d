"""What the Review page and the meeting brief both show of a review window: the rows of its
tables (`tables.NEW_ASSESSMENTS`, `CONTRADICTIONS`, `STALE`, `NEW_EVIDENCE`), the labels of
its counts, and why each commitment is on the agenda, in words. Rows hold values (days,
status ids); each medium writes them its own way."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from tracker.domain.languages import pick
from tracker.domain.model import Dataset, Evidence
from tracker.domain.transitions import Transition
from tracker.domain.urls import is_web_url
from tracker.present.i18n import pick_marked, t, transition_label
from tracker.query.corrections import CorrectedJudgement
from tracker.query.index import derived
from tracker.query.names import commitment_labels
from tracker.query.review import (
    AgendaItem,
    Contradiction,
    Count,
    NewAssessment,
    Reason,
    StalePair,
)

Row = dict[str, object]

COUNT_LABELS: dict[Count | Transition, str] = {
    Count.ASSESSMENTS: "label.new_assessments",
    Transition.WORSENED: "transition.worsened",
    Transition.IMPROVED: "transition.improved",
    Transition.FIRST: "brief.count.first",
    Transition.UNCHANGED: "transition.unchanged",
    Transition.UNASSESSED: "brief.count.unassessed",
    Count.EVIDENCE: "label.new_evidence",
    Count.STALE: "label.stale_judgements",
    Count.CONTRADICTIONS: "brief.count.contradictions",
    Count.CORRECTIONS: "corrections.title",
}
REASON_LABELS: dict[Reason, str] = {
    Reason.WORSENED: "transition.worsened",
    Reason.CONTRADICTED: "review.reason.contradicted",
    Reason.STALE: "review.reason.stale",
    Reason.IMPROVED: "transition.improved",
    Reason.FIRST: "transition.first",
    Reason.REASSESSED: "review.reason.reassessed",
    Reason.NEW_EVIDENCE: "label.new_evidence",
}


@dataclass
class ReviewWords:
    """The names a review's rows are written with, in one language: a commitment's paragraph
    label, an actor's name, a direction's label (each looked up once)."""

    dataset: Dataset
    lang: str

    @cached_property
    def paragraphs(self) -> dict[str, str]:
        return commitment_labels(self.dataset)

    @cached_property
    def actors(self) -> dict[str, str]:
        lang = self.lang
        return derived(
            self.dataset,
            f"review.actor_names.{lang}",
            lambda data: {actor.id: pick(actor.name, lang) for actor in data.actors},
        )

    @cached_property
    def directions(self) -> dict[str, str]:
        return {
            term.id: pick(term.label, self.lang) for term in self.dataset.methodology.directions
        }

    def paragraph(self, ref: str) -> str:
        return self.paragraphs.get(ref, ref)

    def actor(self, ref: str) -> str:
        return self.actors.get(ref, ref)

    def direction(self, ref: str) -> str:
        return self.directions.get(ref, ref)

    def reasons(self, item: AgendaItem | None, short: bool = False) -> str:
        """'Worsened (Russian Federation); Stale (United States of America)', the actors by
        their ids when `short` ('Worsened (RUS)': a projector's line)."""
        if item is None or not item.findings:
            return t("brief.nothing_to_report", self.lang)
        parts = []
        for reason in item.reasons:
            found = [f.actor for f in item.findings if f.reason == reason and f.actor]
            names = dict.fromkeys(ref if short else self.actor(ref) for ref in found)
            shown = f" ({', '.join(names)})" if names else ""
            parts.append(t(REASON_LABELS[reason], self.lang) + shown)
        return "; ".join(parts)

    def correction(self, fixed: CorrectedJudgement) -> Row:
        """A fix of the record: what the corrected judgement said, what stands now, why."""
        return {
            "paragraph": self.paragraph(fixed.correction.commitment),
            "actor": self.actor(fixed.correction.actor),
            "date": fixed.correction.date,
            "was": fixed.corrected.status,
            "now": fixed.correction.status,
            "why": pick_marked(fixed.reason, self.lang),
            "recorded": fixed.recorded,
            "id": f"{fixed.corrected.id} → {fixed.correction.id}",
        }

    def new_assessment(self, new: NewAssessment) -> Row:
        return {
            "paragraph": self.paragraph(new.pair.commitment),
            "actor": self.actor(new.pair.actor),
            "date": new.assessment.date,
            "change": transition_label(new.transition, self.lang),
            "before": new.previous_status,
            "after": new.assessment.status,
            "id": new.assessment.id,
        }

    def contradiction(self, found: Contradiction) -> Row:
        return {
            "paragraph": self.paragraph(found.pair.commitment),
            "actor": self.actor(found.pair.actor),
            "status": found.assessment.status,
            "evidence": f"{found.evidence.id} · {found.evidence.date}",
            "direction": self.direction(found.evidence.direction),
            "summary": pick_marked(found.evidence.summary, self.lang),
        }

    def stale(self, pair: StalePair) -> Row:
        return {
            "paragraph": self.paragraph(pair.pair.commitment),
            "actor": self.actor(pair.pair.actor),
            "status": pair.status,
            "newest": pair.newest_evidence,
            "days": pair.days,
        }

    def new_evidence(self, item: Evidence) -> Row:
        return {
            "date": item.date,
            "id": item.id,
            "paragraphs": ", ".join(self.paragraph(ref) for ref in item.commitments),
            "direction": self.direction(item.direction),
            "summary": pick_marked(item.summary, self.lang),
            "url": item.source.url if is_web_url(item.source.url) else None,
        }
