"""What every page does first: page config, the shared sidebar controls, the data.

Every page calls `page_setup` itself rather than relying on app.py: on a freshly started
server, a deep link such as /overview runs the page script without app.py.
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
from ui.widgets import as_of_ui, language_ui, problems_ui

# An emoji, because without a page_icon Streamlit fetches a favicon from the internet.
PAGE_ICON = "📜"


@dataclass(frozen=True)
class PageContext:
    """What a page needs once setup has passed: valid data, the day and the language."""

    dataset: Dataset
    as_of: dt.date
    lang: Language
    data_changed: dt.datetime | None
    load: LoadResult


def page_title(page_key: str, lang: Language) -> str:
    return t(f"page.{page_key}.title", lang)


def page_setup(page_key: str) -> PageContext:
    """Configure the page, draw the sidebar controls and the title, and load the data.

    When the data has problems, they are shown as a table and the run stops here, so the
    rest of the page only ever sees a valid dataset.
    """
    lang = language_ui()
    title = page_title(page_key, lang)
    st.set_page_config(
        page_title=f"{title} · {t('app.title', lang)}", page_icon=PAGE_ICON, layout="wide"
    )
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
    return PageContext(dataset, as_of, lang, data.changed, data.result)
