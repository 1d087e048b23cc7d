"""Widgets of the Export page: the tables of the export (built once per data version, the
as-of table per run), their previews and downloads, the tables on screen, the workbook, the
zip, the citations, and the evidence import."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from tracker.domain.languages import Language, pick
from tracker.domain.model import Assessment, Dataset, Evidence
from tracker.exchange import export
from tracker.exchange.citations import evidence_items, formatted_reference, judgement_items
from tracker.exchange.export import TABLES, TABLES_BY_NAME
from tracker.exchange.export_view import (
    Frames,
    Progress,
    View,
    ViewIds,
    apply_view,
    file_stem,
    fixed_frames,
    frames_on,
    screen_tables,
    size_label,
    view_files,
    view_ids,
)
from tracker.exchange.import_csv import (
    ImportResult,
    preview_table,
    problems_table,
    read_evidence_csv,
)
from tracker.exchange.import_references import read_references
from tracker.exchange.workbook import MEDIA_TYPE, Sheet, export_workbook, workbook_name
from tracker.present import tables
from tracker.present.i18n import t
from tracker.query.index import derived
from tracker.source.columns import as_records, ordinals
from ui import auth, keys
from ui.citations_view import base_url, citation_downloads_ui
from ui.data import data_path
from ui.tables import column_config, table_ui

# "Cite a judgement" offers the newest judgements, as the Evidence page lists the newest items.
CITE_CHOICES = 500
IMPORT_TYPES = ("csv", "json", "ris")
SCREEN_TITLES = {
    "commitments": "export.screen.commitments",
    "evidence": "export.screen.evidence",
}
IMPORT_FAILURES = auth.WriteMessages(
    not_editor="outcome.not_editor",
    conflict="import.outcome.conflict",
    rejected="import.outcome.rejected",
    busy="outcome.busy",
    failed="outcome.failed",
)


def progress_ui(label: str) -> tuple[Progress, Callable[[], None]]:
    """A progress bar fed by an export's `progress(done, total, file_name)`, and its remover."""
    bar = st.progress(0.0, text=label)

    def report(done: int, total: int, name: str) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{label} {name}")

    def remove() -> None:
        bar.empty()

    return report, remove


def _built_with_progress(dataset: Dataset, label: str) -> Frames:
    report, done_ui = progress_ui(label)
    try:
        return fixed_frames(dataset, report)
    finally:
        done_ui()


def frames_ui(dataset: Dataset, as_of: dt.date, lang: Language, view: View | None) -> Frames:
    """The export's tables on `as_of`, narrowed to `view` when one is given. The tables that
    do not depend on the day are built once per dataset, shared by every session (read only),
    with a progress bar while they are built."""
    label = t("export.progress.tables", lang)

    def build(data: Dataset) -> Frames:
        return _built_with_progress(data, label)

    fixed = derived(dataset, "export.fixed_frames", build)
    frames = frames_on(fixed, dataset, as_of)
    return apply_view(frames, view_ids(dataset, as_of, view)) if view is not None else frames


def csv_downloads_ui(frame: pd.DataFrame, stem: str, lang: Language, key: str) -> None:
    with st.container(horizontal=True, key=f"{key}_buttons"):
        for excel, label in ((False, "export.download_csv"), (True, "export.download_excel")):
            st.download_button(
                t(label, lang),
                # Built when clicked: the page need not encode every table on every run.
                data=functools.partial(export.csv_bytes, frame, excel),
                file_name=f"{stem}{'-excel' if excel else ''}.csv",
                mime="text/csv",
                key=f"{key}_{'excel' if excel else 'plain'}",
                icon=":material/download:",
                on_click="ignore",
            )


# What a row of each table is, in the reader's language (the files themselves say it in English,
# for the tools that read them).
TABLE_MEANINGS = {
    "resolutions": "export.meaning.resolutions",
    "cross_references": "export.meaning.cross_references",
    "commitments": "export.meaning.commitments",
    "commitment_criteria": "export.meaning.commitment_criteria",
    "commitment_footnotes": "export.meaning.commitment_footnotes",
    "actors": "export.meaning.actors",
    "evidence": "export.meaning.evidence",
    "evidence_links": "export.meaning.evidence_links",
    "evidence_actors": "export.meaning.evidence_actors",
    "evidence_criteria": "export.meaning.evidence_criteria",
    "assessments": "export.meaning.assessments",
    "criteria_ratings": "export.meaning.criteria_ratings",
    "assessment_evidence": "export.meaning.assessment_evidence",
    "current_status": "export.meaning.current_status",
    "reviews": "export.meaning.reviews",
    "review_decisions": "export.meaning.review_decisions",
    "roll_calls": "export.meaning.roll_calls",
    "state_votes": "export.meaning.state_votes",
    "vocabularies": "export.meaning.vocabularies",
    "data_dictionary": "export.meaning.data_dictionary",
}


def table_meaning(name: str, english: str, lang: Language) -> str:
    """What a row of table `name` is, in `lang` (the English of the export for a table the
    catalogue does not know)."""
    key = TABLE_MEANINGS.get(name)
    return t(key, lang) if key else english


def tables_ui(frames: Frames, as_of: dt.date, in_view: bool, lang: Language) -> None:
    """The list of tables with their sizes, then one table to preview and download."""
    st.subheader(t("export.section.tables", lang), anchor=False)
    summary = pd.DataFrame(
        {
            "file": [table.file_name for table in TABLES],
            "rows": pd.Series([len(frames[table.name]) for table in TABLES], dtype="Int64"),
            "columns": pd.Series([len(table.columns) for table in TABLES], dtype="Int64"),
            "meaning": [table_meaning(table.name, table.meaning, lang) for table in TABLES],
        }
    )
    table_ui(
        summary,
        tables.EXPORT_FILES,
        lang,
        key=keys.Export.TABLES,
        # Tall enough for every table without scrolling: a header and 18 rows of 35 px.
        height=(len(TABLES) + 1) * 35 + 3,
    )
    names = [table.name for table in TABLES]
    chosen = st.selectbox(
        t("export.pick_table", lang),
        names,
        format_func=lambda name: TABLES_BY_NAME[name].file_name,
        key=keys.Export.TABLE,
    )
    table = TABLES_BY_NAME[chosen if chosen in TABLES_BY_NAME else names[0]]
    frame = frames[table.name]
    st.caption(
        t(
            "export.table.caption",
            lang,
            meaning=table_meaning(table.name, table.meaning, lang),
            rows=len(frame),
        )
    )
    table_ui(frame, table.on_screen, lang, key=keys.Export.PREVIEW)
    csv_downloads_ui(frame, file_stem(table.name, as_of, in_view, False), lang, key=keys.Export.CSV)


def zip_ui(
    dataset: Dataset,
    frames: Frames,
    as_of: dt.date,
    filters: list[tuple[str, str]] | None,
    memo_key: tuple[Any, ...],
    excel: bool,
    lang: Language,
) -> None:
    """The button that builds the zip (with progress), then the one that downloads it.
    `filters` is None for the whole export, else the view's filters."""
    in_view = filters is not None
    folder = export.archive_name(as_of, excel) + ("-view" if in_view else "")
    zip_key = (*memo_key, excel)
    if st.button(
        t("export.zip.build", lang), key=keys.Export.ZIP_BUILD, icon=":material/folder_zip:"
    ):
        report, done_ui = progress_ui(t("export.progress.zip", lang))
        if filters is not None:
            files = view_files(frames, dataset, as_of, excel, filters)
            content = export.zip_files(files, folder, as_of, report)
        else:
            content = export.export_zip(dataset, as_of, excel, progress=report)
        done_ui()
        st.session_state[keys.Export.ZIP] = (zip_key, f"{folder}.zip", content)
    built = st.session_state.get(keys.Export.ZIP)
    if built is not None and built[0] == zip_key:
        st.download_button(
            t("export.zip.download", lang, name=built[1], size=size_label(len(built[2]))),
            data=built[2],
            file_name=built[1],
            mime="application/zip",
            key=keys.Export.ZIP_DOWNLOAD,
            type="primary",
            icon=":material/download:",
            on_click="ignore",
        )


def screen_sheets(dataset: Dataset, as_of: dt.date, lang: Language, view: View) -> list[Sheet]:
    """The Commitments and Evidence tables as those pages show them under the view."""
    tables = screen_tables(dataset, as_of, lang, view)
    return [Sheet(t(SCREEN_TITLES[name], lang), frame) for name, frame in tables.items()]


def screen_ui(sheets: list[Sheet], as_of: dt.date, lang: Language) -> None:
    """The tables on screen, each as CSV (plain or for Excel)."""
    st.subheader(t("export.section.screen", lang), anchor=False)
    st.caption(t("export.screen.caption", lang))
    for number, (name, sheet) in enumerate(zip(SCREEN_TITLES, sheets, strict=True)):
        st.markdown(f"**{sheet.name}** · {len(sheet.frame)}")
        stem = f"{name}-{as_of.isoformat()}-screen-{lang}"
        csv_downloads_ui(sheet.frame, stem, lang, key=f"export_screen_{number}")


def workbook_ui(
    frames: Frames,
    as_of: dt.date,
    lang: Language,
    first: list[Sheet],
    filters: list[tuple[str, str]] | None,
) -> None:
    """The download of the workbook: every table, after the tables on screen in a view."""
    st.subheader(t("export.section.workbook", lang), anchor=False)
    st.caption(t("export.workbook.caption", lang))
    note = (
        [
            f"This view: assessments and evidence known on {as_of.isoformat()}, narrowed by "
            "these filters (a row is kept when every id in it is in the view):",
            *(f"- {key}: {values}" for key, values in filters or [("filters", "none")]),
        ]
        if filters is not None
        else []
    )
    name = workbook_name(as_of, in_view=filters is not None)
    st.download_button(
        t("export.workbook.download", lang, name=name),
        # Built when clicked: the page need not encode the workbook on every run.
        data=functools.partial(export_workbook, frames, as_of, first=first, note=note),
        file_name=name,
        mime=MEDIA_TYPE,
        key="export_workbook",
        icon=":material/table_view:",
        on_click="ignore",
    )


def citations_ui(dataset: Dataset, ids: ViewIds | None, lang: Language) -> None:
    """The evidence and judgements (of the view, or all) as citation files, and one
    judgement's formatted reference."""
    st.subheader(t("export.section.citations", lang), anchor=False)
    st.caption(t("export.citations.caption", lang))
    base = base_url("export")
    # Records are made only for what is cited: the lists are ids until a file is asked for.
    evidence = as_records(dataset.evidence, Evidence)
    assessments = as_records(dataset.assessments, Assessment)
    cited = _in_view(evidence.ids(), ids.evidence if ids else None)
    judged = _in_view(assessments.ids(), ids.assessments if ids else None)
    builders = (
        ("export.citations.evidence", len(cited), "evidence"),
        ("export.citations.judgements", len(judged), "judgements"),
    )
    items = {
        "evidence": lambda: evidence_items(dataset, evidence.take(cited), base),
        "judgements": lambda: judgement_items(dataset, assessments.take(judged), base),
    }
    for label, count, stem in builders:
        st.markdown(t(label, lang, count=count))
        citation_downloads_ui(
            items[stem], f"commitment-tracker-{stem}", lang, key=f"export_cite_{stem}"
        )
    days, refs = ordinals(assessments.column("date")), assessments.ids()
    newest = sorted(judged, key=lambda at: (days[at], refs[at]), reverse=True)[:CITE_CHOICES]
    by_id = {a.id: a for a in assessments.take(newest)}
    statuses = {level.id: pick(level.label, lang) for level in dataset.methodology.statuses}
    chosen = st.selectbox(
        t("export.cite_judgement", lang),
        list(by_id),
        index=None,
        format_func=lambda ref: " · ".join(
            (
                by_id[ref].date.isoformat(),
                by_id[ref].commitment,
                by_id[ref].actor,
                statuses.get(by_id[ref].status, by_id[ref].status),
            )
        ),
        key="export_cite_pick",
    )
    if chosen in by_id:
        reference = judgement_items(dataset, [by_id[chosen]], base)[0]
        st.code(formatted_reference(reference), language=None, wrap_lines=True)


def _in_view(refs: list[str], allowed: frozenset[str] | None) -> list[int]:
    """The positions of the ids `allowed` (all when None)."""
    return [at for at, ref in enumerate(refs) if allowed is None or ref in allowed]


def read_upload(name: str, raw: bytes, dataset: Dataset) -> ImportResult:
    """An uploaded file read by its kind: CSV, or references (CSL JSON, RIS)."""
    if name.lower().endswith(".csv"):
        return read_evidence_csv(raw, dataset)
    return read_references(raw, dataset)


# --- import --------------------------------------------------------------------------------


def merge(base_hash: str, records: tuple[Evidence, ...]) -> None:
    """Append the previewed records to the data file, as the editor this session is now."""
    outcome: tuple[str, str, dict[str, str]]
    try:
        written = auth.write_as_editor(data_path(), base_hash=base_hash, evidence=records)
    except auth.WRITE_ERRORS as error:
        outcome = ("error", *auth.write_failure(error, IMPORT_FAILURES))
    else:
        lines = ", ".join(f"{first}-{last}" for first, last in written.changed_lines)
        ids = ", ".join(record.id for record in records)
        outcome = ("success", "import.outcome.merged", {"ids": ids, "lines": lines})
        # A new uploader key empties it: the merged file is not offered again.
        st.session_state[keys.Export.UPLOADS] = st.session_state.get(keys.Export.UPLOADS, 0) + 1
    st.session_state[keys.Export.OUTCOME] = outcome


def outcome_ui(lang: Language, file_label: str) -> None:
    outcome = st.session_state.pop(keys.Export.OUTCOME, None)
    if not outcome:
        return
    kind, message, values = outcome
    text = t(message, lang, file=file_label, **values)
    (st.success if kind == "success" else st.error)(text)


def import_result_ui(result: ImportResult, lang: Language) -> None:
    st.markdown(
        t(
            "import.summary",
            lang,
            rows=result.rows_read,
            valid=len(result.records),
            rejected=len(result.rejected_rows),
        )
    )
    if result.file_refused:
        st.error(t("import.refused", lang))
    if result.problems:
        table_ui(
            problems_table(result), tables.IMPORT_PROBLEMS, lang, key=keys.Export.IMPORT_PROBLEMS
        )


def import_preview_ui(
    result: ImportResult, dataset: Dataset, base_hash: str, file_label: str, lang: Language
) -> None:
    """The records an upload gives, and the button that merges them."""
    st.subheader(t("import.preview", lang, count=len(result.records)), anchor=False)
    st.dataframe(
        preview_table(result, dataset),
        key=keys.Export.IMPORT_PREVIEW,
        hide_index=True,
        column_config=column_config(export.EVIDENCE.on_screen, lang),
    )
    st.button(
        t("import.merge", lang, count=len(result.records), file=file_label),
        key=keys.Export.IMPORT_MERGE,
        type="primary",
        icon=":material/merge:",
        # The preview's records and the hash of the data it was checked against: if the
        # file has changed since, the store refuses with WriteConflict.
        on_click=merge,
        args=(base_hash, result.records),
    )
