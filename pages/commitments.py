"""Commitments: a filterable table (by resolution, actor, status and change since a day), and
the full record of the commitment picked: its text in both languages, footnotes, criteria and
the words that ground them, each actor's status over time with rationale and evidence, and the
evidence with links to its sources. Every filter and the pick live in the URL."""

import streamlit as st

from tracker.domain.languages import pick
from tracker.present import dashboard
from tracker.present.charts import assessed_actors, commitment_timeline
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from ui.setup import page_setup
from ui.widgets import (
    choice_ui,
    choices_ui,
    day_ui,
    evidence_list_ui,
    select_into,
    toggle_ui,
)

page = page_setup("commitments")
data, as_of, lang = page.dataset, page.as_of, page.lang
method = data.methodology
actor_names = {actor.id: pick(actor.name, lang) for actor in data.actors}
commitments = dashboard.filter_commitments(data, as_of, dashboard.CommitmentFilter())

st.markdown(t("commitments.intro", lang, as_of=as_of.isoformat()))

with st.container(border=True, key="commitments_filters"):
    top = st.columns([2, 3, 3]) if len(data.resolutions) > 1 else st.columns([3, 3])
    resolutions: tuple[str, ...] = ()
    if len(data.resolutions) > 1:
        with top[0]:
            resolutions = choices_ui(
                t("commitments.filter.resolution", lang),
                [resolution.symbol for resolution in data.resolutions],
                {r.symbol: r.symbol for r in data.resolutions},
                key="resolution",
                placeholder=t("filter.any", lang),
            )
    addressed = [actor.id for actor in assessed_actors(data)]
    with top[-2]:
        actors = choices_ui(
            t("commitments.filter.actor", lang),
            addressed,
            {actor: f"{actor} · {actor_names[actor]}" for actor in addressed},
            key="actor",
            placeholder=t("filter.any", lang),
        )
    with top[-1]:
        statuses = choices_ui(
            t("commitments.filter.status", lang),
            [level.id for level in sorted(method.statuses, key=lambda level: level.order)],
            {level.id: pick(level.label, lang) for level in method.statuses},
            key="status",
            help=t("commitments.filter.status_help", lang),
            placeholder=t("filter.any", lang),
        )
    left, right, _ = st.columns([3, 2, 3])
    with left:
        change = toggle_ui(
            t("commitments.filter.change", lang),
            list(dashboard.CHANGES),
            {
                "worsened": t("commitments.change.worsened", lang),
                "improved": t("commitments.change.improved", lang),
                "changed": t("commitments.change.changed", lang),
            },
            key="change",
            help=t("commitments.filter.change_help", lang),
        )
    with right:
        since = day_ui(
            t("commitments.filter.since", lang),
            key="since",
            help=t("commitments.filter.since_help", lang),
        )

chosen = dashboard.CommitmentFilter(
    resolutions=resolutions,
    actors=actors,
    statuses=statuses,
    change=change if dashboard.is_change(change) else None,
    since=since,
)
table = dashboard.commitments_table(data, as_of, lang, chosen)
st.caption(
    t("commitments.count", lang, shown=len(table), total=len(commitments), as_of=as_of.isoformat())
)
if table.empty:
    st.info(t("commitments.empty", lang))
else:
    st.dataframe(
        table,
        key="commitments_table",
        hide_index=True,
        on_select=select_into("commitments_table", "commitment", table["id"].tolist()),
        selection_mode="single-row",
        column_order=[column for column in dashboard.COMMITMENT_COLUMNS if column != "id"],
        column_config={
            "paragraph": st.column_config.TextColumn(t("table.paragraph", lang)),
            "verb": st.column_config.TextColumn(t("table.verb", lang)),
            "addressed": st.column_config.TextColumn(t("table.addressed", lang)),
            "status": st.column_config.TextColumn(t("table.status", lang), width="large"),
            "changes": st.column_config.TextColumn(
                t("commitments.column.changes", lang),
                help=t("commitments.column.changes_help", lang),
                width="large",
            ),
            "criteria": st.column_config.TextColumn(t("table.criteria", lang)),
            "last_assessed": st.column_config.DateColumn(
                t("commitments.column.last_assessed", lang), format="YYYY-MM-DD"
            ),
            "stale_days": st.column_config.NumberColumn(
                t("commitments.column.stale_days", lang),
                help=t("commitments.column.stale_days_help", lang),
            ),
            "evidence": st.column_config.NumberColumn(t("table.evidence", lang)),
        },
    )
    st.caption(t("commitments.table_hint", lang))

st.divider()
labels = dashboard.commitment_choices(data, lang)
selected_id = choice_ui(
    t("commitments.pick", lang),
    list(labels),
    labels,
    key="commitment",
    placeholder=t("commitments.pick_placeholder", lang),
)
selected = next((c for c in commitments if c.id == selected_id), None)
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
st.markdown(
    t("commitments.detail.action", lang, action=escape_markdown(pick_marked(selected.action, lang)))
)
successor, carried = dashboard.lineage(data, selected)
if successor is not None or carried:
    with st.container(horizontal=True, key="commitment_lineage"):
        for key, other in [
            *(("commitments.detail.carries_forward", earlier) for earlier in carried),
            *([("commitments.detail.carried_forward_as", successor)] if successor else []),
        ]:
            st.page_link(
                "pages/commitments.py",
                label=t(
                    key,
                    lang,
                    commitment=f"OP{other.paragraph}",
                    symbol=escape_markdown(other.resolution),
                ),
                icon=":material/timeline:",
                query_params={"commitment": other.id},
            )

english, chinese = st.columns(2)
with english:
    st.markdown("**English**")
    st.markdown(escape_markdown(selected.text.en))
with chinese:
    st.markdown("**中文**")
    st.markdown(
        escape_markdown(selected.text.zh)
        if selected.text.zh
        else f"_{t('commitments.detail.no_chinese', lang)}_"
    )

if selected.footnotes:
    st.subheader(t("commitments.detail.footnotes", lang), anchor=False)
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
                escape_markdown(f"{ref.document}, para. {ref.paragraph}: {pick(ref.title, lang)}")
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

with st.container(horizontal=True, key="commitment_links"):
    for actor in selected.addressed.actors:
        st.page_link(
            "pages/actors.py",
            label=t("commitments.detail.scorecard_link", lang, actor=escape_markdown(actor)),
            icon=":material/account_balance:",
            query_params={"scorecard": actor},
        )
    st.page_link(
        "pages/evidence.py",
        label=t("commitments.detail.evidence_link", lang),
        icon=":material/fact_check:",
        query_params={"ev_commitment": selected.id},
    )

if selected.addressed.actors:
    st.subheader(t("commitments.detail.standing", lang), anchor=False)
    st.caption(t("commitments.detail.standing_caption", lang, as_of=as_of.isoformat()))
    st.dataframe(
        dashboard.standing_table(data, selected, as_of, lang),
        key="commitment_standing",
        hide_index=True,
        column_config={
            "actor": st.column_config.TextColumn(t("column.actor", lang)),
            "name": st.column_config.TextColumn(t("column.name", lang)),
            "status": st.column_config.TextColumn(t("column.status", lang)),
            "since": st.column_config.DateColumn(t("column.since", lang), format="YYYY-MM-DD"),
            "assessed_on": st.column_config.DateColumn(
                t("commitments.column.last_assessed", lang), format="YYYY-MM-DD"
            ),
            "newest_evidence": st.column_config.DateColumn(
                t("column.newest_evidence", lang), format="YYYY-MM-DD"
            ),
            "stale_days": st.column_config.NumberColumn(
                t("commitments.column.stale_days", lang),
                help=t("commitments.column.stale_days_help", lang),
            ),
            "evidence": st.column_config.TextColumn(t("column.evidence_cited", lang)),
        },
    )
    st.plotly_chart(commitment_timeline(data, selected, as_of, lang), key="commitment_timeline")

if selected.criteria:
    st.subheader(t("commitments.detail.criteria", lang), anchor=False)
    st.caption(t("commitments.detail.criteria_caption", lang))
    st.dataframe(
        dashboard.criteria_table(data, selected, as_of, lang),
        key="commitment_criteria",
        hide_index=True,
        column_config={
            "criterion": st.column_config.TextColumn(t("column.criterion", lang)),
            "grounds_en": st.column_config.TextColumn(t("column.grounds_en", lang)),
            "grounds_zh": st.column_config.TextColumn(t("column.grounds_zh", lang)),
            "ratings": st.column_config.TextColumn(t("column.ratings", lang), width="large"),
        },
    )

if selected.addressed.actors:
    st.subheader(t("commitments.detail.history", lang), anchor=False)
    history = dashboard.history_table(data, selected, as_of, lang)
    if history.empty:
        st.info(t("commitments.detail.no_history", lang, as_of=as_of.isoformat()))
    else:
        st.dataframe(
            history,
            key="commitment_history",
            hide_index=True,
            column_config={
                "actor": st.column_config.TextColumn(t("column.actor", lang)),
                "date": st.column_config.DateColumn(t("column.date", lang), format="YYYY-MM-DD"),
                "status": st.column_config.TextColumn(t("column.status", lang)),
                "change": st.column_config.TextColumn(t("column.change", lang)),
                "rationale": st.column_config.TextColumn(
                    t("column.rationale", lang), width="large"
                ),
                "evidence": st.column_config.TextColumn(t("column.evidence_cited", lang)),
                "confidence": st.column_config.TextColumn(t("column.confidence", lang)),
                "assessor": st.column_config.TextColumn(t("column.assessor", lang)),
                "recorded": st.column_config.DateColumn(
                    t("column.recorded", lang), format="YYYY-MM-DD"
                ),
                "correction": st.column_config.TextColumn(
                    t("column.correction", lang), width="large"
                ),
            },
        )
    fixes = dashboard.commitment_corrections(data, selected, as_of)
    if fixes:
        st.subheader(t("commitments.detail.corrections", lang), anchor=False)
        st.caption(t("commitments.detail.corrections_caption", lang))
        labels_of = {level.id: pick(level.label, lang) for level in method.statuses}
        with st.container(key="commitment_corrections"):
            for fixed in fixes:
                wrong, right = fixed.corrected, fixed.correction
                st.markdown(
                    t(
                        "commitments.detail.correction",
                        lang,
                        actor=escape_markdown(actor_names.get(wrong.actor, wrong.actor)),
                        date=wrong.date.isoformat(),
                        status=escape_markdown(labels_of.get(wrong.status, wrong.status)),
                        rationale=escape_markdown(pick_marked(wrong.rationale, lang)),
                        corrected_by=escape_markdown(
                            dashboard.correction_note(fixed, lang, on_corrected=True)
                        ),
                        new_date=right.date.isoformat(),
                        new_status=escape_markdown(labels_of.get(right.status, right.status)),
                        new_rationale=escape_markdown(pick_marked(right.rationale, lang)),
                    )
                )

st.subheader(t("commitments.detail.evidence", lang), anchor=False)
items = dashboard.record_evidence(data, selected, as_of)
if items:
    st.caption(t("commitments.detail.evidence_caption", lang, as_of=as_of.isoformat()))
    evidence_list_ui(dashboard.evidence_table(data, items, lang), lang, key="commitment_evidence")
else:
    st.info(t("commitments.detail.no_evidence", lang, as_of=as_of.isoformat()))
