"""Who may change the data. Viewing is open; an editor is either someone logged in through
OpenID Connect whose e-mail is on the allow-list, or, on a single machine, whoever types the
configured editor password.

Pure: the caller hands in what it knows (the login claims, the secrets, the environment and
the password typed); nothing here reads them itself, so the check can be made again right
before a write with nothing taken on trust from an earlier run.

The settings, in `.streamlit/secrets.toml` (see `.streamlit/secrets.toml.example`):

    [auth]                      # Streamlit's OIDC login (st.login): redirect_uri, ...
    [editors]
    emails = ["analyst@example.org"]          # allow-list, matched case-insensitively
    password_sha256 = "<64 hex digits>"       # sha256 of the editor password (UTF-8)

`TRACKER_EDITOR_PASSWORD_SHA256` in the environment, when set, takes the place of
`password_sha256`: a single-machine service (or a test server) can then be given a password
without a secrets file in the directory it runs from.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.source.store import Editor

EDITORS_SECTION = "editors"
AUTH_SECTION = "auth"
PASSWORD_ENV = "TRACKER_EDITOR_PASSWORD_SHA256"
PASSWORD_EDITOR_NAME = "editor (password)"
_EMPTY_PASSWORD_DIGEST = hashlib.sha256(b"").digest()


@dataclass(frozen=True)
class EditorSettings:
    """How editing is configured. `problems` name settings that were ignored as invalid, so
    the app can say why editing is off instead of silently staying read-only."""

    login: bool
    """An `[auth]` section exists: Streamlit's OIDC login can be offered."""
    emails: frozenset[str]
    """The allow-list, case-folded."""
    password_digest: bytes | None
    login_provider: str | None
    problems: tuple[str, ...]

    @property
    def by_login(self) -> bool:
        return self.login and bool(self.emails)

    @property
    def by_password(self) -> bool:
        return self.password_digest is not None

    @property
    def editing_enabled(self) -> bool:
        return self.by_login or self.by_password


def password_sha256(password: str) -> str:
    """The value to configure for `password`: its sha256 over UTF-8, as 64 hex digits."""
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def editor_settings(
    secrets: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> EditorSettings:
    """The editing settings found in `secrets` (and the password in `environ`)."""
    problems: list[str] = []
    editors = secrets.get(EDITORS_SECTION) or {}
    if not isinstance(editors, Mapping):
        problems.append(f"[{EDITORS_SECTION}] must be a table; it was ignored")
        editors = {}
    auth = secrets.get(AUTH_SECTION)
    login = isinstance(auth, Mapping) and bool(auth)

    emails: set[str] = set()
    listed = editors.get("emails", [])
    if isinstance(listed, str) or not isinstance(listed, list | tuple):
        problems.append(f'{EDITORS_SECTION}.emails must be a list: emails = ["a@example.org"]')
    else:
        for entry in listed:
            if isinstance(entry, str) and "@" in entry:
                emails.add(normalise_email(entry))
            else:
                problems.append(f"{EDITORS_SECTION}.emails: {entry!r} is not an e-mail address")
    if emails and not login:
        problems.append(
            f"{EDITORS_SECTION}.emails is set but there is no [{AUTH_SECTION}] section, "
            "so nobody can log in to be matched against it"
        )

    configured = (environ or {}).get(PASSWORD_ENV, "").strip()
    source = PASSWORD_ENV
    if not configured:
        value = editors.get("password_sha256", "")
        configured = value.strip() if isinstance(value, str) else ""
        source = f"{EDITORS_SECTION}.password_sha256"
    digest = _digest(configured, source, problems) if configured else None

    provider = editors.get("login_provider")
    return EditorSettings(
        login=login,
        emails=frozenset(emails),
        password_digest=digest,
        login_provider=provider if isinstance(provider, str) and provider else None,
        problems=tuple(problems),
    )


def _digest(configured: str, source: str, problems: list[str]) -> bytes | None:
    try:
        digest = bytes.fromhex(configured)
    except ValueError:
        digest = b""
    if len(digest) != hashlib.sha256().digest_size:
        problems.append(f"{source} is not a sha256 digest (64 hex digits); password editing is off")
        return None
    if digest == _EMPTY_PASSWORD_DIGEST:
        problems.append(f"{source} is the digest of an empty password; password editing is off")
        return None
    return digest


def password_matches(settings: EditorSettings, password: str | None) -> bool:
    """Whether `password` is the editor password, compared in constant time on the digests."""
    if settings.password_digest is None or not password:
        return False
    typed = hashlib.sha256(password.encode("utf-8")).digest()
    return hmac.compare_digest(typed, settings.password_digest)


def login_email(user_info: Mapping[str, Any] | None) -> str | None:
    """The e-mail of a user logged in through OIDC, or None: not logged in, no e-mail, or an
    e-mail the provider says it has not verified."""
    if not user_info or user_info.get("is_logged_in") is not True:
        return None
    email = user_info.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    verified = user_info.get("email_verified", True)
    if verified is not True and str(verified).strip().lower() != "true":
        return None
    return email.strip()


def editor_for(
    user_info: Mapping[str, Any] | None,
    secrets: Mapping[str, Any],
    password_entered: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    name: str | None = None,
) -> Editor | None:
    """The editor this visitor is, or None for a viewer.

    A login counts only when a login is configured, the user is logged in and their e-mail is
    on the allow-list (case-insensitively). Otherwise the password counts when one is
    configured and `password_entered` is it; the editor is then called `name` when given.
    """
    settings = editor_settings(secrets, environ)
    email = login_email(user_info)
    if settings.by_login and email and normalise_email(email) in settings.emails:
        shown = user_info.get("name") if user_info else None
        claimed = shown.strip() if isinstance(shown, str) else ""
        return Editor(name=claimed or email, email=email)
    if password_matches(settings, password_entered):
        given = (name or "").strip()
        return Editor(name=given or PASSWORD_EDITOR_NAME)
    return None
