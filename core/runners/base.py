"""The Runner protocol: validate, run with a timeout, stream records, count round trips, raise typed errors."""

from __future__ import annotations

import abc
import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.clock import Clock
from core.commands import Runnable, render
from core.errors import TimedOut
from core.reference import Reference
from core.results import Record, Result

RecordSink = Callable[[Record], None]
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True)
class CallEvent:
    """One finished round trip, for logs, the log view and benchmarks."""

    runner: str
    text: str
    seconds: float
    ok: bool
    error: str = ""


class Runner(abc.ABC):
    """Runs commands on one target. Subclasses implement `_run`; everything else is shared."""

    label: str = "runner"
    kind: str = "abstract"

    def __init__(self, reference: Reference | None = None) -> None:
        self.reference = reference or Reference.default()
        self.round_trips = 0
        self.listeners: list[Callable[[CallEvent], None]] = []
        self.clock: Clock = Clock()

    async def run(
        self,
        runnable: Runnable,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        check: bool = True,
        on_record: RecordSink | None = None,
    ) -> Result:
        """Run one command, pipeline or fixed script; raise PowerShellError on any error record if `check`."""
        self.reference.check_runnable(runnable)
        started = time.perf_counter()
        error = ""
        try:
            async with asyncio.timeout(timeout):
                result = await self._run(runnable, on_record)
            if not result.ok:
                error = (result.errors[0].message if result.errors else "failed")[:200]
        except TimeoutError:
            error = f"no answer within {timeout:g} s"
            raise TimedOut(
                f"{self.label} did not finish '{_short(runnable)}' within {timeout:g} seconds.",
                detail=render(runnable),
            ) from None
        except BaseException as exc:
            error = type(exc).__name__
            raise
        finally:
            self.round_trips += 1
            self._emit(CallEvent(self.label, render(runnable), time.perf_counter() - started, not error, error))
        if check:
            result.raise_for_errors()
        return result

    def _emit(self, event: CallEvent) -> None:
        for listener in list(self.listeners):
            listener(event)

    @abc.abstractmethod
    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result: ...

    def elevate_in_place(self) -> bool:
        """Run elevated from now on without starting NestWiz again, where the target can; True when done.

        Only the simulated host can (its UAC consent); this computer needs a new, elevated NestWiz and a remote host
        another account."""
        return False

    async def close(self) -> None:  # noqa: B027 (optional hook: most runners hold nothing)
        """Release sessions and processes. Safe to call twice."""


def _short(runnable: Runnable) -> str:
    return runnable.name
