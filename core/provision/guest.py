"""The guest OS of the outer VM: start it, open its console, and wait for it in stages, each with its own limit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.commands import Command, Credential, Runnable, Script
from core.errors import AuthenticationFailed, NestWizError, PowerShellError, RunnerError
from core.i18n import translate
from core.runners.base import Runner
from core.runners.direct import PowerShellDirectRunner

PROBE = Script.of("Get-HostFacts.ps1")
SESSION_CHECK = Command.of("Get-CimInstance", ClassName="Win32_OperatingSystem")
HEARTBEAT_OK = ("OkApplicationsHealthy", "OkApplicationsUnknown", "OkApplicationsCritical", "Ok")
POLL_SECONDS = 5.0  # target seconds between two looks at a stage that is not there yet
MIN_CALL_SECONDS = 15.0  # real seconds a single call may take, however fast the target's clock runs
# Refusals of the credential in a row before the session stage gives up: a guest that has only just booted may refuse
# a logon it takes a moment later, which is why public tools that drive PowerShell Direct across reboots retry
# PSDirectException; a wrong password is refused every time, so it costs only this many looks.
CREDENTIAL_REFUSALS = 3


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    timeout: float  # target seconds
    failure: str  # what to tell people when the stage does not finish in time; {vm} and {seconds} are filled in


def stages() -> tuple[Stage, ...]:
    """The readiness stages, their titles and failure messages in the current language."""
    return (
        Stage(
            "running",
            translate("guest", "The virtual machine runs"),
            120,
            translate(
                "guest",
                "'{vm}' did not reach the Running state within {seconds} seconds. Look at Hyper-V Manager: the "
                "host may lack memory, or the VM's files may be unreachable.",
            ),
        ),
        Stage(
            "heartbeat",
            translate("guest", "The guest OS has booted (heartbeat)"),
            900,
            translate(
                "guest",
                "'{vm}' runs, but its operating system sent no heartbeat within {seconds} seconds. It may still be "
                "installing or waiting at a prompt, it may not be installed, or its Heartbeat integration service is "
                "off. Open its console to see what it shows.",
            ),
        ),
        Stage(
            "session",
            translate("guest", "PowerShell Direct accepts the guest's credentials"),
            300,
            translate(
                "guest",
                "The operating system inside '{vm}' did not open a PowerShell Direct session within {seconds} seconds. "
                "It must be Windows 10 / Windows Server 2016 or later, have finished starting, and have a "
                "signed-in-once administrator account.",
            ),
        ),
        Stage(
            "probe",
            translate("guest", "The guest answers a probe"),
            180,
            translate(
                "guest",
                "The operating system inside '{vm}' accepted the session but did not answer the probe within {seconds} "
                "seconds.",
            ),
        ),
    )


STAGES = stages()
STAGE_KEYS = tuple(s.key for s in STAGES)


class GuestStageFailed(NestWizError):
    """A readiness stage failed or ran out of time; `stage` names which one."""

    def __init__(self, stage: str, message: str, *, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.stage = stage


@dataclass
class StageStatus:
    key: str
    title: str
    state: str = "waiting"  # waiting | active | done | failed
    message: str = ""
    seconds: float = 0.0


StageListener = Callable[[StageStatus], None]


@dataclass
class GuestReady:
    """What readiness found: the facts the guest reported and how long each stage took (target seconds)."""

    vm_name: str
    facts: dict[str, Any]
    stages: list[StageStatus] = field(default_factory=list)
    started_vm: bool = False

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.stages)


def direct_runner(host: Runner, vm_name: str, credential: Credential) -> PowerShellDirectRunner:
    """PowerShell Direct into `vm_name`: keep it for every call until the guest's work is done (one session per boot),
    then close it."""
    return PowerShellDirectRunner(host, vm_name, credential)


def pick_outer_vm(
    vms: Sequence[dict[str, Any]], processors: Sequence[dict[str, Any]], preferred: str | None = None
) -> str | None:
    """The outer VM: the one the wizard chose, else the first VM with nesting on, else the first VM."""
    names = [str(v.get("Name")) for v in vms]
    if preferred and any(n.lower() == preferred.lower() for n in names):
        return next(n for n in names if n.lower() == preferred.lower())
    exposed = [str(p.get("VMName")) for p in processors if p.get("ExposeVirtualizationExtensions")]
    for name in names:
        if name in exposed:
            return name
    return names[0] if names else None


async def find_outer_vm(host: Runner, preferred: str | None = None) -> str | None:
    vms = (await host.run(Command.of("Get-VM"))).output
    processors = (await host.run(Command.of("Get-VMProcessor", VMName="*"))).output if vms else []
    return pick_outer_vm(vms, processors, preferred)


def console_command(vm_name: str) -> Command:
    """Opens the VM's console window on this computer (Virtual Machine Connection).

    Start-Process joins -ArgumentList with single spaces and quotes nothing (PowerShell-Docs
    reference/5.1/Microsoft.PowerShell.Management/Start-Process.md: values with spaces or quotes need quoting;
    https://github.com/MicrosoftDocs/PowerShell-Docs/issues/7701), so the command line is built here, quoted by the
    rules Windows programs split it with (CommandLineToArgvW:
    https://learn.microsoft.com/windows/win32/api/shellapi/nf-shellapi-commandlinetoargvw), which
    subprocess.list2cmdline follows: a VM name with spaces or double quotes reaches vmconnect as one argument.
    """
    return Command.of(
        "Start-Process", FilePath="vmconnect.exe", ArgumentList=subprocess.list2cmdline(["localhost", vm_name])
    )


async def open_console(host: Runner, vm_name: str) -> bool:
    """Open the console when the target is this computer; elsewhere there is no screen to open it on."""
    if host.kind != "local":
        return False
    await host.run(console_command(vm_name))
    return True


def call_timeout(runner: Runner, target_seconds: float) -> float:
    return max(runner.clock.real_seconds(target_seconds), MIN_CALL_SECONDS)


class Readiness:
    """Waits for the guest in stages; each stage has its own limit and its own message when it fails."""

    def __init__(
        self,
        host: Runner,
        vm_name: str,
        credential: Credential,
        *,
        timeouts: dict[str, float] | None = None,
        listener: StageListener | None = None,
        poll: float = POLL_SECONDS,
        direct: PowerShellDirectRunner | None = None,
    ) -> None:
        self.host = host
        self.vm_name = vm_name
        self.credential = credential
        # The caller's runner when it has one (its session then serves what follows); else one of our own.
        self.direct = direct or direct_runner(host, vm_name, credential)
        self.timeouts = {s.key: s.timeout for s in STAGES} | (timeouts or {})
        self.listener = listener
        self.poll = poll
        self.statuses = [StageStatus(s.key, s.title) for s in stages()]
        self.started_vm = False

    def _status(self, key: str) -> StageStatus:
        return next(s for s in self.statuses if s.key == key)

    def _emit(self, status: StageStatus) -> None:
        if self.listener is not None:
            self.listener(status)

    def _fail(self, key: str, detail: str = "", message: str | None = None) -> GuestStageFailed:
        stage = next(s for s in stages() if s.key == key)
        status = self._status(key)
        status.state = "failed"
        status.message = message or stage.failure.format(vm=self.vm_name, seconds=f"{self.timeouts[key]:g}")
        self._emit(status)
        return GuestStageFailed(key, status.message, detail=detail)

    async def _stage(self, key: str, attempt: Callable[[], Any]) -> Any:
        """Run `attempt` until it returns a value other than None, or the stage's limit passes."""
        clock = self.host.clock
        status = self._status(key)
        status.state = "active"
        status.message = ""
        self._emit(status)
        started = clock.now()
        deadline = started + self.timeouts[key]
        last_detail = ""
        last_look = False
        refusals = 0
        refused: AuthenticationFailed | None = None  # the last look's refusal, which then says why the stage ends
        while True:
            refused = None
            try:
                value = await attempt()
            except GuestStageFailed:
                raise
            except AuthenticationFailed as exc:
                refusals += 1
                if refusals >= CREDENTIAL_REFUSALS:
                    raise self._fail(key, exc.detail, exc.message) from exc
                value, last_detail, refused = None, f"{exc.message} | {exc.detail}", exc
            except PowerShellError as exc:
                raise self._fail(key, exc.detail, exc.message) from exc
            except RunnerError as exc:
                value, last_detail = None, f"{exc.message} | {exc.detail}"
            status.seconds = clock.now() - started
            if value is not None:
                status.state = "done"
                self._emit(status)
                return value
            if clock.now() >= deadline:
                if last_look:
                    raise self._fail(key, last_detail, refused.message if refused is not None else None)
                last_look = True  # one more look after the limit, so a slow call cannot use up the last chance
                continue
            await clock.sleep(min(self.poll, deadline - clock.now()))

    async def _vm(self) -> dict[str, Any]:
        result = await self.host.run(Command.of("Get-VM", Name=self.vm_name), timeout=call_timeout(self.host, 60))
        record = result.first()
        if not isinstance(record, dict):
            raise GuestStageFailed(
                "running", translate("guest", "There is no virtual machine named '{vm}'.").format(vm=self.vm_name)
            )
        return record

    async def _running(self) -> bool | None:
        state = str((await self._vm()).get("State"))
        if state == "Running":
            return True
        if state in ("Off", "Saved"):
            await self.host.run(Command.of("Start-VM", Name=self.vm_name), timeout=call_timeout(self.host, 120))
            self.started_vm = True
        return None

    async def _heartbeat(self) -> bool | None:
        vm = await self._vm()
        if str(vm.get("State")) != "Running":
            stopped = translate("guest", "'{vm}' stopped while NestWiz waited for its operating system to boot.")
            raise self._fail("heartbeat", message=stopped.format(vm=self.vm_name))
        heartbeat = str(vm.get("Heartbeat"))
        if heartbeat == "Disabled":
            # The Heartbeat integration service is off: nothing will come, so let PowerShell Direct decide.
            self._status("heartbeat").message = "The Heartbeat integration service is off for this VM."
            return True
        return True if heartbeat in HEARTBEAT_OK else None

    async def _session(self) -> bool | None:
        # Opens the session (New-PSSession) when there is none: a guest still starting answers "not ready" (retried),
        # a refused password is final.
        await self.direct.run(SESSION_CHECK, timeout=call_timeout(self.host, 60))
        return True

    async def _probe(self) -> dict[str, Any] | None:
        facts = (await self.direct.run(PROBE, timeout=call_timeout(self.host, self.timeouts["probe"]))).first()
        return facts if isinstance(facts, dict) else None

    async def wait(self) -> GuestReady:
        await self._stage("running", self._running)
        await self._stage("heartbeat", self._heartbeat)
        await self._stage("session", self._session)
        facts = await self._stage("probe", self._probe)
        return GuestReady(self.vm_name, facts, list(self.statuses), self.started_vm)


async def wait_until_ready(
    host: Runner,
    vm_name: str,
    credential: Credential,
    *,
    timeouts: dict[str, float] | None = None,
    listener: StageListener | None = None,
    direct: PowerShellDirectRunner | None = None,
) -> GuestReady:
    """Wait for the guest in stages; with `direct`, its session is opened there and kept for the caller. Without,
    the session opened for the wait is closed before returning."""
    readiness = Readiness(host, vm_name, credential, timeouts=timeouts, listener=listener, direct=direct)
    try:
        return await readiness.wait()
    finally:
        if direct is None:
            await readiness.direct.close()


async def ensure_nesting(host: Runner, vm_name: str, cpu_vendor: str = "GenuineIntel") -> list[Runnable]:
    """The Enable step's direct settings, only when nesting is still off and the VM is off; the commands it ran."""
    from core.enable import direct as direct_settings
    from core.vm import assess, read_vm

    info = await read_vm(host, vm_name)
    if info.expose_extensions and not info.dynamic_memory:
        return []
    readiness = assess(info, cpu_vendor=cpu_vendor, mac_spoofing=False, memory_4gb=True)
    if readiness.ready:
        return []
    if not info.off:
        raise NestWizError(
            translate(
                "guest",
                "Nesting is not on for '{vm}', and its settings change only while it is off. Go back to the "
                "Enable page, or shut it down and check again.",
            ).format(vm=vm_name)
        )
    consent = direct_settings.Consent()
    steps = direct_settings.plan(readiness, consent)
    outcome = await direct_settings.apply(
        host, readiness, consent, mac_spoofing=False, memory_4gb=True, cpu_vendor=cpu_vendor
    )
    if not outcome.complete:
        raise NestWizError(outcome.summary())
    return [s.command for s in steps]
