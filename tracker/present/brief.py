"""The meeting brief: one self-contained HTML file (styles, charts and plotly.js inline; no
network needed) that a participant reads offline or prints, one commitment per A4 page.

Every string from the data is escaped here, since the data is untrusted (`esc` in the HTML,
`plotly_text` in the charts); links are written only for http and https addresses.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

import plotly.graph_objects as go
import plotly.io as pio

from tracker.domain.languages import LANGUAGES, Language, pick, text_in
from tracker.domain.model import (
    Assessment,
    Commitment,
    Dataset,
    Evidence,
    Review,
    ScaleLevel,
    Term,
    Text,
)
from tracker.domain.scale import not_judged, ordered
from tracker.domain.transitions import Transition, transitions
from tracker.domain.urls import safe_url
from tracker.present import tables
from tracker.present.charts import empty_figure, plotly_text, status_matrix
from tracker.present.i18n import pick_marked, t, transition_label
from tracker.present.review_tables import COUNT_LABELS, ReviewWords, Row
from tracker.query.index import Pair, index_of
from tracker.query.names import commitment_label
from tracker.query.review import AgendaItem, Changes, NewAssessment

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", sans-serif'
)
# A4 is 210 mm wide; with 15 mm margins 180 mm (680 CSS px) are left: charts are drawn at a
# fixed width under that, so that a printout never clips them.
CHART_WIDTH = 660
CHART_CONFIG = {"displayModeBar": False, "responsive": False}
EVIDENCE_SHOWN = 5
TRAJECTORY_NUDGE = 0.07
TRAJECTORY_PADDING = dt.timedelta(days=180)
# The cover lists new assessments by what matters most to a meeting (the order of
# `Transition`), then by paragraph.
TRANSITION_WEIGHT = {transition: weight for weight, transition in enumerate(Transition)}


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# --- the document ------------------------------------------------------------------------

STYLE = f"""
@page {{ size: A4; margin: 15mm 15mm 16mm 15mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.45; color: #222;
  max-width: 180mm; margin: 0 auto; padding: 0 4mm; }}
h1 {{ font-size: 18pt; margin: 0 0 2mm; }}
h2 {{ font-size: 14pt; margin: 0 0 2mm; }}
h3 {{ font-size: 11.5pt; margin: 5mm 0 1.5mm; border-bottom: 1px solid #ccc; }}
h4 {{ font-size: 10.5pt; margin: 3mm 0 1mm; }}
h2, h3, h4 {{ break-after: avoid; page-break-after: avoid; }}
p {{ margin: 1mm 0; }}
.meta, .other {{ color: #555; font-size: 9.5pt; }}
.other {{ border-left: 2px solid #ccc; padding-left: 2mm; }}
.text {{ font-size: 11pt; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 2mm; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.counts td.n {{ font-weight: bold; text-align: right; width: 12mm; }}
.chip, .nowrap {{ white-space: nowrap; }}
.swatch {{ display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm;
  border: 1px solid #666; vertical-align: baseline; }}
.badge {{ font-size: 8pt; border: 1px solid #888; border-radius: 2px; padding: 0 1mm; }}
.actor, .evidence li {{ break-inside: avoid; page-break-inside: avoid; }}
ol.steps {{ margin: 0.5mm 0; padding-left: 5mm; font-size: 9.5pt; }}
ul.evidence {{ padding-left: 4mm; }}
.chart, .keep {{ break-inside: avoid; page-break-inside: avoid; margin: 2mm 0; }}
section.commitment {{ break-before: page; page-break-before: always; }}
a {{ color: #0b5394; word-break: break-all; }}
@media print {{
  body {{ padding: 0; max-width: none; }}
  .modebar-container, .modebar {{ display: none !important; }}
  a {{ color: inherit; text-decoration: none; }}
  a.source::after {{ content: " <" attr(href) ">"; font-size: 8pt; color: #555; }}
}}
"""


def meeting_brief_html(
    dataset: Dataset,
    changes: Changes,
    agenda: Sequence[AgendaItem],
    as_of: dt.date,
    lang: str,
    review: Review | None = None,
) -> str:
    """The brief as one HTML document: a cover (what changed, the agenda, the status matrix)
    and one section per commitment, in agenda order, each starting a printed page."""
    order = _commitments_in_agenda_order(dataset, agenda)
    brief = _Brief(
        dataset=dataset,
        changes=changes,
        as_of=as_of,
        lang=lang,
        review=review,
        anchors={commitment.id: f"commitment-{n}" for n, commitment in enumerate(order, 1)},
    )
    items = {item.commitment: item for item in agenda}
    cover = _cover(brief, agenda)
    sections = "\n".join(_commitment_section(brief, c, items.get(c.id)) for c in order)
    title = esc(brief.label("brief.title"))
    return (
        f'<!DOCTYPE html>\n<html lang="{_html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} · {esc(as_of.isoformat())}</title>\n<style>{STYLE}</style>\n"
        f"</head>\n<body>\n{cover}\n{sections}\n</body>\n</html>\n"
    )


def _commitments_in_agenda_order(
    dataset: Dataset, agenda: Sequence[AgendaItem]
) -> list[Commitment]:
    """Every commitment once: those on the agenda in its order, then the rest by paragraph."""
    by_id = {c.id: c for c in dataset.commitments}
    listed = dict.fromkeys(item.commitment for item in agenda if item.commitment in by_id)
    rest = sorted(
        (c for c in dataset.commitments if c.id not in listed),
        key=lambda c: (c.resolution, c.paragraph),
    )
    return [by_id[ref] for ref in listed] + rest


def _html_lang(lang: str) -> str:
    return t("language.tag", lang)


class _Charts:
    """Writes figures as HTML, the first with plotly.js inline and the others without, so that
    the library is in the file exactly once."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, figure: go.Figure) -> str:
        self.count += 1
        figure = go.Figure(figure)
        figure.update_layout(width=CHART_WIDTH, autosize=False, font={"family": FONT_STACK})
        div = pio.to_html(
            figure,
            full_html=False,
            include_plotlyjs=self.count == 1,
            config=CHART_CONFIG,
            div_id=f"chart-{self.count}",
        )
        return f'<div class="chart">{div}</div>'


@dataclass
class _Brief:
    """What every part of the brief needs, and the lookups they share. Methods return plain
    text (to be escaped) unless their name ends in `_html`."""

    dataset: Dataset
    changes: Changes
    as_of: dt.date
    lang: str
    review: Review | None
    anchors: dict[str, str]
    charts: _Charts = field(default_factory=_Charts)

    @cached_property
    def words(self) -> ReviewWords:
        return ReviewWords(self.dataset, self.lang)

    def label(self, key: str, **fmt: object) -> str:
        return t(key, self.lang, **fmt)

    def actor(self, actor_id: str) -> str:
        return self.words.actor(actor_id)

    def heading(self, commitment: Commitment) -> str:
        """'OP4 · Calls upon'."""
        verb = pick_marked(commitment.verb, self.lang)
        return f"{commitment_label(self.dataset, commitment)} · {verb}"

    def term(self, terms: Iterable[Term | ScaleLevel], term_id: str) -> str:
        """The label of a methodology term (direction, source type, confidence level)."""
        found = next((term for term in terms if term.id == term_id), None)
        return pick(found.label, self.lang) if found else term_id

    def weight(self, new: NewAssessment) -> tuple[int, str, int, int]:
        """Sort key of a new assessment on the cover: its transition's weight, then paragraph
        and actor in the order of the data."""
        move = TRANSITION_WEIGHT[new.transition]
        found = [c for c in self.dataset.commitments if c.id == new.pair.commitment]
        if not found:
            return (move, new.pair.commitment, 0, 0)
        actors = found[0].addressed.actors
        where = actors.index(new.pair.actor) if new.pair.actor in actors else len(actors)
        return (move, found[0].resolution, found[0].paragraph, where)

    def status_html(self, status: str | None) -> str:
        """A status as its colour swatch and label, both from the methodology."""
        if status is None:
            return ""
        statuses = self.dataset.methodology.statuses
        level = next((s for s in statuses if s.id == status), None)
        if level is None:
            return esc(status)
        swatch = f'<span class="swatch" style="background:{esc(level.colour)}"></span>'
        return f'<span class="chip">{swatch}{esc(pick(level.label, self.lang))}</span>'


# --- cover -------------------------------------------------------------------------------


def _cover(brief: _Brief, agenda: Sequence[AgendaItem]) -> str:
    changes = brief.changes
    titles = "; ".join(f"{r.symbol} {pick(r.title, brief.lang)}" for r in brief.dataset.resolutions)
    window = brief.label("brief.window", start=changes.start, end=changes.end)
    rule = brief.label("brief.stale_rule", days=changes.stale_after_days, end=changes.end)
    matrix = status_matrix(brief.dataset, brief.as_of, brief.lang)
    parts = [
        '<section class="cover">',
        f"<h1>{esc(brief.label('brief.title'))}</h1>",
        f"<p><strong>{esc(titles)}</strong></p>",
        f"<p>{esc(brief.label('brief.as_of', as_of=brief.as_of.isoformat()))}</p>",
        _review_html(brief),
        f"<h3>{esc(brief.label('brief.section.changes'))}</h3>",
        f"<p>{esc(window)}</p>",
        f'<p class="meta">{esc(rule)}</p>',
        _counts_html(brief),
        _part_html(brief, "label.new_assessments", _assessments_html(brief)),
        _part_html(brief, "brief.section.contradictions", _contradictions_html(brief)),
        _part_html(brief, "label.stale_judgements", _stale_html(brief)),
        _part_html(brief, "label.new_evidence", _new_evidence_html(brief)),
        _part_html(brief, "corrections.title", _corrections_html(brief)),
        f"<h3>{esc(brief.label('brief.section.agenda'))}</h3>",
        _agenda_html(brief, agenda),
        f'<div class="keep"><h3>{esc(brief.label("overview.section.status"))}</h3>',
        brief.charts.html(matrix) + "</div>",
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _review_html(brief: _Brief) -> str:
    review = brief.review
    if review is None:
        return ""
    title = pick(review.title, brief.lang)
    lines = [brief.label("brief.review", title=title, date=review.date.isoformat())]
    if review.participants:
        lines.append(brief.label("brief.participants", names=", ".join(review.participants)))
    if review.notes:
        lines.append(pick_marked(review.notes, brief.lang))
    return "".join(f"<p>{esc(line)}</p>" for line in lines)


def _part_html(brief: _Brief, key: str, body: str | None) -> str:
    shown = body or f'<p class="meta">{esc(brief.label("brief.none"))}</p>'
    return f"<h4>{esc(brief.label(key))}</h4>\n{shown}"


def _table_html(brief: _Brief, table: tables.Table, rows: Iterable[Row]) -> str | None:
    """The rows as an HTML table headed by the table's columns, each cell written by its
    kind; None when there are no rows."""
    columns = table.columns
    body = [
        "<tr>" + "".join(f"<td>{_cell_html(brief, c, row[c.id])}</td>" for c in columns) + "</tr>"
        for row in rows
    ]
    if not body:
        return None
    head = "".join(f"<th>{esc(column.heading(brief.lang))}</th>" for column in columns)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell_html(brief: _Brief, column: tables.Column, value: object) -> str:
    if value is None:
        return ""
    if column.kind is tables.Kind.STATUS:
        return brief.status_html(str(value))
    if column.kind is tables.Kind.DATE and isinstance(value, dt.date):
        return f'<span class="nowrap">{esc(value.isoformat())}</span>'
    if column.kind is tables.Kind.LINK:
        url = safe_url(str(value))
        host = urlsplit(url).netloc if url else ""
        return f'<a class="source" href="{esc(url)}">{esc(host)}</a>' if url else ""
    return esc(value)


def _counts_html(brief: _Brief) -> str:
    rows = "".join(
        f'<tr><td>{esc(brief.label(COUNT_LABELS[name]))}</td><td class="n">{value}</td></tr>'
        for name, value in brief.changes.counts.items()
    )
    return f'<table class="counts"><tbody>{rows}</tbody></table>'


def _assessments_html(brief: _Brief) -> str | None:
    shown = sorted(brief.changes.assessments, key=brief.weight)
    return _table_html(brief, tables.NEW_ASSESSMENTS, map(brief.words.new_assessment, shown))


def _corrections_html(brief: _Brief) -> str | None:
    rows = map(brief.words.correction, brief.changes.corrections)
    table = _table_html(brief, tables.CORRECTIONS, rows)
    return (
        f'<p class="meta">{esc(brief.label("brief.corrections_note"))}</p>{table}'
        if table
        else None
    )


def _contradictions_html(brief: _Brief) -> str | None:
    rows = map(brief.words.contradiction, brief.changes.contradictions)
    return _table_html(brief, tables.CONTRADICTIONS, rows)


def _stale_html(brief: _Brief) -> str | None:
    return _table_html(brief, tables.STALE, map(brief.words.stale, brief.changes.stale))


def _new_evidence_html(brief: _Brief) -> str | None:
    rows = map(brief.words.new_evidence, brief.changes.evidence)
    return _table_html(brief, tables.NEW_EVIDENCE, rows)


def _agenda_html(brief: _Brief, agenda: Sequence[AgendaItem]) -> str:
    by_id = {c.id: c for c in brief.dataset.commitments}
    entries = [
        f'<li><a href="#{brief.anchors[item.commitment]}">'
        f"{esc(brief.heading(by_id[item.commitment]))}</a> — "
        f"{esc(brief.words.reasons(item))}</li>"
        for item in agenda
        if item.commitment in by_id
    ]
    return f"<ol>{''.join(entries)}</ol>"


# --- one commitment ----------------------------------------------------------------------


def _commitment_section(brief: _Brief, commitment: Commitment, item: AgendaItem | None) -> str:
    lang = brief.lang
    paragraph = brief.label("brief.paragraph", number=commitment.paragraph)
    addressed = brief.label("brief.addressed", who=pick(commitment.addressed.as_written, lang))
    reasons = brief.label("brief.on_agenda", reasons=brief.words.reasons(item))
    trajectory = trajectory_figure(brief.dataset, commitment, brief.as_of, lang)
    actors = (Pair(commitment.id, actor) for actor in commitment.addressed.actors)
    parts = [
        f'<section class="commitment" id="{brief.anchors[commitment.id]}">',
        f"<h2>{esc(brief.heading(commitment))}</h2>",
        f'<p class="meta">{esc(commitment.resolution)} · {esc(paragraph)}</p>',
        f'<p class="text">{esc(pick_marked(commitment.text, lang))}</p>',
        *(_other_language_html(commitment.text, other) for other in LANGUAGES if other != lang),
        f'<p class="meta">{esc(addressed)}</p>',
        f"<p><strong>{esc(reasons)}</strong></p>",
        _decisions_html(brief, commitment),
        f"<h3>{esc(brief.label('table.status'))}</h3>",
        brief.charts.html(trajectory),
        *(_actor_html(brief, pair) for pair in actors),
        f"<h3>{esc(brief.label('label.newest_evidence'))}</h3>",
        _evidence_html(brief, commitment),
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _other_language_html(text: Text, other: Language) -> str:
    value = text_in(text, other)
    if not value:
        return ""
    return f'<p class="other" lang="{_html_lang(other)}">{esc(value)}</p>'


def _steps_html(brief: _Brief, assessments: Sequence[Assessment]) -> str:
    method = brief.dataset.methodology
    order = {level.id: level.order for level in method.statuses}
    moves = transitions(assessments, order, not_judged(method))
    items = [
        f"<li>{esc(a.date.isoformat())} {brief.status_html(a.status)} "
        f'<span class="meta">({esc(transition_label(move, brief.lang))})</span></li>'
        for a, move in zip(assessments, moves, strict=True)
    ]
    return f'<ol class="steps">{"".join(items)}</ol>'


def _actor_html(brief: _Brief, pair: Pair) -> str:
    steps = index_of(brief.dataset).history(pair, brief.as_of)
    name = esc(f"{brief.actor(pair.actor)} ({pair.actor})")
    if not steps:
        status = brief.status_html(brief.dataset.methodology.not_assessed_status)
        never = esc(brief.label("chart.hover.never_assessed"))
        return f'<div class="actor"><h4>{name} {status}</h4><p class="meta">{never}</p></div>'
    current = steps[-1]
    meta = brief.label(
        "brief.assessed",
        date=current.date.isoformat(),
        confidence=brief.term(brief.dataset.methodology.confidence_levels, current.confidence),
        evidence=", ".join(current.evidence) or "—",
    )
    return (
        f'<div class="actor"><h4>{name} {brief.status_html(current.status)}</h4>'
        f'<p class="meta">{esc(meta)}</p>'
        f"<p>{esc(pick_marked(current.rationale, brief.lang))}</p>"
        f'<p class="meta">{esc(brief.label("brief.history"))}</p>'
        f"{_steps_html(brief, steps)}</div>"
    )


def _evidence_html(brief: _Brief, commitment: Commitment) -> str:
    found = index_of(brief.dataset).commitment_evidence(commitment.id, brief.as_of)
    if not found:
        return f'<p class="meta">{esc(brief.label("brief.no_evidence"))}</p>'
    new = {item.id for item in brief.changes.evidence}
    against: dict[str, list[str]] = {}
    for item in brief.changes.contradictions:
        if item.pair.commitment == commitment.id:
            against.setdefault(item.evidence.id, []).append(item.pair.actor)
    entries = "".join(
        _evidence_item_html(brief, item, item.id in new, against.get(item.id, []))
        for item in found[:EVIDENCE_SHOWN]
    )
    older = len(found) - EVIDENCE_SHOWN
    more = brief.label("brief.older_evidence", count=older) if older > 0 else ""
    return f'<ul class="evidence">{entries}</ul>' + (
        f'<p class="meta">{esc(more)}</p>' if more else ""
    )


def _evidence_item_html(
    brief: _Brief, item: Evidence, is_new: bool, contradicted: Sequence[str]
) -> str:
    method = brief.dataset.methodology
    badges = []
    if is_new:
        badges.append(brief.label("brief.new"))
    if contradicted:
        names = ", ".join(brief.actor(actor) for actor in contradicted)
        badges.append(brief.label("brief.contradicts", actors=names))
    facts = " · ".join(
        [
            item.source.publisher,
            brief.term(method.source_types, item.source.type),
            brief.term(method.confidence_levels, item.confidence),
            item.id,
        ]
    )
    direction = brief.term(method.directions, item.direction)
    shown_badges = "".join(f' <span class="badge">{esc(badge)}</span>' for badge in badges)
    return (
        f"<li><p><strong>{esc(item.date)}</strong> · {esc(direction)}{shown_badges}</p>"
        f"<p>{esc(pick_marked(item.summary, brief.lang))}</p>"
        f'<p class="meta">{_source_html(brief, item)} — {esc(facts)}</p></li>'
    )


def _source_html(brief: _Brief, item: Evidence) -> str:
    url = safe_url(item.source.url)
    title = esc(item.source.title)
    if url is None:
        return f"{title} {esc(brief.label('brief.unsafe_link'))}"
    return f'<a class="source" href="{esc(url)}">{title}</a>'


def _decisions_html(brief: _Brief, commitment: Commitment) -> str:
    review = brief.review
    if review is None:
        return ""
    decided = [
        a
        for a in brief.dataset.assessments
        if a.id in review.decisions and a.commitment == commitment.id
    ]
    heading = f"<h3>{esc(brief.label('brief.decisions'))}</h3>"
    rows = (
        {
            "actor": brief.actor(a.actor),
            "date": a.date,
            "status": a.status,
            "rationale": pick_marked(a.rationale, brief.lang),
        }
        for a in decided
    )
    table = _table_html(brief, tables.DECISIONS, rows)
    return heading + (table or f'<p class="meta">{esc(brief.label("brief.no_decisions"))}</p>')


# --- the per-commitment chart ------------------------------------------------------------


def trajectory_figure(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, lang: str
) -> go.Figure:
    """One step line per addressed actor: its status over time, from the resolution's adoption
    to `as_of`; the y axis is the methodology's status scale, the markers its colours."""
    levels = ordered(dataset.methodology.statuses)
    by_id = {level.id: level for level in levels}
    adopted = next(
        (r.adopted for r in dataset.resolutions if r.symbol == commitment.resolution), None
    )
    figure = go.Figure()
    actors = commitment.addressed.actors
    for index, actor in enumerate(actors):
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
        nudge = (index - (len(actors) - 1) / 2) * TRAJECTORY_NUDGE
        figure.add_scatter(
            x=dates,
            y=[level.order + nudge for level in statuses],
            name=plotly_text(actor),
            mode="lines+markers",
            line={"shape": "hv", "width": 2},
            marker={"size": 8},
            text=[plotly_text(pick(level.label, lang)) for level in statuses],
            hovertemplate="%{fullData.name} · %{x}<br>%{text}<extra></extra>",
        )
    if not figure.data:
        return empty_figure(t("chart.hover.never_assessed", lang))
    start = min(adopted, as_of) - TRAJECTORY_PADDING if adopted else None
    figure.update_layout(
        title=t("label.status_history", lang),
        height=300,
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        legend={"orientation": "h", "y": -0.15},
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
        },
    )
    return figure
