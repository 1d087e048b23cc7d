"""Widgets of the Voting record and Roll call pages: the votes (or why there are none), the
caveats of the data, and the defaults a page opens on when the URL names no view."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from tracker.domain.languages import Language
from tracker.present import votes_view
from tracker.present.i18n import t
from tracker.query.votes import NO_ROW_LABEL
from tracker.source.votes_table import VOTE_VALUES, Votes, VotesError, load_votes, votes_folder

# Every column the two pages show, declared once: its header key and how it is drawn.
COLUMNS: dict[str, tuple[str, str]] = {
    "rcid": ("votes.column.rcid", "id"),
    "date": ("votes.column.date", "date"),
    "adopted": ("label.adopted", "date"),
    "symbol": ("label.resolution", "text"),
    "resolution": ("label.resolution", "text"),
    "part": ("votes.column.part", "text"),
    "kind": ("votes.column.kind", "text"),
    "short": ("search.field.short", "wide"),
    "vote": ("votes.column.vote", "text"),
    "counted": ("votes.column.counted", "text"),
    "totals": ("votes.column.totals", "text"),
    "country": ("votes.column.state", "text"),
    "state": ("votes.column.state", "text"),
    "country_code": ("votes.column.code", "text"),
    "commitment": ("label.commitment", "text"),
    "status": ("label.status", "text"),
    "year": ("chart.axis.year", "id"),
    "roll_calls": ("votes.column.roll_calls", "number"),
    "agreement": ("votes.column.agreement", "index"),
    "joint": ("votes.column.joint", "number"),
}


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


def picked_row_ui(
    frame: pd.DataFrame,
    lang: Language,
    key: str,
    headers: Mapping[str, str] | None = None,
    **options: Any,
) -> pd.Series | None:
    """A votes table a click picks one row of (`columns_ui` headers, `options` to
    `st.dataframe`): the row picked, or None."""
    event = st.dataframe(
        frame,
        key=key,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_config=columns_ui(frame.columns, lang, **(headers or {})),
        **options,
    )
    rows = event.selection.rows if event is not None else []
    return frame.iloc[rows[0]] if rows else None


def columns_ui(names: Iterable[str], lang: Language, **headers: str) -> dict[str, Any]:
    """The column configs of a votes table with these columns: headers in `lang` from
    COLUMNS (or `headers`, already in `lang`, for the ones that take a value); a vote's name
    heads its count, and '<vote>_share' its share."""
    config: dict[str, Any] = {}
    for name in names:
        vote = name.removesuffix("_share")
        if vote in (*VOTE_VALUES, NO_ROW_LABEL):
            label = votes_view.vote_label(vote, lang)
            if name.endswith("_share"):
                header = t("votes.column.share", lang, vote=label)
                config[name] = st.column_config.NumberColumn(header, format="percent")
            else:
                config[name] = st.column_config.NumberColumn(label)
            continue
        key, kind = COLUMNS.get(name, ("", "text"))
        header = headers.get(name) or t(key, lang)
        if kind == "id":
            config[name] = st.column_config.NumberColumn(header, format="%d")
        elif kind == "number":
            config[name] = st.column_config.NumberColumn(header)
        elif kind == "index":
            config[name] = st.column_config.NumberColumn(header, format="%.3f")
        elif kind == "date":
            config[name] = st.column_config.DateColumn(header, format="YYYY-MM-DD")
        else:
            config[name] = st.column_config.TextColumn(
                header, width="large" if kind == "wide" else None
            )
    return config
