"""`python -m bench.votes`: the Voting record page (`pages/state_votes.py`) over all 215,972
recorded votes, in AppTest, against a baseline measured in the same run: a bare page that shows
a precomputed frame (`bench/votes_baseline_app.py`), i.e. what any Streamlit rerun costs.

Two reruns are timed, each the best of `--repeat` (target: <= 0.1 s, an absolute figure):
- a State not shown before: the State picker changed, the view computed (its figures, tables
  and agreement with the five other tracked States);
- the same view again (a click that changes nothing the view depends on).

`measure()` returns the figures as a dict, `rows()` as `(figure, measured, baseline, ratio,
target, met)` tuples, for `python -m bench` to print beside its own; `--json FILE` writes
them. Benchmarks are not tests: nothing asserts on these timings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.1
# States picked one after another: none of them is the page's default (the United States).
STATES = (
    "Russia",
    "India",
    "Brazil",
    "Japan",
    "Egypt",
    "Mexico",
    "Sweden",
    "Nigeria",
    "Indonesia",
    "Ireland",
    "Pakistan",
    "South Africa",
)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(repeat: int = 5, timeout: float = 120.0) -> dict[str, Any]:
    """The page's reruns and the baseline's, in this process, on the bundled data and votes."""
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory(prefix="bench-votes-") as work:
        os.environ["TRACKER_DATA"] = str(REPO / "commitments.yaml")
        os.environ["TRACKER_CACHE"] = str(Path(work) / "cache")
        os.environ.pop("TRACKER_VOTES", None)
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
        app.run()
        app.switch_page("pages/state_votes.py")
        first = _timed(app.run)
        if app.exception:
            return {"error": str(app.exception[0].message)[:200]}
        new_state = []
        for state in STATES[: max(1, repeat)]:
            app.selectbox(key="state").set_value(state)
            new_state.append(_timed(app.run))
        same_view = [_timed(app.run) for _ in range(max(1, repeat))]
        error = str(app.exception[0].message)[:200] if app.exception else None

        baseline = AppTest.from_file(
            str(REPO / "bench" / "votes_baseline_app.py"), default_timeout=timeout
        )
        baseline.run()
        bare = [_timed(baseline.run) for _ in range(max(1, repeat))]
    return {
        "first": first,
        "new_state": min(new_state),
        "new_state_median": sorted(new_state)[len(new_state) // 2],
        "same_view": min(same_view),
        "baseline": min(bare),
        "error": error,
    }


def rows(figures: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """The figures as table rows: (figure, measured, baseline, ratio, target, met)."""
    if figures.get("error"):
        return [("Voting record rerun", figures["error"], "-", "-", "-", "")]
    base = figures["baseline"]
    out = []
    for key, figure in (
        ("new_state", "Voting record rerun, a State not shown before (215,972 votes)"),
        ("same_view", "Voting record rerun, the same view again"),
    ):
        seconds = figures[key]
        out.append(
            (
                figure,
                f"{seconds:.3f} s",
                f"{base:.3f} s (bare page, precomputed frame)",
                f"{seconds / base:.2f}" if base > 0 else "-",
                f"<= {TARGET_SECONDS} s",
                "yes" if seconds <= TARGET_SECONDS else "NO",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.votes", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="timed reruns of each kind")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures")
    args = parser.parse_args(argv)
    figures = measure(args.repeat)
    print("| figure | measured | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for row in rows(figures):
        print("| " + " | ".join(row) + " |")
    if "new_state_median" in figures:
        print(
            f"# first run {figures['first']:.3f} s (imports and the first load included); a new "
            f"State: best {figures['new_state']:.3f} s, median {figures['new_state_median']:.3f} s",
            file=sys.stderr,
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if figures.get("error") else 0


if __name__ == "__main__":
    sys.exit(main())
