#!/usr/bin/env bash
# The whole suite on SQLite and PostgreSQL. Starts a private PostgreSQL and always stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
url=$(scripts/pg.sh start)
trap 'scripts/pg.sh stop' EXIT
export WARTA_TEST_DATABASE_URL="$url"
swift test --skip-build "$@"
# Pages in headless Chromium at 360 px with JavaScript off, against a real `warta serve`.
python3 -m pytest -q Tests/browser
