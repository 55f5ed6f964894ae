#!/usr/bin/env bash
# ensure-tool.sh COMMAND DEBIAN-PACKAGE [MORE-PACKAGES...]
# Installs the Debian packages with apt-get when COMMAND is not on the PATH (or does not
# run); says what to do when it cannot (not root and no sudo). Idempotent.
#   ensure-tool.sh java default-jre-headless
#   ensure-tool.sh chromium chromium fonts-dejavu-core   (the map is drawn in DejaVu Sans;
#                                                        never a browser download of its own)
set -euo pipefail
cmd=$1
shift
packages=("$@")
if command -v "$cmd" >/dev/null 2>&1 && "$cmd" --version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "toulmin needs '$cmd': as root, run apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "installing ${packages[*]} (for '$cmd') ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
command -v "$cmd" >/dev/null 2>&1 || { echo "'$cmd' is still missing after installing ${packages[*]}" >&2; exit 1; }
