"""Labels from the data that carry a link, inline styling and a plotly template field are drawn
as text by plotly in Chromium: in the app's charts (Overview, Evidence, Actors) and in the
meeting brief. No SVG link, no styled span, and the label's characters on screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Server
from tests.test_hostile_labels import TODAY, hostile_text, write_hostile
from tracker.present.brief import meeting_brief_html
from tracker.present.pdf import CHARTS_DRAWN
from tracker.query.review import agenda, changes_between
from tracker.source.loader import load_bytes

pytestmark = pytest.mark.browser

# What plotly made of the labels: links, text styled from the data, and what the text reads.
DRAWN = """() => {
    const svg = [...document.querySelectorAll('svg')];
    const links = svg.flatMap(s => [...s.querySelectorAll('a')]).length;
    const styled = svg.flatMap(s => [...s.querySelectorAll('tspan[style]')])
        .filter(t => /40px|red/.test(t.getAttribute('style'))).length;
    const text = svg.map(s => s.textContent).join(' ');
    return {links, styled, charts: svg.length, text};
}"""


def assert_drawn_as_text(page: Page, label: str) -> None:
    drawn = page.evaluate(DRAWN)
    assert drawn["charts"] > 0
    assert (drawn["links"], drawn["styled"]) == (0, 0), drawn["text"][:300]
    assert label in drawn["text"], drawn["text"][:300]
    assert "%{fullData.uid}" in drawn["text"]  # shown, not filled in


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/overview", '<a href="https://evil.example/regressing">link-regressing</a>'),
        (
            "/evidence?ev_timeline=true",
            '<a href="https://evil.example/regression">link-regression</a>',
        ),
        ("/actors?scorecard=RUS", '<a href="https://evil.example/regressing">link-regressing</a>'),
    ],
)
def test_the_apps_charts_draw_data_markup_as_text(
    fresh_server: Server,
    open_page: Callable[[str], Page],
    tmp_path: Path,
    path: str,
    label: str,
) -> None:
    with fresh_server(write_hostile(tmp_path)) as url:
        page = open_page(url + path)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert_drawn_as_text(page, label)


def test_the_brief_draws_data_markup_as_text(browser: Browser, tmp_path: Path) -> None:
    loaded = load_bytes(hostile_text().encode("utf-8"), "h.yaml", today=TODAY, base_dir=tmp_path)
    assert loaded.dataset is not None
    changes = changes_between(loaded.dataset, dt.date(2000, 1, 1), TODAY)
    html = meeting_brief_html(  # full: the commitments' history charts are drawn too
        loaded.dataset, changes, agenda(changes, loaded.dataset), TODAY, "en", full=True
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.abort())
        page.set_content(html, wait_until="load")
        page.wait_for_function(CHARTS_DRAWN)
        assert_drawn_as_text(page, '<a href="https://evil.example/regressing">link-regressing</a>')
        assert page.locator('a[href*="evil.example"]').count() == 0
    finally:
        context.close()
