"""Typed errors: each carries a sentence for people and the raw detail for the log."""

from __future__ import annotations

from typing import Any


class NestWizError(Exception):
    """Base error. `message` is for people; `detail` (PowerShell record, exception text) is for logs."""

    def __init__(self, message: str, *, detail: str = "", record: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.record = record

    def __str__(self) -> str:
        return self.message


class CommandRejected(NestWizError):
    """A command does not fit Microsoft's documented signatures; it was never sent."""


class PowerShellError(NestWizError):
    """The command ran and PowerShell reported an error record or a failed pipeline."""

    def __init__(self, message: str, *, detail: str = "", record: Any = None, result: Any = None) -> None:
        super().__init__(message, detail=detail, record=record)
        self.result = result

    @property
    def error_id(self) -> str:
        record = self.record
        return str(getattr(record, "error_id", "")) if record is not None else ""


class RunnerError(NestWizError):
    """The runner could not run the command at all (transport, process, session)."""


class AuthenticationFailed(RunnerError):
    pass


class HostUnreachable(RunnerError):
    pass


class CertificateRejected(RunnerError):
    pass


class TimedOut(RunnerError):
    pass


class ConnectionLost(RunnerError):
    pass


class RunnerCrashed(RunnerError):
    pass


class RunnerUnavailable(RunnerError):
    """The runner cannot work here (no powershell.exe, no Hyper-V module)."""
