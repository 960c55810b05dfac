"""The inner VM: its ISO copied into the outer VM, the VM created inside it within its memory, started, checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PureWindowsPath
from typing import Any

from core.commands import Command, Credential, Runnable, Script
from core.errors import NestWizError
from core.i18n import translate
from core.provision.guest import call_timeout
from core.provision.network import NAT, NetworkPlan, static_addressing
from core.provision.outer import first_boot_dvd, folder_command, vhd_folder
from core.runners.base import Runner

GB = 1024**3
MB = 1024**2
GUEST_RESERVE = 2 * GB  # what Windows and Hyper-V's root partition keep inside the outer VM
MIN_INNER_MEMORY = 512 * MB
DEFAULT_INNER_MEMORY = 2 * GB
DEFAULT_INNER_NAME = "NestWiz-Inner"
DEFAULT_DISK = 40 * GB
GUEST_FOLDER = "C:\\NestWiz"
# The Guest Service Interface by its Id ("Microsoft:<VMId>\<this>"): its Name is localized, "Gastdienstschnittstelle"
# on a German host (https://github.com/microsoft/MSLab/issues/422, https://github.com/dsccommunity/HyperVDsc/issues/76).
GUEST_SERVICE_ID = "6C09BB55-D683-4DA0-8931-C9BF705F6480"
_NAME = re.compile(r'^[^\\/:*?"<>|\x00-\x1f]{1,100}$')
Progress = Callable[[str], None]


def guest_service(records: list[Any]) -> dict[str, Any] | None:
    """The Guest Service Interface among Get-VMIntegrationService's records, by its Id, whatever its Name."""
    suffix = "\\" + GUEST_SERVICE_ID.lower()
    return next((r for r in records if isinstance(r, dict) and str(r.get("Id", "")).lower().endswith(suffix)), None)


class InnerVmTooLarge(NestWizError):
    pass


class InnerVmFailed(NestWizError):
    pass


@dataclass(frozen=True)
class InnerVmPlan:
    name: str = DEFAULT_INNER_NAME
    memory: int = DEFAULT_INNER_MEMORY
    iso_path: str = ""  # on the host; empty: no installation medium
    disk_size: int = DEFAULT_DISK

    @property
    def guest_iso(self) -> str:
        return f"{GUEST_FOLDER}\\{PureWindowsPath(self.iso_path).name}" if self.iso_path else ""

    @property
    def guest_vhd(self) -> str:
        return f"{GUEST_FOLDER}\\{self.name}.vhdx"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "memory": self.memory, "iso_path": self.iso_path, "disk_size": self.disk_size}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InnerVmPlan:
        return cls(
            str(data.get("name", DEFAULT_INNER_NAME)),
            int(data.get("memory", DEFAULT_INNER_MEMORY)),
            str(data.get("iso_path", "")),
            int(data.get("disk_size", DEFAULT_DISK)),
        )


def gigabytes(value: int) -> str:
    return translate("inner_vm", "{size} GB").format(size=f"{value / GB:g}")


def validate_name(name: str) -> str | None:
    if not _NAME.match(name) or name != name.strip():
        return translate(
            "inner_vm",
            'A VM name needs 1 to 100 characters, without \\ / : * ? " < > | and without leading or trailing spaces.',
        )
    return None


def memory_limit(outer_startup: int) -> int:
    return max(0, outer_startup - GUEST_RESERVE)


def default_memory(outer_startup: int) -> int:
    """As much as the default asks for, within what the outer VM can give, in whole 2 MB units."""
    return max(MIN_INNER_MEMORY, min(DEFAULT_INNER_MEMORY, memory_limit(outer_startup)) // (2 * MB) * 2 * MB)


def check_memory(memory: int, outer_name: str, outer_startup: int, outer_dynamic: bool) -> str | None:
    """A sentence when the inner VM cannot fit inside the outer VM's static memory; None when it fits."""
    if outer_dynamic:
        return translate(
            "inner_vm",
            "'{vm}' uses dynamic memory, which nested virtualization does not support; give it static "
            "memory (the Enable step does) before creating the inner VM.",
        ).format(vm=outer_name)
    if memory < MIN_INNER_MEMORY:
        return translate("inner_vm", "The inner VM needs at least {size} of memory.").format(
            size=gigabytes(MIN_INNER_MEMORY)
        )
    if memory % (2 * MB):
        return translate("inner_vm", "The inner VM's memory must be a multiple of 2 MB.")
    limit = memory_limit(outer_startup)
    if memory > limit:
        return translate(
            "inner_vm",
            "The inner VM asks for {asked}, but '{vm}' has {startup} of static memory, of which about "
            "{reserve} stay with Windows and Hyper-V inside it. Give the inner VM at most {limit}, or turn the outer "
            "VM off and give it more memory.",
        ).format(
            asked=gigabytes(memory),
            vm=outer_name,
            startup=gigabytes(outer_startup),
            reserve=gigabytes(GUEST_RESERVE),
            limit=gigabytes(limit),
        )
    return None


async def outer_memory(host: Runner, outer_name: str) -> tuple[int, bool]:
    record = (await host.run(Command.of("Get-VMMemory", VMName=outer_name))).first() or {}
    return int(record.get("Startup") or 0), bool(record.get("DynamicMemoryEnabled"))


@dataclass
class InnerOutcome:
    ran: list[tuple[str, Runnable]] = field(default_factory=list)  # (where, command), in order
    skipped: list[str] = field(default_factory=list)  # what was already there
    connectivity: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class InnerVm:
    """Copies the ISO, creates and starts the inner VM inside the outer VM. Each step checks before it changes."""

    def __init__(
        self,
        host: Runner,
        guest: Runner,
        outer_name: str,
        plan: InnerVmPlan,
        network: NetworkPlan,
        *,
        progress: Progress | None = None,
        credential: Credential | None = None,
    ) -> None:
        self.host = host
        self.guest = guest
        self.outer_name = outer_name
        self.plan = plan
        self.network = network
        self.progress = progress or (lambda _text: None)
        # For the PowerShell Direct copy when Copy-VMFile cannot work; the guest runner's own when it has one.
        self.credential = credential or getattr(guest, "credential", None)
        self.outcome = InnerOutcome()

    async def _run(self, where: str, command: Runnable, timeout: float = 600) -> list[Any]:
        runner = self.host if where == "host" else self.guest
        self.outcome.ran.append((where, command))
        return (await runner.run(command, timeout=call_timeout(runner, timeout))).output

    async def check_fits(self) -> None:
        startup, dynamic = await outer_memory(self.host, self.outer_name)
        problem = check_memory(self.plan.memory, self.outer_name, startup, dynamic)
        if problem:
            raise InnerVmTooLarge(problem)

    async def copy_iso(self) -> None:
        plan = self.plan
        if not plan.iso_path:
            return
        exists = (await self.guest.run(Command.of("Test-Path", LiteralPath=plan.guest_iso))).first()
        if exists is True:
            self.outcome.skipped.append(
                translate("inner_vm", "{path} is already inside the outer VM").format(path=plan.guest_iso)
            )
            return
        try:
            await self._copy_with_guest_services()
        except NestWizError as exc:
            if self.credential is None:
                raise
            self.outcome.notes.append(
                translate(
                    "inner_vm",
                    "Copy-VMFile could not copy the ISO ({reason}); copied it over a PowerShell Direct "
                    "session instead.",
                ).format(reason=exc.message)
            )
            self.progress(
                translate("inner_vm", "Copy-VMFile cannot work here; copying over a PowerShell Direct session instead…")
            )
            await self._run(
                "host",
                Script.of(
                    "Copy-FileToGuest.ps1",
                    VMName=self.outer_name,
                    Credential=self.credential,
                    Path=plan.iso_path,
                    Destination=plan.guest_iso,
                ),
                timeout=3600,
            )

    async def _copy_with_guest_services(self) -> None:
        """From the host with Copy-VMFile, which needs the Guest Service Interface integration service."""
        plan = self.plan
        services = (await self.host.run(Command.of("Get-VMIntegrationService", VMName=self.outer_name))).output
        service = guest_service(services)
        if service is None:
            raise InnerVmFailed(
                translate("inner_vm", "'{vm}' has no Guest Service Interface, which Copy-VMFile needs.").format(
                    vm=self.outer_name
                )
            )
        if not service.get("Enabled"):
            self.progress(translate("inner_vm", "Enabling the Guest Service Interface, which Copy-VMFile needs…"))
            # By the name this host gave it (localized), read from the record its Id picked out.
            await self._run(
                "host", Command.of("Enable-VMIntegrationService", VMName=self.outer_name, Name=str(service.get("Name")))
            )
        self.progress(translate("inner_vm", "Copying {path} into the outer VM…").format(path=plan.iso_path))
        await self._run(
            "host",
            Command.of(
                "Copy-VMFile",
                Name=self.outer_name,
                SourcePath=plan.iso_path,
                DestinationPath=plan.guest_iso,
                FileSource="Host",
                CreateFullPath=True,
            ),
            timeout=3600,
        )

    async def create(self) -> None:
        plan = self.plan
        found = (await self.guest.run(Command.of("Get-VM", Name=plan.name), check=False)).output
        if found:
            self.outcome.skipped.append(
                translate("inner_vm", "the VM '{vm}' already exists inside the outer VM").format(vm=plan.name)
            )
            return
        self.progress(translate("inner_vm", "Creating '{vm}' inside the outer VM…").format(vm=plan.name))
        folder = vhd_folder(plan.guest_vhd)
        if folder and (await self.guest.run(Command.of("Test-Path", LiteralPath=folder))).first() is not True:
            # Whether New-VM -NewVHDPath makes a missing folder is not documented: made first.
            await self._run("guest", folder_command(folder))
        await self._run(
            "guest",
            Command.of(
                "New-VM",
                Name=plan.name,
                Generation=2,
                MemoryStartupBytes=plan.memory,
                SwitchName=self.network.switch_name,
                NewVHDPath=plan.guest_vhd,
                NewVHDSizeBytes=plan.disk_size,
            ),
        )
        if plan.iso_path:
            await self._run("guest", Command.of("Add-VMDvdDrive", VMName=plan.name, Path=plan.guest_iso))
            # Generation 2 boots devices in the order added: the empty disk, the network, then this DVD (M2).
            await self._run("guest", first_boot_dvd(plan.name))

    async def start(self) -> None:
        vm = (await self.guest.run(Command.of("Get-VM", Name=self.plan.name))).first() or {}
        if str(vm.get("State")) == "Running":
            self.outcome.skipped.append(translate("inner_vm", "'{vm}' is already running").format(vm=self.plan.name))
            return
        self.progress(translate("inner_vm", "Starting '{vm}'…").format(vm=self.plan.name))
        try:
            await self._run("guest", Command.of("Start-VM", Name=self.plan.name))
        except NestWizError as exc:
            raise InnerVmFailed(
                translate("inner_vm", "'{vm}' was created inside '{outer}' but did not start: {reason}").format(
                    vm=self.plan.name, outer=self.outer_name, reason=exc.message
                ),
                detail=exc.detail,
            ) from exc

    async def check_connectivity(self) -> None:
        """What can be checked before the inner OS exists: the inner VM's adapter is on the planned switch, and
        for NAT the gateway and the NAT network are in place. The inner OS itself needs the static address."""
        notes = self.outcome.connectivity
        adapters = (await self.guest.run(Command.of("Get-VMNetworkAdapter", VMName=self.plan.name))).output
        switches = {str(a.get("SwitchName")) for a in adapters if isinstance(a, dict)}
        if self.network.switch_name in switches:
            notes.append(
                translate("inner_vm", "'{vm}' is connected to the switch '{switch}'.").format(
                    vm=self.plan.name, switch=self.network.switch_name
                )
            )
        else:
            notes.append(
                translate("inner_vm", "'{vm}' is not connected to '{switch}'.").format(
                    vm=self.plan.name, switch=self.network.switch_name
                )
            )
        if self.network.mode == NAT:
            nats = (await self.guest.run(Command.of("Get-NetNat"))).output
            gateway = (
                await self.guest.run(Command.of("Get-NetIPAddress", IPAddress=self.network.gateway), check=False)
            ).output
            notes.append(
                translate("inner_vm", "The NAT network is in place.")
                if nats
                else translate("inner_vm", "No NAT network exists in the outer VM.")
            )
            answers = (
                translate("inner_vm", "The gateway {gateway} answers on the internal switch.")
                if gateway
                else (translate("inner_vm", "The gateway {gateway} is missing."))
            )
            notes.append(answers.format(gateway=self.network.gateway))
            notes.append(
                translate("inner_vm", "Once its OS is installed, give the inner VM: {addressing}").format(
                    addressing=static_addressing(self.network)
                )
            )
        else:
            notes.append(
                translate(
                    "inner_vm", "Once its OS is installed, the inner VM gets its address from your network (DHCP)."
                )
            )

    async def run(self) -> InnerOutcome:
        await self.check_fits()
        await self.copy_iso()
        await self.create()
        await self.start()
        await self.check_connectivity()
        return self.outcome


ISO_FOLDER = "C:\\ISO"


@dataclass
class InnerChoices:
    """What the Inner VM page offers: the outer VM's memory, its network as it is, the host's ISO files."""

    startup: int
    dynamic: bool
    network: Any  # core.provision.network.NetworkFacts
    isos: list[str]


async def inner_choices(host: Runner, guest: Runner, outer_name: str) -> InnerChoices:
    from core.provision.network import inspect

    startup, dynamic = await outer_memory(host, outer_name)
    facts = await inspect(host, guest, outer_name)
    found = (await host.run(Command.of("Get-ChildItem", Path=ISO_FOLDER, Filter="*.iso"), check=False)).output
    isos = [str(f.get("FullName")) for f in found if isinstance(f, dict) and f.get("FullName")]
    return InnerChoices(startup, dynamic, facts, isos)
