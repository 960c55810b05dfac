"""Walk the whole wizard on the simulated host and print: the longest Qt-thread freeze, PowerShell round trips
per wizard phase, and the time per phase.

    .venv/bin/python bench/bench_flow.py [--profile NAME] [--speed N] [--runs N]

The freeze is the largest gap between ticks of a 10 ms QTimer while the flow runs (target: <= 50 ms). The
baseline, in the same run: a bare QWizard of as many pages (packaging/bare_wizard.py), walked by the same tour with
the same timer; its longest gap is what Qt itself costs to show a page on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NESTWIZ_HOME", tempfile.mkdtemp(prefix="nestwiz-bench-"))  # never resume a user's run
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from core.session import Session
from gui.gc_thread import MainThreadCollector, freeze_startup
from gui.tour import page_slug, walk
from gui.wizard import NestWizard

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
from bare_wizard import bare_wizard


async def walk_once(profile: str, speed: float) -> tuple[float, Counter[str], dict[str, float], int]:
    session = Session(sim_speed=speed)
    session.target.profile = profile
    wizard = NestWizard(session)
    wizard.show()
    MainThreadCollector(wizard)  # garbage collection as the program does it (gui/app.py)
    freeze_startup()
    gaps: list[float] = []
    where: list[str] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        where.append(page_slug(len(marks) - 1, wizard.currentPage()))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    marks: list[tuple[str, float, int]] = [(page_slug(0, wizard.currentPage()), time.perf_counter(), 0)]

    def page_changed(_id: int) -> None:
        marks.append((page_slug(len(marks), wizard.currentPage()), time.perf_counter(), len(session.events)))

    wizard.currentIdChanged.connect(page_changed)
    try:
        outcome = await walk(wizard, None)
        if outcome.code:
            raise SystemExit(f"the walk stopped: {outcome.reason}")
    finally:
        timer.stop()
        wizard.currentIdChanged.disconnect(page_changed)
        marks.append(("end", time.perf_counter(), len(session.events)))
        for page in wizard.async_pages():
            page.cancel_tasks()
        await asyncio.sleep(0.05)
        wizard.close()
        await session.close()
    trips: Counter[str] = Counter()
    seconds: dict[str, float] = defaultdict(float)
    for (phase, started, before), (_, ended, after) in itertools.pairwise(marks):
        trips[phase] += after - before
        seconds[phase] += ended - started
    worst = max(range(1, len(gaps)), key=gaps.__getitem__, default=0)
    print(f"  longest freeze {gaps[worst] * 1000:.1f} ms, on {where[worst] if where else '?'}")
    return max(gaps[1:] or [0.0]), trips, seconds, len(marks) - 1


async def walk_bare(pages: int) -> float:
    """The longest Qt-thread gap while the tour walks a bare QWizard of `pages` pages."""
    wizard = bare_wizard(pages)
    wizard.show()
    await asyncio.sleep(0.2)  # the first paint is start-up, not a freeze
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
    try:
        outcome = await walk(wizard, None)
        if outcome.code:
            raise SystemExit(f"the bare walk stopped: {outcome.reason}")
        await asyncio.sleep(0.05)
    finally:
        timer.stop()
        wizard.close()
    return max(gaps[1:] or [0.0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="intel-laptop-win11-pro")
    parser.add_argument("--speed", type=float, default=30.0, help="simulated seconds per real second (demo: 30)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    freezes, bare = [], []
    with loop:
        for run in range(args.runs):
            # Each run from scratch: the simulated host and the journal live in the NestWiz home and remember.
            os.environ["NESTWIZ_HOME"] = tempfile.mkdtemp(prefix="nestwiz-bench-")
            freeze, trips, seconds, pages = loop.run_until_complete(walk_once(args.profile, args.speed))
            freezes.append(freeze)
            bare.append(loop.run_until_complete(walk_bare(pages)))
            print(
                f"run {run + 1}: {pages} pages, longest Qt freeze {freeze * 1000:.1f} ms "
                f"(bare QWizard walked the same way: {bare[-1] * 1000:.1f} ms)"
            )
    print(f"\nprofile {args.profile}, speed {args.speed:g}x, {args.runs} runs")
    print(
        f"longest Qt-thread freeze: max {max(freezes) * 1000:.1f} ms, median {statistics.median(freezes) * 1000:.1f}"
        f" ms (target <= 50 ms) {'PASS' if max(freezes) <= 0.050 else 'MISS'}; bare QWizard: max "
        f"{max(bare) * 1000:.1f} ms, median {statistics.median(bare) * 1000:.1f} ms"
    )
    print("PowerShell round trips and time per wizard phase (last run):")
    for phase in sorted(set(trips) | set(seconds)):
        print(f"  {phase:<22} {trips[phase]:>3} round trips  {seconds[phase]:7.2f} s")
    print(f"  {'total':<22} {sum(trips.values()):>3} round trips")
    return 0


if __name__ == "__main__":
    sys.exit(main())
