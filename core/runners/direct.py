"""PowerShell Direct: run a command inside a VM from the machine that hosts it, its values passed as data."""

from __future__ import annotations

from functools import cache
from typing import Any

from core.commands import Command, Credential, Hashtable, Pipeline, Runnable, Script, ScriptBlock
from core.errors import AuthenticationFailed, CommandRejected, ConnectionLost, HostUnreachable, RunnerError
from core.i18n import translate
from core.paths import resource
from core.results import ErrorRecord, Record, Result
from core.runners.base import RecordSink, Runner

DISPATCHER_SCRIPT = "Invoke-DirectRequest.ps1"
# Properties PowerShell remoting adds to every object that comes back from a session.
REMOTING_PROPERTIES = ("PSComputerName", "RunspaceId", "PSShowComputerName")


class GuestNotReady(ConnectionLost):
    """The VM runs but its OS cannot open a PowerShell Direct session yet (booting, rebooting, no OS)."""


@cache
def dispatcher() -> ScriptBlock:
    """The fixed script block every PowerShell Direct call runs; the request travels as its argument."""
    return ScriptBlock(resource("scripts", DISPATCHER_SCRIPT).read_text(encoding="utf-8"))


def script_text(name: str) -> str:
    return resource("scripts", name).read_text(encoding="utf-8")


def request_for(runnable: Runnable) -> Hashtable:
    """The inner command as plain values: a pipeline's stages, or a fixed script's text and parameters."""
    if isinstance(runnable, Script):
        return Hashtable((
            ("Kind", "Script"),
            ("Name", runnable.name),
            ("Text", script_text(runnable.name)),
            ("Parameters", Hashtable(runnable.params)),
        ))
    commands = runnable.commands if isinstance(runnable, Pipeline) else (runnable,)
    for command in commands:
        blocks = [k for k, v in command.params if isinstance(v, ScriptBlock)]
        if blocks:
            # Remoting turns a script block argument into a string, so the guest would get text, not code.
            raise CommandRejected(translate(
                "powershell_direct", "{command} -{parameter} takes a script block, which cannot cross PowerShell "
                "Direct as a value; NestWiz runs only its own dispatcher block in the guest.").format(
                command=command.name, parameter=blocks[0]), detail="ScriptBlockInDirectRequest")
    stages = tuple(Hashtable((("Name", c.name), ("Parameters", Hashtable(c.params)))) for c in commands)
    return Hashtable((("Kind", "Pipeline"), ("Stages", stages)))


def runnable_from(request: Any) -> Runnable:
    """The inverse of `request_for`, as the receiving side (the simulated guest) rebuilds it."""
    data = request.as_dict() if isinstance(request, Hashtable) else dict(request)
    if data.get("Kind") == "Script":
        params = data.get("Parameters") or Hashtable()
        return Script(str(data["Name"]), tuple(params))
    commands = []
    for stage in data.get("Stages") or ():
        stage_data = stage.as_dict() if isinstance(stage, Hashtable) else dict(stage)
        commands.append(Command(str(stage_data["Name"]), tuple(stage_data.get("Parameters") or ())))
    return commands[0] if len(commands) == 1 else Pipeline(tuple(commands))


def _strip_remoting(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in REMOTING_PROPERTIES}
    return value


def session_error(record: ErrorRecord, vm_name: str) -> RunnerError | None:
    """The typed error for a record that says the session itself failed; None for the guest's own errors."""
    error_id = record.error_id.split(",", 1)[0]
    detail = record.for_log()
    if error_id == "InvalidVMNameNotSingle":
        return HostUnreachable(translate(
            "powershell_direct", "There is no virtual machine named '{vm}' here, or your account is not a Hyper-V "
            "administrator on this computer.").format(vm=vm_name), detail=detail, record=record)
    if error_id == "InvalidVMState":
        return GuestNotReady(translate(
            "powershell_direct", "The virtual machine '{vm}' is not running, so PowerShell Direct cannot reach its "
            "operating system.").format(vm=vm_name), detail=detail, record=record)
    if error_id == "CreateRemoteRunspaceForVMFailed":
        if "credential" in record.message.lower():
            return AuthenticationFailed(translate(
                "powershell_direct", "The operating system inside '{vm}' refused the user name or password. Use an "
                "administrator account of the guest (for example Administrator) and its password.").format(
                vm=vm_name), detail=detail, record=record)
        return GuestNotReady(translate(
            "powershell_direct", "The operating system inside '{vm}' did not open a PowerShell Direct session: it "
            "has not finished starting, it is restarting, or it is not Windows 10 / Windows Server 2016 or "
            "later.").format(vm=vm_name), detail=detail, record=record)
    return None


class PowerShellDirectRunner(Runner):
    """Runs each command inside `vm_name` through `inner` (the runner of the machine that hosts the VM)."""

    kind = "direct"

    def __init__(self, inner: Runner, vm_name: str, credential: Credential) -> None:
        super().__init__(inner.reference)
        self.inner = inner
        self.vm_name = vm_name
        self.credential = credential
        self.clock = inner.clock
        self.label = translate("powershell_direct", "PowerShell Direct to '{vm}'").format(vm=vm_name)

    def wrap(self, runnable: Runnable) -> Command:
        """The one command the host runs: Invoke-Command with the fixed dispatcher and the request as data."""
        return Command.of(
            "Invoke-Command",
            VMName=self.vm_name,
            Credential=self.credential,
            ScriptBlock=dispatcher(),
            ArgumentList=(request_for(runnable),),
        )

    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:
        result = Result(runnable)

        def forward(record: Record) -> None:
            if record.kind == "output":
                record = Record("output", _strip_remoting(record.value))
            elif record.kind == "error" and session_error(record.value, self.vm_name) is not None:
                return
            if on_record is not None:
                on_record(record)

        outer = await self.inner.run(self.wrap(runnable), timeout=None, check=False, on_record=forward)
        for record in outer.errors:
            failure = session_error(record, self.vm_name)
            if failure is not None:
                raise failure
        result.output = [_strip_remoting(v) for v in outer.output]
        result.errors = list(outer.errors)
        result.warnings = list(outer.warnings)
        result.verbose = list(outer.verbose)
        result.information = list(outer.information)
        result.progress = list(outer.progress)
        result.failed = outer.failed
        return result

    async def close(self) -> None:
        """Each call opens and closes its own session; the inner runner belongs to the host and stays open."""
