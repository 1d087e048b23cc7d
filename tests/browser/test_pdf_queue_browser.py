"""Six briefs asked for at once, printed with Debian's Chromium through the server's printer:
one print runs at a time, two requests wait their turn and the other three are told at once
that the printer is busy. The peak number of Chromium instances (a Chromium that has been
closed may still be exiting as the next starts), its processes and their memory are written
to test-output/pdf-queue.txt."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tests.browser.conftest import report
from tests.browser.test_brief_pdf import require_chromium
from tracker.present import pdf

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "pdf-queue.txt"
REQUESTS = 6
PAGE = "<!DOCTYPE html><html><body><h1>Brief {n}</h1><p>{text}</p></body></html>"


def chromium_processes() -> list[tuple[str, int]]:
    """(profile folder, resident bytes) of every Chromium process that descends from this
    test process (other tests on the machine may run their own). Each Chromium that
    Playwright launches has a profile folder of its own, which all its processes name."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
    found = []
    for pid in parents:
        ancestor = parents.get(pid, 0)
        while ancestor > 1 and ancestor != os.getpid():
            ancestor = parents.get(ancestor, 0)
        if ancestor != os.getpid():
            continue
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        profile = next((p for p in command if p.startswith(b"--user-data-dir=")), None)
        if b"chromium" not in command[0] or profile is None:
            continue
        rss = next(
            (
                int(line.split()[1]) * 1024
                for line in status.splitlines()
                if line.startswith("VmRSS:")
            ),
            0,
        )
        found.append((profile.decode(errors="replace"), rss))
    return found


def test_six_briefs_at_once_run_one_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    require_chromium()
    monkeypatch.setattr(pdf, "_PRINTER", pdf._Printer())
    peak = {"browsers": 0, "processes": 0, "bytes": 0, "prints": 0}
    printing = []
    real_print = pdf._print

    def counted_print(html: str, chromium: Path) -> bytes:
        printing.append(html)
        peak["prints"] = max(peak["prints"], len(printing))
        try:
            return real_print(html, chromium)
        finally:
            printing.remove(html)

    monkeypatch.setattr(pdf, "_print", counted_print)
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            found = chromium_processes()
            peak["browsers"] = max(peak["browsers"], len({profile for profile, _ in found}))
            peak["processes"] = max(peak["processes"], len(found))
            peak["bytes"] = max(peak["bytes"], sum(rss for _, rss in found))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = threading.Barrier(REQUESTS)
    outcomes: list[str] = []

    def ask(n: int) -> None:
        start.wait()
        try:
            made = pdf.printed_pdf(f"brief-{n}", lambda: PAGE.format(n=n, text="x " * 2000))
            outcomes.append("printed" if made.startswith(b"%PDF-") else "bad")
        except pdf.PdfBusy:
            outcomes.append("busy")

    started = time.monotonic()
    askers = [threading.Thread(target=ask, args=(n,)) for n in range(REQUESTS)]
    for thread in askers:
        thread.start()
    for thread in askers:
        thread.join()
    seconds = time.monotonic() - started
    sampling.set()
    sampler.join()

    assert sorted(outcomes) == ["busy"] * 3 + ["printed"] * 3
    assert peak["prints"] == 1
    figures = (
        f"{REQUESTS} briefs asked for at once: {outcomes.count('printed')} printed one after "
        f"another, {outcomes.count('busy')} told the printer is busy, in {seconds:.1f} s; "
        f"{peak['prints']} print at a time, at most {peak['browsers']} Chromium instance(s) "
        f"seen at once ({peak['processes']} processes, "
        f"{peak['bytes'] / 1e6:.0f} MB resident at the peak)"
    )
    report(OUTPUT, figures)
