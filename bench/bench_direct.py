"""PowerShell Direct over the default lab chain on the simulated host: sessions opened and the simulated seconds spent
opening them, one session per guest boot (what NestWiz does) against one session per call (what it did before).

    .venv/bin/python bench/bench_direct.py [--profile NAME]

Both runs walk the same chain (`nestwiz lab run --demo --demo-reset`) from a fresh simulated host; the per-call run
closes the session after every call, as Invoke-Command -VMName did. The simulated host charges
core.sim.handlers.direct.SESSION_SECONDS per session; on a real host each one costs seconds too (the Hyper-V socket,
the guest's logon). Target: at most 12 sessions over the default chain, about one per guest boot.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.runners import direct

TARGET_SESSIONS = 12


@contextmanager
def measured(per_call: bool) -> Iterator[dict[str, Any]]:
    """Count the sessions every PowerShellDirectRunner opens and the target seconds each opening takes."""
    figures: dict[str, Any] = {"sessions": 0, "attempts": 0, "open_seconds": 0.0, "calls": 0}
    runner_class = direct.PowerShellDirectRunner
    original_open, original_run = runner_class.open, runner_class._run

    async def open_(self: direct.PowerShellDirectRunner) -> str:
        if self.session is not None:
            return self.session
        started = self.inner.clock.now()
        try:
            name = await original_open(self)
            figures["sessions"] += 1
            return name
        finally:
            figures["attempts"] += 1  # a guest still booting refuses some; each costs time too
            figures["open_seconds"] += self.inner.clock.now() - started

    async def run_(self: direct.PowerShellDirectRunner, runnable: Any, on_record: Any) -> Any:
        figures["calls"] += 1
        try:
            return await original_run(self, runnable, on_record)
        finally:
            if per_call:
                await self.close()

    runner_class.open, runner_class._run = open_, run_  # type: ignore[method-assign]
    try:
        yield figures
    finally:
        runner_class.open, runner_class._run = original_open, original_run  # type: ignore[method-assign]


def chain_once(profile: str | None, per_call: bool) -> dict[str, Any]:
    from core.lab import cli

    home = tempfile.mkdtemp(prefix="nestwiz-bench-direct-")
    os.environ["NESTWIZ_HOME"] = home
    plan = str(Path(home) / "lab.toml")
    demo = ["--demo", profile] if profile else ["--demo"]
    sink = io.StringIO()
    if cli.main(["new", *demo, "--demo-reset", "-o", plan], out=sink, err=sink) != 0:
        raise SystemExit(f"nestwiz lab new failed: {sink.getvalue()}")
    out = io.StringIO()
    with measured(per_call) as figures:
        code = cli.main(["run", plan, *demo, "--demo-reset", "--json"], out=out, err=sink)
    report = json.loads(out.getvalue())
    if code != 0 or not report["ok"]:
        raise SystemExit(f"the chain did not reach the end: {report.get('message')}")
    return figures | {"reported": report["direct_sessions"], "round_trips": report["round_trips"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default=None, help="simulated host profile (default: the demo's)")
    args = parser.parse_args()
    before = chain_once(args.profile, per_call=True)
    after = chain_once(args.profile, per_call=False)
    print("PowerShell Direct over the default lab chain (simulated host)")
    print(f"  {'':30} {'calls':>6} {'sessions':>9} {'attempts':>9} {'seconds opening':>16} {'round trips':>12}")
    for label, f in (("one session per call (before)", before), ("one session per boot (now)", after)):
        print(
            f"  {label:30} {f['calls']:6d} {f['sessions']:9d} {f['attempts']:9d} {f['open_seconds']:16.1f} "
            f"{f['round_trips']:12d}"
        )
    ratio = after["open_seconds"] / before["open_seconds"] if before["open_seconds"] else 0.0
    print(
        f"  sessions now / before: {after['sessions']}/{before['sessions']}; "
        f"simulated seconds opening now / before: {ratio:.2f}"
    )
    print(
        f"  lab run --json direct_sessions: {after['reported']} (target <= {TARGET_SESSIONS}: "
        f"{'met' if after['sessions'] <= TARGET_SESSIONS else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
