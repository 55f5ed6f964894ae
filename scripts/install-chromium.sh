#!/usr/bin/env bash
# install-chromium.sh: Debian's Chromium for the browser tests and the map benchmark.
# Idempotent: does nothing when /usr/bin/chromium runs. Never downloads a browser of its
# own (no `playwright install`): Playwright for Python drives this Chromium through
# executable_path. Needs root or sudo; says what to do otherwise.
set -euo pipefail
CHROMIUM=${TOULMIN_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ] && "$CHROMIUM" --version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "the map's browser tests need Chromium: run 'apt-get install -y chromium' as root" >&2
  exit 1
fi
echo "installing Debian's chromium ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# fonts-dejavu-core: the map's labels are measured and drawn in DejaVu Sans
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$CHROMIUM" --version >/dev/null 2>&1 || { echo "chromium is still missing at $CHROMIUM" >&2; exit 1; }
