"""Export and import. Export: every table of the data to preview and download as CSV (plain,
or for Excel), or all of them in one zip with the data dictionary and a Frictionless
datapackage.json; "what I see" narrows them to the dashboard's filters and as-of date.
Import: evidence gathered in a spreadsheet (the columns of evidence.csv) is checked row by
row and, for editors, merged into the data file through the store's one write path.

"What I see" reads the dashboard's filters from the query string, else from this session
(the Commitments and Evidence pages keep them while another page is shown). Keys read:
- Commitments page: `resolution`, `actor`, `status` (ids, repeatable), `change`
  (worsened | improved | changed), `since` (YYYY-MM-DD).
- Evidence page: `ev_actor`, `ev_commitment`, `ev_criterion`, `ev_source`, `ev_confidence`,
  `ev_direction` (ids, repeatable), `ev_from`, `ev_to` (YYYY-MM-DD).
Values that are not ids of the data, or not dates, are ignored. The picks that open one
record (`commitment`, `ev_item`, `scorecard`) are not filters. In the view, a table keeps a
row when every id in it (resolution, commitment, actor, evidence, assessment) is in the view,
so the tables still join; assessments and evidence are those known on the as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from tracker import dashboard, export, store
from tracker.dashboard import CommitmentFilter, EvidenceFilter
from tracker.export import TABLES, TABLES_BY_NAME
from tracker.i18n import Language, t
from tracker.import_csv import (
    MAX_IMPORT_BYTES,
    ImportResult,
    preview_table,
    problems_table,
    read_evidence_csv,
)
from tracker.model import Dataset, Evidence
from tracker.search import escape_markdown
from ui import auth
from ui.data import data_path
from ui.setup import page_setup

Frames = dict[str, pd.DataFrame]
Progress = Callable[[int, int, str], None]

VIEW_KEY = "export_view"
EXCEL_KEY = "export_excel"
TABLE_KEY = "export_table"
FRAMES_MEMO = "_export_frames"
ZIP_MEMO = "_export_zip"
UPLOADS_KEY = "_import_uploads"
OUTCOME_KEY = "_import_outcome"
# Tables that describe the export itself: the same in every view.
DESCRIPTIVE = frozenset({"vocabularies", "data_dictionary"})


# --- the dashboard's view (pure) ---------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The dashboard's filters, as the Commitments and Evidence pages apply them."""

    commitments: CommitmentFilter = field(default_factory=CommitmentFilter)
    evidence: EvidenceFilter = field(default_factory=EvidenceFilter)


@dataclass(frozen=True)
class ViewIds:
    """The ids a view keeps; None means every one."""

    resolutions: frozenset[str] | None
    commitments: frozenset[str]
    actors: frozenset[str] | None
    pairs: frozenset[tuple[str, str]]
    evidence: frozenset[str]
    assessments: frozenset[str]


def _values(
    params: Mapping[str, Sequence[str]], state: Mapping[str, object], key: str
) -> list[str]:
    """A filter's values: from the URL when it has the key, else from the session (the
    widget's own value, or the ids its page last wrote to the URL)."""
    if params.get(key):
        return [str(value) for value in params[key]]
    for name in (key, f"_url_{key}"):
        value = state.get(name)
        if isinstance(value, str | dt.date):
            return [value.isoformat() if isinstance(value, dt.date) else value]
        if isinstance(value, list | tuple):
            return [str(item) for item in value if isinstance(item, str)]
    return []


def _ids(values: Iterable[str], allowed: Iterable[str]) -> tuple[str, ...]:
    known = set(allowed)
    return tuple(dict.fromkeys(value for value in values if value in known))


def _day(values: Sequence[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(values[-1]) if values else None
    except ValueError:
        return None


def read_view(
    params: Mapping[str, Sequence[str]], state: Mapping[str, object], dataset: Dataset
) -> View:
    """The view the query string (or else the session) describes; unknown values dropped."""
    method = dataset.methodology

    def ids(key: str, allowed: Iterable[str]) -> tuple[str, ...]:
        return _ids(_values(params, state, key), allowed)

    actors = [actor.id for actor in dataset.actors]
    commitments = [commitment.id for commitment in dataset.commitments]
    change = ids("change", dashboard.CHANGES)
    return View(
        commitments=CommitmentFilter(
            resolutions=ids("resolution", (r.symbol for r in dataset.resolutions)),
            actors=ids("actor", actors),
            statuses=ids("status", (level.id for level in method.statuses)),
            change=change[-1] if change and dashboard.is_change(change[-1]) else None,
            since=_day(_values(params, state, "since")),
        ),
        evidence=EvidenceFilter(
            actors=ids("ev_actor", actors),
            commitments=ids("ev_commitment", commitments),
            criteria=ids("ev_criterion", (term.id for term in method.criteria)),
            source_types=ids("ev_source", (term.id for term in method.source_types)),
            confidences=ids("ev_confidence", (level.id for level in method.confidence_levels)),
            directions=ids("ev_direction", (term.id for term in method.directions)),
            start=_day(_values(params, state, "ev_from")),
            end=_day(_values(params, state, "ev_to")),
        ),
    )


def view_ids(dataset: Dataset, as_of: dt.date, view: View) -> ViewIds:
    """What the view keeps: the commitments and pairs the Commitments page lists, and the
    evidence the Evidence page lists that bears on them; both as known on `as_of`."""
    chosen = view.commitments
    commitments = frozenset(c.id for c in dashboard.filter_commitments(dataset, as_of, chosen))
    if chosen.on_pairs:
        matched = dashboard.match_pairs(dataset, as_of, chosen)
        pairs = frozenset((m.pair.commitment, m.pair.actor) for m in matched)
    else:
        pairs = frozenset(
            (c.id, actor)
            for c in dataset.commitments
            if c.id in commitments
            for actor in c.addressed.actors
        )
    narrowed = len(commitments) < len(dataset.commitments)
    evidence = frozenset(
        item.id
        for item in dashboard.filter_evidence(dataset, as_of, view.evidence)
        if (not narrowed or commitments.intersection(item.commitments))
        and (not chosen.actors or set(chosen.actors).intersection(item.actors))
    )
    assessments = frozenset(
        a.id for a in dataset.assessments if (a.commitment, a.actor) in pairs and a.date <= as_of
    )
    return ViewIds(
        resolutions=frozenset(chosen.resolutions) or None,
        commitments=commitments,
        actors=frozenset(chosen.actors) or None,
        pairs=pairs,
        evidence=evidence,
        assessments=assessments,
    )


_ID_COLUMNS = {
    "resolution_symbol": "resolutions",
    "commitment_id": "commitments",
    "actor_id": "actors",
    "evidence_id": "evidence",
    "assessment_id": "assessments",
}


def apply_view(frames: Mapping[str, pd.DataFrame], ids: ViewIds) -> Frames:
    """Each table with the rows whose every id is in the view (an empty id, such as the
    assessment of a pair never assessed, passes); a row with a commitment and an actor
    passes when that pair is in the view."""
    out: Frames = {}
    for name, frame in frames.items():
        if name in DESCRIPTIVE:
            out[name] = frame
            continue
        keep = pd.Series(True, index=frame.index)
        for column, kind in _ID_COLUMNS.items():
            allowed: frozenset[str] | None = getattr(ids, kind)
            if column in frame.columns and allowed is not None:
                keep &= frame[column].eq("") | frame[column].isin(allowed)
        if {"commitment_id", "actor_id"} <= set(frame.columns):
            pairs = pd.Series(list(zip(frame["commitment_id"], frame["actor_id"], strict=True)))
            keep &= pairs.isin(ids.pairs).to_numpy()
        out[name] = frame[keep].reset_index(drop=True)
    return out


def describe_view(view: View) -> list[tuple[str, str]]:
    """The view's filters as (URL key, values) pairs, in the order of the keys above."""
    chosen, items = view.commitments, view.evidence
    pairs = [
        ("resolution", chosen.resolutions),
        ("actor", chosen.actors),
        ("status", chosen.statuses),
        ("change", (chosen.change,) if chosen.change else ()),
        ("since", (chosen.since.isoformat(),) if chosen.since else ()),
        ("ev_actor", items.actors),
        ("ev_commitment", items.commitments),
        ("ev_criterion", items.criteria),
        ("ev_source", items.source_types),
        ("ev_confidence", items.confidences),
        ("ev_direction", items.directions),
        ("ev_from", (items.start.isoformat(),) if items.start else ()),
        ("ev_to", (items.end.isoformat(),) if items.end else ()),
    ]
    return [(key, ", ".join(values)) for key, values in pairs if values]


# --- files -------------------------------------------------------------------------------


def build_frames(dataset: Dataset, as_of: dt.date, progress: Progress) -> Frames:
    """Every table of the export, one at a time, reporting each."""
    frames: Frames = {}
    for done, table in enumerate(TABLES, start=1):
        frames[table.name] = export.build_table(table.name, dataset, as_of)
        progress(done, len(TABLES), table.file_name)
    return frames


def view_files(
    frames: Mapping[str, pd.DataFrame],
    dataset: Dataset,
    as_of: dt.date,
    excel: bool,
    filters: Sequence[tuple[str, str]],
) -> Iterator[tuple[str, bytes]]:
    """The files of `export.export_files` for a view's tables, its filters in README.md."""
    shown = "\n".join(f"- `{key}`: {values}" for key, values in filters) or "- none"
    note = (
        f"\n## This view\nThe tables hold what the dashboard showed on {as_of.isoformat()}: "
        "assessments and evidence known on that date, narrowed by these filters (a row is kept "
        f"when every id in it is in the view):\n{shown}\n"
    )
    descriptor = export.datapackage(dataset.methodology, as_of, excel)
    descriptor["description"] = "A filtered view. " + descriptor["description"]
    yield "README.md", (export.readme(as_of, excel) + note).encode("utf-8")
    yield "datapackage.json", (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()
    for table in TABLES:
        yield table.file_name, export.csv_bytes(frames[table.name], excel)


def zip_of(
    files: Iterable[tuple[str, bytes]], folder: str, as_of: dt.date, progress: Progress
) -> bytes:
    """`files` in one zip under `folder`, laid out as `export.export_zip` lays out its own."""
    stamp = max(as_of, dt.date(1980, 1, 1))
    total = len(TABLES) + 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, (name, content) in enumerate(files, start=1):
            info = zipfile.ZipInfo(
                f"{folder}/{name}", (stamp.year, stamp.month, stamp.day, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
            progress(done, total, name)
    return buffer.getvalue()


def file_stem(name: str, as_of: dt.date, in_view: bool, excel: bool) -> str:
    return f"{name}-{as_of.isoformat()}{'-view' if in_view else ''}{'-excel' if excel else ''}"


# --- widgets -----------------------------------------------------------------------------


def progress_ui(label: str) -> tuple[Progress, Callable[[], None]]:
    """A progress bar fed by an export's `progress(done, total, file_name)`, and its remover."""
    bar = st.progress(0.0, text=label)

    def report(done: int, total: int, name: str) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{label} {name}")

    return report, bar.empty


def csv_downloads_ui(frame: pd.DataFrame, stem: str, lang: Language, key: str) -> None:
    with st.container(horizontal=True, key=f"{key}_buttons"):
        for excel, label in ((False, "export.download_csv"), (True, "export.download_excel")):
            st.download_button(
                t(label, lang),
                # Built when clicked: the page need not encode every table on every run.
                data=lambda excel=excel: export.csv_bytes(frame, excel),
                file_name=f"{stem}{'-excel' if excel else ''}.csv",
                mime="text/csv",
                key=f"{key}_{'excel' if excel else 'plain'}",
                icon=":material/download:",
                on_click="ignore",
            )


def day_columns(table: export.Table) -> dict[str, Any]:
    """Date columns shown as days, as the CSV writes them, not as midnight timestamps."""
    return {
        column.name: st.column_config.DateColumn(column.name, format="YYYY-MM-DD")
        for column in table.columns
        if column.type is export.FieldType.DATE
    }


def size_label(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} B"


# --- the page: export --------------------------------------------------------------------

page = page_setup("export")
data, as_of, lang = page.dataset, page.as_of, page.lang
file_label = page.load.file

export_tab, import_tab = st.tabs([t("export.tab.export", lang), t("export.tab.import", lang)])

with export_tab:
    st.markdown(t("export.intro", lang, as_of=as_of.isoformat(), file=file_label))
    in_view = st.toggle(
        t("export.view", lang), key=VIEW_KEY, help=t("export.view_help", lang), bind="query-params"
    )
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view = read_view(params, st.session_state, data)
    filters = describe_view(view)
    if in_view:
        shown = "; ".join(f"{key} = {values}" for key, values in filters)
        st.caption(
            t("export.view.filters", lang, filters=shown, as_of=as_of.isoformat())
            if filters
            else t("export.view.no_filters", lang, as_of=as_of.isoformat())
        )
    else:
        st.caption(t("export.all.caption", lang, as_of=as_of.isoformat()))

    # Plain values only: a class defined in this script is a new class on every rerun.
    memo_key = (
        page.load.content_hash,
        as_of.isoformat(),
        in_view,
        tuple(filters) if in_view else (),
    )
    memo = st.session_state.get(FRAMES_MEMO)
    if memo is not None and memo[0] == memo_key:
        frames: Frames = memo[1]
    else:
        report, done_ui = progress_ui(t("export.progress.tables", lang))
        frames = build_frames(data, as_of, report)
        if in_view:
            frames = apply_view(frames, view_ids(data, as_of, view))
        done_ui()
        st.session_state[FRAMES_MEMO] = (memo_key, frames)

    st.subheader(t("export.section.tables", lang), anchor=False)
    summary = pd.DataFrame(
        {
            "file": [table.file_name for table in TABLES],
            "rows": pd.Series([len(frames[table.name]) for table in TABLES], dtype="Int64"),
            "columns": pd.Series([len(table.columns) for table in TABLES], dtype="Int64"),
            "meaning": [table.meaning for table in TABLES],
        }
    )
    st.dataframe(
        summary,
        key="export_tables",
        hide_index=True,
        # Tall enough for every table without scrolling: a header and 18 rows of 35 px.
        height=(len(TABLES) + 1) * 35 + 3,
        column_config={
            "file": st.column_config.TextColumn(t("export.column.file", lang)),
            "rows": st.column_config.NumberColumn(t("export.column.rows", lang)),
            "columns": st.column_config.NumberColumn(t("export.column.columns", lang)),
            "meaning": st.column_config.TextColumn(t("export.column.meaning", lang), width="large"),
        },
    )

    names = [table.name for table in TABLES]
    chosen = st.selectbox(
        t("export.pick_table", lang),
        names,
        format_func=lambda name: TABLES_BY_NAME[name].file_name,
        key=TABLE_KEY,
    )
    table = TABLES_BY_NAME[chosen if chosen in TABLES_BY_NAME else names[0]]
    frame = frames[table.name]
    st.caption(t("export.table.caption", lang, meaning=table.meaning, rows=len(frame)))
    st.dataframe(frame, key="export_preview", hide_index=True, column_config=day_columns(table))
    csv_downloads_ui(frame, file_stem(table.name, as_of, in_view, False), lang, key="export_csv")

    st.subheader(t("export.section.zip", lang), anchor=False)
    st.caption(t("export.zip.caption", lang, count=len(TABLES)))
    excel = st.toggle(
        t("export.excel", lang),
        key=EXCEL_KEY,
        help=t("export.excel_help", lang),
        bind="query-params",
    )
    folder = export.archive_name(as_of, excel) + ("-view" if in_view else "")
    zip_key = (*memo_key, excel)
    if st.button(t("export.zip.build", lang), key="export_zip_build", icon=":material/folder_zip:"):
        report, done_ui = progress_ui(t("export.progress.zip", lang))
        if in_view:
            content = zip_of(view_files(frames, data, as_of, excel, filters), folder, as_of, report)
        else:
            content = export.export_zip(data, as_of, excel, progress=report)
        done_ui()
        st.session_state[ZIP_MEMO] = (zip_key, f"{folder}.zip", content)
    built = st.session_state.get(ZIP_MEMO)
    if built is not None and built[0] == zip_key:
        st.download_button(
            t("export.zip.download", lang, name=built[1], size=size_label(len(built[2]))),
            data=built[2],
            file_name=built[1],
            mime="application/zip",
            key="export_zip_download",
            type="primary",
            icon=":material/download:",
            on_click="ignore",
        )


# --- the page: import --------------------------------------------------------------------


def merge(base_hash: str, records: tuple[Evidence, ...]) -> None:
    """Append the previewed records to the data file, as the editor this session is now."""
    try:
        written = auth.write_as_editor(data_path(), base_hash=base_hash, evidence=records)
    except store.NotAnEditor:
        outcome = ("error", "import.outcome.not_editor", {})
    except store.WriteConflict:
        outcome = ("error", "import.outcome.conflict", {})
    except store.WriteRejected as rejected:
        shown = "\n".join(f"- {escape_markdown(str(p))}" for p in rejected.problems[:20])
        outcome = ("error", "import.outcome.rejected", {"problems": shown})
    except store.StoreBusy:
        outcome = ("error", "import.outcome.busy", {})
    except (store.StoreError, OSError, ValueError) as error:
        outcome = ("error", "import.outcome.failed", {"error": escape_markdown(str(error))})
    else:
        lines = ", ".join(f"{first}-{last}" for first, last in written.changed_lines)
        ids = ", ".join(record.id for record in records)
        outcome = ("success", "import.outcome.merged", {"ids": ids, "lines": lines})
        # A new uploader key empties it: the merged file is not offered again.
        st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1
    st.session_state[OUTCOME_KEY] = outcome


def outcome_ui(lang: Language) -> None:
    outcome = st.session_state.pop(OUTCOME_KEY, None)
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
        st.dataframe(
            problems_table(result),
            key="import_problems",
            hide_index=True,
            column_config={
                "row": st.column_config.NumberColumn(t("import.column.row", lang)),
                "column": st.column_config.TextColumn(t("import.column.column", lang)),
                "code": st.column_config.TextColumn(t("problems.code", lang)),
                "message": st.column_config.TextColumn(t("problems.message", lang), width="large"),
            },
        )


with import_tab:
    st.markdown(t("import.intro", lang, file=file_label))
    outcome_ui(lang)
    editor = auth.editor_ui(lang, key="import_auth")
    if editor is not None:
        uploaded = st.file_uploader(
            t("import.upload", lang),
            type=["csv"],
            key=f"import_file_{st.session_state.get(UPLOADS_KEY, 0)}",
            help=t("import.upload_help", lang),
            max_upload_size=MAX_IMPORT_BYTES // (1024 * 1024),
        )
        if uploaded is None:
            st.info(t("import.hint", lang))
        else:
            with st.spinner(t("import.checking", lang, name=escape_markdown(uploaded.name))):
                result = read_evidence_csv(uploaded.getvalue(), data)
            import_result_ui(result, lang)
            if result.records:
                st.subheader(t("import.preview", lang, count=len(result.records)), anchor=False)
                st.dataframe(
                    preview_table(result, data),
                    key="import_preview",
                    hide_index=True,
                    column_config=day_columns(export.EVIDENCE),
                )
                st.button(
                    t("import.merge", lang, count=len(result.records), file=file_label),
                    key="import_merge",
                    type="primary",
                    icon=":material/merge:",
                    # The preview's records and the hash of the data it was checked against:
                    # if the file has changed since, the store refuses with WriteConflict.
                    on_click=merge,
                    args=(page.load.content_hash, result.records),
                )
