"""Add resolution: paste or upload a resolution's official text (General Assembly or Security
Council, any official language), see its parse beside the source with each operative paragraph
marked, give or correct the header fields and the verbs, preview the draft records and the data
checked with them, and save them (editors only) through the write path that
`python -m tracker ingest --merge` uses."""

import streamlit as st

from tracker.ingest.drafts import DraftError
from tracker.ingest.session import official_text_file, plan_ingest
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from ui import keys
from ui.auth import editor_ui
from ui.data import data_path
from ui.ingest_view import (
    check_ui,
    corrections_ui,
    language_ui,
    outcome_ui,
    parse_view_ui,
    parsed_text,
    plan_ui,
    save_ui,
    source_ui,
    text_digest,
)
from ui.setup import page_setup

page = page_setup("add_resolution")
data, lang = page.dataset, page.lang
path, file_label = data_path(), page.load.file

st.markdown(t("add.intro", lang, file=file_label))
outcome_ui(file_label, data, lang)
language = language_ui(lang)
text = source_ui(lang)
if text is None:
    st.stop()
with st.spinner(t("add.parsing", lang)):
    parsed = parsed_text(text, language)
parse_view_ui(text, parsed, lang)
if not parsed.operative:
    st.error(t("add.no_operative", lang))
    st.stop()

digest = text_digest(text, language)
fixes = corrections_ui(parsed, digest, data, lang)
symbol = fixes.symbol or parsed.symbol or ""
source_file = official_text_file(text, parsed.language, symbol, data, path.parent)
try:
    ingest = plan_ingest(
        parsed,
        text,
        data,
        source_file=source_file,
        symbol=fixes.symbol,
        adopted=fixes.adopted,
        verbs=fixes.verbs,
        title=fixes.title,
        body=fixes.body,
        meeting=fixes.meeting,
    )
except DraftError as error:
    st.error(t("add.draft_error", lang, error=escape_markdown(str(error))))
    st.stop()
file_found = (path.parent / source_file).is_file()
plan_ui(ingest, text, data, source_file, file_found, lang)

st.subheader(t("add.section.check", lang), anchor=False)
verbs = tuple(sorted(fixes.verbs.items()))
memo_key = (
    page.load.content_hash,
    digest,
    symbol,
    verbs,
    source_file,
    file_found,
    str(fixes.adopted),
    fixes.title,
    fixes.body,
    fixes.meeting,
)
can_save = check_ui(ingest, memo_key, path, file_label, lang, saves_official_text=not file_found)

st.subheader(t("add.section.save", lang), anchor=False)
editor = editor_ui(lang, key=keys.AddResolution.AUTH)
save_ui(
    ingest,
    editor,
    page.load.content_hash,
    path,
    can_save,
    lang,
    official_text=None if file_found else text,
)
