"""Search: one box that finds any commitment, actor, evidence item, judgement (by its
rationale) or review meeting (by its notes) by words in either language, shows where the
words occur, highlighted, and opens the record in one click (a judgement at its permalink)."""

import streamlit as st

from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown, highlight_markdown
from tracker.query.search import build_index, hit_title, search
from ui.routes import page_link_ui
from ui.setup import page_setup
from ui.widgets import text_ui

# Where each kind of record opens, and the URL parameter that picks it there.
TARGETS = {
    "commitment": ("commitments", "commitment"),
    "actor": ("actors", "scorecard"),
    "evidence": ("evidence", "ev_item"),
    "assessment": ("commitments", "assessment"),
    "review": ("review", "review_brief"),
}
KIND_KEYS = {
    "commitment": "search.kind.commitment",
    "actor": "search.kind.actor",
    "evidence": "search.kind.evidence",
    "assessment": "search.kind.assessment",
    "review": "search.kind.review",
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
    "rationale": "search.field.rationale",
    "confidence_note": "search.field.confidence_note",
    "correction": "search.field.correction",
    "evidence": "search.field.evidence",
    "title": "search.field.title",
    "notes": "search.field.notes",
    "participants": "search.field.participants",
}
EXAMPLES = ("Belarus", "B61", "透明")
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
            page_link_ui("search", escape_markdown(example), params={"q": example})
    st.stop()

hits = search(build_index(data), query, lang, limit=LIMIT + 1)
if not hits:
    st.info(t("search.none", lang, query=escape_markdown(query)))
    st.stop()
st.caption(
    t("search.count", lang, count=min(len(hits), LIMIT), more="+" if len(hits) > LIMIT else "")
)
judged = {a.id: a.commitment for a in data.assessments}
for number, hit in enumerate(hits[:LIMIT]):
    target, parameter = TARGETS[hit.kind]
    # A judgement opens at its permalink: its commitment's record, that judgement first.
    params = {parameter: hit.id}
    if hit.kind == "assessment":
        params["commitment"] = judged[hit.id]
    with st.container(border=True, key=f"search_hit_{number}"):
        kind = t(KIND_KEYS[hit.kind], lang)
        page_link_ui(
            target,
            f"{escape_markdown(kind)}: **{escape_markdown(hit_title(data, hit, lang))}**",
            icon=":material/arrow_forward:",
            params=params,
        )
        for snippet in hit.snippets:
            field = t(FIELD_KEYS[snippet.field], lang)
            where = f"{field} ({snippet.lang})" if snippet.lang else field
            st.markdown(f"{escape_markdown(where)}: {highlight_markdown(snippet)}")
