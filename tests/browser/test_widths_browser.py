"""What leaves the screen, in Debian's Chromium at 390 px (a phone), 1024 px (a projector) and
1400 px (a desk): the Overview, a commitment's record and presenter mode on the bundled data,
each screenshot kept in test-output/screenshots/widths/ and checked for what a reader sees:
matrix cells whose labels fit them (never 'imited progre'), row and column labels in place,
the status first in tables, every cited source a link, a presenter item that fits one
1024×768 screen with the sidebar closed and coloured chips, headings in order, the page's
lang attribute; and a click on a matrix cell that opens that pair's record."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import RENDER_TIMEOUT_MS, wait_for_render
from tracker.present.charts import CELL_WIDTH
from tracker.present.colours import contrast
from tracker.source.loader import load_dataset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots" / "widths"
WIDTHS = {390: 844, 1024: 768, 1400: 1000}
RECORD = "commitments?commitment=A%2FRES%2F58%2F50%3AOP5&actor=RUS"
PRESENTER = "review?review_present=true"


@pytest.fixture(params=sorted(WIDTHS), ids=lambda width: f"{width}px")
def tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    width = int(request.param)
    context = browser.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    yield page
    context.close()


def visit(page: Page, url: str) -> Page:
    page.goto(url)
    wait_for_render(page)
    return page


def width_of(page: Page) -> int:
    size = page.viewport_size
    assert size is not None
    return int(size["width"])


def shoot(page: Page, name: str, full: bool = True) -> Path:
    """The page as PNG in SCREENSHOTS (the whole page when `full`; the screen otherwise)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width_of(page)}.png"
    if full:
        size = page.viewport_size
        assert size is not None
        height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
        wait_for_render(page)
        page.screenshot(path=path, full_page=True)
        page.set_viewport_size(size)
        wait_for_render(page)
    else:
        page.screenshot(path=path)
    return path


def headings_in_order(page: Page) -> list[int]:
    """The levels of the main area's headings, checked never to skip a level going down."""
    levels = page.evaluate(
        """() => [...document.querySelectorAll(
            '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,'
            + '[data-testid="stMain"] h4, [data-testid="stMain"] h5')]
            .filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"""
    )
    assert levels and levels[0] == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels
    return list(levels)


def svg_texts(page: Page, key: str, kind: str) -> list[str]:
    """The texts of a chart's `kind` elements ('xtick', 'ytick'), as drawn."""
    found: list[str] = page.locator(f".st-key-scroll_{key} .{kind} text").evaluate_all(
        "texts => texts.map(t => t.textContent)"
    )
    return found


def matrix_cells(page: Page, key: str) -> list[dict[str, float | str]]:
    """The label of each cell of the matrix keyed `key`: its text and its drawn width."""
    found: list[dict[str, float | str]] = page.evaluate(
        """key => [...document.querySelectorAll(
                `.st-key-scroll_${key} .scatterlayer .textpoint text`)]
            .map(t => ({text: t.textContent, width: t.getBBox().width}))""",
        key,
    )
    return found


def test_overview(tab: Page, app_url: str) -> None:
    """Every label of the status matrix fits its cell at every width, the box scrolls
    sideways on a phone rather than squeeze the cells, rows and columns are labelled, the
    headline says 'N of M judged', the charts have text alternatives, headings are in order."""
    page = visit(tab, f"{app_url}/overview")
    width = width_of(page)
    shoot(page, "overview")
    assert page.evaluate("document.documentElement.lang") == "en"
    headings_in_order(page)
    cells = matrix_cells(page, "overview_status_matrix")
    assert {"Regressing", "No progress"} <= {str(cell["text"]) for cell in cells}
    # A label drawn on two lines is one text element with two spans: its width is the longer.
    assert all(float(cell["width"]) <= CELL_WIDTH - 4 for cell in cells), cells
    box = page.locator(".st-key-scroll_overview_status_matrix")
    scrolls = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
    assert scrolls == (width < 600), width  # a phone scrolls; a projector and a desk do not
    rows = svg_texts(page, "overview_status_matrix", "ytick")
    assert sorted(rows, key=lambda row: int(row[2:])) == [f"OP{n}" for n in range(1, 11)]
    columns = svg_texts(page, "overview_status_matrix", "xtick")
    assert columns == ["USA", "RUS", "GBR", "FRA", "CHN", "NATO", "UNGA"]
    judged = page.locator('[data-testid="stMetric"]', has_text="Pairs judged")
    assert "26 of 34" in judged.inner_text()
    alts = page.locator('[data-testid="stPlotlyChart"][role="figure"]').evaluate_all(
        "charts => charts.map(c => c.getAttribute('aria-label'))"
    )
    assert len(alts) >= 3 and all(alt for alt in alts)


def test_a_record(tab: Page, app_url: str) -> None:
    """Russia on OP5, as a matrix click opens it: the status first in the standing table,
    Russia's judgements with their chips, every evidence id its judgements cite a link to the
    source, nothing of the other actors."""
    page = visit(tab, f"{app_url}/{RECORD}")
    shoot(page, "record")
    headings_in_order(page)
    # The commitments table and the standing table: the status right after the row's name.
    for grid in page.locator('[data-testid="stDataFrame"]').all()[:2]:
        headers = grid.locator('[role="columnheader"]')
        assert headers.nth(1).inner_text().strip().startswith("Status")
    assert page.get_by_role("heading", name="Russian Federation (RUS)").is_visible()
    assert page.get_by_role("heading", name=re.compile("United States")).count() == 0
    chip = page.locator("[class*='st-key-status_chip_']").first
    fill, text = chip.evaluate(
        "c => [getComputedStyle(c).backgroundColor, getComputedStyle(c.querySelector('p')).color]"
    )
    assert contrast(rgb_hex(fill), rgb_hex(text)) >= 4.5
    data = load_dataset(REPO / "commitments.yaml").dataset
    assert data is not None
    cited = {
        ref
        for a in data.assessments
        if a.commitment == "A/RES/58/50:OP5" and a.actor == "RUS"
        for ref in a.evidence
    }
    sources = {item.id: item.source.url for item in data.evidence}
    links = page.locator('[data-testid="stMain"] a').evaluate_all(
        "links => links.map(a => [a.textContent, a.getAttribute('href')])"
    )
    linked = {text.split(" ")[0]: href for text, href in links if re.match(r"E\d+", text)}
    assert {ref: linked.get(ref) for ref in cited} == {ref: sources[ref] for ref in cited}


def rgb_hex(css: str) -> str:
    red, green, blue = (int(part) for part in re.findall(r"\d+", css)[:3])
    return f"#{red:02X}{green:02X}{blue:02X}"


def test_presenter_mode(tab: Page, app_url: str) -> None:
    """One agenda item per screen: the sidebar closed, the heading and every actor's
    coloured chip and line within a 1024×768 screen; next moves on."""
    page = visit(tab, f"{app_url}/{PRESENTER}")
    width = width_of(page)
    shoot(page, "presenter", full=False)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "true"
    heading = page.locator(".st-key-review_presenter h2")
    assert heading.is_visible()
    rows = page.locator("[class*='st-key-review_presenter_actor_']")
    assert rows.count() >= 1
    chips = page.locator(".st-key-review_presenter [class*='st-key-status_chip_']")
    assert chips.count() == rows.count()
    if width == 1024:
        last = rows.nth(rows.count() - 1).bounding_box()
        assert last is not None and last["y"] + last["height"] <= WIDTHS[1024], last
        assert heading.bounding_box() is not None
    first = page.locator(".st-key-review_presenter [data-testid='stCaptionContainer']").first
    assert first.inner_text().startswith("Item 1 of ")
    page.get_by_role("button", name="Next").click()
    page.wait_for_function(
        """() => [...document.querySelectorAll('.st-key-review_presenter p')]
            .some(p => p.textContent.startsWith('Item 2 of '))"""
    )


def test_chinese_pages_say_so(page: Page, app_url: str) -> None:
    """In 中文 the page's lang attribute is zh-Hans and the matrix names actors in Chinese."""
    visit(page, f"{app_url}/overview?lang=%E4%B8%AD%E6%96%87")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert "俄罗斯联邦" in svg_texts(page, "overview_status_matrix", "xtick")
    shoot(page, "overview-zh")


def test_a_click_on_a_matrix_cell_opens_the_pairs_record(page: Page, app_url: str) -> None:
    visit(page, f"{app_url}/overview")
    cell = page.locator(
        ".st-key-scroll_overview_status_matrix .textpoint", has_text="Regressing"
    ).first
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/commitments\?.*actor="))
    wait_for_render(page)
    assert "commitment=A%2FRES%2F58%2F50%3AOP" in page.url
    heading = page.locator('[data-testid="stMain"] h2').first
    assert re.match(r"A/RES/58/50 OP\d+ · ", heading.inner_text())
