"""The simulated Windows/Hyper-V host: NestWiz's demo and training mode, faithful to Hyper-V's rules."""
