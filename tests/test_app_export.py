"""The Export page through Streamlit's AppTest: every table listed with its row count on the
bundled data, the zip the button offers (the same bytes as `export.export_zip`), 'what I see'
narrowed by the dashboard's filters from the URL or the session, and the evidence import:
absent for viewers, row problems in the preview, a malformed file that leaves the data
untouched, a merge through the store, and a conflict when the data changed meanwhile."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import NO_EDITORS, REAL_DATA, AppOn, run
from tracker.domain.model import Dataset
from tracker.exchange import export
from tracker.exchange.export import TABLES, csv_bytes, evidence_table
from tracker.exchange.import_csv import COLUMNS
from tracker.source.access import PASSWORD_ENV, password_hash
from tracker.source.loader import load_dataset

PAGE = "pages/export.py"
SUMMARY_COLUMNS = ("file", "rows", "columns", "meaning")
PROBLEM_COLUMNS = ("row", "column", "code", "message")
IMPORT_PREVIEW_COLUMNS = ("row", *COLUMNS)
PASSWORD = "a long editor passphrase"
PASSWORD_SECRETS = {"editors": {"password_hash": password_hash(PASSWORD, log2_n=15)}}
# Some secrets, none about editing: without any, AppTest would read the real secrets files.


pytestmark = pytest.mark.usefixtures("no_password_in_the_environment")


def export_page(app_on: AppOn, data: Path, secrets: dict[str, Any] = NO_EDITORS) -> AppTest:
    at = app_on(data)
    at.secrets.update(secrets)
    run(at).switch_page(PAGE)  # the app's navigation first, as a visitor enters it
    return at


def loaded(path: Path) -> Dataset:
    result = load_dataset(path)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


def table(at: AppTest, columns: Sequence[str]) -> pd.DataFrame | None:
    """The table shown with these columns. (AppTest 1.67 knows the key of a dataframe only
    when it is selectable, so tables are found by their columns.)"""
    found = [frame.value for frame in at.dataframe if list(frame.value.columns) == list(columns)]
    assert len(found) <= 1
    return found[0] if found else None


def listed_rows(at: AppTest) -> dict[str, int]:
    summary = table(at, SUMMARY_COLUMNS)
    assert summary is not None
    return {
        file.removesuffix(".csv"): int(rows)
        for file, rows in zip(summary["file"], summary["rows"], strict=True)
    }


def preview(at: AppTest, name: str) -> pd.DataFrame:
    shown = table(at, export.TABLES_BY_NAME[name].column_names)
    assert shown is not None
    return shown


def zip_names(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.namelist()


def zip_rows(content: bytes, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        member = next(n for n in archive.namelist() if n.endswith(f"/{name}.csv"))
        text = archive.read(member).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def built_zip(at: AppTest) -> tuple[str, bytes]:
    """Press 'Prepare the zip' and take the bytes the download button is then given."""
    at.button(key="export_zip_build").click()
    run(at)
    assert any(b.key == "export_zip_download" for b in at.get("download_button"))
    _, name, content = at.session_state["_export_zip"]
    return name, content


# --- export ------------------------------------------------------------------------------


def test_every_table_is_listed_with_its_row_count_on_the_bundled_data(app_on: AppOn) -> None:
    """Opened with no widget touched, the page lists the 18 tables with the row counts of the
    bundled data, previews the first, and offers its CSV in both variants, the workbook, and
    the evidence and judgements as citations."""
    at = run(export_page(app_on, REAL_DATA))
    assert at.title[0].value == "Export and import"
    expected = export.export_tables(loaded(REAL_DATA), dt.date.today())
    assert listed_rows(at) == {name: len(frame) for name, frame in expected.items()}
    assert list(listed_rows(at)) == [table.name for table in TABLES]
    assert preview(at, "resolutions").equals(expected["resolutions"])
    labels = [button.proto.label for button in at.get("download_button")]
    workbook = f"Download commitment-tracker-{dt.date.today().isoformat()}.xlsx"
    assert labels == ["CSV", "CSV for Excel", workbook, *["CSL-JSON", "BibTeX", "RIS"] * 2]


def test_a_table_picked_is_previewed(app_on: AppOn) -> None:
    at = run(export_page(app_on, REAL_DATA))
    at.selectbox(key="export_table").set_value("evidence")
    run(at)
    assert len(preview(at, "evidence")) == len(loaded(REAL_DATA).evidence)


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_the_zip_offered_is_export_zip_with_every_file(app_on: AppOn, excel: bool) -> None:
    """The zip button is given exactly the bytes of `export.export_zip`, the function the
    CLI's tests pin down: every table, README.md and datapackage.json under one folder."""
    at = run(export_page(app_on, REAL_DATA))
    at.toggle(key="export_excel").set_value(excel)
    run(at)
    name, content = built_zip(at)
    today = dt.date.today()
    folder = export.archive_name(today, excel)
    assert name == f"{folder}.zip"
    assert content == export.export_zip(loaded(REAL_DATA), today, excel)
    assert zip_names(content) == [f"{folder}/{file}" for file in export.file_names()]


def test_changing_the_as_of_date_retires_the_zip_built_before(app_on: AppOn, data: Path) -> None:
    at = run(export_page(app_on, data))
    built_zip(at)
    at.date_input(key="as_of").set_value(dt.date(2010, 1, 1))
    run(at)
    assert not any(b.key == "export_zip_download" for b in at.get("download_button"))


def test_what_i_see_follows_the_filters_in_the_url(app_on: AppOn, data: Path) -> None:
    """With ?actor=RUS (the Commitments page's filter) the view keeps Russia's pairs, their
    assessments and the evidence concerning Russia; vocabularies and dictionary stay whole."""
    at = export_page(app_on, data)
    at.query_params["actor"] = "RUS"
    at.query_params["export_view"] = "true"
    run(at)
    rows = listed_rows(at)
    dataset = loaded(data)
    assert rows["current_status"] == 2  # OP4 and OP5
    assert rows["assessments"] == sum(a.actor == "RUS" for a in dataset.assessments)
    assert rows["evidence"] == sum("RUS" in e.actors for e in dataset.evidence)
    assert rows["actors"] == 1
    assert rows["evidence_actors"] == rows["evidence"]
    assert rows["vocabularies"] == 27
    assert rows["data_dictionary"] == sum(len(table.columns) for table in TABLES)
    assert "actor = RUS" in " ".join(caption.value for caption in at.caption)


def test_what_i_see_reads_filters_kept_in_the_session(app_on: AppOn, data: Path) -> None:
    """The Evidence page's criterion filter, kept in the session while the Export page is
    shown, narrows the evidence tables; an unknown value is ignored, not an error."""
    at = export_page(app_on, data)
    at.session_state["ev_criterion"] = ["verifiability", "no-such-criterion"]
    at.query_params["export_view"] = "true"
    run(at)
    rows = listed_rows(at)
    assert rows["evidence"] == 1
    assert rows["evidence_criteria"] == 1
    assert rows["evidence_links"] == 1
    assert rows["assessments"] == len(loaded(data).assessments)


def test_what_i_see_has_no_filter_by_default_but_the_as_of_date(app_on: AppOn, data: Path) -> None:
    at = export_page(app_on, data)
    at.query_params["export_view"] = "true"
    at.query_params["as_of"] = "2003-12-08"
    run(at)
    rows = listed_rows(at)
    dataset = loaded(data)
    on_day = dt.date(2003, 12, 8)
    assert rows["assessments"] == sum(a.date <= on_day for a in dataset.assessments)
    assert rows["evidence"] == sum(e.start <= on_day for e in dataset.evidence)
    assert "No filter is set" in " ".join(caption.value for caption in at.caption)


def test_the_zip_of_a_view_holds_every_file_and_only_the_view(app_on: AppOn, data: Path) -> None:
    at = export_page(app_on, data)
    at.query_params["actor"] = "RUS"
    at.query_params["export_view"] = "true"
    run(at)
    name, content = built_zip(at)
    folder = export.archive_name(dt.date.today(), excel=False) + "-view"
    assert name == f"{folder}.zip"
    assert zip_names(content) == [f"{folder}/{file}" for file in export.file_names()]
    assert {row["actor_id"] for row in zip_rows(content, "current_status")} == {"RUS"}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "`actor`: RUS" in archive.read(f"{folder}/README.md").decode()


# --- import ------------------------------------------------------------------------------


def signed_in(app_on: AppOn, data: Path) -> AppTest:
    at = run(export_page(app_on, data, PASSWORD_SECRETS))
    at.text_input(key="import_auth_name").input("Li Wei")
    at.text_input(key="import_auth_password").input(PASSWORD)
    at.button(key="import_auth_sign_in").click()
    return run(at)


def upload(at: AppTest, content: bytes, name: str = "evidence.csv") -> AppTest:
    at.file_uploader[0].set_value((name, content, "text/csv"))
    return run(at)


def new_evidence_csv(dataset: Dataset, excel: bool = False) -> bytes:
    """The fixture's E29 as a new item (new id, new source), with a row beneath it that has
    a javascript: URL and one that repeats an item of the data."""
    e29 = dataset.evidence[1]
    fresh = e29.model_copy(
        update={
            "id": "E77",
            "source": e29.source.model_copy(update={"url": "https://example.org/new-report"}),
        }
    )
    bad = fresh.model_copy(
        update={
            "id": "E78",
            "source": e29.source.model_copy(update={"url": "javascript:alert(1)"}),
        }
    )
    rows = dataset.model_copy(update={"evidence": (fresh, bad, dataset.evidence[0])})
    return csv_bytes(evidence_table(rows), excel)


def problems_shown(at: AppTest) -> list[tuple[int, str, str]]:
    shown = table(at, PROBLEM_COLUMNS)
    assert shown is not None
    return list(zip(shown["row"].astype(int), shown["column"], shown["code"], strict=True))


def test_the_import_form_is_absent_for_viewers(app_on: AppOn, data: Path) -> None:
    """Without an editor configured, or before signing in, there is no upload."""
    at = run(export_page(app_on, data))
    assert len(at.file_uploader) == 0
    assert not any(button.key == "import_merge" for button in at.button)
    at = run(export_page(app_on, data, PASSWORD_SECRETS))
    assert len(at.file_uploader) == 0


def test_the_preview_shows_row_problems_and_the_rows_to_add(app_on: AppOn, data: Path) -> None:
    at = upload(signed_in(app_on, data), new_evidence_csv(loaded(data)))
    assert problems_shown(at) == [
        (3, "source_url", "bad-url"),
        (4, "source_url", "import-duplicate"),
    ]
    rows = table(at, IMPORT_PREVIEW_COLUMNS)
    assert rows is not None
    assert list(rows["row"]) == [2] and list(rows["evidence_id"]) == ["E77"]
    assert any(button.key == "import_merge" for button in at.button)


def test_a_malformed_file_is_refused_and_the_data_left_untouched(app_on: AppOn, data: Path) -> None:
    """A file that is not evidence.csv gives row-numbered problems, no merge button, and not
    one byte of the data file (nor its history) changes."""
    before = data.read_bytes()
    at = upload(signed_in(app_on, data), csv_bytes(export.assessments_table(loaded(data)), False))
    assert problems_shown(at) == [(1, "", "import-wrong-header")]
    assert not any(button.key == "import_merge" for button in at.button)
    assert at.error and "no row is taken" in at.error[0].value
    at = upload(at, b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    assert problems_shown(at) == [(1, "", "not-utf8")]
    assert data.read_bytes() == before
    assert not (data.parent / ".history").exists()


def test_merging_appends_the_valid_rows_through_the_store(app_on: AppOn, data: Path) -> None:
    """The merge adds exactly the previewed valid records; the upload is then cleared."""
    dataset = loaded(data)
    at = upload(signed_in(app_on, data), new_evidence_csv(dataset, excel=True))
    at.button(key="import_merge").click()
    run(at)
    assert at.success and "Added E77" in at.success[0].value
    after = loaded(data)
    assert [e.id for e in after.evidence] == [*(e.id for e in dataset.evidence), "E77"]
    assert after.evidence[-1].source.url == "https://example.org/new-report"
    assert after.evidence[-1].summary == dataset.evidence[1].summary
    assert after.assessments == dataset.assessments
    assert len(at.file_uploader) == 1 and not any(b.key == "import_merge" for b in at.button)


def test_a_change_to_the_data_after_the_preview_is_a_conflict(app_on: AppOn, data: Path) -> None:
    """If the file changes between the preview and the merge, nothing is written and the
    preview is rebuilt on the new data; merging again then works."""
    at = upload(signed_in(app_on, data), new_evidence_csv(loaded(data)))
    changed = data.read_text(encoding="utf-8") + "# edited by someone else\n"
    data.write_text(changed, encoding="utf-8")
    at.button(key="import_merge").click()
    run(at)
    assert at.error and "changed after this preview" in at.error[0].value
    assert data.read_text(encoding="utf-8") == changed
    at.button(key="import_merge").click()
    run(at)
    assert at.success and "E77" in at.success[0].value
    assert loaded(data).evidence[-1].id == "E77"


def test_the_role_is_checked_again_when_merging(
    app_on: AppOn, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor whose password stops being valid between preview and merge writes nothing."""
    before = data.read_bytes()
    at = upload(signed_in(app_on, data), new_evidence_csv(loaded(data)))
    monkeypatch.setenv(PASSWORD_ENV, password_hash("another passphrase", log2_n=15))
    at.button(key="import_merge").click()
    run(at)
    assert at.error and "Only editors" in at.error[0].value
    assert data.read_bytes() == before


# --- the toolchain: view in the URL, tables on screen, workbook, citations, Zotero ---------


def test_what_i_see_writes_the_view_into_the_pages_url(app_on: AppOn, data: Path) -> None:
    """Filters kept in the session (set on the dashboard pages) go into the Export page's
    query string, so its link shows the same view to whoever opens it."""
    at = export_page(app_on, data)
    at.session_state["actor"] = ["RUS"]
    at.session_state["ev_criterion"] = ["verifiability", "no-such-criterion"]
    at.query_params["export_view"] = "true"
    run(at)
    # AppTest gives a key's one value as a string.
    assert at.query_params["actor"] in ("RUS", ["RUS"])
    assert at.query_params["ev_criterion"] in ("verifiability", ["verifiability"])
    fresh = export_page(app_on, data)
    for key, values in at.query_params.items():
        fresh.query_params[key] = values
    assert listed_rows(run(fresh)) == listed_rows(at)


def test_the_tables_on_screen_are_offered_in_the_chosen_language(app_on: AppOn, data: Path) -> None:
    at = export_page(app_on, data)
    at.query_params["actor"] = "RUS"
    at.query_params["export_view"] = "true"
    run(at).radio(key="lang").set_value("zh")
    run(at)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels.count("CSV") == 3  # the table picked, then the two on screen
    assert labels.count("适用于 Excel 的 CSV") == 3
    assert f"下载 commitment-tracker-{dt.date.today().isoformat()}-view.xlsx" in labels
    shown = [block.value for block in at.markdown]
    assert any(text.startswith("**承诺（屏幕所示）** · ") for text in shown)
    assert any(text.startswith("**证据（屏幕所示）** · ") for text in shown)


def test_the_screen_sheets_are_the_pages_tables_in_the_workbook(data: Path) -> None:
    """What the workbook button builds in a view: the two tables on screen first, headed in
    the language chosen, then the view's tables."""
    from openpyxl import load_workbook

    from tracker.exchange.export_view import read_view, screen_tables
    from tracker.exchange.workbook import Sheet, export_workbook
    from ui.export_view import SCREEN_TITLES

    dataset = loaded(data)
    view = read_view({"actor": ["RUS"]}, {}, dataset)
    screen = screen_tables(dataset, dt.date(2026, 11, 26), "zh", view)
    sheets = [Sheet(title, screen[name]) for name, title in SCREEN_TITLES.items()]
    frames = export.export_tables(dataset, dt.date(2026, 11, 26))
    book = load_workbook(io.BytesIO(export_workbook(frames, dt.date(2026, 11, 26), first=sheets)))
    assert book.sheetnames[:3] == ["README", *SCREEN_TITLES.values()]
    commitments = list(book[SCREEN_TITLES["commitments"]].iter_rows(values_only=True))
    assert commitments[0] == tuple(screen["commitments"].columns)
    assert commitments[0][0] == "段落"
    assert len(commitments) == len(screen["commitments"]) + 1


def references_file(dataset: Dataset) -> bytes:
    """The fixture's E29 as a Zotero item: new address, the tracker's fields in its note."""
    from tracker.exchange import citations

    e29 = dataset.evidence[1]
    fresh = e29.model_copy(
        update={
            "id": "E77",
            "source": e29.source.model_copy(update={"url": "https://example.org/new-report"}),
        }
    )
    return citations.encode("csl-json", citations.evidence_items(dataset, [fresh]))


def test_a_zotero_export_is_previewed_and_merged(app_on: AppOn, data: Path) -> None:
    dataset = loaded(data)
    at = upload(signed_in(app_on, data), references_file(dataset), name="zotero.json")
    preview_frame = table(at, IMPORT_PREVIEW_COLUMNS)
    assert preview_frame is not None and preview_frame["evidence_id"].tolist() == ["E77"]
    at.button(key="import_merge").click()
    run(at)
    assert at.success and "Added E77" in at.success[0].value
    assert [e.id for e in loaded(data).evidence] == [*(e.id for e in dataset.evidence), "E77"]


def test_a_cut_ris_file_is_refused(app_on: AppOn, data: Path) -> None:
    at = upload(signed_in(app_on, data), b"TY  - JOUR\nTI  - cut\n", name="zotero.ris")
    assert problems_shown(at) == [(1, "", "import-wrong-format")]
    assert not any(b.key == "import_merge" for b in at.button)


def test_a_judgement_picked_is_cited_with_its_permalink(
    app_on: AppOn, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.example.org")
    at = run(export_page(app_on, data))
    assessment = loaded(data).assessments[1]
    at.selectbox(key="export_cite_pick").set_value(assessment.id)
    run(at)
    (reference,) = [block.value for block in at.code]
    assert reference.startswith(f"{assessment.assessor}. ({assessment.date.year}). Assessment of")
    assert reference.endswith(
        f"https://tracker.example.org/commitments?commitment={assessment.commitment}"
        f"&assessment={assessment.id}&as_of={assessment.date.isoformat()}"
    )


def test_table_meanings_are_translated_and_agree_with_the_export() -> None:
    """The Export page says what a row of each table is in Chinese too; its English is the
    export's own (so the two never drift)."""
    from tracker.exchange.export import TABLES
    from tracker.present.i18n import t
    from ui.export_view import TABLE_MEANINGS, table_meaning

    assert set(TABLE_MEANINGS) == {table.name for table in TABLES}
    for table in TABLES:
        assert t(TABLE_MEANINGS[table.name], "en") == table.meaning
        assert table_meaning(table.name, table.meaning, "zh") != table.meaning
