"""The simulated host refuses and accepts what Hyper-V does when a VM is created, and keeps a file system."""

from __future__ import annotations

import pytest

from core.commands import Command as C
from core.errors import CommandRejected, PowerShellError
from core.sim.model import GB, MB


@pytest.fixture
def runner(sim_runner):
    return sim_runner()


async def run(runner, command, **kwargs):
    return await runner.run(command, **kwargs)


async def fails(runner, command, words: str) -> None:
    with pytest.raises(PowerShellError) as caught:
        await runner.run(command)
    assert words in caught.value.message, caught.value.message


# ------------------------------------------------------------------ New-VM and its three parameter sets
async def test_new_vm_defaults_to_generation_1_and_1_gb(runner):
    record = (await run(runner, C.of("New-VM", Name="Plain", NoVHD=True))).first()
    assert (record["Generation"], record["MemoryStartup"], record["ProcessorCount"]) == (1, 1024 * MB, 1)
    assert record["Version"] == runner.host.state.default_version and record["State"] == "Off"
    vm = runner.host.find_vms("Plain")[0]
    assert not vm.disks and not vm.secure_boot


async def test_new_vm_with_a_new_vhd(runner):
    await run(runner, C.of("New-Item", ItemType="Directory", Path="C:\\VMs"))
    await run(runner, C.of("New-VM", Name="G2", Generation=2, NewVHDPath="C:\\VMs\\g2.vhdx", NewVHDSizeBytes=60 * GB))
    vm = runner.host.find_vms("G2")[0]
    assert [(d.path, d.controller_type) for d in vm.disks] == [("C:\\VMs\\g2.vhdx", "SCSI")]
    assert runner.host.has_file("C:\\VMs\\g2.vhdx")


async def test_new_vhd_path_must_be_absolute_and_new(runner):
    runner.host.add_file("C:\\VMs\\taken.vhdx", GB)
    await fails(
        runner, C.of("New-VM", Name="X", NewVHDPath="C:\\VMs\\taken.vhdx", NewVHDSizeBytes=GB), "The file exists"
    )
    await fails(runner, C.of("New-VM", Name="X", NewVHDPath="x.vhdx", NewVHDSizeBytes=GB), "not an absolute path")
    assert not runner.host.find_vms("X")


async def test_existing_vhd_must_exist(runner):
    await fails(runner, C.of("New-VM", Name="X", VHDPath="C:\\none.vhdx"), "cannot find the file")


async def test_switch_and_version_must_exist(runner):
    await fails(runner, C.of("New-VM", Name="X", SwitchName="Nope", NoVHD=True), 'virtual switch with name "Nope"')
    await fails(runner, C.of("New-VM", Name="X", Version="5.0", NoVHD=True), "'5.0' is not supported")


async def test_duplicate_names_are_allowed_as_in_hyper_v(runner):
    await run(runner, C.of("New-VM", Name="Lab-Host01", NoVHD=True))
    assert len(runner.host.find_vms("Lab-Host01")) == 2


async def test_a_name_that_cannot_be_a_folder_fails_with_path(runner):
    await fails(runner, C.of("New-VM", Name="a:b", Path="C:\\VMs", NoVHD=True), "syntax is incorrect")


async def test_parameter_sets_do_not_mix(runner):
    with pytest.raises(CommandRejected):
        await run(runner, C.of("New-VM", Name="X", VHDPath="C:\\a.vhdx", NewVHDPath="C:\\b.vhdx"))


# ------------------------------------------------------------------ disks and DVD drives
async def test_a_missing_folder_for_a_new_disk_is_refused_as_undocumented(runner):
    for command in (
        C.of("New-VHD", Path="C:\\VMs\\d.vhdx", SizeBytes=10 * GB, Dynamic=True),
        C.of("New-VM", Name="G2", Generation=2, NewVHDPath="C:\\VMs\\g2.vhdx", NewVHDSizeBytes=GB),
    ):
        with pytest.raises(CommandRejected, match="missing folder") as caught:
            await run(runner, command)
        assert caught.value.detail == "SimulationGap"
    assert not runner.host.has_file("C:\\VMs\\d.vhdx") and not runner.host.find_vms("G2")


async def test_new_vhd_and_attach(runner):
    await run(runner, C.of("New-Item", ItemType="Directory", Path="C:\\VMs"))
    await run(runner, C.of("New-VHD", Path="C:\\VMs\\d.vhdx", SizeBytes=10 * GB, Dynamic=True))
    await fails(runner, C.of("New-VHD", Path="C:\\VMs\\d.vhdx", SizeBytes=GB), "The file exists")
    await fails(runner, C.of("New-VHD", Path="Z:\\d.vhdx", SizeBytes=GB), "cannot find the path")
    await run(runner, C.of("New-VM", Name="D", Generation=2, NoVHD=True))
    await run(runner, C.of("Add-VMHardDiskDrive", VMName="D", Path="C:\\VMs\\d.vhdx"))
    disks = (await run(runner, C.of("Get-VMHardDiskDrive", VMName="D"))).output
    assert [d["Path"] for d in disks] == ["C:\\VMs\\d.vhdx"]
    await run(runner, C.of("New-VM", Name="E", Generation=2, NoVHD=True))
    await fails(runner, C.of("Add-VMHardDiskDrive", VMName="E", Path="C:\\VMs\\d.vhdx"), "already attached")


async def test_dvd_drive(runner):
    iso = "C:\\ISO\\WindowsServer2022.iso"
    await run(runner, C.of("New-VM", Name="D", Generation=2, NoVHD=True))
    await fails(runner, C.of("Add-VMDvdDrive", VMName="D", Path="C:\\ISO\\none.iso"), "cannot find the file")
    await run(runner, C.of("Add-VMDvdDrive", VMName="D", Path=iso))
    assert [d["Path"] for d in (await run(runner, C.of("Get-VMDvdDrive", VMName="D"))).output] == [iso]
    await run(runner, C.of("Set-VMDvdDrive", VMName="D", Path="C:\\ISO\\Windows11_23H2.iso"))
    assert runner.host.find_vms("D")[0].dvds[0].path == "C:\\ISO\\Windows11_23H2.iso"
    await fails(
        runner, C.of("Add-VMDvdDrive", VMName="Ubuntu-Dev", Path=iso), "while the object is in its current state."
    )


# ------------------------------------------------------------------ firmware and TPM
async def test_firmware_is_for_generation_2(runner):
    await run(runner, C.of("New-VM", Name="G1", NoVHD=True))
    await fails(runner, C.of("Set-VMFirmware", VMName="G1", EnableSecureBoot="Off"), "generation 1")
    await run(runner, C.of("New-VM", Name="G2", Generation=2, NoVHD=True))
    await run(runner, C.of("Set-VMFirmware", VMName="G2", SecureBootTemplate="MicrosoftUEFICertificateAuthority"))
    firmware = (await run(runner, C.of("Get-VMFirmware", VMName="G2"))).first()
    assert firmware["SecureBoot"] == "On" and firmware["SecureBootTemplate"] == "MicrosoftUEFICertificateAuthority"
    await fails(runner, C.of("Set-VMFirmware", VMName="G2", SecureBootTemplate="Nope"), "was not found")


async def test_tpm_needs_a_key_protector_first(runner):
    await run(runner, C.of("New-VM", Name="T", Generation=2, NoVHD=True))
    await fails(runner, C.of("Enable-VMTPM", VMName="T"), "no key protector")
    await run(runner, C.of("Set-VMKeyProtector", VMName="T", NewLocalKeyProtector=True))
    await run(runner, C.of("Enable-VMTPM", VMName="T"))
    assert (await run(runner, C.of("Get-VMSecurity", VMName="T"))).first()["TpmEnabled"] is True


# ------------------------------------------------------------------ the file system
async def test_files_and_folders(runner):
    iso = "C:\\ISO\\WindowsServer2022.iso"
    tested = await run(runner, C.of("Test-Path", LiteralPath=(iso, "C:\\ISO", "C:\\nope")))
    assert tested.output == [True, True, False]
    assert (await run(runner, C.of("Test-Path", LiteralPath="C:\\ISO", PathType="Leaf"))).output == [False]
    items = await run(runner, C.of("Get-Item", LiteralPath=(iso, "C:\\nope")), check=False)
    assert [i["FullName"] for i in items.output] == [iso] and items.output[0]["Length"] > GB
    assert items.errors[0].target == "C:\\nope" and "PathNotFound" in items.errors[0].error_id
    await run(runner, C.of("New-Item", ItemType="Directory", Path="C:\\VMs\\Новая папка"))
    assert (await run(runner, C.of("Test-Path", LiteralPath="c:\\vms\\новая папка"))).output == [True]
    await fails(runner, C.of("New-Item", ItemType="Directory", Path="C:\\VMs\\Новая папка"), "already exists")
    await run(runner, C.of("Remove-Item", LiteralPath="C:\\VMs\\Новая папка"))
    await fails(runner, C.of("Remove-Item", LiteralPath="C:\\VMs\\Новая папка"), "does not exist")
    found = await run(runner, C.of("Get-ChildItem", Path="C:\\ISO", Filter="*.iso", File=True))
    assert sorted(i["Name"] for i in found.output) == ["Windows11_23H2.iso", "WindowsServer2022.iso"]


async def test_a_disk_in_use_cannot_be_removed(runner):
    await run(runner, C.of("New-VM", Name="U", Generation=2, NewVHDPath="C:\\u.vhdx", NewVHDSizeBytes=GB))
    await fails(runner, C.of("Remove-Item", LiteralPath="C:\\u.vhdx"), "being used by another process")
    await run(runner, C.of("Remove-VM", Name="U", Force=True))
    await run(runner, C.of("Remove-Item", LiteralPath="C:\\u.vhdx"))
    assert not runner.host.has_file("C:\\u.vhdx")


async def test_an_injected_failure_fails_the_next_call_only(runner):
    runner.host.fail_next["Get-VMSwitch"] = "Injected."
    await fails(runner, C.of("Get-VMSwitch"), "Injected.")
    assert (await run(runner, C.of("Get-VMSwitch"))).output
