"""What many test modules share: where the repository and its data are, the types of the
fixtures that open the app, and a run of the app that fails on any exception."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini.yaml"  # the canonical fixture: a small real slice
REAL_DATA = REPO / "commitments.yaml"  # the bundled data
# Secrets with no [auth] and no editors: the app runs read-only.
NO_EDITORS = {"unrelated": "value"}

AppOn = Callable[..., "AppTest"]  # conftest's app_on: the app on a data file
OpenPage = Callable[[str], "Page"]  # the browser conftest's open_page: a URL, rendered


def run(at: AppTest) -> AppTest:
    """`at` run once; any exception the page raised fails the test, with its message."""
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
