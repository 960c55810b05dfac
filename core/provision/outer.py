"""The outer VM's plan: options chosen in the wizard → an ordered list of steps, each a command with its undo."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING

from core.commands import Command, Runnable, Script
from core.host.facts import HostFacts
from core.i18n import translate

if TYPE_CHECKING:
    from core.runners.base import Runner

GB = 1024**3
MB = 1024**2
MIN_PROCESSORS = 2
MIN_MEMORY = 4 * GB
MAX_DEFAULT_MEMORY = 16 * GB
DEFAULT_NAME = "NestWiz-Outer"
DEFAULT_DISK = 127 * GB
GENERATION = 2
SECURE_BOOT_TEMPLATES = ("MicrosoftWindows", "MicrosoftUEFICertificateAuthority")
CHECKPOINT_TYPES = ("Production", "ProductionOnly", "Standard", "Disabled")
NETWORKING = ("mac-spoofing", "nat")


@dataclass(frozen=True)
class OuterVmOptions:
    """Everything the user chose for a new outer VM. Paths are as the target host sees them."""

    name: str = DEFAULT_NAME
    location: str = ""  # folder that holds the VM's own folder (New-VM -Path); empty: the host's default
    processors: int = MIN_PROCESSORS
    memory_bytes: int = MIN_MEMORY
    new_disk: bool = True  # False: attach the existing VHDX at vhd_path
    vhd_path: str = ""
    vhd_size_bytes: int = DEFAULT_DISK
    iso_path: str = ""  # empty: no installation medium
    switch_name: str = ""  # empty: not connected
    secure_boot_template: str = "MicrosoftWindows"
    tpm: bool = False
    version: str = ""  # configuration version; empty: the host's default
    networking: str = "mac-spoofing"
    checkpoint_type: str = "Production"
    automatic_checkpoints: bool = False


@dataclass(frozen=True)
class Step:
    """One change on the host. `creates` names what it brings into being ("vm", "file"), which `undo` removes."""

    description: str
    command: Runnable
    undo: Runnable | None = None
    creates: str = ""
    target: str = ""  # the VM name or file path it creates


def first_boot_dvd(vm_name: str) -> Script:
    """A generation 2 VM starts from its DVD drive first: one fixed script, on the host and inside the outer VM."""
    return Script.of("Set-FirstBootDvd.ps1", VMName=vm_name)


def version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (-1,)


# Get-VMHostSupportedVersion also lists 254.0 (Prerelease) and 255.0 (Experimental) on some builds; they are not
# versions to create a VM with (https://github.com/dsccommunity/HyperVDsc/issues/55, the listing there).
FIRST_UNRELEASED = (254,)


def released(version: str) -> bool:
    key = version_key(version)
    return key != (-1,) and key < FIRST_UNRELEASED


def highest_version(versions: Sequence[str]) -> str:
    """The highest released configuration version listed; never a prerelease or experimental one."""
    found = [v for v in versions if released(v)]
    return max(found, key=version_key) if found else ""


def default_version(default: str, versions: Sequence[str]) -> str:
    """The version a new VM gets: the host's default (Get-VMHostSupportedVersion -Default) when it is a released
    one, else the highest released version it lists."""
    return default if default and released(default) else highest_version(versions)


def vhd_folder(path: str) -> str:
    """The folder a disk goes into; empty when the path names none (a bare file name, a drive root)."""
    folder = PureWindowsPath(path).parent
    return (
        ""
        if not path or folder == PureWindowsPath(path) or str(folder) in ("", ".") or folder == folder.parent
        else str(folder)
    )


def folder_command(folder: str) -> Command:
    return Command.of("New-Item", ItemType="Directory", Path=folder, Force=True)


def gb(value: int) -> str:
    return translate("outer", "{amount} GB").format(amount=f"{value / GB:g}")


def plan(options: OuterVmOptions) -> list[Step]:
    """The ordered steps that create the VM described by `options`. Pure: nothing runs here."""
    o = options
    name = o.name
    steps: list[Step] = []
    if o.new_disk and vhd_folder(o.vhd_path):
        # Whether New-VHD creates a missing folder is not documented: the folder is made first (-Force: an existing
        # one is kept, https://learn.microsoft.com/powershell/module/microsoft.powershell.management/new-item).
        steps.append(
            Step(
                translate("outer", "Create the folder {path} for the disk").format(path=vhd_folder(o.vhd_path)),
                folder_command(vhd_folder(o.vhd_path)),
                target=vhd_folder(o.vhd_path),
            )
        )
    if o.new_disk:
        steps.append(
            Step(
                translate("outer", "Create the virtual hard disk {path} ({size}, dynamically expanding)").format(
                    path=o.vhd_path, size=gb(o.vhd_size_bytes)
                ),
                Command.of("New-VHD", Path=o.vhd_path, SizeBytes=o.vhd_size_bytes, Dynamic=True),
                undo=Command.of("Remove-Item", LiteralPath=o.vhd_path),
                creates="file",
                target=o.vhd_path,
            )
        )
    steps.append(
        Step(
            translate("outer", "Create the generation {generation} VM '{name}' with {memory} of memory").format(
                generation=GENERATION, name=name, memory=gb(o.memory_bytes)
            ),
            Command.of(
                "New-VM",
                Name=name,
                Generation=GENERATION,
                Version=o.version or None,
                MemoryStartupBytes=o.memory_bytes,
                VHDPath=o.vhd_path,
                Path=o.location or None,
                SwitchName=o.switch_name or None,
            ),
            undo=Command.of("Remove-VM", Name=name, Force=True),
            creates="vm",
            target=name,
        )
    )
    steps.append(
        Step(
            translate("outer", "Give it static memory of {memory} (nested Hyper-V cannot use dynamic memory)").format(
                memory=gb(o.memory_bytes)
            ),
            Command.of("Set-VMMemory", VMName=name, DynamicMemoryEnabled=False, StartupBytes=o.memory_bytes),
        )
    )
    steps.append(
        Step(
            translate("outer", "Give it {count} virtual processors and expose the virtualization extensions").format(
                count=o.processors
            ),
            Command.of("Set-VMProcessor", VMName=name, Count=o.processors, ExposeVirtualizationExtensions=True),
        )
    )
    if o.iso_path:
        steps.append(
            Step(
                translate("outer", "Insert the installation medium {path}").format(path=o.iso_path),
                Command.of("Add-VMDvdDrive", VMName=name, Path=o.iso_path),
            )
        )
        steps.append(
            Step(
                translate("outer", "Start it from the installation medium first"),
                first_boot_dvd(name),
            )
        )
    steps.append(
        Step(
            translate("outer", "Turn on Secure Boot with the {template} template").format(
                template=o.secure_boot_template
            ),
            Command.of("Set-VMFirmware", VMName=name, EnableSecureBoot="On", SecureBootTemplate=o.secure_boot_template),
        )
    )
    if o.tpm:
        steps.append(
            Step(
                translate("outer", "Give it a local key protector (a virtual TPM needs one)"),
                Command.of("Set-VMKeyProtector", VMName=name, NewLocalKeyProtector=True),
            )
        )
        steps.append(
            Step(
                translate("outer", "Turn on the virtual TPM (Windows 11 needs it)"),
                Command.of("Enable-VMTPM", VMName=name),
            )
        )
    if o.switch_name and o.networking == "mac-spoofing":
        steps.append(
            Step(
                translate("outer", "Turn on MAC address spoofing, so the nested VMs reach the network"),
                Command.of("Set-VMNetworkAdapter", VMName=name, MacAddressSpoofing="On"),
            )
        )
    steps.append(
        Step(
            (
                translate("outer", "Checkpoints: {type}, automatic checkpoints on")
                if o.automatic_checkpoints
                else translate("outer", "Checkpoints: {type}, automatic checkpoints off")
            ).format(type=o.checkpoint_type),
            Command.of(
                "Set-VM",
                Name=name,
                CheckpointType=o.checkpoint_type,
                AutomaticCheckpointsEnabled=o.automatic_checkpoints,
            ),
        )
    )
    return steps


@dataclass(frozen=True)
class HostSizes:
    """The host facts the plan and its checks use; zero or empty where the facts did not say."""

    total_memory: int = 0
    free_memory: int = 0
    logical_processors: int = 0
    volumes: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # "C:" -> (size, free)
    versions: tuple[str, ...] = ()
    default_version: str = ""  # Get-VMHostSupportedVersion -Default
    vhd_folder: str = ""
    vm_folder: str = ""

    @classmethod
    def from_facts(cls, facts: HostFacts | None) -> HostSizes | None:
        if facts is None:
            return None
        return cls(
            total_memory=facts.total_memory or 0,
            free_memory=facts.free_memory or 0,
            logical_processors=facts.cpu.logical or 0,
            volumes={v.drive.upper(): (v.size or 0, v.free or 0) for v in facts.volumes or []},
            versions=tuple(facts.supported_versions or ()),
            default_version=facts.default_version or "",
            vhd_folder=facts.vhd_path or "",
            vm_folder=facts.vm_path or "",
        )


def default_memory(host_memory: int) -> int:
    """A quarter of the host's memory in whole GB, at least 4 GB and at most 16 GB."""
    quarter = (host_memory // 4) // GB * GB
    return max(MIN_MEMORY, min(MAX_DEFAULT_MEMORY, quarter))


def _join(folder: str, leaf: str) -> str:
    return str(PureWindowsPath(folder) / leaf) if folder else ""


def defaults_for(
    facts: HostFacts | None,
    switches: Sequence[str] = (),
    isos: Sequence[str] = (),
    name: str = DEFAULT_NAME,
) -> OuterVmOptions:
    """Options that fit the host: memory from its size, its default configuration version, its default folders.

    `facts`: the host's diagnosis, or None when the host was not diagnosed."""
    sizes = HostSizes.from_facts(facts) or HostSizes()
    switch = next((s for s in switches if s == "Default Switch"), switches[0] if switches else "")
    iso = isos[0] if isos else ""
    return replace(
        OuterVmOptions(),
        name=name,
        location=sizes.vm_folder,
        processors=max(MIN_PROCESSORS, min(4, sizes.logical_processors // 2)),
        memory_bytes=default_memory(sizes.total_memory),
        vhd_path=_join(sizes.vhd_folder, f"{name}.vhdx"),
        iso_path=iso,
        switch_name=switch,
        # A virtual TPM for every Windows guest, not guessed from the ISO's file name (evaluation ISOs are named by
        # build): Windows 11 requires TPM 2.0 and Secure Boot
        # (https://learn.microsoft.com/windows/whats-new/windows-11-requirements), and Windows 10 and Windows Server
        # run with one as well; on generation 2 it needs a key protector, which the plan sets first
        # (https://learn.microsoft.com/powershell/module/hyper-v/enable-vmtpm). The user can turn it off.
        tpm=True,
        version=default_version(sizes.default_version, sizes.versions),
    )


ISO_FOLDERS = ("C:\\ISO", "C:\\ISOs", "D:\\ISO", "C:\\Users\\*\\Downloads")


@dataclass(frozen=True)
class HostChoices:
    """What a new outer VM can use on the host: its virtual switches, the ISOs in the usual folders, the VM names
    already taken."""

    switches: tuple[str, ...] = ()
    isos: tuple[str, ...] = ()
    vm_names: tuple[str, ...] = ()

    def free_name(self, wanted: str = DEFAULT_NAME) -> str:
        taken = {n.lower() for n in self.vm_names}
        if wanted.lower() not in taken:
            return wanted
        return next(f"{wanted}-{i}" for i in range(2, 1000) if f"{wanted}-{i}".lower() not in taken)


async def host_choices(runner: Runner) -> HostChoices:
    """Three reads: the switches, the ISOs in the usual folders (missing folders are no error), the VMs."""
    switches = await runner.run(Command.of("Get-VMSwitch"))
    found = await runner.run(
        Command.of("Get-ChildItem", Path=ISO_FOLDERS, Filter="*.iso", File=True, ErrorAction="SilentlyContinue"),
        check=False,
    )
    vms = await runner.run(Command.of("Get-VM"), check=False)
    return HostChoices(
        tuple(str(r.get("Name")) for r in switches.output if isinstance(r, dict)),
        tuple(str(r.get("FullName")) for r in found.output if isinstance(r, dict) and r.get("FullName")),
        tuple(str(r.get("Name")) for r in vms.output if isinstance(r, dict)),
    )
