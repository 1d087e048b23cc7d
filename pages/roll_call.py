"""Roll call: one recorded General Assembly vote, as the dataset gives it: its date, symbol,
kind and issue codes, whether the tracker counts it (a 2021 repeat is shown, never counted),
the resolution's text in the tracker or the way to add it, every State's vote beside its
commitments' status where the tracker holds the resolution, and the other roll calls on the
same resolution. `?rcid=4494` opens one."""

import streamlit as st

from tracker.present import votes_view
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from tracker.query import votes as query
from tracker.source.votes_table import VOTE_VALUES
from ui import keys
from ui.routes import page_link_ui, switch_page
from ui.setup import page_setup
from ui.votes import caveats_ui, columns_ui, default_ui, picked_row_ui, votes_ui
from ui.widgets import choice_ui, choices_ui

page = page_setup("roll_call")
data, as_of, lang = page.dataset, page.as_of, page.lang
votes = votes_ui(lang)
caveats_ui(lang, key=keys.RollCall.CAVEATS)

labels = votes_view.roll_call_labels(votes)
default_ui(keys.RollCall.PICK, votes_view.default_roll_call(data, votes) or next(iter(labels)))
chosen = choice_ui(
    t("search.kind.roll_call", lang),
    list(labels),
    labels,
    key=keys.RollCall.PICK,
    help=t("votes.rc.pick_help", lang),
    first_by_default=True,
)
row = query.roll_call_row(votes, chosen) or 0
call = query.roll_call(votes, row)
symbol = f"{call.symbol} {call.part}".strip()

st.header(escape_markdown(votes_view.roll_call_title(call)), anchor=False)
facts = [
    t(
        "votes.rc.facts",
        lang,
        rcid=call.rcid,
        session=call.session,
        date=call.date,
        unres=call.unres,
    ),
    t("votes.rc.kind", lang, kind=votes_view.kind_label(call.kind, lang)),
    t("votes.rc.issues", lang, issues=call.issues),
]
if call.importantvote == 1:
    facts.append(t("votes.rc.important", lang))
st.caption("  \n".join(escape_markdown(fact) for fact in facts))
st.markdown(escape_markdown(call.descr))

if call.repeat_of is not None:
    st.warning(t("votes.rc.repeat", lang, rcid=call.repeat_of), icon=":material/content_copy:")
    original = query.roll_call_row(votes, call.repeat_of)
    if original is not None:
        differ = query.differing_states(votes, row, original)
        if differ.empty:
            st.caption(t("votes.rc.no_differences", lang))
        else:
            st.caption(t("votes.rc.differences", lang))
            st.dataframe(
                votes_view.labelled(differ, lang),
                key=keys.RollCall.DIFFERENCES,
                hide_index=True,
                column_config=columns_ui(
                    differ.columns,
                    lang,
                    other_vote=t("votes.column.other_vote", lang, rcid=call.repeat_of),
                ),
            )
else:
    for repeat in query.repeated_by(votes, row):
        st.info(t("votes.rc.repeated_by", lang, rcid=repeat), icon=":material/content_copy:")
    if call.whole_text_vote and call.symbol:
        st.caption(t("votes.rc.whole_text_vote", lang, symbol=symbol))

held = {resolution.symbol for resolution in data.resolutions}
if not call.symbol:
    st.info(t("votes.rc.unlinked", lang, unres=call.unres, session=call.session))
elif call.symbol in held:
    st.success(t("votes.rc.tracked", lang, symbol=call.symbol), icon=":material/check:")
    with st.container(horizontal=True, key=keys.RollCall.LINKS):
        page_link_ui(
            "source_text",
            t("votes.rc.open_text", lang, symbol=call.symbol),
            params={keys.SourceText.RESOLUTION: call.symbol},
        )
        page_link_ui(
            "commitments",
            t("votes.rc.open_commitments", lang),
            params={keys.Commitments.RESOLUTION: call.symbol},
        )
else:
    st.info(t("votes.rc.not_tracked", lang, symbol=symbol), icon=":material/note_add:")
    page_link_ui("add_resolution", t("votes.rc.add", lang))

with st.container(horizontal=True, key=keys.RollCall.METRICS):
    for value in votes_view.TOTALS_ORDER:
        st.metric(votes_view.vote_label(value, lang), getattr(call, value))

st.subheader(t("votes.rc.section.states", lang), anchor=False)
st.caption(t("votes.rc.states_caption", lang))
shown = choices_ui(
    t("votes.rc.show", lang),
    VOTE_VALUES,
    {value: votes_view.vote_label(value, lang) for value in VOTE_VALUES},
    key=keys.RollCall.VOTE,
    placeholder=t("votes.rc.show_all", lang),
)
states = votes_view.roll_call_states(data, votes, row, as_of, lang, shown or VOTE_VALUES)
picked_state = picked_row_ui(
    states,
    lang,
    keys.RollCall.STATES,
    {"tracked": t("votes.column.tracked", lang, as_of=as_of.isoformat())},
    column_order=[c for c in states.columns if c != "tracked" or call.symbol in held],
)
if picked_state is not None:
    switch_page("state_votes", {keys.StateVotes.STATE: str(picked_state["country"])})

st.subheader(t("votes.rc.section.related", lang), anchor=False)
st.caption(t("votes.rc.related_caption", lang))
related = votes_view.related_roll_calls(votes, row, lang)
picked_call = picked_row_ui(related, lang, keys.RollCall.RELATED)
if picked_call is not None and int(picked_call["rcid"]) != call.rcid:
    switch_page("roll_call", {keys.RollCall.PICK: str(picked_call["rcid"])})
