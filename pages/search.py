"""Search: one box that finds any commitment, actor, evidence item, judgement (by its
rationale), review meeting (by its notes) or recorded roll call by words in either language,
shows where the words occur, highlighted, and opens the record in one click (a judgement at
its permalink, a meeting at its brief)."""

import streamlit as st

from tracker.domain.languages import is_language
from tracker.present import votes_view
from tracker.present.i18n import language_name, t
from tracker.present.markdown import escape_markdown, highlight_markdown
from tracker.query import votes as roll_calls
from tracker.query.search import build_index, hit_title, search
from ui import keys
from ui.routes import page_link_ui
from ui.setup import page_setup
from ui.votes import optional_votes_ui
from ui.widgets import text_ui

# Where each kind of record opens, and the URL parameter that picks it there.
TARGETS = {
    "commitment": ("commitments", keys.Commitments.PICK),
    "actor": ("actors", keys.Actors.PICK),
    "evidence": ("evidence", keys.Evidence.PICK),
    "assessment": ("commitments", keys.Commitments.ASSESSMENT),
    "review": ("review", keys.Review.BRIEF_REVIEW),
    "roll_call": ("roll_call", "rcid"),
}
KIND_KEYS = {
    "commitment": "label.commitment",
    "actor": "label.actor",
    "evidence": "label.evidence",
    "assessment": "search.kind.assessment",
    "review": "review.brief_review",
    "roll_call": "search.kind.roll_call",
}
FIELD_KEYS = {
    "id": "label.id",
    "verb": "label.verb",
    "text": "label.text",
    "action": "search.field.action",
    "addressed": "search.field.addressed",
    "actors": "label.actors",
    "footnote": "search.field.footnote",
    "grounds": "search.field.grounds",
    "name": "label.name",
    "note": "search.field.note",
    "holds": "search.field.holds",
    "date": "label.date",
    "summary": "label.summary",
    "source": "label.source_title",
    "publisher": "label.publisher",
    "contested": "label.contested_reading",
    "symbol": "add.view.symbol",
    "short": "search.field.short",
    "descr": "search.field.descr",
    "rationale": "column.rationale",
    "confidence_note": "search.field.confidence_note",
    "correction": "search.field.correction",
    "evidence": "label.evidence_cited",
    "title": "label.title",
    "notes": "search.field.notes",
    "participants": "review.participants",
}
LIMIT = 50

page = page_setup("search")
data, lang = page.dataset, page.lang
# Words to try, in each language the search reads: data, like every word shown.
examples = t("search.examples", lang).split("; ")

query = text_ui(
    t("search.box", lang),
    key=keys.Search.QUERY,
    help=t("search.box_help", lang),
    placeholder=t("search.placeholder", lang, examples=", ".join(examples)),
)
if not query.strip():
    st.info(t("search.hint", lang))
    with st.container(horizontal=True, key=keys.Search.EXAMPLES):
        for example in examples:
            page_link_ui("search", escape_markdown(example), params={keys.Search.QUERY: example})
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
judged = {a.id: a.commitment for a in data.assessments}
for number, hit in enumerate(hits[:LIMIT]):
    target, parameter = TARGETS[hit.kind]
    # A judgement opens at its permalink: its commitment's record, that judgement first.
    params = {parameter: hit.id}
    if hit.kind == "assessment":
        params[keys.Commitments.PICK] = judged[hit.id]
    with st.container(border=True, key=keys.Search.hit(number)):
        kind = t(KIND_KEYS[hit.kind], lang)
        row = roll_calls.roll_call_row(votes, hit.id) if votes and hit.kind == "roll_call" else None
        title = (
            votes_view.roll_call_title(roll_calls.roll_call(votes, row))
            if votes and row is not None
            else hit_title(data, hit, lang)
        )
        page_link_ui(
            target,
            f"{escape_markdown(kind)}: **{escape_markdown(title)}**",
            icon=":material/arrow_forward:",
            params=params,
        )
        for snippet in hit.snippets:
            field = t(FIELD_KEYS[snippet.field], lang)
            where = (
                f"{field} ({language_name(snippet.lang, lang)})"
                if is_language(snippet.lang)
                else field
            )
            st.markdown(f"{escape_markdown(where)}: {highlight_markdown(snippet)}")
