"""Link checks against an HTTP server the test starts on loopback (no test reaches outside the
machine): 200, 301, 404, 500, 403, a redirect loop, a server that never answers (timeout) and a
port nobody listens on; the results file (failing_since carried over, never the data file
changed); and the command with its report and exit status."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_export import FIXTURE
from tracker.cli.main import main
from tracker.exchange import links
from tracker.exchange.links import LinkCheck, check_links, merge, parse_results, results_csv

TODAY = dt.date(2026, 12, 7)
TIMEOUT = 1.0


class Handler(http.server.BaseHTTPRequestHandler):
    release = threading.Event()

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/never":
            # Holds the connection without a byte until the test ends.
            self.release.wait(30)
            return
        routes = {
            "/ok": (200, {}),
            "/moved": (301, {"Location": "/ok"}),
            "/gone": (404, {}),
            "/broken": (500, {}),
            "/forbidden": (403, {}),
            "/loop": (302, {"Location": "/loop"}),
        }
        status, headers = routes.get(path, (404, {}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"hi")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        Handler.release.set()
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("path", "outcome", "status", "final"),
    [
        ("/ok", "ok", 200, ""),
        ("/moved", "moved", 200, "/ok"),
        ("/gone", "dead", 404, ""),
        ("/broken", "server-error", 500, ""),
        ("/forbidden", "blocked", 403, ""),
        ("/loop", "dead", None, ""),
        ("/never", "timeout", None, ""),
    ],
)
def test_each_answer_gives_its_outcome(
    server: str, path: str, outcome: str, status: int | None, final: str
) -> None:
    (check,) = check_links([server + path], today=TODAY, timeout=TIMEOUT)
    assert (check.url, check.checked_on, check.outcome, check.http_status) == (
        server + path,
        TODAY,
        outcome,
        status,
    )
    assert check.final_url == (server + final if final else "")


def test_a_port_nobody_listens_on_is_unreachable() -> None:
    url = f"http://127.0.0.1:{closed_port()}/x"
    (check,) = check_links([url], today=TODAY, timeout=TIMEOUT)
    assert check.outcome == "unreachable"
    assert check.dead and "ConnectError" in check.detail


def test_many_addresses_at_bounded_concurrency_keep_their_order(server: str) -> None:
    urls = [f"{server}/ok?n={n}" for n in range(30)] + [f"{server}/gone?n={n}" for n in range(5)]
    seen: list[int] = []
    results = check_links(
        urls, today=TODAY, concurrency=3, timeout=TIMEOUT, progress=lambda d, t, u: seen.append(d)
    )
    assert [check.url for check in results] == urls
    assert [check.outcome for check in results] == ["ok"] * 30 + ["dead"] * 5
    assert seen == list(range(1, 36))


def test_address_sends_the_request_elsewhere_and_keeps_the_original(server: str) -> None:
    (check,) = check_links(
        ["https://www.example.org/page"],
        today=TODAY,
        timeout=TIMEOUT,
        address=lambda url: f"{server}/gone",
    )
    assert (check.url, check.outcome) == ("https://www.example.org/page", "dead")


def test_failing_since_runs_from_the_first_failure_of_a_run() -> None:
    url = "https://a.example/x"
    day = dt.timedelta(days=1)
    first = merge({}, [LinkCheck(url, TODAY, "dead", 404)])
    assert first[url].failing_since == TODAY
    second = merge(first, [LinkCheck(url, TODAY + day, "timeout")])
    assert second[url].failing_since == TODAY
    back = merge(second, [LinkCheck(url, TODAY + 2 * day, "ok", 200)])
    assert back[url].failing_since is None
    again = merge(back, [LinkCheck(url, TODAY + 3 * day, "server-error", 500)])
    assert again[url].failing_since == TODAY + 3 * day
    other = merge(again, [LinkCheck("https://b.example", TODAY, "ok", 200)])
    assert other[url] == again[url]  # not checked now: kept


def test_results_file_round_trips_and_bad_lines_say_where() -> None:
    results = [
        LinkCheck("https://a.example/x,y", TODAY, "moved", 200, "https://a.example/z"),
        LinkCheck("https://b.example/", TODAY, "dead", 404, failing_since=TODAY, detail='say "x"'),
    ]
    text = results_csv(results)
    assert text.splitlines()[0] == ",".join(links.COLUMNS)
    assert parse_results(text) == {check.url: check for check in results}
    broken = text.replace("moved", "vanished")
    with pytest.raises(links.ResultsError, match=r"^data/link_checks.csv:2: unknown outcome"):
        parse_results(broken)


def test_evidence_urls_lists_every_address_with_its_items() -> None:
    urls = links.evidence_urls(FIXTURE)
    assert list(urls) == [
        url
        for item in FIXTURE.evidence
        for url in (item.source.url, *item.source.additional_urls)
        if url
    ]
    assert urls[FIXTURE.evidence[0].source.url] == [FIXTURE.evidence[0].id]


# --- the command ----------------------------------------------------------------------------


def test_the_command_records_results_beside_the_data_and_reports_failures(
    server: str, tmp_path: Path, mini_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = [item.source.url for item in FIXTURE.evidence]
    text = mini_text
    for url, path in zip(urls, ["/ok", "/gone", "/moved"], strict=True):
        text = text.replace(f"url: {url}", f"url: {server}{path}")
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    before = data.read_bytes()
    assert main(["links", str(data), "--timeout", str(TIMEOUT)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"moved        200  {server}/moved  (E40)  now {server}/ok")
    assert out[1].startswith(f"dead         404  {server}/gone  (E29) since ")
    assert out[-1] == "3 addresses: 1 ok, 1 moved, 1 dead"
    results = links.read_results(tmp_path / "data" / "link_checks.csv")
    assert {url: check.outcome for url, check in results.items()} == {
        f"{server}/ok": "ok",
        f"{server}/gone": "dead",
        f"{server}/moved": "moved",
    }
    assert data.read_bytes() == before


def test_the_command_exits_0_when_every_address_answers(
    server: str, tmp_path: Path, mini_text: str
) -> None:
    text = mini_text
    for item in FIXTURE.evidence:
        text = text.replace(f"url: {item.source.url}", f"url: {server}/ok?{item.id}")
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "checks.csv"
    assert main(["links", str(data), "--out", str(out), "--timeout", str(TIMEOUT)]) == 0
    assert len(links.read_results(out)) == 3


def test_the_command_refuses_an_unreadable_results_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "checks.csv"
    out.write_text("not,the,header\n", encoding="utf-8")
    assert main(["links", str(FIXTURE_FILE), "--out", str(out)]) == 2
    assert f"{out}:1: the header is not url," in capsys.readouterr().err


FIXTURE_FILE = Path(__file__).parent / "fixtures" / "mini.yaml"
