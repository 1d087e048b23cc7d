"""Bounds on what uploads may hold in the server's memory: an ASGI middleware in front of
Streamlit's upload endpoint, and a sweep that frees the files of sessions that are gone.

Streamlit (1.67) keeps every uploaded file in memory (`MemoryUploadedFileManager`), accepts a
PUT to `/_stcore/upload_file/<session>/<file id>` from any live session under any file id it
makes up, and frees a session's files only when the session is shut down, which a
disconnected session whose reconnect window (`server.disconnectedSessionTTL`) ran out never
is. So, before a byte of the body is read, an upload is refused when it would take its
session past `SESSION_FILES` files or `SESSION_BYTES`, or the server past `SERVER_BYTES`
(counting uploads still arriving by their Content-Length); and the files of a session that
has not been live for longer than the reconnect window are freed.

`serve.py` puts both around the app: `streamlit run serve.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from streamlit import config, runtime

MIB = 1024 * 1024
SESSION_FILES = 4
# One CSV import (server.maxUploadSize = 32 MiB, plus its multipart framing) and a
# resolution text (5 MB) fit; a second import does not.
SESSION_BYTES = 40 * MIB
SERVER_BYTES = 128 * MIB
SWEEP_SECONDS = 15.0

LOG = logging.getLogger("tracker.uploads")
_UPLOAD = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/(?P<file>[^/]+)$")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Limits:
    session_files: int = SESSION_FILES
    session_bytes: int = SESSION_BYTES
    server_bytes: int = SERVER_BYTES


@dataclass
class _Arriving:
    """Uploads accepted whose bodies are still arriving, counted by their Content-Length."""

    bytes: Counter[str] = field(default_factory=Counter)
    files: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.bytes.values())


def _held(manager: Any) -> dict[str, dict[str, int]]:
    """Bytes held per file id per session by Streamlit's upload manager."""
    storage = getattr(manager, "file_storage", {})
    return {
        session: {file_id: len(record.data) for file_id, record in list(files.items())}
        for session, files in list(storage.items())
    }


class UploadGuard:
    """ASGI middleware: refuses an upload that would pass the limits, before its body is
    read (so a refused upload costs no memory), with 411 when it gives no length, 413 when
    its session has too much already, 503 when the server does."""

    def __init__(self, app: ASGIApp, limits: Limits | None = None) -> None:
        self.app = app
        self.limits = limits or Limits()
        self.arriving = _Arriving()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = _UPLOAD.search(scope.get("path", "")) if scope["type"] == "http" else None
        if found is None or scope.get("method") != "PUT":
            await self.app(scope, receive, send)
            return
        session, file_id = found["session"], found["file"]
        length = _content_length(scope)
        refusal = self._refusal(session, file_id, length)
        if refusal is not None:
            status, text = refusal
            LOG.warning("upload refused (%d) for session %s: %s", status, session, text)
            await _respond(send, status, text)
            return
        assert length is not None
        self.arriving.bytes[session] += length
        self.arriving.files[session] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.arriving.bytes[session] -= length
            self.arriving.files[session] -= 1
            if self.arriving.files[session] <= 0:
                del self.arriving.bytes[session], self.arriving.files[session]

    def _refusal(self, session: str, file_id: str, length: int | None) -> tuple[int, str] | None:
        if length is None:
            return 411, "An upload must say its length (Content-Length)."
        if not runtime.exists():
            return None  # not served yet: Streamlit itself refuses the unknown session
        manager = runtime.get_instance().uploaded_file_mgr
        free_gone_sessions(manager)
        held = _held(manager)
        mine = {key: size for key, size in held.get(session, {}).items() if key != file_id}
        files = len(mine) + self.arriving.files[session] + 1
        # A session keeps every file it uploaded until it ends: a new one (a reload) starts
        # from nothing.
        if files > self.limits.session_files:
            count = self.limits.session_files
            return 413, f"This session holds {count} uploaded files: reload the page."
        if sum(mine.values()) + self.arriving.bytes[session] + length > self.limits.session_bytes:
            limit = self.limits.session_bytes // MIB
            return 413, f"This session's uploads would pass {limit} MiB: reload the page."
        total = sum(sum(files.values()) for files in held.values()) + self.arriving.total
        if total + length > self.limits.server_bytes:
            return 503, "The server holds too many uploads right now: try again in a few minutes."
        return None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                length = int(value)
            except ValueError:
                return None
            return length if length >= 0 else None
    return None


async def _respond(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode("ascii")),
        # The body was not read: the connection is not reused.
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# Sessions holding files that were not live when last looked at, and since when.
_gone_since: dict[str, float] = {}


def free_gone_sessions(manager: Any, now: float | None = None) -> int:
    """Free the files of sessions that have not been live for longer than the reconnect
    window; returns how many sessions were freed."""
    if not runtime.exists():
        return 0
    live = runtime.get_instance().is_active_session
    window = float(config.get_option("server.disconnectedSessionTTL"))
    now = time.monotonic() if now is None else now
    freed = 0
    for session in list(getattr(manager, "file_storage", {})):
        if live(session):
            _gone_since.pop(session, None)
            continue
        since = _gone_since.setdefault(session, now)
        if now - since > window:
            manager.remove_session_files(session)
            _gone_since.pop(session, None)
            freed += 1
    for session in [s for s in _gone_since if s not in getattr(manager, "file_storage", {})]:
        del _gone_since[session]
    return freed


@contextlib.asynccontextmanager
async def sweeping(_app: object) -> AsyncIterator[None]:
    """While the server runs, free the files of gone sessions every few seconds (a quarter
    of the reconnect window, at most `SWEEP_SECONDS`)."""

    async def sweep() -> None:
        while True:
            window = float(config.get_option("server.disconnectedSessionTTL"))
            await asyncio.sleep(min(SWEEP_SECONDS, max(0.5, window / 4)))
            if runtime.exists():
                freed = free_gone_sessions(runtime.get_instance().uploaded_file_mgr)
                if freed:
                    LOG.info("freed the uploads of %d session(s) no longer connected", freed)

    task = asyncio.create_task(sweep())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
