#!/usr/bin/env bash
# One command for a new developer on Debian 12 (and for CI): install what CivicDesk needs, build
# it with warnings as errors, and run the whole test suite. Exits non-zero on any failure.
# Arguments go to ctest, e.g.: bash packaging/run-tests.sh -L unit
#
#   CIVICDESK_SANITIZE=1  builds into ./build-sanitize with AddressSanitizer + UndefinedBehavior-
#                         Sanitizer (no recovery) and runs the suite there: any leak or UB report
#                         fails its test. Suppressions (third-party code only) are in
#                         packaging/sanitizers/.
#   CIVICDESK_FUZZ=1      afterwards builds the libFuzzer targets (clang, ./build-fuzz) and runs
#                         each for 10 seconds from its seed corpus (packaging/run-fuzzers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
extra=()
timeout=900
if [ "${CIVICDESK_SANITIZE:-0}" = 1 ]; then
  # AddressSanitizer alone slows code about twice (its documentation): the slowest suites need room.
  timeout=1800
  export CIVICDESK_BUILD_DIR=${CIVICDESK_BUILD_DIR:-build-sanitize}
  extra+=(-DCIVICDESK_SANITIZE=ON)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0:strict_string_checks=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/packaging/sanitizers/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$here/packaging/sanitizers/ubsan.supp}
fi
bash packaging/build.sh -DCIVICDESK_BUILD_TESTS=ON -DCIVICDESK_BUILD_BENCHMARKS=ON \
  -DCIVICDESK_WERROR=ON "${extra[@]}"
cd "${CIVICDESK_BUILD_DIR:-build}"
ctest --output-on-failure --parallel 2 --timeout "$timeout" "$@"
cd "$here"
if [ "${CIVICDESK_FUZZ:-0}" = 1 ]; then
  bash packaging/run-fuzzers.sh 10
fi
