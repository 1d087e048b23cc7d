"""The team setup (deploy/run_team.py): nginx on loopback in front of two app processes that
serve one copy of the data. The front end arrives gzip-compressed; a decision recorded through
one process is seen by a session on the other at its next rerun; two editors saving at once
through different processes get one write and one conflict, and nothing is lost. Also measures
a first render through nginx (gzip) against one straight from an app process."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser_load import page_names
from deploy.run_team import (
    BACKEND_COOKIE,
    BACKEND_HEADER,
    HOST,
    Team,
    app_scripts,
    inline_script_hashes,
    nginx_binary,
    team,
)
from tests.browser.conftest import RENDER_TIMEOUT_MS, wait_for_render
from tracker.domain.model import Dataset
from tracker.query.index import Pair, index_of
from tracker.source.access import PASSWORD_ENV, password_hash
from tracker.source.loader import load_dataset
from ui import keys

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "team-deploy"
OP4 = "A/RES/58/50:OP4"
PASSWORD = "a passphrase for the team test"
ROUNDS = 3
OUTCOME = re.compile(r"Written to|Not saved:")
SHOW_ALL = keys.Review.SHOW_ALL
# Whether the widget with this key shows this text, as a chip, a label or an input's value.
SHOWS = """([key, text]) => {
    const widget = document.querySelector('.st-key-' + key);
    return !!widget && (widget.innerText.includes(text)
        || [...widget.querySelectorAll('input')].some(input => input.value.includes(text)));
}"""


@dataclass(frozen=True)
class Decision:
    """What one editor records in the Review form."""

    actor: str
    actor_option: str
    status: str
    rationale: str
    commitment: str = OP4


# --- the setup ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of commitments.yaml for the processes to share; the files it names are linked."""
    folder = tmp_path_factory.mktemp("team-data")
    for linked in ("sources", "data"):
        (folder / linked).symlink_to(REPO / linked)
    path = folder / "commitments.yaml"
    path.write_bytes((REPO / "commitments.yaml").read_bytes())
    return path


@pytest.fixture(scope="module")
def running(data_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    if nginx_binary() is None:
        reason = "nginx is missing: apt-get install nginx (.ci/run installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("team")
    editor = {PASSWORD_ENV: password_hash(PASSWORD, log2_n=15)}
    with team(data_copy, processes=2, workdir=workdir, env=editor) as started:
        yield started
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "access.log").write_bytes(started.access_log.read_bytes())


@pytest.fixture(scope="module")
def dataset(data_copy: Path) -> Dataset:
    loaded = load_dataset(data_copy)
    assert loaded.dataset is not None, [str(p) for p in loaded.problems]
    return loaded.dataset


class Tab:
    """A browser tab on the app that counts the script runs it has seen finish (Streamlit's
    `script_finished` messages on its WebSocket), so that a step waits for the run it caused
    rather than for a guessed time."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.finished = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._received))

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        with suppress(DecodeError):
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "script_finished":
                self.finished += 1

    @contextmanager
    def rerun(self) -> Iterator[None]:
        """Around an action that reruns the script: on until that run has finished."""
        seen = self.finished
        yield
        deadline = time.monotonic() + RENDER_TIMEOUT_MS / 1000
        while self.finished <= seen:
            assert time.monotonic() < deadline, "the action started no script run"
            self.page.wait_for_timeout(50)  # lets Playwright deliver the WebSocket's frames
        wait_for_render(self.page)


@contextmanager
def session(browser: Browser, running: Team, backend: int, name: str) -> Iterator[Tab]:
    """A browser of its own (its own cookies), pinned to app process `backend` by cookie.

    Playwright's waits evaluate script in the page, which the Content-Security-Policy that
    nginx sends forbids: these contexts bypass it (test_the_app_runs_under_its_csp does not)."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-GB", bypass_csp=True
    )
    context.add_cookies([{"name": BACKEND_COOKIE, "value": str(backend), "url": running.url}])
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        yield Tab(page)
    except Exception:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=OUTPUT / f"failure-{name}.png", full_page=True)
        raise
    finally:
        context.close()


def open_review(tab: Tab, running: Team, backend: int) -> None:
    response = tab.page.goto(f"{running.url}/review")
    assert response is not None and response.ok
    assert response.headers[BACKEND_HEADER.lower()] == str(backend)
    wait_for_render(tab.page)
    assert tab.page.locator('[data-testid="stException"]').count() == 0


# --- the Review form, as an editor drives it --------------------------------------------


def sign_in(tab: Tab, name: str) -> None:
    page = tab.page
    page.locator(".st-key-review_auth_name input").fill(name)
    page.locator(".st-key-review_auth_password input").fill(PASSWORD)
    with tab.rerun():
        page.locator(".st-key-review_auth_sign_in button").click()
    page.locator(".st-key-review_a_save").wait_for()
    wait_for_render(page)


def choose(tab: Tab, key: str, typed: str, option: str) -> None:
    """Pick `option` in the selectbox or multiselect `key`, typing to narrow the list."""
    page = tab.page
    if page.evaluate(SHOWS, [key, option]):
        return  # already chosen: choosing it again would start no run
    page.locator(f".st-key-{key}").click()
    page.keyboard.type(typed)
    with tab.rerun():
        page.get_by_role("option").filter(has_text=option).first.click()
    # A multiselect keeps its list open. Escape closes it, but only then: on a selectbox that
    # may be empty (index=None), Escape clears the choice just made.
    if page.get_by_role("option").count():
        page.keyboard.press("Escape")
    page.wait_for_function(SHOWS, arg=[key, option])


def fill_decision(tab: Tab, dataset: Dataset, decision: Decision) -> None:
    slot = [c.id for c in dataset.commitments].index(decision.commitment)
    # The newest item on the paragraph that can carry a judgement alone (weak-basis: above
    # the lowest confidence).
    lowest = min(dataset.methodology.confidence_levels, key=lambda level: level.order)
    cited = next(
        item
        for item in index_of(dataset).commitment_evidence(decision.commitment, dt.date.today())
        if item.confidence != lowest.id
    )
    heading = decision.commitment.replace(":", " ")  # "A/RES/58/50 OP5"
    choose(tab, "review_a_commitment", heading, f"{heading} ·")
    choose(tab, f"review_a_actor_{slot}", decision.actor_option, decision.actor_option)
    choose(tab, "review_a_status", decision.status, decision.status)
    rationale = tab.page.locator(".st-key-review_a_rationale_en textarea")
    with tab.rerun():
        rationale.fill(decision.rationale)
        rationale.press("Tab")  # a text area sends its value when it loses the focus
    expect(rationale).to_have_value(decision.rationale)
    choose(tab, f"review_a_evidence_{slot}", cited.id, f"{cited.id} · {cited.date}")


def outcome(tab: Tab) -> str:
    """The text of the alert that says how the save went."""
    alert = tab.page.locator('[data-testid="stAlert"]').filter(has_text=OUTCOME).first
    alert.wait_for()
    wait_for_render(tab.page)
    return alert.inner_text()


def unchanged_assessments(tab: Tab) -> int:
    """The N of the toggle 'Also the N new assessment(s) that changed no status'."""
    found = re.search(r"Also the (\d+) new", tab.page.locator(f".st-key-{SHOW_ALL}").inner_text())
    assert found, "the Review page has no toggle of the other new assessments"
    return int(found[1])


def recorded(data: Path, decision: Decision) -> list[Any]:
    loaded = load_dataset(data)
    assert loaded.dataset is not None and not loaded.problems, [str(p) for p in loaded.problems]
    return [
        a
        for a in loaded.dataset.assessments
        if a.commitment == decision.commitment
        and a.actor == decision.actor
        and a.rationale.en == decision.rationale
    ]


# --- the tests ---------------------------------------------------------------------------


def test_the_front_end_comes_gzip_compressed_through_nginx(running: Team) -> None:
    """The main bundle is gzipped by nginx (Streamlit itself sends it as is), on each process."""
    html = _fetch(running.url + "/")
    bundle = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', html.body)
    assert bundle, html.body[:500]
    for backend in range(len(running.backends)):
        through = _fetch(running.pinned_url(backend, "/" + bundle[1].decode()), gzipped=True)
        assert through.headers.get("content-encoding") == "gzip"
        assert through.headers.get(BACKEND_HEADER.lower()) == str(backend)
        assert "Accept-Encoding" in through.headers.get("vary", "")
        plain = gzip.decompress(through.body)
        direct = _fetch(f"{running.backends[backend].url}/{bundle[1].decode()}", gzipped=True)
        assert "content-encoding" not in direct.headers
        assert plain == direct.body
        assert len(through.body) < len(plain) / 2
    # A first visit is sent to a process and told to stay there; a pinned one is not told again.
    first = _fetch(running.url + "/_stcore/health")
    assert re.fullmatch(r"tracker_backend=\d; Path=/; HttpOnly; SameSite=Lax", first.cookie or "")
    pinned = _fetch(running.url + "/_stcore/health", cookie=f"{BACKEND_COOKIE}=1")
    assert pinned.headers.get(BACKEND_HEADER.lower()) == "1" and pinned.cookie is None


def test_first_render_through_nginx_and_directly(browser: Browser, running: Team) -> None:
    """The app renders through nginx, with fewer bytes than straight from its process; the
    times and bytes of both are reported (test-output/team-deploy/first-render.txt)."""
    direct_url = running.backends[0].url + "/"
    pin = (running.url, 0)
    # Each path once unmeasured: imports, the data load and the OS file cache are warm after.
    _first_render(browser, direct_url)
    _first_render(browser, running.url + "/", pin=pin)
    direct: list[Render] = []
    proxied: list[Render] = []
    for _ in range(ROUNDS):
        direct.append(_first_render(browser, direct_url))
        proxied.append(_first_render(browser, running.url + "/", pin=pin))

    for render in proxied:
        assert render.static_plain == 0, "a script or style sheet came uncompressed"
    assert all(render.static_gzipped == 0 for render in direct)
    assert (
        statistics.median(r.transferred for r in proxied)
        < statistics.median(r.transferred for r in direct) / 2
    )

    lines = [
        f"First render of the app (fresh browser, no cache; median of {ROUNDS}, same run):",
        _row("direct", direct),
        _row("nginx + gzip", proxied),
        f"  front end uncompressed: {_mb(direct[0].decoded)} in {direct[0].requests} responses; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
    ]
    report = "\n".join(lines)
    print("\n" + report)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "first-render.txt").write_text(report + "\n", encoding="utf-8")
    raw = {"direct": [r.__dict__ for r in direct], "nginx": [r.__dict__ for r in proxied]}
    (OUTPUT / "first-render.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")


def test_a_decision_recorded_through_one_process_shows_on_the_other(
    browser: Browser, running: Team, dataset: Dataset, data_copy: Path
) -> None:
    """A viewer on process 1 opened the Review page before an editor on process 0 recorded a
    decision; at the viewer's next rerun it is counted. The decision confirms Russia's status
    on OP5 (a pair the next test leaves alone: a second decision on a pair the same day would
    ask first)."""
    op5 = "A/RES/58/50:OP5"
    standing = index_of(dataset).in_force(Pair(op5, "RUS"), dt.date.today())
    assert standing is not None
    label = next(s.label.en for s in dataset.methodology.statuses if s.id == standing.status)
    decision = Decision("RUS", "Russian Federation (RUS)", label, "Team test: one truth.", op5)
    with (
        session(browser, running, 1, "viewer") as viewer,
        session(browser, running, 0, "editor") as editor,
    ):
        open_review(viewer, running, 1)
        before = unchanged_assessments(viewer)  # Russia stays regressing: no status move

        open_review(editor, running, 0)
        sign_in(editor, "Editor on process 0")
        fill_decision(editor, dataset, decision)
        editor.page.locator(".st-key-review_a_save button").click()
        assert "Written to" in outcome(editor)
        assert len(recorded(data_copy, decision)) == 1

        # The viewer's next rerun (a widget changed, same session): process 1 sees the edit.
        with viewer.rerun():
            step_up = '.st-key-review_stale_days [data-testid="stNumberInputStepUp"]'
            viewer.page.locator(step_up).click()
        viewer.page.wait_for_function(SHOWS, arg=[SHOW_ALL, f"Also the {before + 1} new"])
        assert unchanged_assessments(viewer) == before + 1


def test_two_editors_on_two_processes_lose_nothing(
    browser: Browser, running: Team, dataset: Dataset, data_copy: Path
) -> None:
    """Two editors on different processes save at the same moment, on the same version: one
    is written, the other is refused with the conflict message, and after 'apply again' both
    decisions are in the file, which stays valid."""
    first = Decision("RUS", "Russian Federation (RUS)", "No progress", "Team test: editor A.")
    second = Decision("USA", "United States of America (USA)", "No progress", "Team test: B.")
    with (
        session(browser, running, 0, "editor-a") as a,
        session(browser, running, 1, "editor-b") as b,
    ):
        for page, backend, decision in ((a, 0, first), (b, 1, second)):
            open_review(page, running, backend)
            sign_in(page, f"Editor on process {backend}")
            fill_decision(page, dataset, decision)
        # Both forms were prepared on the same version of the file; now both save.
        a.page.locator(".st-key-review_a_save button").click()
        b.page.locator(".st-key-review_a_save button").click()
        outcomes = {"a": outcome(a), "b": outcome(b)}
        refused = [name for name, text in outcomes.items() if text.startswith("Not saved:")]
        assert len(refused) == 1, outcomes
        assert "changed since it was loaded" in outcomes[refused[0]]
        loser = a if refused == ["a"] else b
        loser.page.locator(".st-key-review_reapply button").click()
        loser.page.locator('[data-testid="stAlert"]').filter(has_text="Written to").wait_for()
        wait_for_render(loser.page)

    assert len(recorded(data_copy, first)) == 1
    assert len(recorded(data_copy, second)) == 1
    # Every WebSocket stayed on the process its cookie named, unless nginx logged that the
    # process failed it (then the documented fallback sent it to another: a new session, no
    # lost decision, as the counts above show).
    streams = [
        line
        for line in running.access_log.read_text().splitlines()
        if '"GET /_stcore/stream' in line
    ]
    assert streams
    ports = {str(b.index): f"127.0.0.1:{b.port}" for b in running.backends}
    errors = (running.workdir / "logs" / "error.log").read_text()
    for line in streams:
        chosen = re.search(r"backend=(\d+) upstream=(\S+)", line)
        assert chosen, line
        named = ports[chosen[1]]
        if chosen[2] != named:
            assert f'upstream: "http://{named}/' in errors, (line, errors)


# --- limits and headers ------------------------------------------------------------------


def raw_request(port: int, head: str, body: bytes = b"", *, read: bool = True) -> tuple[int, str]:
    """Send `head` (and `body`) over a fresh connection; the status and headers of the
    answer (`read=False`: (0, "") without waiting for one)."""
    with socket.create_connection((HOST, port), timeout=60) as connection:
        connection.sendall(head.encode() + body)
        if not read:
            return 0, ""
        answer = connection.makefile("rb")
        status = int(answer.readline().split()[1])
        headers = b"".join(iter(lambda: answer.readline(), b"\r\n")).decode("latin-1")
        return status, headers


def upload_head(port: int, length: int, *, expect: bool = False) -> str:
    return (
        f"PUT /_stcore/upload_file/no-session/{uuid.uuid4()} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {length}\r\n"
        + ("Expect: 100-continue\r\n" if expect else "")
        + "Connection: close\r\n\r\n"
    )


def test_security_headers_metrics_and_host_config(running: Team) -> None:
    """Every answer forbids framing and names the scripts the page may run; Streamlit's
    metrics are not served through nginx, and its host configuration is nginx's own (no
    parent frame may message the app)."""
    page = _fetch(running.url + "/")
    policy = page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    # Streamlit's inline scripts and the app's own (the page's language), each by its hash.
    assert f"script-src 'self' 'wasm-unsafe-eval' {inline_script_hashes()};" in policy
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]{44}'", policy)) >= 1 + len(app_scripts())
    direct = running.backends[0].url
    assert _status(direct + "/_stcore/metrics") == 200
    assert _status(running.url + "/_stcore/metrics") == 404
    assert json.loads(_fetch(direct + "/_stcore/host-config").body)["allowedOrigins"]
    proxied = json.loads(_fetch(running.url + "/_stcore/host-config").body)
    assert proxied["allowedOrigins"] == []
    assert set(proxied) == set(json.loads(_fetch(direct + "/_stcore/host-config").body))


def test_request_bodies_and_uploads_are_limited(running: Team) -> None:
    """nginx refuses a body over its size before reading it, lets two uploads arrive at a
    time from one address, and a few a minute: the rest get 429 before reaching an app."""
    port = running.port
    # Bodies: 33 MiB for an upload (a 32 MiB file and its framing), 64 KiB elsewhere.
    assert raw_request(port, upload_head(port, 34 * 1024 * 1024, expect=True))[0] == 413
    big_form = f"POST / HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Length: 100000\r\n"
    assert raw_request(port, big_form + "Connection: close\r\n\r\n")[0] == 413

    # Two uploads still arriving hold both of this address's upload slots: a third is refused.
    holding = [socket.create_connection((HOST, port), timeout=60) for _ in range(2)]
    try:
        for connection in holding:
            connection.sendall(upload_head(port, 1_000_000).encode() + b"-" * 1000)
        deadline = time.monotonic() + 30
        refused = 0
        while refused != 429 and time.monotonic() < deadline:
            refused = raw_request(port, upload_head(port, 10, expect=True))[0]
        assert refused == 429
    finally:
        for connection in holding:
            connection.close()
    errors = (running.workdir / "logs" / "error.log").read_text(encoding="utf-8")
    assert 'limiting connections by zone "tracker_upload_slots"' in errors

    # A burst of uploads: after the first few, refused by rate.
    statuses = [raw_request(port, upload_head(port, 10) + "--x--\r\n123")[0] for _ in range(12)]
    assert statuses.count(429) >= 6, statuses
    assert all(status in (400, 403, 429) for status in statuses), statuses
    errors = (running.workdir / "logs" / "error.log").read_text(encoding="utf-8")
    assert re.search(r'limiting requests, excess: [\d.]+ by zone "tracker_uploads"', errors), [
        line for line in errors.splitlines() if "limiting" in line
    ]


CSP_VIOLATIONS = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""
RENDERED = """() => !!document
        .querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    && !document.querySelector('[data-testid="stSkeleton"]') && !!document.querySelector('h1')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(chart => chart.querySelector('svg.main-svg'))"""
# The one thing the policy blocks: Streamlit fetches a page's Material icon as its favicon
# from Google's font server; blocked, the tab shows no icon and Google hears of no visit.
FAVICON = re.compile(r"^img-src https://fonts\.gstatic\.com/s/i/short-term/release/materialsymbols")


def test_the_app_runs_under_its_csp(browser: Browser, running: Team) -> None:
    """Every page renders through nginx with the policy in force (no bypass), charts drawn,
    and nothing it needs is blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    context.add_init_script(CSP_VIOLATIONS)
    try:
        page = context.new_page()
        page.set_default_timeout(RENDER_TIMEOUT_MS)
        for name in page_names():
            page.goto(f"{running.url}/{name}")
            deadline = time.monotonic() + RENDER_TIMEOUT_MS / 1000
            while not page.evaluate(RENDERED):  # evaluate works under the CSP; waits do not
                assert time.monotonic() < deadline, f"{name} did not render"
                page.wait_for_timeout(100)
            assert page.locator('[data-testid="stException"]').count() == 0, name
            blocked = [v for v in page.evaluate("window.__csp") if not FAVICON.match(v)]
            assert blocked == [], (name, blocked)
    finally:
        context.close()


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Render:
    seconds: float  # from the request of the page to the app rendered
    fetched: float  # from the request of the page to the last script or style sheet received
    transferred: int  # response headers and bodies as they came over the wire
    decoded: int  # the bodies once decompressed
    requests: int
    static_gzipped: int  # scripts and style sheets that came compressed
    static_plain: int  # ... and those over 1 KiB that came uncompressed


def _context(browser: Browser, pin: tuple[str, int] | None) -> BrowserContext:
    """A fresh browser context (empty cache); `pin` is nginx's URL and the process to pin to.
    (It bypasses the CSP for Playwright's waits, as `session` does.)"""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-GB", bypass_csp=True
    )
    if pin is not None:
        context.add_cookies([{"name": BACKEND_COOKIE, "value": str(pin[1]), "url": pin[0]}])
    return context


def _first_render(browser: Browser, url: str, *, pin: tuple[str, int] | None = None) -> Render:
    """`url` opened in a fresh browser until the app has rendered, and what came over the wire."""
    context = _context(browser, pin)
    try:
        page = context.new_page()
        page.set_default_timeout(RENDER_TIMEOUT_MS)
        finished: list[Request] = []
        page.on("requestfinished", lambda request: finished.append(request))
        started = time.perf_counter()
        page.goto(url)
        wait_for_render(page)
        seconds = time.perf_counter() - started
        page.wait_for_load_state("networkidle")  # every response in, and its event delivered
        transferred = decoded = gzipped = plain = 0
        opened = min(request.timing["startTime"] for request in finished)
        fetched = 0.0
        for request in list(finished):
            sizes = request.sizes()
            transferred += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            response = request.response()
            if response is None:
                continue
            headers = response.headers
            length = len(response.body()) if response.status == 200 else 0
            decoded += length
            if re.search(r"javascript|css", headers.get("content-type", "")):
                timing = request.timing
                fetched = max(fetched, timing["startTime"] + timing["responseEnd"] - opened)
                if headers.get("content-encoding") == "gzip":
                    gzipped += 1
                elif length > 1024:
                    plain += 1
        return Render(
            round(seconds, 3),
            round(fetched / 1000, 3),
            transferred,
            decoded,
            len(finished),
            gzipped,
            plain,
        )
    finally:
        context.close()


def _mb(size: float) -> str:
    return f"{size / 1e6:.2f} MB"


def _row(name: str, renders: list[Render]) -> str:
    seconds = statistics.median(r.seconds for r in renders)
    transferred = statistics.median(r.transferred for r in renders)
    fetched = statistics.median(r.fetched for r in renders)
    each = ", ".join(f"{r.seconds:.2f}" for r in renders)
    return (
        f"  {name:<30} rendered {seconds:5.2f} s ({each}); front end fetched {fetched:5.2f} s; "
        f"{_mb(transferred)} transferred"
    )


@dataclass
class Fetched:
    body: bytes
    headers: dict[str, str]  # names in lower case
    cookie: str | None  # the Set-Cookie of the backend choice, if any


def _fetch(url: str, *, gzipped: bool = False, cookie: str | None = None) -> Fetched:
    headers = {"Accept-Encoding": "gzip"} if gzipped else {}
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        named = {name.lower(): value for name, value in r.headers.items()}
        sticky = [c for c in r.headers.get_all("Set-Cookie", []) if c.startswith(BACKEND_COOKIE)]
        return Fetched(r.read(), named, sticky[0] if sticky else None)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


# --- one loaded image, shared --------------------------------------------------------------


def _memory(pid: int) -> dict[str, int]:
    """The process's /proc/PID/smaps_rollup figures, in kB."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        parts = (line.split() for line in rollup if line.split()[0].endswith(":"))
        return {fields[0].rstrip(":"): int(fields[1]) for fields in parts if len(fields) == 3}


def _parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("PPid:"))


def test_the_second_process_is_a_fork_sharing_the_first_ones_memory(running: Team) -> None:
    """Process 1 is forked by process 0 after the data was loaded (deploy/preloaded.py): its
    parent is process 0 and much of its memory is pages it has not written since, shared with
    process 0 (a process started on its own shares no written pages with another)."""
    first, second = running.backends
    assert first.process is not None
    pid = second.fork_pid()
    assert pid is not None and _parent_of(pid) == first.process.pid
    memory = _memory(pid)
    assert memory["Shared_Dirty"] > memory["Private_Dirty"] / 4, memory
    assert _status(second.url + "/_stcore/health") == 200


def test_a_fork_that_dies_is_started_again_on_its_port(data_copy: Path, tmp_path: Path) -> None:
    """`run_team.py start` watches the forked process too: killed, it is started again on its
    port (as a plain `streamlit run`), and answers there."""
    if nginx_binary() is None:
        pytest.fail("nginx is missing: apt-get install nginx (.ci/run installs it)")
    runner = [sys.executable, str(REPO / "deploy" / "run_team.py")]
    where = ["--workdir", str(tmp_path)]
    started = subprocess.run(
        [*runner, "start", "--detach", "--data", str(data_copy), *where],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    try:
        state = json.loads((tmp_path / "team.json").read_text(encoding="utf-8"))
        fork = int((tmp_path / "logs" / "app-1.pid").read_text(encoding="ascii"))
        os.kill(fork, signal.SIGKILL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if "app 1 exited" in (tmp_path / "runner.log").read_text(encoding="utf-8"):
                with suppress(OSError):
                    if _status(state["backends"][1] + "/_stcore/health") == 200:
                        break
            time.sleep(0.5)
        else:
            pytest.fail(f"app 1 was not started again:\n{(tmp_path / 'runner.log').read_text()}")
    finally:
        stopped = subprocess.run([*runner, "stop", *where], capture_output=True, timeout=120)
        assert stopped.returncode == 0, stopped.stderr
