"""Widgets of the Voting record and Roll call pages: the votes (or why there are none), the
caveats of the data, and the defaults a page opens on when the URL names no view."""

from __future__ import annotations

import streamlit as st

from tracker.domain.languages import Language
from tracker.present import votes_view
from tracker.present.i18n import t
from tracker.source.votes_table import Votes, VotesError, load_votes, votes_folder


def votes_ui(lang: Language) -> Votes:
    """The recorded votes, loaded once per content and shared by every session; when they
    cannot be read, the page says where and why, and stops."""
    try:
        votes = load_votes()
    except VotesError as error:
        st.error(t("votes.unavailable", lang, problem=str(error)))
        st.stop()
    if votes is None:
        st.info(t("votes.missing", lang, folder=str(votes_folder())))
        st.stop()
    return votes


def votes_checked_ui(lang: Language) -> None:
    """Stop the page with where and why when the vote files exist but cannot be read (the
    export's tables carry the votes); no vote files at all is not a problem here."""
    try:
        load_votes()
    except VotesError as error:
        st.error(t("votes.unavailable", lang, problem=str(error)))
        st.stop()


def optional_votes_ui(lang: Language) -> Votes | None:
    """The recorded votes for a page that works without them: None when there are none, and
    when they cannot be read, with where and why."""
    try:
        return load_votes()
    except VotesError as error:
        st.warning(t("votes.unavailable", lang, problem=str(error)))
        return None


def caveats_ui(lang: Language, key: str) -> None:
    """Every caveat of the data, open by default (a reader may fold it away)."""
    with st.expander(
        t("votes.caveats.title", lang), expanded=True, key=key, icon=":material/info:"
    ):
        st.markdown(votes_view.caveats_markdown(lang))


def default_ui(key: str, value: object) -> None:
    """Open the widget `key` on `value` when neither this session nor the URL has chosen."""
    if key not in st.session_state and key not in st.query_params:
        st.session_state[key] = value
