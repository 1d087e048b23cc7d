"""Who may write: the OIDC allow-list and the editor password, as pure functions of the
login claims, the secrets and the environment."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.source.access import (
    PASSWORD_EDITOR_NAME,
    PASSWORD_ENV,
    editor_for,
    editor_settings,
    login_email,
    password_matches,
    password_sha256,
)
from tracker.source.store import Editor

PASSWORD = "correct horse battery staple"
DIGEST = hashlib.sha256(PASSWORD.encode()).hexdigest()
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "tracker",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}
LOGIN = {"auth": AUTH, "editors": {"emails": ["Analyst@Example.org"]}}
BY_PASSWORD = {"editors": {"password_sha256": DIGEST}}
BOTH = {"auth": AUTH, "editors": {"emails": ["Analyst@Example.org"], "password_sha256": DIGEST}}
EMAIL = "analyst@example.org"


def logged_in(email: str, **claims: Any) -> dict[str, Any]:
    return {"is_logged_in": True, "email": email, **claims}


@pytest.mark.parametrize(
    ("user", "secrets", "password", "expected"),
    [
        # nothing configured: everyone is a viewer, whatever they bring
        (None, {}, None, None),
        (logged_in("analyst@example.org"), {}, PASSWORD, None),
        # the allow-list, case-insensitively and with stray blanks
        (logged_in("analyst@example.org"), LOGIN, None, "analyst@example.org"),
        (logged_in("ANALYST@EXAMPLE.ORG "), LOGIN, None, "ANALYST@EXAMPLE.ORG"),
        (logged_in("other@example.org"), LOGIN, None, None),
        (logged_in("analyst@example.org.evil.test"), LOGIN, None, None),
        # not logged in: AppTest's default user has an e-mail but no login
        ({"email": "analyst@example.org"}, LOGIN, None, None),
        ({"is_logged_in": False, "email": "analyst@example.org"}, LOGIN, None, None),
        ({"is_logged_in": "true", "email": "analyst@example.org"}, LOGIN, None, None),
        # a provider that says the address is not verified
        (logged_in("analyst@example.org", email_verified=False), LOGIN, None, None),
        (logged_in("analyst@example.org", email_verified="false"), LOGIN, None, None),
        (logged_in(EMAIL, email_verified="true"), LOGIN, None, EMAIL),
        # an allow-list without a login section lets nobody in
        (logged_in("analyst@example.org"), {"editors": LOGIN["editors"]}, None, None),
        # the password
        (None, BY_PASSWORD, PASSWORD, PASSWORD_EDITOR_NAME),
        (None, BY_PASSWORD, PASSWORD + " ", None),
        (None, BY_PASSWORD, PASSWORD.upper(), None),
        (None, BY_PASSWORD, "", None),
        (None, BY_PASSWORD, None, None),
        (None, {"editors": {"password_sha256": DIGEST.upper()}}, PASSWORD, PASSWORD_EDITOR_NAME),
        # a password is no way in where only a login is configured
        (None, LOGIN, PASSWORD, None),
    ],
)
def test_editor_for(
    user: dict[str, Any] | None, secrets: dict[str, Any], password: str | None, expected: str | None
) -> None:
    editor = editor_for(user, secrets, password)
    assert (editor.name if editor else None) == expected


def test_a_logged_in_editor_is_named_by_the_login() -> None:
    user = logged_in("analyst@example.org", name="A. Analyst")
    assert editor_for(user, LOGIN, None) == Editor(name="A. Analyst", email="analyst@example.org")


def test_a_password_editor_takes_the_name_given() -> None:
    assert editor_for(None, BY_PASSWORD, PASSWORD, name=" Li Wei ") == Editor(name="Li Wei")


@pytest.mark.parametrize(
    ("environ", "secrets", "password", "allowed"),
    [
        ({PASSWORD_ENV: DIGEST}, {}, PASSWORD, True),
        ({PASSWORD_ENV: f"  {DIGEST}\n"}, {}, PASSWORD, True),
        # the environment takes the place of the secrets' password
        ({PASSWORD_ENV: password_sha256("other")}, BY_PASSWORD, PASSWORD, False),
        ({PASSWORD_ENV: password_sha256("other")}, BY_PASSWORD, "other", True),
        # an empty variable is no setting
        ({PASSWORD_ENV: ""}, BY_PASSWORD, PASSWORD, True),
    ],
)
def test_password_from_the_environment(
    environ: dict[str, str], secrets: dict[str, Any], password: str, allowed: bool
) -> None:
    assert (editor_for(None, secrets, password, environ=environ) is not None) is allowed


@pytest.mark.parametrize(
    ("secrets", "problem"),
    [
        ({"editors": {"password_sha256": "abc"}}, "not a sha256 digest"),
        ({"editors": {"password_sha256": "z" * 64}}, "not a sha256 digest"),
        ({"editors": {"password_sha256": password_sha256("")}}, "empty password"),
        ({"editors": {"emails": "a@example.org"}}, "must be a list"),
        ({"auth": AUTH, "editors": {"emails": ["a@example.org", "nobody"]}}, "'nobody'"),
        ({"editors": {"emails": ["a@example.org"]}}, "no [auth] section"),
        ({"editors": "yes"}, "must be a table"),
    ],
)
def test_invalid_settings_are_reported_and_let_nobody_in(
    secrets: dict[str, Any], problem: str
) -> None:
    settings = editor_settings(secrets)
    assert any(problem in text for text in settings.problems), settings.problems
    assert editor_for(logged_in("nobody"), secrets, "") is None


@pytest.mark.parametrize(
    ("secrets", "login", "password", "enabled"),
    [
        ({}, False, False, False),
        ({"auth": AUTH}, False, False, False),  # a login, but nobody on the list
        (LOGIN, True, False, True),
        (BY_PASSWORD, False, True, True),
        (BOTH, True, True, True),
    ],
)
def test_which_ways_in_are_configured(
    secrets: dict[str, Any], login: bool, password: bool, enabled: bool
) -> None:
    settings = editor_settings(secrets)
    assert (settings.by_login, settings.by_password, settings.editing_enabled) == (
        login,
        password,
        enabled,
    )
    assert settings.problems == ()


def test_login_email_needs_a_login() -> None:
    assert login_email(None) is None
    assert login_email({}) is None
    assert login_email(logged_in("x@example.org")) == "x@example.org"
    assert login_email(logged_in("not-an-address")) is None


@given(st.text(max_size=40))
def test_only_the_configured_password_matches(typed: str) -> None:
    """Any other string is refused; the configured one is accepted."""
    settings = editor_settings(BY_PASSWORD)
    assert password_matches(settings, typed) is (typed == PASSWORD)
    assert password_matches(settings, PASSWORD)


def test_the_secrets_example_is_understood() -> None:
    """`.streamlit/secrets.toml.example` sets up a login with an allow-list and nothing the
    settings reject; uncommenting its password line with a real digest enables that too."""
    example = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml.example"
    text = example.read_text(encoding="utf-8")
    settings = editor_settings(tomllib.loads(text))
    assert settings.by_login and settings.emails == {"analyst@example.org", "chair@example.org"}
    assert settings.problems == ()
    assert PASSWORD_ENV in text
    with_password = text.replace(
        '# password_sha256 = "REPLACE-with-the-sha256-of-your-passphrase"',
        f'password_sha256 = "{DIGEST}"',
    )
    assert editor_settings(tomllib.loads(with_password)).by_password
