"""The app as it is served: Streamlit's ASGI app around `app.py`, with the upload guard in front
(`ui/upload_guard.py`: bytes and files per session and per server, and the files of gone
sessions freed). Run it with `streamlit run serve.py` (scripts/run.sh, deploy/run_team.py);
`app.py` stays the script every session runs."""

import streamlit as st
from starlette.middleware import Middleware
from streamlit.logger import get_logger

from ui.upload_guard import UploadGuard, sweeping

# The tracker's own log lines (a failed sign-in, a refused upload, an edit found in a kept
# version) go to the server's log with a time and a level, as Streamlit's do.
get_logger("tracker")

app = st.App("app.py", middleware=[Middleware(UploadGuard)], lifespan=sweeping)
