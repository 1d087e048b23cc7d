"""`python -m bench.memory_profile [--size hundredth] [--sessions 20] [--profile]`: the
Streamlit server's resident memory (VmRSS, and its peak VmHWM, from /proc) with that many real
browser sessions (Chromium) open on the overview of a synthetic dataset; with `--profile`, what
holds the memory of a loaded dataset: tracemalloc's top allocation sites of a cold load, and the
deep size of each record type of the loaded dataset. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bench.__main__ import SIZES
from bench.browser_load import (
    app_server,
    chromium,
    describe,
    make_data,
    memory_of,
    new_tab,
    open_timed,
    work_folder,
)

BATCH = 5  # sessions opened at once: 20 renders at the same moment only measure the queue


async def open_sessions(url: str, count: int, pid: int) -> dict[str, Any]:
    """The server's memory after one visitor, then with `count` sessions open on the overview
    (all kept open while measured)."""
    async with chromium() as browser:
        first = await new_tab(browser)
        await open_timed(first, url)
        one = memory_of(pid)
        tabs = [first]
        seconds = []
        while len(tabs) < count:
            batch = [await new_tab(browser) for _ in range(min(BATCH, count - len(tabs)))]
            seconds += await asyncio.gather(*(open_timed(tab, url) for tab in batch))
            tabs += batch
        await asyncio.sleep(2)  # let the last reruns' garbage go
        open_now = memory_of(pid)
        for tab in tabs:
            await tab.context.close()
    return {"one_session": one, "sessions": count, "all_open": open_now, "render": seconds}


def sessions_memory(data: Path, work: Path, count: int) -> dict[str, Any]:
    with app_server(data, work / "streamlit-memory.log", work / "cache") as server:
        time.sleep(1)
        started = memory_of(server.pid)
        figures = asyncio.run(open_sessions(server.url, count, server.pid))
    return {"started": started, **figures}


# --- what holds the memory ---------------------------------------------------------------


def deep_size(root: object, seen: set[int] | None = None) -> int:
    """Bytes of `root` and everything it references that `seen` does not hold yet (shared
    objects are counted once)."""
    seen = set() if seen is None else seen
    total = 0
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        children: Iterable[object] = ()
        if isinstance(item, dict):
            children = [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple, set, frozenset)):
            children = item
        elif isinstance(item, BaseModel):
            children = [item.__dict__, item.__pydantic_fields_set__]
        elif hasattr(item, "__dict__") and not isinstance(item, type):
            children = [vars(item)]
        stack.extend(children)
    return total


def profile(data: Path, top: int = 12) -> dict[str, Any]:
    """A cold load of `data` under tracemalloc (what is still allocated after it, by line,
    and the peak), then the deep size of each section of the dataset."""
    from tracker.query.index import index_of
    from tracker.source.loader import load_dataset

    gc.collect()
    tracemalloc.start(1)
    started = time.perf_counter()
    result = load_dataset(data)
    assert result.dataset is not None, result.problems[:3]
    table = index_of(result.dataset).status_table(dt.date.today())
    seconds = time.perf_counter() - started
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sites = [
        {"site": str(stat.traceback[0]), "bytes": stat.size, "blocks": stat.count}
        for stat in snapshot.statistics("lineno")[:top]
    ]
    dataset = result.dataset
    shared: set[int] = set()
    sections = {
        name: {
            "records": len(getattr(dataset, name)) if name != "methodology" else 1,
            "bytes": deep_size(getattr(dataset, name), shared),
        }
        for name in (
            "evidence",
            "assessments",
            "commitments",
            "actors",
            "resolutions",
            "reviews",
            "methodology",
        )
    }
    return {
        "file_bytes": data.stat().st_size,
        "traced_seconds": seconds,
        "retained": current,
        "peak": peak,
        "sites": sites,
        "sections": sections,
        "status_table_bytes": int(table.memory_usage(deep=True).sum()),
    }


def megabytes(value: float) -> str:
    return f"{value / 1e6:,.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory_profile", description=__doc__)
    parser.add_argument("--size", choices=list(SIZES), default="hundredth")
    parser.add_argument("--sessions", type=int, default=20, help="browser sessions (0: none)")
    parser.add_argument("--profile", action="store_true", help="also profile a cold load")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="folder for the data, cache and log (kept)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {"size": args.size}
    with work_folder(args.work, "bench-memory-") as work:
        data, size = make_data(args.size, work, args.seed)
        figures["counts"] = vars(size)
        if args.sessions:
            figures["browser"] = sessions_memory(data, work, args.sessions)
        if args.profile:
            figures["profile"] = profile(data)
    print(describe(args.size, size))
    if "browser" in figures:
        browser = figures["browser"]
        print("| server (streamlit) | VmRSS | VmHWM (peak) |")
        print("| --- | ---: | ---: |")
        for label, memory in (
            ("started, no session", browser["started"]),
            ("one session on the overview", browser["one_session"]),
            (f"{browser['sessions']} sessions open on the overview", browser["all_open"]),
        ):
            print(f"| {label} | {megabytes(memory['VmRSS'])} | {megabytes(memory['VmHWM'])} |")
    if "profile" in figures:
        found = figures["profile"]
        print(
            f"\ncold load of {megabytes(found['file_bytes'])} of YAML under tracemalloc "
            f"({found['traced_seconds']:.1f} s): {megabytes(found['retained'])} retained, "
            f"{megabytes(found['peak'])} at the peak; status table "
            f"{megabytes(found['status_table_bytes'])}"
        )
        print("| section | records | deep size | per record |")
        print("| --- | ---: | ---: | ---: |")
        for name, section in found["sections"].items():
            each = section["bytes"] / max(1, section["records"])
            print(
                f"| {name} | {section['records']:,} | {megabytes(section['bytes'])} "
                f"| {each:,.0f} B |"
            )
        print("| retained by (tracemalloc, after the load) | bytes | blocks |")
        print("| --- | ---: | ---: |")
        for site in found["sites"]:
            print(f"| {site['site']} | {megabytes(site['bytes'])} | {site['blocks']:,} |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
