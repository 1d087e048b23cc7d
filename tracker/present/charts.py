"""Plotly figures of where each actor stands, and the headline numbers and summary table shown
beside them: pure functions of (dataset, as-of date, language). Every status, rating and
criterion label and colour comes from the dataset's methodology. Plotly reads HTML (links,
styles) in every label, title, legend and hover, so text from the data goes into a figure
only through `plotly_text`."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
import unicodedata
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
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
    Resolution,
    ScaleLevel,
    Text,
)
from tracker.domain.scale import not_judged, ordered, set_apart, status_groups
from tracker.domain.transitions import held_since
from tracker.present import tables
from tracker.present.colours import text_colour
from tracker.present.i18n import pick_marked, t
from tracker.query import adoption
from tracker.query.index import NEVER, Pair, index_of, remembered
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


# Plotly's tick labels in Streamlit's theme, in pixels per character: a wide (East Asian)
# character, any other; on the generous side, as a label cut short is worse than white space.
WIDE_CHAR_PX = 14
CHAR_PX = 7


def label_width(text: str) -> int:
    """About how many pixels a tick label of `text` takes, from its characters."""
    return sum(
        WIDE_CHAR_PX if unicodedata.east_asian_width(char) in "WF" else CHAR_PX for char in text
    )


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
# Above this many, the overview's table lists the resolution the matrices show: a table of
# every paragraph would be sent again on every rerun (5 MB at 20,000 paragraphs); the
# Commitments page lists and filters them all.
SUMMARY_ROWS = 2_000


def matrix_rows(
    dataset: Dataset, as_of: dt.date, shown: Sequence[Commitment], resolution: str | None
) -> tuple[tuple[Commitment, ...], bool]:
    """The paragraphs the matrices show, and whether they are cut to one resolution: all of
    `shown` (paragraphs existing on `as_of`) when they are at most MATRIX_ROWS, else those of
    `resolution`."""
    if len(shown) <= MATRIX_ROWS:
        return tuple(shown), False
    return adoption.existing_commitments(dataset, as_of, [resolution] if resolution else []), True


def _matrix_commitments(
    dataset: Dataset, as_of: dt.date, commitments: Sequence[Commitment] | None
) -> Sequence[Commitment]:
    """The given commitments in resolution then paragraph order, or, when None, every
    paragraph of the resolutions adopted by `as_of`."""
    if commitments is None:
        return adoption.existing_commitments(dataset, as_of)
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


# A matrix cell is this wide, whatever the screen: on a narrow one the matrix scrolls rather
# than cutting its labels ("imited progre").
CELL_WIDTH = 72
# Ratings are shorter words ("Absent", "Met"): their cells can be narrower.
RATING_CELL_WIDTH = 64
CELL_FONT = 11
# Per character of a row label, to leave room for the longest ("A/RES/58/50 OP10").
LABEL_CHAR_WIDTH = 7.5


def _cell_label(text: str) -> str:
    """A status label on at most two lines, so that it fits a cell: 'Limited<br>progress'."""
    wide = any(ord(char) > 0x2E80 for char in text)
    if len(text) <= (5 if wide else 12):
        return text
    if wide:
        half = (len(text) + 1) // 2
        return f"{text[:half]}<br>{text[half:]}"
    words = text.split(" ")
    if len(words) == 1:
        return text
    cut = min(range(1, len(words)), key=lambda n: abs(len(" ".join(words[:n])) - len(text) / 2))
    return f"{' '.join(words[:cut])}<br>{' '.join(words[cut:])}"


def actor_tick(actor: Actor, lang: str) -> str:
    """A column label: the actor's id in English, its name in Chinese (on lines of at most six
    characters), so that a Chinese reader never meets USA/RUS."""
    if lang != "zh" or not actor.name.zh:
        return plotly_text(actor.id)
    name = actor.name.zh
    return "<br>".join(plotly_text(name[at : at + 6]) for at in range(0, len(name), 6))


def _level_traces(
    levels: list[ScaleLevel],
    cells: list[list[ScaleLevel | None]],
    hover: list[list[str]],
    keys: list[list[tuple[str, str] | None]],
    x: list[str],
    y: list[str],
    lang: str,
) -> tuple[go.Heatmap, go.Scatter]:
    """A matrix whose cells are levels of one scale: a heatmap paints each cell in its
    level's colour (its `text` holds the labels but draws none), and a layer of points writes
    each label in black or white, whichever reads on that colour, carries the hover and the
    (commitment, actor) of `keys` as customdata, so that a click selects the cell. None
    leaves a cell empty (its point has a hover and no key). The meaning never rests on colour
    alone."""
    index = {level.id: i for i, level in enumerate(levels)}
    heatmap = go.Heatmap(
        z=[[None if cell is None else index[cell.id] for cell in row] for row in cells],
        text=[[_label(cell.label, lang) if cell else "" for cell in row] for row in cells],
        hoverinfo="skip",
        x=x,
        y=y,
        zmin=-0.5,
        zmax=len(levels) - 0.5,
        colorscale=_discrete_colorscale([level.colour for level in levels]),
        showscale=False,
        xgap=2,
        ygap=2,
    )
    points: dict[str, list[object]] = {"x": [], "y": [], "text": [], "colour": [], "data": []}
    for row, label in enumerate(y):
        for column, name in enumerate(x):
            cell = cells[row][column]
            key = keys[row][column]
            points["x"].append(name)
            points["y"].append(label)
            points["text"].append(_cell_label(_label(cell.label, lang)) if cell else "")
            points["colour"].append(text_colour(cell.colour) if cell else "#000000")
            points["data"].append([hover[row][column], *(key or ("", ""))])
    layer = go.Scatter(
        x=points["x"],
        y=points["y"],
        text=points["text"],
        mode="markers+text",
        textposition="middle center",
        textfont={"size": CELL_FONT, "color": points["colour"]},
        marker={"symbol": "square", "size": 30, "opacity": 0},
        selected={"marker": {"opacity": 0}},
        unselected={"marker": {"opacity": 0}},
        customdata=points["data"],
        hovertemplate="%{customdata[0]}<extra></extra>",
        showlegend=False,
    )
    return heatmap, layer


def matrix_width(columns: int, labels: Sequence[str], cell: int = CELL_WIDTH) -> tuple[int, int]:
    """The figure width of a matrix of `columns` cells, and its left margin for `labels`."""
    left = 16 + int(LABEL_CHAR_WIDTH * max((len(label) for label in labels), default=4))
    return left + MATRIX_MARGIN["r"] + cell * max(columns, 1), left


def status_matrix(
    dataset: Dataset,
    as_of: dt.date,
    lang: str,
    commitments: Sequence[Commitment] | None = None,
) -> go.Figure:
    """Commitments (rows, OP1 first) × actors (columns): the status in force on `as_of`;
    only `commitments` and the actors they address when given, else every paragraph of the
    resolutions adopted by `as_of`.

    Pairs the commitment does not address are not assessed by design and stay empty. A click
    on a cell selects its point, whose customdata ends with (commitment id, actor id).
    """
    shown = _matrix_commitments(dataset, as_of, commitments)
    if not shown:
        return _no_matrix(dataset, as_of, lang)
    actors = assessed_actors(dataset, shown)
    if not actors:
        return empty_figure(t("chart.empty.no_pairs", lang))
    statuses = ordered(dataset.methodology.statuses)
    by_id = {level.id: level for level in statuses}
    not_assessed = by_id[dataset.methodology.not_assessed_status]
    index = index_of(dataset)
    rows = matrix_labels(dataset, shown)
    cells: list[list[ScaleLevel | None]] = []
    hover: list[list[str]] = []
    keys: list[list[tuple[str, str] | None]] = []
    for commitment, label in zip(shown, rows, strict=True):
        row: list[ScaleLevel | None] = []
        row_hover: list[str] = []
        row_keys: list[tuple[str, str] | None] = []
        for actor in actors:
            name = _label(actor.name, lang)
            if actor.id not in commitment.addressed.actors:
                row.append(None)
                row_hover.append(t("chart.hover.not_addressed", lang, commitment=label, actor=name))
                row_keys.append(None)
                continue
            assessment = index.in_force(Pair(commitment.id, actor.id), as_of)
            level = by_id[assessment.status] if assessment else not_assessed
            row.append(level)
            row_keys.append((commitment.id, actor.id))
            row_hover.append(
                t(
                    "chart.hover.status",
                    lang,
                    commitment=label,
                    actor=name,
                    status=_label(level.label, lang),
                    basis=_basis(assessment, lang),
                )
                + "<br>"
                + t("matrix.hover.open", lang)
            )
        cells.append(row)
        hover.append(row_hover)
        keys.append(row_keys)
    columns = [actor_tick(actor, lang) for actor in actors]
    figure = go.Figure(_level_traces(statuses, cells, hover, keys, columns, rows, lang))
    width, left = matrix_width(len(columns), rows)
    top = MATRIX_MARGIN["t"] + (28 if lang == "zh" else 0)
    figure.update_layout(
        title=t("matrix.title", lang, resolutions=_symbols(shown), as_of=as_of.isoformat()),
        width=width,
        height=top + MATRIX_MARGIN["b"] + CELL_HEIGHT * (len(rows) + 1),
        margin={**MATRIX_MARGIN, "l": left, "t": top},
        xaxis={"side": "top", "title": None, "fixedrange": True},
        yaxis={"autorange": "reversed", "title": None, "fixedrange": True, "automargin": True},
        clickmode="event+select",
    )
    return figure


def _no_matrix(dataset: Dataset, as_of: dt.date, lang: str) -> go.Figure:
    """Why a matrix has no row: nothing adopted yet, or no pairs at all."""
    if adoption.adopted(dataset, as_of):
        return empty_figure(t("chart.empty.no_pairs", lang))
    return empty_figure(t("matrix.empty.not_adopted", lang, as_of=as_of.isoformat()))


def matrix_labels(dataset: Dataset, shown: Sequence[Commitment]) -> list[str]:
    """Row labels: 'OP4' when every row is of one resolution (the title names it), else
    `commitment_label` ('A/RES/58/50 OP4')."""
    if len({c.resolution for c in shown}) == 1:
        return [f"OP{c.paragraph}" for c in shown]
    return [plotly_text(commitment_label(dataset, c)) for c in shown]


def _symbols(shown: Sequence[Commitment]) -> str:
    return plotly_text(", ".join(dict.fromkeys(c.resolution for c in shown)))


def matrix_pick(point: Mapping[str, object]) -> Pair | None:
    """The (commitment, actor) of a matrix cell selected by a click (a point of the layer
    `_level_traces` draws), or None for any other point."""
    data = point.get("customdata")
    if isinstance(data, Sequence) and len(data) == 3 and all(isinstance(v, str) for v in data):
        commitment, actor = str(data[1]), str(data[2])
        if commitment and actor:
            return Pair(commitment, actor)
    return None


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
    `commitments` and the actors they address when given, else every paragraph of the
    resolutions adopted by `as_of`.

    A panel's columns are the actors that some paragraph grounding the criterion addresses,
    so the panels stay wide enough to read. A cell is empty when the criterion does not apply
    to the paragraph or the paragraph does not address the actor. Where it applies but has no
    rating yet, the cell shows the methodology's 'not yet assessed' status, so that a backlog
    never looks like a blank.
    """
    shown = _matrix_commitments(dataset, as_of, commitments)
    if not shown:
        return _no_matrix(dataset, as_of, lang)
    actors = assessed_actors(dataset, shown)
    if not actors:
        return empty_figure(t("chart.empty.no_pairs", lang))
    method = dataset.methodology
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
        horizontal_spacing=0.02,
        column_widths=[len(columns) for columns in panels],
        subplot_titles=[_label(term.label, lang) for term in method.criteria],
    )
    unrated = next(level for level in method.statuses if level.id == method.not_assessed_status)
    # A pair that is not applicable or superseded shows that status in its criteria too.
    apart = {level.id: level for level in method.statuses if level.id in set_apart(method)}
    levels = [unrated, *apart.values(), *ordered(method.criterion_ratings)]
    rated = ordered(method.criterion_ratings)
    index = index_of(dataset)
    rows = matrix_labels(dataset, shown)
    for panel, (criterion, columns) in enumerate(zip(method.criteria, panels, strict=True), 1):
        cells: list[list[ScaleLevel | None]] = []
        hover: list[list[str]] = []
        keys: list[list[tuple[str, str] | None]] = []
        for commitment, label in zip(shown, rows, strict=True):
            row_cells: list[ScaleLevel | None] = []
            row_hover: list[str] = []
            row_keys: list[tuple[str, str] | None] = []
            for actor in columns:
                names = {
                    "commitment": label,
                    "actor": _label(actor.name, lang),
                    "criterion": _label(criterion.label, lang),
                }
                if actor.id not in commitment.addressed.actors:
                    row_cells.append(None)
                    row_hover.append(t("chart.hover.not_addressed", lang, **names))
                    row_keys.append(None)
                elif not _grounds(commitment, criterion.id):
                    row_cells.append(None)
                    row_hover.append(t("chart.hover.criterion_not_applicable", lang, **names))
                    row_keys.append(None)
                else:
                    assessment = index.in_force(Pair(commitment.id, actor.id), as_of)
                    standing = apart.get(assessment.status) if assessment else None
                    rating = assessment.ratings.get(Criterion(criterion.id)) if assessment else None
                    level = next((x for x in rated if x.id == rating), None)
                    row_keys.append((commitment.id, actor.id))
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
            keys.append(row_keys)
        ticks = [actor_tick(actor, lang) for actor in columns]
        for trace in _level_traces(levels, cells, hover, keys, ticks, rows, lang):
            figure.add_trace(trace, row=1, col=panel)
        # Categories fixed, so that a panel whose cells are all empty still names its columns.
        figure.update_xaxes(
            type="category", categoryorder="array", categoryarray=ticks, row=1, col=panel
        )
    count = sum(len(columns) for columns in panels)
    width, left = matrix_width(count, rows, RATING_CELL_WIDTH)
    width += int(0.02 * width * (len(panels) - 1))
    top = MATRIX_MARGIN["t"] + (28 if lang == "zh" else 0)
    figure.update_layout(
        title=t("chart.criteria_matrix.title", lang, as_of=as_of.isoformat()),
        width=width,
        height=top + MATRIX_MARGIN["b"] + CELL_HEIGHT * (len(rows) + 1),
        margin={**MATRIX_MARGIN, "l": left, "t": top},
        clickmode="event+select",
    )
    figure.update_yaxes(autorange="reversed", fixedrange=True, automargin=True)
    # Column labels under the panels: above, they would run into the criteria's titles.
    figure.update_xaxes(tickfont={"size": 10}, fixedrange=True, automargin=True)
    return figure


def _grounds(commitment: Commitment, criterion: str) -> bool:
    """Whether the paragraph's wording makes `criterion` apply to it."""
    return any(ground.criterion == criterion for ground in commitment.criteria)


def _tracked(dataset: Dataset, resolutions: Sequence[str] | None) -> list[Resolution]:
    """The resolutions of `resolutions` (all when None), in the data's order."""
    chosen = None if resolutions is None else set(resolutions)  # thousands at full size
    return [r for r in dataset.resolutions if chosen is None or r.symbol in chosen]


def status_over_time(
    dataset: Dataset, as_of: dt.date, lang: str, resolutions: Sequence[str] | None = None
) -> go.Figure:
    """Stacked bars: how many pairs (of `resolutions` when given) stood in each status at the
    end of each year, from the year the first of them was adopted to `as_of` (the last bar).
    A resolution's pairs are counted from the year end after its adoption: none exists
    before."""
    tracked = _tracked(dataset, resolutions)
    if not index_of(dataset).pairs or not tracked:
        return empty_figure(t("chart.empty.no_pairs", lang))
    adopted = min(resolution.adopted for resolution in tracked)
    if as_of < adopted:
        message = t(
            "chart.empty.before_adoption",
            lang,
            as_of=as_of.isoformat(),
            adopted=adopted.isoformat(),
        )
        return empty_figure(message)
    years = list(range(adopted.year, as_of.year + 1))
    days = [min(dt.date(year, 12, 31), as_of) for year in years]
    counts = [adoption.status_counts(dataset, day, resolutions) for day in days]
    figure = go.Figure()
    for level in ordered(dataset.methodology.statuses):
        label = _label(level.label, lang)
        figure.add_bar(
            x=years,
            y=[found.get(level.id, 0) for found in counts],
            name=label,
            marker_color=level.colour,
            customdata=[day.isoformat() for day in days],
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


# --- text alternatives -------------------------------------------------------------------
# Each chart of a page gets one (`st.plotly_chart(alt=...)`, read by screen readers): what the
# chart shows, in numbers.


def _counted(levels: Sequence[ScaleLevel], counts: Mapping[str, int], lang: str) -> str:
    """'Regressing 13, No progress 5, …' in scale order, levels counted at least once."""
    parts = [
        f"{pick(level.label, lang)} {counts[level.id]}" for level in levels if counts.get(level.id)
    ]
    return ", ".join(parts) or t("alt.nothing", lang)


def status_matrix_alt(
    dataset: Dataset, as_of: dt.date, lang: str, commitments: Sequence[Commitment] | None = None
) -> str:
    """The status matrix in words: its size and how many pairs stand in each status."""
    shown = _matrix_commitments(dataset, as_of, commitments)
    index = index_of(dataset)
    not_assessed = dataset.methodology.not_assessed_status
    counts: dict[str, int] = {}
    for commitment in shown:
        for actor in commitment.addressed.actors:
            found = index.in_force(Pair(commitment.id, actor), as_of)
            status = found.status if found else not_assessed
            counts[status] = counts.get(status, 0) + 1
    return t(
        "alt.status_matrix",
        lang,
        rows=len(shown),
        actors=len(assessed_actors(dataset, shown)) if shown else 0,
        as_of=as_of.isoformat(),
        counts=_counted(ordered(dataset.methodology.statuses), counts, lang),
    )


def criteria_matrix_alt(
    dataset: Dataset, as_of: dt.date, lang: str, commitments: Sequence[Commitment] | None = None
) -> str:
    """The criteria matrix in words: per criterion, how many ratings of each level."""
    shown = _matrix_commitments(dataset, as_of, commitments)
    index = index_of(dataset)
    method = dataset.methodology
    parts = []
    for criterion in method.criteria:
        counts: dict[str, int] = {}
        for commitment in shown:
            if not _grounds(commitment, criterion.id):
                continue
            for actor in commitment.addressed.actors:
                found = index.in_force(Pair(commitment.id, actor), as_of)
                rating = found.ratings.get(Criterion(criterion.id)) if found else None
                key = rating or method.not_assessed_status
                counts[key] = counts.get(key, 0) + 1
        unrated = [level for level in method.statuses if level.id == method.not_assessed_status]
        levels = [*unrated, *ordered(method.criterion_ratings)]
        parts.append(f"{pick(criterion.label, lang)}: {_counted(levels, counts, lang)}")
    return t("alt.criteria_matrix", lang, as_of=as_of.isoformat(), criteria="; ".join(parts))


def status_over_time_alt(
    dataset: Dataset, as_of: dt.date, lang: str, resolutions: Sequence[str] | None = None
) -> str:
    """The status-over-time chart in words: its span and the counts of its last bar."""
    tracked = _tracked(dataset, resolutions)
    if not tracked or as_of < min(r.adopted for r in tracked):
        return t("alt.nothing", lang)
    first = min(r.adopted for r in tracked).year
    counts = adoption.status_counts(dataset, as_of, resolutions)
    return t(
        "alt.over_time",
        lang,
        first=first,
        last=as_of.year,
        as_of=as_of.isoformat(),
        counts=_counted(ordered(dataset.methodology.statuses), counts, lang),
    )


def evidence_timeline_alt(frame: pd.DataFrame, lang: str) -> str:
    """The evidence timeline in words: how many items, over which span, on how many
    paragraphs."""
    if frame.empty:
        return t("alt.nothing", lang)
    return t(
        "alt.evidence",
        lang,
        items=frame["id"].nunique(),
        first=min(frame["start"]).isoformat(),
        last=max(frame["start"]).isoformat(),
        paragraphs=frame["commitment"].nunique(),
    )


def timeline_alt(
    dataset: Dataset, pairs: Sequence[tuple[str, Pair]], as_of: dt.date, lang: str
) -> str:
    """A status timeline in words: for each row, its status in force and since when."""
    index = index_of(dataset)
    labels = {level.id: pick(level.label, lang) for level in dataset.methodology.statuses}
    parts = []
    for label, pair in pairs:
        found = index.history(pair, as_of)
        if not found:
            parts.append(t("alt.timeline_row_none", lang, row=label))
            continue
        current = found[-1].status
        parts.append(
            t(
                "alt.timeline_row",
                lang,
                row=label,
                status=labels.get(current, current),
                since=held_since(found),
            )
        )
    return t("alt.timeline", lang, as_of=as_of.isoformat(), rows="; ".join(parts))


# --- headline and summary ----------------------------------------------------------------


@dataclass(frozen=True)
class OldestJudgement:
    """The judgement in force made longest ago, and how old the evidence it rests on is."""

    pair: Pair
    judged_on: dt.date
    days: int
    """Days from the day the judgement speaks for to the as-of day: the judgement's age."""
    newest_evidence: dt.date | None
    """The newest evidence it cites (None when it cites none): the evidence's age, named so."""
    evidence_days: int | None


@dataclass(frozen=True)
class Headline:
    """The overview's headline numbers on one day, over the resolutions adopted by then.

    Of the `pairs`, `judged` stand on the progress scale (regressing to fulfilled); the
    rest are `not_assessed` (backlog) or neither judged nor backlog: `not_applicable` and
    `superseded`. Shares are of the judged pairs."""

    commitments: int
    actors: int
    pairs: int
    judged: int
    not_assessed: int
    not_applicable: int
    superseded: int
    regressing: int
    progressing: int
    regressing_statuses: tuple[ScaleLevel, ...]
    progressing_statuses: tuple[ScaleLevel, ...]
    newest_evidence: tuple[str, str] | None
    """(date as written, evidence id) of the newest evidence known on the day."""
    oldest: OldestJudgement | None
    """The judgement in force made longest ago."""
    oldest_evidence: OldestJudgement | None
    """The judgement in force whose newest cited evidence is oldest."""

    @property
    def regressing_share(self) -> float:
        return self.regressing / self.judged if self.judged else 0.0

    @property
    def progressing_share(self) -> float:
        return self.progressing / self.judged if self.judged else 0.0


def headline(
    dataset: Dataset, as_of: dt.date, resolutions: Sequence[str] | None = None
) -> Headline:
    """The headline numbers on `as_of`: paragraphs, actors and pairs of the resolutions adopted
    by then (of `resolutions` when given), the pairs by kind of status, the newest evidence,
    and the oldest judgement."""
    key = (as_of, None if resolutions is None else tuple(resolutions))
    return remembered(
        dataset, "charts.headline", key, lambda: _headline(dataset, as_of, resolutions)
    )


def _headline(dataset: Dataset, as_of: dt.date, resolutions: Sequence[str] | None) -> Headline:
    index = index_of(dataset)
    method = dataset.methodology
    counts = adoption.status_counts(dataset, as_of, resolutions)
    regressing, progressing = status_groups(dataset)
    unjudged = not_judged(dataset.methodology)
    known = index.known_newest_first(as_of)
    newest = index.evidence[int(known[0])] if len(known) else None
    existing = adoption.existing_commitments(dataset, as_of, resolutions)
    return Headline(
        commitments=len(existing),
        actors=len({actor for c in existing for actor in c.addressed.actors}),
        pairs=sum(counts.values()),
        judged=sum(n for status, n in counts.items() if status not in unjudged),
        not_assessed=counts.get(method.not_assessed_status, 0),
        not_applicable=counts.get(method.not_applicable_status or "", 0),
        superseded=counts.get(method.superseded_status or "", 0),
        regressing=sum(counts.get(level.id, 0) for level in regressing),
        progressing=sum(counts.get(level.id, 0) for level in progressing),
        regressing_statuses=tuple(regressing),
        progressing_statuses=tuple(progressing),
        newest_evidence=(newest.date, newest.id) if newest else None,
        oldest=oldest_judgement(dataset, as_of, resolutions),
        oldest_evidence=oldest_judgement(dataset, as_of, resolutions, by="evidence"),
    )


def oldest_judgement(
    dataset: Dataset,
    as_of: dt.date,
    resolutions: Sequence[str] | None = None,
    by: Literal["judgement", "evidence"] = "judgement",
) -> OldestJudgement | None:
    """Of the judgements in force on `as_of` (pairs of `adoption.pair_mask` whose status is on
    the progress scale), the one made longest ago (`by` judgement: earliest date), or the one
    whose newest cited evidence is oldest (`by` evidence; judgements citing none are left
    out); the first in the index's pair order on a tie."""
    index = index_of(dataset)
    if not index.sorted:
        return None
    unjudged = not_judged(dataset.methodology)
    # Vectorized over the pairs (in pair order, so that argmin keeps the first on a tie).
    positions = index.pair_positions(as_of)
    codes = index.pair_statuses(as_of)
    judged = np.array([status not in unjudged for status in index.statuses] + [False])
    at = positions[adoption.pair_mask(dataset, as_of, resolutions) & judged[codes]]
    if by == "evidence":
        at = at[index.newest_day[at] != NEVER]
        days = index.newest_day[at]
    else:
        days = index.days[at]
    if not len(at):
        return None
    position = int(at[int(np.argmin(days))])
    found = index.sorted[position]
    newest = index.newest_cited(position)
    return OldestJudgement(
        pair=Pair(found.commitment, found.actor),
        judged_on=found.date,
        days=(as_of - found.date).days,
        newest_evidence=newest,
        evidence_days=(as_of - newest).days if newest else None,
    )


# The status per actor first after the paragraph: on a narrow screen the table scrolls, and
# what an analyst looks for must not be the part scrolled off.
SUMMARY_COLUMNS = tables.COMMITMENTS_SUMMARY.ids


def commitments_summary(
    dataset: Dataset,
    as_of: dt.date,
    lang: str,
    resolutions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per paragraph of the resolutions adopted by `as_of` (of `resolutions` when
    given): paragraph, the status in force per actor on `as_of`, leading verb, actors
    assessed, applicable criteria, and the evidence known by then.

    Columns are the stable ids in SUMMARY_COLUMNS; the page gives them translated headers.
    The frame is kept for the next call with the same arguments: it must not be changed.
    """
    key = (as_of, lang, None if resolutions is None else tuple(resolutions))
    return remembered(
        dataset,
        "charts.summary",
        key,
        lambda: _summary(
            dataset, as_of, lang, adoption.existing_commitments(dataset, as_of, resolutions)
        ),
    )


def _summary(
    dataset: Dataset, as_of: dt.date, lang: str, commitments: Sequence[Commitment]
) -> pd.DataFrame:
    statuses = {level.id: level for level in dataset.methodology.statuses}
    criterion_labels = {term.id: pick(term.label, lang) for term in dataset.methodology.criteria}
    labels = {level: pick(statuses[level].label, lang) for level in statuses}
    index = index_of(dataset)
    in_force = index.latest(as_of).tolist()
    not_assessed = labels[dataset.methodology.not_assessed_status]
    names = commitment_labels(dataset)
    rows = []
    for commitment in commitments:
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
    dataset: Dataset,
    commitment: Commitment,
    as_of: dt.date,
    lang: str,
    actors: Sequence[str] | None = None,
) -> go.Figure:
    """The status of one commitment for each actor it addresses (of `actors` when given),
    over time (one row each)."""
    rows = [
        (actor, Pair(commitment.id, actor))
        for actor in commitment.addressed.actors
        if actors is None or actor in actors
    ]
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


def evidence_timeline(
    dataset: Dataset, frame: pd.DataFrame, lang: str, look: Mapping[str, Any] | None = None
) -> go.Figure:
    """Evidence by date (x) and commitment (y): one marker per (item, commitment), coloured
    by the item's direction and shaped by its source type, both from the methodology.

    `frame` has the columns of `dashboard.evidence_timeline_frame`: start, commitment,
    order, direction, source_type and an escaped hover label. `look`: layout settings laid
    over the figure's own (fonts and colours, for a figure sent without a chart theme). The
    figure is made in one step from plain values: plotly checks every value it is given, and
    a hundred items' figure built trace by trace, then restyled, took it twice as long.
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
    traces: list[dict[str, Any]] = []
    for term in method.directions:
        points = rows[rows["direction"] == term.id]
        if points.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": [day.isoformat() for day in points["start"]],
                "y": points["commitment"].tolist(),
                "mode": "markers",
                "name": _label(term.label, lang),
                "showlegend": False,
                "marker": {
                    "color": term.colour or "#777777",
                    "symbol": [symbols.get(kind, "circle") for kind in points["source_type"]],
                    "size": 12,
                    "line": {"color": "#333333", "width": 1},
                    "opacity": 0.85,
                },
                "customdata": points["hover"].tolist(),
                "hovertemplate": "%{customdata}<extra></extra>",
            }
        )
    # The legend is made of entries without points: one circle per direction in its colour,
    # one grey shape per source type, so that each colour and each shape is named once.
    directions = set(rows["direction"])
    traces += [
        _legend_entry(
            _label(term.label, lang),
            t("label.direction", lang),
            {"color": term.colour or "#777777", "symbol": "circle"},
        )
        for term in method.directions
        if term.id in directions
    ]
    source_types = set(rows["source_type"])
    traces += [
        _legend_entry(
            _label(term.label, lang),
            t("label.source_type", lang),
            {"color": "#777777", "symbol": symbols[term.id]},
        )
        for term in method.source_types
        if term.id in source_types
    ]
    # Both axes get their margins up front: plotly's automatic margins (on in Streamlit's theme)
    # measure every label in the browser on each redraw, and draw again when one pushes a
    # margin. With a hundred items on as many rows, that was most of the chart's drawing (0.45 s
    # against 0.16 s, median of nine, plotly alone). The dates fit the bottom margin; the left
    # one is the widest commitment label's.
    widest = max(label_width(label) for label in frame["commitment"])
    layout = {
        "title": {"text": t("chart.evidence.title", lang, items=frame["id"].nunique())},
        "height": max(320, 140 + ROW_HEIGHT * len(categories)),
        "margin": {"l": 20 + widest, "r": 10, "t": 60, "b": 40},
        "xaxis": {"type": "date", "title": None, "automargin": False},
        "yaxis": {
            "automargin": False,
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories,
            "autorange": "reversed",
            "title": None,
        },
        # Entries without points: clicking them would hide nothing.
        "legend": {"itemclick": False, "itemdoubleclick": False},
    }
    return go.Figure(data=traces, layout=_laid_over(layout, look or {}))


def _laid_over(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with the values of `over` laid on it, nested settings merged key by key."""
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            merged[key] = _laid_over(below, value)
        else:
            merged[key] = value
    return merged


def _legend_entry(name: str, group: str, marker: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": name,
        "legendgroup": group,
        "legendgrouptitle": {"text": group},
        "marker": {**marker, "size": 11, "line": {"color": "#333333", "width": 1}},
        "hoverinfo": "skip",
    }
