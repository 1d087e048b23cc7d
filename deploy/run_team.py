"""Run the tracker for a team on this machine: N app processes (`serve.py`) on free loopback
ports, all reading one data file, with nginx in front (docs/deploy.md). They start from one
loaded image (`deploy/preloaded.py`), so that they share its memory.

    .venv/bin/python deploy/run_team.py start [--processes 2] [--port 8080] [--data FILE]
    .venv/bin/python deploy/run_team.py start --detach      # return once it serves
    .venv/bin/python deploy/run_team.py stop

`start` stays in the foreground until Ctrl-C, SIGTERM or `stop`, then stops nginx and every
app process. Tests use the context manager: `with team(data, processes=2) as running: ...`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html.parser
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STREAMLIT_CONFIG = REPO / "deploy" / "streamlit" / "config.toml"
NGINX_TEMPLATE = REPO / "deploy" / "nginx.conf.template"
DEFAULT_DATA = REPO / "commitments.yaml"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / f"commitment-tracker-team-{os.getuid()}"
STATE_FILE = "team.json"
HOST = "127.0.0.1"
BACKEND_COOKIE = "tracker_backend"
BACKEND_HEADER = "X-Tracker-Backend"
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
STARTUP_SECONDS = 180.0
STOP_SECONDS = 20.0
RESTART_PAUSE_SECONDS = 5.0
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class _StopRequested(Exception):
    """Ctrl-C, SIGTERM or SIGHUP reached the runner: stop everything."""


class TeamError(RuntimeError):
    """The setup could not start (a process died, a port never answered, nginx refused its
    configuration); everything it had started is stopped again."""


@dataclass
class Backend:
    """One app process: started here (`process`), or forked by the first one (`pid`, read
    from `pid_file`)."""

    index: int
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.log.with_suffix(".pid")

    def fork_pid(self) -> int | None:
        """The pid of this process when the first one forked it (None before it has)."""
        if self.process is not None:
            return None
        try:
            return int(self.pid_file.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None

    def exited(self) -> int | None:
        """Its exit code once it has ended (-1 for a fork, whose code its parent collects)."""
        if self.process is not None:
            return self.process.poll()
        pid = self.fork_pid()
        return None if pid is None or _pid_alive(pid) else -1


@dataclass
class Team:
    """A running setup: nginx at `url`, in front of `backends`, serving `data`."""

    url: str
    port: int
    data: Path
    workdir: Path
    backends: list[Backend]
    nginx: subprocess.Popen[bytes] | None = None
    command: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def access_log(self) -> Path:
        return self.workdir / "logs" / "access.log"

    def pinned_url(self, backend: int, path: str = "/") -> str:
        """The URL of `path` through nginx, on process `backend` (the cookie follows)."""
        separator = "&" if "?" in path else "?"
        return f"{self.url}{path}{separator}{BACKEND_COOKIE}={backend}"


# --- configuration ---------------------------------------------------------------------


def streamlit_flags(config: Path = STREAMLIT_CONFIG) -> list[str]:
    """Every option of a Streamlit config.toml as `--section.option value` flags."""
    with config.open("rb") as handle:
        options = tomllib.load(handle)
    flags: list[str] = []

    def add(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, Mapping):
                add(name, value)
            elif isinstance(value, list):
                for item in value:
                    flags.extend([f"--{name}", _flag_value(item)])
            else:
                flags.extend([f"--{name}", _flag_value(value)])

    add("", options)
    return flags


def _flag_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def app_scripts() -> list[str]:
    """The inline scripts the app adds itself: the one that sets the page's language, in
    each language (ui/setup.py)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from ui.setup import HTML_LANG, lang_script

    return [lang_script(value) for value in HTML_LANG.values()]


def inline_script_hashes(index: Path | None = None) -> str:
    """The Content-Security-Policy sources that allow the inline scripts of Streamlit's page
    (`'sha256-...'` each), read from the installed Streamlit, and the app's own
    (`app_scripts`), so the policy allows exactly those and no other inline script."""
    if index is None:
        import streamlit

        index = Path(streamlit.__file__).parent / "static" / "index.html"
    scripts: list[str] = []

    class Inline(html.parser.HTMLParser):
        inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.inside = tag == "script" and not dict(attrs).get("src")
            if self.inside:
                scripts.append("")

        def handle_endtag(self, tag: str) -> None:
            self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                scripts[-1] += data

    Inline().feed(index.read_text(encoding="utf-8"))
    scripts += app_scripts()
    digests = (hashlib.sha256(script.encode("utf-8")).digest() for script in scripts)
    return " ".join(f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests)


def render_nginx_conf(
    template: str,
    *,
    prefix: Path,
    listen: str,
    ports: Sequence[int],
    user: str = "",
    csp_script_hashes: str = "",
) -> str:
    """The nginx configuration for app processes on `ports` (see the template's header)."""
    if not ports:
        raise ValueError("at least one app process is needed")
    if '"' in str(prefix) or "\n" in str(prefix):
        raise ValueError(f"nginx cannot use this prefix: {prefix!r}")
    lines: list[str] = []
    block: list[str] | None = None
    for line in template.splitlines(keepends=True):
        marker = line.strip()
        if marker == "#@each backend":
            block = []
        elif marker == "#@end" and block is not None:
            for index, port in enumerate(ports):
                values = {
                    "i": str(index),
                    "port": str(port),
                    "share": "*" if index == len(ports) - 1 else f"{100 / len(ports):.2f}%",
                    "backups": "\n".join(
                        f"        server {HOST}:{other} backup;" for other in ports if other != port
                    ),
                }
                lines.extend(_fill(part, values) for part in block)
            block = None
        elif block is not None:
            block.append(line)
        else:
            lines.append(line)
    values = {
        "prefix": str(prefix),
        "listen": listen,
        "user_directive": user,
        "csp_script_hashes": csp_script_hashes,
    }
    text = _fill("".join(lines), values)
    left = _PLACEHOLDER.search(text)
    if left or block is not None:
        raise ValueError(f"the nginx template has an unfilled part: {left or '#@each'}")
    return text


def _fill(text: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda found: values.get(found[1], found[0]), text)


def nginx_binary() -> str | None:
    """Debian's nginx (`apt-get install nginx`): on the PATH, or in /usr/sbin for a user
    whose PATH lacks it."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


# --- processes -------------------------------------------------------------------------


def _start_backend(backend: Backend, command: list[str], env: Mapping[str, str]) -> None:
    """One plain `streamlit run serve.py` (a restart: it loads the data on its own)."""
    full = [*command, "--server.address", HOST, "--server.port", str(backend.port)]
    _launch(backend, full, env)


def _start_preloaded(backends: Sequence[Backend], env: Mapping[str, str]) -> None:
    """The first backend loads the data once and forks the others (deploy/preloaded.py)."""
    first, *others = backends
    command = [sys.executable, str(REPO / "deploy" / "preloaded.py"), "--port", str(first.port)]
    for backend in others:
        backend.pid_file.unlink(missing_ok=True)
        command += ["--fork", f"{backend.port},{backend.log},{backend.pid_file}"]
    _launch(first, [*command, "--", *streamlit_flags()], env)


def _launch(backend: Backend, command: list[str], env: Mapping[str, str]) -> None:
    with backend.log.open("ab") as output:
        # A session of its own: a Ctrl-C in the terminal reaches the runner only, which then
        # stops nginx and the apps itself.
        backend.process = subprocess.Popen(
            command, cwd=REPO, env=dict(env), stdout=output, stderr=output, start_new_session=True
        )


def _start_nginx(team: Team, nginx: str) -> None:
    conf = team.workdir / "nginx.conf"
    error_log = team.workdir / "logs" / "error.log"
    base = [nginx, "-p", str(team.workdir), "-c", str(conf), "-e", str(error_log)]
    checked = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise TeamError(f"nginx refused {conf}:\n{checked.stderr}{checked.stdout}")
    with (team.workdir / "logs" / "nginx.out").open("ab") as output:
        team.nginx = subprocess.Popen(
            base, stdout=output, stderr=output, start_new_session=True, cwd=team.workdir
        )


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _get(url: str, headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers.items())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items())


def _wait_healthy(team: Team, timeout: float) -> None:
    """Until every app answers its health check, directly and through nginx pinned to it."""
    deadline = time.monotonic() + timeout
    pending = list(team.backends)
    while pending:
        for backend in list(pending):
            _check_alive(team)
            with suppress(OSError, http.client.HTTPException):
                status, _ = _get(f"{backend.url}/_stcore/health")
                if status == 200:
                    pending.remove(backend)
        if pending and time.monotonic() > deadline:
            names = ", ".join(f"app {b.index} ({b.log})" for b in pending)
            raise TeamError(f"not healthy after {timeout:g} s: {names}")
        if pending:
            time.sleep(0.25)
    for backend in team.backends:
        while True:
            _check_alive(team)
            with suppress(OSError, http.client.HTTPException):
                status, headers = _get(team.pinned_url(backend.index, "/_stcore/health"))
                if status == 200 and headers.get(BACKEND_HEADER) == str(backend.index):
                    break
            if time.monotonic() > deadline:
                raise TeamError(f"nginx does not reach app {backend.index} after {timeout:g} s")
            time.sleep(0.25)


def _check_alive(team: Team) -> None:
    if team.nginx is not None and team.nginx.poll() is not None:
        log = team.workdir / "logs" / "error.log"
        raise TeamError(f"nginx exited with {team.nginx.returncode}:\n{_tail(log)}")
    for backend in team.backends:
        code = backend.exited()
        if code is not None:
            raise TeamError(f"app {backend.index} exited with {code}:\n{_tail(backend.log)}")


def _stop(team: Team) -> None:
    """nginx first (no new requests), then the apps; each gets `STOP_SECONDS` to finish."""
    if team.nginx is not None and team.nginx.poll() is None:
        team.nginx.send_signal(signal.SIGQUIT)  # graceful: open requests finish
    forks = [pid for pid in (b.fork_pid() for b in team.backends) if pid is not None]
    for pid in forks:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for backend in team.backends:
        if backend.process is not None and backend.process.poll() is None:
            backend.process.terminate()
    running = [team.nginx] + [b.process for b in team.backends]
    for process in running:
        if process is None:
            continue
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for pid in forks:  # not children of the runner: watched until gone
        deadline = time.monotonic() + STOP_SECONDS
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _pid_alive(pid: int) -> bool:
    """Whether a process `pid` exists (one of another user's, which we may not signal, too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def team(
    data: Path = DEFAULT_DATA,
    processes: int = 2,
    *,
    port: int | None = None,
    workdir: Path | None = None,
    env: Mapping[str, str] | None = None,
    startup_timeout: float = STARTUP_SECONDS,
) -> Iterator[Team]:
    """nginx and `processes` app processes serving `data`, running until the block ends.

    `workdir` holds nginx's configuration, pid, logs and buffers and the apps' logs; without
    one, a temporary folder is used and removed afterwards. `env` is added to this process's
    environment for the apps (an editor password, say).
    """
    nginx = nginx_binary()
    if nginx is None:
        raise TeamError("nginx is not installed: apt-get install nginx")
    if processes < 1:
        raise ValueError("processes must be at least 1")
    data = Path(data).resolve()
    if not data.is_file():
        raise TeamError(f"no data file at {data}")
    temporary = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="tracker-team-")) if workdir is None else workdir
    folder = folder.resolve()
    for sub in ("logs", "temp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    listen = port or free_port()
    backends = [
        Backend(index, free_port(), folder / "logs" / f"app-{index}.log")
        for index in range(processes)
    ]
    environment = {**os.environ, **(env or {}), "TRACKER_DATA": str(data)}
    # One secret for every process: what one signs (the session cookie, a login), the others
    # accept. A deployment that wants logins to survive a restart sets it in the environment.
    environment.setdefault(COOKIE_SECRET_ENV, secrets.token_hex(32))
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "serve.py")]
    command += streamlit_flags()
    running = Team(
        url=f"http://{HOST}:{listen}",
        port=listen,
        data=data,
        workdir=folder,
        backends=backends,
        command=command,
        env=environment,
    )
    user = "user root;  # nginx was started by root: its workers stay root" if _is_root() else ""
    conf = render_nginx_conf(
        NGINX_TEMPLATE.read_text(encoding="utf-8"),
        prefix=folder,
        listen=f"{HOST}:{listen}",
        ports=[b.port for b in backends],
        user=user,
        csp_script_hashes=inline_script_hashes(),
    )
    (folder / "nginx.conf").write_text(conf, encoding="utf-8")
    try:
        _start_preloaded(backends, environment)
        _start_nginx(running, nginx)
        _wait_healthy(running, startup_timeout)
        yield running
    finally:
        _stop(running)
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)


def _is_root() -> bool:
    return os.geteuid() == 0


# --- the command line --------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    workdir: Path = args.workdir.resolve()
    state = workdir / STATE_FILE
    if _runner_alive(state):
        print(f"already running (see {state}); stop it first: run_team.py stop", file=sys.stderr)
        return 1

    def stop_on_signal(signum: int, _frame: object) -> None:
        raise _StopRequested(signum)

    # SIGINT too: a runner started in the background by a script inherits it ignored.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    try:
        with team(args.data, args.processes, port=args.port, workdir=workdir) as running:
            record = {
                "pid": os.getpid(),
                "url": running.url,
                "data": str(running.data),
                "backends": [b.url for b in running.backends],
                "nginx_pid": running.nginx.pid if running.nginx else None,
            }
            state.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
            print(f"Serving {running.data} at {running.url}", flush=True)
            for backend in running.backends:
                print(f"  app {backend.index}: {backend.url} (log {backend.log})", flush=True)
            print(f"  nginx logs: {workdir / 'logs'}; stop with Ctrl-C or 'stop'", flush=True)
            _supervise(running)
    except TeamError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except _StopRequested:
        pass
    finally:
        state.unlink(missing_ok=True)
    print("Stopped.", flush=True)
    return 0


def _supervise(running: Team) -> None:
    """Until stopped: an app process that dies is started again on its port (its sessions
    are lost; nginx sends their browsers to another process meanwhile); nginx dying ends it."""
    while True:
        time.sleep(1.0)
        if running.nginx is not None and running.nginx.poll() is not None:
            raise TeamError(f"nginx exited with {running.nginx.returncode}")
        for backend in running.backends:
            code = backend.exited()
            if code is not None:
                print(
                    f"app {backend.index} exited with {code}; restarting "
                    f"in {RESTART_PAUSE_SECONDS:g} s (log {backend.log})",
                    flush=True,
                )
                time.sleep(RESTART_PAUSE_SECONDS)
                backend.restarts += 1
                _start_backend(backend, running.command, running.env)


def _detach(args: argparse.Namespace) -> int:
    """Start the runner in the background and return once it serves (or has failed)."""
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    state = workdir / STATE_FILE
    if _runner_alive(state):
        print(f"already running (see {state})", file=sys.stderr)
        return 1
    state.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "start", "--workdir", str(workdir)]
    command += ["--processes", str(args.processes), "--data", str(args.data)]
    if args.port:
        command += ["--port", str(args.port)]
    log = workdir / "runner.log"
    with log.open("ab") as output:
        runner = subprocess.Popen(
            command, stdout=output, stderr=output, stdin=subprocess.DEVNULL, start_new_session=True
        )
    deadline = time.monotonic() + STARTUP_SECONDS + 30
    while time.monotonic() < deadline:
        if state.exists():
            print(json.loads(state.read_text(encoding="utf-8"))["url"])
            return 0
        if runner.poll() is not None:
            failed = f"error: the runner exited with {runner.returncode}:\n{_tail(log)}"
            print(failed, file=sys.stderr)
            return 1
        time.sleep(0.25)
    runner.terminate()
    print(f"error: not serving after {STARTUP_SECONDS:g} s (see {log})", file=sys.stderr)
    return 1


def _runner_alive(state: Path) -> bool:
    try:
        pid = int(json.loads(state.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return _pid_alive(pid)


def _stop_command(args: argparse.Namespace) -> int:
    state = args.workdir.resolve() / STATE_FILE
    if not _runner_alive(state):
        print(f"not running (no live runner in {state})")
        state.unlink(missing_ok=True)
        return 0
    pid = int(json.loads(state.read_text(encoding="utf-8"))["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS * 2 + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            print("Stopped.")
            return 0
        time.sleep(0.2)
    print(f"error: runner {pid} still running after the stop signal", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_team.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start nginx and the app processes")
    start.add_argument("--processes", type=int, default=2, help="app processes (default 2)")
    start.add_argument("--port", type=int, default=None, help="nginx port (default: a free one)")
    start.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the one data file")
    start.add_argument("--detach", action="store_true", help="run in the background")
    stop = commands.add_parser("stop", help="stop a setup started with 'start'")
    for sub in (start, stop):
        sub.add_argument(
            "--workdir",
            type=Path,
            default=DEFAULT_WORKDIR,
            help=f"configuration, pid and logs (default {DEFAULT_WORKDIR})",
        )
    args = parser.parse_args(argv)
    if args.command == "stop":
        return _stop_command(args)
    if args.detach:
        return _detach(args)
    return _serve(args)


if __name__ == "__main__":
    sys.exit(main())
