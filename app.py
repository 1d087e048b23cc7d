"""Entry point: the navigation between the pages.

Each page runs its own setup (`ui.setup.page_setup`), because a deep link on a freshly
started server runs the page script without this file.
"""

import streamlit as st

from ui.setup import page_title
from ui.widgets import current_language

lang = current_language()


# One entry per page script in pages/, its URL path the file name (as the pages/ folder
# gives it on a fresh server), so that a deep link means the same page either way.
overview = st.Page(
    "pages/overview.py",
    title=page_title("overview", lang),
    icon=":material/dashboard:",
    url_path="overview",
)
PAGES = [
    overview,
    st.Page(
        "pages/commitments.py",
        title=page_title("commitments", lang),
        icon=":material/checklist:",
        url_path="commitments",
    ),
    st.Page(
        "pages/actors.py",
        title=page_title("actors", lang),
        icon=":material/account_balance:",
        url_path="actors",
    ),
    st.Page(
        "pages/evidence.py",
        title=page_title("evidence", lang),
        icon=":material/fact_check:",
        url_path="evidence",
    ),
    st.Page(
        "pages/review.py",
        title=page_title("review", lang),
        icon=":material/event_note:",
        url_path="review",
    ),
    st.Page(
        "pages/export.py",
        title=page_title("export", lang),
        icon=":material/import_export:",
        url_path="export",
    ),
    st.Page(
        "pages/source_text.py",
        title=page_title("source_text", lang),
        icon=":material/description:",
        url_path="source_text",
    ),
    st.Page(
        "pages/methodology.py",
        title=page_title("methodology", lang),
        icon=":material/rule:",
        url_path="methodology",
    ),
    st.Page(
        "pages/search.py",
        title=page_title("search", lang),
        icon=":material/search:",
        url_path="search",
    ),
]


def open_overview() -> None:
    # The default page is served at the root URL only, and /overview would then be "not
    # found": the root forwards to the overview instead, with the view in the query string.
    st.switch_page(overview, query_params=st.query_params.to_dict())


root = st.Page(open_overview, title=page_title("overview", lang), default=True, visibility="hidden")
st.navigation([root, *PAGES]).run()
