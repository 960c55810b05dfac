"""Start-up time to the first shown window and peak memory, NestWiz against a bare PySide6 QWizard, same run.

Each program runs its smoke walk on a private Xvfb with Qt's xcb platform; the clock starts just before the
process is spawned and stops when the X server reports the first top-level window mapped (MapNotify on the root
window), so neither program needs to cooperate. Peak memory is the child's maximum resident set (wait4).
Source runs use the venv's Python; frozen runs use the onedirs from packaging/build_linux.sh.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import select
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "linux" / "dist"
TARGET_SOURCE = 1.5
TARGET_FROZEN = 2.0
TARGET_MEMORY = 1.5
MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
RUN_TIMEOUT = 120.0


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


class MapWatcher:
    """Reports when any client maps a top-level window on one X display."""

    def __init__(self, display: str) -> None:
        name = ctypes.util.find_library("X11")
        if not name:
            raise SystemExit("libX11 not found (apt-get install libx11-6)")
        self.xlib = ctypes.CDLL(name)
        self.xlib.XOpenDisplay.restype = ctypes.c_void_p
        self.xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.xlib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.xlib.XFlush.argtypes = [ctypes.c_void_p]
        self.xlib.XPending.argtypes = [ctypes.c_void_p]
        self.xlib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
        self.xlib.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.display = self.xlib.XOpenDisplay(display.encode())
        if not self.display:
            raise SystemExit(f"cannot open X display {display}")
        root = self.xlib.XDefaultRootWindow(self.display)
        self.xlib.XSelectInput(self.display, root, SUBSTRUCTURE_NOTIFY_MASK)
        self.xlib.XFlush(self.display)
        self.fd = self.xlib.XConnectionNumber(self.display)

    def drain(self) -> None:
        event = XEvent()
        while self.xlib.XPending(self.display):
            self.xlib.XNextEvent(self.display, ctypes.byref(event))

    def wait_for_map(self, process: subprocess.Popen[bytes], deadline: float) -> float | None:
        """perf_counter() at the first MapNotify, or None if the process ended or time ran out first."""
        event = XEvent()
        while time.perf_counter() < deadline:
            while self.xlib.XPending(self.display):
                self.xlib.XNextEvent(self.display, ctypes.byref(event))
                if event.type == MAP_NOTIFY:
                    return time.perf_counter()
            if process.poll() is not None:
                return None
            select.select([self.fd], [], [], 0.05)
        return None

    def close(self) -> None:
        self.xlib.XCloseDisplay(self.display)


class Xvfb:
    """A private X server for the measurements."""

    def __init__(self) -> None:
        if not shutil.which("Xvfb"):
            raise SystemExit("Xvfb not found (apt-get install xvfb)")
        number = 99
        while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            number += 1
        self.name = f":{number}"
        self.process = subprocess.Popen(
            ["Xvfb", self.name, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"Xvfb did not start on {self.name}")
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass
class Run:
    startup_s: float
    peak_rss_mb: float


def measure(command: list[str], env: dict[str, str], watcher: MapWatcher, *, whole_walk: bool) -> Run:
    """One run; stopped once its first window is mapped, or left to finish its smoke walk (for peak memory)."""
    watcher.drain()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    mapped = watcher.wait_for_map(process, started + RUN_TIMEOUT)
    if mapped is None or not whole_walk:
        process.kill()
    # Read stderr before reaping so a chatty child cannot block on a full pipe.
    assert process.stderr is not None
    errors = process.stderr.read().decode(errors="replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if mapped is None or (whole_walk and process.returncode != 0):
        raise SystemExit(f"{' '.join(command)} showed no window or failed ({process.returncode}):\n{errors}")
    return Run(startup_s=mapped - started, peak_rss_mb=usage.ru_maxrss / 1024)


def _verdict(name: str, label: str, bare: str, app: str, ratio: float, target: float) -> bool:
    met = ratio <= target
    print(
        f"{name} ({label}): bare QWizard {bare}, NestWiz {app}, ratio {ratio:.2f}x (target <= {target}x) "
        f"{'PASS' if met else 'MISS'}"
    )
    return met


def compare(
    label: str,
    baseline: list[str],
    candidate: list[str],
    env: dict[str, str],
    watcher: MapWatcher,
    repeats: int,
    startup_target: float,
) -> bool:
    """Print start-up (median) and peak memory (whole smoke walk) of both; True when both targets are met."""
    # The whole walks come first: they also warm the page cache. Start-up runs then alternate.
    bare_mb = measure(baseline, env, watcher, whole_walk=True).peak_rss_mb
    app_mb = measure(candidate, env, watcher, whole_walk=True).peak_rss_mb
    bare_runs, app_runs = [], []
    for _ in range(repeats):
        bare_runs.append(measure(baseline, env, watcher, whole_walk=False))
        app_runs.append(measure(candidate, env, watcher, whole_walk=False))
    bare_s = statistics.median(r.startup_s for r in bare_runs)
    app_s = statistics.median(r.startup_s for r in app_runs)
    startup_met = _verdict(
        f"start-up to first window, median of {repeats}",
        label,
        f"{bare_s * 1000:.0f} ms",
        f"{app_s * 1000:.0f} ms",
        app_s / bare_s,
        startup_target,
    )
    memory_met = _verdict(
        "peak memory over the smoke walk",
        label,
        f"{bare_mb:.0f} MB",
        f"{app_mb:.0f} MB",
        app_mb / bare_mb,
        TARGET_MEMORY,
    )
    return startup_met and memory_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--dist", type=Path, default=DIST, help="folder holding NestWiz/ and BareWizard/")
    parser.add_argument("--source-only", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    xvfb = Xvfb()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=xvfb.name, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    watcher = MapWatcher(xvfb.name)
    try:
        all_met = compare(
            "source",
            [args.python, str(ROOT / "packaging" / "bare_wizard.py"), "--smoke"],
            [args.python, str(ROOT / "packaging" / "nestwiz_main.py"), "--demo", "--smoke"],
            env,
            watcher,
            args.repeats,
            TARGET_SOURCE,
        )
        bare_exe, app_exe = args.dist / "BareWizard" / "BareWizard", args.dist / "NestWiz" / "NestWiz"
        if args.source_only:
            print("frozen: skipped (--source-only)")
        elif not (bare_exe.exists() and app_exe.exists()):
            print(f"frozen: skipped, no onedirs in {args.dist} (run packaging/build_linux.sh)")
        else:
            all_met &= compare(
                "frozen onedir",
                [str(bare_exe), "--smoke"],
                [str(app_exe), "--demo", "--smoke"],
                env,
                watcher,
                args.repeats,
                TARGET_FROZEN,
            )
    finally:
        watcher.close()
        xvfb.stop()
    return 1 if (args.strict and not all_met) else 0


if __name__ == "__main__":
    sys.exit(main())
