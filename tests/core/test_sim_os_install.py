"""The simulated OS install on a VM with no OS yet: the ISO decides the OS, the typed account is the guest's."""

from __future__ import annotations

import pytest

from core.commands import Command, Credential, Script
from core.provision.guest import wait_until_ready
from core.runners.simulated import SimulatedRunner
from core.sim.handlers.nested import guest_profile_for_iso, install_guest_os

SPEED = 2000.0


def test_the_iso_decides_the_guest_profile():
    assert guest_profile_for_iso("C:\\ISO\\WindowsServer2022.iso") == "guest-windows-server-2022"
    assert guest_profile_for_iso("D:\\media\\Windows11_23H2.iso") == "guest-windows-11-enterprise"


async def _new_vm(host, iso: str | None, *, dvd_first: bool = True) -> SimulatedRunner:
    runner = SimulatedRunner(host)
    await runner.run(Command.of("New-VM", Name="Fresh", Generation=2, MemoryStartupBytes=4 * 1024**3))
    if iso is not None:
        await runner.run(Command.of("Add-VMDvdDrive", VMName="Fresh", Path=iso))
        if dvd_first:
            await runner.run(Script.of("Set-FirstBootDvd.ps1", VMName="Fresh"))
    await runner.run(Command.of("Start-VM", Name="Fresh"))
    return runner


async def test_installing_from_a_server_iso_with_the_typed_account(sim_host):
    host = sim_host(speed=SPEED)
    runner = await _new_vm(host, "C:\\ISO\\WindowsServer2022.iso")
    assert host.find_vms("Fresh")[0].guest is None
    await install_guest_os(host, "Fresh", "LabAdmin", "Typed-Passw0rd")
    ready = await wait_until_ready(runner, "Fresh", Credential("LabAdmin", "Typed-Passw0rd"))
    assert str(ready.facts["OS"]["Caption"]).startswith("Microsoft Windows Server 2022")


async def test_no_iso_no_install(sim_host):
    host = sim_host(speed=SPEED)
    await _new_vm(host, None)
    with pytest.raises(ValueError, match="ISO in its DVD drive"):
        await install_guest_os(host, "Fresh", "Administrator", "x")


async def test_a_dvd_added_after_the_disk_and_network_does_not_boot(sim_host):
    """Generation 2: devices boot in the order added, so the ISO is tried after the empty disk and the network."""
    host = sim_host(speed=SPEED)
    runner = await _new_vm(host, "C:\\ISO\\WindowsServer2022.iso", dvd_first=False)
    firmware = (await runner.run(Command.of("Get-VMFirmware", VMName="Fresh"))).first()
    assert [e["Device"].get("Path") or e["Device"].get("Name") for e in firmware["BootOrder"]][-1].endswith(".iso")
    assert firmware["FirstBootDevice"] != "DvdDrive"
    with pytest.raises(ValueError, match="No operating system was loaded"):
        await install_guest_os(host, "Fresh", "LabAdmin", "Typed-Passw0rd")
