"""Export and import. Export: every table of the data to preview and download as CSV (plain,
or for Excel), all of them in one Excel workbook, or in one zip with the data dictionary and a
Frictionless datapackage.json, and the evidence and judgements as citations (CSL-JSON, BibTeX,
RIS); "what I see" narrows them to the dashboard's filters and as-of date (see
`tracker.exchange.export_view` for the keys it reads, which the page's URL then carries) and
adds the tables as the Commitments and Evidence pages show them. Import: evidence gathered in
a spreadsheet (the columns of evidence.csv) or exported from Zotero (CSL JSON, RIS) is checked
item by item and, for editors, merged into the data file through the store's one write path."""

from __future__ import annotations

import streamlit as st

from tracker.exchange.export_view import describe_view, read_view, view_ids, view_params
from tracker.exchange.import_csv import MAX_IMPORT_BYTES
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from ui import auth, keys
from ui.export_view import (
    IMPORT_TYPES,
    citations_ui,
    frames_ui,
    import_preview_ui,
    import_result_ui,
    outcome_ui,
    read_upload,
    screen_sheets,
    screen_ui,
    tables_ui,
    workbook_ui,
    zip_ui,
)
from ui.setup import page_setup
from ui.votes import votes_checked_ui

page = page_setup("export")
data, as_of, lang = page.dataset, page.as_of, page.lang
file_label = page.load.file
votes_checked_ui(lang)

export_tab, import_tab = st.tabs([t("export.tab.export", lang), t("export.tab.import", lang)])

with export_tab:
    st.markdown(t("export.intro", lang, as_of=as_of.isoformat(), file=file_label))
    in_view = st.toggle(
        t("export.view", lang),
        key=keys.Export.VIEW,
        help=t("export.view_help", lang),
        bind="query-params",
    )
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view = read_view(params, st.session_state.to_dict(), data)
    filters = describe_view(view)
    if in_view:
        # The link to this page then holds the view: shared, it shows the same tables.
        for key, values in view_params(view).items():
            if st.query_params.get_all(key) != values:
                st.query_params[key] = values
        shown = "; ".join(f"{key} = {values}" for key, values in filters)
        st.caption(
            t("export.view.filters", lang, filters=shown, as_of=as_of.isoformat())
            if filters
            else t("export.view.no_filters", lang, as_of=as_of.isoformat())
        )
    else:
        st.caption(t("export.all.caption", lang, as_of=as_of.isoformat()))
    frames = frames_ui(data, as_of, lang, view if in_view else None)
    tables_ui(frames, as_of, in_view, lang)
    on_screen = screen_sheets(data, as_of, lang, view) if in_view else []
    if in_view:
        screen_ui(on_screen, as_of, lang)
    workbook_ui(frames, as_of, lang, on_screen, filters if in_view else None)

    st.subheader(t("export.section.zip", lang), anchor=False)
    st.caption(t("export.zip.caption", lang, count=len(frames)))
    excel = st.toggle(
        t("export.excel", lang),
        key=keys.Export.EXCEL,
        help=t("export.excel_help", lang),
        bind="query-params",
    )
    memo_key = (
        page.load.content_hash,
        as_of.isoformat(),
        in_view,
        tuple(filters) if in_view else (),
    )
    zip_ui(data, frames, as_of, filters if in_view else None, memo_key, excel, lang)
    citations_ui(data, view_ids(data, as_of, view) if in_view else None, lang)

with import_tab:
    st.markdown(t("import.intro", lang, file=file_label))
    st.markdown(t("import.references", lang))
    outcome_ui(lang, file_label)
    editor = auth.editor_ui(lang, key=keys.Export.IMPORT_AUTH)
    if editor is not None:
        uploaded = st.file_uploader(
            t("import.upload", lang),
            type=list(IMPORT_TYPES),
            key=keys.Export.upload(st.session_state.get(keys.Export.UPLOADS, 0)),
            help=t("import.upload_help", lang),
            max_upload_size=MAX_IMPORT_BYTES // (1024 * 1024),
        )
        if uploaded is None:
            st.info(t("import.hint", lang))
        else:
            with st.spinner(t("import.checking", lang, name=escape_markdown(uploaded.name))):
                result = read_upload(uploaded.name, uploaded.getvalue(), data)
            import_result_ui(result, lang)
            if result.records:
                import_preview_ui(result, data, page.load.content_hash, file_label, lang)
