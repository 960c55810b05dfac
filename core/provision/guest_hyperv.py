"""Hyper-V inside the outer VM: diagnose the guest like a host, install the way nested guests need, reboot, verify."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.commands import Command, Credential, Runnable
from core.errors import NestWizError, PowerShellError, TimedOut
from core.host.facts import HostFacts, parse_facts
from core.host.rules import Check, Plan, Status, run_checks
from core.i18n import translate
from core.provision.guest import PROBE, Readiness, StageListener, call_timeout, direct_runner
from core.runners.base import RecordSink, Runner
from core.runners.direct import GuestNotReady, PowerShellDirectRunner

CLIENT_FEATURE = "Microsoft-Hyper-V-All"
SERVER_ROLE = "Hyper-V"
SERVER_OPTIONAL_FEATURE = "Microsoft-Hyper-V"
# The Hyper-V PowerShell module is its own feature: -All enables a feature's parents only (windows-powershell-docs
# docset/winserver2025-ps/Dism/Enable-WindowsOptionalFeature.md), so the DISM fallback leaves it out.
MODULE_FEATURE = "Microsoft-Hyper-V-Management-PowerShell"
MAX_REBOOTS = 3  # Hyper-V usually needs two restarts inside a guest; a third would mean something is wrong
SHUTDOWN_SECONDS = 180.0  # target seconds for a restarting guest to drop its heartbeat
# Checks about the host's own plan or state that do not apply to a guest about to run one small VM.
NOT_FOR_GUESTS = frozenset({"host-is-vm", "versions", "memory", "disk"})
Progress = Callable[[str], None]


class HyperVInGuestFailed(NestWizError):
    pass


def client_command() -> Command:
    return Command.of(
        "Enable-WindowsOptionalFeature", Online=True, FeatureName=CLIENT_FEATURE, All=True, NoRestart=True
    )


def server_command() -> Command:
    return Command.of("Install-WindowsFeature", Name=SERVER_ROLE, IncludeManagementTools=True)


def server_fallback_command() -> Command:
    return Command.of(
        "Enable-WindowsOptionalFeature", Online=True, FeatureName=SERVER_OPTIONAL_FEATURE, All=True, NoRestart=True
    )


def module_command() -> Command:
    return Command.of(
        "Enable-WindowsOptionalFeature", Online=True, FeatureName=MODULE_FEATURE, All=True, NoRestart=True
    )


def restart_command() -> Command:
    return Command.of("Restart-Computer", Force=True)


@dataclass
class GuestDiagnosis:
    facts: HostFacts
    checks: list[Check]

    @property
    def installed(self) -> bool:
        return self.facts.feature_state == "Enabled"

    @property
    def pending(self) -> bool:
        return self.facts.feature_state == "EnablePending" or bool(self.facts.reboot_pending)

    @property
    def module_missing(self) -> bool:
        """Hyper-V is there but not its PowerShell module, so NestWiz cannot drive it."""
        return self.facts.hyperv_module is False

    @property
    def complete(self) -> bool:
        """Enabled, no restart pending, and its PowerShell module installed."""
        return self.installed and not self.pending and not self.module_missing

    @property
    def blockers(self) -> list[Check]:
        """Failed checks that installing Hyper-V and restarting will not fix."""
        fixable = {"hyperv-feature", "hypervisor", "reboot"}
        return [c for c in self.checks if c.blocks and c.id not in fixable and c.id not in NOT_FOR_GUESTS]


def diagnose_facts(raw: dict[str, Any]) -> GuestDiagnosis:
    facts = parse_facts(raw)
    checks = [c for c in run_checks(facts, Plan()) if c.id not in NOT_FOR_GUESTS]
    return GuestDiagnosis(facts, checks)


async def diagnose(direct: Runner) -> GuestDiagnosis:
    """The same probe and rules as the host, run inside the guest through PowerShell Direct."""
    raw = (await direct.run(PROBE, timeout=call_timeout(direct, 180))).first()
    return diagnose_facts(raw if isinstance(raw, dict) else {})


@dataclass
class InstallOutcome:
    commands: list[Runnable] = field(default_factory=list)  # what ran in the guest, in order
    reboots: int = 0
    fallback_used: bool = False
    already: bool = False
    notes: list[str] = field(default_factory=list)
    diagnosis: GuestDiagnosis | None = None


async def host_exposes_extensions(host: Runner, vm_name: str) -> bool:
    record = (await host.run(Command.of("Get-VMProcessor", VMName=vm_name))).first() or {}
    return bool(record.get("ExposeVirtualizationExtensions"))


def hypervisor_taken(facts: HostFacts) -> bool:
    """Windows hides the processor's virtualization flags once its hypervisor runs; in a guest whose outer VM
    exposes them, flags that read off therefore mean Hyper-V's hypervisor runs inside the guest."""
    cpu = facts.cpu
    return cpu.vmx is False and cpu.slat is False


class GuestHyperV:
    """Installs Hyper-V in the outer VM's guest across its restarts. Each step checks before it changes."""

    def __init__(
        self,
        host: Runner,
        vm_name: str,
        credential: Credential,
        *,
        progress: Progress | None = None,
        stage_listener: StageListener | None = None,
        timeouts: dict[str, float] | None = None,
        on_record: RecordSink | None = None,
        direct: PowerShellDirectRunner | None = None,
    ) -> None:
        self.host = host
        self.vm_name = vm_name
        self.credential = credential
        # One runner for the whole install, so one PowerShell Direct session per guest boot; the caller closes it.
        self.direct = direct or direct_runner(host, vm_name, credential)
        self.progress = progress or (lambda _text: None)
        self.stage_listener = stage_listener
        self.timeouts = timeouts
        self.on_record = on_record  # the install's progress records, as the guest streams them
        self.last_diagnosis: GuestDiagnosis | None = None

    async def _install(self, diagnosis: GuestDiagnosis, outcome: InstallOutcome) -> None:
        """Install the feature or role; a restart always follows, since Hyper-V starts only at boot."""
        timeout = call_timeout(self.host, 3600)
        if not diagnosis.facts.is_server:
            self.progress(translate("guest_hyperv", "Enabling the Hyper-V optional feature inside the guest…"))
            outcome.commands.append(client_command())
            await self.direct.run(client_command(), timeout=timeout, on_record=self.on_record)
            return
        self.progress(
            translate("guest_hyperv", "Installing the Hyper-V role inside the guest (Install-WindowsFeature)…")
        )
        outcome.commands.append(server_command())
        try:
            await self.direct.run(server_command(), timeout=timeout, on_record=self.on_record)
            return
        except PowerShellError as exc:
            outcome.notes.append(
                translate("guest_hyperv", "Install-WindowsFeature failed: {message}").format(message=exc.message)
            )
        self.progress(
            translate(
                "guest_hyperv",
                "Install-WindowsFeature failed; enabling the Microsoft-Hyper-V optional feature instead…",
            )
        )
        outcome.fallback_used = True
        outcome.commands.append(server_fallback_command())
        try:
            await self.direct.run(server_fallback_command(), timeout=timeout, on_record=self.on_record)
        except PowerShellError as exc:
            raise HyperVInGuestFailed(
                translate(
                    "guest_hyperv",
                    "Hyper-V could not be installed inside '{vm}': the role failed ({role}) and so did "
                    "the optional feature ({feature}).",
                ).format(vm=self.vm_name, role=outcome.notes[-1], feature=exc.message),
                detail=exc.detail,
            ) from exc
        await self._install_module(outcome)

    async def _install_module(self, outcome: InstallOutcome) -> None:
        """The Hyper-V PowerShell module, which the optional feature's -All does not bring on Windows Server."""
        self.progress(translate("guest_hyperv", "Enabling the Hyper-V PowerShell module inside the guest…"))
        outcome.commands.append(module_command())
        await self.direct.run(module_command(), timeout=call_timeout(self.host, 3600), on_record=self.on_record)

    async def restart_and_wait(self, outcome: InstallOutcome) -> dict[str, Any]:
        """Restart the guest, wait for it to go down, then wait for it in stages with a new session."""
        self.progress(translate("guest_hyperv", "Restarting the guest…"))
        outcome.commands.append(restart_command())
        # The session ends with the restart itself: PSSessionStateBroken (SessionBroken), or no answer in time.
        with contextlib.suppress(GuestNotReady, TimedOut):
            await self.direct.run(restart_command(), timeout=call_timeout(self.host, 120))
        outcome.reboots += 1
        clock = self.host.clock
        deadline = clock.now() + SHUTDOWN_SECONDS
        while clock.now() < deadline:
            vm = (await self.host.run(Command.of("Get-VM", Name=self.vm_name))).first() or {}
            if not str(vm.get("Heartbeat", "")).startswith("Ok"):
                break
            await clock.sleep(2)
        self.progress(
            translate("guest_hyperv", "Waiting for the guest to come back (restart {count})…").format(
                count=outcome.reboots
            )
        )
        ready = await Readiness(
            self.host,
            self.vm_name,
            self.credential,
            timeouts=self.timeouts,
            listener=self.stage_listener,
            direct=self.direct,
        ).wait()
        return ready.facts

    async def run(self) -> InstallOutcome:
        outcome = InstallOutcome()
        # The guest may be restarting (the wizard was closed mid-way, or someone restarted it): wait for it first.
        await Readiness(
            self.host,
            self.vm_name,
            self.credential,
            timeouts=self.timeouts,
            listener=self.stage_listener,
            direct=self.direct,
        ).wait()
        self.progress(translate("guest_hyperv", "Diagnosing the guest…"))
        diagnosis = await diagnose(self.direct)
        outcome.diagnosis = self.last_diagnosis = diagnosis
        if diagnosis.blockers:
            first = diagnosis.blockers[0]
            raise HyperVInGuestFailed(
                translate("guest_hyperv", "Hyper-V cannot run inside '{vm}': {reason}").format(
                    vm=self.vm_name, reason=first.sentence
                ),
                detail="; ".join(f"{c.id}: {c.sentence}" for c in diagnosis.blockers),
            )
        if diagnosis.complete:
            outcome.already = True
        else:
            if not diagnosis.installed and not diagnosis.pending:
                await self._install(diagnosis, outcome)
            elif diagnosis.installed and diagnosis.module_missing:
                await self._install_module(outcome)
            while True:
                if outcome.reboots >= MAX_REBOOTS:
                    raise HyperVInGuestFailed(
                        translate(
                            "guest_hyperv", "'{vm}' restarted {count} times and Hyper-V is still not enabled."
                        ).format(vm=self.vm_name, count=outcome.reboots)
                    )
                diagnosis = diagnose_facts(await self.restart_and_wait(outcome))
                outcome.diagnosis = self.last_diagnosis = diagnosis
                if diagnosis.complete:
                    break
                if (
                    diagnosis.installed
                    and not diagnosis.pending
                    and diagnosis.module_missing
                    and not any(c == module_command() for c in outcome.commands)
                ):
                    await self._install_module(outcome)
        await self.verify(diagnosis)
        return outcome

    async def verify(self, diagnosis: GuestDiagnosis) -> None:
        """Hyper-V is enabled in the guest and its hypervisor runs there."""
        self.progress(translate("guest_hyperv", "Checking that the hypervisor runs inside the guest…"))
        facts = diagnosis.facts
        if not diagnosis.installed:
            raise HyperVInGuestFailed(
                translate("guest_hyperv", "Hyper-V is not enabled inside '{vm}'.").format(vm=self.vm_name)
            )
        if diagnosis.module_missing:
            raise HyperVInGuestFailed(
                translate(
                    "guest_hyperv",
                    "Hyper-V is enabled inside '{vm}' but its PowerShell module is not, so NestWiz "
                    "cannot drive it. Enable the optional feature {feature} inside the guest, then check "
                    "again.",
                ).format(vm=self.vm_name, feature=MODULE_FEATURE)
            )
        if not await host_exposes_extensions(self.host, self.vm_name):
            raise HyperVInGuestFailed(
                translate(
                    "guest_hyperv",
                    "Hyper-V is installed inside '{vm}', but its hypervisor cannot run: the host does not "
                    "expose virtualization extensions to this VM. Turn nesting on for it (the Enable step), then check "
                    "again.",
                ).format(vm=self.vm_name)
            )
        if not hypervisor_taken(facts):
            raise HyperVInGuestFailed(
                translate(
                    "guest_hyperv",
                    "Hyper-V is installed inside '{vm}', but its hypervisor is not running: the guest "
                    "still sees the processor's virtualization flags unclaimed. Restart the guest; if that does not "
                    "help, run 'bcdedit /set hypervisorlaunchtype auto' inside it and restart again.",
                ).format(vm=self.vm_name)
            )


def status_line(check: Check) -> str:
    mark = {
        Status.PASS: translate("guest_hyperv", "OK"),
        Status.WARN: translate("guest_hyperv", "Warning"),
        Status.FAIL: translate("guest_hyperv", "Fails"),
        Status.UNKNOWN: translate("guest_hyperv", "Unknown"),
    }[check.status]
    return translate("guest_hyperv", "{mark}: {title}: {sentence}").format(
        mark=mark, title=check.title, sentence=check.sentence
    )
