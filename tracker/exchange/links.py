"""Links that do not rot: check every evidence address (source, other copies, archived copy)
over HTTP with bounded concurrency, timeouts and redirects followed, and keep the results as
data in a CSV file beside the data (`data/link_checks.csv`, one row per address with the day
it was checked), which the Evidence page reads to mark dead links. The data file itself is
never rewritten by a check.

Outcomes: `ok` (2xx), `moved` (2xx after redirects to another address), `blocked` (401, 403,
429: the site refuses the checker, which says nothing of a reader), `dead` (any other 4xx, or a
redirect loop), `server-error` (5xx), `timeout` (no answer in time), `unreachable` (no
connection: unknown host, refused, TLS failure). `failing_since` is the first day of the run
of failed checks that the latest belongs to, so a link down for one day is told from a dead one.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, get_args
from urllib.parse import urlsplit

import httpx

from tracker.domain.model import Dataset
from tracker.domain.urls import is_web_url

Outcome = Literal["ok", "moved", "blocked", "dead", "server-error", "timeout", "unreachable"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
FAILED: frozenset[Outcome] = frozenset({"dead", "server-error", "timeout", "unreachable"})
DEAD: frozenset[Outcome] = frozenset({"dead", "unreachable"})
RESULTS_FILE = Path("data") / "link_checks.csv"
COLUMNS = ("url", "checked_on", "outcome", "http_status", "final_url", "failing_since", "detail")
USER_AGENT = "commitment-tracker link check (python-httpx)"
DEFAULT_CONCURRENCY = 8
PER_HOST = 2
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 10
_BLOCKED = frozenset({401, 403, 429})


@dataclass(frozen=True)
class LinkCheck:
    """The latest check of one address."""

    url: str
    checked_on: dt.date
    outcome: Outcome
    http_status: int | None = None
    final_url: str = ""
    failing_since: dt.date | None = None
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome in FAILED

    @property
    def dead(self) -> bool:
        return self.outcome in DEAD


def evidence_urls(dataset: Dataset) -> dict[str, list[str]]:
    """Every web address of the evidence (source, other copies, archived copy), each with the
    ids of the items that give it, in data order."""
    found: dict[str, list[str]] = {}
    for item in dataset.evidence:
        urls = (item.source.url, *item.source.additional_urls, item.source.archived_url)
        for url in urls:
            if url and is_web_url(url):
                ids = found.setdefault(url, [])
                if item.id not in ids:
                    ids.append(item.id)
    return found


# --- checking -----------------------------------------------------------------------------


def _outcome(status: int, moved: bool) -> Outcome:
    if 200 <= status < 300:
        return "moved" if moved else "ok"
    if status in _BLOCKED:
        return "blocked"
    if 400 <= status < 500:
        return "dead"
    return "server-error"


async def _check_one(
    client: httpx.AsyncClient,
    url: str,
    address: str,
    today: dt.date,
    timeout: float,
) -> LinkCheck:
    try:
        # Headers only: the body is never read. The whole exchange, redirects included, has
        # a deadline, so a server that trickles bytes cannot hold a worker.
        async with asyncio.timeout(timeout * 3):
            async with client.stream("GET", address) as response:
                status = response.status_code
                final = str(response.url)
                moved = bool(response.history) and final.rstrip("/") != address.rstrip("/")
                if 300 <= status < 400:
                    location = response.headers.get("location", "")
                    return LinkCheck(
                        url, today, "dead", status, final, detail=f"redirect to {location!r}"
                    )
                return LinkCheck(
                    url, today, _outcome(status, moved), status, final if moved else ""
                )
    except httpx.TooManyRedirects:
        return LinkCheck(url, today, "dead", detail=f"more than {MAX_REDIRECTS} redirects")
    except (TimeoutError, httpx.TimeoutException):
        return LinkCheck(url, today, "timeout", detail=f"no answer within {timeout:g} s")
    except httpx.HTTPError as error:
        return LinkCheck(url, today, "unreachable", detail=f"{type(error).__name__}: {error}")


async def _check_all(
    urls: Sequence[str],
    today: dt.date,
    concurrency: int,
    timeout: float,
    address: Callable[[str], str],
    progress: Callable[[int, int, str], None] | None,
) -> list[LinkCheck]:
    everywhere = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    done = 0

    async def bounded(client: httpx.AsyncClient, url: str) -> LinkCheck:
        nonlocal done
        host = urlsplit(url).hostname or ""
        per_host = hosts.setdefault(host, asyncio.Semaphore(PER_HOST))
        async with everywhere, per_host:
            result = await _check_one(client, url, address(url), today, timeout)
        done += 1
        if progress:
            progress(done, len(urls), url)
        return result

    async with httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=concurrency),
        headers={"User-Agent": USER_AGENT},
        trust_env=False,
    ) as client:
        return list(await asyncio.gather(*(bounded(client, url) for url in urls)))


def check_links(
    urls: Iterable[str],
    *,
    today: dt.date | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    timeout: float = DEFAULT_TIMEOUT,
    address: Callable[[str], str] = lambda url: url,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[LinkCheck]:
    """Check each address (at most `concurrency` at once, `PER_HOST` per host; each
    connection and read within `timeout` seconds, the whole check within three times that),
    in the order given. `address` maps an address to the one actually requested (a test
    server); the result keeps the original."""
    listed = list(dict.fromkeys(urls))
    day = today or dt.date.today()
    return asyncio.run(_check_all(listed, day, concurrency, timeout, address, progress))


# --- the results file ---------------------------------------------------------------------


def merge(previous: Mapping[str, LinkCheck], latest: Iterable[LinkCheck]) -> dict[str, LinkCheck]:
    """The results to keep: the latest of each address checked, with `failing_since` carried
    over from a previous failure, and the previous results of addresses not checked now."""
    merged = dict(previous)
    for check in latest:
        before = previous.get(check.url)
        since = None
        if check.failed:
            since = before.failing_since if before and before.failed else None
            since = since or check.checked_on
        merged[check.url] = replace(check, failing_since=since)
    return merged


def results_csv(results: Iterable[LinkCheck]) -> str:
    """The results as CSV text (UTF-8, comma, CRLF), sorted by address."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for check in sorted(results, key=lambda check: check.url):
        writer.writerow(
            [
                check.url,
                check.checked_on.isoformat(),
                check.outcome,
                "" if check.http_status is None else check.http_status,
                check.final_url,
                check.failing_since.isoformat() if check.failing_since else "",
                check.detail,
            ]
        )
    return buffer.getvalue()


class ResultsError(ValueError):
    """A results file that cannot be read: `file:line: what is wrong`."""


def parse_results(text: str, name: str = str(RESULTS_FILE)) -> dict[str, LinkCheck]:
    """The results of `results_csv` text, by address."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return {}
    if tuple(header) != COLUMNS:
        raise ResultsError(f"{name}:1: the header is not {','.join(COLUMNS)}")
    found: dict[str, LinkCheck] = {}
    for line, row in enumerate(reader, start=2):
        if not any(row):
            continue
        try:
            url, checked, outcome, status, final, since, detail = row
            if outcome not in OUTCOMES:
                raise ValueError(f"unknown outcome {outcome!r}")
            found[url] = LinkCheck(
                url,
                dt.date.fromisoformat(checked),
                outcome,
                int(status) if status else None,
                final,
                dt.date.fromisoformat(since) if since else None,
                detail,
            )
        except ValueError as error:
            raise ResultsError(f"{name}:{line}: {error}") from None
    return found


def read_results(path: str | Path) -> dict[str, LinkCheck]:
    """The results file at `path`; empty when there is none yet."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    return parse_results(text, str(path))


def write_results(path: str | Path, results: Iterable[LinkCheck]) -> Path:
    """The results into `path` (its folder created if needed), whole or not at all."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(results_csv(results), encoding="utf-8", newline="")
    partial.replace(target)
    return target


def results_path(data_file: str | Path) -> Path:
    """Where the results of the links of a data file are kept: `data/link_checks.csv`
    beside it."""
    return Path(data_file).resolve().parent / RESULTS_FILE
