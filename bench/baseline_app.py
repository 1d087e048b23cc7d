"""The baseline app of the page benchmark: the same data, loaded by the same cached loader,
shown as one table (st.dataframe) and one plotly chart, with the same 'as of' filter."""

import plotly.express as px
import streamlit as st

from tracker.query.index import index_of
from ui.data import load_current_data
from ui.widgets import as_of_ui

st.set_page_config(page_title="baseline", page_icon="📜", layout="wide")
as_of = as_of_ui("en")
dataset = load_current_data().result.dataset
if dataset is None:
    st.stop()
table = index_of(dataset).status_table(as_of)
st.dataframe(table, key="baseline_table")
st.plotly_chart(px.histogram(table, x="status"), key="baseline_chart")
