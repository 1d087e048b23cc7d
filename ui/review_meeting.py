"""The meeting itself on the Review page: the window, what changed in it (counts, and tables
in pages of `review_context.TABLE_PAGE_SIZE` rows), the agenda (in pages of `AGENDA_PAGE_SIZE`,
its order editable) and presenter mode (one commitment per screen, in large type)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from tracker.domain.languages import Language
from tracker.domain.scale import not_judged
from tracker.present.brief import safe_url, trajectory_figure
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from tracker.query.index import Pair, index_of, transitions
from tracker.query.review import DEFAULT_STALE_AFTER_DAYS, AgendaItem, Changes, agenda_ids
from ui.review_context import ReviewContext, page_ui, table_ui
from ui.widgets import choice_ui, day_ui

# Large type for a projector. A constant: no data ever goes into HTML or CSS here.
PRESENTER_CSS = """<style>
.st-key-review_presenter p, .st-key-review_presenter li { font-size: 1.55rem; line-height: 1.5; }
.st-key-review_presenter h2 { font-size: 2.6rem; }
.st-key-review_presenter h3 { font-size: 1.9rem; }
.st-key-review_presenter [data-testid="stCaptionContainer"] p { font-size: 1.2rem; }
</style>"""
EVIDENCE_PRESENTED = 3
ORDER_KEY = "review_order"
COUNT_LABELS = {
    "assessments": "brief.count.assessments",
    "worsened": "brief.count.worsened",
    "improved": "brief.count.improved",
    "first": "brief.count.first",
    "same": "brief.count.same",
    "unassessed": "brief.count.unassessed",
    "evidence": "brief.count.evidence",
    "stale": "brief.count.stale",
    "contradictions": "brief.count.contradictions",
    "corrections": "brief.count.corrections",
}
TRANSITION_LABELS = {
    "first": "review.transition.first",
    "improved": "review.transition.improved",
    "worsened": "review.transition.worsened",
    "same": "review.transition.same",
    "unassessed": "review.transition.unassessed",
}
AGENDA_PAGE_SIZE = 25
AGENDA_PAGE_KEY = "review_agenda_page"


# --- the window and what changed in it ---------------------------------------------------


def window_ui(lang: Language) -> tuple[dt.date | None, int]:
    """The sidebar's start of the window (None: the default) and the stale threshold."""
    with st.sidebar:
        since = day_ui(
            t("review.since", lang), key="review_since", help=t("review.since_help", lang)
        )
        stale_days = st.number_input(
            t("review.stale_after", lang),
            min_value=0,
            max_value=3650,
            value=DEFAULT_STALE_AFTER_DAYS,
            step=30,
            key="review_stale_days",
            help=t("review.stale_after_help", lang),
            bind="query-params",
            persist_state="session",
        )
    return since, int(stale_days)


def presenter_ui(ctx: ReviewContext, items: Sequence[AgendaItem]) -> None:
    """One commitment per screen, in large type, with the previous and next buttons."""
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    order = agenda_ids(items)
    if st.session_state.get("review_item") not in order and not st.query_params.get("review_item"):
        st.session_state["review_item"] = order[0]
    current = choice_ui(
        t("review.present_item", lang),
        order,
        {ref: f"{n}. {ctx.headings[ref]}" for n, ref in enumerate(order, 1)},
        key="review_item",
    )
    index = order.index(current) if current in order else 0

    def show(position: int) -> None:
        st.session_state["review_item"] = order[position]

    with st.container(horizontal=True, key="review_presenter_nav"):
        st.button(
            t("review.previous", lang),
            key="review_previous",
            on_click=show,
            args=(index - 1,),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        st.button(
            t("review.next", lang),
            key="review_next",
            on_click=show,
            args=(index + 1,),
            disabled=index == len(order) - 1,
            icon=":material/arrow_forward:",
        )
    item = items[index]
    shown = ctx.commitments[item.commitment]
    with st.container(key="review_presenter"):
        st.html(PRESENTER_CSS)
        where = t("review.item_of", lang, number=index + 1, total=len(items))
        on_agenda = t("brief.on_agenda", lang, reasons=ctx.reasons(item))
        st.caption(escape_markdown(f"{where} · {on_agenda}"))
        st.markdown(f"## {escape_markdown(ctx.heading(shown))}")
        st.markdown(escape_markdown(pick_marked(shown.text, lang)))
        order_of = {level.id: level.order for level in method.statuses}
        for ref in shown.addressed.actors:
            steps = index_of(data).history(Pair(shown.id, ref), ctx.as_of)
            status = steps[-1].status if steps else method.not_assessed_status
            st.markdown(
                f"### {escape_markdown(ctx.actor(ref))}: "
                f"{escape_markdown(ctx.status_labels[status])}"
            )
            if steps:
                moves = transitions(steps, order_of, not_judged(method))
                trail = " → ".join(
                    f"{step.date.isoformat()} {ctx.status_labels.get(step.status, step.status)}"
                    for step in steps
                )
                last = t(TRANSITION_LABELS[moves[-1]], lang)
                st.caption(escape_markdown(f"{trail} ({last})"))
                st.markdown(escape_markdown(pick_marked(steps[-1].rationale, lang)))
            else:
                st.caption(t("chart.hover.never_assessed", lang))
        st.plotly_chart(
            trajectory_figure(data, shown, ctx.as_of, lang), key="review_presenter_chart"
        )
        st.markdown(f"### {escape_markdown(t('overview.metric.newest_evidence', lang))}")
        found = index_of(data).commitment_evidence(shown.id, ctx.as_of)
        directions = ctx.term_labels(method.directions)
        for evidence in found[:EVIDENCE_PRESENTED]:
            st.markdown(
                f"**{escape_markdown(evidence.date)}** · "
                f"{escape_markdown(directions.get(evidence.direction, evidence.direction))} — "
                f"{escape_markdown(pick_marked(evidence.summary, lang))}  \n"
                f"{ctx.link_markdown(evidence.source.title, evidence.source.url)}"
            )
        if not found:
            st.caption(t("brief.no_evidence", lang))


def changes_ui(ctx: ReviewContext, changes: Changes) -> None:
    """The window, the counts, then a tab per kind of change."""
    lang, method = ctx.lang, ctx.data.methodology
    st.markdown(t("review.intro", lang))
    st.caption(
        escape_markdown(
            t("brief.window", lang, start=changes.start, end=changes.end)
            + ". "
            + t("brief.stale_rule", lang, days=changes.stale_after_days, end=changes.end)
        )
    )
    with st.container(horizontal=True, key="review_counts"):
        for name, value in changes.counts.items():
            st.metric(t(COUNT_LABELS[name], lang), value)
    directions = ctx.term_labels(method.directions)
    labels = ctx.status_labels
    assessed_tab, contradicted_tab, stale_tab, evidence_tab, corrected_tab = st.tabs(
        [
            t("brief.section.assessments", lang),
            t("brief.section.contradictions", lang),
            t("brief.section.stale", lang),
            t("brief.section.evidence", lang),
            t("brief.section.corrections", lang),
        ]
    )
    with assessed_tab:
        table_ui(
            changes.assessments,
            lambda new: {
                "paragraph": ctx.paragraph(new.pair.commitment),
                "actor": ctx.actor(new.pair.actor),
                "date": new.assessment.date.isoformat(),
                "change": t(TRANSITION_LABELS[new.transition], lang),
                "from": labels.get(new.previous_status or "", ""),
                "to": labels.get(new.assessment.status, new.assessment.status),
                "id": new.assessment.id,
            },
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "date": t("brief.column.date", lang),
                "change": t("brief.column.change", lang),
                "from": t("review.column.from", lang),
                "to": t("review.column.to", lang),
                "id": t("review.column.record", lang),
            },
            "review_new_assessments",
            lang,
        )
    with contradicted_tab:
        table_ui(
            changes.contradictions,
            lambda found: {
                "paragraph": ctx.paragraph(found.pair.commitment),
                "actor": ctx.actor(found.pair.actor),
                "status": labels.get(found.assessment.status, found.assessment.status),
                "evidence": f"{found.evidence.id} · {found.evidence.date}",
                "direction": directions.get(found.evidence.direction, found.evidence.direction),
                "summary": pick_marked(found.evidence.summary, lang),
            },
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "status": t("brief.column.status", lang),
                "evidence": t("brief.column.evidence", lang),
                "direction": t("brief.column.direction", lang),
                "summary": t("brief.column.summary", lang),
            },
            "review_contradictions",
            lang,
        )
    with stale_tab:
        table_ui(
            changes.stale,
            lambda pair: {
                "paragraph": ctx.paragraph(pair.pair.commitment),
                "actor": ctx.actor(pair.pair.actor),
                "status": labels.get(pair.status, pair.status),
                "newest": pair.newest_evidence.isoformat(),
                "days": str(pair.days),
            },
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "status": t("brief.column.status", lang),
                "newest": t("brief.column.newest_evidence", lang),
                "days": t("brief.column.days", lang),
            },
            "review_stale",
            lang,
        )
    with evidence_tab:
        table_ui(
            changes.evidence,
            lambda evidence: {
                "date": evidence.date,
                "id": evidence.id,
                "paragraphs": ", ".join(ctx.paragraph(ref) for ref in evidence.commitments),
                "direction": directions.get(evidence.direction, evidence.direction),
                "summary": pick_marked(evidence.summary, lang),
                "url": safe_url(evidence.source.url),
            },
            {
                "date": t("brief.column.date", lang),
                "id": t("review.column.record", lang),
                "paragraphs": t("brief.column.commitments", lang),
                "direction": t("brief.column.direction", lang),
                "summary": t("brief.column.summary", lang),
                "url": t("review.column.source", lang),
            },
            "review_new_evidence",
            lang,
        )
    with corrected_tab:
        st.caption(t("brief.corrections_note", lang))
        table_ui(
            changes.corrections,
            lambda fixed: {
                "paragraph": ctx.paragraph(fixed.correction.commitment),
                "actor": ctx.actor(fixed.correction.actor),
                "was": f"{fixed.corrected.date.isoformat()} "
                f"{labels.get(fixed.corrected.status, fixed.corrected.status)}",
                "now": f"{fixed.correction.date.isoformat()} "
                f"{labels.get(fixed.correction.status, fixed.correction.status)}",
                "why": pick_marked(fixed.reason, lang),
                "recorded": fixed.recorded.isoformat(),
                "id": f"{fixed.corrected.id} → {fixed.correction.id}",
            },
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "was": t("brief.column.was", lang),
                "now": t("brief.column.now", lang),
                "why": t("brief.column.why", lang),
                "recorded": t("brief.column.recorded", lang),
                "id": t("review.column.record", lang),
            },
            "review_corrections",
            lang,
        )


# --- the agenda --------------------------------------------------------------------------


def agenda_ui(ctx: ReviewContext, items: Sequence[AgendaItem], reordered: bool) -> None:
    """The agenda, `AGENDA_PAGE_SIZE` items at a time, each with buttons to move it, to
    present it and to open its details."""
    lang = ctx.lang
    st.subheader(t("brief.section.agenda", lang), anchor=False)
    st.caption(t("review.agenda_caption", lang))
    order = agenda_ids(items)

    def move(position: int, step: int) -> None:
        moved = list(order)
        moved[position], moved[position + step] = moved[position + step], moved[position]
        st.session_state[ORDER_KEY] = moved

    def open_item(ref: str) -> None:
        st.session_state["review_present"] = True
        st.session_state["review_item"] = ref

    shown = page_ui(
        len(items),
        AGENDA_PAGE_SIZE,
        AGENDA_PAGE_KEY,
        "review.agenda_page",
        "review.agenda_shown",
        lang,
    )
    for position in shown:
        item = items[position]
        n = ctx.slot[item.commitment]
        with st.container(border=True, key=f"review_agenda_{n}"):
            text, controls = st.columns([3, 2], vertical_alignment="center")
            title = escape_markdown(ctx.heading(ctx.commitments[item.commitment]))
            text.markdown(f"**{position + 1}. {title}** — {escape_markdown(ctx.reasons(item))}")
            with controls, st.container(horizontal=True, horizontal_alignment="right"):
                for name, step, icon, hint in (
                    ("review_up", -1, ":material/arrow_upward:", "review.move_up"),
                    ("review_down", 1, ":material/arrow_downward:", "review.move_down"),
                ):
                    st.button(
                        "",
                        key=f"{name}_{n}",
                        icon=icon,
                        help=t(hint, lang),
                        on_click=move,
                        args=(position, step),
                        disabled=not 0 <= position + step < len(items),
                    )
                st.button(
                    t("review.open", lang),
                    key=f"review_open_{n}",
                    icon=":material/slideshow:",
                    help=t("review.open_help", lang),
                    on_click=open_item,
                    args=(item.commitment,),
                )
                # Not found when the script runs on its own, outside the app's navigation.
                with contextlib.suppress(StreamlitPageNotFoundError):
                    st.page_link(
                        "pages/commitments.py",
                        label=t("review.details", lang),
                        icon=":material/open_in_new:",
                        query_params={"commitment": item.commitment},
                    )
    if reordered:
        st.button(
            t("review.reset_order", lang),
            key="review_reset_order",
            on_click=lambda: st.session_state.pop(ORDER_KEY, None),
        )
