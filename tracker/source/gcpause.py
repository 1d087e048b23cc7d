"""A pause of the cyclic garbage collector while long-lived objects are built (a dataset, its
index), shared by the threads that build at the same time.

A load or an index build makes millions of container objects; each collection during the build
would walk all of them again, and every full collection afterwards too. So the collector is
paused while they are built, and at the end what is alive is frozen (`gc.freeze`): the objects
are immutable and long-lived. Frozen objects are still freed by reference counting when the
dataset is dropped; only a reference cycle that was already garbage at that moment is kept.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator


class _GcPause:
    """Builds in several threads share one pause; the collector is left as it was found."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0
        self.was_enabled = False

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.holders == 0:
                self.was_enabled = gc.isenabled()
            self.holders += 1
            gc.disable()
        try:
            yield
        finally:
            with self.lock:
                self.holders -= 1
                if self.holders == 0:
                    gc.freeze()
                    if self.was_enabled:
                        gc.enable()


paused_gc = _GcPause()
"""`with paused_gc():` pauses the cyclic garbage collector while a build makes its objects."""
