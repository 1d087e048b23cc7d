"""`python -m bench.browser_vs_datasette [--size hundredth] [--repeat 7]`: in a real browser
(Playwright + Debian's Chromium), a filter change on the Evidence page (a source type picked,
until the rerun has finished and the count has changed) against Datasette serving the same
evidence table from SQLite (`--setting suggest_facets off`), following the facet link of the
same source type until the new page has loaded. The page is timed as it opens (filters and
table) and with its timeline switched on. All are measured in the same run, in turn; prints
the medians and the ratios (target <= 1.0, for the page as it opens).

Datasette is optional (`pip install -r requirements-bench.txt`); without it this prints
"not measured" and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.__main__ import SIZES
from bench.browser_load import (
    FILTERS,
    app_server,
    change_filter,
    chromium,
    free_port,
    make_data,
    new_tab,
    open_timed,
    serve,
    work_folder,
)
from tracker.exchange.export import evidence_table
from tracker.source.cache import DatasetCache
from tracker.source.loader import load_dataset

REPO = Path(__file__).resolve().parent.parent
NOT_MEASURED = "not measured: pip install datasette (see requirements-bench.txt)"
TARGET = 1.0
TABLE = "evidence"
SOURCE_TYPE = "official"  # the option the Evidence filter picks (bench.browser_load.FILTERS)


def datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def evidence_database(data: Path, cache: Path, database: Path) -> int:
    """The evidence table of the export (tracker.exchange.export), as one SQLite table; its rows."""
    result = load_dataset(data, cache=DatasetCache(cache))
    if result.dataset is None:
        raise RuntimeError(f"{data} does not load: {result.problems[:3]}")
    frame = evidence_table(result.dataset)
    database.unlink(missing_ok=True)
    with sqlite3.connect(database) as connection:
        frame.to_sql(TABLE, connection, index=False)
        connection.execute(f"CREATE INDEX source_type ON {TABLE} (source_type)")
    return len(frame)


@contextmanager
def datasette_server(database: Path, log: Path) -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(database),
        "--setting",
        "suggest_facets",
        "off",
        "--host",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    with serve(command, dict(os.environ), f"{url}/-/versions.json", log):
        yield url


# The Evidence page as it opens (the table), and with its timeline switched on.
VIEWS = {"streamlit": "evidence", "streamlit_timeline": "evidence?ev_timeline=true"}


async def compare_in_browser(app: str, facet_page: str, repeat: int) -> dict[str, list[float]]:
    """`repeat` times each, in turn: a fresh tab on each view and on Datasette (not timed),
    then the timed filter change. Datasette's `facet_page` lists the source types; one link is
    followed."""
    times: dict[str, list[float]] = {**{view: [] for view in VIEWS}, "datasette": []}
    async with chromium() as browser:
        warm = await new_tab(browser)
        await open_timed(warm, app)  # the data loaded and the front-end cached once
        await warm.context.close()
        for _ in range(repeat):
            for view, path in VIEWS.items():
                tab = await new_tab(browser)
                await open_timed(tab, f"{app}/{path}")
                seconds, _ = await change_filter(tab, FILTERS["evidence"])
                times[view].append(seconds)
                await tab.context.close()

            tab = await new_tab(browser)
            await tab.goto(facet_page)
            facet = tab.locator(".facet-info[data-column='source_type']")
            link = facet.get_by_role("link", name=SOURCE_TYPE, exact=True)
            box = await link.bounding_box()
            if box is None:
                raise RuntimeError(f"no facet link '{SOURCE_TYPE}' on {facet_page}")
            # A bare mouse click, as the Enter key on the other side: no waiting for the
            # element inside the timed span.
            start = time.perf_counter()
            async with tab.expect_navigation(wait_until="load"):
                await tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            await tab.locator("table.rows-and-columns tbody tr").first.wait_for()
            times["datasette"].append(time.perf_counter() - start)
            if f"source_type={SOURCE_TYPE}" not in tab.url:
                raise RuntimeError(f"the facet link led to {tab.url}")
            await tab.context.close()
    return times


def compare(data: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Medians of both sides on the evidence of `data` and their ratio; or why not."""
    if not datasette_installed():
        return {"error": NOT_MEASURED}
    database = work / "tracker.db"
    rows = evidence_database(data, work / "cache", database)
    with (
        app_server(data, work / "streamlit.log", work / "cache") as app,
        datasette_server(database, work / "datasette.log") as datasette,
    ):
        facet_page = f"{datasette}/{database.stem}/{TABLE}?_facet=source_type"
        times = asyncio.run(compare_in_browser(app.url, facet_page, repeat))
    medians = {side: statistics.median(found) for side, found in times.items()}
    return {
        "rows": rows,
        "repeat": repeat,
        "times": times,
        **medians,
        "ratio": medians["streamlit"] / medians["datasette"],
        "ratio_timeline": medians["streamlit_timeline"] / medians["datasette"],
        "target": TARGET,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.browser_vs_datasette", description=__doc__
    )
    parser.add_argument("--size", choices=list(SIZES), default="hundredth")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="folder for the data, database and logs (kept)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not datasette_installed():
        print(NOT_MEASURED)
        return 0
    with work_folder(args.work, "bench-datasette-") as work:
        data, _ = make_data(args.size, work, args.seed)
        figures = compare(data, work, args.repeat)
    print(
        f"size {args.size}: {figures['rows']:,} evidence rows, {args.repeat} times each, medians:"
    )
    print("| figure | measured | baseline | ratio | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    for view, ratio, what in (
        ("streamlit", "ratio", "as it opens"),
        ("streamlit_timeline", "ratio_timeline", "with the timeline on"),
    ):
        print(
            f"| Evidence filter change in Chromium, {what} | {figures[view]:.3f} s "
            f"| {figures['datasette']:.3f} s (Datasette facet link) | {figures[ratio]:.2f} "
            f"| <= {TARGET} |"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
