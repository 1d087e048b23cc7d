"""Methodology: how assessments are made and dated, and every scale and vocabulary the data
defines (statuses, criteria and their ratings, directions, source types, confidence), read
from the data itself, with how often each is in use on the as-of day."""

import pandas as pd
import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.scale import set_apart
from tracker.present import dashboard, tables
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from ui import keys
from ui.setup import page_setup
from ui.tables import table_ui

page = page_setup("methodology")
data, as_of, lang = page.dataset, page.as_of, page.lang
method = data.methodology
used = dashboard.usage(data, as_of)

st.subheader(t("methodology.process", lang), anchor=False)
st.markdown(escape_markdown(pick_marked(method.assessment_process, lang)))
st.markdown(escape_markdown(t("methodology.dating", lang)))
st.markdown(escape_markdown(t("methodology.corrections", lang)))
st.markdown(escape_markdown(t("methodology.freshness", lang)))


def swatches(table: pd.DataFrame) -> object:
    """The table with each colour shown as a swatch. Colours are validated `#RRGGBB` values
    (the model rejects anything else), so they are safe in a style."""
    return table.style.map(
        lambda colour: f"background-color: {colour}; color: {colour}" if colour else "",
        subset=["colour"],
    )


def vocabulary_ui(table: pd.DataFrame, spec: tables.Table, key: str) -> None:
    table_ui(swatches(table), spec, lang, key=key)


not_assessed = next(level for level in method.statuses if level.id == method.not_assessed_status)
st.subheader(t("methodology.statuses", lang), anchor=False)
st.caption(
    t(
        "methodology.statuses_caption",
        lang,
        not_assessed=escape_markdown(pick(not_assessed.label, lang)),
        as_of=as_of.isoformat(),
    )
)
apart = [level for level in method.statuses if level.id in set_apart(method)]
if apart:
    labels = "”, “".join(pick(level.label, lang) for level in apart)
    st.caption(escape_markdown(t("methodology.set_apart", lang, labels=labels)))
vocabulary_ui(
    dashboard.scale_table(method.statuses, lang, used.statuses),
    tables.VOCABULARY_BY_PAIRS,
    key=keys.Methodology.STATUSES,
)

st.subheader(t("label.criteria", lang), anchor=False)
st.caption(t("methodology.criteria_caption", lang))
vocabulary_ui(
    dashboard.terms_table(method.criteria, lang, used.criteria),
    tables.VOCABULARY_BY_EVIDENCE,
    key=keys.Methodology.CRITERIA,
)
st.subheader(t("methodology.ratings", lang), anchor=False)
vocabulary_ui(
    dashboard.scale_table(method.criterion_ratings, lang, used.ratings),
    tables.VOCABULARY_BY_RATINGS,
    key=keys.Methodology.RATINGS,
)

st.subheader(t("methodology.directions", lang), anchor=False)
vocabulary_ui(
    dashboard.terms_table(method.directions, lang, used.directions),
    tables.VOCABULARY_BY_EVIDENCE,
    key=keys.Methodology.DIRECTIONS,
)
st.subheader(t("methodology.source_types", lang), anchor=False)
vocabulary_ui(
    dashboard.terms_table(method.source_types, lang, used.source_types),
    tables.VOCABULARY_BY_EVIDENCE,
    key=keys.Methodology.SOURCE_TYPES,
)
st.subheader(t("methodology.confidence", lang), anchor=False)
vocabulary_ui(
    dashboard.scale_table(method.confidence_levels, lang, used.confidence),
    tables.VOCABULARY_BY_EVIDENCE,
    key=keys.Methodology.CONFIDENCE,
)
