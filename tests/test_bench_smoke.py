"""The benchmark command runs end to end at the tiny size and prints every row. Benchmarks are
not timed tests: nothing here looks at the timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

ROWS = [
    "cold load (parse, validate, check, status table)",
    "warm load after a restart (disk cache)",
    "reload after a write of one assessment",
    "the write itself (append_records)",
    "rerun after a filter change: pages/overview.py",
    "page in a real browser vs. Datasette",
    "server memory, 20",
    "CSV export of all tables",
    "peak memory of the loaded app process",
]


def test_bench_prints_every_row_at_the_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "tiny", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    header = "| figure | measured | baseline | ratio | target | met |"
    assert header in done.stdout
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS:
        assert any(line[2:].lstrip().startswith(row) for line in lines), row
    pages = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "pages").glob("*.py"))
    for page in pages:
        assert f"rerun after a filter change: {page} |" in done.stdout, page
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["size"] == "tiny" and len(figures["rows"]) >= len(ROWS) + len(pages) - 1


def test_the_two_process_memory_figure_runs_on_forked_processes(tmp_path: Path) -> None:
    """`bench.pss` measures one process alone, then two as the team setup starts them: the
    second forked by the first (deploy/preloaded.py), both alive when measured."""
    from bench.browser_load import make_data
    from bench.pss import two_processes

    data, _ = make_data("tiny", tmp_path)
    figures = two_processes(data, tmp_path / "cache", sessions=1, timeout=300)
    assert figures["one"] > 0 and figures["first"] > 0 and figures["second"] > 0
    assert figures["both"] == figures["first"] + figures["second"]
