"""The simulated host's side of enablement: the VM nesting-state read, and Microsoft's script run step for step."""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any

import core.sim.handlers  # noqa: F401  (first: the cmdlet handlers import core.sim.scripts themselves)
from core.commands import Command, Script
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.results import ErrorRecord, Record
from core.sim import engine
from core.sim.engine import RecordSink, Terminating
from core.sim.model import SimVM
from core.sim.scripts import script

if TYPE_CHECKING:
    from core.sim.host import SimHost

FOUR_GB = 4294967296
# Digests of Enable-NestedVm.ps1 the simulated host recognises; tests add the digests of their stand-in files.
STAND_IN_DIGESTS: set[str] = set()


def known_digests() -> frozenset[str]:
    return frozenset(d.sha256 for d in ENABLE_NESTED_VM.digests) | frozenset(STAND_IN_DIGESTS)


def _state_record(vm: SimVM) -> dict[str, Any]:
    return {
        "Name": vm.name,
        "Id": vm.id,
        "State": vm.state,
        "Generation": vm.generation,
        "Version": vm.version,
        "ProcessorCount": vm.processor_count,
        "ExposeVirtualizationExtensions": vm.expose_virtualization_extensions,
        "MemoryStartup": vm.memory_startup,
        "DynamicMemoryEnabled": vm.dynamic_memory,
        "Adapters": [
            {"Name": a.name, "SwitchName": a.switch_name, "MacAddressSpoofing": a.mac_spoofing} for a in vm.adapters
        ],
        "CheckpointCount": len(vm.checkpoints),
    }


@script("Get-VmNestingState.ps1")
async def vm_nesting_state(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    _require_hyperv(host)
    vms = list(host.vms)
    names = runnable.get("Name")
    if names is not None:
        wanted = [names] if isinstance(names, str) else [str(n) for n in names]
        for name in wanted:
            if not host.find_vms(name):
                sink(
                    Record(
                        "error",
                        ErrorRecord(
                            f'Hyper-V was unable to find a virtual machine with name "{name}".',
                            "VmNotFound,Get-VmNestingState.ps1",
                            "ObjectNotFound",
                            name,
                        ),
                    )
                )
        lowered = {n.lower() for n in wanted}
        vms = [vm for vm in vms if vm.name.lower() in lowered]
    await host.clock.sleep(0.5)
    return [_state_record(vm) for vm in vms]


def _require_hyperv(host: SimHost) -> None:
    if not host.state.hyperv_module:  # see core.sim.handlers.system.require_hyperv_module
        raise Terminating(
            ErrorRecord(
                "The term 'Get-VM' is not recognized as the name of a cmdlet, function, script file, or operable "
                "program.",
                "CommandNotFoundException",
                "ObjectNotFound",
                "Get-VM",
            )
        )


def answer_for(recent: list[str], answers: dict[str, str]) -> str | None:
    """What the wrapper's Read-Host answers after the script wrote `recent` (its last two Write-Host lines)."""
    last = recent[-1] if recent else ""
    joined = " ".join(recent[-2:])
    if re.search("accept|Y or N", last, re.IGNORECASE):
        return "Y"
    if re.search("spoofing", joined, re.IGNORECASE):
        return answers["MacSpoofing"]
    if re.search("4 ?GB", joined, re.IGNORECASE):
        return answers["Memory"]
    return None


class _ScriptRun:
    """Enable-NestedVm.ps1 (the 2016-01-05 version) as the wrapper runs it: Write-Host lines, answered Read-Host."""

    def __init__(self, host: SimHost, sink: RecordSink, answers: dict[str, str]) -> None:
        self.host = host
        self.sink = sink
        self.answers = answers
        self.recent = ["", ""]
        self.line = ""
        self.questions = 0

    def write(self, text: str, *, no_newline: bool = False) -> None:
        self.recent = [self.recent[-1], text]
        self.line += text
        if not no_newline:
            self.sink(Record("information", self.line))
            self.line = ""

    def read(self) -> str:
        self.questions += 1
        answer = answer_for(self.recent, self.answers) if self.questions <= 8 else None
        if answer is None:
            raise Terminating(
                ErrorRecord(
                    f'NestWiz has no answer for the question "{self.recent[-1]}"; the script was stopped there.',
                    "EnableNestedVmStopped",
                    "NotSpecified",
                )
            )
        self.write(" " + answer)
        return answer

    async def cmdlet(self, name: str, **params: Any) -> list[Any]:
        """One statement: a cmdlet's terminating error stops only that statement, as in a script without trap."""
        command = Command.of(name, **params)
        self.host.history.append(command)  # what ran on the host, as a transcript would show it
        try:
            return await engine.invoke(self.host, command, [], self.sink, piped=False)
        except Terminating as exc:
            self.sink(Record("error", exc.record))
            return []

    async def run(self, vm_name: str) -> None:
        if not vm_name:
            self.write("No VM name passed")
            return
        found = await self.cmdlet("Get-VM", Name=vm_name)
        vm = found[0] if found else None
        state = vm["State"] if vm else None
        dynamic = vm["DynamicMemoryEnabled"] if vm else None
        adapters = await self.cmdlet("Get-VMNetworkAdapter", VMName=vm_name)
        spoofing_off = any(a["MacAddressSpoofing"] == "Off" for a in adapters)
        memory = await self.cmdlet("Get-VMMemory", VMName=vm_name)
        startup = memory[0]["Startup"] if memory else None
        processor = await self.cmdlet("Get-VMProcessor", VMName=vm_name) if vm else []
        if not vm:
            self.sink(
                Record(
                    "error",
                    ErrorRecord(
                        "Cannot validate argument on parameter 'VM'. The argument is null or empty.",
                        "ParameterArgumentValidationError,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor",
                        "InvalidData",
                    ),
                )
            )
        extensions = processor[0]["ExposeVirtualizationExtensions"] if processor else None

        self.write(f"This script will set the following for {vm_name} in order to enable nesting:")
        prompt = False
        if state == "Saved":
            self.write("\\tSaved state will be removed")
            prompt = True
        if state != "Off":
            self.write(f"Vm State: {state or ''}")
            self.write(f"    {vm_name} will be turned off")
            prompt = True
        if extensions is False:
            self.write("    Virtualization extensions will be enabled")
            prompt = True
        if dynamic is True:
            self.write("    Dynamic memory will be disabled")
            prompt = True
        if spoofing_off:
            self.write("    Optionally enable mac address spoofing")
            prompt = True
        small = startup is None or startup < FOUR_GB
        if small:
            self.write("    Optionally set vm memory to 4GB")
            prompt = True
        if not prompt:
            self.write("    None, vm is already setup for nesting")
            return

        self.write("Input Y to accept or N to cancel:", no_newline=True)
        answer = self.read()
        while not (answer.startswith("Y") or answer.startswith("N")):
            self.write("Invalid Input, Y or N")
            answer = self.read()
        if answer.startswith("N"):
            self.write("Exiting...")
            return

        if state == "Saved":
            await self.cmdlet("Remove-VMSavedState", VMName=vm_name)
        if state != "Off":
            await self.cmdlet("Stop-VM", VMName=vm_name)
        if extensions is False:
            await self.cmdlet("Set-VMProcessor", VMName=vm_name, ExposeVirtualizationExtensions=True)
        if dynamic is True:
            await self.cmdlet("Set-VMMemory", VMName=vm_name, DynamicMemoryEnabled=False)
        if spoofing_off:
            self.write("Mac Address Spoofing isn't enabled (nested guests won't have network).")
            self.write("Would you like to enable MAC address spoofing? (Y/N)", no_newline=True)
            if self.read().lower() == "y":
                await self.cmdlet("Set-VMNetworkAdapter", VMName=vm_name, MacAddressSpoofing="On")
            else:
                self.write("Not enabling Mac address spoofing.")
        if small:
            self.write("VM memory is set less than 4GB, without 4GB or more, you may not be able to start VMs.")
            self.write("Would you like to set Vm memory to 4GB? (Y/N)", no_newline=True)
            if self.read().lower() == "y":
                await self.cmdlet("Set-VMMemory", VMName=vm_name, StartupBytes=FOUR_GB)
            else:
                self.write("Not setting Vm Memory to 4GB.")


def _thrown(message: str) -> Terminating:
    """The wrapper's own `throw '<message>'`: PowerShell makes the message the FullyQualifiedErrorId and the target,
    category OperationStopped (PowerShell/PowerShell src/System.Management.Automation/engine/runtime/Operations/
    MiscOps.cs, ConvertToException)."""
    return Terminating(ErrorRecord(message, message, "OperationStopped", message))


def _refuse(message: str) -> Terminating:
    """A simulation refusal: what Windows writes here was not found in a public record."""
    return Terminating(ErrorRecord(message, "SimulationGap", "NotImplemented"))


@script("Invoke-EnableNestedVm.ps1")
async def invoke_enable_nested_vm(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    params = {k.lower(): v for k, v in runnable.params}
    if not host.state.elevated:
        raise _thrown(
            "Enable-NestedVm.ps1 needs an elevated session: its own elevation starts a new window without the VM name."
        )
    try:
        content = base64.b64decode(str(params["scriptbase64"]), validate=True)
    except (KeyError, binascii.Error):
        # [Convert]::FromBase64String's exception, as the wrapper would surface it, is not modelled.
        raise _refuse(
            "The simulated host does not know Windows' error for this: the script did not arrive as "
            "Base64; it was not run."
        ) from None
    digest = sha256_hex(content)
    expected = str(params.get("expectedsha256", "")).lower()
    if digest != expected:
        raise _thrown(f"The script arrived with SHA-256 {digest}, not the verified {expected}; it was not run.")
    if digest not in known_digests():
        raise _refuse(
            f"The simulated host runs only the pinned Enable-NestedVm.ps1; this script (SHA-256 {digest}) is "
            "another text, so it was not run."
        )
    answers = {"MacSpoofing": str(params.get("macspoofinganswer", "N")), "Memory": str(params.get("memoryanswer", "N"))}
    run = _ScriptRun(host, sink, answers)
    try:
        await run.run(str(params.get("vmname", "")))
    except Terminating as exc:
        sink(Record("error", exc.record))
    if run.line:
        sink(Record("information", run.line))
    return []
