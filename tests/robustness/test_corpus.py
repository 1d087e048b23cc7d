"""Every bad input of the corpus gives located problems or a clear refusal, within bounded time
and memory, on the command line and in the app; hostile text loads as inert data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.corpus import (
    FORMULA_PAYLOADS,
    REPO,
    Case,
    cases,
)
from tracker.domain.problems import REGISTRY as CODES
from ui.setup import frame_html

CASES = cases()
SMALL = [case for case in CASES if not case.big]
BIG = [case for case in CASES if case.big]
REFUSALS = {"file-too-large", "file-unreadable", "not-utf8"}
GIB = 1024**3


def limited(memory: int) -> Callable[[], None]:
    """A preexec_fn capping the child's address space and CPU time."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (300, 300))

    return limit


def validate(path: Path, *, timeout: float, memory: int) -> tuple[int, list[dict[str, Any]], str]:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "validate", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limited(memory),
        cwd=REPO,
        check=False,
    )
    problems = json.loads(done.stdout) if done.stdout.strip() else []
    return done.returncode, problems, done.stderr


def check_outcome(case: Case, code: int, problems: list[dict[str, Any]], stderr: str) -> None:
    assert "Traceback" not in stderr, stderr[-2000:]
    assert all(problem["code"] in CODES for problem in problems), problems
    codes = {problem["code"] for problem in problems}
    if case.expect == "valid":
        assert (code, problems) == (0, [])
        return
    assert problems, f"{case.name}: no problem reported"
    if case.code is not None:
        assert case.code in codes, (case.name, codes)
    if case.expect == "refusal":
        assert code == 2 and codes <= REFUSALS, (case.name, code, codes)
        return
    assert code == 1, (case.name, code, problems[:3])
    for problem in problems:
        assert problem["line"] >= 1 and problem["column"] >= 1, problem


def test_the_corpus_covers_every_kind_of_bad_input() -> None:
    """At least 30 inputs, among them each kind the issue names."""
    assert len(CASES) >= 30
    names = " ".join(case.name for case in CASES)
    for kind in ("syntax", "duplicate", "type", "dangling", "alias", "deep", "big", "garbage"):
        assert kind in names or any(kind in (case.code or "") for case in CASES), kind
    for kind in ("utf16", "latin1", "gb18030", "javascript-url", "data-url", "html", "formulas"):
        assert kind in names, kind


DRIVER = """
import contextlib, io, json, sys
from tracker.cli.main import main
out = {}
for path in sys.argv[1:]:
    buffer, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(errors):
        code = main(["validate", path, "--format", "json"])
    out[path] = [code, buffer.getvalue(), errors.getvalue()]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def small_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every small case through `tracker validate`, in one child limited to 1.5 GiB."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = {case.name: str(case.build(folder)) for case in SMALL}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *paths.values()],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limited(3 * GIB // 2),
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    return {name: results[path] for name, path in paths.items()}


@pytest.mark.parametrize("case", SMALL, ids=[case.name for case in SMALL])
def test_bad_input_gives_located_problems_or_a_refusal(
    case: Case, small_results: dict[str, Any]
) -> None:
    """`tracker validate` reports each (within 1.5 GiB for all), never a traceback."""
    code, stdout, stderr = small_results[case.name]
    problems = json.loads(stdout) if stdout.strip() else []
    check_outcome(case, code, problems, stderr)


@pytest.mark.parametrize("case", BIG, ids=[case.name for case in BIG])
def test_100_mb_input_is_bounded(case: Case, tmp_path: Path) -> None:
    """A 100 MB (or over-the-limit, refused before parsing) file is judged within 4 GiB of
    address space (the timeout only stops a hung run)."""
    path = case.build(tmp_path)
    code, problems, stderr = validate(path, timeout=240, memory=4 * GIB)
    check_outcome(case, code, problems, stderr)


@pytest.mark.parametrize("case", SMALL, ids=[case.name for case in SMALL])
def test_the_app_shows_problems_instead_of_a_traceback(
    case: Case, tmp_path: Path, app_on: Callable[..., Any]
) -> None:
    """The overview page on each bad file shows the problems (or the page), never an
    exception."""
    app = app_on(case.build(tmp_path)).run()
    assert not app.exception, [e.message for e in app.exception]
    if case.expect == "valid":
        assert not app.error
    else:
        assert app.error, f"{case.name}: no problem shown"


def test_html_from_the_data_is_never_passed_as_html(
    tmp_path: Path, app_on: Callable[..., Any]
) -> None:
    """Every markdown element that carries a payload from the data has HTML switched off."""
    case = next(case for case in CASES if case.name == "html-in-every-text")
    app = app_on(case.build(tmp_path)).run()
    assert not app.exception
    markers = ("<script", "onerror", "<iframe", "<svg")
    carrying = [
        element
        for element in app.get("markdown")
        if any(marker in element.proto.body for marker in markers)
    ]
    assert all(not element.proto.allow_html for element in carrying)
    # st.html would render the data as HTML: what the app shows as HTML (its frame with the
    # language script, style rules for widths and chips) carries nothing of the data.
    for element in app.get("html"):
        body = element.proto.body
        assert body == frame_html("en") or not any(m in body for m in markers), body[:300]


def test_formulas_from_the_data_are_neutralized_in_the_excel_export(tmp_path: Path) -> None:
    """In the Excel variant, no cell from the data starts a formula."""
    from tracker.exchange.export import csv_bytes, export_tables
    from tracker.source.loader import load_dataset

    case = next(case for case in CASES if case.name == "formulas-in-every-text")
    result = load_dataset(case.build(tmp_path), today=dt.date(2026, 11, 26))
    assert result.dataset is not None, result.problems
    seen = 0
    for frame in export_tables(result.dataset, dt.date(2026, 11, 26)).values():
        text = csv_bytes(frame, excel=True).decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                seen += any(payload in cell for payload in FORMULA_PAYLOADS)
                assert not cell.startswith(("=", "+", "-", "@")), cell
    assert seen > 0
