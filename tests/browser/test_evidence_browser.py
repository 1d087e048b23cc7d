"""The Evidence page in Chromium: the resolution and commitment filters and the link they leave,
the timeline drawn when switched on (and the link that keeps it), and a filter change after the
data file has changed (the filters and results rerun alone,
unless the data changed: then the whole page does)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import RENDER_TIMEOUT_MS, Server, wait_for_render
from tests.helpers import REAL_DATA, OpenPage
from tracker.present import dashboard
from tracker.present.i18n import t
from tracker.source.loader import load_dataset

RESOLUTION = "A/RES/57/58"
COMMITMENT = "A/RES/57/58:OP2"


def pick(page: Page, testid: str, label: str, typed: str, option: str) -> None:
    """Type `typed` into the select (or multiselect) labelled `label` and click the option
    whose label holds `option`. (No Escape after: it would clear a selectbox.)"""
    box = page.locator(f'[data-testid="{testid}"]').filter(has_text=label)
    box.locator("input").click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=option).first.click()


def ids(page: Page, rows: int) -> list[str]:
    """The id column of the Evidence table, read from the grid's accessible cells once it
    has `rows` rows (the grid redraws its cells a moment after the rerun)."""
    cells = page.locator('[data-testid="stDataFrame"]').first.locator(
        '[data-testid^="glide-cell-1-"]'
    )
    expect(cells).to_have_count(rows)
    return cells.all_inner_texts()


def count(page: Page) -> str:
    captions = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]')
    return next(text for text in captions.all_inner_texts() if "evidence items known" in text)


def test_resolution_then_paragraph_and_the_link_they_leave(
    open_page: OpenPage, app_url: str, browser: Browser
) -> None:
    """A resolution keeps the evidence on its paragraphs, one of its paragraphs narrows it;
    the link in the address bar opens the same view in a browser with nothing in common."""
    data = load_dataset(REAL_DATA).dataset
    assert data is not None
    page = open_page(f"{app_url}/evidence")
    pick(page, "stSelectbox", t("label.resolution", "en"), RESOLUTION, f"{RESOLUTION} · ")
    page.wait_for_url(re.compile(r"ev_resolution=A%2FRES%2F57%2F58"))
    wait_for_render(page)
    pick(page, "stMultiSelect", t("label.commitment", "en"), "OP2", "A/RES/57/58 OP2")
    page.wait_for_url(re.compile(r"ev_commitment=A%2FRES%2F57%2F58(%3A|:)OP2(&|$)"))
    wait_for_render(page)
    kept = dashboard.EvidenceFilter(commitments=(COMMITMENT,))
    expected = [item.id for item in dashboard.filter_evidence(data, dt.date.today(), kept)]
    assert expected, "the bundled data should hold evidence on A/RES/57/58 OP2"
    seen = (count(page), ids(page, len(expected)))
    assert seen[1] == expected

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    try:
        other = fresh.new_page()
        other.set_default_timeout(RENDER_TIMEOUT_MS)
        other.goto(page.url)
        wait_for_render(other)
        assert (count(other), ids(other, len(expected))) == seen
        chosen = other.locator('[data-testid="stMultiSelect"]').filter(
            has_text=t("label.commitment", "en")
        )
        assert "OP2" in chosen.inner_text()
    finally:
        fresh.close()


def test_the_timeline_is_drawn_when_switched_on_and_the_link_keeps_it(
    open_page: OpenPage, app_url: str
) -> None:
    """The page opens on its table alone; the switch draws the timeline above it and puts it
    in the address, which opens the page with the timeline drawn."""
    page = open_page(f"{app_url}/evidence")
    charts = page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]')
    assert charts.count() == 0
    page.get_by_text(t("evidence.show_timeline", "en"), exact=True).click()
    page.wait_for_url(re.compile(r"ev_timeline=true"))
    wait_for_render(page)
    expect(charts).to_have_count(1)
    assert charts.first.locator(".point").count() > 0
    linked = open_page(page.url)
    wait_for_render(linked)
    expect(charts).to_have_count(1)


def test_a_filter_change_after_the_data_changed_redraws_the_whole_page(
    open_page: OpenPage, fresh_server: Server, tmp_path: Path
) -> None:
    """The sidebar says when the data file last changed; a filter change after a change of the
    file reruns the whole page, so it says so at once."""
    for name in ("sources", "data", "schema"):  # the official texts and vote records
        (tmp_path / name).symlink_to(REAL_DATA.parent / name)
    data = tmp_path / "commitments.yaml"
    shutil.copy(REAL_DATA, data)
    long_ago = dt.datetime(2020, 1, 2, 3, 4).timestamp()
    os.utime(data, (long_ago, long_ago))
    sidebar = '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]'
    with fresh_server(data) as url:
        page = open_page(f"{url}/evidence")
        assert "2020-01-02 03:04" in page.locator(sidebar).last.inner_text()
        with data.open("a", encoding="utf-8") as file:
            file.write("\n# changed while the page was open\n")
        official = t("label.source_type", "en")
        pick(page, "stMultiSelect", official, "Official", "Official")
        page.wait_for_url(re.compile(r"ev_source=official"))
        wait_for_render(page)
        today = dt.date.today().isoformat()
        page.locator(sidebar).filter(has_text=today).wait_for()
        assert "2020-01-02" not in page.locator(sidebar).last.inner_text()
