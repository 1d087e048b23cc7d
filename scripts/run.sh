#!/usr/bin/env bash
# Start the app locally on http://127.0.0.1:8501 (this machine only: .streamlit/config.toml);
# extra arguments go to `streamlit run`. serve.py is the app with its upload guard.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run serve.py "$@"
