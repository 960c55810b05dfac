"""Hyper-V inside the outer VM: diagnosis through PowerShell Direct, install paths, reboots, verification."""

from __future__ import annotations

import pytest

from core.commands import Command, Credential, render
from core.provision.guest import direct_runner, wait_until_ready
from core.provision.guest_hyperv import (
    GuestHyperV,
    HyperVInGuestFailed,
    client_command,
    diagnose,
    server_command,
    server_fallback_command,
)
from core.runners.simulated import SimulatedRunner
from tests.ps_lint import lint

GB = 1024**3
SPEED = 2000.0
GOOD = Credential("Administrator", "Lab-Passw0rd!")


def _nested(sim_host, *, guest_profile: str | None = None, expose: bool = True):
    """The default profile's Lab-Host01 as the Enable step leaves it: extensions exposed, 4 GB static."""
    host = sim_host(speed=SPEED)
    vm = host.find_vms("Lab-Host01")[0]
    if guest_profile:
        vm.guest = host.make_guest(vm, {"profile": guest_profile, "user": "Administrator", "password": "Lab-Passw0rd!"})
    vm.expose_virtualization_extensions = expose
    vm.dynamic_memory = False
    vm.memory_startup = 4 * GB
    return host, vm, SimulatedRunner(host)


def test_install_commands_are_documented_and_lint_clean(sim_runner):
    reference = sim_runner().reference
    for command in (client_command(), server_command(), server_fallback_command()):
        reference.check(command)
        assert lint(render(command)) == []
    assert render(server_fallback_command()) == (
        "Enable-WindowsOptionalFeature -Online -FeatureName 'Microsoft-Hyper-V' -All -NoRestart"
    )


async def test_server_guest_gets_the_role_then_one_restart_and_runs_the_hypervisor(sim_host):
    _host, vm, runner = _nested(sim_host)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    outcome = await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert [c.name for c in outcome.commands] == ["Install-WindowsFeature", "Restart-Computer"]
    assert outcome.reboots == 1 and not outcome.fallback_used
    assert vm.guest.host.state.hypervisor_running
    again = await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert again.already and again.commands == []  # checked before changing: nothing ran twice


async def test_client_guest_uses_the_optional_feature(sim_host):
    _host, vm, runner = _nested(sim_host, guest_profile="guest-windows-11-enterprise")
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    outcome = await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert [c.name for c in outcome.commands] == ["Enable-WindowsOptionalFeature", "Restart-Computer"]
    assert vm.guest.host.state.features["Microsoft-Hyper-V-All"] == "Enabled"


async def test_role_install_failing_on_a_server_falls_back_to_the_optional_feature(sim_host):
    _host, vm, runner = _nested(sim_host)
    vm.guest.host.state.feature_install_fails = ["Hyper-V"]
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    progress: list[str] = []
    outcome = await GuestHyperV(runner, "Lab-Host01", GOOD, progress=progress.append).run()
    assert outcome.fallback_used
    # The optional feature's -All brings its parents only: the PowerShell module is enabled on its own (M4).
    assert [(c.name, c.get("FeatureName")) for c in outcome.commands] == [
        ("Install-WindowsFeature", None),
        ("Enable-WindowsOptionalFeature", "Microsoft-Hyper-V"),
        ("Enable-WindowsOptionalFeature", "Microsoft-Hyper-V-Management-PowerShell"),
        ("Restart-Computer", None),
    ]
    assert vm.guest.host.state.hyperv_module
    assert "Install-WindowsFeature failed" in outcome.notes[0]
    assert any("optional feature instead" in p for p in progress)
    assert vm.guest.host.state.hypervisor_running


async def test_both_install_paths_failing_says_so(sim_host):
    _host, vm, runner = _nested(sim_host)
    vm.guest.host.state.feature_install_fails = ["Hyper-V", "Microsoft-Hyper-V"]
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    with pytest.raises(HyperVInGuestFailed) as info:
        await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert "the role failed" in info.value.message and "so did the optional feature" in info.value.message


async def test_a_pending_install_is_finished_by_a_restart_only(sim_host):
    _host, vm, runner = _nested(sim_host)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    vm.guest.host.state.features["Hyper-V"] = "EnablePending"  # installed earlier, the wizard closed before the restart
    # Install-WindowsFeature -IncludeManagementTools added the module with the role
    vm.guest.host.state.features["Microsoft-Hyper-V-Management-PowerShell"] = "Enabled"
    vm.guest.host.state.reboot_pending = True
    outcome = await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert [c.name for c in outcome.commands] == ["Restart-Computer"]


async def test_without_exposed_extensions_the_guest_diagnosis_blocks(sim_host):
    _host, vm, runner = _nested(sim_host, expose=False)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    with pytest.raises(HyperVInGuestFailed) as info:
        await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert "Hyper-V cannot run inside 'Lab-Host01'" in info.value.message
    assert vm.guest.host.state.features["Hyper-V"] == "Available"  # nothing was installed in vain


async def test_a_guest_without_the_hyperv_module_cannot_run_its_cmdlets(sim_host):
    """The DISM fallback alone (no module feature): Get-VM is an unknown command there, as on Windows."""
    _host, vm, runner = _nested(sim_host)
    state = vm.guest.host.state
    state.features["Hyper-V"] = "Enabled"
    vm.guest.host.refresh_hypervisor()
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    direct = direct_runner(runner, "Lab-Host01", GOOD)
    result = await direct.run(Command.of("Get-VM"), check=False)
    assert result.errors[0].error_id == "CommandNotFoundException"
    assert result.errors[0].category == "ObjectNotFound"
    diagnosis = await diagnose(direct)
    assert diagnosis.installed and diagnosis.module_missing and not diagnosis.complete


async def test_verify_says_the_module_is_missing_rather_than_hyperv(sim_host):
    _host, vm, runner = _nested(sim_host)
    state = vm.guest.host.state
    state.features["Hyper-V"] = "Enabled"
    vm.guest.host.refresh_hypervisor()
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    worker = GuestHyperV(runner, "Lab-Host01", GOOD)
    diagnosis = await diagnose(worker.direct)
    with pytest.raises(HyperVInGuestFailed) as info:
        await worker.verify(diagnosis)
    assert "PowerShell module is not" in info.value.message
    assert "Hyper-V is not enabled" not in info.value.message


async def test_a_guest_with_hyperv_but_no_module_gets_the_module(sim_host):
    _host, vm, runner = _nested(sim_host)
    state = vm.guest.host.state
    state.features["Hyper-V"] = "Enabled"
    vm.guest.host.refresh_hypervisor()
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    outcome = await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    assert not outcome.already
    assert [c.get("FeatureName") for c in outcome.commands if c.name == "Enable-WindowsOptionalFeature"] == [
        "Microsoft-Hyper-V-Management-PowerShell"
    ]
    assert state.hyperv_module
