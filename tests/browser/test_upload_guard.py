"""Uploads cannot fill the server's memory: 50 uploads of 30 MB sent straight to Streamlit's
upload endpoint from five live sessions (as an attacker would, with each session's own XSRF
token and made-up file ids) leave the server holding at most `SERVER_BYTES`, each session at
most `SESSION_BYTES` and `SESSION_FILES`; the refused ones are refused before their body is
read; once the tabs are closed and their reconnect window has passed, the files are freed.
The server's memory is written to test-output/upload-guard.txt."""

from __future__ import annotations

import http.client
import os
import re
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pytest
from playwright.sync_api import Browser, BrowserContext

from bench.browser_load import free_port, memory_of, serve, streamlit_command
from tests.browser.conftest import new_sessions, report, wait_for_render
from ui.upload_guard import MIB, SERVER_BYTES, SESSION_BYTES, SESSION_FILES

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "upload-guard.txt"
SESSIONS = 5
UPLOADS = 50
UPLOAD_BYTES = 30 * 1000 * 1000
RECONNECT_SECONDS = 3
BOUNDARY = "tracker-upload-test"


@dataclass
class Server:
    url: str
    port: int
    pid: int
    log: Path


@contextmanager
def guarded_server(logs: Path) -> Iterator[Server]:
    """`streamlit run serve.py` on a free port, with a short reconnect window."""
    port = free_port()
    command = [
        *streamlit_command(port),
        "--server.disconnectedSessionTTL",
        str(RECONNECT_SECONDS),
        "--server.maxUploadSize",
        "32",
    ]
    env = {**os.environ, "TRACKER_DATA": str(REPO / "commitments.yaml")}
    url = f"http://127.0.0.1:{port}"
    log = logs / f"guard-{port}.log"
    with serve(command, env, f"{url}/_stcore/health", log) as pid:
        yield Server(url, port, pid, log)


@dataclass
class Session:
    context: BrowserContext
    id: str
    xsrf: str


def open_session(browser: Browser, url: str) -> Session:
    """A browser tab on the app, with the id of its Streamlit session and its XSRF token."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(120_000)
    sessions = new_sessions(page)
    page.goto(url)
    wait_for_render(page)
    xsrf = next(c["value"] for c in context.cookies() if c["name"] == "_streamlit_xsrf")
    assert sessions, "no session started"
    return Session(context, sessions[0].initialize.session_id, xsrf)


def upload(server: Server, session: Session, body: bytes) -> int:
    """PUT one file to the upload endpoint under a new file id; the response's status. The
    body is sent only once the server asks for it (`Expect: 100-continue`), so a refusal
    before the body is read is seen as such."""
    head = (
        f"PUT /_stcore/upload_file/{session.id}/{uuid.uuid4()} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"X-Xsrftoken: {session.xsrf}\r\n"
        f"Cookie: _streamlit_xsrf={session.xsrf}\r\n"
        "Expect: 100-continue\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as connection:
        connection.sendall(head.encode())
        reader = connection.makefile("rb")
        status = _status(reader)
        if status == 100:
            connection.sendall(body)
            status = _status(reader)
        return status


def _status(reader: BinaryIO) -> int:
    """The status of the next response head, read to its end."""
    status = int(reader.readline().split()[1])
    while reader.readline() not in (b"\r\n", b""):
        pass
    return status


def multipart(size: int) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    return head + b"0" * size + f"\r\n--{BOUNDARY}--\r\n".encode()


def held_by_uploads(server: Server) -> int:
    """Bytes Streamlit's upload manager holds, from the server's own metrics."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", "/_stcore/metrics")
        text = connection.getresponse().read().decode()
    finally:
        connection.close()
    found = re.search(r'cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\} (\d+)', text)
    return int(found[1]) if found else 0


def test_fifty_uploads_of_30_mb_hold_at_most_the_server_cap(
    browser: Browser, tmp_path: Path
) -> None:
    body = multipart(UPLOAD_BYTES)
    with guarded_server(tmp_path) as server:
        sessions = [open_session(browser, server.url) for _ in range(SESSIONS)]
        before = memory_of(server.pid)["VmRSS"]
        statuses = [upload(server, sessions[n % SESSIONS], body) for n in range(UPLOADS)]
        held = held_by_uploads(server)
        after = memory_of(server.pid)
        for session in sessions:
            session.context.close()
        deadline = time.monotonic() + 120
        while held_by_uploads(server) and time.monotonic() < deadline:
            time.sleep(0.5)
        freed = held_by_uploads(server)
        at_end = memory_of(server.pid)["VmRSS"]

    accepted = statuses.count(204)
    per_session = 1  # two 30 MB files pass SESSION_BYTES
    assert 2 * len(body) > SESSION_BYTES and per_session <= SESSION_FILES
    assert accepted == min(SESSIONS * per_session, SERVER_BYTES // len(body)), statuses
    assert set(statuses) <= {204, 413, 503}, statuses
    assert held <= SERVER_BYTES
    assert freed == 0
    # What the server gained is what it holds, with room for the process's own variation.
    assert after["VmRSS"] - before < SERVER_BYTES + 128 * MIB
    figures = (
        f"{UPLOADS} uploads of {UPLOAD_BYTES / 1e6:.0f} MB from {SESSIONS} sessions: {accepted} "
        f"accepted, {statuses.count(413)} refused (session full), {statuses.count(503)} refused "
        f"(server full), before their bodies were read; uploads held {held / 1e6:.0f} MB; server "
        f"memory {before / 1e6:.0f} MB before, {after['VmRSS'] / 1e6:.0f} MB after (peak "
        f"{after['VmHWM'] / 1e6:.0f} MB), {at_end / 1e6:.0f} MB once the tabs were closed and "
        f"their files freed ({freed} bytes held)"
    )
    report(OUTPUT, figures)


def test_an_upload_without_a_length_is_refused_and_logged(browser: Browser, tmp_path: Path) -> None:
    with guarded_server(tmp_path) as server:
        session = open_session(browser, server.url)
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        try:
            connection.putrequest("PUT", f"/_stcore/upload_file/{session.id}/{uuid.uuid4()}")
            connection.putheader("Transfer-Encoding", "chunked")
            connection.putheader("X-Xsrftoken", session.xsrf)
            connection.putheader("Cookie", f"_streamlit_xsrf={session.xsrf}")
            connection.endheaders()
            connection.send(b"0\r\n\r\n")
            assert connection.getresponse().status == 411
        finally:
            connection.close()
            session.context.close()
        logged = server.log.read_text(encoding="utf-8")
        assert re.search(r"\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ upload refused \(411\)", logged)
