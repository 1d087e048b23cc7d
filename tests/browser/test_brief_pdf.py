"""The meeting brief of the bundled data in Debian's Chromium: printed to PDF (a cover, then
each commitment starting its own page, Chinese text included), and opened from disk with
the network cut off (every chart drawn)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, Route

from tracker.domain.model import Commitment, Dataset
from tracker.present.brief import meeting_brief_html
from tracker.present.i18n import pick_marked
from tracker.present.pdf import CHROMIUM, html_to_pdf
from tracker.query.names import commitment_label
from tracker.query.review import agenda, changes_between, default_start
from tracker.source.loader import load_dataset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "brief"
TEN_OF_58_50 = {f"A/RES/58/50:OP{n}" for n in range(1, 11)}


def missing(reason: str) -> None:
    """A tool the test needs is not installed: fail in CI, skip (saying why) elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def require_chromium() -> None:
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")


@dataclass(frozen=True)
class Brief:
    dataset: Dataset
    order: list[Commitment]
    html: str
    lang: str


def make_brief(lang: str) -> Brief:
    today = dt.date.today()
    result = load_dataset(REPO / "commitments.yaml", today=today)
    assert result.dataset is not None, [str(p) for p in result.problems]
    data = result.dataset
    changes = changes_between(data, default_start(data, today), today)
    items = agenda(changes, data)
    by_id = {c.id: c for c in data.commitments}
    html = meeting_brief_html(data, changes, items, today, lang)
    return Brief(data, [by_id[i.commitment] for i in items], html, lang)


def heading(brief: Brief, commitment: Commitment) -> str:
    """The section heading as the brief writes it: 'OP4 · Calls upon'."""
    verb = pick_marked(commitment.verb, brief.lang)
    return f"{commitment_label(brief.dataset, commitment)} · {verb}"


def squeeze(text: str) -> str:
    """Without whitespace: pdftotext breaks lines and may space out CJK characters."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: bytes, path: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        assert pages, info.stdout
        return int(pages.group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture(scope="module", params=["en", "zh"])
def printed(request: pytest.FixtureRequest) -> Iterator[tuple[Brief, bytes, Path]]:
    require_chromium()
    brief = make_brief(request.param)
    pdf = html_to_pdf(brief.html)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"brief-{brief.lang}.pdf"
    path.write_bytes(pdf)
    (OUTPUT / f"brief-{brief.lang}.html").write_text(brief.html, encoding="utf-8")
    yield brief, pdf, path


def test_the_bundled_data_has_the_ten_commitments_of_58_50() -> None:
    brief = make_brief("en")
    assert {c.id for c in brief.dataset.commitments} >= TEN_OF_58_50
    assert len(brief.order) == len(brief.dataset.commitments)


def test_pdf_has_a_cover_and_a_page_per_commitment(printed: tuple[Brief, bytes, Path]) -> None:
    brief, pdf, path = printed
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf, path) >= 1 + len(brief.dataset.commitments)


def test_each_commitment_starts_a_page_with_its_text_in_chinese(
    printed: tuple[Brief, bytes, Path],
) -> None:
    """Split at form feeds, the text shows each commitment's heading at the top of a page of
    its own, in agenda order after the cover, and its Chinese text (where the data has it,
    as for all ten paragraphs of A/RES/58/50) on that page or the next."""
    brief, _, path = printed
    if not shutil.which("pdftotext"):
        missing("pdftotext is missing: apt-get install poppler-utils (scripts/test.sh does)")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    tops = [squeeze(page)[:80] for page in pages]
    starts = []
    for commitment in brief.order:
        title = squeeze(heading(brief, commitment))
        found = [n for n, top in enumerate(tops) if top.startswith(title)]
        assert len(found) == 1, (title, found)
        starts.append(found[0])
        zh = commitment.text.zh
        if commitment.id in TEN_OF_58_50:
            assert zh, commitment.id
        if zh:
            near = squeeze("".join(pages[found[0] : found[0] + 2]))
            assert squeeze(zh)[:40] in near, commitment.id
    assert starts[0] >= 1, "the cover comes first"
    assert starts == sorted(starts)


def test_brief_opens_offline_with_every_chart_drawn(browser: Browser, tmp_path: Path) -> None:
    """From disk, with every request but the file itself refused: all plotly charts draw
    their SVG, and the document asks the network for nothing."""
    brief = make_brief("zh")
    path = tmp_path / "brief.html"
    path.write_text(brief.html, encoding="utf-8")
    url = path.as_uri()
    asked: list[str] = []

    def only_the_file(route: Route, request: Request) -> None:
        if request.url == url:
            route.continue_()
        else:
            asked.append(request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1000, "height": 1200})
    try:
        context.route("**/*", only_the_file)
        page = context.new_page()
        page.on(
            "request", lambda request: None if request.url == url else asked.append(request.url)
        )
        page.goto(url)
        charts = 1 + len(brief.dataset.commitments)
        page.wait_for_function(
            f"document.querySelectorAll('.plotly-graph-div svg.main-svg').length >= {charts}"
        )
        assert page.locator(".plotly-graph-div").count() == charts
        assert page.locator(".plotly .main-svg").count() >= charts
        assert page.locator("section.commitment").count() == len(brief.dataset.commitments)
        assert page.locator(".modebar").count() == 0
        assert asked == []
    finally:
        context.close()
