"""Widgets shared by the pages. Helpers ending in `_ui` draw and return plain values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from tracker.analysis import commitments_by_id
from tracker.charts import SUMMARY_COLUMNS, Headline, commitment_label
from tracker.i18n import LANGUAGES, Language, is_language, pick, t
from tracker.model import Dataset
from tracker.problems import Problem

# Keys of the controls every page shares. They are also the query-string names, so that
# a view (language, day) can be shared as a link.
LANGUAGE_KEY = "lang"
AS_OF_KEY = "as_of"

# Before the 1991-92 presidential nuclear initiatives, the oldest events the evidence records.
EARLIEST_AS_OF = dt.date(1990, 1, 1)


def current_language() -> Language:
    """The language chosen so far in this session or in the URL, before the switch is drawn.

    The URL holds the option as displayed (`?lang=中文`): that is how a bound radio
    serialises its value.
    """
    by_name = {name: code for code, name in LANGUAGES.items()}
    from_url = by_name.get(st.query_params.get(LANGUAGE_KEY, ""))
    for value in (st.session_state.get(LANGUAGE_KEY), from_url):
        if is_language(value):
            return value
    return "en"


def language_ui() -> Language:
    choice = st.sidebar.radio(
        t("sidebar.language", "en"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        horizontal=True,
        key=LANGUAGE_KEY,
        bind="query-params",
    )
    return choice if is_language(choice) else "en"


def as_of_ui(lang: Language) -> dt.date:
    today = dt.date.today()
    chosen = st.sidebar.date_input(
        t("sidebar.as_of", lang),
        value=today,
        min_value=EARLIEST_AS_OF,
        max_value=today,
        format="YYYY-MM-DD",
        help=t("sidebar.as_of_help", lang),
        key=AS_OF_KEY,
        bind="query-params",
    )
    return chosen if isinstance(chosen, dt.date) else today


def problems_ui(problems: tuple[Problem, ...], file: str, lang: Language, key: str) -> None:
    """The data's problems as a table an analyst can work through, in file order."""
    st.error(t("problems.heading", lang, file=file, count=len(problems)))
    table = pd.DataFrame(
        {
            "location": [f"{p.file}:{p.line}:{p.column}" for p in problems],
            "code": [p.code for p in problems],
            "path": [p.path for p in problems],
            "message": [p.message for p in problems],
        }
    )
    headers = {
        "location": t("problems.location", lang),
        "code": t("problems.code", lang),
        "path": t("problems.path", lang),
        "message": t("problems.message", lang),
    }
    st.dataframe(
        table,
        key=key,
        hide_index=True,
        column_config={column: st.column_config.TextColumn(headers[column]) for column in headers},
    )
    st.caption(t("problems.hint", lang, file=file))


def headline_ui(headline: Headline, dataset: Dataset, lang: Language, key: str) -> None:
    """The six headline numbers in one row."""
    actor_names = {actor.id: pick(actor.name, lang) for actor in dataset.actors}
    commitments = commitments_by_id(dataset)
    none_yet = t("overview.metric.none", lang)
    with st.container(key=key, horizontal=True):
        st.metric(
            t("overview.metric.commitments", lang),
            headline.commitments,
            help=t("overview.metric.commitments_help", lang),
        )
        st.metric(
            t("overview.metric.actors", lang),
            headline.actors,
            help=t("overview.metric.actors_help", lang, pairs=headline.pairs),
        )
        for label, share, levels in (
            ("overview.metric.regressing", headline.regressing_share, headline.regressing_statuses),
            (
                "overview.metric.progressing",
                headline.progressing_share,
                headline.progressing_statuses,
            ),
        ):
            statuses = ", ".join(pick(level.label, lang) for level in levels)
            st.metric(
                t(label, lang),
                f"{share:.0%}",
                help=t(
                    "overview.metric.share_help",
                    lang,
                    pairs=headline.pairs,
                    statuses=statuses,
                    not_assessed=headline.not_assessed,
                ),
            )
        newest = headline.newest_evidence
        st.metric(
            t("overview.metric.newest_evidence", lang),
            newest[0] if newest else none_yet,
            help=t("overview.metric.newest_evidence_help", lang, evidence=newest[1])
            if newest
            else None,
        )
        stalest = headline.stalest
        st.metric(
            t("overview.metric.stalest", lang),
            t("overview.metric.days", lang, days=stalest.days) if stalest else none_yet,
            help=t(
                "overview.metric.stalest_help",
                lang,
                commitment=commitment_label(dataset, commitments[stalest.pair.commitment]),
                actor=actor_names.get(stalest.pair.actor, stalest.pair.actor),
                evidence_date=stalest.newest_evidence.isoformat(),
            )
            if stalest
            else None,
        )


def commitments_table_ui(summary: pd.DataFrame, lang: Language, key: str) -> None:
    """The commitments summary with headers in the chosen language."""
    headers = {
        "paragraph": t("table.paragraph", lang),
        "verb": t("table.verb", lang),
        "addressed": t("table.addressed", lang),
        "criteria": t("table.criteria", lang),
        "status": t("table.status", lang),
        "evidence": t("table.evidence", lang),
    }
    st.dataframe(
        summary,
        key=key,
        hide_index=True,
        column_config={
            **{column: st.column_config.TextColumn(headers[column]) for column in SUMMARY_COLUMNS},
            "status": st.column_config.TextColumn(headers["status"], width="large"),
            "evidence": st.column_config.NumberColumn(headers["evidence"]),
        },
    )
