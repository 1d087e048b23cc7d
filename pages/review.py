"""Review: a status review meeting. What changed since the last review (real changes first,
the rest behind a toggle, corrections apart), the agenda that follows (worsened,
contradicted, stale, then the rest; its order editable), a presenter mode with one
commitment per screen, the decisions editors record into the data file, and the meeting
brief (HTML, PDF) with the decisions as CSV; all for the resolutions chosen (by default
those in force)."""

from __future__ import annotations

import streamlit as st

from tracker.present.i18n import t
from tracker.query.review import agenda, agenda_ids, changes_between, default_start, reorder
from ui import keys
from ui.auth import editor_ui
from ui.review_brief import brief_ui
from ui.review_context import ReviewContext
from ui.review_forms import record_ui
from ui.review_meeting import agenda_ui, changes_ui, presenter_ui, window_ui
from ui.setup import page_setup
from ui.widgets import resolutions_ui

# Presenter mode wants the whole screen: the sidebar starts closed (read before the toggle
# is drawn, from the URL or this session).
presenting = st.query_params.get(keys.Review.PRESENT) == "true" or bool(
    st.session_state.get(keys.Review.PRESENT)
)
page = page_setup("review", collapsed=presenting)
data, as_of, lang = page.dataset, page.as_of, page.lang
with st.sidebar:
    resolutions, _ = resolutions_ui(data, as_of, lang, key=keys.Review.RESOLUTION)
ctx = ReviewContext(data, as_of, lang, resolutions=resolutions)

since, stale_days = window_ui(lang)
start = since if since is not None else default_start(data, as_of)
if start > as_of:
    st.warning(t("review.start_after_end", lang, start=start, end=as_of))
    start = as_of
changes = changes_between(data, start, as_of, stale_days)
full_agenda = agenda(changes, data)
in_view = full_agenda.reordered([ref for ref in full_agenda.ids if ctx.in_view(ref)])
listed = set(in_view.ids)
chosen_order = [ref for ref in st.session_state.get(keys.Review.ORDER, []) if ref in listed]
items = reorder(in_view, chosen_order)

presenting = st.toggle(
    t("review.present", lang),
    key=keys.Review.PRESENT,
    help=t("review.present_help", lang),
    bind="query-params",
)
if presenting and items:
    presenter_ui(ctx, items)
    st.stop()

changes_ui(ctx, changes)
agenda_ui(ctx, items, reordered=bool(chosen_order))

st.subheader(t("review.section.record", lang), anchor=False)
editor = editor_ui(lang, key=keys.Review.AUTH)
if editor is not None:
    order = agenda_ids(items)
    record_ui(ctx, order, editor.name, page.load.content_hash, page.load.file)

brief_ui(ctx, changes, items, page.load.content_hash, resolutions)
