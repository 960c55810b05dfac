#!/usr/bin/env bash
# Build the Linux onedir of NestWiz (and of the bare QWizard baseline) with the venv's PyInstaller, then smoke-test it.
#
# Output: build/linux/dist/NestWiz/NestWiz and build/linux/dist/BareWizard/BareWizard (NESTWIZ_BUILD_DIR moves build/).
# PyInstaller is installed into .venv when missing, at the versions the Windows build pins.
# NESTWIZ_LINUX_BASELINE=0 skips the baseline (it is needed by bench/bench_size.py and bench/bench_startup.py).
set -euo pipefail

PACKAGING="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$PACKAGING")"
OUT="${NESTWIZ_BUILD_DIR:-$ROOT/build}/linux"
PY="${NESTWIZ_HOST_PYTHON:-$ROOT/.venv/bin/python}"
SMOKE_LINE="${NESTWIZ_SMOKE_LINE:-^nestwiz tour: reached the last page}"

log() { printf '[build_linux %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }
elapsed() { echo $(( SECONDS - $1 ))s; }

XVFB_PID=""
stop_xvfb() {
    [ -n "$XVFB_PID" ] || return 0
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
}
trap stop_xvfb EXIT

# The same PyInstaller, hooks and pefile as the Windows build (requirements-windows.txt holds the pins).
ensure_pyinstaller() {
    local pins=() name
    for name in pyinstaller pyinstaller-hooks-contrib pefile; do
        pins+=("$(grep -o -E "^$name==[^ ]+" "$PACKAGING/requirements-windows.txt")")
    done
    if ! "$PY" -m pip show -q "${pins[@]%%==*}" >/dev/null 2>&1 ||
       [ "$("$PY" -c 'import PyInstaller; print(PyInstaller.__version__)')" != "${pins[0]#*==}" ]; then
        log "installing ${pins[*]} into $(dirname "$(dirname "$PY")")"
        "$PY" -m pip install -q "${pins[@]}" 2> >(grep -v "is ignored" >&2)
    fi
}

freeze() {
    local spec="$1" log_file started=$SECONDS
    log_file="$OUT/pyinstaller-$(basename "$spec" .spec).log"
    log "PyInstaller: $(basename "$spec")"
    "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" "$spec" \
        > "$log_file" 2>&1 || { tail -40 "$log_file"; die "PyInstaller failed on $spec"; }
    log "PyInstaller done in $(elapsed "$started") (log: $log_file)"
}

smoke() {
    local exe="$1" label="$2" line="$3"; shift 3
    local started=$SECONDS output status=0
    output="$(timeout 120 "$exe" "$@" </dev/null 2>&1)" || status=$?
    printf '%s\n' "$output" | sed "s/^/  [$label] /"
    [ "$status" -eq 0 ] || die "$label smoke run exited $status"
    grep -q -E "$line" <<<"$output" || die "$label smoke run printed no line matching $line"
    log "$label smoke ok in $(elapsed "$started")"
}

start_xvfb() {
    local display=99
    while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
    Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
    [ -e "/tmp/.X11-unix/X$display" ] || die "Xvfb did not start on :$display"
    export DISPLAY=":$display"
}

main() {
    local started=$SECONDS
    [ -x "$PY" ] || die "no Python at $PY (make the venv first, or set NESTWIZ_HOST_PYTHON)"
    ensure_pyinstaller
    mkdir -p "$OUT"
    freeze "$PACKAGING/nestwiz.spec"
    local dist="$OUT/dist/NestWiz"
    smoke "$dist/NestWiz" "linux offscreen" "$SMOKE_LINE" --demo --smoke -platform offscreen
    if command -v Xvfb >/dev/null; then
        start_xvfb
        smoke "$dist/NestWiz" "linux xcb on Xvfb" "$SMOKE_LINE" --demo --smoke -platform xcb
        stop_xvfb
    else
        log "no Xvfb: skipped the xcb smoke run (apt-get install xvfb)"
    fi
    log "onedir: $(du -sm "$dist" | cut -f1) MB in $(find "$dist" -type f | wc -l) files"
    if [ "${NESTWIZ_LINUX_BASELINE:-1}" = 1 ]; then
        freeze "$PACKAGING/bare_wizard.spec"
        smoke "$OUT/dist/BareWizard/BareWizard" "bare baseline" "^smoke: ok" --smoke -platform offscreen
    fi
    log "Linux build and smoke runs passed in $(elapsed "$started")"
}

main "$@"; exit $?  # on one line: an edit to this file during a run cannot inject commands
