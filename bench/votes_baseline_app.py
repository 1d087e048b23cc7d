"""The baseline of `python -m bench.votes`: a bare page that shows a precomputed frame (one
State's record by year, computed once and shared), so that its rerun is what any Streamlit
rerun of one table costs."""

import pandas as pd
import streamlit as st

from tracker.query import votes as query
from tracker.source.votes_table import load_votes


@st.cache_resource
def precomputed() -> pd.DataFrame:
    votes = load_votes()
    if votes is None:
        return pd.DataFrame()
    state = query.state_number(votes, "United States") or 0
    return query.record_by_year(votes, state, query.chosen_roll_calls(votes))


st.set_page_config(page_title="baseline", page_icon="📜", layout="wide")
st.dataframe(precomputed(), key="baseline_votes")
