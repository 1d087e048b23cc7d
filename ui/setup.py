"""The frame every page draws first, whichever way the visitor came in: page config, the
language and day controls, the one navigation (from the route table in ui/routes.py), and the
data.

Every page calls `page_setup` itself rather than relying on app.py: on a freshly started
server, a deep link such as /review runs the page script before app.py has ever run. Because
the page draws the whole frame, a deep link looks exactly like a visit from the root.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from tracker.domain.languages import Language
from tracker.domain.model import Dataset
from tracker.present.i18n import t
from tracker.source.loader import LoadResult
from ui.data import load_current_data
from ui.routes import navigation_ui, route
from ui.widgets import as_of_ui, language_ui, problems_ui

# An emoji, because without a page_icon Streamlit fetches a favicon from the internet.
PAGE_ICON = "📜"
# Constants, never data. Boxes keyed scroll_* scroll sideways (a matrix keeps its cell width
# on a phone); the page's lang attribute follows the language switch (screen readers, fonts).
FRAME_CSS = """<style>
[class*="st-key-scroll_"] { overflow-x: auto; max-width: 100%; }
</style>"""
HTML_LANG = {"en": "en", "zh": "zh-Hans"}


def lang_script(value: str) -> str:
    """The one script the app adds to a page: it sets `<html lang>` (screen readers and the
    browser's fonts follow it). deploy/run_team.py allows exactly these scripts in its
    Content-Security-Policy."""
    return f"document.documentElement.lang = {value!r};"


def frame_html(lang: Language) -> str:
    """What every page puts in the sidebar as HTML: the app's own style and the script of
    its language; nothing from the data."""
    return f"{FRAME_CSS}<script>{lang_script(HTML_LANG[lang])}</script>"


@dataclass(frozen=True)
class PageContext:
    """What a page needs once setup has passed: valid data, the day and the language."""

    dataset: Dataset
    as_of: dt.date
    lang: Language
    load: LoadResult


def page_setup(page_key: str, *, collapsed: bool = False) -> PageContext:
    """Configure the page, draw the sidebar (language, navigation, day) and the title, and load
    the data. `collapsed`: the sidebar starts closed (presenter mode needs the whole screen).

    When the data has problems, they are shown as a table and the run stops here, so the
    rest of the page only ever sees a valid dataset.
    """
    lang = language_ui()
    title = route(page_key).title(lang)
    st.set_page_config(
        page_title=f"{title} · {t('app.title', lang)}",
        page_icon=PAGE_ICON,
        layout="wide",
        initial_sidebar_state="collapsed" if collapsed else "auto",
    )
    navigation_ui(lang)
    with st.sidebar:
        st.html(frame_html(lang), unsafe_allow_javascript=True)
    as_of = as_of_ui(lang)
    data = load_current_data()
    if data.changed is not None:
        when = data.changed.strftime("%Y-%m-%d %H:%M")
        st.sidebar.caption(t("sidebar.data_changed", lang, file=data.file, when=when))
    st.title(title, anchor=False)
    dataset = data.result.dataset
    if dataset is None or data.result.problems:
        problems_ui(data.result.problems, data.file, lang, key=f"{page_key}_problems")
        st.stop()
    return PageContext(dataset, as_of, lang, data.result)
