"""One place builds runners from a target: the simulated host or this computer (the composition root)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.sim import DEFAULT_PROFILE as DEFAULT_PROFILE
from core.sim import DEMO_SPEED as DEMO_SPEED

if TYPE_CHECKING:  # the simulator and the runners are imported when a target is built, not with this module
    from core.runners.base import Runner
    from core.sim.host import SimHost


def simulated_runner(profile: str, speed: float) -> tuple[Runner, SimHost]:
    """A runner answered by the simulated host of `profile`, its clock `speed` times real time, and that host.

    Raises ValueError when there is no such profile (the message names the known ones)."""
    from core.clock import ScaledClock
    from core.runners.simulated import SimulatedRunner
    from core.sim.host import SimHost

    host = SimHost.from_profile(profile, clock=ScaledClock(speed))
    return SimulatedRunner(host), host


def local_runner() -> Runner:
    """A runner for this computer's Windows PowerShell."""
    from core.runners.local import LocalRunner

    return LocalRunner()
