"""Simulated PowerShell Direct: Invoke-Command -VMName runs NestWiz's dispatcher on the guest's own host."""

from __future__ import annotations

from typing import Any

from core.commands import Credential
from core.results import Record
from core.sim.engine import Call, cmdlet
from core.sim.model import SimGuest, SimVM

SESSION_SECONDS = 2.0  # opening a PowerShell Direct session over VMBus takes a moment


def credential_matches(guest: SimGuest, credential: Any, computer_name: str) -> bool:
    """Local accounts answer to 'user', '.\\user' and 'COMPUTER\\user'; passwords are case-sensitive."""
    if not isinstance(credential, Credential):
        return False
    domain, _, user = credential.user.rpartition("\\")
    if domain and domain not in (".", computer_name) and domain.lower() != computer_name.lower():
        return False
    return user.lower() == guest.user.lower() and credential.password == guest.password


def _guest_for(call: Call, name: str) -> tuple[SimVM, SimGuest] | None:
    host = call.host
    matches = host.find_vms(name)
    if len(matches) != 1:
        call.error("The input VMName parameter does not resolve to any virtual machine.", "InvalidVMNameNotSingle",
                   "InvalidArgument")
        return None
    vm = matches[0]
    if vm.state != "Running":
        call.error(f"The virtual machine {vm.name} is not in running state.", "InvalidVMState", "InvalidArgument")
        return None
    guest = vm.guest
    if guest is None or not guest.installed or not host.vm_ready(vm):
        call.error("An error has occurred which Windows PowerShell cannot handle. A remote session might have ended.",
                   "CreateRemoteRunspaceForVMFailed", "InvalidOperation")
        return None
    if not credential_matches(guest, call.get("Credential"), guest.host.state.os.computer_name):
        call.error("The credential is invalid.", "CreateRemoteRunspaceForVMFailed", "InvalidArgument")
        return None
    return vm, guest


@cmdlet("Invoke-Command", "VMName Credential ScriptBlock ArgumentList")
async def invoke_command(call: Call) -> list[Any]:
    from core.runners.direct import dispatcher, runnable_from

    if not call.has("VMName"):
        raise call.fail("The simulated host runs Invoke-Command only with -VMName (PowerShell Direct).",
                        "SimulationGap", "NotImplemented")
    block = call.get("ScriptBlock")
    if block != dispatcher():
        raise call.fail("The simulated host runs only NestWiz's PowerShell Direct dispatcher script block.",
                        "SimulationGap", "NotImplemented")
    arguments: tuple[Any, ...] = call.get("ArgumentList") or ()
    if len(arguments) != 1:
        raise call.fail("The dispatcher takes exactly one argument, the request.", "SimulationGap", "InvalidArgument")
    out: list[Any] = []
    for name in call.names("VMName"):
        found = _guest_for(call, name)
        if found is None:
            continue
        vm, guest = found
        await call.host.clock.sleep(SESSION_SECONDS)
        inner = runnable_from(arguments[0])

        def forward(record: Record) -> None:
            if record.kind != "output":
                call.sink(record)

        result = await guest.host.execute(inner, forward)
        out.extend({**v, "PSComputerName": vm.name} if isinstance(v, dict) else v for v in result.output)
    return out
