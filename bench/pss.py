"""The proportional set size (PSS) of app processes that share one data file: one process
alone, then two at once. Each is a fresh interpreter (`bench.worker hold`) holding AppTest
sessions of the overview on the same disk cache, so the memory-mapped Arrow snapshot is one
set of page-cache pages mapped by both; PSS charges each shared page half to each process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def pss_of(pid: int) -> int:
    """Bytes of the process's proportional set size (/proc/PID/smaps_rollup)."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no Pss line for process {pid}")


@contextmanager
def holding(data: Path, cache: Path, sessions: int, timeout: float) -> Iterator[int]:
    """A `bench.worker hold` process, ready; yields its pid and ends it afterwards."""
    arguments = {
        "data": str(data),
        "cache": str(cache),
        "count": sessions,
        "timeout_seconds": timeout,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.worker", "hold", json.dumps(arguments)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "STREAMLIT_LOGGER_LEVEL": "error"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line or not json.loads(line).get("ready"):
            raise RuntimeError("the app process did not get ready")
        yield process.pid
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=120)


def two_processes(data: Path, cache: Path, sessions: int, timeout: float) -> dict[str, int]:
    """PSS of one app process alone, then of two running at once (`sessions` each)."""
    with holding(data, cache, sessions, timeout) as pid:
        one = pss_of(pid)
    with ExitStack() as stack:
        pids = [stack.enter_context(holding(data, cache, sessions, timeout)) for _ in range(2)]
        both = [pss_of(pid) for pid in pids]
    return {"one": one, "first": both[0], "second": both[1], "both": sum(both)}
