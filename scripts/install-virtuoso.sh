#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source (the SPARQL server used by tests/graph/store/test_remote.py).
#
# Idempotent: does nothing when `virtuoso-t` is already on the PATH (or in
# /usr/bin). Needs root (or sudo) and Debian's package registry. The package's own
# service is not started or enabled here: the tests and `toulmin.graph.servers`
# start their own Virtuoso on 127.0.0.1 with a virtuoso.ini in a temporary folder.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1 || [ -x /usr/bin/virtuoso-t ]; then
    echo "virtuoso-opensource is installed: $(command -v virtuoso-t || echo /usr/bin/virtuoso-t)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-virtuoso.sh: run as root (or install sudo): apt-get install -y virtuoso-opensource" >&2
        exit 2
    fi
fi

export DEBIAN_FRONTEND=noninteractive
# The package asks for a DBA password through debconf; the system-wide service is not
# used, so an empty answer is fine. Keep the package's init script from starting a
# server during the install (no system service manager is needed or wanted here).
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=0
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod +x "$POLICY"
    CREATED_POLICY=1
fi
cleanup() { if [ "$CREATED_POLICY" = 1 ]; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends virtuoso-opensource
echo "installed: $(command -v virtuoso-t || echo /usr/bin/virtuoso-t)"
