"""Actors: every actor at a glance, then one actor's scorecard: each commitment that addresses
it with its status, criterion ratings and trajectory, and 'says versus does', its vote on each
resolution beside what it has done since."""

import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.scale import status_groups
from tracker.present import dashboard, tables, votes_view
from tracker.present.charts import actor_trajectory
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from ui import keys
from ui.data import data_path
from ui.routes import page_link_ui, switch_page
from ui.setup import page_setup
from ui.tables import table_ui
from ui.votes import optional_votes_ui
from ui.widgets import choice_ui, select_into

page = page_setup("actors")
data, as_of, lang = page.dataset, page.as_of, page.lang
method = data.methodology
votes = dashboard.read_votes(data, data_path().parent)

st.markdown(t("actors.intro", lang, as_of=as_of.isoformat()))

overview = dashboard.actors_overview(data, as_of, lang, votes)
table_ui(
    overview,
    tables.ACTORS,
    lang,
    key=keys.Actors.TABLE,
    methodology=method,
    on_select=select_into(keys.Actors.TABLE, keys.Actors.PICK, overview["id"].tolist()),
    selection_mode="single-row",
)
st.caption(t("actors.table_hint", lang))

labels = {actor.id: f"{actor.id} · {pick(actor.name, lang)}" for actor in data.actors}
chosen = choice_ui(
    t("actors.pick", lang),
    list(labels),
    labels,
    key=keys.Actors.PICK,
    placeholder=t("actors.pick_placeholder", lang),
)
actor = next((a for a in data.actors if a.id == chosen), None)
if actor is None:
    st.info(t("actors.pick_hint", lang))
    st.stop()

st.header(escape_markdown(labels[actor.id]), anchor=False)
facts = [t(dashboard.KIND_KEYS[actor.kind], lang)]
if actor.npt_nuclear_weapon_state:
    facts.append(t("actors.npt_nws", lang))
if actor.holds_nsnw:
    facts.append(
        t(
            "actors.holds",
            lang,
            value=t(dashboard.HOLDS_KEYS[actor.holds_nsnw.value], lang),
            evidence=", ".join(actor.holds_nsnw.evidence) or "—",
        )
    )
st.caption(" · ".join(escape_markdown(fact) for fact in facts))
for note in (actor.holds_nsnw.note if actor.holds_nsnw else None, actor.note):
    if note:
        st.markdown(escape_markdown(pick_marked(note, lang)))

addressed = dashboard.addressed_commitments(data, actor.id)
if not addressed:
    st.info(t("actors.not_addressed", lang, actor=actor.id))
else:
    counts = dashboard.status_counts(data, actor.id, as_of)
    regressing, progressing = status_groups(data)
    scorecard = dashboard.actor_scorecard(data, actor.id, as_of, lang)
    stalest = scorecard["stale_days"].max()
    with st.container(horizontal=True, key=keys.Actors.METRICS):
        st.metric(t("label.commitments", lang), len(addressed))
        st.metric(
            t("actors.metric.regressing", lang),
            sum(counts[level.id] for level in regressing),
            help=", ".join(pick(level.label, lang) for level in regressing),
        )
        st.metric(
            t("actors.metric.progressing", lang),
            sum(counts[level.id] for level in progressing),
            help=", ".join(pick(level.label, lang) for level in progressing),
        )
        st.metric(
            t("actors.metric.not_assessed", lang),
            counts[method.not_assessed_status],
            help=t("actors.metric.not_assessed_help", lang),
        )
        st.metric(
            t("actors.metric.stalest", lang),
            t("overview.metric.days", lang, days=int(stalest))
            if scorecard["stale_days"].notna().any()
            else t("overview.metric.none", lang),
            help=t("commitments.column.stale_days_help", lang),
        )

    st.subheader(t("actors.section.scorecard", lang), anchor=False)
    st.caption(t("actors.section.scorecard_caption", lang, as_of=as_of.isoformat()))
    picked = table_ui(
        scorecard,
        tables.SCORECARD,
        lang,
        key=keys.Actors.SCORECARD,
        methodology=method,
        on_select="rerun",
        selection_mode="single-row",
    )
    st.caption(t("actors.scorecard_hint", lang))
    rows = picked.selection.rows if picked is not None else []
    if rows:
        switch_page("commitments", {keys.Commitments.PICK: scorecard["id"].iloc[rows[0]]})

    st.subheader(t("label.trajectory", lang), anchor=False)
    st.plotly_chart(actor_trajectory(data, actor, as_of, lang), key=keys.Actors.TRAJECTORY)

st.subheader(t("actors.section.says_does", lang), anchor=False)
st.caption(t("actors.section.says_does_caption", lang))
recorded = optional_votes_ui(lang)
state = votes_view.state_of_actor(recorded, actor) if recorded else None
if state:
    page_link_ui(
        "state_votes",
        t("votes.open_record", lang, state=state),
        params={keys.StateVotes.STATE: state},
    )
says = dashboard.says_versus_does(data, actor.id, as_of, lang, votes)
if says.empty:
    st.info(t("actors.no_resolution_yet", lang, as_of=as_of.isoformat()))
else:
    table_ui(says, tables.SAYS_DOES, lang, key=keys.Actors.SAYS_DOES, methodology=method)
