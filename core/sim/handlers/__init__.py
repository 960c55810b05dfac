"""The simulated cmdlets; importing this package registers them all."""

from core.sim.handlers import system, vm

__all__ = ["system", "vm"]
