"""PowerShell Direct: run commands inside a VM from the machine that hosts it, through one session per guest boot.

The session is opened once with `New-PSSession -VMId` (or `-VMName`) and kept in the host's PowerShell process under a
name NestWiz makes up; every call then runs the fixed script Invoke-InDirectSession.ps1, which finds the session by
that name and runs the fixed dispatcher in it with the request as data. When the guest restarts the session breaks;
the next call opens a new one. Failures are told apart by FullyQualifiedErrorId and exception type, never by the
English text, since Windows PowerShell speaks the host's language.

Where each failure comes from (PowerShell/PowerShell, whose remoting code Windows PowerShell 5.1 shares):
- `InvalidVMNameNotSingle` / `InvalidVMIdNotSingle` / `InvalidVMState`: New-PSSession resolves the VM with Get-VM
  before it connects (src/System.Management.Automation/engine/remoting/commands/newrunspacecommand.cs,
  CreateRunspacesWhenVMParameterSpecified); `HyperVModuleNotAvailable` when the host has no Hyper-V module.
- `PSSessionOpenFailed` (category OpenError): the connection, opened asynchronously, ended Broken
  (newrunspacecommand.cs HandleRunspaceStateChanged, `_defaultFQEID`). A guest that refuses the credential answers
  "FAIL" on the Hyper-V socket and the client throws PSDirectException (InvalidCredential,
  engine/remoting/common/RemoteSessionHyperVSocket.cs); New-PSSession then reports that PSDirectException itself.
  Anything else (the guest has not finished starting, it is restarting) is another exception type.
- `CreateRemoteRunspaceForVMFailed`: the runspace constructor threw (same file); nothing was opened.
- `InvokeCommandCommandInvalidSessionState`: Invoke-Command -Session was given a session that is not Opened any more,
  and ran nothing (engine/remoting/commands/InvokeCommandCommand.cs).
- `PSSessionStateBroken`: the session broke while the call ran (engine/remoting/client/Job.cs ProcessJobFailure;
  PowerShell/PowerShell#1365); a restarting guest closes the Hyper-V socket, which raises PSRemotingTransportException
  "The Hyper-V socket target process has ended." (engine/remoting/fanin/OutOfProcTransportManager.cs).
"""

from __future__ import annotations

import contextlib
import uuid
from functools import cache
from typing import Any

from core.commands import Command, Credential, Hashtable, Pipeline, Runnable, Script, ScriptBlock
from core.errors import AuthenticationFailed, CommandRejected, ConnectionLost, HostUnreachable, RunnerError
from core.i18n import translate
from core.paths import resource
from core.results import ErrorRecord, Record, Result
from core.runners.base import RecordSink, Runner

DISPATCHER_SCRIPT = "Invoke-DirectRequest.ps1"
SESSION_SCRIPT = "Invoke-InDirectSession.ps1"
OPEN_COMMAND = "New-PSSession"
CLOSE_COMMAND = "Remove-PSSession"
SESSION_PREFIX = "NestWiz-"
OPEN_SECONDS = 120.0  # target seconds New-PSSession may take: it waits for the guest's answer on the Hyper-V socket
# Properties PowerShell remoting adds to every object that comes back from a session.
REMOTING_PROPERTIES = ("PSComputerName", "RunspaceId", "PSShowComputerName")

# The session was not there or not open: nothing ran in the guest, so the call may be sent again on a new session.
NOT_RUN_IDS = frozenset({"NestWizDirectSessionMissing", "InvokeCommandCommandInvalidSessionState"})
# The session broke during the call: the guest restarted or stopped; what the call did is unknown.
BROKEN_IDS = frozenset({"PSSessionStateBroken", "InvalidSessionState"})
TRANSPORT_EXCEPTIONS = ("PSRemotingTransportException",)
CREDENTIAL_EXCEPTIONS = ("PSDirectException",)


class GuestNotReady(ConnectionLost):
    """The VM runs but its OS cannot open a PowerShell Direct session yet (booting, rebooting, no OS)."""


class SessionBroken(GuestNotReady):
    """The session ended while a call ran (the guest restarted or stopped): whether the call did its work is unknown."""


@cache
def dispatcher() -> ScriptBlock:
    """The fixed script block every PowerShell Direct call runs; the request travels as its argument."""
    return ScriptBlock(resource("scripts", DISPATCHER_SCRIPT).read_text(encoding="utf-8"))


def script_text(name: str) -> str:
    return resource("scripts", name).read_text(encoding="utf-8")


def request_for(runnable: Runnable) -> Hashtable:
    """The inner command as plain values: a pipeline's stages, or a fixed script's text and parameters."""
    if isinstance(runnable, Script):
        return Hashtable(
            (
                ("Kind", "Script"),
                ("Name", runnable.name),
                ("Text", script_text(runnable.name)),
                ("Parameters", Hashtable(runnable.params)),
            )
        )
    commands = runnable.commands if isinstance(runnable, Pipeline) else (runnable,)
    for command in commands:
        blocks = [k for k, v in command.params if isinstance(v, ScriptBlock)]
        if blocks:
            # Remoting turns a script block argument into a string, so the guest would get text, not code.
            raise CommandRejected(
                translate(
                    "powershell_direct",
                    "{command} -{parameter} takes a script block, which cannot cross PowerShell "
                    "Direct as a value; NestWiz runs only its own dispatcher block in the guest.",
                ).format(command=command.name, parameter=blocks[0]),
                detail="ScriptBlockInDirectRequest",
            )
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


def inner_of(runnable: Runnable) -> Runnable | None:
    """The command a PowerShell Direct call runs inside the guest, or None when `runnable` is not one."""
    if isinstance(runnable, Script) and runnable.name == SESSION_SCRIPT:
        return runnable_from(runnable.get("Request"))
    if (
        isinstance(runnable, Command)
        and runnable.name == "Invoke-Command"
        and (runnable.get("VMName") or runnable.get("VMId"))
    ):
        return runnable_from((runnable.get("ArgumentList") or ((),))[0])
    return None


def opens_session(runnable: Runnable) -> bool:
    """Whether `runnable` opens a PowerShell Direct session (what a benchmark and `lab run --json` count)."""
    return (
        isinstance(runnable, Command)
        and runnable.name == OPEN_COMMAND
        and (runnable.get("VMName") is not None or runnable.get("VMId") is not None)
    )


def _strip_remoting(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in REMOTING_PROPERTIES}
    return value


def _error_id(record: ErrorRecord) -> str:
    return record.error_id.split(",", 1)[0]


def _exception_is(record: ErrorRecord, names: tuple[str, ...]) -> bool:
    return record.exception_type.rsplit(".", 1)[-1] in names


def open_error(record: ErrorRecord, vm_name: str) -> RunnerError | None:
    """The typed error for a record New-PSSession -VMName wrote; None for one it does not explain."""
    error_id = _error_id(record)
    detail = record.for_log()
    if error_id in ("InvalidVMNameNotSingle", "InvalidVMIdNotSingle", "HyperVModuleNotAvailable"):
        return HostUnreachable(
            translate(
                "powershell_direct",
                "There is no virtual machine named '{vm}' here, or your account is not a Hyper-V "
                "administrator on this computer.",
            ).format(vm=vm_name),
            detail=detail,
            record=record,
        )
    if error_id == "InvalidVMState":
        return GuestNotReady(
            translate(
                "powershell_direct",
                "The virtual machine '{vm}' is not running, so PowerShell Direct cannot reach its operating system.",
            ).format(vm=vm_name),
            detail=detail,
            record=record,
        )
    if error_id in ("PSSessionOpenFailed", "CreateRemoteRunspaceForVMFailed"):
        if _exception_is(record, CREDENTIAL_EXCEPTIONS):
            return AuthenticationFailed(
                translate(
                    "powershell_direct",
                    "The operating system inside '{vm}' refused the user name or password. Use an "
                    "administrator account of the guest (for example Administrator) and its password.",
                ).format(vm=vm_name),
                detail=detail,
                record=record,
            )
        return no_session(vm_name, detail, record)
    return None


def no_session(vm_name: str, detail: str, record: ErrorRecord | None = None) -> GuestNotReady:
    return GuestNotReady(
        translate(
            "powershell_direct",
            "The operating system inside '{vm}' did not open a PowerShell Direct session: it "
            "has not finished starting, it is restarting, or it is not Windows 10 / Windows Server 2016 or "
            "later.",
        ).format(vm=vm_name),
        detail=detail,
        record=record,
    )


def call_error(record: ErrorRecord, vm_name: str) -> RunnerError | None:
    """The typed error for a record that says the session itself failed during a call; None for the guest's own."""
    error_id = _error_id(record)
    if error_id in NOT_RUN_IDS:
        return GuestNotReady(
            translate("powershell_direct", "The PowerShell Direct session with '{vm}' has ended.").format(vm=vm_name),
            detail=record.for_log(),
            record=record,
        )
    if error_id in BROKEN_IDS or _exception_is(record, TRANSPORT_EXCEPTIONS):
        return SessionBroken(
            translate(
                "powershell_direct",
                "The PowerShell Direct session with '{vm}' ended while a command ran: the guest restarted or stopped.",
            ).format(vm=vm_name),
            detail=record.for_log(),
            record=record,
        )
    return None


class PowerShellDirectRunner(Runner):
    """Runs each command inside the VM (`vm_id` when known, else `vm_name`) through `inner`, the runner of the machine
    that hosts it, over one PowerShell Direct session that it opens on first use and after the guest restarts."""

    kind = "direct"

    def __init__(self, inner: Runner, vm_name: str, credential: Credential, *, vm_id: str | None = None) -> None:
        super().__init__(inner.reference)
        self.inner = inner
        self.vm_name = vm_name
        self.vm_id = vm_id
        self.credential = credential
        self.clock = inner.clock
        self.label = translate("powershell_direct", "PowerShell Direct to '{vm}'").format(vm=vm_name)
        self.session: str | None = None  # the name of the open session in the host's PowerShell process
        self.ended: list[str] = []  # sessions that broke; removed from the host's process at close
        self.sessions_opened = 0

    def open_command(self, name: str) -> Command:
        target = {"VMId": self.vm_id} if self.vm_id else {"VMName": self.vm_name}
        return Command.of(OPEN_COMMAND, **target, Credential=self.credential, Name=name)

    def wrap(self, runnable: Runnable, session: str) -> Script:
        """The one script the host runs per call: the session's name, the fixed dispatcher, the request as data."""
        return Script.of(
            SESSION_SCRIPT, SessionName=session, Dispatcher=dispatcher().text, Request=request_for(runnable)
        )

    async def open(self) -> str:
        """Open the session (once per guest boot); raise the typed error when the guest cannot take one yet."""
        if self.session is not None:
            return self.session
        name = f"{SESSION_PREFIX}{uuid.uuid4().hex[:12]}"
        timeout = max(self.inner.clock.real_seconds(OPEN_SECONDS), 15.0)
        result = await self.inner.run(self.open_command(name), timeout=timeout, check=False)
        for record in result.errors:
            failure = open_error(record, self.vm_name)
            if failure is not None:
                raise failure
        result.raise_for_errors()
        if not result.output:
            raise no_session(self.vm_name, "New-PSSession returned no session")
        self.session = name
        self.sessions_opened += 1
        return name

    def _end(self) -> None:
        if self.session is not None:
            self.ended.append(self.session)
            self.session = None

    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:
        for attempt in (1, 2):
            session = await self.open()
            try:
                return await self._call(runnable, session, on_record)
            except SessionBroken:
                self._end()
                raise
            except GuestNotReady:
                # The session was gone before the call began (nothing ran): once more, on a new session.
                self._end()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _call(self, runnable: Runnable, session: str, on_record: RecordSink | None) -> Result:
        result = Result(runnable)

        def forward(record: Record) -> None:
            if record.kind == "output":
                record = Record("output", _strip_remoting(record.value))
            elif record.kind == "error" and call_error(record.value, self.vm_name) is not None:
                return
            if on_record is not None:
                on_record(record)

        outer = await self.inner.run(self.wrap(runnable, session), timeout=None, check=False, on_record=forward)
        for record in outer.errors:
            failure = call_error(record, self.vm_name)
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
        """Close the sessions this runner opened; the inner runner belongs to the host and stays open."""
        self._end()
        names, self.ended = self.ended, []
        if names:
            with contextlib.suppress(RunnerError):
                await self.inner.run(Command.of(CLOSE_COMMAND, Name=tuple(names)), timeout=30, check=False)
