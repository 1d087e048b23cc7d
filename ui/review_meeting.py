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
from tracker.domain.transitions import transitions
from tracker.present import tables
from tracker.present.brief import trajectory_figure
from tracker.present.i18n import pick_marked, t, transition_label
from tracker.present.markdown import escape_markdown
from tracker.present.review_tables import COUNT_LABELS
from tracker.query.index import Pair, index_of
from tracker.query.review import DEFAULT_STALE_AFTER_DAYS, AgendaItem, Changes, agenda_ids
from ui import keys
from ui.review_context import ReviewContext, page_ui, table_ui
from ui.routes import page_link_ui
from ui.widgets import choice_ui, day_ui

# Large type for a projector. A constant: no data ever goes into HTML or CSS here.
PRESENTER_CSS = """<style>
.st-key-review_presenter p, .st-key-review_presenter li { font-size: 1.55rem; line-height: 1.5; }
.st-key-review_presenter h2 { font-size: 2.6rem; }
.st-key-review_presenter h3 { font-size: 1.9rem; }
.st-key-review_presenter [data-testid="stCaptionContainer"] p { font-size: 1.2rem; }
</style>"""
EVIDENCE_PRESENTED = 3
AGENDA_PAGE_SIZE = 25


# --- the window and what changed in it ---------------------------------------------------


def window_ui(lang: Language) -> tuple[dt.date | None, int]:
    """The sidebar's start of the window (None: the default) and the stale threshold."""
    with st.sidebar:
        since = day_ui(
            t("review.since", lang), key=keys.Review.SINCE, help=t("review.since_help", lang)
        )
        stale_days = st.number_input(
            t("review.stale_after", lang),
            min_value=0,
            max_value=3650,
            value=DEFAULT_STALE_AFTER_DAYS,
            step=30,
            key=keys.Review.STALE_DAYS,
            help=t("review.stale_after_help", lang),
            bind="query-params",
            persist_state="session",
        )
    return since, int(stale_days)


def presenter_ui(ctx: ReviewContext, items: Sequence[AgendaItem]) -> None:
    """One commitment per screen, in large type, with the previous and next buttons."""
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    order = agenda_ids(items)
    if st.session_state.get(keys.Review.ITEM) not in order and not st.query_params.get(
        keys.Review.ITEM
    ):
        st.session_state[keys.Review.ITEM] = order[0]
    current = choice_ui(
        t("review.present_item", lang),
        order,
        {ref: f"{n}. {ctx.headings[ref]}" for n, ref in enumerate(order, 1)},
        key=keys.Review.ITEM,
    )
    index = order.index(current) if current in order else 0

    def show(position: int) -> None:
        st.session_state[keys.Review.ITEM] = order[position]

    with st.container(horizontal=True, key=keys.Review.PRESENTER_NAV):
        st.button(
            t("review.previous", lang),
            key=keys.Review.PREVIOUS,
            on_click=show,
            args=(index - 1,),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        st.button(
            t("review.next", lang),
            key=keys.Review.NEXT,
            on_click=show,
            args=(index + 1,),
            disabled=index == len(order) - 1,
            icon=":material/arrow_forward:",
        )
    item = items[index]
    shown = ctx.commitments[item.commitment]
    with st.container(key=keys.Review.PRESENTER):
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
                last = transition_label(moves[-1], lang)
                st.caption(escape_markdown(f"{trail} ({last})"))
                st.markdown(escape_markdown(pick_marked(steps[-1].rationale, lang)))
            else:
                st.caption(t("chart.hover.never_assessed", lang))
        st.plotly_chart(
            trajectory_figure(data, shown, ctx.as_of, lang), key=keys.Review.PRESENTER_CHART
        )
        st.markdown(f"### {escape_markdown(t('label.newest_evidence', lang))}")
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
    lang = ctx.lang
    st.markdown(t("review.intro", lang))
    st.caption(
        escape_markdown(
            t("brief.window", lang, start=changes.start, end=changes.end)
            + ". "
            + t("brief.stale_rule", lang, days=changes.stale_after_days, end=changes.end)
        )
    )
    with st.container(horizontal=True, key=keys.Review.COUNTS):
        for name, value in changes.counts.items():
            st.metric(t(COUNT_LABELS[name], lang), value)
    assessed_tab, contradicted_tab, stale_tab, evidence_tab, corrected_tab = st.tabs(
        [
            t("label.new_assessments", lang),
            t("brief.section.contradictions", lang),
            t("label.stale_judgements", lang),
            t("label.new_evidence", lang),
            t("corrections.title", lang),
        ]
    )
    words = ctx.words
    with assessed_tab:
        table_ui(
            ctx,
            changes.assessments,
            words.new_assessment,
            tables.NEW_ASSESSMENTS,
            "review_new_assessments",
        )
    with contradicted_tab:
        table_ui(
            ctx,
            changes.contradictions,
            words.contradiction,
            tables.CONTRADICTIONS,
            "review_contradictions",
        )
    with stale_tab:
        table_ui(ctx, changes.stale, words.stale, tables.STALE, "review_stale")
    with evidence_tab:
        table_ui(
            ctx, changes.evidence, words.new_evidence, tables.NEW_EVIDENCE, "review_new_evidence"
        )
    with corrected_tab:
        st.caption(t("brief.corrections_note", lang))
        table_ui(
            ctx, changes.corrections, words.correction, tables.CORRECTIONS, "review_corrections"
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
        st.session_state[keys.Review.ORDER] = moved

    def open_item(ref: str) -> None:
        st.session_state[keys.Review.PRESENT] = True
        st.session_state[keys.Review.ITEM] = ref

    shown = page_ui(
        len(items),
        AGENDA_PAGE_SIZE,
        keys.Review.AGENDA_PAGE,
        "review.agenda_page",
        "review.agenda_shown",
        lang,
    )
    for position in shown:
        item = items[position]
        n = ctx.slot[item.commitment]
        with st.container(border=True, key=keys.Review.agenda(n)):
            text, controls = st.columns([3, 2], vertical_alignment="center")
            title = escape_markdown(ctx.heading(ctx.commitments[item.commitment]))
            text.markdown(f"**{position + 1}. {title}** — {escape_markdown(ctx.reasons(item))}")
            with controls, st.container(horizontal=True, horizontal_alignment="right"):
                for key, step, icon, hint in (
                    (keys.Review.up(n), -1, ":material/arrow_upward:", "review.move_up"),
                    (keys.Review.down(n), 1, ":material/arrow_downward:", "review.move_down"),
                ):
                    st.button(
                        "",
                        key=key,
                        icon=icon,
                        help=t(hint, lang),
                        on_click=move,
                        args=(position, step),
                        disabled=not 0 <= position + step < len(items),
                    )
                st.button(
                    t("review.open", lang),
                    key=keys.Review.open(n),
                    icon=":material/slideshow:",
                    help=t("review.open_help", lang),
                    on_click=open_item,
                    args=(item.commitment,),
                )
                # Not found when the script runs on its own, outside the app's navigation.
                with contextlib.suppress(StreamlitPageNotFoundError):
                    page_link_ui(
                        "commitments",
                        t("review.details", lang),
                        icon=":material/open_in_new:",
                        params={keys.Commitments.PICK: item.commitment},
                    )
    if reordered:
        st.button(
            t("review.reset_order", lang),
            key=keys.Review.RESET_ORDER,
            on_click=lambda: st.session_state.pop(keys.Review.ORDER, None),
        )
