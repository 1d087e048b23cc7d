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
