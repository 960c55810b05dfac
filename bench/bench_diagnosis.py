"""Runner round trips per host diagnosis (target: 1) and the diagnosis time on the simulated host, per profile.

    .venv/bin/python bench/bench_diagnosis.py [--runs N] [--speed N] [--profile NAME ...]

Time is wall-clock per diagnosis: the probe on the simulated host (its 1 s of simulated work scaled by --speed),
parsing the facts and every check. --speed 30 is the demo's pace, the default is the tests' pace.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.clock import ScaledClock
from core.host.diagnose import diagnose, diagnose_output
from core.runners.simulated import SimulatedRunner
from core.sim.host import SimHost, profile_names


async def bench_profile(name: str, runs: int, speed: float) -> tuple[set[int], list[float], str, list[float]]:
    runner = SimulatedRunner(SimHost.from_profile(name, clock=ScaledClock(speed)))
    trips: set[int] = set()
    times: list[float] = []
    parse_times: list[float] = []
    verdict = ""
    for _ in range(runs):
        started = time.perf_counter()
        d = await diagnose(runner)
        times.append(time.perf_counter() - started)
        trips.add(d.round_trips)
        verdict = str(d.verdict)
        started = time.perf_counter()
        diagnose_output(d.facts.raw)
        parse_times.append(time.perf_counter() - started)
    return trips, times, verdict, parse_times


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--speed", type=float, default=100_000.0)
    parser.add_argument("--profile", action="append")
    args = parser.parse_args()
    names = args.profile or profile_names()
    print(f"{'profile':32} {'verdict':11} {'trips':>5} {'median ms':>10} {'max ms':>8} {'parse+checks ms':>16}")
    worst = 0
    for name in names:
        trips, times, verdict, parse = await bench_profile(name, args.runs, args.speed)
        worst = max(worst, *trips)
        print(
            f"{name:32} {verdict:11} {'/'.join(map(str, sorted(trips))):>5} "
            f"{statistics.median(times) * 1000:10.2f} {max(times) * 1000:8.2f} "
            f"{statistics.median(parse) * 1000:16.3f}"
        )
    print(f"round trips per diagnosis: {worst} (target 1); {args.runs} runs per profile at speed {args.speed:g}")
    return 0 if worst == 1 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
