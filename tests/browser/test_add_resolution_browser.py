"""The Add resolution page in Debian's Chromium: the Chinese text of A/RES/58/50 pasted into
the page comes back beside itself with its ten operative paragraphs marked in the source, in
order, each mark holding the paragraph as printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_for_render

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "add_resolution"
TEXT = (REPO / "sources" / "A_RES_58_50_zh.txt").read_text(encoding="utf-8")

OpenPage = Callable[[str], Page]


def test_pasted_text_shows_its_operative_paragraphs_marked(
    open_page: OpenPage, app_url: str, full_page_screenshot: Callable[[Path], bytes]
) -> None:
    page = open_page(f"{app_url}/add_resolution")
    box = page.locator(".st-key-add_text textarea")
    box.fill(TEXT)
    box.press("Control+Enter")
    marks = page.locator(".ingest-source mark.op-start")
    expect(marks).to_have_count(10)
    wait_for_render(page)
    assert page.locator('[data-testid="stException"]').count() == 0

    numbers = marks.evaluate_all("marks => marks.map(m => m.dataset.op)")
    assert numbers == [str(n) for n in range(1, 11)]
    every = page.locator(".ingest-source mark.op").evaluate_all(
        "marks => marks.map(m => [m.dataset.op, m.textContent])"
    )
    assert {number for number, _ in every} == {str(n) for n in range(1, 11)}
    first_words = dict(reversed(every))  # the first stretch of each paragraph
    assert first_words["4"].startswith("吁请俄罗斯联邦和美利坚合众国")
    assert first_words["10"].startswith("决定将题为")
    # The number is drawn by CSS from the mark, not inserted into the text.
    badge = marks.first.evaluate("m => getComputedStyle(m, '::before').content")
    assert badge == '"1"'
    # The parse beside it lists the same ten paragraphs.
    for number in range(1, 11):
        expect(page.locator(f".st-key-add_op_{number}")).to_have_count(1)
    marks.nth(3).scroll_into_view_if_needed()
    full_page_screenshot(OUTPUT / "add_resolution.png")
