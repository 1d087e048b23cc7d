"""Widgets shared by the pages. Helpers ending in `_ui` draw and return plain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from tracker.domain.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Language,
    is_language,
    pick,
    text_in,
)
from tracker.domain.model import Dataset, Text
from tracker.domain.problems import Problem
from tracker.present import tables
from tracker.present.charts import Headline
from tracker.present.i18n import language_name, t
from tracker.present.markdown import escape_markdown
from tracker.query.index import index_of
from tracker.query.names import commitment_label
from ui.tables import table_ui

# Keys of the controls every page shares. They are also the query-string names, so that
# a view (language, day) can be shared as a link.
LANGUAGE_KEY = "lang"
AS_OF_KEY = "as_of"

# Before the 1991-92 presidential nuclear initiatives, the oldest events the evidence records.
EARLIEST_AS_OF = dt.date(1990, 1, 1)


def current_language() -> Language:
    """The language chosen so far in this session or in the URL, before the switch is drawn.

    The URL holds the option as displayed, the language's name in itself (`?lang=English`):
    that is how a bound radio serialises its value.
    """
    by_name = {own_name(code): code for code in LANGUAGES}
    from_url = by_name.get(st.query_params.get(LANGUAGE_KEY, ""))
    for value in (st.session_state.get(LANGUAGE_KEY), from_url):
        if is_language(value):
            return value
    return DEFAULT_LANGUAGE


def own_name(code: Language) -> str:
    """A language's name in itself: the switch must be readable before it is used."""
    return language_name(code, code)


def language_ui() -> Language:
    """The language switch, in the URL as the language's own name (`?lang=English`); kept while
    another page is shown."""
    by_name = {own_name(code): code for code in LANGUAGES}
    _from_url(LANGUAGE_KEY, lambda values: by_name.get(values[-1]))
    choice = st.sidebar.radio(
        t("sidebar.language", DEFAULT_LANGUAGE),
        options=list(LANGUAGES),
        format_func=own_name,
        horizontal=True,
        key=LANGUAGE_KEY,
        persist_state="session",
    )
    lang = choice if is_language(choice) else DEFAULT_LANGUAGE
    _to_url(LANGUAGE_KEY, [own_name(lang)] if lang != DEFAULT_LANGUAGE else [])
    return lang


def as_of_ui(lang: Language) -> dt.date:
    """The day every page answers for, today unless chosen; in the URL as `?as_of=YYYY-MM-DD`
    when it is not today; kept while another page is shown."""
    today = dt.date.today()
    _from_url(AS_OF_KEY, _day_between(EARLIEST_AS_OF, today))
    chosen = st.sidebar.date_input(
        t("sidebar.as_of", lang),
        value=today,
        min_value=EARLIEST_AS_OF,
        max_value=today,
        format="YYYY-MM-DD",
        help=t("sidebar.as_of_help", lang),
        key=AS_OF_KEY,
        persist_state="session",
    )
    day = chosen if isinstance(chosen, dt.date) else today
    _to_url(AS_OF_KEY, [day.isoformat()] if day != today else [])
    return day


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
    table_ui(table, tables.PROBLEMS, lang, key=key)
    st.caption(t("problems.hint", lang, file=file))


def headline_ui(headline: Headline, dataset: Dataset, lang: Language, key: str) -> None:
    """The six headline numbers in one row."""
    actor_names = {actor.id: pick(actor.name, lang) for actor in dataset.actors}
    commitments = index_of(dataset).commitments
    none_yet = t("overview.metric.none", lang)
    with st.container(key=key, horizontal=True):
        st.metric(
            t("label.commitments", lang),
            headline.commitments,
            help=t("overview.metric.commitments_help", lang),
        )
        st.metric(
            t("label.actors_assessed", lang),
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
                    pairs=headline.in_scope,
                    statuses=statuses,
                    not_assessed=headline.not_assessed,
                ),
            )
        newest = headline.newest_evidence
        st.metric(
            t("label.newest_evidence", lang),
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
    left_out = [(level, count) for level, count in headline.set_apart if count]
    if left_out:
        counts = ", ".join(f"{count} {pick(level.label, lang)}" for level, count in left_out)
        st.caption(escape_markdown(t("overview.metric.set_apart", lang, counts=counts)))


def texts_ui(text: Text, lang: Language) -> None:
    """A record's text in every language, side by side, each headed by the language's name
    in itself."""
    for code, column in zip(LANGUAGES, st.columns(len(LANGUAGES)), strict=True):
        with column:
            st.markdown(f"**{own_name(code)}**")
            found = text_in(text, code)
            missing = t("commitments.detail.no_text", lang, language=language_name(code, lang))
            st.markdown(escape_markdown(found) if found else f"_{missing}_")


# --- views in the URL --------------------------------------------------------------------
#
# The filters below keep their value in the query string as ids (`?status=regressing`), not
# as the labels a bound widget would write there (`?status=Regressing`, or its translation):
# labels change with the language, ids do not, so a link means the same view in either
# language and a language switch keeps every filter. The helpers therefore sync the URL
# themselves: on the way in, a value in the URL that this session did not write (a shared
# link, a link from another page, the browser's back button) is applied; on the way out, the
# value is written back. `persist_state="session"` keeps each filter while another page is
# shown, and it comes back into the URL on return.


def _shadow(key: str) -> str:
    return f"_url_{key}"


def _from_url(key: str, parse: Callable[[list[str]], object | None]) -> None:
    """Before the widget `key` is drawn: take its value from the URL when the URL brings a new
    one, else re-assert the session's value (its displayed label may have changed language,
    and Streamlit would otherwise drop a value whose label it no longer finds)."""
    in_url = st.query_params.get_all(key)
    if in_url and in_url != st.session_state.get(_shadow(key)):
        value = parse(in_url)
        if value is not None:
            st.session_state[key] = value
            return
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]


def _day_between(first: dt.date, last: dt.date) -> Callable[[list[str]], dt.date | None]:
    """A URL parser for a day: the last value when it is a day from `first` to `last`."""

    def parse(values: list[str]) -> dt.date | None:
        try:
            day = dt.date.fromisoformat(values[-1])
        except ValueError:
            return None
        return day if first <= day <= last else None

    return parse


def _to_url(key: str, values: list[str]) -> None:
    st.session_state[_shadow(key)] = values
    if st.query_params.get_all(key) == values:
        return
    if values:
        st.query_params[key] = values
    elif key in st.query_params:
        del st.query_params[key]


def choices_ui(
    label: str,
    options: Sequence[str],
    labels: Mapping[str, str],
    key: str,
    *,
    help: str | None = None,
    placeholder: str | None = None,
) -> tuple[str, ...]:
    """A multiselect of ids shown by their labels, in the URL as `?key=a&key=b`."""

    def parse(values: list[str]) -> list[str] | None:
        return [value for value in dict.fromkeys(values) if value in options] or None

    _from_url(key, parse)
    chosen = st.multiselect(
        label,
        options,
        format_func=lambda option: labels.get(option, option),
        key=key,
        help=help,
        placeholder=placeholder,
        persist_state="session",
    )
    valid = [value for value in chosen if value in options]
    _to_url(key, valid)
    return tuple(valid)


def choice_ui(
    label: str,
    options: Sequence[str],
    labels: Mapping[str, str],
    key: str,
    *,
    help: str | None = None,
    placeholder: str | None = None,
    first_by_default: bool = False,
) -> str | None:
    """A selectbox of ids shown by their labels, in the URL as `?key=id`; none chosen at
    first, or the first option with `first_by_default`."""
    _from_url(key, lambda values: values[-1] if values[-1] in options else None)
    chosen = st.selectbox(
        label,
        options,
        index=0 if first_by_default and options else None,
        format_func=lambda option: labels.get(option, option),
        key=key,
        help=help,
        placeholder=placeholder,
        persist_state="session",
    )
    value = chosen if chosen in options else None
    _to_url(key, [value] if value else [])
    return value


def resolution_ui(dataset: Dataset, lang: Language, label: str, key: str) -> str | None:
    """A selectbox of the dataset's resolutions, newest first and picked by default, each
    shown as 'symbol · title (year)'; in the URL as `?key=symbol`."""
    newest_first = sorted(dataset.resolutions, key=lambda r: r.adopted, reverse=True)
    return choice_ui(
        label,
        [r.symbol for r in newest_first],
        {r.symbol: f"{r.symbol} · {pick(r.title, lang)} ({r.adopted.year})" for r in newest_first},
        key=key,
        first_by_default=True,
    )


def toggle_ui(
    label: str,
    options: Sequence[str],
    labels: Mapping[str, str],
    key: str,
    *,
    help: str | None = None,
) -> str | None:
    """Segmented buttons, at most one pressed (pressing it again releases it); `?key=id`."""
    _from_url(key, lambda values: values[-1] if values[-1] in options else None)
    chosen = st.segmented_control(
        label,
        options,
        format_func=lambda option: labels.get(option, option),
        key=key,
        help=help,
        persist_state="session",
    )
    value = chosen if chosen in options else None
    _to_url(key, [value] if value else [])
    return value


def day_ui(
    label: str,
    key: str,
    *,
    help: str | None = None,
    min_value: dt.date = EARLIEST_AS_OF,
) -> dt.date | None:
    """An optional day, empty at first; in the URL as `?key=YYYY-MM-DD`."""
    today = dt.date.today()
    _from_url(key, _day_between(min_value, today))
    chosen = st.date_input(
        label,
        value=None,
        min_value=min_value,
        max_value=today,
        format="YYYY-MM-DD",
        key=key,
        help=help,
        persist_state="session",
    )
    day = chosen if isinstance(chosen, dt.date) else None
    _to_url(key, [day.isoformat()] if day else [])
    return day


def text_ui(label: str, key: str, *, help: str | None = None, placeholder: str = "") -> str:
    """A one-line text box; in the URL as `?key=text`."""
    _from_url(key, lambda values: values[-1])
    text = st.text_input(
        label, key=key, help=help, placeholder=placeholder, persist_state="session"
    )
    _to_url(key, [text] if text else [])
    return text


def select_into(table_key: str, target: str, ids: Sequence[str]) -> Callable[[], None]:
    """An `on_select` callback for a one-row selectable table whose rows are `ids`: the row
    picked becomes the value of the selectbox `target` (which then carries it in the URL)."""

    def pick_row() -> None:
        rows = st.session_state[table_key].selection.rows
        if rows and 0 <= rows[0] < len(ids):
            st.session_state[target] = ids[rows[0]]

    return pick_row


def evidence_list_ui(
    table: pd.DataFrame, lang: Language, key: str, on_select: Callable[[], None] | None = None
) -> None:
    """Evidence rows (`dashboard.evidence_table`) with translated headers; each source's
    address is a link (the table holds http(s) addresses only), shown by its host name.
    With `on_select`, one row can be picked."""
    if on_select is None:
        table_ui(table, tables.EVIDENCE, lang, key=key)
    else:
        table_ui(
            table, tables.EVIDENCE, lang, key=key, on_select=on_select, selection_mode="single-row"
        )
