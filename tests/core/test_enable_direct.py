"""Direct settings: the plan as commands, consent for costly fixes, Intel 8.0 and AMD 9.3, stopping at a failure."""

from __future__ import annotations

import pytest

from core.commands import Command, Pipeline
from core.enable import direct
from core.results import Record
from core.sim.model import GB, SimAdapter, SimCheckpoint, SimVM
from core.vm import assess, read_vm
from tests import ps_eval

NASTY_NAMES = ['It\'s "my" VM', "cost$HOME`n; Remove-VM x", "line1\nline2", "Лаборатория-虚拟机", "a`b$(c)'d'"]
ALL = direct.Consent(stop_vm=True, update_version=True)


def commands_run(host) -> list[Command | Pipeline]:
    return [r for r in host.history if isinstance(r, Command | Pipeline)]


async def enable(
    runner,
    name: str,
    consent: direct.Consent = ALL,
    *,
    mac: bool = True,
    memory: bool = True,
    log: list[Record] | None = None,
):
    host = runner.host
    vendor = host.state.cpu.manufacturer
    readiness = assess(
        await read_vm(runner, name),
        cpu_vendor=vendor,
        mac_spoofing=mac,
        memory_4gb=memory,
        host_default_version=host.state.default_version,
    )
    return await direct.apply(
        runner,
        readiness,
        consent,
        mac_spoofing=mac,
        memory_4gb=memory,
        cpu_vendor=vendor,
        on_record=log.append if log is not None else None,
    )


async def test_intel_8_0_vm_needs_only_the_settings(sim_runner) -> None:
    runner = sim_runner()
    runner.host.vms.append(
        SimVM(
            name="Nest80",
            version="8.0",
            dynamic_memory=True,
            memory_startup=2 * GB,
            adapters=[SimAdapter(name="A"), SimAdapter(name="B", mac_spoofing="On")],
        )
    )
    readiness = assess(await read_vm(runner, "Nest80"), cpu_vendor="GenuineIntel")
    assert [s.command for s in direct.plan(readiness, direct.Consent())] == [
        Command.of("Set-VMProcessor", VMName="Nest80", ExposeVirtualizationExtensions=True),
        Command.of("Set-VMMemory", VMName="Nest80", DynamicMemoryEnabled=False),
        Command.of("Set-VMMemory", VMName="Nest80", StartupBytes=4 * GB),
        Command.of("Get-VMNetworkAdapter", VMName="Nest80")
        | Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On"),
    ]
    outcome = await enable(runner, "Nest80", direct.Consent())
    vm = runner.host.find_vms("Nest80")[0]
    assert vm.version == "8.0" and vm.expose_virtualization_extensions and not vm.dynamic_memory
    assert vm.memory_startup == 4 * GB and [a.mac_spoofing for a in vm.adapters] == ["On", "On"]
    assert outcome.complete and outcome.method == "direct"
    assert "version" in {c.key for c in outcome.checks}


async def test_intel_vm_older_than_8_0_is_upgraded(sim_runner) -> None:
    runner = sim_runner()
    runner.host.vms.append(SimVM(name="Old", version="5.0", adapters=[SimAdapter(mac_spoofing="On")]))
    outcome = await enable(runner, "Old")
    assert Command.of("Update-VMVersion", Name="Old", Force=True) in commands_run(runner.host)
    assert runner.host.find_vms("Old")[0].version == "11.0"
    assert outcome.complete


async def test_amd_vm_is_upgraded_to_9_3_or_later_first(sim_runner) -> None:
    runner = sim_runner("server-2022-amd-epyc")
    outcome = await enable(runner, "Lab-Nested01")
    run = commands_run(runner.host)
    assert run[0] == Command.of("Update-VMVersion", Name="Lab-Nested01", Force=True)
    assert run[1] == Command.of("Set-VMProcessor", VMName="Lab-Nested01", ExposeVirtualizationExtensions=True)
    vm = runner.host.find_vms("Lab-Nested01")[0]
    assert vm.version == "10.0" and vm.expose_virtualization_extensions
    assert outcome.complete
    assert {c.key: c.in_place for c in outcome.checks}["version"]


async def test_amd_upgrade_waits_for_consent(sim_runner) -> None:
    runner = sim_runner("server-2022-amd-epyc")
    with pytest.raises(direct.ConsentNeeded, match=r"needs 9\.3 or later"):
        await enable(runner, "Lab-Nested01", direct.Consent(stop_vm=True))
    assert commands_run(runner.host) == []


async def test_amd_host_without_9_3_cannot_be_fixed(sim_runner) -> None:
    runner = sim_runner("amd-ryzen-win10-22h2")
    with pytest.raises(direct.ConsentNeeded, match=r"upgrades VMs only to 9\.0"):
        await enable(runner, "Lab-Host01")
    assert commands_run(runner.host) == []


async def test_running_vm_is_stopped_only_with_consent(sim_runner) -> None:
    runner = sim_runner()
    host = runner.host
    vm = host.find_vms("Lab-Host01")[0]
    vm.state = "Running"
    host.boot_guest(vm)
    vm.guest.ready_at = host.clock.now()
    with pytest.raises(direct.ConsentNeeded, match="is running"):
        await enable(runner, "Lab-Host01", direct.Consent(update_version=True))
    assert vm.state == "Running" and commands_run(host) == []
    outcome = await enable(runner, "Lab-Host01")
    assert commands_run(host)[0] == Command.of("Stop-VM", Name="Lab-Host01", Force=True)
    assert vm.state == "Off" and outcome.complete


async def test_saved_state_is_removed_with_consent(sim_runner) -> None:
    runner = sim_runner()
    vm = runner.host.find_vms("Lab-Host01")[0]
    vm.state = "Saved"
    outcome = await enable(runner, "Lab-Host01")
    assert commands_run(runner.host)[0] == Command.of("Remove-VMSavedState", VMName="Lab-Host01")
    assert vm.state == "Off" and outcome.complete


async def test_a_failed_step_stops_the_rest_and_the_readback_tells(sim_runner) -> None:
    runner = sim_runner()
    log: list[Record] = []
    outcome = await enable(runner, "Ubuntu-Dev", log=log)
    assert [c.name for c in commands_run(runner.host)] == ["Stop-VM"]
    assert not outcome.complete
    assert {c.key for c in outcome.missing} == {"extensions", "mac-spoofing:Network Adapter"}
    assert "could not be shut down" in outcome.errors[0]
    assert any(r.kind == "warning" and "remaining steps were not run" in r.value for r in log)


async def test_checkpoints_are_information_only(sim_runner) -> None:
    runner = sim_runner()
    vm = runner.host.find_vms("Lab-Host01")[0]
    vm.checkpoints.append(SimCheckpoint("before nesting"))
    readiness = assess(await read_vm(runner, "Lab-Host01"))
    assert "one checkpoint" in readiness.item("checkpoints").message  # type: ignore[union-attr]
    assert "checkpoints" not in {s.key for s in direct.plan(readiness, ALL)}


@pytest.mark.parametrize("name", NASTY_NAMES)
async def test_names_survive_as_data_in_commands_and_log(sim_runner, name: str) -> None:
    runner = sim_runner()
    runner.host.vms.append(SimVM(name=name, version="9.0", dynamic_memory=True, adapters=[SimAdapter()]))
    log: list[Record] = []
    outcome = await enable(runner, name, log=log)
    assert outcome.complete and outcome.vm.name == name
    for command in commands_run(runner.host):
        first = command.commands[0] if isinstance(command, Pipeline) else command
        assert name in dict(first.params).values()
    shown = [str(r.value)[4:] for r in log if r.kind == "information" and str(r.value).startswith("PS> ")]
    assert len(shown) == 3
    for line in shown:
        [first, *_] = ps_eval.commands(line)
        assert name in dict(first[1]).values()
