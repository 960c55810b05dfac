"""`nestwiz lab run` killed with SIGKILL at several points, then run again: the lab ends as an uninterrupted run
leaves it, and a further run changes nothing. The simulated host and the journal are saved as they go."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEED = "20000"  # slow enough that the kills land inside steps, fast enough for a test
KILL_AFTER_LINES = (1, 3, 5, 8, 11, 14, 17)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NESTWIZ_HOME"] = str(home)
    return env


def _nestwiz(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gui.main", *args], cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=120
    )


def _state(home: Path) -> dict:
    """The simulated host as saved, by names (Ids are new in every lab): what a person would look at."""
    saved = json.loads(next((home / "data" / "sim").glob("*.json")).read_text(encoding="utf-8"))

    def describe(host: dict) -> dict:
        vms = {}
        for vm in host.get("vms", []):
            guest = vm.get("guest") or {}
            inside = guest.get("host")
            vms[vm["name"]] = {
                "state": vm.get("state"),
                "memory": vm.get("memory_startup"),
                "dynamic": vm.get("dynamic_memory"),
                "processors": vm.get("processor_count"),
                "nested": vm.get("expose_virtualization_extensions"),
                "guest": describe(inside) if inside else None,
                "installed": guest.get("installed"),
            }
        return {
            "vms": vms,
            "switches": sorted(s.get("name") for s in host.get("switches", [])),
            "nats": sorted(n.get("name") for n in host.get("nats", [])),
            "hypervisor": (host.get("state") or {}).get("hypervisor_running"),
            "features": (host.get("state") or {}).get("features"),
        }

    return describe(saved["host"])


def _lab(home: Path) -> Path:
    plan = home / "lab.toml"
    done = _nestwiz(home, "lab", "new", "--demo", "--speed", SPEED, "-o", str(plan))
    assert done.returncode == 0, done.stderr
    return plan


def _run(home: Path, plan: Path) -> dict:
    done = _nestwiz(home, "lab", "run", str(plan), "--speed", SPEED, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("whole")
    plan = _lab(home)
    assert _run(home, plan)["ok"]
    return _state(home)


@pytest.mark.parametrize("lines", KILL_AFTER_LINES)
def test_killed_then_run_again_ends_as_an_uninterrupted_run(tmp_path, uninterrupted, lines):
    plan = _lab(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "gui.main", "lab", "run", str(plan), "--speed", SPEED],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    seen = 0
    while seen < lines and time.monotonic() < deadline:
        if not process.stdout.readline():
            break
        seen += 1
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    again = _run(tmp_path, plan)
    assert again["ok"], again
    assert _state(tmp_path) == uninterrupted
    further = _run(tmp_path, plan)
    assert further["changes"] == [], further["changes"]
    assert {s["status"] for s in further["steps"]} == {"already"}
