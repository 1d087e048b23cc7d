"""A local run (scripts/run.sh: `streamlit run serve.py` with the repository's
.streamlit/config.toml and no other setting) listens on this machine only and gives its
visitors the viewer toolbar; the deploy profile does the same behind nginx. Error details are
never shown to visitors (checked in the settings both read)."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from streamlit.proto.NewSession_pb2 import Config

from bench.browser_load import free_port, serve
from deploy.run_team import STREAMLIT_CONFIG, streamlit_flags
from tests.browser.conftest import new_sessions, wait_for_render

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
RUN_SH = REPO / "scripts" / "run.sh"
LOCAL_CONFIG = REPO / ".streamlit" / "config.toml"


def run_sh_command(port: int) -> list[str]:
    """The command scripts/run.sh ends with (its last line), for this interpreter, on `port`
    (the one setting added: several tests may run at once)."""
    last = RUN_SH.read_text(encoding="utf-8").strip().splitlines()[-1]
    found = re.fullmatch(r'exec \.venv/bin/python -m streamlit run (\S+) "\$@"', last)
    assert found, last
    return [sys.executable, "-m", "streamlit", "run", found[1], "--server.port", str(port)]


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port` (from /proc/net/tcp, tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_a_local_run_serves_this_machine_only_with_the_viewer_toolbar(
    browser: Browser, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, "TRACKER_DATA": str(REPO / "commitments.yaml")}
    url = f"http://127.0.0.1:{port}"
    with serve(run_sh_command(port), env, f"{url}/_stcore/health", tmp_path / "run.log"):
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and nothing else
        context = browser.new_context()
        try:
            page = context.new_page()
            sessions = new_sessions(page)
            page.goto(url)
            wait_for_render(page)
            modes = {session.config.toolbar_mode for session in sessions}
            assert modes == {Config.ToolbarMode.VIEWER}
            assert page.locator('[data-testid="stAppDeployButton"]').count() == 0
        finally:
            context.close()


@pytest.mark.parametrize("config", [LOCAL_CONFIG, STREAMLIT_CONFIG], ids=["local", "deploy"])
def test_visitors_get_no_error_details_and_no_developer_options(config: Path) -> None:
    with config.open("rb") as handle:
        settings = tomllib.load(handle)
    assert settings["client"]["showErrorDetails"] == "none"
    assert settings["client"]["toolbarMode"] == "viewer"
    assert settings["server"]["maxUploadSize"] == 32


def test_the_deploy_profile_reaches_every_app_process() -> None:
    flags = streamlit_flags()
    pairs = dict(zip(flags[::2], flags[1::2], strict=True))
    assert pairs["--client.showErrorDetails"] == "none"
    assert pairs["--client.toolbarMode"] == "viewer"
    assert pairs["--server.enableXsrfProtection"] == "true"
