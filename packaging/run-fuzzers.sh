#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (Debian's clang, with AddressSanitizer and
# UndefinedBehaviorSanitizer) into ./build-fuzz and runs each from its seed corpus for SECONDS
# (default 10), one after the other. Prints executions, executions per second of wall time and
# per second of the CPU time the fuzzer got (on a shared machine the wall rate mostly measures
# the other processes: at load 15 on 2 cores a fuzzer gets an eighth of a core), and coverage
# (libFuzzer's "cov" = edges reached) per fuzzer; exits non-zero when one finds a crash, a leak,
# undefined behaviour or a broken check (the input is kept as build-fuzz/fuzz/crash-*).
#   bash packaging/run-fuzzers.sh            # smoke: 10 s each
#   bash packaging/run-fuzzers.sh 3600       # long: an hour each
#   bash packaging/run-fuzzers.sh 0 fuzz_csv # one fuzzer until it finds something (Ctrl+C)
# New inputs a run finds go to build-fuzz/fuzz/corpus/<fuzzer>/ (kept between runs); merge the
# useful ones into tests/fuzz/corpus/<fuzzer>/ with -merge=1 if they add coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
bash packaging/setup-debian.sh --fuzz
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
  -DCIVICDESK_BUILD_FUZZERS=ON -DCIVICDESK_BUILD_TESTS=OFF -DCIVICDESK_BUILD_BENCHMARKS=OFF \
  -DCIVICDESK_BUILD_WORKSTATION=OFF -DCIVICDESK_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build build-fuzz --target civicdesk_fuzzers
fuzzers=("$@")
if [ ${#fuzzers[@]} -eq 0 ]; then
  fuzzers=($(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//'))
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-20s %12s %10s %8s %11s %8s %8s %s\n' fuzzer executions execs/s cpu-s execs/cpu-s cov ft result
# The shell's time keyword writes the user and system seconds each fuzzer used to $log.cpu.
TIMEFORMAT='%U %S'
for f in "${fuzzers[@]}"; do
  work=build-fuzz/fuzz/corpus/$f
  mkdir -p "$work"
  log=build-fuzz/fuzz/$f.log
  time_limit=()
  [ "$seconds" -gt 0 ] && time_limit=(-max_total_time="$seconds")
  result=ok
  { time build-fuzz/fuzz/"$f" "${time_limit[@]}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/fuzz/ "$work" "tests/fuzz/corpus/$f" \
    >"$log" 2>&1; } 2>"$log.cpu" || { result="FAILED (see $log)"; status=1; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  cpu=$(awk 'NF == 2 { printf "%.1f", $1 + $2 }' "$log.cpu")
  per_cpu=$(awk -v n="${runs:-0}" -v c="${cpu:-0}" 'BEGIN { if (c > 0) printf "%d", n / c }')
  printf '%-20s %12s %10s %8s %11s %8s %8s %s\n' "$f" "${runs:--}" "${rate:--}" "${cpu:--}" \
    "${per_cpu:--}" "${cov:--}" "${ft:--}" "$result"
done
exit $status
