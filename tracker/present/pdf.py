"""Print an HTML document (the meeting brief) to an A4 PDF with Debian's Chromium, headless,
offline. Chinese renders with the system's Noto CJK fonts (Debian package fonts-noto-cjk).

Uses Playwright's synchronous API, which refuses to run inside an asyncio event loop; when
called from one (a test that already drives a browser, a server), it prints in a fresh thread.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
TIMEOUT_MS = 60_000
# Every plotly chart has drawn its SVG (plotly draws once its script has run on load).
CHARTS_DRAWN = """() => [...document.querySelectorAll('.plotly-graph-div')]
    .every(chart => chart.querySelector('svg.main-svg'))"""
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;text-align:center;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class PdfUnavailable(RuntimeError):
    """No PDF can be made here: Chromium or the playwright package is missing, or Chromium
    would not start. The HTML brief does not need either."""


def html_to_pdf(html: str, *, chromium: Path = CHROMIUM) -> bytes:
    """The document printed to PDF: A4, backgrounds printed, page numbers in the footer.

    The page gets no network: every request it would make is refused, so the PDF shows only
    what the document carries inline. Raises `PdfUnavailable` when Chromium cannot be used.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _print(html, chromium)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print, html, chromium).result()


def _print(html: str, chromium: Path) -> bytes:
    if not chromium.exists():
        raise PdfUnavailable(
            f"{chromium} is missing: install Debian's chromium and fonts-noto-cjk "
            "(apt-get install chromium fonts-noto-cjk) to make PDFs"
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise PdfUnavailable(f"the playwright package is missing ({error})") from None
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
            )
            try:
                page = browser.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load")
                page.wait_for_function(CHARTS_DRAWN)
                pdf: bytes = page.pdf(
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                )
                return pdf
            finally:
                browser.close()
    except Error as error:
        raise PdfUnavailable(f"Chromium could not print the document: {error}") from error
