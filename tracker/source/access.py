"""Who may change the data. Viewing is open; an editor is either someone logged in through
OpenID Connect whose verified e-mail is on the allow-list, or, on a single machine, whoever
types the configured editor password.

Pure apart from one per-process key: the caller hands in what it knows (the login claims, the
secrets, the environment, the proof of a password typed earlier); nothing here reads them
itself, so the check can be made again right before a write with nothing taken on trust from
an earlier run.

The settings, in `.streamlit/secrets.toml` (see `.streamlit/secrets.toml.example`):

    [auth]                      # Streamlit's OIDC login (st.login): redirect_uri,
                                # cookie_secret, client_id, client_secret, server_metadata_url
    [editors]
    emails = ["analyst@example.org"]          # allow-list, matched case-insensitively
    password_hash = "scrypt:17:8:1:<salt>:<key>"   # from `password_hash(passphrase)`

`TRACKER_EDITOR_PASSWORD_HASH` in the environment, when set, takes the place of
`password_hash`: a single-machine service (or a test server) can then be given a password
without a secrets file in the directory it runs from.

The password is kept as a salted scrypt hash (RFC 7914): memory-hard like argon2id, and in
Python's standard library (OpenSSL), so no compiled dependency is added for it. A session that
typed the password keeps only a proof: an HMAC, under a key that lives in this process only, of
the hash configured at that moment. The proof is void when the password is changed, and it
never holds the password.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from secrets import token_bytes
from typing import Any
from urllib.parse import urlsplit

from tracker.source.store import Editor

EDITORS_SECTION = "editors"
AUTH_SECTION = "auth"
PASSWORD_KEY = "password_hash"
PASSWORD_ENV = "TRACKER_EDITOR_PASSWORD_HASH"
PASSWORD_EDITOR_NAME = "editor (password)"
# Settings of earlier versions: an unsalted sha256, refused with a message saying what to do.
_RETIRED_PASSWORD_KEY = "password_sha256"
_RETIRED_PASSWORD_ENV = "TRACKER_EDITOR_PASSWORD_SHA256"

# scrypt with N = 2^17, r = 8, p = 1: OWASP's recommended minimum (128 MiB, about 1 s here).
# A configured hash may have a cost down to 2^15 (32 MiB) and up to 2^20 (1 GiB).
SCRYPT_LOG2_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MIN_LOG2_N = 15
SCRYPT_MAX_LOG2_N = 20
_SALT_BYTES = 16
_KEY_BYTES = 32
_HASH_PREFIX = "scrypt"

# Streamlit signs the login cookie with [auth] cookie_secret: whoever knows it can sign a
# cookie for any address on the allow-list.
COOKIE_SECRET_MIN_LENGTH = 32
_COOKIE_SECRET_MIN_DISTINCT = 12
KNOWN_COOKIE_SECRETS = frozenset(
    {
        "REPLACE-with-a-long-random-string",  # .streamlit/secrets.toml.example
        "xxx",
        "secret",
        "changeme",
        "change-me",
        "cookie_secret",
        "your-cookie-secret",
        "not-a-real-secret",
    }
)
_PLACEHOLDER_MARK = "REPLACE"
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")

# Checks of a typed password run one at a time: each takes 2^N * r * 128 bytes (128 MiB).
_HASHING = threading.Lock()
# Signs the proofs kept by sessions of this process; a new process knows none of them.
_PROCESS_KEY = token_bytes(32)


@dataclass(frozen=True)
class PasswordHash:
    """A configured editor password hash, as parsed from `scrypt:LOG2N:R:P:SALT:KEY`."""

    log2_n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    @property
    def text(self) -> str:
        return ":".join(
            [
                _HASH_PREFIX,
                str(self.log2_n),
                str(self.r),
                str(self.p),
                self.salt.hex(),
                self.key.hex(),
            ]
        )


@dataclass(frozen=True)
class EditorSettings:
    """How editing is configured. `problems` name settings that were ignored as invalid, so
    the app can say why editing is off instead of silently staying read-only."""

    login: bool
    """A complete `[auth]` section with a strong cookie secret: Streamlit's OIDC login can be
    offered and trusted."""
    emails: frozenset[str]
    """The allow-list, case-folded."""
    password: PasswordHash | None
    login_provider: str | None
    problems: tuple[str, ...]

    @property
    def by_login(self) -> bool:
        return self.login and bool(self.emails)

    @property
    def by_password(self) -> bool:
        return self.password is not None

    @property
    def editing_enabled(self) -> bool:
        return self.by_login or self.by_password


def password_hash(password: str, *, log2_n: int = SCRYPT_LOG2_N, salt: bytes | None = None) -> str:
    """The value to configure for `password`: a salted scrypt hash,
    `scrypt:LOG2N:R:P:SALT:KEY` (salt and key in hex)."""
    if not password:
        raise ValueError("an empty password cannot be an editor password")
    if not SCRYPT_MIN_LOG2_N <= log2_n <= SCRYPT_MAX_LOG2_N:
        raise ValueError(f"log2_n must be {SCRYPT_MIN_LOG2_N} to {SCRYPT_MAX_LOG2_N}")
    salt = token_bytes(_SALT_BYTES) if salt is None else salt
    key = _scrypt(password, salt, log2_n, SCRYPT_R, SCRYPT_P)
    return PasswordHash(log2_n, SCRYPT_R, SCRYPT_P, salt, key).text


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    needed = 128 * r * n * p + 128 * r * 256 + (1 << 20)
    with _HASHING:
        return hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=needed, dklen=_KEY_BYTES
        )


def parse_password_hash(text: str) -> PasswordHash | str:
    """The hash configured as `text`, or why it is not one."""
    parts = text.strip().split(":")
    if len(parts) != 6 or parts[0] != _HASH_PREFIX:
        return "is not a password hash (scrypt:LOG2N:R:P:SALT:KEY)"
    try:
        log2_n, r, p = (int(part) for part in parts[1:4])
        salt, key = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        return "is not a password hash (scrypt:LOG2N:R:P:SALT:KEY)"
    if not SCRYPT_MIN_LOG2_N <= log2_n <= SCRYPT_MAX_LOG2_N or r < 1 or p < 1 or r * p > 64:
        return (
            f"has a cost outside what is accepted (scrypt N from 2^{SCRYPT_MIN_LOG2_N} to "
            f"2^{SCRYPT_MAX_LOG2_N}, r * p at most 64)"
        )
    if len(salt) < _SALT_BYTES or len(key) != _KEY_BYTES:
        return f"needs a salt of at least {_SALT_BYTES} bytes and a key of {_KEY_BYTES}"
    return PasswordHash(log2_n, r, p, salt, key)


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
    provider = editors.get("login_provider")
    provider = provider if isinstance(provider, str) and provider else None
    auth = secrets.get(AUTH_SECTION)
    login = auth is not None and _login_complete(auth, provider, problems)

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
    if emails and auth is None:
        problems.append(
            f"{EDITORS_SECTION}.emails is set but there is no [{AUTH_SECTION}] section, "
            "so nobody can log in to be matched against it"
        )

    environ = environ or {}
    configured = environ.get(PASSWORD_ENV, "").strip()
    source = PASSWORD_ENV
    if not configured:
        value = editors.get(PASSWORD_KEY, "")
        configured = value.strip() if isinstance(value, str) else ""
        source = f"{EDITORS_SECTION}.{PASSWORD_KEY}"
    password = None
    if configured:
        parsed = parse_password_hash(configured)
        if isinstance(parsed, str):
            problems.append(f"{source} {parsed}; password editing is off")
        else:
            password = parsed
    retired = [
        name
        for name, value in (
            (f"{EDITORS_SECTION}.{_RETIRED_PASSWORD_KEY}", editors.get(_RETIRED_PASSWORD_KEY)),
            (_RETIRED_PASSWORD_ENV, environ.get(_RETIRED_PASSWORD_ENV)),
        )
        if value
    ]
    for name in retired:
        problems.append(
            f"{name} (an unsalted sha256) is no longer accepted: set {source} to a salted "
            "hash made with tracker.source.access.password_hash "
            "(see .streamlit/secrets.toml.example)"
        )

    return EditorSettings(
        login=login,
        emails=frozenset(emails),
        password=password,
        login_provider=provider,
        problems=tuple(problems),
    )


def _login_complete(auth: object, provider: str | None, problems: list[str]) -> bool:
    """Whether `[auth]` holds everything Streamlit's login needs, with a cookie secret nobody
    else can know; each thing missing or weak is added to `problems`."""
    section = f"[{AUTH_SECTION}]"
    if not isinstance(auth, Mapping) or not auth:
        problems.append(f"{section} must be a table with the login settings; login is off")
        return False
    missing: list[str] = []
    redirect = auth.get("redirect_uri")
    parts = urlsplit(redirect) if isinstance(redirect, str) else None
    if (
        parts is None
        or parts.scheme not in {"http", "https"}
        or not parts.netloc
        or not parts.path.endswith("/oauth2callback")
    ):
        missing.append("redirect_uri (the app's address ending in /oauth2callback)")
    where = auth if provider is None else auth.get(provider)
    if not isinstance(where, Mapping):
        missing.append(f"the [{AUTH_SECTION}.{provider}] table named by login_provider")
        where = {}
    for key in _PROVIDER_KEYS:
        value = where.get(key)
        if not isinstance(value, str) or not value.strip() or _PLACEHOLDER_MARK in value:
            missing.append(key if provider is None else f"{provider}.{key}")
    weak = _weak_cookie_secret(auth.get("cookie_secret"))
    if weak:
        missing.append(f"cookie_secret ({weak})")
    if missing:
        problems.append(f"{section} lacks {', '.join(missing)}; login editing is off")
        return False
    return True


def _weak_cookie_secret(secret: object) -> str | None:
    """Why `secret` cannot sign login cookies, or None when it can."""
    if not isinstance(secret, str) or not secret:
        return "missing"
    if secret in KNOWN_COOKIE_SECRETS or _PLACEHOLDER_MARK in secret:
        return "the placeholder of the example, or another published value"
    if len(secret) < COOKIE_SECRET_MIN_LENGTH:
        return f"shorter than {COOKIE_SECRET_MIN_LENGTH} characters"
    if len(set(secret)) < _COOKIE_SECRET_MIN_DISTINCT:
        return "too repetitive to be random"
    return None


def password_matches(settings: EditorSettings, password: str | None) -> bool:
    """Whether `password` is the editor password (scrypt, compared in constant time)."""
    configured = settings.password
    if configured is None or not password:
        return False
    typed = _scrypt(password, configured.salt, configured.log2_n, configured.r, configured.p)
    return hmac.compare_digest(typed, configured.key)


def password_proof(settings: EditorSettings, password: str | None) -> str | None:
    """What a session keeps after typing the right password (never the password itself), or
    None for a wrong one. Valid in this process, while the same hash is configured."""
    if settings.password is None or not password_matches(settings, password):
        return None
    return _proof_of(settings.password)


def _proof_of(configured: PasswordHash) -> str:
    return hmac.new(_PROCESS_KEY, configured.text.encode("ascii"), hashlib.sha256).hexdigest()


def proof_matches(settings: EditorSettings, proof: object) -> bool:
    if settings.password is None or not isinstance(proof, str):
        return False
    return hmac.compare_digest(proof.encode("utf-8"), _proof_of(settings.password).encode())


def login_email(user_info: Mapping[str, Any] | None) -> str | None:
    """The e-mail of a user logged in through OIDC, or None: not logged in, no e-mail, or an
    e-mail the provider has not said it verified (a missing `email_verified` claim counts as
    not verified)."""
    if not user_info or user_info.get("is_logged_in") is not True:
        return None
    email = user_info.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    verified = user_info.get("email_verified")
    if verified is not True and str(verified).strip().lower() != "true":
        return None
    return email.strip()


def editor_for(
    user_info: Mapping[str, Any] | None,
    secrets: Mapping[str, Any],
    proof: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    name: str | None = None,
) -> Editor | None:
    """The editor this visitor is, or None for a viewer.

    A login counts only when a complete login is configured, the user is logged in with a
    verified e-mail and that e-mail is on the allow-list (case-insensitively). Otherwise the
    password counts when one is configured and `proof` is this process's proof of
    it (`password_proof()`); the editor is then called `name` when given.
    """
    settings = editor_settings(secrets, environ)
    email = login_email(user_info)
    if settings.by_login and email and normalise_email(email) in settings.emails:
        shown = user_info.get("name") if user_info else None
        claimed = shown.strip() if isinstance(shown, str) else ""
        return Editor(name=claimed or email, email=email)
    if proof_matches(settings, proof):
        given = (name or "").strip()
        return Editor(name=given or PASSWORD_EDITOR_NAME)
    return None
