#!/usr/bin/env bash
# CI step for the frozen programs: build and smoke-test the Linux and Windows onedirs, then print the size and
# start-up/memory benchmarks against the bare QWizard. .ci/run calls this after the test suite.
#
# NESTWIZ_SKIP_PACKAGING=1 skips it all and NESTWIZ_SKIP_WINDOWS=1 skips the Wine build, for quick local runs;
# both are ignored when CI=true. NESTWIZ_SKIP_BENCH=1 skips the benchmarks (informational, they never fail CI).
set -euo pipefail

PACKAGING="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$PACKAGING")"
PY="${NESTWIZ_HOST_PYTHON:-$ROOT/.venv/bin/python}"

skip() { [ "${CI:-}" != true ] && [ "${!1:-0}" = 1 ]; }

if skip NESTWIZ_SKIP_PACKAGING; then
    echo "packaging: skipped (NESTWIZ_SKIP_PACKAGING=1)"
    exit 0
fi

declare -a timings=()
step() {
    local label="$1" started=$SECONDS
    shift
    echo "=== packaging: $label"
    "$@"
    timings+=("$(printf '%-28s %4ds' "$label" $((SECONDS - started)))")
}

started=$SECONDS
step "Linux onedir + smoke" bash "$PACKAGING/build_linux.sh"
if skip NESTWIZ_SKIP_WINDOWS; then
    echo "packaging: Windows build skipped (NESTWIZ_SKIP_WINDOWS=1)"
else
    step "Windows onedir + smoke" env NESTWIZ_WINDOWS_BASELINE=1 bash "$PACKAGING/build_windows.sh"
fi
if ! skip NESTWIZ_SKIP_BENCH; then
    step "bench_size" "$PY" "$ROOT/bench/bench_size.py"
    step "bench_startup" "$PY" "$ROOT/bench/bench_startup.py" --repeats 5
    step "bench_direct" "$PY" "$ROOT/bench/bench_direct.py"
fi

echo "=== packaging: durations"
printf '  %s\n' "${timings[@]}"
echo "packaging: frozen programs built and their smoke runs passed in $((SECONDS - started))s"
