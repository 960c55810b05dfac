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

BUILD_NAME=build_linux
# shellcheck source=packaging/common.sh
source "$PACKAGING/common.sh"
trap stop_xvfb EXIT

# A smoke run gets two minutes; its output (stdout and stderr) is what `smoke` checks.
run_native() { timeout 120 "$@" </dev/null 2>&1; }
SMOKE_RUNNER=run_native

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

main() {
    local started=$SECONDS
    [ -x "$PY" ] || die "no Python at $PY (make the venv first, or set NESTWIZ_HOST_PYTHON)"
    ensure_pyinstaller
    mkdir -p "$OUT"
    freeze "$PACKAGING/nestwiz.spec"
    local dist="$OUT/dist/NestWiz"
    smoke "$dist/NestWiz" "linux offscreen" --demo --smoke -platform offscreen
    if command -v Xvfb >/dev/null; then
        start_xvfb
        DISPLAY="$XVFB_DISPLAY" smoke "$dist/NestWiz" "linux xcb on Xvfb" --demo --smoke -platform xcb
        stop_xvfb
    else
        log "no Xvfb: skipped the xcb smoke run (apt-get install xvfb)"
    fi
    log "onedir: $(du -sm "$dist" | cut -f1) MB in $(find "$dist" -type f | wc -l) files"
    if [ "${NESTWIZ_LINUX_BASELINE:-1}" = 1 ]; then
        freeze "$PACKAGING/bare_wizard.spec"
        SMOKE_LINE="^smoke: ok" smoke "$OUT/dist/BareWizard/BareWizard" "bare baseline" --smoke -platform offscreen
    fi
    log "Linux build and smoke runs passed in $(elapsed "$started")"
}

main "$@"; exit $?  # on one line: an edit to this file during a run cannot inject commands
