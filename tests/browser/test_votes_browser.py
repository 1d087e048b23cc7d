"""The Voting record and Roll call pages in a real browser, on the bundled data and the
215,972 bundled votes: a shared link opens the view it names, both charts are drawn, the
caveats are on screen, and screenshots of a State's voting record and of a roll call's page are
kept for review (test-output/votes/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import OpenPage

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "votes"

Screenshot = Callable[[Path], bytes]


def test_a_states_voting_record(
    open_page: OpenPage, app_url: str, full_page_screenshot: Screenshot
) -> None:
    """Russia's record on whole texts compared with the United States and China: the note
    that 'Russia' holds the Soviet Union's votes, the caveats, both charts."""
    page = open_page(
        f"{app_url}/state_votes?state=Russia&with=United%20States&with=China&with=France"
    )
    expect(page.get_by_text("no row is not an abstention")).to_be_visible()
    expect(page.get_by_text("its rows up to 1991 are the Soviet Union's votes")).to_be_visible()
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(2)
    expect(charts.first.locator("g.trace.bars")).to_have_count(3)  # yes, abstain, no
    expect(charts.nth(1).locator("g.trace.scatter")).to_have_count(3)
    full_page_screenshot(SCREENSHOTS / "state_votes-russia.png")


def test_a_roll_calls_page(
    open_page: OpenPage, app_url: str, full_page_screenshot: Screenshot
) -> None:
    """A/RES/58/50 (rcid 4494): 128 yes, 4 no, 43 abstain; the text is in the tracker."""
    page = open_page(f"{app_url}/roll_call?rcid=4494")
    metrics = page.locator('[data-testid="stMetricValue"]')
    expect(metrics).to_have_text(["128", "4", "43"])
    expect(page.get_by_text("The tracker holds the text of A/RES/58/50.")).to_be_visible()
    expect(page.get_by_text("Two records of one vote.")).to_be_visible()
    full_page_screenshot(SCREENSHOTS / "roll_call-4494.png")


def test_a_roll_call_whose_text_is_not_yet_in_the_tracker_in_chinese(
    open_page: OpenPage, app_url: str, full_page_screenshot: Screenshot
) -> None:
    page = open_page(f"{app_url}/roll_call?rcid=4510&lang=%E4%B8%AD%E6%96%87")
    expect(page.get_by_text("本工具尚未收录该案文：A/RES/58/51")).to_be_visible()
    expect(page.get_by_role("link", name="添加决议").first).to_be_visible()
    full_page_screenshot(SCREENSHOTS / "roll_call-4510-zh.png")
