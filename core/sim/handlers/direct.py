"""Simulated PowerShell Direct: New-PSSession -VMId/-VMName opens a session per guest boot, the fixed script
Invoke-InDirectSession.ps1 runs NestWiz's dispatcher in it, Remove-PSSession closes it; Invoke-Command -VMName (one
session per call) as the exported script uses it.

Every error below is one Windows PowerShell writes, from PowerShell/PowerShell (whose remoting code 5.1 shares):
- resolving the VM: src/System.Management.Automation/engine/remoting/commands/newrunspacecommand.cs
  CreateRunspacesWhenVMParameterSpecified, and PSRemotingCmdlet.cs for Invoke-Command; the messages are
  InvalidVMNameNotSingle, InvalidVMIdNotSingle and InvalidVMState in resources/RemotingErrorIdStrings.resx.
- opening: newrunspacecommand.cs HandleRunspaceStateChanged writes PSSessionOpenFailed (OpenError), with the
  PSDirectException itself when the guest refuses the credential (RemoteSessionHyperVSocket.cs, InvalidCredential);
  a guest that is not ready yet answers "An error has occurred which Windows PowerShell cannot handle. A remote
  session might have ended." (PSRemotingDataStructureException, as public output shows:
  https://github.com/PowerShell/PowerShell/issues/1365).
- Invoke-Command on a session that is not Opened: InvokeCommandCommandInvalidSessionState
  (engine/remoting/commands/InvokeCommandCommand.cs, ICMInvalidSessionState); one that breaks during the call:
  PSSessionStateBroken (engine/remoting/client/Job.cs ProcessJobFailure) from the PSRemotingTransportException of
  engine/remoting/fanin/OutOfProcTransportManager.cs (IPCServerProcessReportedError, HyperVSocketTransportProcessEnded).
- Invoke-Command -VMName opens its runspace asynchronously, so a guest that is not ready or refuses the credential
  ends the call with PSSessionStateBroken (Job.cs), not CreateRemoteRunspaceForVMFailed, which only the runspace
  constructor raises (PSRemotingCmdlet.cs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.commands import Credential, Script
from core.results import ErrorRecord, Record
from core.sim.engine import Call, RecordSink, Terminating, cmdlet
from core.sim.model import SimGuest, SimVM
from core.sim.scripts import script

if TYPE_CHECKING:
    from core.sim.host import SimHost

SESSION_SECONDS = 2.0  # simulated seconds to open a PowerShell Direct session over VMBus (the socket, the logon)
NOT_READY = "An error has occurred which Windows PowerShell cannot handle. A remote session might have ended."
SOCKET_ENDED = (
    'The background process reported an error with the following message: "The Hyper-V socket target '
    'process has ended.".'
)
INVOKE_SUFFIX = "Microsoft.PowerShell.Commands.InvokeCommandCommand"
SESSION_SCRIPT = "Invoke-InDirectSession.ps1"


@dataclass
class SimSession:
    """A PSSession the host's PowerShell process holds: Opened while the guest runs the boot it was opened in."""

    id: int
    name: str
    vm_id: str
    boot: int  # the guest's boot count when the session opened; a restart breaks the session

    def vm(self, host: SimHost) -> SimVM | None:
        return next((vm for vm in host.vms if vm.id == self.vm_id), None)

    def state(self, host: SimHost) -> str:
        vm = self.vm(host)
        if vm is None or vm.state != "Running" or vm.guest is None or vm.guest.host.boots != self.boot:
            return "Broken"
        return "Opened"


def credential_matches(guest: SimGuest, credential: Any, computer_name: str) -> bool:
    """Local accounts answer to 'user', '.\\user' and 'COMPUTER\\user'; passwords are case-sensitive."""
    if not isinstance(credential, Credential):
        return False
    domain, _, user = credential.user.rpartition("\\")
    if domain and domain not in (".", computer_name) and domain.lower() != computer_name.lower():
        return False
    return user.lower() == guest.user.lower() and credential.password == guest.password


def _resolve(call: Call) -> list[tuple[str, SimVM | None]]:
    """The VMs -VMId or -VMName name, each with its problem written as Windows writes it (None then)."""
    host = call.host
    found: list[tuple[str, SimVM | None]] = []
    targets = [("VMId", v) for v in call.names("VMId")] or [("VMName", v) for v in call.names("VMName")]
    for kind, value in targets:
        matches = (
            [vm for vm in host.vms if vm.id.lower() == str(value).lower()]
            if kind == "VMId"
            else host.find_vms(str(value))
        )
        if len(matches) != 1:
            call.error(
                f"The input {kind} {value} does not resolve to a single virtual machine.",
                f"Invalid{kind}NotSingle",
                "InvalidArgument",
                exception="System.ArgumentException",
            )
            found.append((str(value), None))
            continue
        vm = matches[0]
        if vm.state != "Running":
            call.error(
                f"The virtual machine {vm.name} is not in running state.",
                "InvalidVMState",
                "InvalidArgument",
                exception="System.ArgumentException",
            )
            found.append((vm.name, None))
            continue
        found.append((vm.name, vm))
    return found


def _logon_problem(host: SimHost, vm: SimVM, credential: Any) -> str | None:
    """Why the guest does not take a session: "not-ready" (no OS yet, booting), "credential", or None."""
    guest = vm.guest
    if guest is None or not guest.installed or not host.vm_ready(vm):
        return "not-ready"
    if not credential_matches(guest, credential, guest.host.state.os.computer_name):
        return "credential"
    return None


@cmdlet("New-PSSession", "VMName VMId Credential Name")
async def new_pssession(call: Call) -> list[Any]:
    host, out = call.host, []
    names = call.names("Name")
    for index, (label, vm) in enumerate(_resolve(call)):
        if vm is None:
            continue
        await host.clock.sleep(SESSION_SECONDS)
        problem = _logon_problem(host, vm, call.get("Credential"))
        if problem == "credential":
            call.error(
                "The credential is invalid.",
                "PSSessionOpenFailed",
                "OpenError",
                exception="System.Management.Automation.Remoting.PSDirectException",
            )
            continue
        if problem is not None:
            call.error(
                f"[{label}] {NOT_READY}",
                "PSSessionOpenFailed",
                "OpenError",
                exception="System.Management.Automation.Remoting.PSRemotingDataStructureException",
            )
            continue
        assert vm.guest is not None
        host.session_count += 1
        name = names[index] if index < len(names) else f"WinRM{host.session_count}"
        session = SimSession(host.session_count, name, vm.id, vm.guest.host.boots)
        host.sessions[name.lower()] = session
        out.append(
            {
                "Id": session.id,
                "Name": name,
                "ComputerName": vm.name,
                "ComputerType": "VirtualMachine",
                "State": "Opened",
                "ConfigurationName": "",
                "Availability": "Available",
                "VMId": vm.id,
            }
        )
    return out


@cmdlet("Remove-PSSession", "Name")
def remove_pssession(call: Call) -> list[Any]:
    for name in call.names("Name"):
        if call.host.sessions.pop(name.lower(), None) is None:
            # PSRemotingCmdlet.cs GetMatchingRunspacesByName: a name without wildcards that matches nothing.
            call.error(
                f"The remote session with the name {name}  is not available.",
                "RemoteRunspaceNotAvailableForSpecifiedName",
                "InvalidArgument",
                name,
                exception="System.ArgumentException",
            )
    return []


async def _run_in_guest(host: SimHost, vm: SimVM, request: Any, sink: Callable[[Record], None]) -> list[Any]:
    from core.runners.direct import runnable_from

    assert vm.guest is not None
    inner = runnable_from(request)

    def forward(record: Record) -> None:
        if record.kind != "output":
            sink(record)

    result = await vm.guest.host.execute(inner, forward)
    return [{**v, "PSComputerName": vm.name} if isinstance(v, dict) else v for v in result.output]


def _check_dispatcher(text: Any, fail: Callable[[str], Terminating]) -> None:
    from core.runners.direct import dispatcher

    if text != dispatcher().text:
        raise fail("The simulated host runs only NestWiz's PowerShell Direct dispatcher script block.")


@script(SESSION_SCRIPT)
async def invoke_in_direct_session(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    """As resources/scripts/Invoke-InDirectSession.ps1: the session by name, then Invoke-Command -Session."""

    def gap(message: str) -> Terminating:
        return Terminating(ErrorRecord(message, "SimulationGap", "NotImplemented"))

    _check_dispatcher(runnable.get("Dispatcher"), gap)
    name = str(runnable.get("SessionName"))
    session = host.sessions.get(name.lower())
    if session is None:
        sink(
            Record(
                "error",
                ErrorRecord(
                    "NestWiz has no PowerShell Direct session by that name in this PowerShell process.",
                    f"NestWizDirectSessionMissing,{SESSION_SCRIPT}",
                    "ResourceUnavailable",
                    exception_type="Microsoft.PowerShell.Commands.WriteErrorException",
                ),
            )
        )
        return []
    vm = session.vm(host)
    if session.state(host) != "Opened" or vm is None:
        sink(
            Record(
                "error",
                ErrorRecord(
                    f"Because the session state for session {session.name}, {session.vm_id}, "
                    f"{vm.name if vm else ''} is not equal to Open, you cannot run a command in the session.  "
                    "The session state is Broken.",
                    f"InvokeCommandCommandInvalidSessionState,{INVOKE_SUFFIX}",
                    "InvalidOperation",
                    session.name,
                    exception_type="System.Management.Automation.Runspaces.InvalidRunspaceStateException",
                ),
            )
        )
        return []
    out = await _run_in_guest(host, vm, runnable.get("Request"), sink)
    if session.state(host) != "Opened":
        # The guest restarted (Restart-Computer) or stopped while the call ran: the Hyper-V socket closed.
        sink(
            Record(
                "error",
                ErrorRecord(
                    f"[{vm.name}] {SOCKET_ENDED}",
                    "PSSessionStateBroken",
                    "OpenError",
                    vm.name,
                    exception_type="System.Management.Automation.Remoting.PSRemotingTransportException",
                ),
            )
        )
    return out


@cmdlet("Invoke-Command", "VMName Credential ScriptBlock ArgumentList")
async def invoke_command(call: Call) -> list[Any]:
    if not call.has("VMName"):
        raise call.fail(
            "The simulated host runs Invoke-Command only with -VMName (PowerShell Direct).",
            "SimulationGap",
            "NotImplemented",
        )
    _check_dispatcher(
        getattr(call.get("ScriptBlock"), "text", None),
        lambda message: call.fail(message, "SimulationGap", "NotImplemented"),
    )
    arguments: tuple[Any, ...] = call.get("ArgumentList") or ()
    if len(arguments) != 1:
        raise call.fail("The dispatcher takes exactly one argument, the request.", "SimulationGap", "InvalidArgument")
    out: list[Any] = []
    for label, vm in _resolve(call):
        if vm is None:
            continue
        await call.host.clock.sleep(SESSION_SECONDS)
        if _logon_problem(call.host, vm, call.get("Credential")) is not None:
            call.write(
                ErrorRecord(
                    f"[{label}] {NOT_READY}",
                    "PSSessionStateBroken",
                    "OpenError",
                    label,
                    exception_type="System.Management.Automation.Remoting.PSRemotingDataStructureException",
                )
            )
            continue
        out.extend(await _run_in_guest(call.host, vm, arguments[0], call.sink))
    return out
