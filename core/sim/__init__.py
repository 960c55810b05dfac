"""The simulated Windows/Hyper-V host: NestWiz's demo and training mode, faithful to Hyper-V's rules."""

# Here, not in core.sim.host, so the wizard can name them before the window shows without importing the simulator.
DEFAULT_PROFILE = "intel-laptop-win11-pro"
DEMO_SPEED = 30.0
