"""The simulated host's answer to Copy-FileToGuest.ps1: a file copied into a guest over PowerShell Direct."""

from __future__ import annotations

from typing import Any

import core.sim.handlers  # noqa: F401  (first: the cmdlet handlers import core.sim.scripts themselves)
from core.commands import Script
from core.results import ErrorRecord, ProgressRecord, Record
from core.sim.engine import RecordSink, Terminating
from core.sim.handlers.direct import credential_matches
from core.sim.model import MB
from core.sim.scripts import script

SESSION_COPY_BYTES_PER_SECOND = 120 * MB  # Copy-Item -ToSession is slower than Copy-VMFile


@script("Copy-FileToGuest.ps1")
async def copy_file_to_guest(host: Any, runnable: Script, sink: RecordSink) -> list[Any]:
    name, source, destination = (str(runnable.get(k)) for k in ("VMName", "Path", "Destination"))

    def fail(message: str, error_id: str, category: str) -> Terminating:
        return Terminating(ErrorRecord(message, error_id, category))

    matches = host.find_vms(name)
    if len(matches) != 1:
        raise fail(
            "The input VMName parameter does not resolve to any virtual machine.",
            "InvalidVMNameNotSingle,Microsoft.PowerShell.Commands.NewPSSessionCommand",
            "InvalidArgument",
        )
    vm = matches[0]
    guest = vm.guest
    if guest is None or not host.vm_ready(vm):
        raise fail(
            "An error has occurred which Windows PowerShell cannot handle. A remote session might have ended.",
            "CreateRemoteRunspaceForVMFailed,Microsoft.PowerShell.Commands.NewPSSessionCommand",
            "InvalidOperation",
        )
    if not credential_matches(guest, runnable.get("Credential"), guest.host.state.os.computer_name):
        raise fail(
            "The credential is invalid.",
            "CreateRemoteRunspaceForVMFailed,Microsoft.PowerShell.Commands.NewPSSessionCommand",
            "InvalidArgument",
        )
    if not host.has_file(source):
        raise fail(
            f"Cannot find path '{source}' because it does not exist.",
            "PathNotFound,Microsoft.PowerShell.Commands.CopyItemCommand",
            "ObjectNotFound",
        )
    size = host.files[source.lower()]
    for step in range(4):
        sink(Record("progress", ProgressRecord("Copy-Item", f"Copying {source} to {vm.name}", step * 25)))
        await host.clock.sleep(size / SESSION_COPY_BYTES_PER_SECOND / 4)
    guest.host.add_file(destination, size)
    return []
