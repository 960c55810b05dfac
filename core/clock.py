"""Time as a target sees it: real time on Windows, scaled simulated time on the simulated host."""

from __future__ import annotations

import asyncio
import time


class Clock:
    """Real time. Waits and timeouts in core are expressed in the target's seconds through a clock."""

    speed = 1.0

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))

    def real_seconds(self, seconds: float) -> float:
        """How long `seconds` of target time take in real time."""
        return seconds / self.speed


class ScaledClock(Clock):
    """Simulated time running `speed` times faster than real time (a demo: ~30x, a test: ~100000x)."""

    def __init__(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._origin = time.monotonic()
        self._offset = 0.0

    def now(self) -> float:
        return (time.monotonic() - self._origin) * self.speed + self._offset

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)

    def advance(self, seconds: float) -> None:
        """Jump ahead, as if `seconds` of simulated time had passed."""
        self._offset += seconds

    def move_to(self, now: float) -> None:
        """Carry on from simulated time `now` (a simulated host reloaded at the time it was saved)."""
        self._offset += now - self.now()
