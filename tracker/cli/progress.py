"""A one-line progress bar on stderr for long command-line work: shown only on a terminal and
only once the work has run for a second, so short runs, pipes and logs stay clean."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO


class ProgressBar:
    """Call it as `bar(done, total, item)` after each step; close it (or use `with`) at the
    end. Redraws at most ten times a second."""

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        delay: float = 1.0,
        width: int = 30,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.width = width
        self.clock = clock
        self.started = clock()
        self.enabled = _is_terminal(self.stream)
        self.shown = False
        self._last_draw = float("-inf")
        self._drawn = 0

    def __call__(self, done: int, total: int, item: str = "") -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < self.delay:
            return
        if done < total and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        self.shown = True
        text = self.line(done, total, item)
        # Spaces wipe the tail of a longer line drawn before.
        self.stream.write("\r" + text + " " * max(0, self._drawn - len(text)))
        self.stream.flush()
        self._drawn = len(text)

    def line(self, done: int, total: int, item: str = "") -> str:
        """The bar as drawn, e.g. `export [#########.....]  9/18 evidence.csv`."""
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 1.0
        filled = int(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        counter = f"{done}/{total}".rjust(2 * len(str(total)) + 1)
        return f"{self.label} [{bar}] {counter} {item}".rstrip()

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
