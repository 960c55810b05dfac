"""The simulated Windows/Hyper-V host: NestWiz's demo and training mode, faithful to Hyper-V's rules."""

from __future__ import annotations

from typing import Any

# Here, not in core.sim.host, so the wizard can name them before the window shows without importing the simulator.
DEFAULT_PROFILE = "intel-laptop-win11-pro"
DEMO_SPEED = 30.0


def profile_names() -> list[str]:
    """The host profiles a user can pick (not the guest-only ones)."""
    from core.sim.host import profile_names as names  # on use: the simulator is not needed for the first window

    return names()


def load_profile(name: str) -> dict[str, Any]:
    """A profile's table: its title, description and per-language [fr] tables, among others."""
    from core.sim.host import load_profile as load

    return load(name)
