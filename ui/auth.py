"""Who is editing on this run, the controls to sign in and out, and the one way a page writes
to the data file: `write_as_editor` asks `tracker.source.access` again right before the write, so
neither a hidden form nor anything kept in the session is trusted to stand for the role."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from tracker.domain.languages import Language
from tracker.domain.model import Assessment, Evidence, Review
from tracker.present.i18n import t
from tracker.present.markdown import escape_markdown
from tracker.source import access, store

# The proof that this session typed the editor password (never the password itself), and the
# name given: in this session's server-side state only, checked against the configured hash on
# every use (`access.proof_matches`).
PROOF_KEY = "auth_password_proof"
NAME_KEY = "auth_name"
# A failed sign-in waits this long before the form answers, and is logged with the count of
# failures in this process over the last `FAILURE_WINDOW` seconds.
FAILED_SIGN_IN_DELAY = 2.0
FAILURE_WINDOW = 900.0
LOG = logging.getLogger("tracker.auth")
_failures: deque[float] = deque()
_failures_lock = threading.Lock()
# Replaced by tests, which check the pause without waiting for it.
_pause = time.sleep


def secrets() -> dict[str, Any]:
    """The app's secrets as a plain dict; empty when there is no secrets file."""
    if not st.secrets.load_if_toml_exists():
        return {}
    return st.secrets.to_dict()


def settings() -> access.EditorSettings:
    return access.editor_settings(secrets(), os.environ)


def current_editor() -> store.Editor | None:
    """The editor this session is now, from the login, the secrets and the password given."""
    return access.editor_for(
        st.user.to_dict(),
        secrets(),
        st.session_state.get(PROOF_KEY),
        environ=os.environ,
        name=st.session_state.get(NAME_KEY),
    )


def write_as_editor(
    path: Path,
    *,
    base_hash: str,
    assessments: Sequence[Assessment] = (),
    evidence: Sequence[Evidence] = (),
    review: Review | None = None,
) -> store.WriteResult:
    """Append records as the editor this session is at this moment, or raise `NotAnEditor`
    (and the store's own errors: `WriteConflict`, `WriteRejected`, ...)."""
    editor = current_editor()
    if editor is None:
        raise store.NotAnEditor()
    return store.append_records(
        path,
        base_hash=base_hash,
        editor=editor,
        assessments=assessments,
        evidence=evidence,
        review=review,
    )


# What a write can raise.
WRITE_ERRORS = (store.StoreError, OSError, ValueError)


@dataclass(frozen=True)
class WriteMessages:
    """A page's message keys for a failed write, one per kind of failure."""

    not_editor: str
    conflict: str
    rejected: str  # given {problems}
    busy: str
    failed: str  # given {error}


def write_failure(error: BaseException, messages: WriteMessages) -> tuple[str, dict[str, str]]:
    """The message key for a failed write, and the values it is given."""
    if isinstance(error, store.NotAnEditor):
        return messages.not_editor, {}
    if isinstance(error, store.WriteConflict):
        return messages.conflict, {}
    if isinstance(error, store.WriteRejected):
        shown = "\n".join(f"- {escape_markdown(str(p))}" for p in error.problems[:20])
        return messages.rejected, {"problems": shown}
    if isinstance(error, store.StoreBusy):
        return messages.busy, {}
    return messages.failed, {"error": escape_markdown(str(error))}


def _sign_out() -> None:
    st.session_state.pop(PROOF_KEY, None)
    st.session_state.pop(NAME_KEY, None)


def editor_ui(lang: Language, key: str) -> store.Editor | None:
    """Who is editing, with a way out; for a viewer, the ways in that are configured, or how
    to configure one. Returns the editor, or None for a viewer."""
    configured = settings()
    for problem in configured.problems:
        st.warning(t("auth.settings_problem", lang, problem=escape_markdown(problem)))
    editor = current_editor()
    if editor is not None:
        with st.container(horizontal=True, key=f"{key}_editor"):
            st.markdown(t("auth.editing_as", lang, name=escape_markdown(editor.name)))
            if editor.email:
                st.button(t("auth.log_out", lang), key=f"{key}_log_out", on_click=st.logout)
            else:
                st.button(t("auth.sign_out", lang), key=f"{key}_sign_out", on_click=_sign_out)
        return editor
    if not configured.editing_enabled:
        st.info(t("auth.read_only", lang, variable=access.PASSWORD_ENV))
        return None
    st.caption(t("auth.viewer", lang))
    if configured.by_login:
        user = st.user.to_dict()
        if user.get("is_logged_in") is True:
            email = str(user.get("email") or "?")
            st.warning(t("auth.not_on_list", lang, email=escape_markdown(email)))
            st.button(t("auth.log_out", lang), key=f"{key}_log_out", on_click=st.logout)
        elif st.button(t("auth.log_in", lang), key=f"{key}_log_in", type="primary"):
            st.login(configured.login_provider)
    if configured.by_password:
        _password_ui(configured, lang, key)
    return None


def _password_ui(configured: access.EditorSettings, lang: Language, key: str) -> None:
    password_key = f"{key}_password"
    with st.form(f"{key}_password_form", clear_on_submit=True, border=True):
        name = st.text_input(t("auth.name", lang), key=f"{key}_name")
        password = st.text_input(t("auth.password", lang), type="password", key=password_key)
        submitted = st.form_submit_button(t("auth.sign_in", lang), key=f"{key}_sign_in")
    # The typed password leaves the session's state as soon as it has been read.
    st.session_state.pop(password_key, None)
    if not submitted:
        return
    proof = access.password_proof(configured, password)
    if proof is not None:
        st.session_state[PROOF_KEY] = proof
        st.session_state[NAME_KEY] = name
        st.rerun()
    _failed_sign_in(key)
    st.error(t("auth.wrong_password", lang))


def _failed_sign_in(form: str) -> None:
    """Log a wrong editor password with where it came from, then make its sender wait."""
    now = time.monotonic()
    with _failures_lock:
        _failures.append(now)
        while _failures and _failures[0] < now - FAILURE_WINDOW:
            _failures.popleft()
        recent = len(_failures)
    headers = st.context.headers
    LOG.warning(
        "failed editor sign-in (form %s) from %s, forwarded for %s; %d failure(s) in this "
        "process in the last %d minutes",
        form,
        st.context.ip_address or "?",
        headers.get("X-Forwarded-For") or "-",
        recent,
        FAILURE_WINDOW // 60,
    )
    _pause(FAILED_SIGN_IN_DELAY)
