# Shared by build_linux.sh and build_windows.sh (sourced, not run): logging, a private Xvfb, and the smoke check.
# The sourcing script sets BUILD_NAME (the log prefix), SMOKE_LINE (what a good smoke run prints) and
# SMOKE_RUNNER (the command that runs a program for `smoke`, with its output on stdout).

log() { printf '[%s %(%H:%M:%S)T] %s\n' "$BUILD_NAME" -1 "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }
elapsed() { echo $(( SECONDS - $1 ))s; }

# A private X server on the first free display: start_xvfb sets XVFB_DISPLAY; stop_xvfb is safe to call twice.
XVFB_PID=""
XVFB_DISPLAY=""
start_xvfb() {
    local display=99
    while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
    Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
    [ -e "/tmp/.X11-unix/X$display" ] || die "Xvfb did not start on :$display"
    XVFB_DISPLAY=":$display"
}
stop_xvfb() {
    [ -n "$XVFB_PID" ] || return 0
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
}

# smoke EXE LABEL [ARGS...]: run the program through $SMOKE_RUNNER, show its output, and fail unless it exits 0
# and prints a line matching $SMOKE_LINE (`SMOKE_LINE=... smoke ...` for another program).
smoke() {
    local exe="$1" label="$2"; shift 2
    local started=$SECONDS output status=0
    output="$("$SMOKE_RUNNER" "$exe" "$@")" || status=$?
    printf '%s\n' "$output" | sed "s/^/  [$label] /"
    [ "$status" -eq 0 ] || die "$label smoke run exited $status"
    grep -q -E "$SMOKE_LINE" <<<"$output" || die "$label smoke run printed no line matching $SMOKE_LINE"
    log "$label smoke ok in $(elapsed "$started")"
}
