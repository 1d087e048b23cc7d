"""Entry point: the navigation between the pages.

Each page runs its own setup (`ui.setup.page_setup`), because a deep link on a freshly
started server runs the page script without this file.
"""

import streamlit as st

from ui.setup import page_title
from ui.widgets import current_language

lang = current_language()

# One entry per page script in pages/, its URL path the file name (as the pages/ folder
# gives it on a fresh server). Still to come, each added with its page:
# commitments, actors, evidence, source_text, methodology.
overview = st.Page(
    "pages/overview.py", title=page_title("overview", lang), icon="📊", url_path="overview"
)
PAGES = [overview]


def open_overview() -> None:
    # The default page is served at the root URL only, and /overview would then be "not
    # found": the root forwards to the overview instead, with the view in the query string.
    st.switch_page(overview, query_params=st.query_params.to_dict())


root = st.Page(open_overview, title=page_title("overview", lang), default=True, visibility="hidden")
st.navigation([root, *PAGES]).run()
