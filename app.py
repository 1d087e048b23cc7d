"""Entry point: the navigation between the pages.

Each page runs its own setup (`ui.setup.page_setup`), because a deep link on a freshly
started server runs the page script without this file.
"""

import streamlit as st

from ui.setup import page_title
from ui.widgets import current_language

# Page script in pages/ (its URL path is the file name, as the pages/ folder gives it on a
# fresh server, so that a deep link means the same page either way) and its icon, in order.
PAGE_ICONS = {
    "overview": ":material/dashboard:",
    "commitments": ":material/checklist:",
    "actors": ":material/account_balance:",
    "state_votes": ":material/how_to_vote:",
    "roll_call": ":material/ballot:",
    "evidence": ":material/fact_check:",
    "review": ":material/event_note:",
    "add_resolution": ":material/note_add:",
    "export": ":material/import_export:",
    "source_text": ":material/description:",
    "methodology": ":material/rule:",
    "search": ":material/search:",
}

lang = current_language()
PAGES = {
    name: st.Page(f"pages/{name}.py", title=page_title(name, lang), icon=icon, url_path=name)
    for name, icon in PAGE_ICONS.items()
}


def open_overview() -> None:
    # The default page is served at the root URL only, and /overview would then be "not
    # found": the root forwards to the overview instead, with the view in the query string.
    st.switch_page(PAGES["overview"], query_params=st.query_params.to_dict())


root = st.Page(open_overview, title=page_title("overview", lang), default=True, visibility="hidden")
st.navigation([root, *PAGES.values()]).run()
