"""Remedies: Hyper-V enabled and the host restarted on the simulated host; elevation keeps arguments and state."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from core.clock import ScaledClock
from core.errors import ConnectionLost, HostUnreachable, NestWizError
from core.host import remedies
from core.host.diagnose import Verdict, diagnose
from core.host.facts import HostFacts
from core.host.remedies import ResumeState, apply, launch_command, relaunch_argv, relaunch_elevated
from core.host.rules import Status
from core.reference import Reference
from core.results import Result
from core.runners.base import Runner
from core.runners.simulated import SimulatedRunner


async def test_enable_then_restart_fixes_hyperv_not_installed(sim_runner):
    runner = sim_runner("hyperv-not-installed")
    host = runner.host
    d = await diagnose(runner)
    feature = d.check("hyperv-feature")
    assert feature.status is Status.FAIL and feature.remedy.id == "enable-hyperv"

    outcome = await apply(feature.remedy, runner, d.facts)
    assert outcome.restart_needed
    assert host.state.features["Microsoft-Hyper-V-All"] == "EnablePending"
    enable = host.history[-1]
    assert enable.name == "Enable-WindowsOptionalFeature"
    assert enable.param_dict == {"Online": True, "FeatureName": "Microsoft-Hyper-V-All", "All": True, "NoRestart": True}

    d = await diagnose(runner)
    pending = d.check("hyperv-feature")
    assert pending.status is Status.FAIL and pending.remedy.id == "restart"
    assert d.check("reboot").status is Status.WARN

    boots = host.boots
    await apply(pending.remedy, runner, d.facts)
    assert host.boots == boots + 1
    d = await diagnose(runner)
    assert d.verdict is Verdict.READY, d.report()
    assert d.check("hypervisor").status is Status.PASS


async def test_server_installs_the_role_with_management_tools(sim_host):
    host = sim_host("guest-windows-server-2022")
    runner = SimulatedRunner(host)
    d = await diagnose(runner)
    remedy = d.check("hyperv-feature").remedy
    assert remedy.id == "enable-hyperv" and "Install-WindowsFeature" in remedy.instructions
    outcome = await apply(remedy, runner, d.facts)
    assert outcome.restart_needed
    assert host.history[-1].param_dict == {"Name": "Hyper-V", "IncludeManagementTools": True}


async def test_enable_needs_elevation_and_the_simulated_uac_gives_it(sim_host):
    host = sim_host("hyperv-not-installed")
    host.state.elevated = False
    runner = SimulatedRunner(host)
    d = await diagnose(runner)
    assert d.check("hyperv-feature").status is Status.UNKNOWN
    elevate = d.check("permissions").remedy
    assert elevate is not None and elevate.id == "elevate"
    await apply(elevate, runner, d.facts)
    assert host.state.elevated
    d = await diagnose(runner)
    assert d.check("hyperv-feature").remedy.id == "enable-hyperv"


async def test_manual_remedies_are_refused(sim_runner):
    runner = sim_runner("firmware-virtualization-off")
    d = await diagnose(runner)
    with pytest.raises(NestWizError, match="by hand"):
        await apply(d.check("virtualization").remedy, runner, d.facts)


async def test_failed_install_is_reported(sim_host):
    host = sim_host("hyperv-not-installed")
    host.state.feature_install_fails = ["Microsoft-Hyper-V-All"]
    runner = SimulatedRunner(host)
    d = await diagnose(runner)
    with pytest.raises(NestWizError, match="0x800f0922"):
        await apply(d.check("hyperv-feature").remedy, runner, d.facts)


def test_commands_fit_the_reference():
    ref = Reference.default()
    ref.check(remedies.enable_command(HostFacts(product_type=1)))
    ref.check(remedies.enable_command(HostFacts(product_type=3)))
    ref.check(remedies.RESTART_COMMAND)


def test_relaunch_keeps_arguments_and_state(tmp_path):
    calls: list[tuple[str, str]] = []

    def shell(program: str, parameters: str) -> int:
        calls.append((program, parameters))
        return 42

    argv = ["--demo", "hyperv-not-installed", "--lang", "fr", "--resume", "old.json"]
    resume = ResumeState(argv, {"page": 20, "vm_name": "Lab Host 'one'"})
    path = relaunch_elevated(
        resume, shell_execute=shell, executable="C:\\Program Files\\NestWiz\\nestwiz.exe", frozen=True
    )
    assert calls[0][0] == "C:\\Program Files\\NestWiz\\nestwiz.exe"
    assert calls[0][1] == subprocess.list2cmdline(
        ["--demo", "hyperv-not-installed", "--lang", "fr", "--resume", str(path)]
    )
    back = ResumeState.load(path)
    assert back.argv == argv and back.state["vm_name"] == "Lab Host 'one'"


def test_relaunch_from_source_runs_the_module():
    program, params = launch_command(["--smoke"], Path("s.json"), executable="C:\\Python\\python.exe", frozen=False)
    assert program == "C:\\Python\\python.exe"
    assert params == "-m gui.main --smoke --resume s.json"
    assert relaunch_argv(["a", "--resume=x", "b"], Path("y")) == ["a", "b", "--resume", "y"]


def test_declined_consent_is_a_clear_error():
    with pytest.raises(NestWizError, match="did not start NestWiz as administrator") as info:
        relaunch_elevated(ResumeState(["--demo"]), shell_execute=lambda p, a: 5, frozen=True)
    assert "returned 5" in info.value.detail
    assert not list(Path(remedies.data_dir()).glob("resume-*.json"))


def test_damaged_state_file(tmp_path):
    bad = tmp_path / "s.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(NestWizError, match="could not read"):
        ResumeState.load(bad)
    bad.write_text('{"argv": "oops"}', encoding="utf-8")
    with pytest.raises(NestWizError, match="damaged"):
        ResumeState.load(bad)


def test_run_once_entry_fits_the_reference(tmp_path):
    path = ResumeState(["--demo", "x"]).save(tmp_path)
    command = remedies.run_once_command(path, executable="C:\\NestWiz\\nestwiz.exe", frozen=True)
    Reference.default().check(command)
    assert command.get("Value").endswith(f"--resume {path}")


@pytest.mark.parametrize(
    ("maker", "vendor", "expect"),
    [
        ("Dell Inc.", "GenuineIntel", "F2"),
        ("HP", "GenuineIntel", "F10"),
        ("LENOVO", "AuthenticAMD", "SVM"),
        ("ASUSTeK COMPUTER INC.", "AuthenticAMD", "SVM Mode"),
        ("Micro-Star International Co., Ltd.", "GenuineIntel", "MSI"),
        ("Some Small Builder", "GenuineIntel", "Intel Virtualization Technology"),
    ],
)
def test_firmware_instructions_per_maker(maker, vendor, expect):
    from core.host.facts import Processor

    remedy = remedies.firmware(HostFacts(system_manufacturer=maker, processors=[Processor(manufacturer=vendor)]))
    assert expect in remedy.instructions and "UEFI Firmware Settings" in remedy.instructions
    assert not remedy.automated


class FlakyRemote(Runner):
    """A remote runner whose session drops during the restart and answers again after a few polls."""

    kind = "remote"

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.clock = ScaledClock(100_000.0)
        self.sent: list[str] = []
        self.left = failures

    async def _run(self, runnable, on_record):
        self.sent.append(runnable.name)
        if runnable.name == "Restart-Computer":
            raise ConnectionLost("The WinRM session ended.")
        if self.left > 0:
            self.left -= 1
            raise HostUnreachable("The host does not answer.")
        return Result(runnable, output=[{"BuildNumber": "22631"}])


async def test_remote_restart_waits_until_the_host_answers():
    runner = FlakyRemote(3)
    await remedies.restart_and_wait(runner)
    assert runner.sent == ["Restart-Computer"] + ["Get-CimInstance"] * 4


async def test_remote_restart_gives_up_after_the_timeout():
    runner = FlakyRemote(10**6)
    with pytest.raises(HostUnreachable):
        await remedies.restart_and_wait(runner, timeout=120)


def test_run_once_entry_asks_for_elevation(tmp_path):
    """RunOnce starts NestWiz unelevated after the restart, so the entry tells it to ask for elevation first."""
    from core.sim.handlers.process import command_line_to_argv

    path = ResumeState(["--lang", "fr"]).save(tmp_path)
    command = remedies.run_once_command(path, executable="C:\\Program Files\\NestWiz\\nestwiz.exe", frozen=True)
    argv = command_line_to_argv(command.get("Value"))
    assert argv == ["C:\\Program Files\\NestWiz\\nestwiz.exe", "--lang", "fr", "--elevate", "--resume", str(path)]


async def test_simulated_restart_runs_the_run_once_entry_unelevated(sim_host, tmp_path):
    from core.runners.simulated import SimulatedRunner

    host = sim_host()
    runner = SimulatedRunner(host)
    path = ResumeState([]).save(tmp_path)
    await runner.run(remedies.run_once_command(path, executable="C:\\NestWiz\\nestwiz.exe", frozen=True))
    await runner.run(remedies.RESTART_COMMAND)
    assert host.run_once == {}
    ((argv, elevated),) = host.signed_in_starts
    assert not elevated and "--elevate" in argv
    await runner.run(remedies.RESTART_COMMAND)
    assert len(host.signed_in_starts) == 1  # once


def test_started_unelevated_with_elevate_asks_windows_and_quits(tmp_path, monkeypatch):
    monkeypatch.setattr(remedies, "data_dir", lambda: tmp_path)
    resume = ResumeState(["--lang", "fr"], {"target": "local", "page": "host"}).save(tmp_path)
    calls = []

    def shell_execute(program, parameters):
        calls.append((program, parameters))
        return 42

    argv = ["--lang", "fr", "--elevate", "--resume", str(resume)]
    new = remedies.continue_elevated(argv, is_admin=lambda: False, shell_execute=shell_execute)
    assert new is not None and ResumeState.load(new).state == {"target": "local", "page": "host"}
    ((_program, parameters),) = calls
    assert "--elevate" not in parameters and f"--resume {new}" in parameters
    # Already elevated, or the consent declined: this NestWiz goes on (the host checks then offer to elevate).
    assert remedies.continue_elevated(argv, is_admin=lambda: True, shell_execute=shell_execute) is None
    assert remedies.continue_elevated(argv, is_admin=lambda: False, shell_execute=lambda p, a: 5) is None
    assert (
        remedies.continue_elevated(["--resume", str(resume)], is_admin=lambda: False, shell_execute=shell_execute)
        is None
    )
    assert len(calls) == 1
