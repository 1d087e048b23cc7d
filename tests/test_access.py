"""Who may write: the OIDC allow-list (a complete login with a strong cookie secret, verified
e-mails only) and the editor password (a salted scrypt hash; sessions keep a proof, never the
password), as pure functions of the login claims, the secrets and the environment."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.source.access import (
    PASSWORD_EDITOR_NAME,
    PASSWORD_ENV,
    editor_for,
    editor_settings,
    login_email,
    parse_password_hash,
    password_hash,
    password_matches,
    password_proof,
    proof_matches,
)
from tracker.source.store import Editor

PASSWORD = "correct horse battery staple"
# The lowest cost accepted, to keep the tests quick; the default is 2^17.
HASH = password_hash(PASSWORD, log2_n=15)
STRONG_SECRET = "q8Zr1vXk3LmN7pTw0sYb5dHf2jGc9aEu"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": STRONG_SECRET,
    "client_id": "tracker",
    "client_secret": "a-client-secret",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}
LOGIN = {"auth": AUTH, "editors": {"emails": ["Analyst@Example.org"]}}
BY_PASSWORD = {"editors": {"password_hash": HASH}}
BOTH = {"auth": AUTH, "editors": {"emails": ["Analyst@Example.org"], "password_hash": HASH}}
EMAIL = "analyst@example.org"


def logged_in(email: str, **claims: Any) -> dict[str, Any]:
    return {"is_logged_in": True, "email": email, "email_verified": True, **claims}


def proof(secrets: dict[str, Any], password: str | None) -> str | None:
    return password_proof(editor_settings(secrets), password)


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
        # a provider that says the address is not verified, or does not say it is
        (logged_in("analyst@example.org", email_verified=False), LOGIN, None, None),
        (logged_in("analyst@example.org", email_verified="false"), LOGIN, None, None),
        (logged_in("analyst@example.org", email_verified=None), LOGIN, None, None),
        ({"is_logged_in": True, "email": "analyst@example.org"}, LOGIN, None, None),
        (logged_in(EMAIL, email_verified="true"), LOGIN, None, EMAIL),
        # an allow-list without a login section lets nobody in
        (logged_in("analyst@example.org"), {"editors": LOGIN["editors"]}, None, None),
        # the password
        (None, BY_PASSWORD, PASSWORD, PASSWORD_EDITOR_NAME),
        (None, BY_PASSWORD, PASSWORD + " ", None),
        (None, BY_PASSWORD, PASSWORD.upper(), None),
        (None, BY_PASSWORD, "", None),
        (None, BY_PASSWORD, None, None),
        # a password is no way in where only a login is configured
        (None, LOGIN, PASSWORD, None),
    ],
)
def test_editor_for(
    user: dict[str, Any] | None, secrets: dict[str, Any], password: str | None, expected: str | None
) -> None:
    editor = editor_for(user, secrets, proof(secrets, password))
    assert (editor.name if editor else None) == expected


def test_a_logged_in_editor_is_named_by_the_login() -> None:
    user = logged_in("analyst@example.org", name="A. Analyst")
    assert editor_for(user, LOGIN, None) == Editor(name="A. Analyst", email="analyst@example.org")


def test_a_password_editor_takes_the_name_given() -> None:
    given_proof = proof(BY_PASSWORD, PASSWORD)
    assert editor_for(None, BY_PASSWORD, given_proof, name=" Li Wei ") == Editor(name="Li Wei")


# --- the password hash -------------------------------------------------------------------


def test_the_hash_is_salted_scrypt() -> None:
    """Two hashes of one password differ (a random salt each), both match it, and neither
    holds the password or its plain sha256."""
    other = password_hash(PASSWORD, log2_n=15)
    assert other != HASH
    for text in (HASH, other):
        parsed = parse_password_hash(text)
        assert not isinstance(parsed, str)
        assert (parsed.log2_n, parsed.r, parsed.p, len(parsed.salt)) == (15, 8, 1, 16)
        assert password_matches(editor_settings({"editors": {"password_hash": text}}), PASSWORD)
        assert PASSWORD not in text
        assert hashlib.sha256(PASSWORD.encode()).hexdigest() not in text


def test_the_default_cost_is_owasps_minimum() -> None:
    parsed = parse_password_hash(password_hash("x", salt=b"\0" * 16))
    assert not isinstance(parsed, str) and (parsed.log2_n, parsed.r, parsed.p) == (17, 8, 1)


def test_a_session_keeps_a_proof_not_the_password() -> None:
    """The proof is neither the password nor its hash; it is void once the password is
    changed, and a made-up proof is refused."""
    settings = editor_settings(BY_PASSWORD)
    kept = password_proof(settings, PASSWORD)
    assert kept is not None and PASSWORD not in kept and kept not in HASH
    assert proof_matches(settings, kept)
    rotated = editor_settings({"editors": {"password_hash": password_hash("new", log2_n=15)}})
    assert not proof_matches(rotated, kept)
    assert not proof_matches(settings, PASSWORD)
    assert not proof_matches(settings, "0" * 64)
    assert password_proof(settings, "wrong") is None


@pytest.mark.parametrize(
    ("environ", "secrets", "password", "allowed"),
    [
        ({PASSWORD_ENV: HASH}, {}, PASSWORD, True),
        ({PASSWORD_ENV: f"  {HASH}\n"}, {}, PASSWORD, True),
        # the environment takes the place of the secrets' password
        ({PASSWORD_ENV: password_hash("other", log2_n=15)}, BY_PASSWORD, PASSWORD, False),
        ({PASSWORD_ENV: password_hash("other", log2_n=15)}, BY_PASSWORD, "other", True),
        # an empty variable is no setting
        ({PASSWORD_ENV: ""}, BY_PASSWORD, PASSWORD, True),
    ],
)
def test_password_from_the_environment(
    environ: dict[str, str], secrets: dict[str, Any], password: str, allowed: bool
) -> None:
    settings = editor_settings(secrets, environ)
    given_proof = password_proof(settings, password)
    assert (editor_for(None, secrets, given_proof, environ=environ) is not None) is allowed


SHA256 = hashlib.sha256(PASSWORD.encode()).hexdigest()
CHEAP = HASH.replace("scrypt:15:", "scrypt:10:", 1)


@pytest.mark.parametrize(
    ("secrets", "environ", "problem"),
    [
        ({"editors": {"password_hash": "abc"}}, {}, "is not a password hash"),
        ({"editors": {"password_hash": "scrypt:15:8:1:zz:00"}}, {}, "is not a password hash"),
        ({"editors": {"password_hash": CHEAP}}, {}, "cost outside what is accepted"),
        ({"editors": {"password_hash": HASH[:-2]}}, {}, "a key of 32"),
        # the unsalted sha256 of earlier versions is refused, saying what to do instead
        ({"editors": {"password_sha256": SHA256}}, {}, "no longer accepted"),
        ({}, {"TRACKER_EDITOR_PASSWORD_SHA256": SHA256}, "no longer accepted"),
        ({"editors": {"emails": "a@example.org"}}, {}, "must be a list"),
        ({"auth": AUTH, "editors": {"emails": ["a@example.org", "nobody"]}}, {}, "'nobody'"),
        ({"editors": {"emails": ["a@example.org"]}}, {}, "no [auth] section"),
        ({"editors": "yes"}, {}, "must be a table"),
    ],
)
def test_invalid_settings_are_reported_and_let_nobody_in(
    secrets: dict[str, Any], environ: dict[str, str], problem: str
) -> None:
    settings = editor_settings(secrets, environ)
    assert any(problem in text for text in settings.problems), settings.problems
    assert not settings.by_password
    given_proof = proof(secrets, PASSWORD)
    assert editor_for(logged_in("nobody"), secrets, given_proof, environ=environ) is None


# --- the login ---------------------------------------------------------------------------


def with_auth(**changes: Any) -> dict[str, Any]:
    auth = {key: value for key, value in {**AUTH, **changes}.items() if value is not None}
    return {"auth": auth, "editors": {"emails": [EMAIL]}}


@pytest.mark.parametrize(
    ("secrets", "problem"),
    [
        # a cookie secret anyone can know lets anyone sign a login cookie for an editor
        (with_auth(cookie_secret="REPLACE-with-a-long-random-string"), "placeholder"),
        (with_auth(cookie_secret="xxx"), "placeholder"),
        (with_auth(cookie_secret="not-a-real-secret"), "placeholder"),
        (with_auth(cookie_secret="short-but-random-7fQ"), "shorter than 32"),
        (with_auth(cookie_secret="ab" * 20), "too repetitive"),
        (with_auth(cookie_secret=None), "cookie_secret (missing)"),
        # an incomplete [auth] table is no login
        (with_auth(client_secret=None), "client_secret"),
        (with_auth(client_id="REPLACE-with-the-client-id"), "client_id"),
        (with_auth(server_metadata_url=""), "server_metadata_url"),
        (with_auth(redirect_uri="http://localhost:8501/"), "redirect_uri"),
        (with_auth(redirect_uri="javascript:x/oauth2callback"), "redirect_uri"),
        ({"auth": {"cookie_secret": STRONG_SECRET}, "editors": {"emails": [EMAIL]}}, "client_id"),
        ({"auth": "yes", "editors": {"emails": [EMAIL]}}, "must be a table"),
        # a named provider must have its own table with the provider's keys
        (
            {"auth": AUTH, "editors": {"emails": [EMAIL], "login_provider": "google"}},
            "[auth.google]",
        ),
    ],
)
def test_an_incomplete_or_guessable_login_is_off(secrets: dict[str, Any], problem: str) -> None:
    """An editor with a valid-looking login cookie is refused, and the settings say why."""
    settings = editor_settings(secrets)
    assert not settings.by_login and not settings.editing_enabled
    assert any(problem in text for text in settings.problems), settings.problems
    assert editor_for(logged_in(EMAIL), secrets, None) is None


def test_a_named_provider_with_its_table_is_a_login() -> None:
    provider = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    auth = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": STRONG_SECRET}
    secrets = {
        "auth": {**auth, "google": provider},
        "editors": {"emails": [EMAIL], "login_provider": "google"},
    }
    settings = editor_settings(secrets)
    assert settings.by_login and settings.login_provider == "google"
    assert settings.problems == ()


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


def test_login_email_needs_a_verified_login() -> None:
    assert login_email(None) is None
    assert login_email({}) is None
    assert login_email(logged_in("x@example.org")) == "x@example.org"
    assert login_email(logged_in("not-an-address")) is None
    assert login_email({"is_logged_in": True, "email": "x@example.org"}) is None


@settings(max_examples=8, deadline=None)
@given(st.text(max_size=40))
def test_only_the_configured_password_matches(typed: str) -> None:
    """Any other string is refused; the configured one is accepted."""
    configured = editor_settings(BY_PASSWORD)
    assert password_matches(configured, typed) is (typed == PASSWORD)
    assert password_matches(configured, PASSWORD)


def test_the_secrets_example_is_understood() -> None:
    """`.streamlit/secrets.toml.example` as shipped enables nothing (its placeholders are
    refused, by name); with its placeholders filled in it sets up a login with an allow-list;
    uncommenting its password line with a real hash enables that too."""
    example = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml.example"
    text = example.read_text(encoding="utf-8")
    shipped = editor_settings(tomllib.loads(text))
    assert not shipped.editing_enabled
    (problem,) = shipped.problems
    assert "cookie_secret" in problem and "client_id" in problem and "client_secret" in problem
    assert PASSWORD_ENV in text

    filled = (
        text.replace("REPLACE-with-a-long-random-string", STRONG_SECRET)
        .replace("REPLACE-with-the-client-id", "tracker")
        .replace("REPLACE-with-the-client-secret", "a-client-secret")
    )
    settings = editor_settings(tomllib.loads(filled))
    assert settings.by_login and settings.emails == {"analyst@example.org", "chair@example.org"}
    assert settings.problems == ()
    with_password = filled.replace(
        '# password_hash = "REPLACE-with-the-output-of-password_hash"',
        f'password_hash = "{HASH}"',
    )
    assert editor_settings(tomllib.loads(with_password)).by_password
