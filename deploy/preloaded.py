"""Start the app processes of one machine from one loaded image, so that they share its memory
(docs/deploy.md, "Memory").

    python deploy/preloaded.py --port P0 [--fork PORT,LOG,PID_FILE ...] -- STREAMLIT FLAGS

One process imports the app's code, loads the data with the app's own loader (its cache and
index) and runs the first page once in memory (Streamlit's `AppTest`), so that what a first
visit builds exists before any copy is made. It then moves every object it holds into the
collector's permanent generation (`gc.freeze`: no collection will write to them) and forks one
process per `--fork` port before any thread or server exists. Each fork starts as a copy of that
image: the kernel shares its pages until a process writes to one (copy on write), so a second
process costs the pages it changes, not another copy of the data, the index and the imported
code. Then each process serves `serve.py` on its port with the given Streamlit flags, the
first one on `--port`.

A fork's output goes to its LOG; its pid is written to PID_FILE for `run_team.py`, which
watches it and, should it die, starts a plain `streamlit run serve.py` on its port (that one
loads on its own). The first process reaps its forks, so a dead one does not linger.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import pkgutil
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
log = logging.getLogger("tracker.preloaded")


@dataclass(frozen=True)
class Fork:
    port: int
    log: Path
    pid_file: Path


def preload() -> None:
    """Import the app's code, load the data the app serves and run its first page once, then
    freeze what this process holds. A failed first run is logged: the servers start anyway
    and load on their first visit."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.chdir(REPO)  # where app.py finds its pages, as under `streamlit run`
    import tracker
    import ui

    # Every module, not only the first page's: a page first opened after the fork then runs
    # on shared code too.
    for package in (tracker, ui):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module.name.endswith(".__main__"):
                importlib.import_module(module.name)
    from streamlit.testing.v1 import AppTest

    started = time.perf_counter()
    try:
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=3600)
        app.run()
        if app.exception:
            log.warning("the first page's run before the fork failed: %s", app.exception[0].value)
        del app
    except Exception as error:  # the servers start anyway, each loading on its own
        log.warning("the first page's run before the fork failed: %r", error)
    gc.collect()
    gc.freeze()
    log.warning("preloaded in %.1f s", time.perf_counter() - started)


def serve(port: int, flags: Sequence[str]) -> int:
    """`streamlit run serve.py FLAGS` on `port`, in this process."""
    from streamlit.web import cli

    arguments = ["run", str(REPO / "serve.py"), *flags]
    arguments += ["--server.address", HOST, "--server.port", str(port)]
    try:
        cli.main(arguments, prog_name="streamlit")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0


def start_forks(forks: Sequence[Fork], flags: Sequence[str]) -> list[int]:
    """Fork one server per `forks`; in the parent, their pids (each also in its pid file)."""
    pids = []
    for fork in forks:
        pid = os.fork()
        if pid == 0:  # the fork: its own output, then its server; it never returns
            code = 1
            try:
                output = os.open(fork.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                os.dup2(output, 1)
                os.dup2(output, 2)
                code = serve(fork.port, flags)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        fork.pid_file.write_text(f"{pid}\n", encoding="ascii")
        pids.append(pid)
    return pids


def reap(pids: Sequence[int]) -> None:
    """Collect each fork's exit status when it ends (else it would stay a zombie, which looks
    alive to `run_team.py`)."""

    def wait(pid: int) -> None:
        _, status = os.waitpid(pid, 0)
        log.warning("app fork %d ended (status %d)", pid, status)

    for pid in pids:
        threading.Thread(target=wait, args=(pid,), name=f"reap-{pid}", daemon=True).start()


def _fork_spec(text: str) -> Fork:
    port, log_file, pid_file = text.split(",", 2)
    return Fork(int(port), Path(log_file), Path(pid_file))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="preloaded.py", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="this process's port")
    parser.add_argument(
        "--fork", type=_fork_spec, action="append", default=[], metavar="PORT,LOG,PID_FILE"
    )
    parser.add_argument("flags", nargs="*", help="Streamlit's flags, after --")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    preload()
    reap(start_forks(args.fork, args.flags))
    return serve(args.port, args.flags)


if __name__ == "__main__":
    sys.exit(main())
