"""The pages in a real browser: charts drawn, a commitment opened from the table, a view built
with the filters and shared as a link that reproduces it in a fresh browser, the language
switch, search; with screenshots of each view for review."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import CHROMIUM_ARGS, RENDER_TIMEOUT_MS, wait_for_render
from tests.helpers import OpenPage
from tracker.domain.model import Dataset
from tracker.present import dashboard
from tracker.present.i18n import t
from tracker.query.names import commitment_label
from tracker.source.loader import load_dataset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"

Screenshot = Callable[[Path], bytes]
assert CHROMIUM_ARGS  # the same browser flags as the other browser tests


def bundled() -> Dataset:
    data = load_dataset(REPO / "commitments.yaml").dataset
    assert data is not None, "commitments.yaml does not load"
    return data


def enter(open_page: OpenPage, app_url: str, path: str) -> Page:
    """The page at `path` (with its query string), as a shared link opens it."""
    return open_page(f"{app_url}/{path}")


def settle(page: Page) -> None:
    """After an interaction whose effect has been seen: until the rerun has finished."""
    wait_for_render(page)


def paragraphs(page: Page, table: int = 0) -> list[str]:
    """The first column of a table, read from the grid's accessible cells."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(table)
    grid.locator('[data-testid="glide-cell-1-0"]').wait_for(state="attached")
    cells = grid.locator('[data-testid^="glide-cell-1-"]')
    return [cells.nth(row).inner_text() for row in range(cells.count())]


def caption(page: Page) -> str:
    return page.locator(
        '[data-testid="stMain"] [data-testid="stCaptionContainer"]'
    ).first.inner_text()


def type_day(page: Page, field: str, day: dt.date) -> None:
    """Type a day into a date input (year, month, day segments), then leave the field, which
    is when Streamlit takes the value."""
    page.locator(f'[aria-label="year, {field}"]').click()
    page.keyboard.type(day.strftime("%Y%m%d"))
    page.locator("h1").first.click()


def test_overview_renders_its_charts(open_page: OpenPage, app_url: str) -> None:
    """The overview draws its three charts (and the superseded resolution's matrix, folded),
    each with a title and marks."""
    page = open_page(app_url)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.nth(2).locator("svg.main-svg").first.wait_for()
    wait_for_render(page)
    assert charts.count() == 4
    for index in (0, 2, 3):
        drawn = charts.nth(index).evaluate(
            "c => [c.querySelector('.gtitle')?.textContent || '',"
            " c.querySelectorAll('.trace, .hm, .point').length]"
        )
        assert drawn[0] and drawn[1] > 0, drawn


def test_selecting_a_commitment_shows_its_detail(
    open_page: OpenPage, app_url: str, full_page_screenshot: Screenshot
) -> None:
    """Clicking a row of the commitments table opens that commitment's record below, with its
    texts in both languages and its status timeline, and puts it in the URL."""
    data = bundled()
    op4 = next(c for c in data.commitments if c.id == "A/RES/58/50:OP4")
    page = enter(open_page, app_url, "commitments?resolution=A/RES/58/50")
    row = paragraphs(page).index(commitment_label(data, op4))
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert grid is not None
    # The row's selection box: in the left column, below the 35 px header row.
    page.mouse.click(grid["x"] + 15, grid["y"] + 35 * (row + 1) + 17)
    page.wait_for_url(re.compile(r"commitment=A%2FRES%2F58%2F50%3AOP4"))
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h2").first.inner_text() == f"{commitment_label(data, op4)} · Calls upon"
    assert main.get_by_text(op4.text.en, exact=True).count() == 1
    assert op4.text.zh and main.get_by_text(op4.text.zh, exact=True).count() == 1
    timeline = main.locator('[data-testid="stPlotlyChart"]')
    timeline.locator("svg.main-svg").first.wait_for()
    assert timeline.locator(".point, .trace").count() > 0
    full_page_screenshot(SCREENSHOTS / "commitments-record.png")


def test_shared_link_reproduces_the_view(
    open_page: OpenPage,
    app_url: str,
    browser: Browser,
    full_page_screenshot: Screenshot,
) -> None:
    """The reviewer's question, answered with the filters alone: which commitments regressed
    for the Russian Federation since 2014. The link it leaves in the address bar (filters,
    day and language) opens the same view in a new browser with nothing in common."""
    page = enter(open_page, app_url, "commitments")
    actor = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Actor")
    actor.locator("input").click()
    page.keyboard.type("RUS")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"actor=RUS"))
    settle(page)
    page.get_by_role("radio", name=t("transition.worsened", "en")).click()
    page.wait_for_url(re.compile(r"change=worsened"))
    settle(page)
    type_day(page, t("commitments.filter.since", "en"), dt.date(2014, 1, 1))
    page.wait_for_url(re.compile(r"since=2014-01-01"))
    settle(page)
    type_day(page, t("sidebar.as_of", "en"), dt.date(2025, 6, 30))
    page.wait_for_url(re.compile(r"as_of=2025-06-30"))
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    page.wait_for_url(re.compile(r"lang="))
    settle(page)

    data = bundled()
    wanted = dashboard.CommitmentFilter(
        actors=("RUS",), change="worsened", since=dt.date(2014, 1, 1)
    )
    expected = [
        commitment_label(data, c)
        for c in dashboard.filter_commitments(data, dt.date(2025, 6, 30), wanted)
    ]
    assert expected, "the bundled data should hold at least one Russian regression since 2014"
    seen = (page.locator("h1").first.inner_text(), caption(page), paragraphs(page))
    assert seen[0] == t("page.commitments.title", "zh")
    assert seen[2] == expected
    full_page_screenshot(SCREENSHOTS / "commitments-russia-since-2014-zh.png")

    link = page.url
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    try:
        other = fresh.new_page()
        other.set_default_timeout(RENDER_TIMEOUT_MS)
        other.goto(link)
        wait_for_render(other)
        again = (other.locator("h1").first.inner_text(), caption(other), paragraphs(other))
        assert again == seen
        assert other.url == link
        actors = other.locator('[data-testid="stMultiSelect"]').filter(
            has_text=t("label.actor", "zh")
        )
        assert "RUS" in actors.inner_text()
        pressed = other.locator('[role="radio"][aria-checked="true"]').inner_text()
        assert pressed == t("transition.worsened", "zh")
    finally:
        fresh.close()


def test_language_switch_changes_visible_labels(open_page: OpenPage, app_url: str) -> None:
    """The 中文 switch turns the title, the navigation, the filter labels and the record's
    heading Chinese, and the English switch turns them back."""
    data = bundled()
    op4 = next(c for c in data.commitments if c.id == "A/RES/58/50:OP4")
    page = enter(open_page, app_url, "commitments?commitment=A/RES/58/50:OP4")
    assert page.locator("h2").first.inner_text() == f"{commitment_label(data, op4)} · Calls upon"
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    page.wait_for_url(re.compile(r"lang="))
    # The URL changes before the rerun draws: wait for the new heading, then for the rerun.
    expect(page.locator("h1").first).to_have_text(t("page.commitments.title", "zh"))
    settle(page)
    expect(page.locator("h2").first).to_have_text(f"{commitment_label(data, op4)} · 吁请")
    labels = page.locator('[data-testid="stMain"] [data-testid="stWidgetLabel"]').all_inner_texts()
    for key in ("label.actor", "commitments.filter.status", "commitments.pick"):
        assert t(key, "zh") in labels
    nav = page.locator('.st-key-navigation [data-testid="stPageLink"]').all_inner_texts()
    assert any(link.endswith(t("page.evidence.title", "zh")) for link in nav)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(lambda url: "lang=" not in url)
    expect(page.locator("h1").first).to_have_text(t("page.commitments.title", "en"))


def test_search_highlights_and_opens_the_record(
    open_page: OpenPage, app_url: str, full_page_screenshot: Screenshot
) -> None:
    """'Belarus' finds the actor first, with the word highlighted; one click opens it."""
    page = enter(open_page, app_url, "search?q=Belarus")
    first = page.locator('[data-testid="stMain"] [data-testid="stPageLink"]').first
    assert "BLR" in first.inner_text()
    marked = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"] span')
    assert "Belarus" in marked.all_inner_texts()
    full_page_screenshot(SCREENSHOTS / "search-belarus.png")
    first.locator("a").click()
    page.wait_for_url(re.compile(r"/actors\?.*scorecard=BLR"))
    settle(page)
    assert page.locator("h2").nth(1).inner_text().startswith("BLR · ")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("actors-scorecard-rus", "actors?scorecard=RUS"),
        ("evidence-belarus", "evidence?ev_actor=BLR&ev_item=E40"),
        ("source-text-58-50-zh", "source_text?symbol=A/RES/58/50&lang=中文"),
    ],
)
def test_view_screenshots(
    open_page: OpenPage,
    app_url: str,
    full_page_screenshot: Screenshot,
    name: str,
    path: str,
) -> None:
    """A full-page screenshot of a view opened by its link, for review."""
    page = enter(open_page, app_url, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stMain"] [data-testid="stHeading"]').count() >= 2
    assert len(full_page_screenshot(SCREENSHOTS / f"{name}.png")) > 10_000
