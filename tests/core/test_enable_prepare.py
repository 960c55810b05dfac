"""Before Microsoft's script: the configuration version nesting needs (the script never checks it) and a forced
shutdown (its Stop-VM has no -Force), each with the user's consent; the simulated host's locked guest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.commands import Command, Script
from core.enable import direct
from core.enable.pins import sha256_hex
from core.enable.run import EnableChoices, run_microsoft_script
from core.errors import CommandRejected
from core.lab.fit import fitted_plan
from core.lab.journal import Journal
from core.lab.plan import LabPlan, NestingPlan, OuterPlan, TargetPlan
from core.sim import scripts_enable
from core.vm import assess, read_vm
from tests.core.test_lab_engine import engine_for

STAND_IN = "\ufeffparam([string]$vmName)\n# stand-in for Enable-NestedVm.ps1 in NestWiz's tests\n".encode()
DIGEST = sha256_hex(STAND_IN)
AMD = "server-2022-amd-epyc"  # its Lab-Nested01 has configuration version 9.0; AMD nesting needs 9.3
WRAPPER = "Invoke-EnableNestedVm.ps1"


@pytest.fixture(autouse=True)
def stand_in_known(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scripts_enable, "STAND_IN_DIGESTS", {DIGEST})


def _users_vm(plan: LabPlan, name: str) -> LabPlan:
    return replace(
        plan, outer=OuterPlan("existing", replace(plan.outer.options, name=name)), nesting=NestingPlan("script")
    )


async def _script_engine(sim_runner, tmp_path: Path, profile: str, vm_name: str, consent: direct.Consent | None):
    runner = sim_runner(profile)
    plan = _users_vm(await fitted_plan(runner, TargetPlan("simulated", profile)), vm_name)
    engine = engine_for(runner, plan, Journal(tmp_path / "journal.json"))
    engine.ctx.enable_script, engine.ctx.accepted_digests = STAND_IN, (DIGEST,)
    engine.ctx.consent = consent
    return runner, engine


def _sent(host) -> list[Command | Script]:
    return [c for c in host.history if isinstance(c, Command | Script)]


def _names(host) -> list[str]:
    return [c.name for c in _sent(host)]


async def test_the_scripts_readback_checks_the_version_for_the_processor(sim_runner) -> None:
    runner = sim_runner(AMD)
    outcome = await run_microsoft_script(
        runner, "Lab-Nested01", STAND_IN, EnableChoices(), accepted=[DIGEST], cpu_vendor="AuthenticAMD"
    )
    assert runner.host.find_vms("Lab-Nested01")[0].expose_virtualization_extensions  # the script did its part
    assert not outcome.complete
    assert [c.key for c in outcome.missing] == ["version"]
    assert "9.0 is older than the 9.3" in outcome.missing[0].sentence


async def test_an_old_amd_vm_is_not_handed_to_the_script_without_consent(sim_runner, tmp_path: Path) -> None:
    runner, engine = await _script_engine(sim_runner, tmp_path, AMD, "Lab-Nested01", None)
    report = await engine.run(only=("host", "outer_vm", "nesting"))
    assert not report.ok
    assert report.error is not None and "configuration version 9.0" in report.error.message
    assert "9.3" in report.error.message
    vm = runner.host.find_vms("Lab-Nested01")[0]
    assert WRAPPER not in _names(runner.host) and vm.version == "9.0" and not vm.expose_virtualization_extensions


async def test_with_consent_the_version_is_upgraded_before_the_script_and_the_vm_nests(
    sim_runner, tmp_path: Path
) -> None:
    runner, engine = await _script_engine(
        sim_runner, tmp_path, AMD, "Lab-Nested01", direct.Consent(update_version=True)
    )
    report = await engine.run(only=("host", "outer_vm", "nesting"))
    assert report.ok, report.error
    names = _names(runner.host)
    assert names.index("Update-VMVersion") < names.index(WRAPPER)
    vm = runner.host.find_vms("Lab-Nested01")[0]
    assert vm.version == "10.0" and vm.expose_virtualization_extensions
    assert runner.host.nesting_block_reason(vm) is None  # the simulated host now lets it start with nesting


async def test_the_simulated_host_refuses_to_nest_an_amd_vm_below_9_3(sim_runner) -> None:
    runner = sim_runner(AMD)
    await run_microsoft_script(runner, "Lab-Nested01", STAND_IN, EnableChoices(), accepted=[DIGEST])
    result = await runner.run(Command.of("Start-VM", Name="Lab-Nested01"), check=False)
    assert not result.ok and "needs VM configuration version 9.3" in result.errors[0].message
    assert runner.host.find_vms("Lab-Nested01")[0].state == "Off"


def _lock(runner, name: str) -> None:
    host = runner.host
    vm = host.find_vms(name)[0]
    vm.state = "Running"
    host.boot_guest(vm)
    vm.guest.ready_at = host.clock.now()
    vm.guest.locked = True


async def test_a_locked_guest_is_stopped_with_force_before_the_script(sim_runner, tmp_path: Path) -> None:
    runner, engine = await _script_engine(
        sim_runner, tmp_path, "intel-laptop-win11-pro", "Lab-Host01", direct.Consent(stop_vm=True)
    )
    _lock(runner, "Lab-Host01")
    report = await engine.run(only=("host", "outer_vm", "nesting"))
    assert report.ok, report.error
    sent = _sent(runner.host)
    stops = [c for c in sent if c.name == "Stop-VM"]
    assert stops == [Command.of("Stop-VM", Name="Lab-Host01", Force=True)]
    assert sent.index(stops[0]) < _names(runner.host).index(WRAPPER)
    vm = runner.host.find_vms("Lab-Host01")[0]
    assert vm.state == "Off" and vm.expose_virtualization_extensions


async def test_a_running_vm_waits_for_consent_before_the_script(sim_runner, tmp_path: Path) -> None:
    runner, engine = await _script_engine(sim_runner, tmp_path, "intel-laptop-win11-pro", "Lab-Host01", None)
    _lock(runner, "Lab-Host01")
    report = await engine.run(only=("host", "outer_vm", "nesting"))
    assert not report.ok and report.error is not None and "is running" in report.error.message
    assert "Stop-VM" not in _names(runner.host) and WRAPPER not in _names(runner.host)
    assert runner.host.find_vms("Lab-Host01")[0].state == "Running"


async def test_the_simulated_stop_vm_refuses_a_locked_guest_without_force(sim_runner) -> None:
    runner = sim_runner()
    _lock(runner, "Lab-Host01")
    with pytest.raises(CommandRejected, match="locked guest") as caught:
        await runner.run(Command.of("Stop-VM", Name="Lab-Host01"))
    assert caught.value.detail == "SimulationGap"
    assert runner.host.find_vms("Lab-Host01")[0].state == "Running"
    await runner.run(Command.of("Stop-VM", Name="Lab-Host01", Force=True))
    assert runner.host.find_vms("Lab-Host01")[0].state == "Off"


async def test_the_direct_method_stops_a_locked_guest_with_force(sim_runner) -> None:
    runner = sim_runner()
    _lock(runner, "Lab-Host01")
    readiness = assess(await read_vm(runner, "Lab-Host01"))
    outcome = await direct.apply(
        runner, readiness, direct.Consent(stop_vm=True), mac_spoofing=True, memory_4gb=True, cpu_vendor="GenuineIntel"
    )
    assert outcome.complete and runner.host.find_vms("Lab-Host01")[0].state == "Off"
