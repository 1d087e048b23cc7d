"""The app in a real browser: what an analyst sees, every page reachable by deep link on a
fresh server, and screenshots for review and for the README."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tracker.present.i18n import t

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini.yaml"
SCREENSHOTS = REPO / "test-output" / "screenshots"
README_SCREENSHOT = REPO / "docs" / "screenshot-overview.png"
# Page scripts by URL path: st.Page infers the path from the file name, as the legacy
# pages/ folder does on a fresh server, so the two agree.
PAGES = sorted(path.stem for path in (REPO / "pages").glob("*.py"))

OpenPage = Callable[[str], Page]


def test_app_shows_the_ten_commitments(open_page: OpenPage, app_url: str) -> None:
    """The app's front page shows the eight paragraphs of A/RES/57/58, then OP1..OP10 of
    A/RES/58/50, top to bottom, as the rows of the status matrix."""
    page = open_page(app_url)
    assert page.locator('[data-testid="stException"]').count() == 0
    matrix = page.locator('[data-testid="stPlotlyChart"]').first
    predecessor = [f"A/RES/57/58 OP{n}" for n in range(1, 9)]
    # plotly draws its axes a moment after the chart's SVG: wait for every row label.
    expect(matrix.locator(".ytick text")).to_have_count(len(predecessor) + 10)
    rows = matrix.locator(".ytick text").evaluate_all(
        "ticks => ticks.map(t => [t.getBoundingClientRect().top, t.textContent])"
    )
    assert [text for _, text in sorted(rows)] == predecessor + [
        f"A/RES/58/50 OP{n}" for n in range(1, 11)
    ]


def test_root_forwards_to_the_overview_and_its_link_stays_valid(
    open_page: OpenPage, app_url: str
) -> None:
    """The root URL forwards to /overview with the view kept (?lang=中文), and /overview, the
    address visitors copy, is never answered with 'Page not found' once app.py has run."""
    page = open_page(f"{app_url}/?lang=中文")
    page.wait_for_url("**/overview?lang=*")
    wait_for_title = page.get_by_role("heading", name=t("page.overview.title", "zh"))
    wait_for_title.wait_for()
    page = open_page(f"{app_url}/overview")
    assert page.locator("h1").first.inner_text() == t("page.overview.title", "en")
    assert page.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize("page_path", PAGES)
def test_deep_link_on_a_fresh_server(
    open_page: OpenPage,
    fresh_server: Callable[[Path], AbstractContextManager[str]],
    page_path: str,
) -> None:
    """A first visit straight to /<page> on a new server, which runs the page script without
    app.py, renders the page's title and no exception."""
    with fresh_server(MINI) as url:
        page = open_page(f"{url}/{page_path}")
        title = t(f"page.{page_path}.title", "en")
        assert page.locator("h1").first.inner_text() == title
        assert page.locator('[data-testid="stException"]').count() == 0
        # Set by the page's own setup: without it the tab would read the file name.
        assert page.title() == f"{title} · {t('app.title', 'en')}"


@pytest.mark.parametrize("page_path", PAGES)
def test_screenshot(
    open_page: OpenPage,
    full_page_screenshot: Callable[[Path], bytes],
    app_url: str,
    page_path: str,
) -> None:
    """A full-page screenshot of each page on the bundled data, for review. With
    UPDATE_SCREENSHOTS=1 the overview's also replaces the README's docs/screenshot-overview.png."""
    open_page(app_url)  # as a visitor arrives: app.py runs, and its navigation is drawn
    page = open_page(f"{app_url}/{page_path}")
    assert page.locator('[data-testid="stException"]').count() == 0
    shot = full_page_screenshot(SCREENSHOTS / f"{page_path}.png")
    assert len(shot) > 10_000
    if page_path == "overview" and os.environ.get("UPDATE_SCREENSHOTS") == "1":
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        README_SCREENSHOT.write_bytes(shot)
