"""One measurement in a fresh process: `python -m bench.worker TASK JSON-ARGS` prints one JSON
line of figures (seconds, bytes). A fresh process per measurement means a cold load is cold,
a 'restart' is a real restart, and each peak memory belongs to one task."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tracker.cli.progress import ProgressBar

REPO = Path(__file__).resolve().parent.parent
Task = Callable[[dict[str, Any]], dict[str, Any]]


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _best(repeat: int, run: Callable[[], float]) -> float:
    return min(run() for _ in range(max(1, repeat)))


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def parse(args: dict[str, Any]) -> dict[str, Any]:
    """The baseline: PyYAML with libyaml, as anyone would call it, on the same bytes."""
    raw = Path(args["data"]).read_bytes()

    def once() -> float:
        return _timed(lambda: yaml.load(raw, Loader=yaml.CSafeLoader))

    seconds = _best(args["repeat"], once)
    gc.disable()
    without_gc = _best(args["repeat"], once)
    gc.enable()
    return {"seconds": seconds, "seconds_gc_off": without_gc, "peak_rss": _peak_rss()}


def cold(args: dict[str, Any]) -> dict[str, Any]:
    """Read, parse, validate and check the file, then build the status table the app opens on."""
    from tracker.query.index import index_of
    from tracker.source.cache import DatasetCache
    from tracker.source.loader import load_dataset

    cache = DatasetCache(Path(args["cache"])) if args.get("cache") else None
    with ProgressBar("cold load") as bar:
        start = time.perf_counter()
        result = load_dataset(args["data"], cache=cache, progress=bar)
        loaded = time.perf_counter() - start
    if result.dataset is None:
        raise SystemExit(f"the benchmark data does not load: {result.problems[:3]}")
    table_seconds = _timed(lambda: index_of(result.dataset).status_table(dt.date.today()))  # type: ignore[arg-type]
    return {
        "seconds": loaded + table_seconds,
        "load_seconds": loaded,
        "table_seconds": table_seconds,
        "peak_rss": _peak_rss(),
    }


def warm(args: dict[str, Any]) -> dict[str, Any]:
    """A restart with the file unchanged: the dataset comes from the disk cache."""
    from tracker.source.cache import DatasetCache
    from tracker.source.loader import load_dataset

    cache = DatasetCache(Path(args["cache"]))
    start = time.perf_counter()
    result = load_dataset(args["data"], cache=cache)
    seconds = time.perf_counter() - start
    assert result.ok, result.problems[:3]
    return {"seconds": seconds, "peak_rss": _peak_rss()}


def write_reload(args: dict[str, Any]) -> dict[str, Any]:
    """Append one assessment through the write path, then load the file as the app would."""
    from tracker.domain.model import Assessment
    from tracker.source.cache import DatasetCache
    from tracker.source.loader import load_dataset
    from tracker.source.store import Editor, append_records

    # The write path uses the data file's cache (`cache_for`), as it does in the app.
    os.environ["TRACKER_CACHE"] = str(Path(args["cache"]).resolve())
    cache = DatasetCache(Path(args["cache"]))
    before = load_dataset(args["data"], cache=cache)
    assert before.dataset is not None, before.problems[:3]
    last = before.dataset.assessments[-1]
    new = last.model_copy(
        update={
            "id": f"AS-BENCH-{time.time_ns()}",
            "date": dt.date.today(),
            "recorded": dt.date.today(),
            "review": None,
        }
    )
    new = Assessment.model_validate(new.model_dump())
    start = time.perf_counter()
    written = append_records(
        args["data"], base_hash=before.content_hash, editor=Editor("benchmark"), assessments=[new]
    )
    write_seconds = time.perf_counter() - start
    start = time.perf_counter()
    after = load_dataset(args["data"], cache=cache)
    seconds = time.perf_counter() - start
    assert after.dataset is not None and after.content_hash == written.content_hash
    assert after.dataset.assessments[-1].id == new.id
    incremental = cache.base_of(after.content_hash) == before.content_hash
    return {
        "seconds": seconds,
        "write_seconds": write_seconds,
        "incremental": incremental,
        "peak_rss": _peak_rss(),
    }


def page(args: dict[str, Any]) -> dict[str, Any]:
    """One page (or the baseline app) in AppTest: a first run, then the 'as of' date changed
    and the page run again; the rerun is what is timed (best of `repeat`)."""

    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DATA"] = str(Path(args["data"]).resolve())
    os.environ["TRACKER_CACHE"] = str(Path(args["cache"]).resolve())
    from ui.widgets import AS_OF_KEY

    script = args["script"]
    days = [dt.date.today() - dt.timedelta(days=365 * n) for n in range(1, 8)]
    # Through app.py, as a browser would: pages link to each other through its navigation.
    entry = "app.py" if script.startswith("pages/") else script
    app = AppTest.from_file(str(REPO / entry), default_timeout=args["timeout_seconds"])
    if entry != script:
        app.switch_page(script)  # straight to the page: the root page would open the overview
    first = _timed(app.run)
    if app.exception:
        return {"error": str(app.exception[0].message)[:200], "peak_rss": _peak_rss()}
    reruns = []
    for day in days[: max(1, args["repeat"])]:
        widget = app.date_input(key=AS_OF_KEY)
        widget.set_value(day)
        reruns.append(_timed(app.run))
        if app.exception:
            break
    error = str(app.exception[0].message)[:200] if app.exception else None
    return {"first": first, "seconds": min(reruns), "error": error, "peak_rss": _peak_rss()}


def sessions(args: dict[str, Any]) -> dict[str, Any]:
    """Memory of one server process holding `count` sessions of the overview (AppTest sessions
    share the process's caches as browser sessions do; no browser is involved)."""

    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DATA"] = str(Path(args["data"]).resolve())
    os.environ["TRACKER_CACHE"] = str(Path(args["cache"]).resolve())
    apps = []
    for _ in range(args["count"]):
        # app.py, whose first page is the overview: a page run alone has no navigation.
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=args["timeout_seconds"])
        app.run()
        apps.append(app)
    gc.collect()
    with open("/proc/self/status", encoding="ascii") as status:
        rss = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS"))
    return {"rss": rss, "peak_rss": _peak_rss(), "sessions": len(apps)}


def hold(args: dict[str, Any]) -> dict[str, Any]:
    """An app process for the proportional-memory figure: `count` AppTest sessions of the
    overview on the cached data, then it says so (one JSON line with its pid) and stays alive
    until its standard input closes, so that its memory can be read meanwhile."""
    figures = sessions(args)
    print(json.dumps({"ready": True, "pids": [os.getpid()]}), flush=True)
    sys.stdin.read()
    return figures


def hold_forked(args: dict[str, Any]) -> dict[str, Any]:
    """Two app processes as the team setup starts them (deploy/preloaded.py): this one
    preloads, forks the second, and each then holds `count` AppTest sessions of the overview.
    Says so (one JSON line with both pids) and ends both when its standard input closes."""
    from deploy.preloaded import preload

    os.environ["TRACKER_DATA"] = str(Path(args["data"]).resolve())
    os.environ["TRACKER_CACHE"] = str(Path(args["cache"]).resolve())
    preload()
    ready, told = os.pipe()
    child = os.fork()
    if child == 0:
        sessions(args)
        os.write(told, b"1")
        signal.pause()  # until the parent ends it
        os._exit(0)
    figures = sessions(args)
    os.read(ready, 1)
    print(json.dumps({"ready": True, "pids": [os.getpid(), child]}), flush=True)
    sys.stdin.read()
    os.kill(child, signal.SIGTERM)
    os.waitpid(child, 0)
    return figures


def export(args: dict[str, Any]) -> dict[str, Any]:
    """`write_export` of every table vs. pandas `to_csv` of the same frames, built beforehand."""
    from tracker.exchange.export import csv_bytes, export_tables, write_export
    from tracker.source.cache import DatasetCache
    from tracker.source.loader import load_dataset

    result = load_dataset(args["data"], cache=DatasetCache(Path(args["cache"])))
    assert result.dataset is not None
    dataset, today = result.dataset, dt.date.today()
    frames = export_tables(dataset, today)
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:

        def plain() -> float:
            return _timed(
                lambda: [frame.to_csv(folder / f"{name}.csv") for name, frame in frames.items()]
            )

        def ours() -> float:
            with ProgressBar("export") as bar:
                return _timed(lambda: write_export(dataset, folder / "ours", today, False, bar))

        def writing() -> float:
            # Our CSV conversions and writing alone, on the frames built beforehand.
            (folder / "written").mkdir(exist_ok=True)
            return _timed(
                lambda: [
                    (folder / "written" / f"{name}.csv").write_bytes(csv_bytes(frame, False))
                    for name, frame in frames.items()
                ]
            )

        baseline = _best(args["repeat"], plain)
        seconds = _best(args["repeat"], ours)
        written = _best(args["repeat"], writing)
        building = _best(args["repeat"], lambda: _timed(lambda: export_tables(dataset, today)))
        size = sum(path.stat().st_size for path in (folder / "ours").iterdir())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "seconds": seconds,
        "baseline": baseline,
        "writing": written,
        "building": building,
        "bytes": size,
        "peak_rss": _peak_rss(),
    }


TASKS: dict[str, Task] = {
    "parse": parse,
    "cold": cold,
    "warm": warm,
    "write_reload": write_reload,
    "page": page,
    "sessions": sessions,
    "hold": hold,
    "hold_forked": hold_forked,
    "export": export,
}


def main() -> None:
    task, arguments = sys.argv[1], json.loads(sys.argv[2])
    figures = TASKS[task](arguments)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
