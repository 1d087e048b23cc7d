"""`python -m bench.parse [--sizes 1 5] [--repeat 3]`: the ingest parser's time on large texts,
against a baseline measured in the same run on the same text (`str.splitlines` and one regular
expression per line: the least any parser reads), with the ratio.

Two texts per size: "numbered lines" (a paragraph number and a verb on every line, the case
that was quadratic: past paragraph 999 every line continues one growing paragraph) and "real
texts" (the corpus's A/RES/80/9 masthead, opener and paragraphs repeated to the size). The
last column is the time per megabyte, so linear time shows as the same figure at every size.
Not a test: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import gc
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tracker.ingest import parse_resolution

REPO = Path(__file__).resolve().parent.parent
CORPUS_TEXT = REPO / "tests" / "fixtures" / "ingest" / "corpus" / "A_RES_80_9_en.txt"
_BASELINE_LINE = re.compile(r"\s*(\d{1,3})\s*[.．、]\s*(\w+)")


def numbered_lines(size: int) -> str:
    """An opener, then "n. Decides to include line n ...;" lines up to `size` characters."""
    parts = ["The General Assembly,\nRecalling its resolutions,\n"]
    length, number = len(parts[0]), 1
    while length < size:
        line = f"{number}. Decides to include line {number} of the benchmark text in the record;\n"
        parts.append(line)
        length += len(line)
        number += 1
    return "".join(parts)


def real_texts(size: int) -> str:
    """The corpus's A/RES/80/9 (masthead, opener, paragraph, closing, annex) repeated."""
    text = CORPUS_TEXT.read_text(encoding="utf-8")
    return (text * (size // len(text) + 1))[:size]


def baseline(text: str) -> int:
    """What every parser does at least: split the lines and match one pattern on each."""
    return sum(1 for line in text.splitlines() if _BASELINE_LINE.match(line))


def parse(text: str) -> int:
    return len(parse_resolution(text, "en").operative)


def best_of(repeat: int, work: Callable[[str], int], text: str) -> float:
    """The fastest of `repeat` runs, with the garbage collector settled before each."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work(text)
        times.append(time.perf_counter() - start)
    return min(times)


def commit() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parse", description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 5.0], metavar="MB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    parse(real_texts(10_000))  # read the language files and compile their patterns once
    print(f"ingest parser, commit {commit()}; best of {args.repeat} runs each")
    print("| text | size | parse | baseline | ratio | parse per MB |")
    print("|---|---|---|---|---|---|")
    for name, make in (("numbered lines", numbered_lines), ("real texts", real_texts)):
        for megabytes in args.sizes:
            text = make(int(megabytes * 1_000_000))
            measured = best_of(args.repeat, parse, text)
            base = best_of(args.repeat, baseline, text)
            print(
                f"| {name} | {len(text) / 1e6:.1f} MB | {measured:.2f} s | {base:.3f} s "
                f"| {measured / base:.0f} | {measured / (len(text) / 1e6):.2f} s |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
