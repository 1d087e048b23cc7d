#!/usr/bin/env bash
# The test command: the same for developers, for .ci/run and for pre-commit.
#   1. the system packages the browser, PDF and team-deploy tests need, installed when this
#      machine allows it (root or passwordless sudo, and apt-get); otherwise it says which
#      tests will be skipped and why (in CI, CI=true, those tests fail instead of skipping);
#   2. the Python environment (.venv) from requirements-dev.txt;
#   3. style and types: ruff, ruff format --check, mypy --strict (core, ui, pages, app, serve,
#      deploy, bench);
#   4. the whole suite on two workers. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> the file that shows it is installed.
declare -A SYSTEM=(
  [chromium]=/usr/bin/chromium
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [poppler-utils]=/usr/bin/pdfinfo
  [nginx]=/usr/sbin/nginx
)
missing=()
for package in "${!SYSTEM[@]}"; do
  [ -e "${SYSTEM[$package]}" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ] && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
  if command -v apt-get >/dev/null && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
    echo "test.sh: installing ${missing[*]} (apt-get)" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    cat >&2 <<MESSAGE
test.sh: missing system packages: ${missing[*]}
  Without them the browser tests (tests/browser/: Chromium, CJK fonts for the Chinese pages,
  pdfinfo for the PDF brief, nginx for the team deployment) are SKIPPED on this machine
  (in CI, with CI=true, they FAIL). To run the whole suite:
    sudo apt-get install -y ${missing[*]}
MESSAGE
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

exec .venv/bin/python -m pytest -n 2 -q "$@"
