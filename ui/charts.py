"""Charts on a page: every figure with its text alternative, matrices at their own width in a
box that scrolls sideways on a narrow screen, and a click on a matrix cell that opens that
(commitment, actor) pair's record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from tracker.present.charts import matrix_pick
from ui.routes import switch_page

# Plotly's toolbar covers the column labels of a matrix on a phone, and nothing in it is
# needed to read the chart.
CONFIG = {"displayModeBar": False}


def chart_ui(figure: go.Figure, key: str, alt: str, *, drawn_once: bool = False) -> None:
    """A chart that fills the width of the page, described by `alt` for screen readers.

    With `drawn_once`, the figure is sent without Streamlit's chart theme, so that the browser
    draws it once instead of twice; build it with `chart_look()`, which gives it the theme's
    look. This is for a chart drawn anew on every rerun, such as a timeline of what a page's
    filters keep: Streamlit mounts a new chart for every new figure, then applies its theme in
    the browser to a fresh copy of the figure (a new template, new data arrays), which plotly
    can only take by drawing the whole chart again (about 0.1 s for the Evidence page's
    hundred items)."""
    if not drawn_once:
        st.plotly_chart(figure, key=key, alt=alt, config=CONFIG)
        return
    figure.layout.template = None
    title = figure.layout.title.text
    if title:
        figure.layout.title.text = f"<b>{title}</b>"  # as the theme shows a title
    st.plotly_chart(figure, key=key, alt=alt, config=CONFIG, theme=None)


def chart_look() -> dict[str, Any]:
    """The layout Streamlit's chart theme gives a figure, in the theme the browser shows (light
    or dark), for a figure drawn with `chart_ui(..., drawn_once=True)`. A builder lays it over
    the figure's own layout before making the figure: set on a finished figure, it costs
    plotly about as much as making the figure."""
    look = LOOKS.get(st.context.theme.type or "", NEUTRAL)
    font = {"family": FONT, "size": 12, "color": look.text}
    grid = {"gridcolor": look.grid, "zerolinecolor": look.grid}
    return {
        # The figure's arrays are never changed in place: a new figure is a new chart.
        "datarevision": 1,
        "font": font,
        "title": {
            "font": {"family": FONT, "size": 16, "color": look.heading},
            "x": 0,
            "xanchor": "left",
            "pad": {"l": 4},
        },
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"showgrid": False, "zeroline": False, "tickfont": font, **grid},
        "yaxis": {"ticklabelposition": "outside", "tickfont": font, **grid},
        "legend": {
            "font": {**font, "color": look.legend},
            "grouptitlefont": {**font, "size": 13},
            "bgcolor": "rgba(0,0,0,0)",
            "valign": "top",
        },
        "hoverlabel": {"bgcolor": look.background, "bordercolor": look.border, "font": font},
        "margin": {"pad": 8},
    }


@dataclass(frozen=True)
class Look:
    """The colours Streamlit's chart theme gives a figure in one of the app's themes."""

    text: str
    heading: str
    grid: str
    legend: str
    background: str
    border: str


# As Streamlit 1.67's theme draws a chart (read from a themed chart in Chromium).
FONT = '"Source Sans", sans-serif'
LOOKS = {
    "light": Look("#808495", "#2F2D2B", "#e6eaf1", "#262730", "#FFFFFF", "#DCD8D4"),
    "dark": Look("#e6eaf1", "#EDEBE8", "#31333F", "#fafafa", "#171614", "#4A4742"),
}
# Before the browser has said which theme it shows (a session's first run), colours that
# read on both.
NEUTRAL = Look("#808495", "#808495", "rgba(128,132,149,0.25)", "#808495", "#FFFFFF", "#808495")


# The width a matrix needs, given to its box: Streamlit sizes a chart to its box, so the box
# must be as wide as the figure for the page to scroll rather than squeeze the cells. Only a
# key (a constant of the page) and a whole number go into the rule.
WIDTH_RULE = (
    "<style>.st-key-scroll_{key} [data-testid='stElementContainer'] "
    "{{ min-width: {width}px; }}</style>"
)


def matrix_ui(figure: go.Figure, key: str, alt: str) -> None:
    """A matrix at the width its cells need (scrolling sideways where the page is narrower);
    a click on a cell opens the record of its pair, filtered to its actor."""
    width = figure.layout.width
    if isinstance(width, int | float):
        st.html(WIDTH_RULE.format(key=key, width=int(width)))
    with st.container(key=f"scroll_{key}"):
        event = st.plotly_chart(
            figure,
            key=key,
            alt=alt,
            config=CONFIG,
            width="content",
            on_select="rerun",
            selection_mode="points",
        )
    # Item access: the event is a dict (attribute access also works in a browser session).
    points = event["selection"]["points"] if event else []
    pair = matrix_pick(points[0]) if points else None
    if pair is not None:
        switch_page("commitments", {"commitment": pair.commitment, "actor": pair.actor})
