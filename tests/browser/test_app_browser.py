"""The app in a real browser: what an analyst sees, every page reachable by deep link on a
fresh server, and screenshots for review and for the README."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import MINI, OpenPage
from tracker.present.i18n import t
from ui.routes import ROUTES

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
README_SCREENSHOT = REPO / "docs" / "screenshot-overview.png"
# Page scripts by URL path: st.Page infers the path from the file name, as the legacy
# pages/ folder does on a fresh server, so the two agree.
PAGES = sorted(path.stem for path in (REPO / "pages").glob("*.py"))


def test_app_shows_the_ten_commitments(open_page: OpenPage, app_url: str) -> None:
    """The app's front page shows OP1..OP10 of A/RES/58/50, the resolution in force, top to
    bottom, as the rows of the status matrix (its title names the resolution)."""
    page = open_page(app_url)
    assert page.locator('[data-testid="stException"]').count() == 0
    matrix = page.locator('[data-testid="stPlotlyChart"]').first
    # plotly draws its axes a moment after the chart's SVG: wait for every row label.
    expect(matrix.locator(".ytick text")).to_have_count(10)
    rows = matrix.locator(".ytick text").evaluate_all(
        "ticks => ticks.map(t => [t.getBoundingClientRect().top, t.textContent])"
    )
    assert [text for _, text in sorted(rows)] == [f"OP{n}" for n in range(1, 11)]
    assert "A/RES/58/50" in (matrix.locator(".gtitle").text_content() or "")


NAVIGATION = '.st-key-navigation [data-testid="stPageLink"]'


def navigation(page: Page) -> list[tuple[str, str]]:
    """The sidebar navigation as drawn: (icon name, label) per link, in order."""
    links = page.locator(NAVIGATION)
    expect(links).to_have_count(len(ROUTES))
    return [
        (
            link.locator('[data-testid="stIconMaterial"]').inner_text(),
            link.locator('[data-testid="stMarkdownContainer"]').inner_text(),
        )
        for link in links.all()
    ]


def expected_navigation(lang: str) -> list[tuple[str, str]]:
    return [(route.icon.strip(":").split("/")[-1], route.title(lang)) for route in ROUTES]


def test_root_and_the_overview_address_both_show_the_overview(
    open_page: OpenPage, app_url: str
) -> None:
    """The root URL shows the overview itself (no redirect), and /overview, an address
    visitors copy, shows it too, never 'Page not found', in the language of the link."""
    page = open_page(f"{app_url}/?lang=中文")
    assert page.locator("h1").first.inner_text() == t("page.overview.title", "zh")
    assert page.url.rstrip("/").endswith("?lang=%E4%B8%AD%E6%96%87")
    page = open_page(f"{app_url}/overview")
    assert page.locator("h1").first.inner_text() == t("page.overview.title", "en")
    assert page.get_by_text("Page not found").count() == 0
    assert navigation(page) == expected_navigation("en")


@pytest.mark.parametrize("page_path", PAGES)
def test_deep_link_on_a_fresh_server(
    open_page: OpenPage,
    fresh_server: Callable[[Path], AbstractContextManager[str]],
    page_path: str,
) -> None:
    """A first visit straight to /<page>?lang=中文 on a new server, which runs the page script
    before app.py ever ran, renders the page with the same frame as a visit from the root:
    the title, the tab title, and the one navigation (labels, icons, language) of the route
    table; Streamlit's own file-name menu never shows."""
    with fresh_server(MINI) as url:
        page = open_page(f"{url}/{page_path}?lang=中文")
        title = t(f"page.{page_path}.title", "zh")
        assert page.locator("h1").first.inner_text() == title
        assert page.locator('[data-testid="stException"]').count() == 0
        # Set by the page's own setup: without it the tab would read the file name.
        assert page.title() == f"{title} · {t('app.title', 'zh')}"
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        deep = navigation(page)
        root = navigation(open_page(f"{url}/?lang=中文"))
        assert deep == root == expected_navigation("zh")


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


def test_language_and_day_survive_a_change_of_page(open_page: OpenPage, app_url: str) -> None:
    """Following the navigation keeps the sidebar's language and as-of day (they travel in the
    URL), so the next page opens on the same view."""
    page = open_page(f"{app_url}/commitments?lang=中文&as_of=2010-01-01")
    page.locator(NAVIGATION).filter(has_text=t("page.evidence.title", "zh")).click()
    page.wait_for_url("**/evidence?*")
    expect(page.locator("h1").first).to_have_text(t("page.evidence.title", "zh"))
    assert "as_of=2010-01-01" in page.url
    day = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    expect(day).to_have_value("2010-01-01")
