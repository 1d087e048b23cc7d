"""What the printable documents (the meeting brief, an actor's profile) share: one
self-contained HTML page for A4 (styles inline, plotly.js inline at most once, no network),
status chips in the methodology's colours with legible text, the status matrix as a table,
and links to evidence sources.

Every string from the data is escaped here (`esc`), since the data is untrusted; links are
written only for http and https addresses.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import plotly.graph_objects as go
import plotly.io as pio

from tracker.domain.languages import pick
from tracker.domain.model import Actor, Commitment, Dataset, Evidence, ScaleLevel, Term
from tracker.domain.scale import ordered
from tracker.domain.urls import safe_url
from tracker.present import tables
from tracker.present.colours import text_colour
from tracker.present.i18n import pick_marked, t
from tracker.present.review_tables import ReviewWords
from tracker.query.index import Pair, index_of
from tracker.query.names import commitment_label

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", sans-serif'
)
# A4 is 210 mm wide; with 15 mm margins 180 mm (680 CSS px) are left: charts are drawn at a
# fixed width under that, so that a printout never clips them.
CHART_WIDTH = 660
CHART_CONFIG = {"displayModeBar": False, "responsive": False}
# One line of a rationale or summary in a table: the first sentence, cut at this length.
ONE_LINE = 220
# A sentence ends at '.' or ';' before a space, or at an ideographic full stop or a full-width
# semicolon (U+3002, U+FF1B), which take no space after them.
_SENTENCE_END = re.compile("(?<=[.;])\\s|(?<=[\u3002\uff1b])")

STYLE = f"""
@page {{ size: A4; margin: 14mm 14mm 15mm 14mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {FONT_STACK}; font-size: 10pt; line-height: 1.4; color: #1a1a1a;
  max-width: 182mm; margin: 0 auto; padding: 0 4mm; }}
h1 {{ font-size: 17pt; margin: 0 0 1.5mm; }}
h2 {{ font-size: 13pt; margin: 5mm 0 1.5mm; border-bottom: 1px solid #bbb; }}
h3 {{ font-size: 11pt; margin: 3.5mm 0 1mm; }}
h4 {{ font-size: 10pt; margin: 2.5mm 0 1mm; }}
h2, h3, h4 {{ break-after: avoid; page-break-after: avoid; }}
p {{ margin: 1mm 0; }}
.meta, .other {{ color: #444; font-size: 9pt; }}
.other {{ border-left: 2px solid #bbb; padding-left: 2mm; }}
.text {{ font-size: 10.5pt; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 1mm 0 2mm; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.8mm 1.2mm; text-align: left;
  vertical-align: top; }}
th {{ font-weight: 600; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
table.facts {{ width: auto; font-size: 9.5pt; }}
table.facts th {{ padding-right: 4mm; }}
table.chips {{ width: auto; }}
table.matrix td, table.matrix th {{ text-align: center; padding: 0.6mm; }}
table.matrix th.row, table.matrix td.row {{ text-align: left; white-space: nowrap; }}
table.matrix td.none {{ background: #f4f4f4; }}
.chip {{ display: inline-block; border-radius: 2mm; padding: 0 1.6mm; margin: 0.3mm 0.6mm 0.3mm 0;
  font-size: 8.5pt; line-height: 1.5; white-space: nowrap; border: 1px solid #0003; }}
.nowrap {{ white-space: nowrap; }}
.badge {{ font-size: 8pt; border: 1px solid #888; border-radius: 2px; padding: 0 1mm; }}
.actor, .evidence li, .keep {{ break-inside: avoid; page-break-inside: avoid; }}
ol.steps {{ margin: 0.5mm 0; padding-left: 5mm; font-size: 9pt; }}
ul.evidence {{ padding-left: 4mm; }}
.chart {{ break-inside: avoid; page-break-inside: avoid; margin: 2mm 0; }}
/* Commitments flow one after another: a forced page break leaves near-empty pages. */
section.commitment {{ border-top: 2px solid #555; margin-top: 6mm; padding-top: 1mm; }}
a {{ color: #0b4f8a; overflow-wrap: anywhere; }}
@media print {{
  body {{ padding: 0; max-width: none; }}
  .modebar-container, .modebar {{ display: none !important; }}
  a {{ color: inherit; text-decoration: none; }}
}}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def html_lang(lang: str) -> str:
    """The `lang` attribute of a document in `lang` (a word of its locale file)."""
    return t("language.tag", lang)


def document(title: str, lang: str, body: str) -> str:
    """A whole HTML page: head (charset, viewport, title, the styles) and `body` (HTML)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def one_line(text: str, limit: int = ONE_LINE) -> str:
    """The first sentence of `text`, cut with '…' at `limit` (a Chinese character counts
    two: it is as wide as two Latin letters)."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    width = 0
    for at, char in enumerate(first):
        width += 2 if ord(char) > 0x2E80 else 1
        if width > limit:
            return first[:at].rstrip() + "…"
    return first


class Charts:
    """Writes figures as HTML, the first with plotly.js inline and the others without, so that
    the library is in the file exactly once (and not at all without a chart)."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, figure: go.Figure, alt: str) -> str:
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
        return f'<figure class="chart" role="img" aria-label="{esc(alt)}">{div}</figure>'


@dataclass
class Words:
    """The lookups every printable part needs, in one language. Methods return plain text (to
    be escaped) unless their name ends in `_html`."""

    dataset: Dataset
    lang: str
    charts: Charts = field(default_factory=Charts)

    @cached_property
    def review(self) -> ReviewWords:
        """The names the review's rows are written with (actors, paragraphs, reasons)."""
        return ReviewWords(self.dataset, self.lang)

    def label(self, key: str, **fmt: object) -> str:
        return t(key, self.lang, **fmt)

    def actor(self, actor_id: str) -> str:
        return self.review.actor(actor_id)

    def paragraph(self, commitment_id: str) -> str:
        return self.review.paragraph(commitment_id)

    def heading(self, commitment: Commitment) -> str:
        """'OP4 · Calls upon'."""
        verb = pick_marked(commitment.verb, self.lang)
        return f"{commitment_label(self.dataset, commitment)} · {verb}"

    def term(self, terms: Iterable[Term | ScaleLevel], term_id: str) -> str:
        """The label of a methodology term (direction, source type, confidence level)."""
        found = next((term for term in terms if term.id == term_id), None)
        return pick(found.label, self.lang) if found else term_id

    def level(self, status: str) -> ScaleLevel | None:
        return next((s for s in self.dataset.methodology.statuses if s.id == status), None)

    def chip_html(self, status: str | None, text: str | None = None) -> str:
        """A status as a chip in its methodology colour, its label (or `text`) written in black
        or white, whichever reads on that colour."""
        if status is None:
            return ""
        level = self.level(status)
        if level is None:
            return esc(status)
        shown = text if text is not None else pick(level.label, self.lang)
        style = f"background:{level.colour};color:{text_colour(level.colour)}"
        return f'<span class="chip" style="{esc(style)}">{esc(shown)}</span>'

    def source_html(self, item: Evidence) -> str:
        """The item's source title, linked when its address is http(s)."""
        url = safe_url(item.source.url)
        title = esc(item.source.title)
        if url is None:
            return f"{title} {esc(self.label('brief.unsafe_link'))}"
        return f'<a class="source" href="{esc(url)}">{title}</a>'

    def cited_html(self, evidence_ids: Sequence[str], *, short: bool = False) -> str:
        """Cited evidence as 'E41 FAS' items (ids alone when `short`), each linked to its
        source."""
        items = {item.id: item for item in index_of(self.dataset).items(evidence_ids)}
        parts = []
        for ref in evidence_ids:
            item = items.get(ref)
            if item is None:
                parts.append(esc(ref))
                continue
            url = safe_url(item.source.url)
            text = ref if short else f"{ref} {item.source.publisher}"
            parts.append(
                f'<a class="source" href="{esc(url)}">{esc(text)}</a>' if url else esc(text)
            )
        return "; ".join(parts) or "—"

    def table_html(self, table: tables.Table, rows: Iterable[Mapping[str, str]]) -> str | None:
        """A table declared in `tables`, its cells already HTML (by column id), headed by its
        columns in this language; None when there are no rows."""
        columns = table.columns
        body = [
            "<tr>" + "".join(f"<td>{row.get(c.id, '')}</td>" for c in columns) + "</tr>"
            for row in rows
        ]
        if not body:
            return None
        head = "".join(f'<th scope="col">{esc(c.heading(self.lang))}</th>' for c in columns)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    def matrix_html(self, commitments: Sequence[Commitment], as_of: dt.date) -> str:
        """The status matrix as a table (row labels never lost, each cell a chip): paragraphs
        by the actors they address."""
        actors: list[Actor] = [
            a for a in self.dataset.actors if any(a.id in c.addressed.actors for c in commitments)
        ]
        if not commitments or not actors:
            return f'<p class="meta">{esc(self.label("brief.none"))}</p>'
        index = index_of(self.dataset)
        not_assessed = self.dataset.methodology.not_assessed_status
        # Chinese readers get the actors' names, others their short ids (names in a tooltip).
        head = "".join(
            f'<th scope="col" title="{esc(self.actor(a.id))}">'
            f"{esc(self.actor(a.id) if self.lang == 'zh' else a.id)}</th>"
            for a in actors
        )
        rows = []
        for commitment in commitments:
            cells = []
            for actor in actors:
                if actor.id not in commitment.addressed.actors:
                    cells.append('<td class="none"></td>')
                    continue
                found = index.in_force(Pair(commitment.id, actor.id), as_of)
                cells.append(f"<td>{self.chip_html(found.status if found else not_assessed)}</td>")
            rows.append(
                f'<tr><th scope="row" class="row">{esc(self.heading(commitment))}</th>'
                f"{''.join(cells)}</tr>"
            )
        corner = esc(tables.PARAGRAPH.heading(self.lang))
        return (
            f'<table class="matrix"><thead><tr><th class="row">{corner}</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def actor_chips_html(
        self,
        commitments: Sequence[Commitment],
        as_of: dt.date,
        actors: Sequence[str] | None = None,
    ) -> str:
        """Per actor (of `actors` when given), how many of its pairs stand in each status:
        one chip per status."""
        index = index_of(self.dataset)
        not_assessed = self.dataset.methodology.not_assessed_status
        levels = ordered(self.dataset.methodology.statuses)
        rows = []
        for actor in self.dataset.actors:
            if actors is not None and actor.id not in actors:
                continue
            counts: dict[str, int] = {}
            for commitment in commitments:
                if actor.id not in commitment.addressed.actors:
                    continue
                found = index.in_force(Pair(commitment.id, actor.id), as_of)
                status = found.status if found else not_assessed
                counts[status] = counts.get(status, 0) + 1
            if not counts:
                continue
            chips = " ".join(
                self.chip_html(level.id, f"{pick(level.label, self.lang)} {counts[level.id]}")
                for level in reversed(levels)
                if counts.get(level.id)
            )
            rows.append(
                f'<tr><th scope="row" class="nowrap">{esc(actor.id)} · '
                f"{esc(pick(actor.name, self.lang))}</th><td>{chips}</td></tr>"
            )
        return f'<table class="chips"><tbody>{"".join(rows)}</tbody></table>'
