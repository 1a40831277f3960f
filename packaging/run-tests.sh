#!/usr/bin/env bash
# One command for a new developer on Debian 12 (and for CI): install what CivicDesk needs, build
# it with warnings as errors, and run the whole test suite. Exits non-zero on any failure.
# Arguments go to ctest, e.g.: bash packaging/run-tests.sh -L unit
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh -DCIVICDESK_BUILD_TESTS=ON -DCIVICDESK_BUILD_BENCHMARKS=ON \
  -DCIVICDESK_WERROR=ON
cd build
ctest --output-on-failure --parallel 2 --timeout 900 "$@"
