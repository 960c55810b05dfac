"""The inner VM: memory within the outer VM, the ISO copied in, created and started inside, checked twice."""

from __future__ import annotations

import pytest

from core.commands import Credential, render
from core.provision.guest import direct_runner, wait_until_ready
from core.provision.guest_hyperv import GuestHyperV
from core.provision.inner import (
    InnerVm,
    InnerVmPlan,
    InnerVmTooLarge,
    check_memory,
    default_memory,
    validate_name,
)
from core.provision.network import NetworkPlan, apply
from core.runners.simulated import SimulatedRunner
from tests.ps_lint import lint

GB = 1024**3
GOOD = Credential("Administrator", "Lab-Passw0rd!")
ISO = "C:\\ISO\\WindowsServer2022.iso"


async def _ready_outer(sim_host, memory=4 * GB):
    host = sim_host(speed=2000.0)
    vm = host.find_vms("Lab-Host01")[0]
    vm.expose_virtualization_extensions, vm.dynamic_memory, vm.memory_startup = True, False, memory
    runner = SimulatedRunner(host)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    guest = direct_runner(runner, "Lab-Host01", GOOD)
    await apply(runner, guest, NetworkPlan(), "Lab-Host01")
    return host, vm, runner, guest


def test_memory_rules():
    assert default_memory(4 * GB) == 2 * GB
    assert default_memory(3 * GB) == 1 * GB
    assert check_memory(2 * GB, "Lab-Host01", 4 * GB, False) is None
    message = check_memory(6 * GB, "Lab-Host01", 4 * GB, False)
    assert "asks for 6 GB" in message and "at most 2 GB" in message
    assert "dynamic memory" in check_memory(1 * GB, "Lab-Host01", 4 * GB, True)
    assert validate_name("Inner 01") is None and validate_name("a/b") is not None


async def test_an_inner_vm_too_large_for_the_outer_vm_is_refused_before_anything_changes(sim_host):
    _host, vm, runner, guest = await _ready_outer(sim_host)
    inner = InnerVm(runner, guest, "Lab-Host01", InnerVmPlan(memory=6 * GB, iso_path=ISO), NetworkPlan())
    with pytest.raises(InnerVmTooLarge) as info:
        await inner.run()
    assert "Give the inner VM at most 2 GB" in info.value.message
    assert inner.outcome.ran == [] and vm.guest.host.vms == []


async def test_the_inner_vm_is_created_started_and_connected(sim_host):
    host, vm, runner, guest = await _ready_outer(sim_host)
    outcome = await InnerVm(runner, guest, "Lab-Host01", InnerVmPlan(iso_path=ISO), NetworkPlan()).run()
    assert [(w, c.name) for w, c in outcome.ran] == [
        ("host", "Enable-VMIntegrationService"),
        ("host", "Copy-VMFile"),
        ("guest", "New-VM"),
        ("guest", "Add-VMDvdDrive"),
        ("guest", "Set-FirstBootDvd.ps1"),
        ("guest", "Start-VM"),
    ]
    for _, command in outcome.ran:
        runner.reference.check_runnable(command)
        assert lint(render(command)) == []
    inside = vm.guest.host
    assert inside.has_file("C:\\NestWiz\\WindowsServer2022.iso") and not host.find_vms("NestWiz-Inner")
    (inner_vm,) = inside.find_vms("NestWiz-Inner")
    assert inner_vm.state == "Running" and inner_vm.adapters[0].switch_name == "NestWiz-NAT"
    assert inner_vm.dvds[0].path == "C:\\NestWiz\\WindowsServer2022.iso"
    # Generation 2 boots in the order devices were added; the DVD was moved first, so the ISO starts (M2).
    assert inner_vm.boot_order()[0] == "DvdDrive" and inner_vm.boots_from_iso()
    assert any("connected to the switch 'NestWiz-NAT'" in n for n in outcome.connectivity)
    assert any("192.168.100.10/24" in n for n in outcome.connectivity)
    again = await InnerVm(runner, guest, "Lab-Host01", InnerVmPlan(iso_path=ISO), NetworkPlan()).run()
    assert again.ran == [] and len(again.skipped) == 3


async def test_copy_needs_the_guest_service_interface(sim_host):
    _host, _vm, runner, _guest = await _ready_outer(sim_host)
    from core.commands import Command

    result = await runner.run(
        Command.of("Copy-VMFile", Name="Lab-Host01", SourcePath=ISO, DestinationPath="C:\\x.iso", FileSource="Host"),
        check=False,
    )
    assert "Guest Service Interface" in result.errors[0].message


async def test_without_guest_services_the_iso_travels_over_a_powershell_direct_session(sim_host):
    from core.commands import Script
    from core.paths import resource
    from tests.ps_lint import lint_file

    _host, vm, runner, guest = await _ready_outer(sim_host)
    del vm.integration_services["Guest Service Interface"]  # an old configuration without the service
    outcome = await InnerVm(runner, guest, "Lab-Host01", InnerVmPlan(iso_path=ISO), NetworkPlan()).run()
    copies = [c for w, c in outcome.ran if isinstance(c, Script) and w == "host"]
    assert [c.name for c in copies] == ["Copy-FileToGuest.ps1"]
    assert copies[0].get("Credential") == GOOD and copies[0].get("Destination") == "C:\\NestWiz\\WindowsServer2022.iso"
    assert "PowerShell Direct session" in outcome.notes[0]
    assert vm.guest.host.has_file("C:\\NestWiz\\WindowsServer2022.iso")
    assert vm.guest.host.find_vms("NestWiz-Inner")[0].state == "Running"
    assert lint_file(resource("scripts", "Copy-FileToGuest.ps1")) == []
