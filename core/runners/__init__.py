"""Runners: one protocol to run PowerShell commands locally, remotely, in a guest, or on the simulated host."""

from core.runners.base import CallEvent, Runner

__all__ = ["CallEvent", "Runner"]
