"""Overview: where every actor stands on every commitment on the chosen day, and how that
has moved since the resolution was adopted."""

import streamlit as st

from tracker.present import tables
from tracker.present.charts import (
    commitments_summary,
    criteria_matrix,
    headline,
    matrix_rows,
    status_matrix,
    status_over_time,
)
from tracker.present.i18n import t
from ui import keys
from ui.setup import page_setup
from ui.tables import table_ui
from ui.widgets import headline_ui, resolution_ui

page = page_setup("overview")
data, as_of, lang = page.dataset, page.as_of, page.lang

symbols = ", ".join(resolution.symbol for resolution in data.resolutions)
st.markdown(t("page.overview.intro", lang, symbol=symbols, as_of=as_of.isoformat()))
headline_ui(headline(data, as_of), data, lang, key=keys.Overview.HEADLINE)

st.subheader(t("overview.section.status", lang), anchor=False)
shown = matrix_rows(data, None)
if shown is not None:  # too many paragraphs for one matrix: one resolution at a time
    symbol = resolution_ui(data, lang, t("overview.matrix.resolution", lang), "matrix_resolution")
    shown = matrix_rows(data, symbol) or ()  # not None: the data has too many for one
    st.caption(
        t(
            "overview.matrix.one_resolution",
            lang,
            resolutions=len(data.resolutions),
            total=len(data.commitments),
            shown=len(shown),
        )
    )
st.caption(t("overview.section.status_caption", lang))
st.plotly_chart(status_matrix(data, as_of, lang, shown), key=keys.Overview.STATUS_MATRIX)

st.subheader(t("overview.section.criteria", lang), anchor=False)
st.caption(t("overview.section.criteria_caption", lang))
st.plotly_chart(criteria_matrix(data, as_of, lang, shown), key=keys.Overview.CRITERIA_MATRIX)

st.subheader(t("overview.section.over_time", lang), anchor=False)
st.caption(t("overview.section.over_time_caption", lang))
st.plotly_chart(status_over_time(data, as_of, lang), key=keys.Overview.STATUS_OVER_TIME)

st.subheader(t("overview.section.commitments", lang), anchor=False)
table_ui(
    commitments_summary(data, as_of, lang),
    tables.COMMITMENTS_SUMMARY,
    lang,
    key=keys.Overview.COMMITMENTS,
)
