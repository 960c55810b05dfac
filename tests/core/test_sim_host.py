"""The simulated host follows Hyper-V's rules and speaks with Hyper-V's messages."""

from __future__ import annotations

import pytest

from core.commands import Command, Script
from core.errors import CommandRejected, PowerShellError
from core.sim.host import SimHost, load_profile, profile_names
from core.sim.model import GB, SimVM

REQUIRED_STORIES = {
    "intel-laptop-win11-pro",
    "amd-ryzen-win10-22h2",
    "win11-home",
    "firmware-virtualization-off",
    "hyperv-not-installed",
    "laptop-8gb",
    "server-2022-amd-epyc",
}


def test_every_required_profile_exists_and_loads(sim_host):
    assert set(profile_names()) >= REQUIRED_STORIES
    for name in profile_names(include_guests=True):
        host = sim_host(name)
        assert load_profile(name)["title"] and host.state.os.build > 10000


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ValueError, match=r"no simulated host profile named 'nope'.*intel-laptop-win11-pro"):
        SimHost.from_profile("nope")


async def test_get_vm_and_not_found_message(sim_runner):
    runner = sim_runner()
    names = [vm["Name"] for vm in (await runner.run(Command.of("Get-VM"))).output]
    assert names == ["Lab-Host01", "Ubuntu-Dev"]
    with pytest.raises(PowerShellError) as caught:
        await runner.run(Command.of("Get-VM", Name="Missing"))
    assert caught.value.message == 'Hyper-V was unable to find a virtual machine with name "Missing".'
    assert caught.value.error_id.startswith("InvalidParameter,")
    quiet = await runner.run(Command.of("Get-VM", Name="Missing", ErrorAction="SilentlyContinue"))
    assert quiet.ok and quiet.output == []


async def test_processor_changes_need_the_vm_off(sim_runner):
    runner = sim_runner()
    with pytest.raises(PowerShellError, match="while it is running"):
        await runner.run(Command.of("Set-VMProcessor", VMName="Ubuntu-Dev", ExposeVirtualizationExtensions=True))
    await runner.run(Command.of("Set-VMProcessor", VMName="Lab-Host01", ExposeVirtualizationExtensions=True, Count=4))
    proc = (await runner.run(Command.of("Get-VMProcessor", VMName="Lab-Host01"))).first()
    assert proc["ExposeVirtualizationExtensions"] is True and proc["Count"] == 4
    with pytest.raises(PowerShellError, match="logical processors"):
        await runner.run(Command.of("Set-VMProcessor", VMName="Lab-Host01", Count=64))


async def test_dynamic_memory_cannot_change_while_running(sim_runner):
    runner = sim_runner()
    with pytest.raises(PowerShellError, match="Dynamic memory cannot be turned on or off"):
        await runner.run(Command.of("Set-VMMemory", VMName="Ubuntu-Dev", DynamicMemoryEnabled=True))
    with pytest.raises(PowerShellError, match="multiple of 2 MB"):
        await runner.run(Command.of("Set-VMMemory", VMName="Lab-Host01", StartupBytes=4 * GB + 1))


async def test_memory_is_fixed_while_a_nested_hypervisor_runs(sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host()
    runner = SimulatedRunner(host)
    vm = host.find_vms("Lab-Host01")[0]
    vm.dynamic_memory = False
    vm.expose_virtualization_extensions = True
    vm.memory_startup = 8 * GB
    await runner.run(Command.of("Start-VM", Name="Lab-Host01"))
    vm.guest.host.state.features["Hyper-V"] = "Enabled"
    vm.guest.host.boot()
    assert vm.guest.host.state.hypervisor_running
    with pytest.raises(PowerShellError, match="Hyper-V is running inside the virtual machine"):
        await runner.run(Command.of("Set-VMMemory", VMName="Lab-Host01", StartupBytes=10 * GB))


async def test_amd_nesting_needs_windows_11_or_server_2022(sim_runner):
    runner = sim_runner("amd-ryzen-win10-22h2")
    await runner.run(Command.of("Set-VMProcessor", VMName="Lab-Host01", ExposeVirtualizationExtensions=True))
    with pytest.raises(PowerShellError, match="AMD processors needs Windows 11 or Windows Server 2022"):
        await runner.run(Command.of("Start-VM", Name="Lab-Host01"))


async def test_amd_server_needs_configuration_version_9_3(sim_runner):
    runner = sim_runner("server-2022-amd-epyc")
    await runner.run(Command.of("Set-VMProcessor", VMName="Lab-Nested01", ExposeVirtualizationExtensions=True))
    with pytest.raises(PowerShellError, match=r"configuration version 9\.3"):
        await runner.run(Command.of("Start-VM", Name="Lab-Nested01"))
    await runner.run(Command.of("Update-VMVersion", Name="Lab-Nested01", Force=True))
    await runner.run(Command.of("Start-VM", Name="Lab-Nested01"))
    vm = (await runner.run(Command.of("Get-VM", Name="Lab-Nested01"))).first()
    assert (vm["State"], vm["Version"]) == ("Running", "10.0")


async def test_start_refused_without_hypervisor_and_without_memory(sim_runner, sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host("laptop-8gb")
    runner = SimulatedRunner(host)
    host.vms.append(SimVM("Big", memory_startup=6 * GB))
    with pytest.raises(PowerShellError, match="Not enough memory"):
        await runner.run(Command.of("Start-VM", Name="Big"))
    off = sim_runner("hyperv-not-installed")
    with pytest.raises(PowerShellError, match="not recognized"):
        await off.run(Command.of("Get-VMHost"))


async def test_heartbeat_follows_simulated_boot_time(sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host(speed=1.0)  # real time: nothing advances unless we say so
    runner = SimulatedRunner(host)
    await runner.run(Command.of("Start-VM", Name="Lab-Host01"), timeout=30)
    assert (await runner.run(Command.of("Get-VM", Name="Lab-Host01"))).first()["Heartbeat"] == "NoContact"
    host.clock.advance(60)
    assert (await runner.run(Command.of("Get-VM", Name="Lab-Host01"))).first()["Heartbeat"] == "OkApplicationsUnknown"


async def test_graceful_stop_needs_a_running_guest(sim_runner):
    runner = sim_runner()
    with pytest.raises(PowerShellError, match="shutdown integration service"):
        await runner.run(Command.of("Stop-VM", Name="Ubuntu-Dev"))
    await runner.run(Command.of("Stop-VM", Name="Ubuntu-Dev", TurnOff=True))
    assert (await runner.run(Command.of("Get-VM", Name="Ubuntu-Dev"))).first()["State"] == "Off"


async def test_saved_state_rules(sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host()
    runner = SimulatedRunner(host)
    await runner.run(Command.of("Stop-VM", Name="Ubuntu-Dev", Save=True))
    with pytest.raises(PowerShellError, match="current state"):
        await runner.run(Command.of("Set-VMProcessor", VMName="Ubuntu-Dev", Count=4))
    await runner.run(Command.of("Remove-VMSavedState", VMName="Ubuntu-Dev"))
    assert host.find_vms("Ubuntu-Dev")[0].state == "Off"


async def test_mac_spoofing_through_a_pipeline(sim_runner):
    runner = sim_runner()
    pipe = Command.of("Get-VMNetworkAdapter", VMName="Lab-Host01") | Command.of(
        "Set-VMNetworkAdapter", MacAddressSpoofing="On"
    )
    await runner.run(pipe)
    adapter = (await runner.run(Command.of("Get-VMNetworkAdapter", VMName="Lab-Host01"))).first()
    assert adapter["MacAddressSpoofing"] == "On"


async def test_unknown_parameters_are_refused_as_powershell_refuses_them(sim_runner):
    runner = sim_runner()
    with pytest.raises(CommandRejected, match="cannot be found that matches parameter name 'Bogus'"):
        await runner.run(Command.of("Get-VM", Bogus="x"))
    assert runner.round_trips == 0  # nothing was sent


async def test_parameters_the_simulation_does_not_model_are_refused_loudly(sim_runner):
    runner = sim_runner()
    with pytest.raises(CommandRejected, match="does not model -ComputerName"):
        await runner.run(Command.of("Get-VM", ComputerName="other"))


async def test_hypervisor_hides_cpu_flags_like_windows(sim_runner):
    running = (await sim_runner().run(Command.of("Get-CimInstance", ClassName="Win32_Processor"))).first()
    assert running["VirtualizationFirmwareEnabled"] is False
    assert running["SecondLevelAddressTranslationExtensions"] is False
    off = await sim_runner("hyperv-not-installed").run(Command.of("Get-CimInstance", ClassName="Win32_Processor"))
    assert off.first()["VirtualizationFirmwareEnabled"] is True


async def test_feature_enable_needs_a_restart(sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host("hyperv-not-installed")
    runner = SimulatedRunner(host)
    await runner.run(
        Command.of(
            "Enable-WindowsOptionalFeature", Online=True, FeatureName="Microsoft-Hyper-V-All", All=True, NoRestart=True
        )
    )
    assert not host.state.hypervisor_running and host.state.reboot_pending
    await runner.run(Command.of("Restart-Computer", Force=True))
    assert host.state.hypervisor_running and not host.state.reboot_pending


async def test_unknown_scripts_are_refused(sim_runner):
    with pytest.raises(PowerShellError, match="does not know the script"):
        await sim_runner().run(Script.of("Whatever.ps1"))


async def test_get_vm_by_id_returns_that_vm_only(sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host()
    runner = SimulatedRunner(host)
    vm_id = host.find_vms("Ubuntu-Dev")[0].id
    assert [v["Name"] for v in (await runner.run(Command.of("Get-VM", Id=vm_id))).output] == ["Ubuntu-Dev"]
    with pytest.raises(PowerShellError, match="unable to find a virtual machine with ID"):
        await runner.run(Command.of("Get-VM", Id="00000000-0000-0000-0000-000000000000"))
