"""Actors: every actor at a glance; two or more side by side (status and criterion ratings per
paragraph, their votes); then one actor's scorecard: each commitment that addresses it with its
status, criterion ratings and trajectory, and 'says versus does', its vote on each resolution
beside what it has done since; and its printable profile (HTML, PDF)."""

import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.scale import status_groups
from tracker.present import dashboard, tables, votes_view
from tracker.present.charts import actor_trajectory, timeline_alt
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from tracker.present.profile import actor_profile_html
from tracker.query.adoption import current
from tracker.query.index import Pair
from tracker.query.names import commitment_label
from ui import keys
from ui.charts import chart_ui
from ui.data import data_path
from ui.review_brief import document_key, download_ui, pdf_ui
from ui.routes import page_link_ui, switch_page
from ui.setup import page_setup
from ui.tables import table_ui
from ui.votes import optional_votes_ui
from ui.widgets import choice_ui, choices_ui, select_into, slug

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

st.header(t("actors.section.compare", lang), anchor=False)
compared = choices_ui(
    t("actors.compare", lang),
    [a.id for a in data.actors],
    {a.id: f"{a.id} · {pick(a.name, lang)}" for a in data.actors},
    key=keys.Actors.COMPARE,
    help=t("actors.compare_help", lang),
    placeholder=t("filter.any", lang),
)
if len(compared) < 2:
    st.caption(t("actors.compare_hint", lang))
else:
    in_force = [r.symbol for r in current(data, as_of)]
    st.dataframe(
        dashboard.compare_actors(data, compared, as_of, lang, in_force),
        key=keys.Actors.COMPARE_TABLE,
        hide_index=True,
        column_config={
            "paragraph": st.column_config.TextColumn(tables.PARAGRAPH.heading(lang), pinned=True),
            **{
                f"{ref}:status": st.column_config.TextColumn(
                    t("actors.compare_status", lang, actor=ref)
                )
                for ref in compared
            },
            **{
                f"{ref}:ratings": st.column_config.TextColumn(
                    t("actors.compare_ratings", lang, actor=ref)
                )
                for ref in compared
            },
        },
    )
    letters = dashboard.criterion_letters(data, lang)
    legend = " · ".join(f"{letters[c.id]} {pick(c.label, lang)}" for c in method.criteria)
    st.caption(escape_markdown(t("actors.compare_legend", lang, criteria=legend)))
    st.markdown(f"**{t('actors.compare_votes', lang)}**")
    st.dataframe(
        dashboard.compare_votes(data, compared, as_of, lang, votes),
        key=keys.Actors.COMPARE_VOTES,
        hide_index=True,
        column_config={"resolution": st.column_config.TextColumn(t("label.resolution", lang))},
    )

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
profiled = actor.id
stamp = slug(f"{profiled}-{as_of.isoformat()}")


def profile() -> str:
    return actor_profile_html(data, profiled, as_of, lang, votes)


with st.container(horizontal=True, key=keys.Actors.PROFILE):
    download_ui(
        t("actors.profile_html", lang),
        lambda: profile().encode("utf-8"),
        f"profile-{stamp}-{lang}.html",
        "text/html",
        "actor_profile_html",
        ":material/download:",
    )
    said = pdf_ui(
        document_key(page.load.content_hash, "profile", profiled, as_of, lang),
        profile,
        t("actors.profile_pdf", lang),
        f"profile-{stamp}-{lang}.pdf",
        ("actor_profile_make_pdf", "actor_profile_pdf"),
        lang,
    )
st.caption(t("actors.profile_caption", lang) + (f" {said}" if said else ""))
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
    pairs = [(commitment_label(data, c), Pair(c.id, actor.id)) for c in addressed]
    chart_ui(
        actor_trajectory(data, actor, as_of, lang),
        keys.Actors.TRAJECTORY,
        timeline_alt(data, pairs, as_of, lang),
    )

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
