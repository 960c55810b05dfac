"""The outer-VM plan: each option becomes the expected commands, as data; defaults fit the host."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.commands import Command, Script
from core.host.facts import parse_facts
from core.provision.outer import GB, OuterVmOptions, default_memory, defaults_for, plan
from core.reference import Reference

BASE = OuterVmOptions(
    name="Lab",
    location="C:\\VMs",
    processors=2,
    memory_bytes=8 * GB,
    vhd_path="C:\\VMs\\Lab.vhdx",
    vhd_size_bytes=127 * GB,
    iso_path="C:\\ISO\\Server.iso",
    switch_name="Default Switch",
    version="11.0",
)


def commands(options: OuterVmOptions) -> list[Command | Script]:
    found = []
    for step in plan(options):
        assert isinstance(step.command, Command | Script)
        found.append(step.command)
    return found


def by_name(options: OuterVmOptions, name: str) -> list[Command]:
    return [c for c in commands(options) if c.name == name]


def test_the_base_plan_in_order():
    assert [c.name for c in commands(BASE)] == [
        "New-Item",
        "New-VHD",
        "New-VM",
        "Set-VMMemory",
        "Set-VMProcessor",
        "Add-VMDvdDrive",
        "Set-FirstBootDvd.ps1",
        "Set-VMFirmware",
        "Set-VMNetworkAdapter",
        "Set-VM",
    ]
    assert Script.of("Set-FirstBootDvd.ps1", VMName="Lab") in commands(BASE)
    assert "Set-FirstBootDvd.ps1" not in [c.name for c in commands(replace(BASE, iso_path=""))]
    assert commands(BASE)[:3] == [
        Command.of("New-Item", ItemType="Directory", Path="C:\\VMs", Force=True),
        Command.of("New-VHD", Path="C:\\VMs\\Lab.vhdx", SizeBytes=127 * GB, Dynamic=True),
        Command.of(
            "New-VM",
            Name="Lab",
            Generation=2,
            Version="11.0",
            MemoryStartupBytes=8 * GB,
            VHDPath="C:\\VMs\\Lab.vhdx",
            Path="C:\\VMs",
            SwitchName="Default Switch",
        ),
    ]


def test_every_command_and_undo_fits_the_reference():
    reference = Reference.default()
    options = replace(BASE, tpm=True)
    for step in plan(options):
        reference.check_runnable(step.command)
        if step.undo is not None:
            reference.check_runnable(step.undo)


def test_memory_is_static_and_processors_expose_extensions():
    assert by_name(BASE, "Set-VMMemory") == [
        Command.of("Set-VMMemory", VMName="Lab", DynamicMemoryEnabled=False, StartupBytes=8 * GB)
    ]
    assert by_name(replace(BASE, processors=4), "Set-VMProcessor") == [
        Command.of("Set-VMProcessor", VMName="Lab", Count=4, ExposeVirtualizationExtensions=True)
    ]


def test_existing_disk_is_attached_not_created():
    options = replace(BASE, new_disk=False, vhd_path="D:\\Disks\\Old.vhdx")
    assert by_name(options, "New-VHD") == []
    assert by_name(options, "New-VM")[0].get("VHDPath") == "D:\\Disks\\Old.vhdx"
    assert [s.creates for s in plan(options)].count("file") == 0


def test_no_iso_means_no_dvd_drive():
    assert by_name(replace(BASE, iso_path=""), "Add-VMDvdDrive") == []
    assert by_name(BASE, "Add-VMDvdDrive") == [Command.of("Add-VMDvdDrive", VMName="Lab", Path="C:\\ISO\\Server.iso")]


@pytest.mark.parametrize("template", ["MicrosoftWindows", "MicrosoftUEFICertificateAuthority"])
def test_secure_boot_template(template):
    assert by_name(replace(BASE, secure_boot_template=template), "Set-VMFirmware") == [
        Command.of("Set-VMFirmware", VMName="Lab", EnableSecureBoot="On", SecureBootTemplate=template)
    ]


def test_tpm_needs_a_key_protector_first():
    names = [c.name for c in commands(replace(BASE, tpm=True))]
    assert names.index("Set-VMKeyProtector") + 1 == names.index("Enable-VMTPM")
    assert by_name(replace(BASE, tpm=True), "Set-VMKeyProtector") == [
        Command.of("Set-VMKeyProtector", VMName="Lab", NewLocalKeyProtector=True)
    ]
    assert by_name(BASE, "Enable-VMTPM") == []


def test_mac_spoofing_follows_the_networking_choice():
    assert by_name(BASE, "Set-VMNetworkAdapter") == [
        Command.of("Set-VMNetworkAdapter", VMName="Lab", MacAddressSpoofing="On")
    ]
    assert by_name(replace(BASE, networking="nat"), "Set-VMNetworkAdapter") == []
    assert by_name(replace(BASE, switch_name=""), "Set-VMNetworkAdapter") == []
    assert by_name(replace(BASE, switch_name=""), "New-VM")[0].get("SwitchName") is None


@pytest.mark.parametrize(("kind", "automatic"), [("Production", False), ("Standard", True), ("Disabled", False)])
def test_checkpoints_as_chosen(kind, automatic):
    assert by_name(replace(BASE, checkpoint_type=kind, automatic_checkpoints=automatic), "Set-VM") == [
        Command.of("Set-VM", Name="Lab", CheckpointType=kind, AutomaticCheckpointsEnabled=automatic)
    ]


def test_empty_version_and_location_are_left_to_the_host():
    new_vm = by_name(replace(BASE, version="", location=""), "New-VM")[0]
    assert new_vm.get("Version") is None and new_vm.get("Path") is None


def test_undo_removes_what_each_step_creates_and_nothing_else():
    steps = plan(BASE)
    creating = [(s.creates, s.target, s.undo) for s in steps if s.creates]
    assert creating == [
        ("file", "C:\\VMs\\Lab.vhdx", Command.of("Remove-Item", LiteralPath="C:\\VMs\\Lab.vhdx")),
        ("vm", "Lab", Command.of("Remove-VM", Name="Lab", Force=True)),
    ]
    assert all(s.undo is None for s in steps if not s.creates)


@pytest.mark.parametrize(("host_gb", "expected_gb"), [(8, 4), (16, 4), (32, 8), (64, 16), (256, 16), (0, 4)])
def test_default_memory_is_sized_against_the_host(host_gb, expected_gb):
    assert default_memory(host_gb * GB) == expected_gb * GB


async def test_defaults_fit_the_simulated_host(sim_runner):
    from core.commands import Script

    runner = sim_runner()
    facts = parse_facts((await runner.run(Script.of("Get-HostFacts.ps1"))).first())
    options = defaults_for(facts, ["External (Wi-Fi)", "Default Switch"], ["C:\\ISO\\Windows11_23H2.iso"])
    assert options.name == "NestWiz-Outer"
    assert options.memory_bytes == 8 * GB  # a quarter of the laptop's 32 GB
    assert options.processors == 4
    assert options.version == "11.0"
    assert options.switch_name == "Default Switch"
    assert options.tpm is True and options.secure_boot_template == "MicrosoftWindows"
    assert options.vhd_path.endswith("\\NestWiz-Outer.vhdx") and options.vhd_path.startswith("C:\\")


def test_defaults_without_facts_are_still_usable():
    options = defaults_for(None)
    assert options.memory_bytes == 4 * GB and options.processors == 2 and options.version == ""


async def test_defaults_from_the_facts_validate_in_one_round_trip(sim_runner):
    from core.commands import Script
    from core.provision.validate import validate

    runner = sim_runner()
    raw = (await runner.run(Script.of("Get-HostFacts.ps1"))).first()
    options = defaults_for(parse_facts(raw), ["Default Switch"], ["C:\\ISO\\Windows11_23H2.iso"])
    before = runner.round_trips
    assert await validate(runner, options, parse_facts(raw)) == []
    assert runner.round_trips - before == 1
    problems = await validate(runner, replace(options, memory_bytes=64 * GB), parse_facts(raw))
    assert [p.field for p in problems] == ["memory_bytes"]
