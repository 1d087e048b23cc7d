"""A Streamlit server per need (one per xdist worker, or a fresh one per test) and Debian's
Chromium through Playwright; never a downloaded browser."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import Browser, Page, expect, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import NewSession

from bench.browser_load import free_port, serve, streamlit_command

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDER_TIMEOUT_MS = 60_000
# Assertions that wait (`expect(...)`) get the same patience as rendering: CI has 2 cores.
expect.set_options(timeout=RENDER_TIMEOUT_MS)

Server = Callable[[Path], AbstractContextManager[str]]


@contextmanager
def streamlit_server(data: Path, logs: Path) -> Iterator[str]:
    """`streamlit run serve.py` (the app as served) on a free port reading `data`; yields
    its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TRACKER_DATA": str(data)}
    log = logs / f"streamlit-{port}.log"
    with serve(streamlit_command(port), env, f"{url}/_stcore/health", log):
        yield url


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("streamlit-logs")


@pytest.fixture(scope="session")
def app_url(server_logs: Path) -> Iterator[str]:
    """One server for this worker's session, on the bundled commitments.yaml."""
    with streamlit_server(REPO / "commitments.yaml", server_logs) as url:
        yield url


@pytest.fixture
def fresh_server(server_logs: Path) -> Server:
    """`with fresh_server(data) as url:` a server of its own that no session has visited, as
    after a deploy: the first request may be a deep link that never runs app.py."""
    return lambda data: streamlit_server(data, server_logs)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(RENDER_TIMEOUT_MS)
    yield tab
    context.close()


def wait_for_render(page: Page) -> None:
    """Until the script has finished, no skeleton is left, the title is drawn and every plotly
    chart has drawn its SVG (charts load their library after the script has finished)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')")
    page.wait_for_selector("h1")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every(chart => chart.querySelector('svg.main-svg'))"""
    )


@pytest.fixture
def open_page(page: Page) -> Callable[[str], Page]:
    """`open_page(url)`: the browser tab at `url`, once the app has rendered there."""

    def visit(url: str) -> Page:
        page.goto(url)
        wait_for_render(page)
        return page

    return visit


@pytest.fixture
def full_page_screenshot(page: Page) -> Callable[[Path], bytes]:
    """`full_page_screenshot(path)`: the whole rendered page as PNG bytes, also saved to path.

    The page scrolls inside Streamlit's main block, not the document, so `full_page` alone
    stops at the window: the window is first made as tall as the content.
    """

    def capture(path: Path) -> bytes:
        height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        width = page.viewport_size["width"] if page.viewport_size else 1400
        page.set_viewport_size({"width": width, "height": max(1000, height)})
        wait_for_render(page)
        # Two animation frames: the resized layout has been painted.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        return page.screenshot(path=path, full_page=True)

    return capture


def new_sessions(page: Page) -> list[NewSession]:
    """The `new_session` messages the server sends `page` from now on (its session's id, the
    settings it gives the front end), gathered from the page's WebSocket as they arrive."""
    found: list[NewSession] = []

    def received(payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            with suppress(DecodeError):
                message.ParseFromString(payload)
                if message.WhichOneof("type") == "new_session":
                    found.append(message.new_session)

    page.on("websocket", lambda socket: socket.on("framereceived", received))
    return found


def report(path: Path, text: str) -> None:
    """A figure a test measured: printed (see it with -s) and written to `path`."""
    print("\n" + text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
