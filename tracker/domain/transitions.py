"""What an assessment does to its pair's status: the transitions, and how a pair's history
is read as them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from enum import StrEnum

from tracker.domain.model import Assessment


class Transition(StrEnum):
    """An assessment against the pair's previous judgement ('not yet assessed' is not a
    judgement), declared in the order a meeting reads them: what moved, worst news first."""

    WORSENED = "worsened"
    IMPROVED = "improved"
    FIRST = "first"
    UNCHANGED = "unchanged"
    UNASSESSED = "unassessed"


# The transitions that move a status, as against a first judgement or a confirmation.
MOVES = frozenset({Transition.WORSENED, Transition.IMPROVED})


def transitions(
    assessments: Iterable[Assessment], order: Mapping[str, int], not_judged: Collection[str]
) -> list[Transition]:
    """For each assessment of one pair, oldest first: UNASSESSED when its status judges no
    progress (one of `not_judged`: not yet assessed, not applicable, superseded), else FIRST,
    IMPROVED, WORSENED or UNCHANGED against the previous judgement (a higher `order` of the
    status is better)."""
    out: list[Transition] = []
    previous: str | None = None
    for assessment in assessments:
        if assessment.status in not_judged:
            out.append(Transition.UNASSESSED)
            continue
        if previous is None:
            out.append(Transition.FIRST)
        elif order[assessment.status] == order[previous]:
            out.append(Transition.UNCHANGED)
        elif order[assessment.status] > order[previous]:
            out.append(Transition.IMPROVED)
        else:
            out.append(Transition.WORSENED)
        previous = assessment.status
    return out


def held_since(history: Sequence[Assessment]) -> dt.date | None:
    """Since when a pair's status in force has stood: the date of the first assessment of the
    latest unbroken run of that status (`history` oldest first); None for no assessment."""
    if not history:
        return None
    current = history[-1].status
    since = history[-1].date
    for assessment in reversed(history):
        if assessment.status != current:
            break
        since = assessment.date
    return since
