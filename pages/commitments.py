"""Commitments: a filterable table (by resolution, actor, status and change since a day), and
the full record of the commitment picked: where each actor stands and since when, every
judgement in full with its sources linked (narrowed to the actors the filter names), the
evidence its judgements cite or that bears on it, its text in each language, footnotes,
criteria and the words that ground them. Every filter, the pick and a permalink to one
judgement (`?commitment=..&assessment=..`) live in the URL."""

import streamlit as st

from tracker.domain.languages import pick
from tracker.domain.transitions import Transition
from tracker.present import dashboard, tables, votes_view
from tracker.present.charts import assessed_actors, commitment_timeline, timeline_alt
from tracker.present.i18n import pick_marked, t, transition_label
from tracker.present.markdown import escape_markdown
from tracker.query.adoption import adopted
from tracker.query.index import Pair, index_of
from ui import keys
from ui.charts import chart_ui
from ui.record import corrections_ui, history_ui, opened_ui
from ui.routes import page_link_ui
from ui.setup import page_setup
from ui.tables import table_ui
from ui.votes import optional_votes_ui
from ui.widgets import (
    choice_ui,
    choices_ui,
    day_ui,
    evidence_list_ui,
    select_into,
    texts_ui,
    toggle_ui,
)

page = page_setup("commitments")
data, as_of, lang = page.dataset, page.as_of, page.lang
method = data.methodology
actor_names = {actor.id: pick(actor.name, lang) for actor in data.actors}
# A resolution exists from its adoption: before it, none of its paragraphs is listed.
existing = tuple(r.symbol for r in adopted(data, as_of))
commitments = dashboard.filter_commitments(
    data, as_of, dashboard.CommitmentFilter(resolutions=existing or ("",))
)

st.markdown(t("commitments.intro", lang, as_of=as_of.isoformat()))

with st.container(border=True, key=keys.Commitments.FILTERS):
    top = st.columns([2, 3, 3]) if len(data.resolutions) > 1 else st.columns([3, 3])
    resolutions: tuple[str, ...] = ()
    if len(data.resolutions) > 1:
        with top[0]:
            resolutions = choices_ui(
                t("label.resolution", lang),
                [resolution.symbol for resolution in data.resolutions],
                {r.symbol: r.symbol for r in data.resolutions},
                key=keys.Commitments.RESOLUTION,
                placeholder=t("filter.any", lang),
            )
    addressed = [actor.id for actor in assessed_actors(data)]
    with top[-2]:
        actors = choices_ui(
            t("label.actor", lang),
            addressed,
            {actor: f"{actor} · {actor_names[actor]}" for actor in addressed},
            key=keys.Commitments.ACTOR,
            placeholder=t("filter.any", lang),
        )
    with top[-1]:
        statuses = choices_ui(
            t("commitments.filter.status", lang),
            [level.id for level in sorted(method.statuses, key=lambda level: level.order)],
            {level.id: pick(level.label, lang) for level in method.statuses},
            key=keys.Commitments.STATUS,
            help=t("commitments.filter.status_help", lang),
            placeholder=t("filter.any", lang),
        )
    left, right, _ = st.columns([3, 2, 3])
    with left:
        change = toggle_ui(
            t("commitments.filter.change", lang),
            list(dashboard.CHANGES),
            {
                dashboard.Change.WORSENED: transition_label(Transition.WORSENED, lang),
                dashboard.Change.IMPROVED: transition_label(Transition.IMPROVED, lang),
                dashboard.Change.CHANGED: t("commitments.change.changed", lang),
            },
            key=keys.Commitments.CHANGE,
            help=t("commitments.filter.change_help", lang),
        )
    with right:
        since = day_ui(
            t("commitments.filter.since", lang),
            key=keys.Commitments.SINCE,
            help=t("commitments.filter.since_help", lang),
        )

chosen = dashboard.CommitmentFilter(
    resolutions=tuple(r for r in resolutions if r in existing) or existing or ("",),
    actors=actors,
    statuses=statuses,
    change=dashboard.as_change(change),
    since=since,
)
table = dashboard.commitments_table(data, as_of, lang, chosen)
st.caption(
    t("commitments.count", lang, shown=len(table), total=len(commitments), as_of=as_of.isoformat())
)
if table.empty:
    st.info(t("commitments.empty", lang))
else:
    table_ui(
        table,
        tables.COMMITMENTS,
        lang,
        key=keys.Commitments.TABLE,
        on_select=select_into(keys.Commitments.TABLE, keys.Commitments.PICK, table["id"].tolist()),
        selection_mode="single-row",
    )
    st.caption(t("commitments.table_hint", lang))

st.divider()
labels = dashboard.commitment_choices(data, lang)
selected_id = choice_ui(
    t("commitments.pick", lang),
    list(labels),
    labels,
    key=keys.Commitments.PICK,
    placeholder=t("commitments.pick_placeholder", lang),
)
selected = index_of(data).commitments.get(selected_id or "")
if selected is None:
    st.info(t("commitments.pick_hint", lang))
    st.stop()

resolution = next(r for r in data.resolutions if r.symbol == selected.resolution)
st.header(escape_markdown(labels[selected.id]), anchor=False)
st.caption(
    t(
        "commitments.detail.caption",
        lang,
        symbol=resolution.symbol,
        title=escape_markdown(pick(resolution.title, lang)),
        adopted=resolution.adopted.isoformat(),
    )
)
if as_of < resolution.adopted:
    st.info(t("record.not_adopted", lang, as_of=as_of.isoformat(), adopted=resolution.adopted))
    st.stop()
st.markdown(
    t("commitments.detail.action", lang, action=escape_markdown(pick_marked(selected.action, lang)))
)
if actors:
    st.caption(
        t(
            "record.narrowed",
            lang,
            actors=escape_markdown(", ".join(a for a in actors if a in selected.addressed.actors)),
        )
    )
successor, carried = dashboard.lineage(data, selected)
if successor is not None or carried:
    with st.container(horizontal=True, key="commitment_lineage"):
        for key, other in [
            *(("commitments.detail.carries_forward", earlier) for earlier in carried),
            *([("commitments.detail.carried_forward_as", successor)] if successor else []),
        ]:
            page_link_ui(
                "commitments",
                t(
                    key,
                    lang,
                    commitment=f"OP{other.paragraph}",
                    symbol=escape_markdown(other.resolution),
                ),
                icon=":material/timeline:",
                params={keys.Commitments.PICK: other.id},
            )

# A permalink (?commitment=..&assessment=..) opens one judgement first.
wanted = st.query_params.get(keys.Commitments.ASSESSMENT)
if wanted:
    opened_ui(data, selected, wanted, as_of, lang)

narrowed = dashboard.addressed_of(selected, actors)
if selected.addressed.actors:
    st.subheader(t("commitments.detail.standing", lang), anchor=False)
    st.caption(t("commitments.detail.standing_caption", lang, as_of=as_of.isoformat()))
    table_ui(
        dashboard.standing_table(data, selected, as_of, lang, actors),
        tables.STANDING,
        lang,
        key=keys.Commitments.STANDING,
    )
    rows = [(actor, Pair(selected.id, actor)) for actor in narrowed]
    chart_ui(
        commitment_timeline(data, selected, as_of, lang, narrowed),
        keys.Commitments.TIMELINE,
        timeline_alt(data, rows, as_of, lang),
    )

    st.subheader(t("label.status_history", lang), anchor=False)
    st.caption(t("record.history_caption", lang))
    history_ui(data, selected, as_of, lang, actors)
    corrections_ui(data, selected, as_of, lang, actors, keys.Commitments.CORRECTIONS)

st.subheader(t("label.evidence", lang), anchor=False)
items = dashboard.record_evidence(data, selected, as_of, actors)
if items:
    st.caption(t("record.evidence_caption", lang))
    evidence_list_ui(
        dashboard.evidence_table(data, items, lang), lang, key=keys.Commitments.EVIDENCE
    )
else:
    st.info(t("commitments.detail.no_evidence", lang, as_of=as_of.isoformat()))

with st.expander(t("record.text", lang), expanded=not (actors or wanted)):
    texts_ui(selected.text, lang)
    if selected.footnotes:
        st.markdown(f"**{t('label.footnotes', lang)}**")
    for note in selected.footnotes:
        st.markdown(
            t(
                "commitments.detail.footnote",
                lang,
                marker=escape_markdown(note.marker),
                after=escape_markdown(pick(note.after, lang)),
                text=escape_markdown(pick_marked(note.text, lang)),
            )
        )
    references = {ref.id: ref for r in data.resolutions for ref in r.cross_references}
    cited = [references[ref] for ref in selected.cross_references if ref in references]
    if cited:
        st.markdown(
            t(
                "commitments.detail.cross_references",
                lang,
                references="; ".join(
                    escape_markdown(
                        f"{ref.document}, para. {ref.paragraph}: {pick(ref.title, lang)}"
                    )
                    for ref in cited
                ),
            )
        )

st.subheader(t("commitments.detail.addressed", lang), anchor=False)
st.markdown(
    t(
        "commitments.detail.as_written",
        lang,
        text=escape_markdown(pick_marked(selected.addressed.as_written, lang)),
    )
)
st.markdown(
    t(
        "commitments.detail.assessed",
        lang,
        actors=escape_markdown(
            ", ".join(f"{a} ({actor_names.get(a, a)})" for a in selected.addressed.actors)
            or t("commitments.detail.nobody", lang)
        ),
        reason=escape_markdown(pick_marked(selected.addressed.reason, lang)),
    )
)

with st.container(horizontal=True, key=keys.Commitments.LINKS):
    for actor in selected.addressed.actors:
        page_link_ui(
            "actors",
            t("commitments.detail.scorecard_link", lang, actor=escape_markdown(actor)),
            params={keys.Actors.PICK: actor},
        )
    page_link_ui(
        "evidence",
        t("commitments.detail.evidence_link", lang),
        params={keys.Evidence.COMMITMENT: selected.id},
    )
    recorded = optional_votes_ui(lang)
    plenary = votes_view.plenary_rcid(recorded, selected.resolution) if recorded else None
    if plenary is not None:
        page_link_ui(
            "roll_call",
            t("votes.roll_call_link", lang, symbol=selected.resolution, rcid=plenary),
            params={keys.RollCall.PICK: str(plenary)},
        )

if selected.criteria:
    st.subheader(t("label.criteria", lang), anchor=False)
    st.caption(t("commitments.detail.criteria_caption", lang))
    table_ui(
        dashboard.criteria_table(data, selected, as_of, lang),
        tables.CRITERIA,
        lang,
        key=keys.Commitments.CRITERIA,
    )
