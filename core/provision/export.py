"""A plan as a standalone PowerShell 5.1 script: values in a param() block, the same checks, safe to run twice."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.commands import Command, Variable, quote, render
from core.errors import NestWizError
from core.lab.plan import load
from core.provision.outer import GENERATION, MIN_MEMORY, MIN_PROCESSORS, OuterVmOptions

V = Variable


def _param(type_name: str, name: str, value: str | int | bool, help_text: str) -> list[str]:
    if isinstance(value, bool):
        literal = "$true" if value else "$false"
    elif isinstance(value, int):
        literal = str(value)
    else:
        literal = quote(value)
    return [f"    # {help_text}", f"    [{type_name}]${name} = {literal}"]


def outer_params(o: OuterVmOptions) -> list[list[str]]:
    entries = [_param("string", "VMName", o.name, "The new VM's name.")]
    if o.location:
        entries.append(_param("string", "VMPath", o.location, "The folder that will hold the VM's own folder."))
    entries.append(_param("string", "VhdPath", o.vhd_path, "The VM's virtual hard disk (.vhdx)."))
    if o.new_disk:
        entries.append(
            _param(
                "UInt64",
                "VhdSizeBytes",
                o.vhd_size_bytes,
                "The largest size the new, dynamically expanding disk may grow to.",
            )
        )
    if o.iso_path:
        entries.append(_param("string", "IsoPath", o.iso_path, "The installation medium."))
    if o.switch_name:
        entries.append(_param("string", "SwitchName", o.switch_name, "The virtual switch the VM connects to."))
    entries.append(
        _param("Int64", "MemoryStartupBytes", o.memory_bytes, "Static memory; nested Hyper-V needs at least 4 GB.")
    )
    entries.append(_param("Int64", "ProcessorCount", o.processors, "Virtual processors; at least 2."))
    if o.version:
        entries.append(_param("string", "Version", o.version, "The VM configuration version."))
    entries.append(
        _param(
            "string",
            "SecureBootTemplate",
            o.secure_boot_template,
            "MicrosoftWindows for Windows guests, MicrosoftUEFICertificateAuthority for Linux.",
        )
    )
    entries.append(
        _param("string", "CheckpointType", o.checkpoint_type, "Production, ProductionOnly, Standard or Disabled.")
    )
    entries.append(
        _param(
            "bool",
            "AutomaticCheckpoints",
            o.automatic_checkpoints,
            "Whether Hyper-V takes a checkpoint each time the VM starts.",
        )
    )
    return entries


def block(condition: str, *body: str) -> list[str]:
    return [f"if ({condition}) {{", *(f"    {line}" for line in body), "}"]


def first_boot_dvd_lines(vm_variable: str) -> list[str]:
    """Set-FirstBootDvd.ps1 as export lines: generation 2 boots devices in the order added, the DVD last."""
    vm = V(vm_variable)
    return [
        "$dvd = Get-VMDvdDrive -VM $" + vm_variable + " | Select-Object -First 1",
        "$first = (Get-VMFirmware -VM $" + vm_variable + ").BootOrder | Select-Object -First 1",
        *block(
            "$dvd -and $first.Device.Path -ne $dvd.Path",
            render(Command.of("Set-VMFirmware", VM=vm, FirstBootDevice=V("dvd"))),
        ),
    ]


def outer_checks(o: OuterVmOptions) -> list[str]:
    lines = [
        "# ---- Checks: nothing changes unless all of them pass ----------------------------------------------",
        "$problems = New-Object -TypeName System.Collections.Generic.List[string]",
        "$vm = Get-VM | Where-Object { $_.Name -eq $VMName }",
        *block(
            "@($vm).Count -gt 1",
            "$problems.Add(\"More than one VM is named '$VMName'; this script cannot tell which one to use.\")",
        ),
        *block(
            "$vm -and -not (Get-VMHardDiskDrive -VM $vm | Where-Object { $_.Path -eq $VhdPath })",
            "$problems.Add(\"A VM named '$VMName' already exists and does not use '$VhdPath': it is not one "
            'this script created. Choose another name.")',
        ),
        *block(
            "$vm -and $vm.State -ne 'Off'",
            "$problems.Add(\"The VM '$VMName' exists and is $($vm.State); turn it off so its settings can change.\")",
        ),
        *block(
            "$VMName -match '[\\\\/:*?\"<>|\\[\\]]' -or $VMName.Trim() -ne $VMName",
            "$problems.Add(\"The VM name '$VMName' cannot contain \\ / : * ? < > | [ ] or quotes, nor start "
            'or end with a space.")',
        ),
    ]
    paths = [("$VhdPath", "The disk path")]
    if o.location:
        paths.append(("$VMPath", "The VM folder"))
    if o.iso_path:
        paths.append(("$IsoPath", "The ISO path"))
    for variable, label in paths:
        lines += block(
            f"-not ({variable} -match '^([A-Za-z]:\\\\|\\\\\\\\)')",
            f"$problems.Add(\"{label} '{variable}' is not a full path such as C:\\VMs.\")",
        )
    if o.new_disk:
        lines += block(
            "-not $vm -and (Test-Path -LiteralPath $VhdPath)",
            "$problems.Add(\"'$VhdPath' already exists; this script never overwrites a disk.\")",
        )
    else:
        lines += block(
            "-not (Test-Path -LiteralPath $VhdPath -PathType Leaf)",
            "$problems.Add(\"The disk '$VhdPath' does not exist.\")",
        )
    if o.iso_path:
        lines += block(
            "-not (Test-Path -LiteralPath $IsoPath -PathType Leaf)",
            "$problems.Add(\"The ISO '$IsoPath' does not exist.\")",
        )
    if o.switch_name:
        lines += block(
            "-not (Get-VMSwitch | Where-Object { $_.Name -eq $SwitchName })",
            "$problems.Add(\"This host has no virtual switch named '$SwitchName'.\")",
        )
    if o.version:
        lines += [
            "$versions = @(Get-VMHostSupportedVersion | ForEach-Object { [string]$_.Version })",
            *block(
                "$versions -notcontains $Version",
                '$problems.Add("This host does not support configuration version $Version.")',
            ),
        ]
    lines += [
        "$hostMemory = (Get-CimInstance -ClassName Win32_ComputerSystem).TotalPhysicalMemory",
        *block(
            "$MemoryStartupBytes -gt $hostMemory",
            '$problems.Add("$MemoryStartupBytes bytes of memory is more than this host has ($hostMemory).")',
        ),
        *block(
            f"$MemoryStartupBytes -lt {MIN_MEMORY}", "$problems.Add('Nested Hyper-V needs at least 4 GB of memory.')"
        ),
        *block(
            f"$ProcessorCount -lt {MIN_PROCESSORS}",
            "$problems.Add('Nested Hyper-V needs at least 2 virtual processors.')",
        ),
        *block(
            "$problems.Count -gt 0",
            "$problems | ForEach-Object { Write-Warning -Message $_ }",
            "throw 'Nothing was changed. Fix the problems above and run the script again.'",
        ),
    ]
    return lines


def outer_steps(o: OuterVmOptions, *, closing: bool = True) -> list[str]:
    vm = V("vm")
    lines: list[str] = ["", "# ---- Steps: each one looks before it changes anything, so a second run is safe ----"]
    if o.new_disk:
        lines += [
            "",
            "# The virtual hard disk, in its folder (made first: whether New-VHD makes it is not documented)",
            "$vhdFolder = Split-Path -Path $VhdPath -Parent",
            *block(
                "-not $vm -and $vhdFolder -and -not (Test-Path -LiteralPath $vhdFolder)",
                render(
                    Command.of("New-Item", ItemType="Directory", Path=V("vhdFolder"), Force=True)
                    | Command.of("Out-Null")
                ),
            ),
            *block(
                "-not $vm -and -not (Test-Path -LiteralPath $VhdPath)",
                render(
                    Command.of("New-VHD", Path=V("VhdPath"), SizeBytes=V("VhdSizeBytes"), Dynamic=True)
                    | Command.of("Out-Null")
                ),
            ),
        ]
    new_vm = Command.of(
        "New-VM",
        Name=V("VMName"),
        Generation=GENERATION,
        Version=V("Version") if o.version else None,
        MemoryStartupBytes=V("MemoryStartupBytes"),
        VHDPath=V("VhdPath"),
        Path=V("VMPath") if o.location else None,
        SwitchName=V("SwitchName") if o.switch_name else None,
    )
    lines += ["", f"# The generation {GENERATION} VM", *block("-not $vm", "$vm = " + render(new_vm))]
    lines += [
        "",
        "# Static memory: nested Hyper-V cannot use dynamic memory",
        "$memory = Get-VMMemory -VM $vm",
        *block(
            "$memory.DynamicMemoryEnabled -or $memory.Startup -ne $MemoryStartupBytes",
            render(Command.of("Set-VMMemory", VM=vm, DynamicMemoryEnabled=False, StartupBytes=V("MemoryStartupBytes"))),
        ),
    ]
    lines += [
        "",
        "# Processors, with the virtualization extensions exposed to the guest",
        "$processor = Get-VMProcessor -VM $vm",
        *block(
            "$processor.Count -ne $ProcessorCount -or -not $processor.ExposeVirtualizationExtensions",
            render(
                Command.of("Set-VMProcessor", VM=vm, Count=V("ProcessorCount"), ExposeVirtualizationExtensions=True)
            ),
        ),
    ]
    if o.iso_path:
        lines += [
            "",
            "# The installation medium",
            *block(
                "-not (Get-VMDvdDrive -VM $vm | Where-Object { $_.Path -eq $IsoPath })",
                render(Command.of("Add-VMDvdDrive", VM=vm, Path=V("IsoPath"))),
            ),
            "",
            "# Start from the installation medium first",
            *first_boot_dvd_lines("vm"),
        ]
    lines += [
        "",
        "# Secure Boot",
        "$firmware = Get-VMFirmware -VM $vm",
        *block(
            "$firmware.SecureBoot -ne 'On' -or $firmware.SecureBootTemplate -ne $SecureBootTemplate",
            render(
                Command.of("Set-VMFirmware", VM=vm, EnableSecureBoot="On", SecureBootTemplate=V("SecureBootTemplate"))
            ),
        ),
    ]
    if o.tpm:
        lines += [
            "",
            "# A virtual TPM (Windows 11 needs it), after its key protector",
            *block(
                "-not (Get-VMSecurity -VM $vm).TpmEnabled",
                render(Command.of("Set-VMKeyProtector", VM=vm, NewLocalKeyProtector=True)),
                render(Command.of("Enable-VMTPM", VM=vm)),
            ),
        ]
    if o.switch_name and o.networking == "mac-spoofing":
        lines += [
            "",
            "# MAC address spoofing, so the nested VMs reach the network",
            "Get-VMNetworkAdapter -VM $vm | Where-Object { $_.MacAddressSpoofing -ne 'On' } | "
            + render(Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On")),
        ]
    lines += [
        "",
        "# Checkpoints",
        *block(
            "$vm.CheckpointType -ne $CheckpointType -or $vm.AutomaticCheckpointsEnabled -ne $AutomaticCheckpoints",
            render(
                Command.of(
                    "Set-VM",
                    VM=vm,
                    CheckpointType=V("CheckpointType"),
                    AutomaticCheckpointsEnabled=V("AutomaticCheckpoints"),
                )
            ),
        ),
    ]
    if closing:
        lines += [
            "",
            "Write-Output \"The VM '$VMName' is ready for nested virtualization. Start it and install "
            'Windows, then Hyper-V inside it."',
        ]
    return lines


def export_script(o: OuterVmOptions) -> str:
    """The plan as a readable script. User values appear only as quoted literals in the param() block."""
    header = [
        "<#",
        ".SYNOPSIS",
        "    Creates a Hyper-V VM ready for nested virtualization (generated by NestWiz from a plan).",
        ".DESCRIPTION",
        "    Run it on the Hyper-V host in an elevated Windows PowerShell 5.1. The values NestWiz planned are the",
        "    defaults of the parameters below; pass others to change them. It checks everything first and",
        "    changes nothing when a check fails. It is safe to run twice: each step looks before it changes.",
        "    When the VM already exists with this disk (an earlier run), the script completes its settings.",
        "    It needs no password: it works on this computer with your own rights.",
        "#>",
    ]
    header += script_preamble(outer_params(o))
    return "\n".join(header + outer_checks(o) + outer_steps(o)) + "\n"


def script_preamble(params: list[list[str]]) -> list[str]:
    """After a script's help: elevated, the Hyper-V module, the param() block (entries joined by commas), and
    errors that stop the script."""
    lines = ["#Requires -RunAsAdministrator", "#Requires -Modules Hyper-V", "[CmdletBinding()]", "param("]
    for index, entry in enumerate(params):
        lines += [*entry[:-1], entry[-1] + ("," if index < len(params) - 1 else "")]
    return [*lines, ")", "", "$ErrorActionPreference = 'Stop'", ""]


def write_script(path: Path, o: OuterVmOptions) -> None:
    """UTF-8 with a byte order mark, so Windows PowerShell 5.1 reads non-Latin letters correctly."""
    path.write_text(export_script(o), encoding="utf-8-sig", newline="\r\n")


def main(argv: list[str]) -> int:
    """`nestwiz export-script PLAN.toml [-o OUT.ps1]`: the script that creates the plan's new outer VM."""
    parser = argparse.ArgumentParser(
        prog="nestwiz export-script", description="Write a standalone PowerShell script of a saved NestWiz plan."
    )
    parser.add_argument("plan", type=Path, help="the lab plan file (.toml) saved by NestWiz")
    parser.add_argument("-o", "--output", type=Path, help="where to write the script (default: PLAN.ps1)")
    args = parser.parse_args(argv)
    try:
        lab = load(args.plan)
    except NestWizError as exc:
        print(f"nestwiz export-script: {exc.message}", file=sys.stderr)
        return 2
    if lab.outer.mode != "new":
        print(
            "nestwiz export-script: this plan prepares an existing VM; the script can only create a new one.",
            file=sys.stderr,
        )
        return 2
    options = lab.outer.options
    out = args.output or args.plan.with_suffix(".ps1")
    try:
        write_script(out, options)
    except OSError as exc:
        print(f"nestwiz export-script: cannot write {out}: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {out}")
    return 0
