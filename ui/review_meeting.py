"""The meeting itself on the Review page: the window, what changed in it (real changes
counted, and tables in pages of `review_context.TABLE_PAGE_SIZE` rows), the agenda (in pages
of `AGENDA_PAGE_SIZE`, its order editable) and presenter mode (one agenda item per screen, in
large type, fitting a projector)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from tracker.domain.languages import Language
from tracker.domain.transitions import Transition, held_since
from tracker.present import tables
from tracker.present.brief import trajectory_figure
from tracker.present.i18n import pick_marked, t
from tracker.present.markdown import escape_markdown
from tracker.present.printable import one_line
from tracker.query.index import Pair, index_of
from tracker.query.review import (
    DEFAULT_STALE_AFTER_DAYS,
    AgendaItem,
    Changes,
    agenda_ids,
    evidence_of_commitments,
    real_changes,
)
from ui import keys
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
    """One agenda item per screen, fitting a 1024×768 projector: large type, the item's
    heading and what it asks, one line per actor with its status as a coloured chip, since
    when, and the first sentence of the judgement; the paragraph's text, the history chart and
    the evidence in collapsed sections; previous and next."""
    lang, data, method = ctx.lang, ctx.data, ctx.data.methodology
    order = agenda_ids(items)
    if st.session_state.get(keys.Review.ITEM) not in order and not st.query_params.get(
        keys.Review.ITEM
    ):
        st.session_state[keys.Review.ITEM] = order[0]
    current = st.session_state.get(keys.Review.ITEM)
    index = order.index(current) if current in order else 0

    def show(position: int) -> None:
        st.session_state[keys.Review.ITEM] = order[position]

    st.html(PRESENTER_CSS + chips_css(data))
    with st.container(horizontal=True, key=keys.Review.PRESENTER_NAV, vertical_alignment="center"):
        st.button(
            t("review.previous", lang),
            key=keys.Review.PREVIOUS,
            on_click=show,
            args=(index - 1,),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        choice_ui(
            t("review.present_item", lang),
            order,
            {ref: f"{n}. {ctx.headings[ref]}" for n, ref in enumerate(order, 1)},
            key=keys.Review.ITEM,
            label_visibility="collapsed",
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
                t("label.status_history", lang),
                t("review.present_evidence", lang, count=len(found)),
            ]
        )
        with actors_tab:
            for row, ref in enumerate(shown.addressed.actors):
                steps = index_of(data).history(Pair(shown.id, ref), ctx.as_of)
                status = steps[-1].status if steps else method.not_assessed_status
                with st.container(
                    horizontal=True, key=keys.Review.presenter_actor(row), gap="small"
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
                key=keys.Review.PRESENTER_CHART,
                alt=t("brief.trajectory.alt", lang, commitment=ctx.words.paragraph(shown.id)),
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
    lang = ctx.lang
    st.markdown(t("review.intro", lang))
    st.caption(
        escape_markdown(
            t("brief.window", lang, start=changes.start, end=changes.end)
            + ". "
            + t("brief.stale_rule", lang, days=changes.stale_after_days, end=changes.end)
        )
    )
    real = real_changes(changes)
    moves = [new for new in real.moves if ctx.in_view(new.pair.commitment)]
    fixes = [fix for fix in real.corrections if ctx.in_view(fix.correction.commitment)]
    rest = [new for new in real.rest if ctx.in_view(new.pair.commitment)]
    evidence, contradictions, stale = changes.evidence, changes.contradictions, changes.stale
    if ctx.resolutions is not None:  # each still built only for the rows a table shows
        evidence = evidence_of_commitments(evidence, ctx.in_view)
        contradictions = contradictions.of_commitments(ctx.in_view)
        stale = stale.of_commitments(ctx.in_view)
    kinds = [new.transition for new in moves]
    with st.container(horizontal=True, key=keys.Review.COUNTS):
        for label, value in (
            ("review.count.moves", len(moves)),
            ("transition.worsened", kinds.count(Transition.WORSENED)),
            ("transition.improved", kinds.count(Transition.IMPROVED)),
            ("corrections.title", len(fixes)),
            ("label.new_evidence", len(evidence)),
            ("brief.count.contradictions", len(contradictions)),
            ("label.stale_judgements", len(stale)),
        ):
            st.metric(t(label, lang), value)
    show_all = st.toggle(
        t("review.show_all", lang, count=len(rest)),
        key=keys.Review.SHOW_ALL,
        help=t("review.show_all_help", lang),
    )
    listed = sorted(
        [*moves, *rest] if show_all else moves,
        key=lambda new: (new.assessment.date, new.assessment.id),
    )
    moves_tab, fixes_tab, contradicted_tab, stale_tab, evidence_tab = st.tabs(
        [
            t("review.tab.all" if show_all else "review.count.moves", lang),
            t("corrections.title", lang),
            t("brief.section.contradictions", lang),
            t("label.stale_judgements", lang),
            t("label.new_evidence", lang),
        ]
    )
    words, review = ctx.words, keys.Review
    with moves_tab:
        table_ui(ctx, listed, words.new_assessment, tables.NEW_ASSESSMENTS, review.NEW_ASSESSMENTS)
    with fixes_tab:
        st.caption(t("brief.corrections_note", lang))
        table_ui(ctx, fixes, words.correction, tables.CORRECTIONS, review.CORRECTIONS)
    with contradicted_tab:
        table_ui(
            ctx, contradictions, words.contradiction, tables.CONTRADICTIONS, review.CONTRADICTIONS
        )
    with stale_tab:
        table_ui(ctx, stale, words.stale, tables.STALE, review.STALE)
    with evidence_tab:
        table_ui(ctx, evidence, words.new_evidence, tables.NEW_EVIDENCE, review.NEW_EVIDENCE)


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
