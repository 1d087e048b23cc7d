"""Ten browser sessions at once go through the dashboard on a synthetic dataset (the load
benchmark, `python -m bench.browser_load`, at the hundredth size) and every one of them finishes
every page and both filter changes without an error. Only correctness is checked here; the
render times it prints are a benchmark, never asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bench.browser_load import FILTERS, OPENING, page_names

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SESSIONS = 10


def test_ten_sessions_finish_every_page_without_an_error(browser: Browser, tmp_path: Path) -> None:
    """Every session opens the app, visits every page of the navigation and changes a filter
    on Commitments and on Evidence; no session sees an exception or an error box, all read the
    same counts, and each filter narrows its table to some but not all of the rows."""
    assert browser.is_connected()  # the same Chromium as the other browser tests, or a skip
    out = tmp_path / "load.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.browser_load",
            "--size",
            "hundredth",
            "--sessions",
            str(SESSIONS),
            "--work",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    (run,) = figures["runs"]
    results = run["results"]
    assert len(results) == SESSIONS
    steps = [OPENING, *page_names(), *(f"{name}: filter change" for name in FILTERS)]
    for result in results:
        assert result["errors"] == []
        assert sorted(result["times"]) == sorted(steps)
    assert [row["finished"] for row in run["rows"]] == [SESSIONS] * len(steps)

    size = figures["counts"]
    totals = {"commitments": size["commitments"], "evidence": size["evidence"]}
    for name, total in totals.items():
        counts = {tuple(result["counts"][name]) for result in results}
        assert counts == {(total, total)}, name
        filtered = {tuple(result["counts"][f"{name}: filter change"]) for result in results}
        assert len(filtered) == 1, f"{name}: sessions read different counts {filtered}"
        ((shown, after_total),) = filtered
        assert after_total == total and 0 < shown < total, (name, shown, total)
    for step in steps:
        assert f"| {step} | {SESSIONS}/{SESSIONS} |" in done.stdout
