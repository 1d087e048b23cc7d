"""Widgets shared by the pages. Helpers ending in `_ui` draw and return plain values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Literal

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
from tracker.domain.model import Dataset, Resolution, Text
from tracker.domain.problems import Problem
from tracker.present import tables
from tracker.present.charts import Headline
from tracker.present.i18n import language_name, t
from tracker.present.markdown import escape_markdown
from tracker.query import adoption
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
    """The headline numbers in one row, each with its exact definition in its help and the
    counts it is made of under it."""
    actor_names = {actor.id: pick(actor.name, lang) for actor in dataset.actors}
    commitments = index_of(dataset).commitments
    none_yet = t("overview.metric.none", lang)
    neither = headline.not_applicable + headline.superseded
    with st.container(key=key, horizontal=True):
        _metric_ui(
            t("label.commitments", lang),
            str(headline.commitments),
            t("headline.commitments_help", lang),
            t("headline.pairs_caption", lang, pairs=headline.pairs, actors=headline.actors),
        )
        _metric_ui(
            t("headline.judged", lang),
            t("headline.n_of_m", lang, n=headline.judged, m=headline.pairs),
            t(
                "headline.judged_help",
                lang,
                judged=headline.judged,
                pairs=headline.pairs,
                not_assessed=headline.not_assessed,
                not_applicable=headline.not_applicable,
                superseded=headline.superseded,
            ),
            t("headline.judged_caption", lang, not_assessed=headline.not_assessed, neither=neither),
        )
        for label, count, share, levels in (
            (
                "headline.regressing",
                headline.regressing,
                headline.regressing_share,
                headline.regressing_statuses,
            ),
            (
                "headline.progressing",
                headline.progressing,
                headline.progressing_share,
                headline.progressing_statuses,
            ),
        ):
            statuses = ", ".join(pick(level.label, lang) for level in levels)
            _metric_ui(
                t(label, lang),
                f"{share:.0%}" if headline.judged else none_yet,
                t(
                    "headline.share_help",
                    lang,
                    count=count,
                    judged=headline.judged,
                    statuses=statuses,
                    not_assessed=headline.not_assessed,
                    neither=neither,
                ),
                t(
                    "headline.share_caption",
                    lang,
                    n=count,
                    m=headline.judged,
                    not_assessed=headline.not_assessed,
                ),
            )
        newest = headline.newest_evidence
        _metric_ui(
            t("label.newest_evidence", lang),
            newest[0] if newest else none_yet,
            t("overview.metric.newest_evidence_help", lang, evidence=newest[1]) if newest else None,
            newest[1] if newest else None,
        )
        oldest_keys = (
            "headline.oldest_judgement",
            "headline.oldest_judgement_help",
            "headline.oldest_judgement_caption",
        )
        evidence_keys = (
            "headline.oldest_evidence",
            "headline.oldest_evidence_help",
            "headline.oldest_evidence_caption",
        )
        for found, keys in (
            (headline.oldest, oldest_keys),
            (headline.oldest_evidence, evidence_keys),
        ):
            label, help_key, caption_key = keys
            if found is None:
                _metric_ui(t(label, lang), none_yet, t("headline.oldest_none", lang), None)
                continue
            names = {
                "actor": actor_names.get(found.pair.actor, found.pair.actor),
                "commitment": commitment_label(dataset, commitments[found.pair.commitment]),
                "date": found.judged_on.isoformat(),
                "evidence_date": found.newest_evidence.isoformat()
                if found.newest_evidence
                else none_yet,
                "evidence_days": found.evidence_days,
                "days": found.days,
            }
            days = found.days if keys is oldest_keys else found.evidence_days
            _metric_ui(
                t(label, lang),
                t("overview.metric.days", lang, days=days),
                t(help_key, lang, **names),
                t(caption_key, lang, **names),
            )


# Wide enough for a date as a metric's value ("2026-05-22"): narrower, it is cut ("2026-0…").
METRIC_WIDTH = 215


def _metric_ui(label: str, value: str, help: str | None, caption: str | None) -> None:
    """A metric with the counts it is made of in a caption under it."""
    with st.container(gap=None, width=METRIC_WIDTH):
        st.metric(label, value, help=help)
        if caption:
            st.caption(escape_markdown(caption))


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


def asked_for(key: str) -> list[str]:
    """The ids the URL and the session name for the widget `key` before it is drawn: what a
    widget whose options are cut to a few must still offer, so that a link reproduces its view."""
    kept = st.session_state.get(key)
    in_session = [kept] if isinstance(kept, str) else list(kept or ())
    return list(dict.fromkeys([*st.query_params.get_all(key), *in_session]))


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
    label_visibility: Literal["visible", "hidden", "collapsed"] = "visible",
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
        label_visibility=label_visibility,
    )
    value = chosen if chosen in options else None
    _to_url(key, [value] if value else [])
    return value


def resolution_ui(
    dataset: Dataset,
    lang: Language,
    label: str,
    key: str,
    among: Sequence[Resolution] | None = None,
) -> str | None:
    """A selectbox of the dataset's resolutions (of `among` when given), newest first and
    picked by default, each shown as 'symbol · title (year)'; in the URL as `?key=symbol`."""
    listed = dataset.resolutions if among is None else among
    newest_first = sorted(listed, key=lambda r: r.adopted, reverse=True)
    return choice_ui(
        label,
        [r.symbol for r in newest_first],
        {r.symbol: resolution_label(r, lang) for r in newest_first},
        key=key,
        first_by_default=True,
    )


def resolution_label(resolution: Resolution, lang: Language) -> str:
    """A resolution as a filter lists it: 'symbol · title (year)'."""
    return f"{resolution.symbol} · {pick(resolution.title, lang)} ({resolution.adopted.year})"


def resolutions_ui(
    dataset: Dataset, as_of: dt.date, lang: Language, key: str
) -> tuple[tuple[str, ...], list[Resolution]]:
    """A filter of the resolutions adopted by `as_of` (in the URL as `?key=symbol`); none
    chosen means those in force. The symbols to show, and the superseded resolutions left out
    by default (for a page to offer collapsed)."""
    existing = adoption.adopted(dataset, as_of)
    replaced = adoption.successors(dataset, as_of)
    labels = {
        r.symbol: resolution_label(r, lang)
        + (
            " · " + t("filter.superseded_by", lang, symbol=replaced[r.symbol].symbol)
            if r.symbol in replaced
            else ""
        )
        for r in existing
    }
    chosen = choices_ui(
        t("filter.resolutions", lang),
        [r.symbol for r in reversed(existing)],
        labels,
        key=key,
        help=t("filter.resolutions_help", lang),
        placeholder=t("filter.in_force", lang),
    )
    if chosen:
        return chosen, []
    in_force = tuple(r.symbol for r in adoption.current(dataset, as_of))
    return in_force, [r for r in existing if r.symbol in replaced]


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


def pager_ui(total: int, size: int, key: str, lang: Language, view: Hashable) -> int:
    """Previous and next over `total` rows shown `size` at a time, with which rows are shown
    between them (nothing is drawn when one page holds them all); the position of the first row
    to show. The page is in the URL as `?key=N` from the second on; it goes back to the first
    when `view` (what the rows are, e.g. the filters) changes."""
    pages = max(1, -(-total // size))
    shown_for = f"_view_{key}"
    if st.session_state.get(shown_for, view) != view:
        st.session_state[key] = 1
    st.session_state[shown_for] = view
    _from_url(key, _number_between(1, pages))
    page = st.session_state.get(key)
    page = min(max(page, 1), pages) if isinstance(page, int) else 1
    st.session_state[key] = page
    _to_url(key, [str(page)] if page > 1 else [])
    first = (page - 1) * size
    if pages > 1:
        with st.container(horizontal=True, vertical_alignment="center", key=f"{key}_pager"):
            st.button(
                t("pager.previous", lang),
                key=f"{key}_previous",
                icon=":material/chevron_left:",
                disabled=page == 1,
                on_click=_turn_page,
                args=(key, page - 1),
            )
            last = min(first + size, total)
            st.caption(
                t("pager.position", lang, first=first + 1, last=last, total=total), width="content"
            )
            st.button(
                t("pager.next", lang),
                key=f"{key}_next",
                icon=":material/chevron_right:",
                disabled=page == pages,
                on_click=_turn_page,
                args=(key, page + 1),
            )
    return first


def _turn_page(key: str, page: int) -> None:
    st.session_state[key] = page


def _number_between(first: int, last: int) -> Callable[[list[str]], int | None]:
    """A URL parser for a whole number: the last value when it is one from `first` to `last`."""

    def parse(values: list[str]) -> int | None:
        try:
            number = int(values[-1])
        except ValueError:
            return None
        return number if first <= number <= last else None

    return parse


def slug(text: str) -> str:
    """`text` with every character but letters, digits and '_' made '_': part of a widget key
    that is also a CSS class."""
    return re.sub(r"\W", "_", text, flags=re.ASCII)


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
