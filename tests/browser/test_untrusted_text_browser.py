"""Text from the data never executes in the browser: every free-text field of a dataset carries
script tags, event handlers, `javascript:` and `data:` links and Markdown link payloads; every
page and record view is opened in Chromium and the DOM is checked for what would run, while the
payloads must still be readable as text where the data is shown (dropped text would pass
otherwise). A second dataset, refused for its `javascript:` and `data:` source URLs, shows its
problems, inert too."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import ConsoleMessage, Dialog, Page, Request
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.browser_load import page_names
from tests.browser.conftest import streamlit_server, wait_for_render
from tests.robustness.corpus import mini_text
from tracker.domain.model import Dataset
from tracker.source.loader import load_dataset

pytestmark = pytest.mark.browser


# Every payload at once, in every free-text field. Each runs `window.__pwned=1` (or opens a
# dialog) if the browser ever treats it as markup, a link or a frame.
PAYLOAD = (
    "<script>window.__pwned=1</script> "
    '<img src=x onerror="window.__pwned=1;alert(1)"> '
    '<svg onload="window.__pwned=1"></svg> '
    "[pwnlink](javascript:window.__pwned=1) "
    '<a href="javascript:alert(1)">pwnanchor</a> '
    '<iframe src="data:text/html,<script>parent.__pwned=1</script>"></iframe> '
    "javascript:window.__pwned=1"
)
JAVASCRIPT_URL = "javascript:window.__pwned=1"
DATA_URL = "data:text/html,<script>window.__pwned=1</script>"
# String fields that hold free text (ids, dates, enums and file paths are checked by the loader
# and cannot carry text); lists of names are free text item by item.
TEXT_KEYS = {
    "en",
    "zh",
    "note",
    "title",
    "title_note",
    "date_note",
    "publisher",
    "assessor",
    "meeting",
    "agenda_item",
    "committee_report",
    "document",
    "paragraph",
    "marker",
    "source",
}
TEXT_LISTS = {"sponsor_names", "participants"}


def _with_payloads(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        if key == "source_files":
            return value
        return {k: _with_payloads(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in TEXT_LISTS:
            return [f"{item} {PAYLOAD}" for item in value]
        return [_with_payloads(item, key) for item in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {PAYLOAD}"
    return value


def hostile_data(urls: tuple[str, str] | None = None) -> dict[str, Any]:
    """The canonical fixture with the optional fields filled too (a review, a contested
    reading, footnotes, notes, a second source address), then a payload in every text.
    Source URLs stay http(s) but carry quotes and markup; `urls` replaces the first two."""
    data: dict[str, Any] = yaml.safe_load(mini_text())
    evidence = {item["id"]: item for item in data["evidence"]}
    e40 = evidence["E40"]
    e40["date_note"] = "Date of the statement as reported"
    e40["contested"] = {"en": "The reading is contested.", "zh": "解读有争议。"}
    e40["source"]["additional_urls"] = [
        'https://example.org/copy?q="><script>window.__pwned=1</script>'
    ]
    evidence["E29"]["source"]["url"] = 'https://example.org/a" onmouseover="window.__pwned=1'
    if urls is not None:
        evidence["E01"]["source"]["url"], evidence["E29"]["source"]["url"] = urls
    actors = {actor["id"]: actor for actor in data["actors"]}
    actors["BLR"]["holds_nsnw"] = {
        "value": "contested",
        "evidence": ["E40"],
        "note": {"en": "Hosts Russian weapons by its own account.", "zh": "据称部署了俄罗斯武器。"},
    }
    op4 = next(c for c in data["commitments"] if c["id"] == "A/RES/58/50:OP4")
    op4["footnotes"] = [
        {
            "marker": "a",
            "after": {"en": "such weapons;", "zh": "谈判；"},
            "text": {"en": "A footnote of the text.", "zh": "案文脚注。"},
        }
    ]
    op4["cross_references"] = ["NPT2000-15-9"]
    decided = next(a for a in data["assessments"] if a["id"] == "AS-OP4-RUS-2023-06-16")
    decided["review"] = "R1"
    data["reviews"] = [
        {
            "id": "R1",
            "date": "2023-07-01",
            "title": {"en": "Status review", "zh": "状况审查"},
            "participants": ["Analyst One"],
            "decisions": ["AS-OP4-RUS-2023-06-16"],
            "notes": {"en": "Decided in the meeting.", "zh": "会上决定。"},
        }
    ]
    hostile: dict[str, Any] = _with_payloads(data)
    return hostile


def write_yaml(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def visible(text: str) -> str:
    return " ".join(text.split())


# --- what the browser holds after a render --------------------------------------------------

PROBE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const handlers = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value;
      if (attribute.name.toLowerCase().startsWith('on')
          && (value.includes('__pwned') || value.includes('alert('))) {
        handlers.push(`${element.tagName} ${attribute.name}="${value}"`);
      }
    }
  }
  const scheme = url => (url || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
  const bad = url => /^(javascript|data|vbscript):/.test(scheme(url));
  const links = [...document.querySelectorAll('a, area')]
    .map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))
    .filter(bad);
  const frames = [...document.querySelectorAll('iframe, frame, object, embed')]
    .map(f => f.getAttribute('src') || f.getAttribute('data') || f.getAttribute('srcdoc') || '')
    .filter(src => bad(src) || src.includes('__pwned'));
  return {
    pwned: typeof window.__pwned !== 'undefined',
    handlers,
    links,
    frames,
    scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
    images: [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x')
      .length,
    markdownLinks: [...document.querySelectorAll('a')]
      .filter(a => a.textContent.trim() === 'pwnlink').length,
    text: main ? main.innerText : '',
    allText: main ? main.textContent : '',
  };
}"""


@dataclass
class Watch:
    """What a tab reported while it was open: dialogs, uncaught errors, console errors."""

    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    payload_requests: list[str] = field(default_factory=list)

    def dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def console(self, message: ConsoleMessage) -> None:
        # The browser logs every failed request as an error: here, the material icons from
        # fonts.gstatic.com (offline) and Streamlit's health probe relative to a deep link.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def request(self, request: Request) -> None:
        # `<img src=x>` made into an element, even for a moment, fetches `x`.
        if urlsplit(request.url).path.endswith("/x"):
            self.payload_requests.append(request.url)


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, Watch]]:
    watch = Watch()
    page.on("dialog", watch.dialog)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("console", watch.console)
    page.on("request", watch.request)
    yield page, watch


def render(page: Page, url: str) -> dict[str, Any]:
    """Open `url`, wait until the script, the charts and every shown table's cells are drawn, and
    probe the document (and whether any frame got `__pwned`)."""
    page.goto(url)
    try:
        wait_for_render(page)
    except PlaywrightTimeoutError:
        body = page.evaluate("document.body.innerText")
        raise AssertionError(f"{url} did not render; the page reads:\n{body[:2000]}") from None
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
            .filter(grid => grid.getBoundingClientRect().height > 0)
            .every(grid => grid.querySelector('table[role="grid"]'))"""
    )
    seen: dict[str, Any] = page.evaluate(PROBE)
    seen["pwned_frames"] = [
        frame.url
        for frame in page.frames
        if frame.evaluate("typeof window.__pwned !== 'undefined'")
    ]
    return seen


def assert_inert(seen: dict[str, Any], watch: Watch) -> None:
    assert not seen["pwned"] and not seen["pwned_frames"], "a payload ran"
    assert not watch.dialogs, f"a payload opened a dialog: {watch.dialogs}"
    assert not seen["handlers"], f"event handlers from the data: {seen['handlers']}"
    assert not seen["links"], f"links to javascript:/data: addresses: {seen['links']}"
    assert not seen["frames"], f"frames from the data: {seen['frames']}"
    assert seen["scripts"] == 0, "a <script> element holds the payload"
    assert seen["images"] == 0, "an <img> from the data is in the document"
    assert not watch.payload_requests, f"an <img> from the data fetched {watch.payload_requests}"
    assert seen["markdownLinks"] == 0, "Markdown from the data was rendered as a link"
    assert not watch.page_errors, f"uncaught errors: {watch.page_errors}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"


# --- the dataset that loads ----------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_yaml(hostile_data(), tmp_path_factory.mktemp("hostile") / "commitments.yaml")
    loaded = load_dataset(path)
    assert loaded.ok, [str(problem) for problem in loaded.problems[:5]]
    return path


@pytest.fixture(scope="module")
def hostile(hostile_file: Path) -> Dataset:
    data = load_dataset(hostile_file).dataset
    assert data is not None
    return data


@pytest.fixture(scope="module")
def hostile_url(hostile_file: Path, server_logs: Path) -> Iterator[str]:
    with streamlit_server(hostile_file, server_logs) as url:
        yield url


def expected_texts(view: str, data: Dataset) -> list[str]:
    """Texts of the data that `view` shows in full, payload included, as read on screen."""
    zh = "lang=" in view
    lang = "zh" if zh else "en"

    def of(text: Any) -> str:
        return str(getattr(text, lang) or text.en)

    op4 = next(c for c in data.commitments if c.id == "A/RES/58/50:OP4")
    op10 = next(c for c in data.commitments if c.id == "A/RES/58/50:OP10")
    e40 = next(e for e in data.evidence if e.id == "E40")
    blr = next(a for a in data.actors if a.id == "BLR")
    resolution = data.resolutions[0]
    if view.startswith("commitments?commitment="):
        assert op4.footnotes and op4.footnotes[0]
        return [
            of(op4.text),
            of(op4.action),
            of(op4.addressed.as_written),
            of(op4.addressed.reason),
            of(resolution.title),
            of(op4.footnotes[0].text),
        ]
    if view.startswith("evidence?ev_item=E40"):
        assert e40.contested and e40.date_note and e40.source.title_note
        assert e40.verification.note
        return [
            e40.summary.en,
            str(e40.summary.zh),
            e40.source.title,
            e40.source.publisher,
            e40.source.title_note,
            e40.date_note,
            e40.verification.note,
            of(e40.contested),
        ]
    if view.startswith("actors?scorecard=BLR"):
        assert blr.note and blr.holds_nsnw and blr.holds_nsnw.note
        return [of(blr.name), of(blr.note), of(blr.holds_nsnw.note)]
    if view.startswith("review?review_present"):
        # The screen shows what the paragraph asks; its text waits in a tab.
        return [of(op4.action)]
    if view == "methodology":
        return [of(data.methodology.assessment_process)]
    if view == "source_text":
        return [of(resolution.title), of(op10.text), *resolution.sponsor_names]
    if view.startswith("search?"):
        return [PAYLOAD]
    return []


# Pages whose tables or charts show the data (its text is in the grid's cells or the SVG).
SHOWS_DATA = {"overview", "commitments", "actors", "evidence", "export", "review"}
RECORD_VIEWS = [
    "commitments?commitment=A/RES/58/50:OP4",
    "commitments?commitment=A/RES/58/50:OP4&lang=中文",
    "evidence?ev_item=E40",
    "evidence?ev_item=E40&lang=中文",
    "evidence?ev_item=E29",
    "actors?scorecard=BLR",
    "actors?scorecard=BLR&lang=中文",
    "actors?scorecard=RUS",
    "review?review_present=true&review_since=2000-01-01",
    "search?q=pwnlink",
]


@pytest.mark.parametrize("view", [*page_names(), *RECORD_VIEWS])
def test_text_from_the_data_stays_text(
    watched: tuple[Page, Watch], hostile_url: str, hostile: Dataset, view: str
) -> None:
    """On every page and record view, nothing from the data runs, links anywhere but http(s)
    or is parsed as HTML or Markdown, and the texts the view shows read as written."""
    page, watch = watched
    seen = render(page, f"{hostile_url}/{view}")
    assert page.locator('[data-testid="stException"]').count() == 0, f"{view}: traceback"
    assert_inert(seen, watch)
    shown = visible(seen["text"])
    for text in expected_texts(view, hostile):
        assert visible(text) in shown, f"{view}: not shown as written: {text!r}"
    if view in SHOWS_DATA:
        assert "<script>window.__pwned=1</script>" in seen["allText"], f"{view}: no data shown"


def test_source_links_keep_markup_in_their_address(
    watched: tuple[Page, Watch], hostile_url: str, hostile: Dataset
) -> None:
    """An http(s) source address with quotes and markup in it becomes a link button whose
    address is exactly that text: no attribute or element breaks out of it."""
    page, watch = watched
    seen = render(page, f"{hostile_url}/evidence?ev_item=E40")
    assert_inert(seen, watch)
    e40 = next(e for e in hostile.evidence if e.id == "E40")
    hrefs = page.locator('[data-testid="stMain"] [data-testid="stLinkButton"] a').evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs == [e40.source.url, *e40.source.additional_urls]
    seen = render(page, f"{hostile_url}/evidence?ev_item=E29")
    assert_inert(seen, watch)
    e29 = next(e for e in hostile.evidence if e.id == "E29")
    hrefs = page.locator('[data-testid="stMain"] [data-testid="stLinkButton"] a').evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs == [e29.source.url]


# --- the dataset the validator refuses -----------------------------------------------------


@pytest.fixture(scope="module")
def refused_url(tmp_path_factory: pytest.TempPathFactory, server_logs: Path) -> Iterator[str]:
    path = write_yaml(
        hostile_data(urls=(JAVASCRIPT_URL, DATA_URL)),
        tmp_path_factory.mktemp("refused") / "commitments.yaml",
    )
    codes = {problem.code for problem in load_dataset(path).problems}
    assert codes == {"bad-url"}, codes
    with streamlit_server(path, server_logs) as url:
        yield url


@pytest.mark.parametrize("view", page_names())
def test_refused_urls_are_shown_as_problems(
    watched: tuple[Page, Watch], refused_url: str, view: str
) -> None:
    """With a `javascript:` and a `data:` source address, every page shows the two problems
    (each address quoted as text in its message) instead of the data, and neither runs."""
    page, watch = watched
    seen = render(page, f"{refused_url}/{view}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 1
    assert_inert(seen, watch)
    cells = page.locator('[data-testid="stDataFrame"] td').all_inner_texts()
    for url in (JAVASCRIPT_URL, DATA_URL):
        assert f"'{url}' is not an http or https URL" in cells, cells
