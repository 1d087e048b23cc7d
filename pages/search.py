"""Search: one box that finds any commitment, actor, evidence item or recorded roll call by
words in either language, shows where the words occur, highlighted, and opens the record in
one click."""

import streamlit as st

from tracker.present import votes_view
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown, highlight_markdown
from tracker.query import votes as roll_calls
from tracker.query.search import build_index, hit_title, search
from ui.setup import page_setup
from ui.votes import optional_votes_ui
from ui.widgets import text_ui

# Where each kind of record opens, and the URL parameter that picks it there.
TARGETS = {
    "commitment": ("pages/commitments.py", "commitment"),
    "actor": ("pages/actors.py", "scorecard"),
    "evidence": ("pages/evidence.py", "ev_item"),
    "roll_call": ("pages/roll_call.py", "rcid"),
}
KIND_KEYS = {
    "commitment": "search.kind.commitment",
    "actor": "search.kind.actor",
    "evidence": "search.kind.evidence",
    "roll_call": "search.kind.roll_call",
}
FIELD_KEYS = {
    "id": "search.field.id",
    "verb": "search.field.verb",
    "text": "search.field.text",
    "action": "search.field.action",
    "addressed": "search.field.addressed",
    "actors": "search.field.actors",
    "footnote": "search.field.footnote",
    "grounds": "search.field.grounds",
    "name": "search.field.name",
    "note": "search.field.note",
    "holds": "search.field.holds",
    "date": "search.field.date",
    "summary": "search.field.summary",
    "source": "search.field.source",
    "publisher": "search.field.publisher",
    "contested": "search.field.contested",
    "symbol": "search.field.symbol",
    "short": "search.field.short",
    "descr": "search.field.descr",
}
EXAMPLES = ("Belarus", "W76-2", "透明")
LIMIT = 50

page = page_setup("search")
data, lang = page.dataset, page.lang

query = text_ui(
    t("search.box", lang),
    key="q",
    help=t("search.box_help", lang),
    placeholder=t("search.placeholder", lang, examples=", ".join(EXAMPLES)),
)
if not query.strip():
    st.info(t("search.hint", lang))
    with st.container(horizontal=True, key="search_examples"):
        for example in EXAMPLES:
            st.page_link(
                "pages/search.py",
                label=escape_markdown(example),
                icon=":material/search:",
                query_params={"q": example},
            )
    st.stop()

votes = optional_votes_ui(lang)
entries = build_index(data) + (roll_calls.roll_call_entries(votes) if votes else ())
hits = search(entries, query, lang, limit=LIMIT + 1)
if not hits:
    st.info(t("search.none", lang, query=escape_markdown(query)))
    st.stop()
st.caption(
    t("search.count", lang, count=min(len(hits), LIMIT), more="+" if len(hits) > LIMIT else "")
)
for number, hit in enumerate(hits[:LIMIT]):
    target, parameter = TARGETS[hit.kind]
    with st.container(border=True, key=f"search_hit_{number}"):
        kind = t(KIND_KEYS[hit.kind], lang)
        row = roll_calls.roll_call_row(votes, hit.id) if votes and hit.kind == "roll_call" else None
        title = (
            votes_view.roll_call_title(roll_calls.roll_call(votes, row))
            if votes and row is not None
            else hit_title(data, hit, lang)
        )
        st.page_link(
            target,
            label=f"{escape_markdown(kind)}: **{escape_markdown(title)}**",
            icon=":material/arrow_forward:",
            query_params={parameter: hit.id},
        )
        for snippet in hit.snippets:
            field = t(FIELD_KEYS[snippet.field], lang)
            where = f"{field} ({snippet.lang})" if snippet.lang else field
            st.markdown(f"{escape_markdown(where)}: {highlight_markdown(snippet)}")
