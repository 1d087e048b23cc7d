"""`python -m bench [--size full|tenth|hundredth|tiny]`: make a synthetic dataset of that size,
measure each figure and its baseline in the same run (each in a fresh process), and print the
table `figure | measured | baseline | ratio | target`.

full is 20,000 commitments, 200 actors, 200,000 assessments and 200,000 evidence items (the
issue's size); tenth, hundredth and tiny scale every count down. Benchmarks are not tests: CI
runs the tiny size only to prove the command works. `--json FILE` also writes the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.pss import two_processes
from tracker.cli.progress import ProgressBar
from tracker.source.synth import FULL, scaled, write_synthetic

REPO = Path(__file__).resolve().parent.parent
SIZES = {"full": 1.0, "tenth": 0.1, "hundredth": 0.01, "tiny": 0.001}
OPTIONAL = "optional, not measured"


@dataclass
class Row:
    figure: str
    measured: str
    baseline: str
    ratio: str
    target: str
    met: str = ""


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _megabytes(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


def _ratio(measured: float, baseline: float) -> str:
    return f"{measured / baseline:.3f}" if baseline > 0 else "-"


def _row(figure: str, measured: float, baseline: float, target: float | None, bname: str) -> Row:
    met = "" if target is None else ("yes" if measured / baseline <= target else "NO")
    return Row(
        figure,
        _seconds(measured),
        f"{_seconds(baseline)} ({bname})",
        _ratio(measured, baseline),
        f"<= {target}" if target is not None else "-",
        met,
    )


def _memory_row(
    figure: str, measured: float, baseline: float, bname: str, target: float | None = None
) -> Row:
    met = "" if target is None else ("yes" if measured <= target * baseline else "NO")
    return Row(
        figure,
        _megabytes(measured),
        f"{_megabytes(baseline)} ({bname})",
        _ratio(measured, baseline),
        f"<= {target}" if target is not None else "-",
        met,
    )


def run_task(task: str, timeout: float | None = None, **arguments: Any) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its figures; a task that runs
    past `timeout` seconds is stopped and reported as such."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.worker", task, json.dumps(arguments)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
            timeout=timeout,
            env={**os.environ, "PYTHONPATH": str(REPO), "STREAMLIT_LOGGER_LEVEL": "error"},
        )
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s", "timed_out": True}
    if done.returncode != 0:
        raise RuntimeError(f"bench task {task} failed with exit code {done.returncode}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def browser_rows(data: Path, work: Path) -> list[Row]:
    """In Chromium: the Evidence filter change vs. Datasette on the same rows, and the server's
    memory with 20 browser sessions open (bench.browser_vs_datasette, bench.memory_profile)."""
    from bench.browser_vs_datasette import compare
    from bench.memory_profile import sessions_memory

    figure = "page in a real browser vs. Datasette (Evidence filter change)"
    versus = compare(data, work, repeat=5)
    if "error" in versus:
        rows = [Row(figure, versus["error"], "-", "-", "<= 1.0")]
    else:
        rows = [
            _row(figure, versus["streamlit"], versus["datasette"], 1.0, "Datasette facet"),
            _row(
                "  the same with its timeline on",
                versus["streamlit_timeline"],
                versus["datasette"],
                None,
                "Datasette facet",
            ),
        ]
    memory = sessions_memory(data, work, 20)["all_open"]
    rss = memory["VmRSS"]
    met = "yes" if rss <= 1e9 else "NO"
    peak = f"{_megabytes(memory['VmHWM'])} (peak)"
    rows.append(
        Row("server memory, 20 browser sessions", _megabytes(rss), peak, "-", "<= 1 GB", met)
    )
    return rows


def measure(
    size_name: str, work: Path, seed: int, with_sessions: bool, with_browser: bool = False
) -> list[Row]:
    fraction = SIZES[size_name]
    size = scaled(FULL, fraction)
    repeat = 1 if fraction >= 1.0 else 3
    timeout = 3600
    page_budget = 180.0  # a page that needs longer is reported as stopped
    data = work / "commitments.yaml"
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    (work / "sources").mkdir(exist_ok=True)
    made = work / "commitments.made"  # a kept --work folder's data is made once per size
    if (
        not (data.exists() and made.exists())
        or made.read_text(encoding="utf-8") != f"{size} {seed}"
    ):
        made.unlink(missing_ok=True)
        with ProgressBar("synth") as bar:
            write_synthetic(size, seed, data, bar)
        made.write_text(f"{size} {seed}", encoding="utf-8")
    print(
        f"# {size_name}: {size.commitments:,} commitments, {size.actors} actors, "
        f"{size.assessments:,} assessments, {size.evidence:,} evidence items; "
        f"{data.stat().st_size / 1e6:,.1f} MB of YAML",
        file=sys.stderr,
    )
    rows: list[Row] = []
    steps = ["parse", "cold", "cold+cache", "warm", "write", "pages", "export"]
    with ProgressBar("bench") as bar:

        def step(name: str) -> None:
            bar(steps.index(name), len(steps), name)

        step("parse")
        parse = run_task("parse", data=str(data), repeat=repeat)
        base = parse["seconds"]
        bname = "yaml.load CSafeLoader"
        step("cold")
        cold = run_task("cold", data=str(data))
        step("cold+cache")
        cold_cached = run_task("cold", data=str(data), cache=str(cache))
        step("warm")
        warm = run_task("warm", data=str(data), cache=str(cache))
        step("write")
        write = run_task("write_reload", data=str(data), cache=str(cache))
        step("pages")
        scripts = sorted(str(p.relative_to(REPO)) for p in (REPO / "pages").glob("*.py"))
        scripts.append("bench/baseline_app.py")
        pages = {
            script: run_task(
                "page",
                timeout=page_budget,
                data=str(data),
                cache=str(cache),
                script=script,
                repeat=repeat,
                timeout_seconds=page_budget,
            )
            for script in scripts
        }
        step("export")
        export = run_task("export", data=str(data), cache=str(cache), repeat=repeat)
        pss = two_processes(data, cache, 10, timeout) if with_sessions else None
        sessions = (
            run_task(
                "sessions",
                timeout=page_budget * 2,
                data=str(data),
                cache=str(cache),
                count=20,
                timeout_seconds=timeout,
            )
            if with_sessions
            else None
        )
        bar(len(steps), len(steps), "done")

    rows.append(
        _row("cold load (parse, validate, check, status table)", cold["seconds"], base, 1.2, bname)
    )
    gc_off = parse["seconds_gc_off"]
    rows.append(
        _row(
            "  the same vs. the parse with the collector off",
            cold["seconds"],
            gc_off,
            None,
            "gc off",
        )
    )
    rows.append(
        _row(
            "  cold load that also fills the disk cache", cold_cached["seconds"], base, None, bname
        )
    )
    rows.append(_row("warm load after a restart (disk cache)", warm["seconds"], base, 0.05, bname))
    rows.append(_row("reload after a write of one assessment", write["seconds"], base, 0.05, bname))
    rows[-1].figure += " (incremental)" if write["incremental"] else " (full load)"
    rows.append(
        _row("  the write itself (append_records)", write["write_seconds"], base, None, bname)
    )
    baseline_page = pages.get("bench/baseline_app.py", {})
    baseline_seconds = baseline_page.get("seconds")
    for script in scripts[:-1]:
        page = pages[script]
        figure = f"rerun after a filter change: {script}"
        if page.get("error") or baseline_seconds is None:
            error = page.get("error") or baseline_page.get("error")
            rows.append(Row(figure, f"error: {error}", "-", "-", "<= 1.5", "NO"))
            continue
        rows.append(_row(figure, page["seconds"], baseline_seconds, 1.5, "st.dataframe + plotly"))
    if with_browser:
        rows.extend(browser_rows(data, work))
    else:
        rows.append(Row("page in a real browser vs. Datasette", OPTIONAL, "-", "-", "-"))
    if sessions is not None and "rss" in sessions:
        rows.append(
            Row(
                "server memory, 20 sessions (AppTest, not browsers)",
                _megabytes(sessions["rss"]),
                "-",
                "-",
                "<= 1 GB",
                "yes" if sessions["rss"] <= 1e9 else "NO",
            )
        )
    elif sessions is not None:
        error = f"error: {sessions.get('error')}"
        rows.append(Row("server memory, 20 sessions (AppTest)", error, "-", "-", "<= 1 GB", "NO"))
    elif not with_browser:
        rows.append(Row("server memory, 20 browser sessions", OPTIONAL, "-", "-", "<= 1 GB"))
    if pss is not None:
        rows.append(
            _memory_row(
                "two app processes, 10 sessions each: PSS together (one alone)",
                pss["both"],
                pss["one"],
                "one process",
                1.3,
            )
        )
    rows.append(
        _row(
            "CSV export of all tables (frames built from the records, then written)",
            export["seconds"],
            export["baseline"],
            1.2,
            "to_csv",
        )
    )
    if "writing" in export:
        rows.append(
            _row(
                "  writing alone (our CSV of frames built beforehand)",
                export["writing"],
                export["baseline"],
                1.2,
                "to_csv",
            )
        )
        rows.append(
            _row(
                "  building the frames alone",
                export["building"],
                export["baseline"],
                None,
                "to_csv",
            )
        )
    app_peak = max((page.get("peak_rss", 0) for page in pages.values()), default=0)
    for figure, peak in (
        ("peak memory of the loaded app process (largest page)", app_peak),
        ("peak memory of a cold load", cold["peak_rss"]),
    ):
        rows.append(_memory_row(figure, peak, parse["peak_rss"], "yaml.load process"))
    return rows


def table(rows: list[Row]) -> str:
    header = Row("figure", "measured", "baseline", "ratio", "target", "met")
    lines = [header, Row("---", "---:", "---:", "---:", "---", "---"), *rows]
    return "\n".join("| " + " | ".join(asdict(row).values()) + " |" for row in lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    python = platform.python_version()
    return f"{os.cpu_count()} cores, {cpu}, {memory / 2**30:.0f} GiB RAM, Python {python}"


def code_version() -> str:
    """The commit measured, marked when the working tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    return f"commit {commit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", choices=list(SIZES), default="full")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="folder for the data and cache (kept)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument(
        "--sessions", action="store_true", help="also measure 20 AppTest sessions' memory"
    )
    parser.add_argument(
        "--browser",
        action="store_true",
        help="also measure in Chromium: Evidence vs. Datasette (if installed), 20 sessions' memory",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        rows = measure(args.size, work, args.seed, args.sessions, args.browser)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    elapsed = time.perf_counter() - started
    print(f"size {args.size}, {when}, {code_version()}, {machine()}, {elapsed:.0f} s in all")
    print(table(rows))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "size": args.size,
                    "when": when,
                    "code": code_version(),
                    "machine": machine(),
                    "rows": [asdict(r) for r in rows],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
