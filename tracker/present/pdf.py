"""Print an HTML document (the meeting brief) to an A4 PDF with Debian's Chromium, headless,
offline. Chinese renders with the system's Noto CJK fonts (Debian package fonts-noto-cjk).

A Chromium takes hundreds of megabytes, so a process prints one document at a time: at most
`QUEUE_SIZE` more wait their turn (for up to `WAIT_SECONDS`), and any further one is refused
at once with `PdfBusy`. Printed briefs are kept (`cached_pdf`, up to `CACHE_ENTRIES` and
`CACHE_BYTES`) under a key that names everything the document is made from, so the same brief
is printed once.

Uses Playwright's synchronous API, which refuses to run inside an asyncio event loop; when
called from one (a test that already drives a browser, a server), it prints in a fresh thread.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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


QUEUE_SIZE = 2
WAIT_SECONDS = 120.0
CACHE_ENTRIES = 8
CACHE_BYTES = 64 * 1024 * 1024


class PdfUnavailable(RuntimeError):
    """No PDF can be made here: Chromium or the playwright package is missing, or Chromium
    would not start. The HTML brief does not need either."""


class PdfBusy(RuntimeError):
    """The printer is taken and its queue is full (or the wait ran out): try again later."""


class _Printer:
    """One print at a time in this process, a bounded queue behind it, and the PDFs made."""

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._printing = False
        self._waiting = 0
        self._kept: OrderedDict[str, bytes] = OrderedDict()

    @contextmanager
    def turn(self, queue_size: int, wait_seconds: float) -> Iterator[None]:
        with self._turn:
            if self._printing and self._waiting >= queue_size:
                raise PdfBusy(f"{self._waiting} PDFs are already waiting to be printed")
            self._waiting += 1
            try:
                deadline = time.monotonic() + wait_seconds
                while self._printing:
                    if not self._turn.wait(timeout=max(0.0, deadline - time.monotonic())):
                        raise PdfBusy(f"no turn to print within {wait_seconds:g} s")
                self._printing = True
            finally:
                self._waiting -= 1
        try:
            yield
        finally:
            with self._turn:
                self._printing = False
                self._turn.notify()

    def kept(self, key: str) -> bytes | None:
        with self._turn:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def keep(self, key: str, pdf: bytes) -> None:
        with self._turn:
            self._kept[key] = pdf
            self._kept.move_to_end(key)
            while len(self._kept) > CACHE_ENTRIES or (
                len(self._kept) > 1 and sum(map(len, self._kept.values())) > CACHE_BYTES
            ):
                self._kept.popitem(last=False)


_PRINTER = _Printer()


def cached_pdf(key: str) -> bytes | None:
    """The PDF printed earlier under `key` in this process, or None."""
    return _PRINTER.kept(key)


def printed_pdf(
    key: str,
    make_html: Callable[[], str],
    *,
    chromium: Path = CHROMIUM,
    queue_size: int = QUEUE_SIZE,
    wait_seconds: float = WAIT_SECONDS,
) -> bytes:
    """The PDF of the document `make_html` makes, kept under `key`: printed once, in turn.

    Raises `PdfBusy` when `queue_size` documents already wait (or no turn came within
    `wait_seconds`), and `PdfUnavailable` as `html_to_pdf` does."""
    found = _PRINTER.kept(key)
    if found is not None:
        return found
    with _PRINTER.turn(queue_size, wait_seconds):
        found = _PRINTER.kept(key)  # printed by the one ahead in the queue
        if found is None:
            found = html_to_pdf(make_html(), chromium=chromium)
            _PRINTER.keep(key, found)
        return found


def html_to_pdf(html: str, *, chromium: Path = CHROMIUM) -> bytes:
    """The document printed to PDF: A4, backgrounds printed, page numbers in the footer.

    The page gets no network: every request it would make is refused, so the PDF shows only
    what the document carries inline. Raises `PdfUnavailable` when Chromium cannot be used.
    Not queued: `printed_pdf` is the way for a server.
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
