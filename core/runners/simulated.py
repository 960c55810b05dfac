"""The simulated runner: PowerShell answered by the simulated Windows/Hyper-V host."""

from __future__ import annotations

from core.commands import Runnable
from core.results import Result
from core.runners.base import RecordSink, Runner
from core.sim.host import SimHost
from core.sim.model import SID_ADMINISTRATORS


class SimulatedRunner(Runner):
    kind = "simulated"

    def __init__(self, host: SimHost) -> None:
        super().__init__(host.reference)
        self.host = host
        self.clock = host.clock
        self.label = f"Simulated host ({host.title})"

    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:
        return await self.host.execute(runnable, on_record)

    def elevate_in_place(self) -> bool:
        """The simulated host's UAC: the user consents, and NestWiz now runs elevated."""
        state = self.host.state
        state.elevated = True
        if SID_ADMINISTRATORS not in state.group_sids:
            state.group_sids.append(SID_ADMINISTRATORS)
        return True
