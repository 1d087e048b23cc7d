#!/usr/bin/env bash
# The test command: the same for developers, for .ci/run and for pre-commit. Runs the whole
# suite, browser tests included, on two workers; extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
exec .venv/bin/python -m pytest -n 2 -q "$@"
