"""What a PowerShell call returns: output as plain data, with its error, warning, verbose and progress records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.commands import Runnable
from core.errors import PowerShellError


@dataclass(frozen=True)
class ErrorRecord:
    message: str
    error_id: str = ""
    category: str = ""
    target: str = ""
    exception_type: str = ""

    def for_log(self) -> str:
        parts = [self.message]
        if self.error_id:
            parts.append(f"FullyQualifiedErrorId: {self.error_id}")
        if self.category:
            parts.append(f"CategoryInfo: {self.category}")
        if self.target:
            parts.append(f"Target: {self.target}")
        return " | ".join(parts)


@dataclass(frozen=True)
class ProgressRecord:
    activity: str
    status: str = ""
    percent: int = -1
    activity_id: int = 0


@dataclass(frozen=True)
class Record:
    """One streamed record, as a runner reports it while a call runs."""

    kind: str  # "output" | "error" | "warning" | "verbose" | "information" | "progress"
    value: Any


@dataclass
class Result:
    runnable: Runnable
    output: list[Any] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)
    information: list[str] = field(default_factory=list)
    progress: list[ProgressRecord] = field(default_factory=list)
    failed: bool = False  # the pipeline itself failed (a terminating error)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors

    def add(self, record: Record) -> None:
        kind, value = record.kind, record.value
        if kind == "output":
            self.output.append(value)
        elif kind == "error":
            self.errors.append(value)
        elif kind == "warning":
            self.warnings.append(value)
        elif kind == "verbose":
            self.verbose.append(value)
        elif kind == "information":
            self.information.append(value)
        elif kind == "progress":
            self.progress.append(value)
        else:
            raise ValueError(f"unknown record kind {kind!r}")

    def first(self) -> Any:
        return self.output[0] if self.output else None

    def raise_for_errors(self) -> None:
        if self.ok:
            return
        record = self.errors[0] if self.errors else ErrorRecord("The command failed.")
        raise PowerShellError(
            record.message,
            detail="\n".join(e.for_log() for e in self.errors),
            record=record,
            result=self,
        )
