"""The proportional set size (PSS) of app processes that serve one data file: one process
alone, then two as the team setup starts them (deploy/preloaded.py: the first loads the data
and runs the first page once, then forks the second). Each holds AppTest sessions of the
overview. PSS charges a page shared by two processes half to each, so the sum over the
processes is the memory they take together."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
def holding(
    task: str, data: Path, cache: Path, sessions: int, timeout: float
) -> Iterator[list[int]]:
    """A `bench.worker TASK` process (`hold` or `hold_forked`), ready; yields the pids of the
    app processes it made and ends them afterwards."""
    arguments = {
        "data": str(data),
        "cache": str(cache),
        "count": sessions,
        "timeout_seconds": timeout,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.worker", task, json.dumps(arguments)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "STREAMLIT_LOGGER_LEVEL": "error"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        ready = json.loads(line) if line else {}
        if not ready.get("ready"):
            raise RuntimeError(f"the app processes of {task} did not get ready")
        yield ready["pids"]
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=120)


def two_processes(data: Path, cache: Path, sessions: int, timeout: float) -> dict[str, int]:
    """PSS of one app process alone, then of the two the team setup starts (`sessions` each)."""
    with holding("hold", data, cache, sessions, timeout) as pids:
        one = pss_of(pids[0])
    with holding("hold_forked", data, cache, sessions, timeout) as pids:
        both = [pss_of(pid) for pid in pids]
    return {"one": one, "first": both[0], "second": both[1], "both": sum(both)}
