"""Voting record: how one State voted in every recorded General Assembly vote on arms control,
disarmament and nuclear weapons (1948-2019), by year; its agreement with chosen States over
time; its vote beside what it has done on the resolutions the tracker holds; and the roll calls
themselves, each opening its own page. The view is in the URL: `?state=Russia&count=whole_text
&issue=nuclear&with=France&with=China`."""

import streamlit as st

from tracker.present import votes_view
from tracker.present.i18n import t
from tracker.query import votes as query
from tracker.source.votes_table import VOTE_VALUES
from ui import keys
from ui.routes import switch_page
from ui.setup import page_setup
from ui.votes import caveats_ui, columns_ui, default_ui, picked_row_ui, votes_ui
from ui.widgets import choice_ui, choices_ui, toggle_ui

page = page_setup("state_votes")
data, as_of, lang = page.dataset, page.as_of, page.lang
votes = votes_ui(lang)

st.markdown(t("votes.intro", lang))
caveats_ui(lang, key=keys.StateVotes.CAVEATS)

labels = votes_view.state_labels(votes)
tracked = votes_view.tracked_states(data, votes)
default_ui(keys.StateVotes.STATE, tracked[0] if tracked else votes.states[0])
default_ui(keys.StateVotes.WITH, tracked[1:])
with st.container(border=True, key=keys.StateVotes.FILTERS):
    left, middle, right = st.columns([2, 2, 3])
    with left:
        name = choice_ui(
            t("dashboard.kind.state", lang),
            votes.states,
            labels,
            key=keys.StateVotes.STATE,
            help=t("votes.state_help", lang),
            first_by_default=True,
        )
    with middle:
        view = choice_ui(
            t("votes.view", lang),
            list(query.VIEWS),
            {key: t(label, lang) for key, label in votes_view.VIEW_KEYS.items()},
            key=keys.StateVotes.COUNT,
            help=t("votes.view_help", lang),
            first_by_default=True,
        )
    with right:
        issue = toggle_ui(
            t("votes.issue", lang),
            list(query.ISSUES),
            {key: t(label, lang) for key, label in votes_view.ISSUE_KEYS.items()},
            key=keys.StateVotes.ISSUE,
            help=t("votes.issue_help", lang),
        )
    others = choices_ui(
        t("votes.with", lang),
        votes.states,
        labels,
        key=keys.StateVotes.WITH,
        help=t("votes.agreement_help", lang),
        placeholder=t("votes.with_placeholder", lang),
    )

state = query.state_number(votes, name) or 0
name = votes.states[state]
numbers = tuple(
    number
    for number in (query.state_number(votes, other) for other in others)
    if number is not None and number != state
)
record = votes_view.state_record(votes, state, view or "whole_text", issue, numbers, lang)
note = votes_view.state_note(name, lang)
if note:
    st.warning(note, icon=":material/warning:")
if record.by_year.empty:
    st.info(t("votes.no_votes", lang, state=name))
    st.stop()

totals = record.totals
with st.container(horizontal=True, key=keys.StateVotes.METRICS):
    st.metric(
        t("votes.section.roll_calls", lang),
        totals["roll_calls"],
        help=t("votes.metric.roll_calls_help", lang),
    )
    for value in VOTE_VALUES:
        st.metric(
            votes_view.vote_label(value, lang),
            f"{totals[value] / totals['cast']:.0%}" if totals["cast"] else "—",
            help=t("votes.metric.share_help", lang, count=totals[value], cast=totals["cast"]),
        )
    st.metric(
        votes_view.vote_label(query.NO_ROW_LABEL, lang),
        totals[query.NO_ROW_LABEL],
        help=t("votes.metric.no_row_help", lang),
    )

st.subheader(t("votes.section.by_year", lang), anchor=False)
st.caption(t("votes.by_year_caption", lang))
st.plotly_chart(record.year_figure, key=keys.StateVotes.BY_YEAR)
st.dataframe(
    record.by_year,
    key=keys.StateVotes.YEARS,
    hide_index=True,
    height=250,
    column_config=columns_ui(record.by_year.columns, lang),
)

st.subheader(t("votes.section.agreement", lang), anchor=False)
st.caption(t("votes.agreement_help", lang))
if record.agreement_figure is None:
    st.info(t("votes.agreement_none", lang))
else:
    st.plotly_chart(record.agreement_figure, key=keys.StateVotes.AGREEMENT_CHART)
    st.dataframe(
        record.agreement,
        key=keys.StateVotes.AGREEMENT,
        hide_index=True,
        column_config=columns_ui(record.agreement.columns, lang),
    )

st.subheader(t("votes.section.says_does", lang), anchor=False)
st.caption(t("votes.says_does_caption", lang, as_of=as_of.isoformat()))
says = votes_view.says_versus_does(data, votes, state, as_of, lang)
st.dataframe(
    says,
    key=keys.StateVotes.SAYS_DOES,
    hide_index=True,
    column_config=columns_ui(says.columns, lang),
)

st.subheader(t("votes.section.roll_calls", lang), anchor=False)
st.caption(t("votes.roll_calls_caption", lang))
picked = picked_row_ui(record.roll_calls, lang, keys.StateVotes.ROLL_CALLS)
if picked is not None:
    switch_page("roll_call", {keys.RollCall.PICK: str(picked["rcid"])})
