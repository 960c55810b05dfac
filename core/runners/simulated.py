"""The simulated runner: PowerShell answered by the simulated Windows/Hyper-V host."""

from __future__ import annotations

from core.commands import Runnable
from core.results import Result
from core.runners.base import RecordSink, Runner
from core.sim.host import SimHost


class SimulatedRunner(Runner):
    kind = "simulated"

    def __init__(self, host: SimHost) -> None:
        super().__init__(host.reference)
        self.host = host
        self.clock = host.clock
        self.label = f"Simulated host ({host.title})"

    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:
        return await self.host.execute(runnable, on_record)
