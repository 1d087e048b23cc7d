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
from tracker.domain.urls import safe_url
from tracker.present.brief import trajectory_figure
from tracker.present.dashboard import held_since
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from tracker.present.printable import one_line
from tracker.query.index import Pair, index_of
from tracker.query.review import (
    DEFAULT_STALE_AFTER_DAYS,
    AgendaItem,
    Changes,
    StalePair,
    agenda_ids,
    real_changes,
)
from ui.chips import chip_ui, chips_css
from ui.review_context import ReviewContext, page_ui, table_ui
from ui.routes import page_link_ui
from ui.widgets import choice_ui, day_ui

# Large type for a projector, and room for it: the page's title and the top padding shrink.
# A constant: no data ever goes into HTML or CSS here.
PRESENTER_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.3rem; padding: 0; }
.st-key-review_presenter p, .st-key-review_presenter li { font-size: 1.35rem; line-height: 1.3; }
.st-key-review_presenter h2 { font-size: 1.9rem; padding: 0.1rem 0 0.2rem; }
.st-key-review_presenter [data-testid="stCaptionContainer"] p { font-size: 1rem; }
.st-key-review_presenter [data-baseweb="tab"] p { font-size: 1rem; }
</style>"""
EVIDENCE_PRESENTED = 3
# A judgement's first sentence under its actor, cut to one line on a 1024-pixel projector.
PRESENTER_LINE = 120
ORDER_KEY = "review_order"
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
    """One agenda item per screen, fitting a 1024×768 projector: large type, the item's
    heading and what it asks, one line per actor with its status as a coloured chip, since
    when, and the first sentence of the judgement; the paragraph's text, the history chart and
    the evidence in collapsed sections; previous and next."""
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    order = agenda_ids(items)
    if st.session_state.get("review_item") not in order and not st.query_params.get("review_item"):
        st.session_state["review_item"] = order[0]
    current = st.session_state.get("review_item")
    index = order.index(current) if current in order else 0

    def show(position: int) -> None:
        st.session_state["review_item"] = order[position]

    st.html(PRESENTER_CSS + chips_css(data))
    with st.container(horizontal=True, key="review_presenter_nav", vertical_alignment="center"):
        st.button(
            t("review.previous", lang),
            key="review_previous",
            on_click=show,
            args=(index - 1,),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        choice_ui(
            t("review.present_item", lang),
            order,
            {ref: f"{n}. {ctx.headings[ref]}" for n, ref in enumerate(order, 1)},
            key="review_item",
            label_visibility="collapsed",
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
        where = t("review.item_of", lang, number=index + 1, total=len(items))
        on_agenda = t("brief.on_agenda", lang, reasons=ctx.reasons(item, short=True))
        st.caption(escape_markdown(f"{where} · {on_agenda}"))
        st.markdown(f"## {escape_markdown(ctx.heading(shown))}")
        st.markdown(escape_markdown(pick_marked(shown.action, lang)))
        found = index_of(data).commitment_evidence(shown.id, ctx.as_of)
        actors_tab, text_tab, history_tab, evidence_tab = st.tabs(
            [
                t("review.present_actors", lang),
                t("review.present_text", lang),
                t("review.present_history", lang),
                t("review.present_evidence", lang, count=len(found)),
            ]
        )
        with actors_tab:
            for row, ref in enumerate(shown.addressed.actors):
                steps = index_of(data).history(Pair(shown.id, ref), ctx.as_of)
                status = steps[-1].status if steps else method.not_assessed_status
                with st.container(
                    horizontal=True, key=f"review_presenter_actor_{row}", gap="small"
                ):
                    chip_ui(data, status, lang, key=f"presenter_{row}")
                    since = held_since(steps)
                    line = f"**{escape_markdown(ctx.actor(ref))}**"
                    if since is not None:
                        line += " · " + escape_markdown(t("review.since_date", lang, date=since))
                    st.markdown(line)
                if steps:
                    rationale = one_line(pick_marked(steps[-1].rationale, lang), PRESENTER_LINE)
                    st.caption(escape_markdown(rationale))
        with text_tab:
            st.markdown(escape_markdown(pick_marked(shown.text, lang)))
        with history_tab:
            st.plotly_chart(
                trajectory_figure(data, shown, ctx.as_of, lang),
                key="review_presenter_chart",
                alt=t("brief.trajectory.alt", lang, commitment=ctx.paragraph(shown.id)),
            )
        with evidence_tab:
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
    """The window, the counts of real changes, then a tab per kind of change: status moves
    (every new assessment behind a toggle), corrections of the record, contradictions, stale
    judgements and new evidence; all limited to the resolutions in view."""
    lang, method = ctx.lang, ctx.data.methodology
    st.markdown(t("review.intro", lang))
    st.caption(
        escape_markdown(
            t("brief.window", lang, start=changes.start, end=changes.end)
            + ". "
            + t("brief.stale_rule", lang, days=changes.stale_after_days, end=changes.end)
        )
    )
    real = real_changes(ctx.data, changes)
    moves = [new for new in real.moves if ctx.in_view(new.pair.commitment)]
    fixes = [fix for fix in real.corrections if ctx.in_view(fix.assessment.commitment)]
    rest = [new for new in real.rest if ctx.in_view(new.pair.commitment)]
    evidence = [e for e in changes.evidence if any(ctx.in_view(ref) for ref in e.commitments)]
    contradictions = [c for c in changes.contradictions if ctx.in_view(c.pair.commitment)]
    stale: Sequence[StalePair] = (
        changes.stale
        if ctx.resolutions is None
        else [pair for pair in changes.stale if ctx.in_view(pair.pair.commitment)]
    )
    kinds = [new.transition for new in moves]
    with st.container(horizontal=True, key="review_counts"):
        for label, value in (
            ("review.count.moves", len(moves)),
            ("brief.count.worsened", kinds.count("worsened")),
            ("brief.count.improved", kinds.count("improved")),
            ("review.count.corrections", len(fixes)),
            ("brief.count.evidence", len(evidence)),
            ("brief.count.contradictions", len(contradictions)),
            ("brief.count.stale", len(stale)),
        ):
            st.metric(t(label, lang), value)
    show_all = st.toggle(
        t("review.show_all", lang, count=len(rest)),
        key="review_show_all",
        help=t("review.show_all_help", lang),
    )
    listed = sorted(
        [*moves, *rest] if show_all else moves,
        key=lambda new: (new.assessment.date, new.assessment.id),
    )
    directions = ctx.term_labels(method.directions)
    labels = ctx.status_labels
    moves_tab, fixes_tab, contradicted_tab, stale_tab, evidence_tab = st.tabs(
        [
            t("review.tab.all" if show_all else "review.tab.moves", lang),
            t("brief.section.corrections", lang),
            t("brief.section.contradictions", lang),
            t("brief.section.stale", lang),
            t("brief.section.evidence", lang),
        ]
    )
    with moves_tab:
        table_ui(
            listed,
            lambda new: {
                "paragraph": ctx.paragraph(new.pair.commitment),
                "actor": ctx.actor(new.pair.actor),
                "date": new.assessment.date.isoformat(),
                "from": labels.get(new.previous_status or "", ""),
                "to": labels.get(new.assessment.status, new.assessment.status),
                "change": t(TRANSITION_LABELS[new.transition], lang),
                "id": new.assessment.id,
            },
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "date": t("brief.column.date", lang),
                "from": t("review.column.from", lang),
                "to": t("review.column.to", lang),
                "change": t("brief.column.change", lang),
                "id": t("review.column.record", lang),
            },
            "review_new_assessments",
            lang,
        )
    with fixes_tab:
        st.caption(t("brief.corrections_note", lang))
        table_ui(
            fixes,
            lambda fix: {
                "paragraph": ctx.paragraph(fix.assessment.commitment),
                "actor": ctx.actor(fix.assessment.actor),
                "date": fix.assessment.date.isoformat(),
                "from": labels.get(fix.corrected.status, "") if fix.corrected else "",
                "to": labels.get(fix.assessment.status, fix.assessment.status),
                "why": pick_marked(fix.assessment.corrects.reason, lang)
                if fix.assessment.corrects
                else "",
                "id": fix.assessment.id,
            },
            {
                "paragraph": t("table.paragraph", lang),
                "actor": t("brief.column.actor", lang),
                "date": t("brief.column.speaks_for", lang),
                "from": t("review.column.recorded", lang),
                "to": t("review.column.corrected", lang),
                "why": t("brief.column.why", lang),
                "id": t("review.column.record", lang),
            },
            "review_corrections",
            lang,
        )
    with contradicted_tab:
        table_ui(
            contradictions,
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
            stale,
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
            evidence,
            lambda item: {
                "date": item.date,
                "id": item.id,
                "paragraphs": ", ".join(ctx.paragraph(ref) for ref in item.commitments),
                "direction": directions.get(item.direction, item.direction),
                "summary": pick_marked(item.summary, lang),
                "url": safe_url(item.source.url),
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
                    page_link_ui(
                        "commitments",
                        t("review.details", lang),
                        icon=":material/open_in_new:",
                        params={"commitment": item.commitment},
                    )
    if reordered:
        st.button(
            t("review.reset_order", lang),
            key="review_reset_order",
            on_click=lambda: st.session_state.pop(ORDER_KEY, None),
        )
