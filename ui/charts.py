"""Charts on a page: every figure with its text alternative, matrices at their own width in a
box that scrolls sideways on a narrow screen, and a click on a matrix cell that opens that
(commitment, actor) pair's record."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from tracker.present.charts import matrix_pick
from ui.routes import switch_page

# Plotly's toolbar covers the column labels of a matrix on a phone, and nothing in it is
# needed to read the chart.
CONFIG = {"displayModeBar": False}


def chart_ui(figure: go.Figure, key: str, alt: str) -> None:
    """A chart that fills the width of the page, described by `alt` for screen readers."""
    st.plotly_chart(figure, key=key, alt=alt, config=CONFIG)


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
