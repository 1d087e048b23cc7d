"""`python -m bench.browser_load [--size hundredth] [--sessions 10]`: concurrent browser sessions
(Playwright + Debian's Chromium) go through the dashboard on a synthetic dataset: every page of
the navigation, a status filter on Commitments and a source-type filter on Evidence. Prints the
render time of each page (median, p90, max over all sessions) per session count, and the errors
seen. A benchmark: nothing here asserts a time; tests/browser/test_load_browser.py runs it to
check that every session finished every page without an error.

The server, the browser and the wait for a render are shared with the other browser benchmarks
(bench.browser_vs_datasette, bench.memory_profile).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, async_playwright

from bench.__main__ import SIZES
from tracker.cli.progress import ProgressBar
from tracker.present.i18n import t
from tracker.present.pdf import CHROMIUM, CHROMIUM_ARGS
from tracker.source.synth import FULL, METHODOLOGY, Size, scaled, write_synthetic
from ui.routes import ROUTES

REPO = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 120
RENDER_TIMEOUT_MS = 180_000
# A page has rendered when its script has finished, no skeleton is left, the title is drawn,
# every plotly chart has drawn its SVG and every table on screen has drawn its cells.
RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!document.querySelector('h1')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (!charts.every(chart => chart.querySelector('svg.main-svg'))) return false;
  return [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(grid => grid.getBoundingClientRect().height > 0)
    .every(grid => grid.querySelector('table[role="grid"]'));
}"""
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def page_names() -> list[str]:
    """The pages of the navigation, in order (the route table: a page added there is visited
    too)."""
    return [route.key for route in ROUTES]


# --- the server --------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def memory_of(pid: int) -> dict[str, int]:
    """Resident memory of a process now (VmRSS) and at its peak (VmHWM), in bytes."""
    figures = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in {"VmRSS", "VmHWM"}:
                figures[name] = int(value.split()[0]) * 1024
    return figures


@contextmanager
def serve(command: list[str], env: dict[str, str], ready: str, log: Path) -> Iterator[int]:
    """Run `command` (output to `log`) until `ready` answers 200; yields its process id and
    stops it afterwards."""
    name = command[2]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{_tail(log)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready after {STARTUP_SECONDS} s:\n{_tail(log)}")
            try:
                with urllib.request.urlopen(ready, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path) -> str:
    """The end of a server's log, for the error that says it did not start."""
    return log.read_text(encoding="utf-8", errors="replace")[-4000:]


def streamlit_command(port: int) -> list[str]:
    """`streamlit run serve.py` (the app as served) headless on 127.0.0.1:`port`, without the
    file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]


@contextmanager
def app_server(data: Path, log: Path, cache: Path | None = None) -> Iterator[Server]:
    """`streamlit run serve.py` on a free port reading `data` (its disk cache in `cache`)."""
    port = free_port()
    command = streamlit_command(port)
    env = {**os.environ, "TRACKER_DATA": str(data.resolve())}
    if cache is not None:
        env["TRACKER_CACHE"] = str(cache.resolve())
    url = f"http://127.0.0.1:{port}"
    with serve(command, env, f"{url}/_stcore/health", log) as pid:
        yield Server(url, pid)


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium, never a downloaded browser."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


async def new_tab(browser: Browser) -> Page:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    tab = await context.new_page()
    tab.set_default_timeout(RENDER_TIMEOUT_MS)
    return tab


async def rendered(page: Page) -> None:
    await page.wait_for_function(RENDERED, polling=50)


async def open_timed(page: Page, url: str) -> float:
    """Seconds from navigating to `url` until the page has rendered there."""
    start = time.perf_counter()
    await page.goto(url)
    await rendered(page)
    return time.perf_counter() - start


def count_pattern(key: str) -> re.Pattern[str]:
    """The caption `key` (e.g. '{shown} of {total} commitments…') as a pattern that reads the
    two numbers back."""
    template = re.escape(t(key, "en"))
    template = template.replace(r"\{shown\}", r"(?P<shown>[\d,]+)")
    template = template.replace(r"\{total\}", r"(?P<total>[\d,]+)")
    return re.compile(re.sub(r"\\\{\w+\\\}", ".+?", template))


async def count_caption(page: Page, pattern: re.Pattern[str]) -> tuple[str, int, int]:
    """The caption matching `pattern` in the page's main block, and its (shown, total)."""
    captions = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]')
    texts = await captions.all_inner_texts()
    for text in texts:
        found = pattern.search(text)
        if found:
            shown, total = (int(found[name].replace(",", "")) for name in ("shown", "total"))
            return text, shown, total
    raise RuntimeError(f"no caption matches {pattern.pattern!r}: {texts}")


@dataclass(frozen=True)
class FilterChange:
    """Which page, which multiselect, the option to pick, the caption that counts the rows."""

    page: str
    label_key: str
    option: str
    count_key: str


def label_of(scale: str, term_id: str) -> str:
    """The English label of a term of the synthetic methodology."""
    return str(next(term[1] for term in METHODOLOGY[scale] if term[0] == term_id))


FILTERS = {
    "commitments": FilterChange(
        "commitments",
        "commitments.filter.status",
        label_of("statuses", "regressing"),
        "commitments.count",
    ),
    "evidence": FilterChange(
        "evidence",
        "label.source_type",
        label_of("source_types", "official"),
        "evidence.count",
    ),
}


async def change_filter(page: Page, change: FilterChange) -> tuple[float, tuple[int, int]]:
    """Pick `change.option` in the page's multiselect; seconds from the pick until the rerun
    has finished and the count caption has changed, and the new (shown, total)."""
    pattern = count_pattern(change.count_key)
    before = await count_caption(page, pattern)
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=t(change.label_key, "en"))
    await box.locator("input").click()
    await page.keyboard.type(change.option)
    start = time.perf_counter()
    await page.keyboard.press("Enter")
    await page.wait_for_function(
        """([pattern, before]) => [...document.querySelectorAll(
              '[data-testid="stMain"] [data-testid="stCaptionContainer"]')]
            .some(c => new RegExp(pattern).test(c.innerText) && c.innerText !== before)""",
        arg=[pattern.pattern.replace("?P<", "?<"), before[0]],
        polling=20,
    )
    await rendered(page)
    seconds = time.perf_counter() - start
    await page.keyboard.press("Escape")
    _, shown, total = await count_caption(page, pattern)
    return seconds, (shown, total)


# --- sessions ----------------------------------------------------------------------------


@dataclass
class SessionResult:
    """One browser session's walk: seconds per step, counts read, errors seen."""

    times: dict[str, float] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


async def errors_on(page: Page, where: str) -> list[str]:
    boxes = await page.locator(ERRORS).all_inner_texts()
    return [f"{where}: {text[:300]}" for text in boxes]


async def navigate_timed(page: Page, name: str) -> float:
    """Seconds from clicking page `name` in the sidebar until it has rendered."""
    title = t(f"page.{name}.title", "en")
    link = page.locator('.st-key-navigation [data-testid="stPageLink"]').filter(has_text=title)
    # The first route is served at the root URL.
    path = "" if name == ROUTES[0].key else re.escape(name)
    start = time.perf_counter()
    await link.click()
    await page.wait_for_url(re.compile(f"/{path}(\\?|$)"))
    await page.locator("h1").filter(has_text=title).first.wait_for()
    await rendered(page)
    return time.perf_counter() - start


OPENING = "open the app (overview)"


async def walk(browser: Browser, url: str, pages: list[str]) -> SessionResult:
    """Open the app, then every page in turn through the sidebar (the overview last); on
    Commitments and Evidence, also the filter change."""
    result = SessionResult()
    tab = await new_tab(browser)
    try:
        result.times[OPENING] = await open_timed(tab, url)
        result.errors += await errors_on(tab, OPENING)
        for name in [*(name for name in pages if name != "overview"), "overview"]:
            try:
                result.times[name] = await navigate_timed(tab, name)
                result.errors += await errors_on(tab, name)
                change = FILTERS.get(name)
                if change is not None:
                    _, shown, total = await count_caption(tab, count_pattern(change.count_key))
                    result.counts[name] = (shown, total)
                    seconds, after = await change_filter(tab, change)
                    step = f"{name}: filter change"
                    result.times[step] = seconds
                    result.counts[step] = after
                    result.errors += await errors_on(tab, step)
            except Exception as error:  # a failed step is reported with the others
                result.errors.append(f"{name}: {type(error).__name__}: {str(error)[:300]}")
    except Exception as error:
        result.errors.append(f"{OPENING}: {type(error).__name__}: {str(error)[:300]}")
    finally:
        await tab.context.close()
    return result


async def run_sessions(url: str, count: int, pages: list[str]) -> list[SessionResult]:
    async with chromium() as browser:
        # One visitor first, so that the data is loaded and app.py's navigation exists before
        # the sessions start: they measure rendering, not the first load.
        warm = await new_tab(browser)
        await open_timed(warm, url)
        await warm.context.close()
        return list(await asyncio.gather(*(walk(browser, url, pages) for _ in range(count))))


# --- the benchmark -----------------------------------------------------------------------


def make_data(size_name: str, work: Path, seed: int = 0) -> tuple[Path, Size]:
    """The synthetic dataset of that size in `work` (written once, reused when present)."""
    size = scaled(FULL, SIZES[size_name])
    data = work / f"synth-{size_name}-{seed}.yaml"
    if not data.exists():
        with ProgressBar("synth") as bar:
            write_synthetic(size, seed, data, bar)
    return data, size


@contextmanager
def work_folder(given: Path | None, prefix: str) -> Iterator[Path]:
    """`given` (kept), or a temporary folder removed afterwards."""
    work = given or Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    try:
        yield work
    finally:
        if given is None:
            shutil.rmtree(work, ignore_errors=True)


def describe(size_name: str, size: Size) -> str:
    return (
        f"size {size_name}: {size.commitments:,} commitments, {size.actors} actors, "
        f"{size.assessments:,} assessments, {size.evidence:,} evidence items"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def summary(results: list[SessionResult]) -> list[dict[str, Any]]:
    """Per step: how many sessions finished it, median, p90 and max seconds."""
    steps = list(dict.fromkeys(step for result in results for step in result.times))
    rows = []
    for step in steps:
        values = [result.times[step] for result in results if step in result.times]
        rows.append(
            {
                "page": step,
                "finished": len(values),
                "median": statistics.median(values),
                "p90": percentile(values, 0.9),
                "max": max(values),
            }
        )
    return rows


def table(rows: list[dict[str, Any]], sessions: int) -> str:
    lines = [
        f"| page ({sessions} sessions) | finished | median | p90 | max |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['finished']}/{sessions} | {row['median']:.2f} s "
            f"| {row['p90']:.2f} s | {row['max']:.2f} s |"
        )
    return "\n".join(lines)


def measure(size_name: str, counts: list[int], work: Path, seed: int = 0) -> dict[str, Any]:
    """Start one server on the dataset, then for each session count run that many sessions
    at once; returns the figures (also what --json writes)."""
    data, size = make_data(size_name, work, seed)
    pages = page_names()
    runs = []
    with app_server(data, work / "streamlit.log", work / "cache") as server:
        for count in counts:
            started = time.perf_counter()
            results = asyncio.run(run_sessions(server.url, count, pages))
            runs.append(
                {
                    "sessions": count,
                    "seconds": time.perf_counter() - started,
                    "rows": summary(results),
                    "results": [asdict(result) for result in results],
                    "server_memory": memory_of(server.pid),
                }
            )
    return {"size": size_name, "counts": asdict(size), "pages": pages, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_load", description=__doc__)
    parser.add_argument("--size", choices=list(SIZES), default="hundredth")
    parser.add_argument(
        "--sessions", type=int, nargs="+", default=[10], help="session counts to run, in turn"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="folder for the data, cache and log (kept)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    with work_folder(args.work, "bench-browser-") as work:
        figures = measure(args.size, args.sessions, work, args.seed)
    print(describe(args.size, Size(**figures["counts"])))
    failed = 0
    for run in figures["runs"]:
        memory = run["server_memory"]
        print(
            f"\n{run['sessions']} sessions at once: {run['seconds']:.1f} s in all; server RSS "
            f"{memory.get('VmRSS', 0) / 1e6:,.0f} MB, peak {memory.get('VmHWM', 0) / 1e6:,.0f} MB"
        )
        print(table(run["rows"], run["sessions"]))
        errors = [error for result in run["results"] for error in result["errors"]]
        failed += len(errors)
        for error in errors:
            print(f"error: {error}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
