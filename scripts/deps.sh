#!/usr/bin/env bash
# Installs the Debian packages Warta needs when they are missing (as root), or prints the command.
set -euo pipefail
want=(libcmark-gfm-dev libcmark-gfm-extensions-dev libdeflate-dev postgresql python3-html5lib ca-certificates openssl)
[ "${1:-}" = "--test" ] && want+=(chromium chromium-driver python3-aiosmtpd python3-dkim python3-feedparser)
[ "${1:-}" = "--bench" ] && want+=(nginx-light wrk postfix)
missing=()
for pkg in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
python_missing() { [ "${1:-}" = "--test" ] && ! python3 -c 'import selenium, pytest' 2>/dev/null; }
if python_missing "${1:-}"; then
    echo "installing Python test packages: selenium pytest"
    python3 -m pip install -q --disable-pip-version-check selenium pytest >/dev/null 2>&1 \
        || { echo "pip install selenium pytest failed" >&2; exit 1; }
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "missing Debian packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi
