"""The simulated cmdlets; importing this package registers them all."""

from core.sim.handlers import direct, nested, process, provision, system, vm

__all__ = ["direct", "nested", "process", "provision", "system", "vm"]
