"""Checks of an outer-VM plan before anything runs: clear sentences, found with a few batched round trips."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PureWindowsPath
from typing import Any

from core.commands import Command, Script
from core.host.facts import HostFacts, parse_facts
from core.i18n import translate
from core.provision.outer import (
    CHECKPOINT_TYPES,
    GB,
    MB,
    MIN_MEMORY,
    MIN_PROCESSORS,
    NETWORKING,
    SECURE_BOOT_TEMPLATES,
    HostSizes,
    OuterVmOptions,
    gb,
    highest_version,
    version_key,
)
from core.runners.base import Runner

MAX_NAME = 100
# The VM's folder is named after it (New-VM -Path), so the name must be a valid folder name.
_NOT_IN_FOLDER_NAME = re.compile(r'[\\/:"<>|\x00-\x1f\x7f]')
_WILDCARDS = re.compile(r"[*?\[\]]")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one option. `field` is the OuterVmOptions field, for an inline message."""

    field: str
    message: str
    severity: str = "error"  # "error" blocks creation; "warning" informs

    @property
    def blocking(self) -> bool:
        return self.severity == "error"


def is_absolute(path: str) -> bool:
    """A full Windows path: a drive letter and a backslash, or a UNC share."""
    pure = PureWindowsPath(path)
    return pure.is_absolute() and bool(pure.drive)


def _drive(path: str) -> str:
    return PureWindowsPath(path).drive.upper()


def check_options(o: OuterVmOptions) -> list[Problem]:
    """What can be told without asking the host."""
    found: list[Problem] = []
    name = o.name
    if not name.strip():
        found.append(Problem("name", translate("validate", "Give the VM a name.")))
    elif len(name) > MAX_NAME:
        found.append(
            Problem(
                "name",
                translate("validate", "Keep the VM's name to {count} characters or fewer.").format(count=MAX_NAME),
            )
        )
    elif _NOT_IN_FOLDER_NAME.search(name):
        found.append(
            Problem(
                "name",
                translate(
                    "validate",
                    "Hyper-V names the VM's folder after the VM, so the name "
                    'cannot contain \\ / : " < > | or control characters such as line '
                    "breaks.",
                ),
            )
        )
    elif _WILDCARDS.search(name):
        found.append(
            Problem(
                "name",
                translate(
                    "validate",
                    "Hyper-V's cmdlets read * ? [ ] in a VM name as wildcards, "
                    "so NestWiz could not find the VM by this name afterwards. Choose a "
                    "name without them.",
                ),
            )
        )
    elif name != name.strip() or name.endswith("."):
        found.append(
            Problem(
                "name",
                translate(
                    "validate",
                    "A VM's name cannot start or end with a space or end with "
                    "a dot: Windows would not keep it as a folder name.",
                ),
            )
        )
    for field, label, path, required in (
        ("location", translate("validate", "The VM's folder"), o.location, False),
        ("vhd_path", translate("validate", "The virtual hard disk"), o.vhd_path, True),
        ("iso_path", translate("validate", "The installation ISO"), o.iso_path, False),
    ):
        if not path:
            if required:
                found.append(Problem(field, translate("validate", "{what} needs a path.").format(what=label)))
        elif not is_absolute(path):
            found.append(
                Problem(
                    field,
                    translate("validate", "{what} needs a full path such as C:\\VMs\\…, not '{path}'.").format(
                        what=label, path=path
                    ),
                )
            )
    if o.vhd_path and not o.vhd_path.lower().endswith(".vhdx"):
        found.append(
            Problem(
                "vhd_path", translate("validate", "A generation 2 VM boots from a .vhdx disk; end the path with .vhdx.")
            )
        )
    if o.iso_path and not o.iso_path.lower().endswith(".iso"):
        found.append(
            Problem("iso_path", translate("validate", "The installation medium should be an .iso file."), "warning")
        )
    if o.processors < MIN_PROCESSORS:
        found.append(
            Problem(
                "processors",
                translate("validate", "Hyper-V inside the VM needs at least {count} virtual processors.").format(
                    count=MIN_PROCESSORS
                ),
            )
        )
    if o.memory_bytes < MIN_MEMORY:
        found.append(
            Problem(
                "memory_bytes",
                translate("validate", "Hyper-V inside the VM needs at least {memory} of memory.").format(
                    memory=gb(MIN_MEMORY)
                ),
            )
        )
    elif o.memory_bytes % (2 * MB):
        found.append(Problem("memory_bytes", translate("validate", "Hyper-V needs the memory in multiples of 2 MB.")))
    if o.new_disk and o.vhd_size_bytes < 20 * GB:
        found.append(
            Problem(
                "vhd_size_bytes",
                translate("validate", "A disk for Windows with Hyper-V needs at least 20 GB; 127 GB is usual."),
            )
        )
    if o.secure_boot_template not in SECURE_BOOT_TEMPLATES:
        found.append(
            Problem(
                "secure_boot_template",
                translate(
                    "validate",
                    "Choose MicrosoftWindows (Windows guests) or MicrosoftUEFICertificateAuthority (Linux guests).",
                ),
            )
        )
    if o.networking not in NETWORKING:
        found.append(
            Problem(
                "networking", translate("validate", "Choose MAC address spoofing or NAT for the nested VMs' network.")
            )
        )
    if o.checkpoint_type not in CHECKPOINT_TYPES:
        found.append(
            Problem(
                "checkpoint_type",
                translate("validate", "Choose one of {types} for checkpoints.").format(
                    types=", ".join(CHECKPOINT_TYPES)
                ),
            )
        )
    return found


@dataclass
class HostView:
    """What validation learned from the host; kept so the page can show it."""

    vm_names: list[str]
    switches: list[str]
    items: dict[str, dict[str, Any]]  # lower-case path -> Get-Item record
    item_errors: dict[str, str]  # lower-case path -> error message (other than "not found")
    total_memory: int
    free_memory: int
    volumes: dict[str, tuple[int, int]]  # "C:" -> (size, free)
    versions: list[str]
    logical_processors: int = 0  # 0: not known


VIEW_SCRIPT = "Get-OuterVmView.ps1"


async def look(runner: Runner, o: OuterVmOptions, facts: HostFacts | None = None) -> HostView:
    """Ask the host what the checks need: VMs, switches and the plan's paths in one fixed script; memory, disks and
    versions from the host's facts (asked only when the facts lack them)."""
    paths = tuple(p for p in dict.fromkeys((o.iso_path, o.vhd_path, o.location)) if p and is_absolute(p))
    view = await runner.run(Script.of(VIEW_SCRIPT, LiteralPath=paths or None))
    records = [r for r in view.output if isinstance(r, dict)]
    items: dict[str, dict[str, Any]] = {}
    item_errors: dict[str, str] = {}
    for record in records:
        if record.get("Kind") != "Path":
            continue
        path = str(record.get("Path", "")).lower()
        if record.get("Error"):
            item_errors[path] = str(record["Error"])
        elif record.get("Exists"):
            items[path] = {"PSIsContainer": bool(record.get("IsFolder"))}
    sizes = HostSizes.from_facts(facts)
    if sizes is None or not sizes.total_memory or not sizes.volumes:
        system = (await runner.run(Command.of("Get-CimInstance", ClassName="Win32_ComputerSystem"))).first() or {}
        os_ = (await runner.run(Command.of("Get-CimInstance", ClassName="Win32_OperatingSystem"))).first() or {}
        disks = await runner.run(Command.of("Get-CimInstance", ClassName="Win32_LogicalDisk"))
        asked = parse_facts({"ComputerSystem": system, "OS": os_, "Volumes": disks.output})
        sizes = replace(HostSizes.from_facts(asked) or HostSizes(), versions=sizes.versions if sizes else ())
    versions = list(sizes.versions)
    if not versions:
        supported = await runner.run(Command.of("Get-VMHostSupportedVersion"))
        versions = [str(r.get("Version")) for r in supported.output if isinstance(r, dict)]
    return HostView(
        vm_names=[str(r.get("Name")) for r in records if r.get("Kind") == "VM"],
        switches=[str(r.get("Name")) for r in records if r.get("Kind") == "Switch"],
        items=items,
        item_errors=item_errors,
        total_memory=sizes.total_memory,
        free_memory=sizes.free_memory,
        volumes=dict(sizes.volumes),
        versions=versions,
        logical_processors=sizes.logical_processors,
    )


def check_against(o: OuterVmOptions, view: HostView) -> list[Problem]:
    """What the host's answers say about the options."""
    found: list[Problem] = []
    if any(n.lower() == o.name.lower() for n in view.vm_names):
        found.append(
            Problem(
                "name",
                translate(
                    "validate",
                    "A VM named '{name}' already exists on this host. "
                    "Hyper-V would accept a second one, but every later step finds the VM "
                    "by its name: choose another name.",
                ).format(name=o.name),
            )
        )
    if view.logical_processors and o.processors > view.logical_processors:
        # Set-VMProcessor refuses more virtual processors than the host has logical ones (the simulated host's
        # Set-VMProcessor says why); checked here, before New-VM, so a refused plan leaves nothing behind.
        found.append(
            Problem(
                "processors",
                translate(
                    "validate",
                    "This host has {count} logical processors; a VM cannot have more virtual processors than that.",
                ).format(count=view.logical_processors),
            )
        )
    if o.switch_name and not any(s.lower() == o.switch_name.lower() for s in view.switches):
        found.append(
            Problem(
                "switch_name",
                translate("validate", "This host has no virtual switch named '{switch}'.").format(switch=o.switch_name),
            )
        )
    for field, path in (("location", o.location), ("vhd_path", o.vhd_path), ("iso_path", o.iso_path)):
        if (
            path
            and is_absolute(path)
            and not PureWindowsPath(path).drive.startswith("\\\\")
            and view.volumes
            and _drive(path) not in view.volumes
        ):
            found.append(
                Problem(
                    field,
                    translate("validate", "This host has no drive {drive} for '{path}'.").format(
                        drive=_drive(path), path=path
                    ),
                )
            )
    vhd = view.items.get(o.vhd_path.lower()) if o.vhd_path else None
    if o.vhd_path and is_absolute(o.vhd_path):
        error = view.item_errors.get(o.vhd_path.lower())
        if o.new_disk and (vhd is not None or error):
            found.append(
                Problem(
                    "vhd_path",
                    translate(
                        "validate",
                        "'{path}' already exists. NestWiz never "
                        "overwrites a disk: choose another path, or use the existing "
                        "disk.",
                    ).format(path=o.vhd_path),
                )
            )
        elif not o.new_disk and error:
            found.append(
                Problem(
                    "vhd_path",
                    translate("validate", "The disk '{path}' cannot be read: {error}").format(
                        path=o.vhd_path, error=error
                    ),
                )
            )
        elif not o.new_disk and vhd is None:
            found.append(
                Problem("vhd_path", translate("validate", "The disk '{path}' does not exist.").format(path=o.vhd_path))
            )
        elif vhd is not None and vhd.get("PSIsContainer"):
            found.append(
                Problem("vhd_path", translate("validate", "'{path}' is a folder, not a disk.").format(path=o.vhd_path))
            )
    if o.iso_path and is_absolute(o.iso_path):
        iso = view.items.get(o.iso_path.lower())
        error = view.item_errors.get(o.iso_path.lower())
        if error:
            found.append(
                Problem(
                    "iso_path",
                    translate("validate", "The ISO '{path}' cannot be read: {error}").format(
                        path=o.iso_path, error=error
                    ),
                )
            )
        elif iso is None:
            found.append(
                Problem("iso_path", translate("validate", "The ISO '{path}' does not exist.").format(path=o.iso_path))
            )
        elif iso.get("PSIsContainer"):
            found.append(
                Problem(
                    "iso_path", translate("validate", "'{path}' is a folder, not an ISO file.").format(path=o.iso_path)
                )
            )
    if o.location and is_absolute(o.location):
        folder = view.items.get(o.location.lower())
        if folder is not None and not folder.get("PSIsContainer"):
            found.append(
                Problem("location", translate("validate", "'{path}' is a file, not a folder.").format(path=o.location))
            )
    if view.total_memory and o.memory_bytes > view.total_memory:
        found.append(
            Problem(
                "memory_bytes",
                translate("validate", "{memory} is more than this host's memory ({total}).").format(
                    memory=gb(o.memory_bytes), total=gb(view.total_memory)
                ),
            )
        )
    elif view.free_memory and o.memory_bytes > view.free_memory:
        found.append(
            Problem(
                "memory_bytes",
                translate(
                    "validate", "Only {free} GB of memory is free now; the VM will not start until enough is free."
                ).format(free=f"{view.free_memory / GB:.1f}"),
                "warning",
            )
        )
    if o.new_disk and o.vhd_path and _drive(o.vhd_path) in view.volumes:
        size, free = view.volumes[_drive(o.vhd_path)]
        if o.vhd_size_bytes > size:
            found.append(
                Problem(
                    "vhd_size_bytes",
                    translate("validate", "{size} is more than the whole drive {drive} ({total} GB).").format(
                        size=gb(o.vhd_size_bytes), drive=_drive(o.vhd_path), total=f"{size / GB:.0f}"
                    ),
                )
            )
        elif o.vhd_size_bytes > free:
            found.append(
                Problem(
                    "vhd_size_bytes",
                    translate(
                        "validate", "The disk may grow to {size}, more than the {free} GB free on {drive}."
                    ).format(size=gb(o.vhd_size_bytes), free=f"{free / GB:.0f}", drive=_drive(o.vhd_path)),
                    "warning",
                )
            )
    if o.version and view.versions and o.version not in view.versions:
        best = highest_version(view.versions) or max(view.versions, key=version_key)
        found.append(
            Problem(
                "version",
                translate(
                    "validate",
                    "This host does not support configuration version {version}; the highest it supports is {best}.",
                ).format(version=o.version, best=best),
            )
        )
    return found


async def validate(runner: Runner, o: OuterVmOptions, facts: HostFacts | None = None) -> list[Problem]:
    """Every problem with the options: the local checks, then the host's answers."""
    found = check_options(o)
    view = await look(runner, o, facts)
    return found + check_against(o, view)
