"""Signing in with the editor password through the real page (AppTest): a wrong password is
logged with where it came from and answered after a pause; the password typed is kept nowhere
in the session's state, right or wrong, only a proof of it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui.auth
from tests.helpers import AppOn
from tests.test_app_review import PASSWORD, PASSWORD_SECRETS, review_page, run, shows_form

pytestmark = pytest.mark.usefixtures("no_password_in_the_environment")


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses the sign-in form asked for, recorded instead of slept."""
    asked: list[float] = []
    monkeypatch.setattr(ui.auth, "_pause", asked.append)
    return asked


def state_values(at: AppTest) -> Iterator[Any]:
    """Everything the session's state holds: user values, widget values as sent by the
    browser, and those kept from the previous run."""
    state = at.session_state._state._state  # the SessionState behind AppTest's wrapper
    yield from state._new_session_state.values()
    yield from state._old_state.values()
    widgets = state._new_widget_state
    yield from widgets.states.values()
    yield from widgets.widget_metadata.values()


def holds(at: AppTest, secret: str) -> bool:
    return any(secret in repr(value) for value in state_values(at))


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="review_auth_name").input("Li Wei")
    at.text_input(key="review_auth_password").input(password)
    at.button(key="review_auth_sign_in").click()
    return run(at)


def test_a_wrong_password_is_logged_and_answered_after_a_pause(
    app_on: AppOn, data: Path, pauses: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    at = run(review_page(app_on, data, PASSWORD_SECRETS))
    with caplog.at_level(logging.WARNING, logger="tracker.auth"):
        sign_in(at, "a guess")
        sign_in(at, "another guess")
    assert not shows_form(at)
    assert pauses == [ui.auth.FAILED_SIGN_IN_DELAY] * 2
    lines = [r.getMessage() for r in caplog.records if r.name == "tracker.auth"]
    assert len(lines) == 2, lines
    assert "failed editor sign-in (form review_auth)" in lines[0]
    assert "a guess" not in " ".join(lines)
    assert not holds(at, "a guess") and not holds(at, "another guess")


def test_the_password_is_not_kept_after_signing_in(
    app_on: AppOn, data: Path, pauses: list[float]
) -> None:
    """Signed in, the session holds a proof; the password is nowhere in its state, and the
    editor stays signed in over later runs."""
    at = run(review_page(app_on, data, PASSWORD_SECRETS))
    sign_in(at, PASSWORD)
    assert shows_form(at) and pauses == []
    assert not holds(at, PASSWORD)
    assert isinstance(at.session_state[ui.auth.PROOF_KEY], str)
    run(at)
    assert shows_form(at) and not holds(at, PASSWORD)
