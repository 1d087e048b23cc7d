"""The PDF printer of a server process: one document at a time, a bounded queue behind it that
refuses the rest at once, and each brief printed once (kept by its key). Chromium is replaced
by a stand-in that holds its turn until the test lets it go; tests/browser/test_pdf_queue.py
does the same with Debian's Chromium."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracker.present import pdf


class StandIn:
    """Prints `b"%PDF-" + html`, each print waiting for `release`; counts prints at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.running = 0
        self.most = 0
        self.prints: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, html: str, chromium: Path) -> bytes:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.prints.append(html)
        assert self.release.wait(timeout=30)
        with self._lock:
            self.running -= 1
        return b"%PDF-" + html.encode()


@pytest.fixture
def printer(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    """A fresh printer (no queue, nothing kept) with the stand-in for Chromium."""
    stand_in = StandIn()
    monkeypatch.setattr(pdf, "_PRINTER", pdf._Printer())
    monkeypatch.setattr(pdf, "_print", stand_in)
    yield stand_in
    stand_in.release.set()


def in_thread(call: Callable[[], bytes], results: dict[str, object], name: str) -> threading.Thread:
    def run() -> None:
        try:
            results[name] = call()
        except pdf.PdfBusy as error:
            results[name] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "the printer never got there"
        time.sleep(0.005)


def test_one_print_at_a_time_two_waiting_the_rest_refused_at_once(printer: StandIn) -> None:
    results: dict[str, object] = {}
    first = in_thread(lambda: pdf.printed_pdf("a", lambda: "a"), results, "a")
    until(lambda: printer.running == 1)
    waiting = [in_thread(lambda k=key: pdf.printed_pdf(k, lambda: k), results, key) for key in "bc"]
    until(lambda: pdf._PRINTER._waiting == 2)
    with pytest.raises(pdf.PdfBusy, match="2 PDFs are already waiting"):
        pdf.printed_pdf("d", lambda: "d")
    printer.release.set()
    for thread in [first, *waiting]:
        thread.join()
    assert results == {"a": b"%PDF-a", "b": b"%PDF-b", "c": b"%PDF-c"}
    assert printer.most == 1


def test_a_brief_is_printed_once_and_then_kept(printer: StandIn) -> None:
    """The same key is printed once, also when asked for again while it is printing."""
    printer.release.set()
    assert pdf.cached_pdf("k") is None
    results: dict[str, object] = {}
    threads = [in_thread(lambda: pdf.printed_pdf("k", lambda: "x"), results, n) for n in "12"]
    for thread in threads:
        thread.join()
    assert results == {"1": b"%PDF-x", "2": b"%PDF-x"}
    assert pdf.printed_pdf("k", lambda: "never made") == b"%PDF-x"
    assert printer.prints == ["x"] and pdf.cached_pdf("k") == b"%PDF-x"


def test_the_wait_is_bounded(printer: StandIn) -> None:
    results: dict[str, object] = {}
    first = in_thread(lambda: pdf.printed_pdf("a", lambda: "a"), results, "a")
    until(lambda: printer.running == 1)
    with pytest.raises(pdf.PdfBusy, match=r"within 0\.05 s"):
        pdf.printed_pdf("b", lambda: "b", wait_seconds=0.05)
    printer.release.set()
    first.join()


def test_kept_pdfs_are_bounded_in_number_and_bytes(
    printer: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    printer.release.set()
    for index in range(pdf.CACHE_ENTRIES + 2):
        pdf.printed_pdf(f"k{index}", lambda: "x")
    assert pdf.cached_pdf("k0") is None and pdf.cached_pdf("k1") is None
    assert pdf.cached_pdf(f"k{pdf.CACHE_ENTRIES + 1}") is not None
    monkeypatch.setattr(pdf, "CACHE_BYTES", 10)
    pdf.printed_pdf("big", lambda: "x" * 20)
    assert pdf.cached_pdf("big") is not None  # the newest is kept, whatever its size
    assert pdf.cached_pdf(f"k{pdf.CACHE_ENTRIES + 1}") is None
