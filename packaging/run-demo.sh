#!/usr/bin/env bash
# One command for a new user on Debian 12: install what CivicDesk needs, build it, and start the
# workstation on the Boston demo city (loaded into the local store on first start).
# Arguments go to civicdesk, e.g.: bash packaging/run-demo.sh --lang es
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh -DCIVICDESK_BUILD_TESTS=OFF
# Chromium (the map) refuses its sandbox as root, e.g. in a container: run it without.
if [ "$(id -u)" -eq 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
exec build/bin/civicdesk "$@"
