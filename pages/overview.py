"""Overview: where every actor stands on every commitment on the chosen day, and how that
has moved since each resolution was adopted. The resolutions in force by default; those a
later one superseded collapsed below."""

import streamlit as st

from tracker.present import tables
from tracker.present.charts import (
    MATRIX_ROWS,
    SUMMARY_ROWS,
    commitments_summary,
    criteria_matrix,
    criteria_matrix_alt,
    headline,
    matrix_rows,
    status_matrix,
    status_matrix_alt,
    status_over_time,
    status_over_time_alt,
)
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from tracker.query.adoption import existing_commitments, successors
from ui import keys
from ui.charts import chart_ui, matrix_ui
from ui.setup import page_setup
from ui.tables import table_ui
from ui.widgets import headline_ui, resolution_ui, resolutions_ui, slug

page = page_setup("overview")
data, as_of, lang = page.dataset, page.as_of, page.lang

resolutions, collapsed = resolutions_ui(data, as_of, lang, key=keys.Overview.RESOLUTION)
symbols = ", ".join(resolutions) or "—"
st.markdown(t("page.overview.intro", lang, symbol=symbols, as_of=as_of.isoformat()))
existing = existing_commitments(data, as_of, resolutions)
headline_ui(headline(data, as_of, resolutions), data, lang, key=keys.Overview.HEADLINE)

st.header(t("overview.section.status", lang), anchor=False)
shown, cut = matrix_rows(data, as_of, existing, None)
symbol = None
if cut:  # too many paragraphs for one matrix: one resolution at a time
    chosen = set(resolutions)
    among = [r for r in data.resolutions if r.symbol in chosen]
    label = t("overview.matrix.resolution", lang)
    symbol = resolution_ui(data, lang, label, keys.Overview.MATRIX_RESOLUTION, among=among)
    shown, _ = matrix_rows(data, as_of, existing, symbol)
    st.caption(
        t(
            "overview.matrix.one_resolution",
            lang,
            resolutions=len(resolutions),
            total=len(existing),
            shown=len(shown),
        )
    )
st.caption(t("overview.section.status_caption", lang))
matrix_ui(
    status_matrix(data, as_of, lang, shown),
    keys.Overview.STATUS_MATRIX,
    status_matrix_alt(data, as_of, lang, shown),
)
later = successors(data, as_of)
for resolution in collapsed:
    title = t(
        "overview.superseded",
        lang,
        symbol=resolution.symbol,
        successor=later[resolution.symbol].symbol,
        date=later[resolution.symbol].adopted.isoformat(),
    )
    with st.expander(escape_markdown(title), expanded=False):
        paragraphs = existing_commitments(data, as_of, [resolution.symbol])[:MATRIX_ROWS]
        matrix_ui(
            status_matrix(data, as_of, lang, paragraphs),
            keys.Overview.superseded(slug(resolution.symbol)),
            status_matrix_alt(data, as_of, lang, paragraphs),
        )

st.header(t("overview.section.criteria", lang), anchor=False)
st.caption(t("overview.section.criteria_caption", lang))
matrix_ui(
    criteria_matrix(data, as_of, lang, shown),
    keys.Overview.CRITERIA_MATRIX,
    criteria_matrix_alt(data, as_of, lang, shown),
)

st.header(t("overview.section.over_time", lang), anchor=False)
st.caption(t("overview.section.over_time_caption", lang))
chart_ui(
    status_over_time(data, as_of, lang, resolutions),
    keys.Overview.STATUS_OVER_TIME,
    status_over_time_alt(data, as_of, lang, resolutions),
)

st.header(t("overview.section.commitments", lang), anchor=False)
listed = resolutions
if symbol is not None and len(existing) > SUMMARY_ROWS:
    listed = (symbol,)
    st.caption(
        t(
            "overview.summary.one_resolution",
            lang,
            total=len(existing),
            symbol=escape_markdown(symbol),
        )
    )
table_ui(
    commitments_summary(data, as_of, lang, listed),
    tables.COMMITMENTS_SUMMARY,
    lang,
    key=keys.Overview.COMMITMENTS,
)
