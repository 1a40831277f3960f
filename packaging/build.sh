#!/usr/bin/env bash
# Installs the Debian packages (packaging/setup-debian.sh), then configures and builds CivicDesk
# into ./build (or $CIVICDESK_BUILD_DIR). Extra arguments go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${CIVICDESK_BUILD_DIR:-build}
bash packaging/setup-debian.sh
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" --parallel "$(nproc)"
