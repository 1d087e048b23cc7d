"""Plotly figures of where each actor stands, and the headline numbers and summary table shown
beside them: pure functions of (dataset, as-of date, language). Every status, rating and
criterion label and colour comes from the dataset's methodology. Plotly reads HTML (links,
styles) in every label, title, legend and hover, so text from the data goes into a figure
only through `plotly_text`."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Container, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.domain.languages import pick
from tracker.domain.model import (
    Actor,
    Assessment,
    Commitment,
    Criterion,
    Dataset,
    ScaleLevel,
    Text,
)
from tracker.domain.scale import ordered, set_apart, status_groups
from tracker.present import tables
from tracker.present.i18n import pick_marked, t
from tracker.query.index import Pair, index_of
from tracker.query.names import commitment_label, commitment_labels

CELL_HEIGHT = 34
# Room at the top for the title above the column labels of the status matrix.
MATRIX_MARGIN = {"l": 10, "r": 10, "t": 90, "b": 10}


# --- labels ------------------------------------------------------------------------------


def plotly_text(text: str) -> str:
    """Text from the data, made safe for a plotly label, title, legend entry or hover: plotly
    reads its `<a href>`, `<span style>` and the like as markup, and `%{...}` in a template
    as a value to fill in, so `&`, `<`, `>` and `%` become character references, which
    plotly shows as the characters themselves. (Plotly knows `&lt;`, `&gt;`, `&amp;` and
    numeric references, but not `&quot;`: quotes are left as they are.)"""
    return html.escape(text, quote=False).replace("%", "&#37;")


def plotly_excerpt(text: str, width: int = 70, lines: int = 3) -> str:
    """Data text wrapped for a hover label (at most `lines` lines on `<br>`), made safe."""
    wrapped = textwrap.wrap(text, width=width, max_lines=lines, placeholder=" …")
    return "<br>".join(plotly_text(line) for line in wrapped)


def _label(text: Text, lang: str) -> str:
    """A term's label in `lang`, made safe for plotly."""
    return plotly_text(pick(text, lang))


def assessed_actors(
    dataset: Dataset, commitments: Sequence[Commitment] | None = None
) -> list[Actor]:
    """Actors that at least one commitment (of `commitments` when given) addresses, in the
    order of the data."""
    addressed: Container[str] = (
        index_of(dataset).addressing
        if commitments is None
        else {actor for c in commitments for actor in c.addressed.actors}
    )
    return [actor for actor in dataset.actors if actor.id in addressed]


# Above this many paragraphs, the matrices show one resolution at a time: a heatmap of every
# paragraph of every resolution would be thousands of rows high and slow to draw.
MATRIX_ROWS = 120


def matrix_rows(dataset: Dataset, resolution: str | None) -> tuple[Commitment, ...] | None:
    """The paragraphs the matrices show: every one (None) when there are at most
    MATRIX_ROWS, else those of `resolution` (in paragraph order)."""
    if len(dataset.commitments) <= MATRIX_ROWS:
        return None
    return tuple(index_of(dataset).by_resolution.get(resolution or "", ()))


def _matrix_commitments(
    dataset: Dataset, commitments: Sequence[Commitment] | None
) -> list[Commitment]:
    if commitments is None:
        return list(index_of(dataset).ordered)
    return sorted(commitments, key=lambda c: (c.resolution, c.paragraph))


# --- figures -----------------------------------------------------------------------------


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why it is blank, so a page never shows an unexplained void."""
    figure = go.Figure()
    figure.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200)
    return figure


def _discrete_colorscale(colours: list[str]) -> list[tuple[float, str]]:
    """A colour scale with one flat band per level: level i (z = i) gets colours[i] exactly,
    when zmin = -0.5 and zmax = len(colours) - 0.5."""
    steps = len(colours)
    scale: list[tuple[float, str]] = []
    for index, colour in enumerate(colours):
        scale += [(index / steps, colour), ((index + 1) / steps, colour)]
    return scale


def _level_heatmap(
    levels: list[ScaleLevel],
    cells: list[list[ScaleLevel | None]],
    hover: list[list[str]],
    x: list[str],
    y: list[str],
    lang: str,
) -> go.Heatmap:
    """A heatmap whose cells are levels of one scale: the level's colour and its label as
    text (so the meaning never rests on colour alone); None leaves the cell empty."""
    index = {level.id: i for i, level in enumerate(levels)}
    return go.Heatmap(
        z=[[None if cell is None else index[cell.id] for cell in row] for row in cells],
        text=[[_label(cell.label, lang) if cell else "" for cell in row] for row in cells],
        texttemplate="%{text}",
        textfont={"size": 11},
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
        hoverongaps=True,
        x=x,
        y=y,
        zmin=-0.5,
        zmax=len(levels) - 0.5,
        colorscale=_discrete_colorscale([level.colour for level in levels]),
        showscale=False,
        xgap=2,
        ygap=2,
    )


def status_matrix(
    dataset: Dataset,
    as_of: dt.date,
    lang: str,
    commitments: Sequence[Commitment] | None = None,
) -> go.Figure:
    """Commitments (rows, OP1 first) × actors (columns): the status in force on `as_of`;
    only `commitments` and the actors they address when given.

    Pairs the commitment does not address are not assessed by design and stay empty.
    """
    actors = assessed_actors(dataset, commitments)
    if not actors:
        return empty_figure(t("chart.empty.no_pairs", lang))
    statuses = ordered(dataset.methodology.statuses)
    by_id = {level.id: level for level in statuses}
    not_assessed = by_id[dataset.methodology.not_assessed_status]
    index = index_of(dataset)
    shown = _matrix_commitments(dataset, commitments)
    cells: list[list[ScaleLevel | None]] = []
    hover: list[list[str]] = []
    for commitment in shown:
        label = plotly_text(commitment_label(dataset, commitment))
        row: list[ScaleLevel | None] = []
        row_hover: list[str] = []
        for actor in actors:
            name = _label(actor.name, lang)
            if actor.id not in commitment.addressed.actors:
                row.append(None)
                row_hover.append(t("chart.hover.not_addressed", lang, commitment=label, actor=name))
                continue
            assessment = index.in_force(Pair(commitment.id, actor.id), as_of)
            level = by_id[assessment.status] if assessment else not_assessed
            row.append(level)
            row_hover.append(
                t(
                    "chart.hover.status",
                    lang,
                    commitment=label,
                    actor=name,
                    status=_label(level.label, lang),
                    basis=_basis(assessment, lang),
                )
            )
        cells.append(row)
        hover.append(row_hover)
    rows = [plotly_text(commitment_label(dataset, c)) for c in shown]
    columns = [plotly_text(a.id) for a in actors]
    figure = go.Figure(_level_heatmap(statuses, cells, hover, columns, rows, lang))
    figure.update_layout(
        title=t("chart.status_matrix.title", lang, as_of=as_of.isoformat()),
        height=MATRIX_MARGIN["t"] + MATRIX_MARGIN["b"] + CELL_HEIGHT * (len(rows) + 1),
        margin=MATRIX_MARGIN,
        xaxis={"side": "top", "title": None},
        yaxis={"autorange": "reversed", "title": None},
    )
    return figure


def _basis(assessment: Assessment | None, lang: str) -> str:
    if assessment is None:
        return t("chart.hover.never_assessed", lang)
    return t(
        "chart.hover.assessed",
        lang,
        date=assessment.date.isoformat(),
        count=len(assessment.evidence),
    )


def criteria_matrix(
    dataset: Dataset,
    as_of: dt.date,
    lang: str,
    commitments: Sequence[Commitment] | None = None,
) -> go.Figure:
    """One panel per criterion, commitments × actors: the rating in force on `as_of`; only
    `commitments` and the actors they address when given.

    A panel's columns are the actors that some paragraph grounding the criterion addresses,
    so the panels stay wide enough to read. A cell is empty when the criterion does not apply
    to the paragraph or the paragraph does not address the actor. Where it applies but has no
    rating yet, the cell shows the methodology's 'not yet assessed' status, so that a backlog
    never looks like a blank.
    """
    actors = assessed_actors(dataset, commitments)
    if not actors:
        return empty_figure(t("chart.empty.no_pairs", lang))
    method = dataset.methodology
    shown = _matrix_commitments(dataset, commitments)
    panels = [
        [
            actor
            for actor in actors
            if any(_grounds(c, criterion.id) and actor.id in c.addressed.actors for c in shown)
        ]
        or actors  # no paragraph grounds it: every column, each hover saying it does not apply
        for criterion in method.criteria
    ]
    figure = make_subplots(
        rows=1,
        cols=len(method.criteria),
        shared_yaxes=True,
        horizontal_spacing=0.03,
        column_widths=[len(columns) for columns in panels],
        subplot_titles=[_label(term.label, lang) for term in method.criteria],
    )
    unrated = next(level for level in method.statuses if level.id == method.not_assessed_status)
    # A pair that is not applicable or superseded shows that status in its criteria too.
    apart = {level.id: level for level in method.statuses if level.id in set_apart(method)}
    levels = [unrated, *apart.values(), *ordered(method.criterion_ratings)]
    rated = ordered(method.criterion_ratings)
    index = index_of(dataset)
    rows = [plotly_text(commitment_label(dataset, c)) for c in shown]
    for panel, (criterion, columns) in enumerate(zip(method.criteria, panels, strict=True), 1):
        cells: list[list[ScaleLevel | None]] = []
        hover: list[list[str]] = []
        for commitment, label in zip(shown, rows, strict=True):
            row_cells: list[ScaleLevel | None] = []
            row_hover: list[str] = []
            for actor in columns:
                names = {
                    "commitment": label,
                    "actor": _label(actor.name, lang),
                    "criterion": _label(criterion.label, lang),
                }
                if actor.id not in commitment.addressed.actors:
                    row_cells.append(None)
                    row_hover.append(t("chart.hover.not_addressed", lang, **names))
                elif not _grounds(commitment, criterion.id):
                    row_cells.append(None)
                    row_hover.append(t("chart.hover.criterion_not_applicable", lang, **names))
                else:
                    assessment = index.in_force(Pair(commitment.id, actor.id), as_of)
                    standing = apart.get(assessment.status) if assessment else None
                    rating = assessment.ratings.get(Criterion(criterion.id)) if assessment else None
                    level = next((x for x in rated if x.id == rating), None)
                    if standing is not None:
                        row_cells.append(standing)
                        label = _label(standing.label, lang)
                        row_hover.append(t("chart.hover.set_apart", lang, status=label, **names))
                    else:
                        row_cells.append(level or unrated)
                        row_hover.append(
                            t("chart.hover.rating", lang, rating=_label(level.label, lang), **names)
                            if level
                            else t("chart.hover.not_rated", lang, **names)
                        )
            cells.append(row_cells)
            hover.append(row_hover)
        ids = [plotly_text(actor.id) for actor in columns]
        figure.add_trace(_level_heatmap(levels, cells, hover, ids, rows, lang), row=1, col=panel)
        # Categories fixed, so that a panel whose cells are all empty still names its columns.
        figure.update_xaxes(
            type="category", categoryorder="array", categoryarray=ids, row=1, col=panel
        )
    figure.update_layout(
        title=t("chart.criteria_matrix.title", lang, as_of=as_of.isoformat()),
        height=MATRIX_MARGIN["t"] + MATRIX_MARGIN["b"] + CELL_HEIGHT * (len(rows) + 1),
        margin=MATRIX_MARGIN,
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(tickfont={"size": 10})
    return figure


def _grounds(commitment: Commitment, criterion: str) -> bool:
    """Whether the paragraph's wording makes `criterion` apply to it."""
    return any(ground.criterion == criterion for ground in commitment.criteria)


def status_over_time(dataset: Dataset, as_of: dt.date, lang: str) -> go.Figure:
    """Stacked bars: how many pairs stood in each status at the end of each year, from the
    year the first tracked resolution was adopted to `as_of` (the last bar)."""
    if not index_of(dataset).pairs:
        return empty_figure(t("chart.empty.no_pairs", lang))
    adopted = min(resolution.adopted for resolution in dataset.resolutions)
    if as_of < adopted:
        message = t(
            "chart.empty.before_adoption",
            lang,
            as_of=as_of.isoformat(),
            adopted=adopted.isoformat(),
        )
        return empty_figure(message)
    counts = index_of(dataset).status_counts_by_year(adopted.year, as_of)
    figure = go.Figure()
    for level in ordered(dataset.methodology.statuses):
        rows = counts[counts["status"] == level.id]
        label = _label(level.label, lang)
        figure.add_bar(
            x=rows["year"].tolist(),
            y=rows["pairs"].tolist(),
            name=label,
            marker_color=level.colour,
            customdata=[day.isoformat() for day in rows["as_of"]],
            hovertemplate=t("chart.hover.over_time", lang, status=label) + "<extra></extra>",
        )
    figure.update_layout(
        title=t("chart.over_time.title", lang),
        barmode="stack",
        xaxis={"title": t("chart.axis.year", lang), "dtick": 1},
        yaxis={"title": t("chart.axis.pairs", lang)},
        legend={"traceorder": "normal"},
        height=380,
    )
    return figure


# --- headline and summary ----------------------------------------------------------------


@dataclass(frozen=True)
class Stalest:
    """The judgement in force that rests on the oldest evidence."""

    pair: Pair
    newest_evidence: dt.date
    days: int
    """Days from the newest evidence it cites to the as-of day."""


@dataclass(frozen=True)
class Headline:
    """The overview's headline numbers on one day."""

    commitments: int
    actors: int
    pairs: int
    not_assessed: int
    regressing: int
    progressing: int
    regressing_statuses: tuple[ScaleLevel, ...]
    progressing_statuses: tuple[ScaleLevel, ...]
    newest_evidence: tuple[str, str] | None
    """(date as written, evidence id) of the newest evidence known on the day."""
    stalest: Stalest | None
    set_apart: tuple[tuple[ScaleLevel, int], ...] = ()
    """Each status that is neither a judgement of progress nor a backlog ('not applicable',
    'superseded': `scale.set_apart`) with the pairs that stand in it: left out of the shares."""

    @property
    def in_scope(self) -> int:
        """The pairs the shares are of: all but those `set_apart`."""
        return self.pairs - sum(count for _, count in self.set_apart)

    @property
    def regressing_share(self) -> float:
        return self.regressing / self.in_scope if self.in_scope else 0.0

    @property
    def progressing_share(self) -> float:
        return self.progressing / self.in_scope if self.in_scope else 0.0


def headline(dataset: Dataset, as_of: dt.date) -> Headline:
    index = index_of(dataset)
    counts = index.status_counts(as_of)
    regressing, progressing = status_groups(dataset)
    known = index.known_newest_first(as_of)
    newest = index.evidence[known[0]] if known else None
    stalest = index.stalest(as_of)
    return Headline(
        commitments=len(dataset.commitments),
        actors=len({pair.actor for pair in index.pairs}),
        pairs=len(index.pairs),
        not_assessed=counts.get(dataset.methodology.not_assessed_status, 0),
        regressing=sum(counts.get(level.id, 0) for level in regressing),
        progressing=sum(counts.get(level.id, 0) for level in progressing),
        regressing_statuses=tuple(regressing),
        progressing_statuses=tuple(progressing),
        newest_evidence=(newest.date, newest.id) if newest else None,
        stalest=Stalest(stalest[0], stalest[1], (as_of - stalest[1]).days) if stalest else None,
        set_apart=tuple(
            (level, counts.get(level.id, 0))
            for level in ordered(dataset.methodology.statuses)
            if level.id in set_apart(dataset.methodology)
        ),
    )


SUMMARY_COLUMNS = tables.COMMITMENTS_SUMMARY.ids


def commitments_summary(dataset: Dataset, as_of: dt.date, lang: str) -> pd.DataFrame:
    """One row per commitment: paragraph, leading verb, actors assessed, applicable criteria,
    the status in force per actor on `as_of`, and the evidence known by then.

    Columns: `tables.COMMITMENTS_SUMMARY`.
    """
    statuses = {level.id: level for level in dataset.methodology.statuses}
    criterion_labels = {term.id: pick(term.label, lang) for term in dataset.methodology.criteria}
    labels = {level: pick(statuses[level].label, lang) for level in statuses}
    index = index_of(dataset)
    in_force = index.latest(as_of).positions
    not_assessed = labels[dataset.methodology.not_assessed_status]
    names = commitment_labels(dataset)
    rows = []
    for commitment in index.ordered:
        per_actor = []
        for actor in commitment.addressed.actors:
            position = in_force[index.codes[Pair(commitment.id, actor)]]
            label = labels[index.status_of(position)] if position >= 0 else not_assessed
            per_actor.append(f"{actor}: {label}")
        rows.append(
            {
                "paragraph": names[commitment.id],
                "verb": pick_marked(commitment.verb, lang),
                "addressed": ", ".join(commitment.addressed.actors),
                "criteria": ", ".join(criterion_labels[g.criterion] for g in commitment.criteria),
                "evidence": index.evidence_count(commitment.id, as_of),
                "status": " · ".join(per_actor),
            }
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


# --- timelines ---------------------------------------------------------------------------

# One marker shape per source type, in the methodology's order, so that the source type
# never rests on colour alone; the list repeats if the data defines more types.
SOURCE_SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "star",
    "cross",
    "pentagon",
    "hexagon",
    "triangle-down",
)
ROW_HEIGHT = 30
_DAY_MS = 86_400_000


def _status_timeline(
    dataset: Dataset, rows: list[tuple[str, Pair]], as_of: dt.date, lang: str, title: str
) -> go.Figure:
    """Horizontal bands, one row per pair: from the adoption of the pair's resolution to
    `as_of`, each stretch painted in the status in force then ('not yet assessed' before the
    first assessment), its label written on it and its basis in the hover."""
    levels = ordered(dataset.methodology.statuses)
    by_id = {level.id: level for level in levels}
    not_assessed = dataset.methodology.not_assessed_status
    adopted = {resolution.symbol: resolution.adopted for resolution in dataset.resolutions}
    index = index_of(dataset)
    commitments = index.commitments
    segments: dict[str, list[dict[str, object]]] = {level.id: [] for level in levels}
    for label, pair in rows:
        start = adopted[commitments[pair.commitment].resolution]
        found = index.history(pair, as_of)
        if found:
            start = min(start, found[0].date)
        if as_of < start:
            continue
        stretches: list[tuple[dt.date, str, Assessment | None]] = [(start, not_assessed, None)]
        for judgement in found:
            if stretches[-1][0] == judgement.date:
                stretches.pop()
            stretches.append((judgement.date, judgement.status, judgement))
        ends = [day for day, _, _ in stretches[1:]] + [as_of]
        for (begin, status, assessment), end in zip(stretches, ends, strict=True):
            level = by_id[status]
            basis = (
                t("chart.hover.never_assessed", lang)
                if assessment is None
                else _basis(assessment, lang)
                + "<br>"
                + plotly_excerpt(pick(assessment.rationale, lang))
            )
            segments[status].append(
                {
                    "row": plotly_text(label),
                    "base": begin.isoformat(),
                    # A judgement made on the as-of day still gets a sliver of a band.
                    "length": max((end - begin).days, 1) * _DAY_MS,
                    "hover": t(
                        "chart.hover.timeline",
                        lang,
                        row=plotly_text(label),
                        status=_label(level.label, lang),
                        start=begin.isoformat(),
                        end=end.isoformat(),
                        basis=basis,
                    ),
                }
            )
    if not any(segments.values()):
        return empty_figure(t("chart.empty.timeline", lang, as_of=as_of.isoformat()))
    figure = go.Figure()
    for level in levels:
        stretch = segments[level.id]
        if not stretch:
            continue
        label = _label(level.label, lang)
        figure.add_bar(
            y=[s["row"] for s in stretch],
            x=[s["length"] for s in stretch],
            base=[s["base"] for s in stretch],
            orientation="h",
            name=label,
            marker_color=level.colour,
            marker_line={"color": "white", "width": 1},
            text=[label] * len(stretch),
            textposition="inside",
            insidetextanchor="start",
            customdata=[s["hover"] for s in stretch],
            hovertemplate="%{customdata}<extra></extra>",
        )
    labels = [plotly_text(label) for label, _ in rows]
    figure.update_layout(
        title=title,
        barmode="overlay",
        height=140 + ROW_HEIGHT * len(labels),
        margin={"l": 10, "r": 10, "t": 90, "b": 30},
        xaxis={"type": "date", "title": None, "range": [None, as_of.isoformat()]},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "title": None,
        },
        uniformtext={"minsize": 9, "mode": "hide"},
        legend={
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 1,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
    )
    return figure


def commitment_timeline(
    dataset: Dataset, commitment: Commitment, as_of: dt.date, lang: str
) -> go.Figure:
    """The status of one commitment for each actor it addresses, over time (one row each)."""
    rows = [(actor, Pair(commitment.id, actor)) for actor in commitment.addressed.actors]
    if not rows:
        return empty_figure(t("chart.empty.no_actor_addressed", lang))
    label = plotly_text(commitment_label(dataset, commitment))
    title = t("chart.timeline.commitment", lang, commitment=label)
    return _status_timeline(dataset, rows, as_of, lang, title)


def actor_trajectory(dataset: Dataset, actor: Actor, as_of: dt.date, lang: str) -> go.Figure:
    """The status of each commitment that addresses `actor`, over time (one row each)."""
    addressed = index_of(dataset).addressing.get(actor.id, [])
    rows = [(commitment_label(dataset, c), Pair(c.id, actor.id)) for c in addressed]
    if not rows:
        return empty_figure(t("chart.empty.actor_not_addressed", lang, actor=plotly_text(actor.id)))
    title = t("chart.timeline.actor", lang, actor=_label(actor.name, lang))
    return _status_timeline(dataset, rows, as_of, lang, title)


def evidence_timeline(dataset: Dataset, frame: pd.DataFrame, lang: str) -> go.Figure:
    """Evidence by date (x) and commitment (y): one marker per (item, commitment), coloured
    by the item's direction and shaped by its source type, both from the methodology.

    `frame` has the columns of `dashboard.evidence_timeline_frame`: start, commitment,
    order, direction, source_type and an escaped hover label.
    """
    if frame.empty:
        return empty_figure(t("chart.empty.no_evidence", lang))
    method = dataset.methodology
    symbols = {
        term.id: SOURCE_SYMBOLS[index % len(SOURCE_SYMBOLS)]
        for index, term in enumerate(method.source_types)
    }
    rows = frame.sort_values(["order", "start"])
    rows = rows.assign(commitment=[plotly_text(label) for label in rows["commitment"]])
    categories = list(dict.fromkeys(rows["commitment"]))
    figure = go.Figure()
    for term in method.directions:
        points = rows[rows["direction"] == term.id]
        if points.empty:
            continue
        figure.add_scatter(
            x=[day.isoformat() for day in points["start"]],
            y=points["commitment"].tolist(),
            mode="markers",
            name=_label(term.label, lang),
            showlegend=False,
            marker={
                "color": term.colour or "#777777",
                "symbol": [symbols.get(kind, "circle") for kind in points["source_type"]],
                "size": 12,
                "line": {"color": "#333333", "width": 1},
                "opacity": 0.85,
            },
            customdata=points["hover"].tolist(),
            hovertemplate="%{customdata}<extra></extra>",
        )
    # The legend is made of entries without points: one circle per direction in its colour,
    # one grey shape per source type, so that each colour and each shape is named once.
    directions = set(rows["direction"])
    for term in method.directions:
        if term.id in directions:
            _legend_entry(
                figure,
                _label(term.label, lang),
                t("label.direction", lang),
                {"color": term.colour or "#777777", "symbol": "circle"},
            )
    source_types = set(rows["source_type"])
    for term in method.source_types:
        if term.id in source_types:
            _legend_entry(
                figure,
                _label(term.label, lang),
                t("label.source_type", lang),
                {"color": "#777777", "symbol": symbols[term.id]},
            )
    figure.update_layout(
        title=t("chart.evidence.title", lang, items=frame["id"].nunique()),
        height=max(320, 140 + ROW_HEIGHT * len(categories)),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        xaxis={"type": "date", "title": None},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories,
            "autorange": "reversed",
            "title": None,
        },
        # Entries without points: clicking them would hide nothing.
        legend={"itemclick": False, "itemdoubleclick": False},
    )
    return figure


def _legend_entry(figure: go.Figure, name: str, group: str, marker: dict[str, str]) -> None:
    figure.add_scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=name,
        legendgroup=group,
        legendgrouptitle_text=group,
        marker={**marker, "size": 11, "line": {"color": "#333333", "width": 1}},
        hoverinfo="skip",
    )
