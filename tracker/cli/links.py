"""`python -m tracker links`: check every evidence address and keep the results beside the data
(`tracker.exchange.links`); print the addresses that fail, with the items that cite them."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tracker.cli.common import DEFAULT_DATA, load_valid
from tracker.cli.progress import ProgressBar
from tracker.exchange.links import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT,
    OUTCOMES,
    LinkCheck,
    ResultsError,
    check_links,
    evidence_urls,
    merge,
    read_results,
    results_path,
    write_results,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check every evidence address (source, other copies, archived copy) over HTTP, "
        "following redirects, and record each result with the day checked in "
        "data/link_checks.csv beside the data file (the data file is not changed). Exit 0 "
        "when every address answers, 1 when some fail (dead, server error, timeout, "
        "unreachable), 2 when the data or the results file cannot be read or written."
    )
    parser.add_argument("path", nargs="?", default=DEFAULT_DATA, help="the data file")
    parser.add_argument(
        "--out", type=Path, default=None, help="results file (default: data/link_checks.csv)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"addresses checked at once (default {DEFAULT_CONCURRENCY}; 2 at most per host)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds to connect and for each read (default {DEFAULT_TIMEOUT:g})",
    )


def report(results: list[LinkCheck], cited: dict[str, list[str]]) -> list[str]:
    """One line per address that did not answer well, then the counts by outcome."""
    lines = []
    for check in sorted(results, key=lambda c: (OUTCOMES.index(c.outcome), c.url)):
        if check.outcome == "ok":
            continue
        status = str(check.http_status or "-")
        since = f" since {check.failing_since.isoformat()}" if check.failing_since else ""
        note = check.detail or (f"now {check.final_url}" if check.final_url else "")
        lines.append(
            f"{check.outcome:<12} {status:>3}  {check.url}  ({', '.join(cited[check.url])})"
            f"{since}{'  ' + note if note else ''}"
        )
    counts = Counter(check.outcome for check in results)
    lines.append(
        f"{len(results)} addresses: " + ", ".join(f"{counts[o]} {o}" for o in OUTCOMES if counts[o])
    )
    return lines


def run(args: argparse.Namespace) -> int:
    loaded = load_valid(args.path, "links")
    if isinstance(loaded, int):
        return loaded
    dataset, _ = loaded
    out: Path = args.out or results_path(args.path)
    try:
        previous = read_results(out)
    except (OSError, ResultsError) as error:
        print(f"links: {error}", file=sys.stderr)
        return 2
    cited = evidence_urls(dataset)
    with ProgressBar("links") as bar:
        latest = check_links(
            cited, concurrency=max(args.concurrency, 1), timeout=args.timeout, progress=bar
        )
    merged = merge(previous, latest)
    try:
        write_results(out, merged.values())
    except OSError as error:
        print(f"links: cannot write {out}: {error}", file=sys.stderr)
        return 2
    checked = [merged[check.url] for check in latest]
    print("\n".join(report(checked, cited)))
    print(f"links: results in {out}", file=sys.stderr)
    return 1 if any(check.failed for check in checked) else 0
