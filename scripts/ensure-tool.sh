#!/usr/bin/env bash
# ensure-tool.sh COMMAND DEBIAN-PACKAGE
# Installs DEBIAN-PACKAGE with apt-get when COMMAND is not on the PATH; says what to do
# when it cannot (not root and no sudo). Idempotent.
set -euo pipefail
cmd=$1 pkg=$2
if command -v "$cmd" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "toulmin needs '$cmd': install the Debian package '$pkg' (apt-get install -y $pkg)" >&2
  exit 1
fi
echo "installing $pkg (for '$cmd') ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
command -v "$cmd" >/dev/null 2>&1 || { echo "'$cmd' is still missing after installing $pkg" >&2; exit 1; }
