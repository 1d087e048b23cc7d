"""The Add resolution page in Debian's Chromium: the Chinese text of A/RES/58/50 pasted into
the page comes back beside itself with its ten operative paragraphs marked in the source, in
order, each mark holding the paragraph as printed; a Security Council resolution goes from
paste to drafts saved in a copy of the data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server, wait_for_render
from tests.helpers import OpenPage
from tracker.source.access import PASSWORD_ENV, password_hash
from tracker.source.loader import load_dataset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "add_resolution"
TEXT = (REPO / "sources" / "A_RES_58_50_zh.txt").read_text(encoding="utf-8")


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


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of commitments.yaml and of its official texts (a save writes one beside them);
    the vote records it names are linked."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "data").symlink_to(REPO / "data")
    shutil.copytree(REPO / "sources", folder / "sources")
    path = folder / "commitments.yaml"
    path.write_bytes((REPO / "commitments.yaml").read_bytes())
    return path


SC_TEXT = (REPO / "tests" / "fixtures" / "ingest" / "corpus" / "S_RES_1263_1999_en.txt").read_text(
    encoding="utf-8"
)
PASSWORD = "a passphrase for the ingest browser test"


def test_a_security_council_resolution_from_paste_to_saved_drafts(
    fresh_server: Server,
    open_page: OpenPage,
    data_copy: Path,
    full_page_screenshot: Callable[[Path], bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """S/RES/1263 (1999) pasted as a web page gives it: four paragraphs marked, the symbol,
    body, date and meeting read, the title typed in; an editor saves, and the data file then
    holds the resolution and validates."""
    monkeypatch.setenv(PASSWORD_ENV, password_hash(PASSWORD, log2_n=15))
    with fresh_server(data_copy) as url:
        page = open_page(f"{url}/add_resolution")
        box = page.locator(".st-key-add_text textarea")
        box.fill(SC_TEXT)
        box.press("Control+Enter")
        expect(page.locator(".ingest-source mark.op-start")).to_have_count(4)
        wait_for_render(page)
        symbol = page.locator(".st-key-add_symbol input")
        assert symbol.input_value() == "S/RES/1263 (1999)"
        assert page.locator(".st-key-add_meeting input").input_value() == "4044th meeting"
        title = page.locator(".st-key-add_title input")
        title.fill("The situation concerning Western Sahara")
        title.press("Enter")
        page.locator(".st-key-add_auth_name input").wait_for()
        wait_for_render(page)
        page.locator(".st-key-add_auth_name input").fill("Browser Editor")
        page.locator(".st-key-add_auth_password input").fill(PASSWORD)
        page.locator(".st-key-add_auth_sign_in button").click()
        save = page.locator(".st-key-add_save button")
        save.wait_for()
        wait_for_render(page)
        full_page_screenshot(OUTPUT / "security_council_drafts.png")
        save.click()
        expect(page.get_by_text("Added S/RES/1263(1999) to", exact=False)).to_have_count(1)
        wait_for_render(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        full_page_screenshot(OUTPUT / "security_council_saved.png")
    loaded = load_dataset(data_copy)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.dataset is not None
    assert "S/RES/1263(1999)" in {r.symbol for r in loaded.dataset.resolutions}
    saved = data_copy.parent / "sources" / "S_RES_1263(1999)_en.txt"
    assert saved.read_text(encoding="utf-8") == SC_TEXT
