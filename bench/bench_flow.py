"""Walk the whole wizard on the simulated host and print: the longest Qt-thread freeze, PowerShell round trips
per wizard phase, and the time per phase.

    .venv/bin/python bench/bench_flow.py [--profile NAME] [--speed N] [--runs N]

The freeze is the largest gap between ticks of a 10 ms QTimer while the flow runs (target: <= 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from core.session import Session
from gui.tour import page_slug, settle
from gui.wizard import NestWizard


async def walk_once(profile: str, speed: float) -> tuple[float, Counter[str], dict[str, float], int]:
    session = Session(sim_speed=speed)
    session.target.profile = profile
    wizard = NestWizard(session)
    wizard.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    trips: Counter[str] = Counter()
    seconds: dict[str, float] = defaultdict(float)
    index = 0
    try:
        while True:
            page = wizard.currentPage()
            phase = page_slug(index, page)
            started = time.perf_counter()
            before = len(session.events)
            await settle(page)
            seconds[phase] += time.perf_counter() - started
            trips[phase] += len(session.events) - before
            if wizard.currentId() == max(wizard.pageIds()) or not page.isComplete():
                break
            before = len(session.events)
            wizard.next()
            await asyncio.sleep(0)
            index += 1
            trips[page_slug(index, wizard.currentPage())] += len(session.events) - before
    finally:
        timer.stop()
        wizard.close()
        await session.close()
    return max(gaps[1:] or [0.0]), trips, seconds, index + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="intel-laptop-win11-pro")
    parser.add_argument("--speed", type=float, default=30.0, help="simulated seconds per real second (demo: 30)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    freezes = []
    with loop:
        for run in range(args.runs):
            freeze, trips, seconds, pages = loop.run_until_complete(walk_once(args.profile, args.speed))
            freezes.append(freeze)
            print(f"run {run + 1}: {pages} pages, longest Qt freeze {freeze * 1000:.1f} ms")
    print(f"\nprofile {args.profile}, speed {args.speed:g}x, {args.runs} runs")
    print(f"longest Qt-thread freeze: max {max(freezes) * 1000:.1f} ms, median {statistics.median(freezes) * 1000:.1f}"
          f" ms (target <= 50 ms)")
    print("PowerShell round trips and time per wizard phase (last run):")
    for phase in sorted(set(trips) | set(seconds)):
        print(f"  {phase:<22} {trips[phase]:>3} round trips  {seconds[phase]:7.2f} s")
    print(f"  {'total':<22} {sum(trips.values()):>3} round trips")
    return 0


if __name__ == "__main__":
    sys.exit(main())
