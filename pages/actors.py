"""Actors: every actor at a glance, then one actor's scorecard: each commitment that addresses
it with its status, criterion ratings and trajectory, and 'says versus does', its vote on each
resolution beside what it has done since."""

import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.scale import status_groups
from tracker.present import dashboard, pdf
from tracker.present.charts import actor_trajectory, timeline_alt
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from tracker.present.profile import actor_profile_html
from tracker.query.adoption import current
from tracker.query.index import Pair
from tracker.query.names import commitment_label
from ui.charts import chart_ui
from ui.data import data_path
from ui.review_brief import download_ui, pdf_missing_message
from ui.routes import switch_page
from ui.setup import page_setup
from ui.widgets import choice_ui, choices_ui, select_into, slug, status_columns_config

page = page_setup("actors")
data, as_of, lang = page.dataset, page.as_of, page.lang
method = data.methodology
votes = dashboard.read_votes(data, data_path().parent)

st.markdown(t("actors.intro", lang, as_of=as_of.isoformat()))

overview = dashboard.actors_overview(data, as_of, lang, votes)
st.dataframe(
    overview,
    key="actors_table",
    hide_index=True,
    on_select=select_into("actors_table", "scorecard", overview["id"].tolist()),
    selection_mode="single-row",
    column_config={
        "id": st.column_config.TextColumn(t("column.actor", lang)),
        "name": st.column_config.TextColumn(t("column.name", lang)),
        "kind": st.column_config.TextColumn(t("column.kind", lang)),
        "commitments": st.column_config.NumberColumn(t("column.commitments_addressed", lang)),
        **status_columns_config(data, lang),
        "votes": st.column_config.TextColumn(t("column.votes", lang), width="medium"),
    },
)
st.caption(t("actors.table_hint", lang))

st.header(t("actors.section.compare", lang), anchor=False)
compared = choices_ui(
    t("actors.compare", lang),
    [actor.id for actor in data.actors],
    {actor.id: f"{actor.id} · {pick(actor.name, lang)}" for actor in data.actors},
    key="compare",
    help=t("actors.compare_help", lang),
    placeholder=t("filter.any", lang),
)
if len(compared) < 2:
    st.caption(t("actors.compare_hint", lang))
else:
    in_force = [r.symbol for r in current(data, as_of)]
    side_by_side = dashboard.compare_actors(data, compared, as_of, lang, in_force)
    letters = dashboard.criterion_letters(data, lang)
    st.dataframe(
        side_by_side,
        key="actors_compare",
        hide_index=True,
        column_config={
            "paragraph": st.column_config.TextColumn(t("table.paragraph", lang), pinned=True),
            **{
                f"{actor}:status": st.column_config.TextColumn(
                    t("actors.compare_status", lang, actor=actor)
                )
                for actor in compared
            },
            **{
                f"{actor}:ratings": st.column_config.TextColumn(
                    t("actors.compare_ratings", lang, actor=actor)
                )
                for actor in compared
            },
        },
    )
    legend = " · ".join(f"{letters[c.id]} {pick(c.label, lang)}" for c in method.criteria)
    st.caption(escape_markdown(t("actors.compare_legend", lang, criteria=legend)))
    st.markdown(f"**{t('actors.compare_votes', lang)}**")
    st.dataframe(
        dashboard.compare_votes(data, compared, as_of, lang, votes),
        key="actors_compare_votes",
        hide_index=True,
        column_config={"resolution": st.column_config.TextColumn(t("column.resolution", lang))},
    )

labels = {actor.id: f"{actor.id} · {pick(actor.name, lang)}" for actor in data.actors}
chosen = choice_ui(
    t("actors.pick", lang),
    list(labels),
    labels,
    key="scorecard",
    placeholder=t("actors.pick_placeholder", lang),
)
actor = next((a for a in data.actors if a.id == chosen), None)
if actor is None:
    st.info(t("actors.pick_hint", lang))
    st.stop()

st.header(escape_markdown(labels[actor.id]), anchor=False)
with st.container(horizontal=True, key="actor_profile"):
    profiled = actor.id
    stamp = slug(f"{profiled}-{as_of.isoformat()}")
    download_ui(
        t("actors.profile_html", lang),
        lambda: actor_profile_html(data, profiled, as_of, lang, votes).encode("utf-8"),
        f"profile-{stamp}-{lang}.html",
        "text/html",
        "actor_profile_html",
        ":material/download:",
    )
    if pdf_missing_message(lang) is None:
        download_ui(
            t("actors.profile_pdf", lang),
            lambda: pdf.html_to_pdf(actor_profile_html(data, profiled, as_of, lang, votes)),
            f"profile-{stamp}-{lang}.pdf",
            "application/pdf",
            "actor_profile_pdf",
            ":material/picture_as_pdf:",
        )
st.caption(t("actors.profile_caption", lang))
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
    with st.container(horizontal=True, key="actor_metrics"):
        st.metric(t("actors.metric.commitments", lang), len(addressed))
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
    picked = st.dataframe(
        scorecard,
        key="actor_scorecard",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_order=[c for c in dashboard.scorecard_columns(data) if c != "id"],
        column_config={
            "paragraph": st.column_config.TextColumn(t("table.paragraph", lang)),
            "verb": st.column_config.TextColumn(t("table.verb", lang)),
            "status": st.column_config.TextColumn(t("column.status", lang)),
            "since": st.column_config.DateColumn(t("column.since", lang), format="YYYY-MM-DD"),
            **{
                term.id: st.column_config.TextColumn(pick(term.label, lang))
                for term in method.criteria
            },
            "trajectory": st.column_config.TextColumn(t("column.trajectory", lang), width="large"),
            "last_change": st.column_config.TextColumn(t("column.last_change", lang)),
            "assessed_on": st.column_config.DateColumn(
                t("commitments.column.last_assessed", lang), format="YYYY-MM-DD"
            ),
            "stale_days": st.column_config.NumberColumn(
                t("commitments.column.stale_days", lang),
                help=t("commitments.column.stale_days_help", lang),
            ),
            "evidence": st.column_config.NumberColumn(t("column.evidence_count", lang)),
        },
    )
    st.caption(t("actors.scorecard_hint", lang))
    rows = picked.selection.rows if picked is not None else []
    if rows:
        switch_page("commitments", {"commitment": scorecard["id"].iloc[rows[0]]})

    st.subheader(t("actors.section.trajectory", lang), anchor=False)
    pairs = [(commitment_label(data, c), Pair(c.id, actor.id)) for c in addressed]
    chart_ui(
        actor_trajectory(data, actor, as_of, lang),
        "actor_trajectory",
        timeline_alt(data, pairs, as_of, lang),
    )

st.subheader(t("actors.section.says_does", lang), anchor=False)
st.caption(t("actors.section.says_does_caption", lang))
says = dashboard.says_versus_does(data, actor.id, as_of, lang, votes)
if says.empty:
    st.info(t("actors.no_resolution_yet", lang, as_of=as_of.isoformat()))
else:
    st.dataframe(
        says,
        key="actor_says_does",
        hide_index=True,
        column_config={
            "resolution": st.column_config.TextColumn(t("column.resolution", lang)),
            "adopted": st.column_config.DateColumn(t("column.adopted", lang), format="YYYY-MM-DD"),
            "vote": st.column_config.TextColumn(t("column.vote", lang), width="medium"),
            "commitments": st.column_config.NumberColumn(t("column.commitments_addressed", lang)),
            **status_columns_config(data, lang),
        },
    )
