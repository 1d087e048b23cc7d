"""Entry point: registers the pages of the route table (ui/routes.py) and runs the one asked
for. The navigation itself, like the rest of the frame, is drawn by each page's
`page_setup`, so that a deep link on a fresh server, which runs the page without this file,
looks the same."""

import streamlit as st

from ui.routes import app_pages
from ui.widgets import current_language

st.navigation(app_pages(current_language()), position="hidden").run()
