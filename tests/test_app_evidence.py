"""The Evidence page with the results of a link check beside the data: dead links marked in the
table and on the item, the archived copy linked beside the source, "cite this" with the
permalink, the judgements that cite the item; a results file that cannot be read is said, not
a traceback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import AppOn, run
from tracker.exchange.links import LinkCheck, write_results
from tracker.present.markdown import escape_markdown
from tracker.source.loader import load_dataset

PAGE = "pages/evidence.py"
E29_URL = "http://www.armscontrol.org/factsheets/pniglance"
E40_URL = "https://www.pravda.com.ua/eng/news/2023/06/16/7407202/"
ARCHIVED = (
    "https://archive.example/web/20240101000000/http://www.armscontrol.org/factsheets/pniglance"
)
CHECKED = dt.date(2026, 11, 30)
SINCE = dt.date(2026, 11, 2)


@pytest.fixture
def checked_data(mini_text: str, write_data: Callable[[str], Path]) -> Path:
    """The fixture with an archived copy for E29, and a check that found E29's source dead
    and E40's answering."""
    text = mini_text.replace(
        f"    url: {E29_URL}\n", f"    url: {E29_URL}\n    archived_url: {ARCHIVED}\n", 1
    )
    path = write_data(text)
    write_results(
        path.parent / "data" / "link_checks.csv",
        [
            LinkCheck(E29_URL, CHECKED, "dead", 404, failing_since=SINCE),
            LinkCheck(E40_URL, CHECKED, "ok", 200),
        ],
    )
    return path


def evidence_page(app_on: AppOn, data: Path, **params: str) -> AppTest:
    """The app opened on the Evidence page with `params` in the URL, as a link opens it."""
    at = run(app_on(data))
    at.switch_page(PAGE)
    for key, value in params.items():
        at.query_params[key] = value
    return run(at)


def listed(at: AppTest) -> pd.DataFrame:
    (frame,) = [f.value for f in at.dataframe if "publisher" in f.value.columns]
    return frame


def test_the_table_marks_the_items_whose_source_is_dead(app_on: AppOn, checked_data: Path) -> None:
    table = listed(evidence_page(app_on, checked_data))
    marks = dict(zip(table["id"], table["Link check"], strict=True))
    assert marks == {"E40": "", "E29": "Dead link (404) since 2026-11-02", "E01": ""}


def test_without_a_check_the_table_has_no_mark_column(app_on: AppOn, data: Path) -> None:
    assert "Link check" not in listed(evidence_page(app_on, data)).columns


def test_the_item_shows_its_dead_link_and_archived_copy(app_on: AppOn, checked_data: Path) -> None:
    at = evidence_page(app_on, checked_data, ev_item="E29")
    urls = [button.proto.url for button in at.get("link_button")]
    assert urls == [E29_URL, ARCHIVED]
    assert [w.value for w in at.warning] == [
        f"{escape_markdown('Dead link (404) since 2026-11-02')}: {escape_markdown(E29_URL)}"
    ]


def test_an_answering_link_says_when_it_was_checked(app_on: AppOn, checked_data: Path) -> None:
    at = evidence_page(app_on, checked_data, ev_item="E40")
    assert not at.warning
    assert any("answered when checked on 2026-11-30" in caption.value for caption in at.caption)


def test_cite_this_gives_the_reference_with_its_permalink(
    app_on: AppOn, checked_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.example.org/")
    at = evidence_page(app_on, checked_data, ev_item="E40")
    references = [block.value for block in at.code]
    assert references[0].startswith("Ukrainska Pravda. (2023, June 16). ")
    assert references[0].endswith(
        f"{E40_URL} Tracker record: https://tracker.example.org/evidence?ev_item=E40"
    )
    # The judgements citing E40 follow, each with its reference.
    dataset = load_dataset(checked_data).dataset
    assert dataset is not None
    citing = [a for a in dataset.assessments if "E40" in a.evidence]
    assert len(citing) >= 2 and len(references) == 1 + len(citing)
    assert "commitments?commitment=A/RES/58/50:OP4&assessment=AS-OP4-" in references[1]
    assert "&as_of=2023-06-16" in references[1]
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["CSL-JSON", "BibTeX", "RIS"] * (1 + len(citing))


def test_a_results_file_that_cannot_be_read_is_said(app_on: AppOn, data: Path) -> None:
    (data.parent / "data").mkdir()
    (data.parent / "data" / "link_checks.csv").write_text("url,when\nx,y\n", encoding="utf-8")
    at = evidence_page(app_on, data)
    assert "the header is not url,checked_on" in at.warning[0].value
    assert "Link check" not in listed(at).columns
