"""Simulated cmdlets that create a VM and its devices, and the simulated file system (SimHost.files)."""

from __future__ import annotations

import fnmatch
import re
from typing import Any

from core.commands import Command, Script
from core.errors import CommandRejected
from core.results import ErrorRecord
from core.sim.engine import Call, RecordSink, Terminating, cmdlet, invoke
from core.sim.handlers.system import UNRELEASED_NAMES
from core.sim.handlers.vm import GAP, vm_record, vms_for
from core.sim.host import SimHost
from core.sim.model import GB, MB, SimAdapter, SimDisk, SimDvd, SimVM
from core.sim.scripts import script

_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)")
_NOT_IN_FOLDER_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
SECURE_BOOT_TEMPLATES = ("MicrosoftWindows", "MicrosoftUEFICertificateAuthority", "OpenSourceShieldedVM")
DEFAULT_MEMORY = 1024 * MB
DYNAMIC_VHDX_FILE_SIZE = 4 * MB


# ---------------------------------------------------------------------- the file system
def _norm(path: str) -> str:
    return path.rstrip("\\").lower() if len(path.rstrip("\\")) > 2 else path.rstrip("\\").lower() + "\\"


def _parent(path: str) -> str:
    head, _, _ = path.rstrip("\\").rpartition("\\")
    return head + "\\" if len(head) == 2 and head.endswith(":") else head


def _leaf(path: str) -> str:
    return path.rstrip("\\").rpartition("\\")[2]


def _directories(host: SimHost) -> dict[str, str]:
    """Every folder: created ones, drive roots, and the folders of every file."""
    found: dict[str, str] = {}
    for volume in host.state.volumes:
        found[_norm(volume.drive + "\\")] = volume.drive + "\\"
    for path in [*host.file_names.values(), *host.directories.values()]:
        current = path if _norm(path) in host.directories else _parent(path)
        while current and _norm(current) not in found:
            found[_norm(current)] = current
            parent = _parent(current)
            if parent == current:
                break
            current = parent
    return found


def is_dir(host: SimHost, path: str) -> bool:
    return _norm(path) in _directories(host)


def _drive_exists(host: SimHost, path: str) -> bool:
    return path.startswith("\\\\") or any(path[:2].lower() == v.drive.lower() for v in host.state.volumes)


def _not_found(call: Call, path: str) -> None:
    # SessionStateStrings.PathNotFound, id PathNotFound, ObjectNotFound (PowerShell/PowerShell
    # src/System.Management.Automation/resources/SessionStateStrings.resx, engine/SessionStateContainer.cs).
    call.error(f"Cannot find path '{path}' because it does not exist.", "PathNotFound", "ObjectNotFound", path)


def _item(host: SimHost, path: str) -> dict[str, Any] | None:
    if host.has_file(path):
        written = host.file_names[path.lower()]
        leaf = _leaf(written)
        return {
            "FullName": written,
            "Name": leaf,
            "Length": host.files[path.lower()],
            "PSIsContainer": False,
            "Extension": "." + leaf.rpartition(".")[2] if "." in leaf else "",
        }
    directories = _directories(host)
    if _norm(path) in directories:
        written = directories[_norm(path)]
        return {"FullName": written, "Name": _leaf(written) or written, "PSIsContainer": True}
    return None


def _paths(call: Call) -> list[str]:
    return call.names("LiteralPath") or call.names("Path")


def _disk_users(host: SimHost, path: str) -> list[SimVM]:
    return [vm for vm in host.vms if any(d.path.lower() == path.lower() for d in vm.disks)]


@cmdlet("Test-Path", "Path LiteralPath PathType IsValid")
def test_path(call: Call) -> list[Any]:
    host = call.host
    kind = str(call.get("PathType", "Any")).lower()
    out: list[Any] = []
    for path in _paths(call):
        if call.switch("IsValid"):
            out.append(bool(_ABSOLUTE.match(path)) or "\\" not in path[:1])
            continue
        leaf, folder = host.has_file(path), is_dir(host, path)
        out.append({"any": leaf or folder, "leaf": leaf, "container": folder}[kind])
    return out


@cmdlet("Get-Item", "Path LiteralPath Force")
def get_item(call: Call) -> list[Any]:
    out = []
    for path in _paths(call):
        item = _item(call.host, path)
        if item is None:
            _not_found(call, path)
            continue
        out.append(item)
    return out


@script("Get-OuterVmView.ps1")
async def outer_vm_view(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    """As resources/scripts/Get-OuterVmView.ps1: VM and switch names, then for each path whether it exists and is
    a folder (the script stops on any error of Get-VM or Get-VMSwitch, as $ErrorActionPreference = 'Stop')."""
    out: list[Any] = []
    for name, kind in (("Get-VM", "VM"), ("Get-VMSwitch", "Switch")):
        records = await invoke(host, Command.of(name, ErrorAction="Stop"), [], sink, False)
        out += [{"Kind": kind, "Name": str(r["Name"])} for r in records]
    paths = runnable.get("LiteralPath")
    for path in [paths] if isinstance(paths, str) else [str(p) for p in paths or ()]:
        if not path:
            continue
        item = _item(host, path)
        out.append(
            {
                "Kind": "Path",
                "Path": path,
                "Exists": item is not None,
                "IsFolder": bool(item and item["PSIsContainer"]),
                "Error": None,
            }
        )
    return out


@cmdlet("Get-ChildItem", "Path LiteralPath Filter File Force")
def get_child_item(call: Call) -> list[Any]:
    host = call.host
    pattern = str(call.get("Filter") or "*").lower()
    out = []
    for folder in _paths(call):
        wildcard = call.has("Path")
        matched = False
        for key, written in sorted(host.file_names.items()):
            parent = _parent(written).lower()
            fits = (
                fnmatch.fnmatchcase(parent, folder.rstrip("\\").lower())
                if wildcard
                else (parent == folder.rstrip("\\").lower())
            )
            if fits:
                matched = True
                if fnmatch.fnmatchcase(_leaf(key), pattern):
                    out.append(_item(host, written))
        if not matched and not is_dir(host, folder) and not any(ch in folder for ch in "*?"):
            _not_found(call, folder)
    return out


@cmdlet("New-Item", "Path ItemType Force")
def new_item(call: Call) -> list[Any]:
    host = call.host
    if str(call.get("ItemType", "File")).lower() != "directory":
        raise call.fail(
            "The simulated host creates folders only (New-Item -ItemType Directory).", "SimulationGap", "NotImplemented"
        )
    out = []
    for path in call.names("Path"):
        if not _drive_exists(host, path):
            # SessionStateStrings.DriveNotFound / FileSystemProviderStrings.DirectoryExist with their ids
            # (PowerShell/PowerShell engine/SessionStateDriveAPIs.cs, namespaces/FileSystemProvider.cs).
            call.error(
                f"Cannot find drive. A drive with the name '{path[:1]}' does not exist.",
                "DriveNotFound",
                "ObjectNotFound",
                path,
            )
            continue
        if host.has_file(path) or (is_dir(host, path) and not call.switch("Force")):
            call.error(
                f"An item with the specified name {path} already exists.", "DirectoryExist", "ResourceExists", path
            )
            continue
        host.directories[_norm(path)] = path.rstrip("\\")
        out.append(_item(host, path))
    return out


@cmdlet("Remove-Item", "Path LiteralPath Force Recurse")
def remove_item(call: Call) -> list[Any]:
    host = call.host
    for path in _paths(call):
        if host.has_file(path):
            users = _disk_users(host, path)
            if users:
                # RemoveFileSystemItemIOError, WriteError (PowerShell/PowerShell namespaces/FileSystemProvider.cs).
                call.error(
                    f"Cannot remove item {path}: The process cannot access the file '{path}' because it "
                    "is being used by another process.",
                    "RemoveFileSystemItemIOError",
                    "WriteError",
                    path,
                )
                continue
            host.remove_file(path)
        elif is_dir(host, path):
            inside = [p for p in host.files if p.startswith(_norm(path) + "\\")]
            if inside and not call.switch("Recurse"):
                # Windows asks to confirm here (NavigationResources.resx in PowerShell/PowerShell); what a
                # non-interactive host then writes was not found in a public record.
                call.error(
                    f"{GAP}the item at {path} has children and the Recurse parameter was not specified.",
                    "SimulationGap",
                    "NotImplemented",
                    path,
                )
                continue
            for key in inside:
                host.remove_file(key)
            for key in [k for k in host.directories if k == _norm(path) or k.startswith(_norm(path) + "\\")]:
                del host.directories[key]
        else:
            _not_found(call, path)
    return []


# ---------------------------------------------------------------------- disks
def _create_vhd(call: Call, path: str, size: int, fixed: bool) -> dict[str, Any] | None:
    host = call.host
    if not _ABSOLUTE.match(path):
        # New-VHD's and New-VM's answers in this module were not found in a public record unless a source is given:
        # simulation refusals (SimulationGap) that keep the situation in their message.
        call.error(f"{GAP}the path '{path}' is not an absolute path.", "SimulationGap", "NotImplemented", path)
        return None
    if not path.lower().endswith((".vhd", ".vhdx")):
        call.error(
            f"{GAP}the file name '{path}' has an extension Hyper-V does not recognize: use .vhdx or .vhd.",
            "SimulationGap",
            "NotImplemented",
            path,
        )
        return None
    if not _drive_exists(host, path):
        call.error(
            f"{GAP}the system cannot find the path specified: '{path}'.", "SimulationGap", "NotImplemented", path
        )
        return None
    folder = _parent(path)
    if folder and not is_dir(host, folder):
        # Whether New-VHD (or New-VM -NewVHDPath) creates a missing folder is not documented either way
        # (https://learn.microsoft.com/powershell/module/hyper-v/new-vhd): refused rather than guessed.
        raise CommandRejected(
            f"The simulated host does not create the missing folder '{folder}' for '{path}': "
            "whether Hyper-V does is not documented. Create it first (New-Item -ItemType "
            "Directory).",
            detail="SimulationGap",
        )
    if host.has_file(path) or is_dir(host, path):
        call.error(
            f"{GAP}the system failed to create '{path}': The file exists. (0x80070050).",
            "SimulationGap",
            "NotImplemented",
            path,
        )
        return None
    volume = next(v for v in host.state.volumes if path.startswith("\\\\") or v.drive.lower() == path[:2].lower())
    on_disk = size if fixed else DYNAMIC_VHDX_FILE_SIZE
    if on_disk > volume.free:
        call.error(f"{GAP}there is not enough space on the disk for '{path}'.", "SimulationGap", "NotImplemented", path)
        return None
    volume.free -= on_disk
    host.add_file(path, on_disk)
    return {
        "Path": path,
        "VhdFormat": "VHDX" if path.lower().endswith(".vhdx") else "VHD",
        "VhdType": "Fixed" if fixed else "Dynamic",
        "Size": size,
        "FileSize": on_disk,
        "Attached": False,
    }


@cmdlet("New-VHD", "Path SizeBytes Dynamic Fixed")
def new_vhd(call: Call) -> list[Any]:
    out = []
    for path in call.names("Path"):
        record = _create_vhd(call, path, int(call.get("SizeBytes")), call.switch("Fixed"))
        if record is not None:
            out.append(record)
    return out


def _disk_record(vm: SimVM, disk: SimDisk) -> dict[str, Any]:
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "Path": disk.path,
        "ControllerType": disk.controller_type,
        "ControllerNumber": disk.controller_number,
        "ControllerLocation": disk.controller_location,
    }


def _dvd_record(vm: SimVM, dvd: SimDvd) -> dict[str, Any]:
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "Path": dvd.path,
        "ControllerType": "SCSI" if vm.generation == 2 else "IDE",
        "ControllerNumber": dvd.controller_number,
        "ControllerLocation": dvd.controller_location,
        "DvdMediaType": "ISO" if dvd.path else "None",
    }


def _next_location(vm: SimVM, controller: int) -> int:
    used = {d.controller_location for d in vm.disks if d.controller_number == controller}
    used |= {d.controller_location for d in vm.dvds if d.controller_number == controller}
    return next(i for i in range(64) if i not in used)


def _off(call: Call, vm: SimVM, device: str) -> bool:
    if vm.state == "Off":
        return True
    # The InvalidState sentence, category and empty target are Hyper-V's (see core.sim.handlers.vm._must_be_off).
    call.error(
        f"Failed to modify device '{device}'.\nThe operation cannot be performed while the object is in its "
        "current state.",
        "InvalidState",
        "InvalidOperation",
    )
    return False


def _attach(call: Call, vm: SimVM, path: str, controller_type: str | None = None) -> SimDisk | None:
    host = call.host
    if not host.has_file(path):
        call.error(
            f"{GAP}the system cannot find the file specified: '{path}'.", "SimulationGap", "NotImplemented", path
        )
        return None
    others = [other.name for other in _disk_users(host, path) if other is not vm]
    if others:
        call.error(
            f"{GAP}'{path}' is already attached to the virtual machine '{others[0]}'.",
            "SimulationGap",
            "NotImplemented",
            path,
        )
        return None
    kind = controller_type or ("SCSI" if vm.generation == 2 else "IDE")
    disk = SimDisk(path, kind, 0, _next_location(vm, 0))
    vm.disks.append(disk)
    return disk


@cmdlet("Add-VMHardDiskDrive", "VMName VM Path ControllerType ControllerNumber ControllerLocation Passthru")
def add_vm_hard_disk_drive(call: Call) -> list[Any]:
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        if not _off(call, vm, "Virtual Hard Disk"):
            continue
        disk = _attach(call, vm, str(call.get("Path")), call.get("ControllerType"))
        if disk is not None and call.switch("Passthru"):
            out.append(_disk_record(vm, disk))
    return out


@cmdlet("Get-VMHardDiskDrive", "VMName VM")
def get_vm_hard_disk_drive(call: Call) -> list[Any]:
    return [_disk_record(vm, d) for vm in vms_for(call, call.names("VMName") or None) for d in vm.disks]


@cmdlet("Add-VMDvdDrive", "VMName VM Path ControllerNumber ControllerLocation Passthru")
def add_vm_dvd_drive(call: Call) -> list[Any]:
    host = call.host
    path = call.get("Path")
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        if not _off(call, vm, "DVD Drive"):
            continue
        if path is not None and not host.has_file(str(path)):
            call.error(
                f"{GAP}the system cannot find the file specified: '{path}'.",
                "SimulationGap",
                "NotImplemented",
                str(path),
            )
            continue
        controller = int(call.get("ControllerNumber", 0 if vm.generation == 2 else 1))
        location = call.get("ControllerLocation")
        dvd = SimDvd(
            str(path) if path is not None else None,
            controller,
            int(location) if location is not None else _next_location(vm, controller),
        )
        vm.dvds.append(dvd)
        if call.switch("Passthru"):
            out.append(_dvd_record(vm, dvd))
    return out


@cmdlet("Set-VMDvdDrive", "VMName Path ControllerNumber ControllerLocation Passthru")
def set_vm_dvd_drive(call: Call) -> list[Any]:
    host = call.host
    path = call.get("Path")
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        drives = [
            d
            for d in vm.dvds
            if (not call.has("ControllerNumber") or d.controller_number == call.get("ControllerNumber"))
            and (not call.has("ControllerLocation") or d.controller_location == call.get("ControllerLocation"))
        ]
        if not drives:
            call.error(
                f"{GAP}no DVD drive was found on the virtual machine '{vm.name}'.",
                "SimulationGap",
                "NotImplemented",
                vm.name,
            )
            continue
        if path is not None and not host.has_file(str(path)):
            call.error(
                f"{GAP}the system cannot find the file specified: '{path}'.",
                "SimulationGap",
                "NotImplemented",
                str(path),
            )
            continue
        for dvd in drives:
            dvd.path = str(path) if path is not None else None
            if call.switch("Passthru"):
                out.append(_dvd_record(vm, dvd))
    return out


@cmdlet("Get-VMDvdDrive", "VMName VM")
def get_vm_dvd_drive(call: Call) -> list[Any]:
    return [_dvd_record(vm, d) for vm in vms_for(call, call.names("VMName") or None) for d in vm.dvds]


# ---------------------------------------------------------------------- firmware and security
def _generation_2(call: Call, vm: SimVM) -> bool:
    if vm.generation == 2:
        return True
    call.error(
        f"{GAP}the virtual machine '{vm.name}' is a generation 1 virtual machine; {call.name} applies to "
        "generation 2 virtual machines only.",
        "SimulationGap",
        "NotImplemented",
        vm.name,
    )
    return False


def _boot_entry(vm: SimVM, kind: str, index: int) -> dict[str, Any]:
    """One BootOrder entry: the device as Get-VMDvdDrive / Get-VMHardDiskDrive / Get-VMNetworkAdapter returns it."""
    if kind == "DvdDrive":
        device: dict[str, Any] = _dvd_record(vm, vm.dvds[index])
    elif kind == "HardDiskDrive":
        device = {"VMName": vm.name, "Path": vm.disks[index].path}
    else:
        device = {"VMName": vm.name, "Name": vm.adapters[index].name, "SwitchName": vm.adapters[index].switch_name}
    return {"BootType": "Drive" if kind != "NetworkAdapter" else "Network", "Device": device}


def _boot_order(vm: SimVM) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    entries = []
    for kind in vm.boot_order():
        entries.append(_boot_entry(vm, kind, seen.get(kind, 0)))
        seen[kind] = seen.get(kind, 0) + 1
    return entries


def _thrown(message: str) -> Terminating:
    """What a script's `throw "<message>"` raises: the message is also the FullyQualifiedErrorId and the target,
    category OperationStopped (PowerShell/PowerShell src/System.Management.Automation/engine/runtime/Operations/
    MiscOps.cs, ConvertToException)."""
    return Terminating(ErrorRecord(message, message, "OperationStopped", message))


def _firmware_record(vm: SimVM) -> dict[str, Any]:
    order = vm.boot_order()
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "SecureBoot": "On" if vm.secure_boot else "Off",
        "SecureBootTemplate": vm.secure_boot_template,
        "FirstBootDevice": order[0] if order else None,
        "BootOrder": _boot_order(vm),
    }


@script("Set-FirstBootDvd.ps1")
async def set_first_boot_dvd(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    """As resources/scripts/Set-FirstBootDvd.ps1: exactly one VM by that name, with a DVD drive, goes first."""
    name = str(runnable.get("VMName"))
    vms = [vm for vm in host.vms if vm.name == name]
    if len(vms) != 1:
        raise _thrown(f"NestWiz expected exactly one virtual machine named '{name}' and found {len(vms)}.")
    vm = vms[0]
    if not vm.dvds:
        raise _thrown(f"The virtual machine '{name}' has no DVD drive to start from.")
    if vm.generation != 2:
        raise Terminating(
            ErrorRecord(
                f"{GAP}Set-VMFirmware on the generation 1 virtual machine '{name}'.",
                "SimulationGap",
                "NotImplemented",
                name,
            )
        )
    if vm.state != "Off":
        raise Terminating(
            ErrorRecord(  # Hyper-V's InvalidState (see core.sim.handlers.vm._must_be_off)
                "Failed to modify device 'Firmware'.\nThe operation cannot be performed while the object is in its "
                "current state.",
                "InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware",
                "InvalidOperation",
            )
        )
    vm.first_boot_device = "DvdDrive"
    return []


@cmdlet("Set-VMFirmware", "VMName VM EnableSecureBoot SecureBootTemplate FirstBootDevice Passthru")
def set_vm_firmware(call: Call) -> list[Any]:
    template = call.get("SecureBootTemplate")
    first = call.get("FirstBootDevice")
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        if not _generation_2(call, vm) or not _off(call, vm, "Firmware"):
            continue
        if first is not None:
            # A device object of this VM (Get-VMDvdDrive's); the simulated host models DVD drives only here.
            if not (
                isinstance(first, dict)
                and first.get("VMName") == vm.name
                and first in [_dvd_record(vm, d) for d in vm.dvds]
            ):
                raise CommandRejected(
                    "The simulated host models -FirstBootDevice with one of the VM's DVD drives only.",
                    detail="SimulationGap",
                )
            vm.first_boot_device = "DvdDrive"
        if template is not None:
            known = next((t for t in SECURE_BOOT_TEMPLATES if t.lower() == str(template).lower()), None)
            if known is None:
                call.error(
                    f"{GAP}the secure boot template '{template}' was not found.",
                    "SimulationGap",
                    "NotImplemented",
                    str(template),
                )
                continue
            vm.secure_boot_template = known
        if call.get("EnableSecureBoot") is not None:
            vm.secure_boot = str(call.get("EnableSecureBoot")).lower() == "on"
        if call.switch("Passthru"):
            out.append(_firmware_record(vm))
    return out


@cmdlet("Get-VMFirmware", "VMName VM")
def get_vm_firmware(call: Call) -> list[Any]:
    return [_firmware_record(vm) for vm in vms_for(call, call.names("VMName") or None) if _generation_2(call, vm)]


@cmdlet("Set-VMKeyProtector", "VMName VM NewLocalKeyProtector Passthru")
def set_vm_key_protector(call: Call) -> list[Any]:
    for vm in vms_for(call, call.names("VMName") or None):
        if not _generation_2(call, vm):
            continue
        if vm.tpm:
            call.error(
                f"{GAP}the key protector of '{vm.name}' cannot be replaced while its virtual TPM is enabled.",
                "SimulationGap",
                "NotImplemented",
                vm.name,
            )
            continue
        vm.key_protector = call.switch("NewLocalKeyProtector") or vm.key_protector
    return []


@cmdlet("Enable-VMTPM", "VMName VM Passthru")
def enable_vm_tpm(call: Call) -> list[Any]:
    for vm in vms_for(call, call.names("VMName") or None):
        if not _generation_2(call, vm) or not _off(call, vm, "Microsoft Virtual TPM"):
            continue
        if not vm.key_protector:
            call.error(
                f"{GAP}the virtual machine '{vm.name}' has no key protector. Set one first with Set-VMKeyProtector.",
                "SimulationGap",
                "NotImplemented",
                vm.name,
            )
            continue
        vm.tpm = True
    return []


@cmdlet("Get-VMSecurity", "VMName VM")
def get_vm_security(call: Call) -> list[Any]:
    return [
        {
            "VMName": vm.name,
            "VMId": vm.id,
            "TpmEnabled": vm.tpm,
            "KsdEnabled": False,
            "Shielded": False,
            "EncryptStateAndVmMigrationTraffic": False,
            "VirtualizationBasedSecurityOptOut": False,
        }
        for vm in vms_for(call, call.names("VMName") or None)
    ]


# ---------------------------------------------------------------------- New-VM
@cmdlet(
    "New-VM",
    "Name MemoryStartupBytes Generation Version Path SwitchName NewVHDPath NewVHDSizeBytes VHDPath NoVHD Force",
)
def new_vm(call: Call) -> list[Any]:
    host = call.host
    name = str(call.get("Name", "New Virtual Machine"))
    generation = int(call.get("Generation", 1))
    version = str(call.get("Version", host.state.default_version))
    if version not in host.state.supported_versions:
        raise call.fail(
            f"{GAP}the configuration version '{version}' is not supported by this host. Run "
            "Get-VMHostSupportedVersion to list the supported versions.",
            "SimulationGap",
            "NotImplemented",
            version,
        )
    if version in UNRELEASED_NAMES:
        # Listed by Get-VMHostSupportedVersion but not released (HyperVDsc#55); what a VM of such a version can do
        # is not documented, so the simulated host makes none rather than guess.
        raise CommandRejected(
            f"The simulated host does not make VMs of configuration version {version} "
            f"({UNRELEASED_NAMES[version]}): what Windows does with one is not documented.",
            detail="SimulationGap",
        )
    switch_name = call.get("SwitchName")
    switch = host.find_switch(str(switch_name)) if switch_name is not None else None
    if switch_name is not None and switch is None:
        raise call.fail(
            f'Hyper-V was unable to find a virtual switch with name "{switch_name}".',
            "InvalidParameter",
            "InvalidArgument",
            str(switch_name),
        )
    folder = call.get("Path")
    if folder is not None:
        if not _ABSOLUTE.match(str(folder)):
            raise call.fail(
                f"{GAP}the path '{folder}' is not an absolute path.", "SimulationGap", "NotImplemented", str(folder)
            )
        if _NOT_IN_FOLDER_NAME.search(name) or name != name.strip():
            raise call.fail(
                f"{GAP}the filename, directory name, or volume label syntax is incorrect: '{folder}\\{name}'.",
                "SimulationGap",
                "NotImplemented",
                name,
            )
    memory = int(call.get("MemoryStartupBytes", DEFAULT_MEMORY))
    if memory < 32 * MB or memory % (2 * MB) or memory > host.state.total_memory:
        raise call.fail(
            f"{GAP}the startup memory {memory // MB} MB is not valid: it must be a multiple of 2 MB "
            f"between 32 MB and the host's {host.state.total_memory // GB} GB.",
            "SimulationGap",
            "NotImplemented",
            name,
        )
    vhd_path = call.get("VHDPath")
    if vhd_path is not None and not host.has_file(str(vhd_path)):
        raise call.fail(
            f"{GAP}the system cannot find the file specified: '{vhd_path}'.",
            "SimulationGap",
            "NotImplemented",
            str(vhd_path),
        )
    new_vhd_path = call.get("NewVHDPath")
    if new_vhd_path is not None:
        created = _create_vhd(call, str(new_vhd_path), int(call.get("NewVHDSizeBytes")), False)
        if created is None:
            return []
        vhd_path = new_vhd_path
    vm = SimVM(
        name=name,
        generation=generation,
        version=version,
        memory_startup=memory,
        processor_count=1,
        adapters=[SimAdapter(switch_name=switch.name if switch else None, mac=f"00155D{len(host.vms) + 1:06X}")],
        secure_boot=generation == 2,
        secure_boot_template="MicrosoftWindows",
        path=str(folder) + "\\" + name if folder is not None else host.state.vm_path,
    )
    if vhd_path is not None:
        _attach(call, vm, str(vhd_path))
    host.vms.append(vm)
    return [vm_record(call, vm)]
