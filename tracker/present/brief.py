"""The meeting brief: one self-contained HTML file that a participant reads offline or prints,
in the order a diplomat reads it. A cover (the meeting, its date and participants), then the
decisions the meeting took, then what changed in the world in the window (status moves and
new evidence; corrections of the record shown as corrections), then where each actor stands
(the status matrix of the resolutions in force and a row of status chips per actor). Nothing
that did not change is listed. The full record of each commitment follows only on request
(`full`), one commitment per printed page.

Every string from the data is escaped (`printable.esc`); links are written only for http and
https addresses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from tracker.domain.languages import LANGUAGES, Language, pick, text_in
from tracker.domain.model import Assessment, Commitment, Dataset, Evidence, Review, Text
from tracker.domain.scale import ordered
from tracker.present import tables
from tracker.present.charts import empty_figure, plotly_text
from tracker.present.i18n import pick_marked, t, transition_label
from tracker.present.printable import Words, document, esc, html_lang, one_line
from tracker.query import adoption
from tracker.query.corrections import CorrectedJudgement, recorded_by_id
from tracker.query.index import Pair, Step, index_of
from tracker.query.review import AgendaItem, Changes, NewAssessment, real_changes

EVIDENCE_SHOWN = 5
TRAJECTORY_NUDGE = 0.07
TRAJECTORY_PADDING = dt.timedelta(days=180)
# One colour and one dash per actor in a history chart (Okabe-Ito, which stays apart with
# colour-vision deficiencies; the dash tells lines apart in black and white as well).
ACTOR_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
ACTOR_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")


def meeting_brief_html(
    dataset: Dataset,
    changes: Changes,
    agenda: Sequence[AgendaItem],
    as_of: dt.date,
    lang: str,
    review: Review | None = None,
    *,
    full: bool = False,
    resolutions: Sequence[str] | None = None,
) -> str:
    """The brief as one HTML document. `resolutions`: those whose matrix it shows (default:
    those in force on `as_of`); `full`: the agenda and every commitment's record after it."""
    words = Words(dataset, lang)
    shown = (
        resolutions
        if resolutions is not None
        else [r.symbol for r in adoption.current(dataset, as_of)]
    )
    parts = [
        _cover_html(words, changes, as_of, review),
        _decisions_html(words, review),
        _changes_html(words, changes, review),
        _standing_html(words, as_of, shown),
    ]
    if full:
        parts.append(_agenda_html(words, agenda))
        parts += [
            _commitment_html(words, changes, commitment, item, as_of, review)
            for commitment, item in _in_agenda_order(dataset, agenda)
        ]
    title = f"{words.label('brief.title')} · {as_of.isoformat()}"
    return document(title, lang, "\n".join(part for part in parts if part))


# --- cover ---------------------------------------------------------------------------------


def _cover_html(words: Words, changes: Changes, as_of: dt.date, review: Review | None) -> str:
    lang = words.lang
    in_force = adoption.current(words.dataset, as_of)
    titles = "; ".join(f"{r.symbol} · {pick(r.title, lang)}" for r in in_force)
    facts: list[tuple[str, str]] = []
    if review is not None:
        facts.append((words.label("review.meeting"), pick(review.title, lang)))
        facts.append((words.label("label.date"), review.date.isoformat()))
        if review.participants:
            facts.append((words.label("review.participants"), ", ".join(review.participants)))
    facts.append((words.label("sidebar.as_of"), as_of.isoformat()))
    facts.append(
        (
            words.label("brief.fact.window"),
            words.label("brief.window", start=changes.start, end=changes.end),
        )
    )
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in facts)
    notes = f"<p>{esc(pick_marked(review.notes, lang))}</p>" if review and review.notes else ""
    heading = pick(review.title, lang) if review else words.label("brief.title")
    return (
        '<header class="cover">'
        f'<p class="meta">{esc(words.label("brief.title"))}</p>'
        f"<h1>{esc(heading)}</h1>"
        f'<p class="meta">{esc(titles)}</p>'
        f'<table class="facts"><tbody>{rows}</tbody></table>{notes}</header>'
    )


# --- the decisions -------------------------------------------------------------------------


def decided(dataset: Dataset, review: Review) -> list[tuple[Assessment, str | None]]:
    """The assessments the review decided, in its order, each with the status in force for
    its pair just before it (None when the pair had none)."""
    by_id = recorded_by_id(dataset, review.decisions)  # corrected ones too: a decision stays one
    index = index_of(dataset)
    found = []
    for ref in review.decisions:
        assessment = by_id.get(ref)
        if assessment is None:
            continue
        history = index.history(Pair(assessment.commitment, assessment.actor), assessment.date)
        earlier = [a for a in history if a.id != assessment.id]
        found.append((assessment, earlier[-1].status if earlier else None))
    return found


def _decisions_html(words: Words, review: Review | None) -> str:
    heading = f"<h2>{esc(words.label('brief.section.decisions'))}</h2>"
    if review is None:
        return heading + f'<p class="meta">{esc(words.label("brief.no_review"))}</p>'
    not_assessed = words.dataset.methodology.not_assessed_status
    commitments = index_of(words.dataset).commitments
    rows = [
        {
            "commitment": esc(words.heading(commitments[a.commitment]))
            if a.commitment in commitments
            else esc(a.commitment),
            "actor": esc(f"{words.actor(a.actor)} ({a.actor})"),
            "move": _move_html(words, previous or not_assessed, a.status),
            "rationale": esc(one_line(pick_marked(a.rationale, words.lang))),
            "sources": words.cited_html(a.evidence),
        }
        for a, previous in decided(words.dataset, review)
    ]
    table = words.table_html(tables.BRIEF_DECISIONS, rows)
    return heading + (table or f'<p class="meta">{esc(words.label("brief.no_decision"))}</p>')


def _move_html(words: Words, before: str, after: str) -> str:
    """'Regressing → No progress' as two chips."""
    return f"{words.chip_html(before)} → {words.chip_html(after)}"


def _day_html(day: dt.date) -> str:
    return f'<span class="nowrap">{esc(day.isoformat())}</span>'


# --- what changed ------------------------------------------------------------------------


def _changes_html(words: Words, changes: Changes, review: Review | None) -> str:
    real = real_changes(changes)
    decisions = set(review.decisions) if review else set()
    moves = [new for new in real.moves if new.assessment.id not in decisions]
    heading = words.label("brief.section.world", start=changes.start, end=changes.end)
    parts = [f"<h2>{esc(heading)}</h2>"]
    parts.append(_moves_html(words, moves))
    if real.corrections:
        parts.append(f"<h3>{esc(words.label('corrections.title'))}</h3>")
        parts.append(f'<p class="meta">{esc(words.label("brief.corrections_note"))}</p>')
        parts.append(_corrections_html(words, real.corrections) or "")
    parts.append(f"<h3>{esc(words.label('label.new_evidence'))}</h3>")
    parts.append(
        _new_evidence_html(words, changes.evidence)
        or f'<p class="meta">{esc(words.label("brief.none"))}</p>'
    )
    if real.rest:
        note = words.label("brief.not_listed", count=len(real.rest))
        parts.append(f'<p class="meta">{esc(note)}</p>')
    return "\n".join(part for part in parts if part)


def _moves_html(words: Words, moves: Sequence[NewAssessment]) -> str:
    if not moves:
        return f'<p class="meta">{esc(words.label("brief.no_moves"))}</p>'
    not_assessed = words.dataset.methodology.not_assessed_status
    rows = (
        {
            "paragraph": esc(words.paragraph(new.pair.commitment)),
            "actor": esc(new.pair.actor),
            "date": _day_html(new.assessment.date),
            "move": _move_html(words, new.previous_status or not_assessed, new.assessment.status),
            "rationale": esc(one_line(pick_marked(new.assessment.rationale, words.lang))),
            "sources": words.cited_html(new.assessment.evidence),
        }
        for new in moves
    )
    return words.table_html(tables.BRIEF_MOVES, rows) or ""


def _corrections_html(words: Words, corrections: Sequence[CorrectedJudgement]) -> str | None:
    rows = (
        {
            "paragraph": esc(words.paragraph(fix.correction.commitment)),
            "actor": esc(fix.correction.actor),
            "date": _day_html(fix.correction.date),
            "move": _move_html(words, fix.corrected.status, fix.correction.status),
            "why": esc(one_line(pick_marked(fix.reason, words.lang), 160)),
        }
        for fix in corrections
    )
    return words.table_html(tables.BRIEF_CORRECTIONS, rows)


def _new_evidence_html(words: Words, items: Sequence[Evidence]) -> str | None:
    directions = words.dataset.methodology.directions
    rows = (
        {
            "date": f'<span class="nowrap">{esc(item.date)}</span>',
            "paragraphs": esc(", ".join(words.paragraph(ref) for ref in item.commitments)),
            "actors": esc(", ".join(item.actors)),
            "direction": esc(words.term(directions, item.direction)),
            "summary": esc(one_line(pick_marked(item.summary, words.lang))),
            "sources": words.cited_html([item.id]),
        }
        for item in items
    )
    return words.table_html(tables.BRIEF_EVIDENCE, rows)


# --- where each actor stands ---------------------------------------------------------------


def _standing_html(words: Words, as_of: dt.date, resolutions: Sequence[str]) -> str:
    dataset = words.dataset
    commitments = adoption.existing_commitments(dataset, as_of, resolutions)
    later = adoption.successors(dataset, as_of)
    left_out = [
        words.label(
            "brief.superseded_note",
            symbol=symbol,
            successor=successor.symbol,
            date=successor.adopted.isoformat(),
        )
        for symbol, successor in later.items()
        if symbol not in resolutions
    ]
    parts = [
        '<section class="standing">',
        f"<h2>{esc(words.label('brief.section.standing', as_of=as_of.isoformat()))}</h2>",
        '<div class="keep">',
        words.matrix_html(commitments, as_of),
        "</div>",
        *(f'<p class="meta">{esc(note)}</p>' for note in left_out),
        f"<h3>{esc(words.label('brief.section.by_actor'))}</h3>",
        '<div class="keep">',
        words.actor_chips_html(commitments, as_of),
        "</div>",
        "</section>",
    ]
    return "\n".join(parts)


# --- on request: the agenda and every commitment's record --------------------------------


def _in_agenda_order(
    dataset: Dataset, agenda: Sequence[AgendaItem]
) -> list[tuple[Commitment, AgendaItem | None]]:
    """Every commitment once: those on the agenda in its order, then the rest by paragraph."""
    by_id = index_of(dataset).commitments
    items = {item.commitment: item for item in agenda if item.commitment in by_id}
    rest = [c for c in index_of(dataset).ordered if c.id not in items]
    return [(by_id[ref], item) for ref, item in items.items()] + [(c, None) for c in rest]


def _agenda_html(words: Words, agenda: Sequence[AgendaItem]) -> str:
    by_id = index_of(words.dataset).commitments
    entries = [
        f'<li><a href="#{_anchor(item.commitment)}">{esc(words.heading(by_id[item.commitment]))}'
        f"</a> — {esc(words.review.reasons(item))}</li>"
        for item in agenda
        if item.commitment in by_id
    ]
    return f"<h2>{esc(words.label('brief.section.agenda'))}</h2><ol>{''.join(entries)}</ol>"


def _anchor(commitment_id: str) -> str:
    return "c-" + "".join(ch if ch.isalnum() else "-" for ch in commitment_id)


def _commitment_html(
    words: Words,
    changes: Changes,
    commitment: Commitment,
    item: AgendaItem | None,
    as_of: dt.date,
    review: Review | None,
) -> str:
    lang = words.lang
    paragraph = words.label("brief.paragraph", number=commitment.paragraph)
    addressed = words.label("brief.addressed", who=pick(commitment.addressed.as_written, lang))
    on_agenda = words.label("brief.on_agenda", reasons=words.review.reasons(item))
    figure = trajectory_figure(words.dataset, commitment, as_of, lang)
    alt = words.label("brief.trajectory.alt", commitment=words.paragraph(commitment.id))
    parts = [
        f'<section class="commitment" id="{_anchor(commitment.id)}">',
        f"<h2>{esc(words.heading(commitment))}</h2>",
        f'<p class="meta">{esc(commitment.resolution)} · {esc(paragraph)}</p>',
        f'<p class="text">{esc(pick_marked(commitment.text, lang))}</p>',
        *(_other_language_html(commitment.text, other) for other in LANGUAGES if other != lang),
        f'<p class="meta">{esc(addressed)}</p>',
        f"<p><strong>{esc(on_agenda)}</strong></p>",
        _commitment_decisions_html(words, commitment, review),
        f"<h3>{esc(words.label('table.status'))}</h3>",
        words.charts.html(figure, alt),
        *(
            _actor_html(words, Pair(commitment.id, actor), as_of)
            for actor in commitment.addressed.actors
        ),
        f"<h3>{esc(words.label('label.newest_evidence'))}</h3>",
        _evidence_html(words, changes, commitment, as_of),
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _other_language_html(text: Text, other: Language) -> str:
    value = text_in(text, other)
    if not value:
        return ""
    return f'<p class="other" lang="{html_lang(other)}">{esc(value)}</p>'


def _commitment_decisions_html(words: Words, commitment: Commitment, review: Review | None) -> str:
    if review is None:
        return ""
    rows = [
        {
            "actor": esc(words.actor(a.actor)),
            "date": _day_html(a.date),
            "status": words.chip_html(a.status),
            "rationale": esc(pick_marked(a.rationale, words.lang)),
        }
        for a, _ in decided(words.dataset, review)
        if a.commitment == commitment.id
    ]
    table = words.table_html(tables.DECISIONS, rows)
    if table is None:
        return ""
    return f"<h3>{esc(words.label('brief.decisions'))}</h3>{table}"


def _actor_html(words: Words, pair: Pair, as_of: dt.date) -> str:
    dataset = words.dataset
    steps = index_of(dataset).steps(pair, as_of)
    name = esc(f"{words.actor(pair.actor)} ({pair.actor})")
    if not steps:
        status = words.chip_html(dataset.methodology.not_assessed_status)
        never = esc(words.label("chart.hover.never_assessed"))
        return f'<div class="actor"><h4>{name} {status}</h4><p class="meta">{never}</p></div>'
    current = steps[-1].assessment
    meta = words.label(
        "brief.assessed",
        date=current.date.isoformat(),
        confidence=words.term(dataset.methodology.confidence_levels, current.confidence),
        evidence=", ".join(current.evidence) or "—",
    )
    return (
        f'<div class="actor"><h4>{name} {words.chip_html(current.status)}</h4>'
        f'<p class="meta">{esc(meta)}</p>'
        f"<p>{esc(pick_marked(current.rationale, words.lang))}</p>"
        f'<p class="meta">{esc(words.label("brief.sources"))} '
        f"{words.cited_html(current.evidence)}</p>"
        f'<p class="meta">{esc(words.label("brief.history"))}</p>'
        f"{_steps_html(words, steps)}</div>"
    )


def _steps_html(words: Words, steps: Sequence[Step]) -> str:
    items = [
        f"<li>{esc(step.assessment.date.isoformat())} {words.chip_html(step.assessment.status)} "
        f'<span class="meta">({esc(transition_label(step.transition, words.lang))}'
        + (f" · {esc(words.label('brief.correction'))}" if step.assessment.corrects else "")
        + ")</span></li>"
        for step in steps
    ]
    return f'<ol class="steps">{"".join(items)}</ol>'


def _evidence_html(words: Words, changes: Changes, commitment: Commitment, as_of: dt.date) -> str:
    found = index_of(words.dataset).commitment_evidence(commitment.id, as_of)
    if not found:
        return f'<p class="meta">{esc(words.label("brief.no_evidence"))}</p>'
    new = set(changes.evidence.ids())
    against: dict[str, list[str]] = {}
    for pair, item in changes.contradictions.listed():
        if pair.commitment == commitment.id:
            against.setdefault(item, []).append(pair.actor)
    entries = [
        _evidence_item_html(words, item, item.id in new, against.get(item.id, []))
        for item in found[:EVIDENCE_SHOWN]
    ]
    older = len(found) - EVIDENCE_SHOWN
    if older > 0:
        entries.append(
            f'<li class="meta">{esc(words.label("brief.older_evidence", count=older))}</li>'
        )
    return f'<ul class="evidence">{"".join(entries)}</ul>'


def _evidence_item_html(
    words: Words, item: Evidence, is_new: bool, contradicted: Sequence[str]
) -> str:
    method = words.dataset.methodology
    badges = []
    if is_new:
        badges.append(words.label("brief.new"))
    if contradicted:
        names = ", ".join(words.actor(actor) for actor in contradicted)
        badges.append(words.label("brief.contradicts", actors=names))
    facts = " · ".join(
        [
            item.source.publisher,
            words.term(method.source_types, item.source.type),
            words.term(method.confidence_levels, item.confidence),
            item.id,
        ]
    )
    direction = words.term(method.directions, item.direction)
    shown_badges = "".join(f' <span class="badge">{esc(badge)}</span>' for badge in badges)
    return (
        f"<li><p><strong>{esc(item.date)}</strong> · {esc(direction)}{shown_badges}</p>"
        f"<p>{esc(pick_marked(item.summary, words.lang))}</p>"
        f'<p class="meta">{words.source_html(item)} — {esc(facts)}</p></li>'
    )


# --- the per-commitment chart ------------------------------------------------------------


def trajectory_figure(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, lang: str
) -> go.Figure:
    """One step line per addressed actor, each in its own colour and dash with a legend: its
    status over time, from the resolution's adoption to `as_of`; the y axis is the
    methodology's status scale (labels never cut), the markers its colours."""
    levels = ordered(dataset.methodology.statuses)
    by_id = {level.id: level for level in levels}
    adopted = index_of(dataset).resolutions.get(commitment.resolution)
    figure = go.Figure()
    actors = commitment.addressed.actors
    for number, actor in enumerate(actors):
        steps = [
            a
            for a in index_of(dataset).history(Pair(commitment.id, actor), as_of)
            if a.status in by_id
        ]
        if not steps:
            continue
        dates = [a.date.isoformat() for a in steps] + [as_of.isoformat()]
        statuses = [by_id[a.status] for a in steps] + [by_id[steps[-1].status]]
        # Actors on the same level would hide one another: each line is nudged a little.
        nudge = (number - (len(actors) - 1) / 2) * TRAJECTORY_NUDGE
        colour = ACTOR_COLOURS[number % len(ACTOR_COLOURS)]
        figure.add_scatter(
            x=dates,
            y=[level.order + nudge for level in statuses],
            name=plotly_text(actor),
            mode="lines+markers",
            line={"shape": "hv", "width": 2.5, "color": colour, "dash": ACTOR_DASHES[number % 7]},
            marker={
                "size": 9,
                "color": [level.colour for level in statuses],
                "line": {"color": colour, "width": 2},
            },
            text=[plotly_text(pick(level.label, lang)) for level in statuses],
            hovertemplate="%{fullData.name} · %{x}<br>%{text}<extra></extra>",
        )
    if not figure.data:
        return empty_figure(t("chart.hover.never_assessed", lang))
    start = min(adopted.adopted, as_of) - TRAJECTORY_PADDING if adopted else None
    figure.update_layout(
        template="plotly_white",
        height=300,
        margin={"l": 10, "r": 10, "t": 20, "b": 30},
        showlegend=True,
        legend={"orientation": "h", "y": -0.12, "title": {"text": ""}},
        xaxis={
            "range": [start.isoformat(), (as_of + TRAJECTORY_PADDING).isoformat()]
            if start
            else None,
            "type": "date",
        },
        yaxis={
            "tickvals": [level.order for level in levels],
            "ticktext": [plotly_text(pick(level.label, lang)) for level in levels],
            "range": [levels[0].order - 0.5, levels[-1].order + 0.5],
            "automargin": True,
        },
    )
    return figure
