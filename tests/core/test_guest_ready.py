"""Guest readiness in stages: each stage's limit and message, wrong passwords, missing heartbeats, OS installs."""

from __future__ import annotations

import pytest

from core.commands import Command, Credential, render
from core.provision.guest import STAGE_KEYS, GuestStageFailed, console_command, find_outer_vm, wait_until_ready
from core.runners.direct import PowerShellDirectRunner, SessionBroken
from core.runners.simulated import SimulatedRunner
from core.sim.handlers.nested import simulate_os_install
from tests.ps_lint import lint

GB = 1024**3
SPEED = 2000.0  # simulated seconds per real second: slow enough that a call's own cost stays small
GOOD = Credential("Administrator", "Lab-Passw0rd!")


def _outer(sim_host, **guest):
    host = sim_host(speed=SPEED)
    vm = host.find_vms("Lab-Host01")[0]
    for key, value in guest.items():
        setattr(vm.guest, key, value)
    return host, vm, SimulatedRunner(host)


async def test_stages_run_in_order_and_start_the_vm(sim_host):
    _host, vm, runner = _outer(sim_host)
    seen = []
    ready = await wait_until_ready(runner, "Lab-Host01", GOOD, listener=lambda s: seen.append((s.key, s.state)))
    assert [k for k, state in seen if state == "done"] == list(STAGE_KEYS)
    assert ready.started_vm and vm.state == "Running"
    assert ready.facts["OS"]["Caption"] == "Microsoft Windows Server 2022 Standard"
    assert ready.stages[0].seconds + ready.stages[1].seconds >= vm.guest.boot_seconds  # it waited for the boot
    again = await wait_until_ready(runner, "Lab-Host01", GOOD)
    assert not again.started_vm  # already running: nothing changed


async def test_wrong_password_fails_the_session_stage_at_once(sim_host):
    host, _vm, runner = _outer(sim_host)
    started = host.clock.now()
    with pytest.raises(GuestStageFailed) as info:
        await wait_until_ready(runner, "Lab-Host01", Credential("Administrator", "not-it"))
    assert info.value.stage == "session"
    assert "refused the user name or password" in info.value.message
    assert "The credential is invalid." in info.value.detail
    assert host.clock.now() - started < 300  # no retrying a password that will not change


async def test_a_refusal_at_the_stage_limit_still_says_the_password_was_refused(sim_host):
    """However few looks the limit leaves (a slow host), the stage ends by naming the refusal, not a timeout."""
    _host, _vm, runner = _outer(sim_host)
    with pytest.raises(GuestStageFailed) as info:
        await wait_until_ready(runner, "Lab-Host01", Credential("Administrator", "not-it"), timeouts={"session": 1})
    assert info.value.stage == "session"
    assert "refused the user name or password" in info.value.message


async def test_a_refusal_right_after_boot_is_looked_at_again(sim_host, monkeypatch):
    """A guest that has only just booted may refuse a logon once; only a refusal that repeats ends the wait."""
    from core.errors import AuthenticationFailed

    _host, _vm, runner = _outer(sim_host)
    real_open, refused = PowerShellDirectRunner.open, []

    async def open_once_refused(self):
        if not refused:
            refused.append(True)
            raise AuthenticationFailed("refused", detail="PSSessionOpenFailed | PSDirectException")
        return await real_open(self)

    monkeypatch.setattr(PowerShellDirectRunner, "open", open_once_refused)
    ready = await wait_until_ready(runner, "Lab-Host01", GOOD)
    assert refused and ready.facts["OS"]["BuildNumber"] == "20348"


async def test_no_heartbeat_ends_with_the_heartbeat_stage_message(sim_host):
    _host, _vm, runner = _outer(sim_host, heartbeat_works=False)
    with pytest.raises(GuestStageFailed) as info:
        await wait_until_ready(runner, "Lab-Host01", GOOD, timeouts={"heartbeat": 240})
    assert info.value.stage == "heartbeat"
    assert info.value.message.startswith(
        "'Lab-Host01' runs, but its operating system sent no heartbeat within 240 seconds."
    )


async def test_a_guest_without_an_os_times_out_then_works_once_installed(sim_host):
    host, _vm, runner = _outer(sim_host, installed=False)
    with pytest.raises(GuestStageFailed) as info:
        await wait_until_ready(runner, "Lab-Host01", GOOD, timeouts={"heartbeat": 120})
    assert info.value.stage == "heartbeat" and "may not be installed" in info.value.message
    started = host.clock.now()
    await simulate_os_install(host, "Lab-Host01")
    assert host.clock.now() - started >= 400  # installing takes the guest's time
    ready = await wait_until_ready(runner, "Lab-Host01", GOOD)
    assert ready.facts["OS"]["BuildNumber"] == "20348"


async def test_a_start_the_host_refuses_fails_the_running_stage_with_its_reason(sim_host):
    _host, vm, runner = _outer(sim_host)
    vm.memory_startup = 64 * GB
    with pytest.raises(GuestStageFailed) as info:
        await wait_until_ready(runner, "Lab-Host01", GOOD)
    assert info.value.stage == "running" and "Not enough memory" in info.value.message


async def test_a_guest_reboot_in_the_middle_is_waited_out(sim_host):
    host, vm, runner = _outer(sim_host)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    with pytest.raises(SessionBroken):  # the restart closes the Hyper-V socket under the call (PSSessionStateBroken)
        await PowerShellDirectRunner(runner, "Lab-Host01", GOOD).run(Command.of("Restart-Computer", Force=True))
    assert not host.vm_ready(vm)
    seen = []
    ready = await wait_until_ready(runner, "Lab-Host01", GOOD, listener=lambda s: seen.append((s.key, s.state)))
    assert ready.facts and vm.guest.host.boots == 2
    assert ("heartbeat", "done") in seen


async def test_outer_vm_choice_and_console_command(sim_host):
    host, _vm, runner = _outer(sim_host)
    assert await find_outer_vm(runner) == "Lab-Host01"
    host.vms[1].expose_virtualization_extensions = True
    assert await find_outer_vm(runner) == "Ubuntu-Dev"
    assert await find_outer_vm(runner, "lab-host01") == "Lab-Host01"
    command = console_command("Lab-Host01")
    runner.reference.check(command)
    assert lint(render(command)) == []


async def test_with_the_heartbeat_service_off_powershell_direct_decides(sim_host):
    _, vm, runner = _outer(sim_host)
    vm.integration_services["Heartbeat"] = False
    ready = await wait_until_ready(runner, "Lab-Host01", GOOD)
    assert ready.stages[1].state == "done" and "Heartbeat integration service is off" in ready.stages[1].message
    assert ready.facts["OS"]["BuildNumber"] == "20348"  # the session stage waited for the boot instead
