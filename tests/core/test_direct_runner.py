"""PowerShell Direct: the wrapped Invoke-Command as data, and its behaviour against a simulated host with a guest."""

from __future__ import annotations

import pytest

from core.commands import Command, Credential, Hashtable, Script, ScriptBlock, render
from core.errors import AuthenticationFailed, HostUnreachable, PowerShellError
from core.paths import resource
from core.runners.direct import (
    GuestNotReady,
    PowerShellDirectRunner,
    dispatcher,
    request_for,
    runnable_from,
)
from core.runners.simulated import SimulatedRunner
from tests.ps_lint import lint, lint_file

GOOD = Credential("Administrator", "Lab-Passw0rd!")
NASTY = "a'b\u2019c $(Remove-Item C:\\ -Recurse) `n \"d\" ; & calc"


def test_wrap_sends_the_inner_command_as_argument_values(sim_runner):
    direct = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD)
    inner = Command.of("New-VMSwitch", Name=NASTY, SwitchType="Internal")
    wrapped = direct.wrap(inner)
    assert wrapped.name == "Invoke-Command"
    assert wrapped.get("VMName") == "Lab-Host01"
    assert wrapped.get("Credential") is GOOD
    assert wrapped.get("ScriptBlock") == dispatcher()
    (request,) = wrapped.get("ArgumentList")
    assert request.as_dict()["Kind"] == "Pipeline"
    (stage,) = request.as_dict()["Stages"]
    assert stage.as_dict() == {"Name": "New-VMSwitch", "Parameters": Hashtable((("Name", NASTY),
                                                                                ("SwitchType", "Internal")))}
    # The script block is the fixed file, whatever the inner values are.
    assert NASTY not in wrapped.get("ScriptBlock").text
    assert isinstance(wrapped.get("ScriptBlock"), ScriptBlock)
    assert runnable_from(request) == inner


def test_pipelines_and_scripts_round_trip_as_requests():
    pipeline = Command.of("Get-NetAdapter", Name="vEthernet (NAT)") | Command.of(
        "New-NetIPAddress", IPAddress="192.168.100.1", PrefixLength=24)
    assert runnable_from(request_for(pipeline)) == pipeline
    script = Script.of("Get-HostFacts.ps1")
    request = request_for(script).as_dict()
    assert request["Kind"] == "Script" and request["Name"] == "Get-HostFacts.ps1"
    assert request["Text"] == resource("scripts", "Get-HostFacts.ps1").read_text(encoding="utf-8")
    assert runnable_from(request_for(script)) == script


def test_wrapped_command_passes_the_reference_and_renders_as_valid_powershell(sim_runner):
    direct = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD)
    wrapped = direct.wrap(Command.of("New-VMSwitch", Name=NASTY, SwitchType="Internal"))
    direct.reference.check(wrapped)
    text = render(wrapped)
    assert lint(text) == []
    assert "$Credential" in text and "Lab-Passw0rd!" not in text


def test_the_dispatcher_script_lints_clean():
    assert lint_file(resource("scripts", "Invoke-DirectRequest.ps1")) == []


async def _running_guest(sim_host, **guest):
    host = sim_host()
    vm = host.find_vms("Lab-Host01")[0]
    for key, value in guest.items():
        setattr(vm.guest, key, value)
    runner = SimulatedRunner(host)
    await runner.run(Command.of("Start-VM", Name="Lab-Host01"))
    return host, vm, runner


async def test_commands_run_on_the_guest_host_not_the_outer_host(sim_host):
    host, vm, runner = await _running_guest(sim_host)
    await host.clock.sleep(vm.guest.boot_seconds)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    facts = (await direct.run(Script.of("Get-HostFacts.ps1"))).first()
    assert facts["OS"]["Caption"] == "Microsoft Windows Server 2022 Standard"
    assert "PSComputerName" not in facts
    before = list(host.history)
    await direct.run(Command.of("Restart-Computer", Force=True))
    assert vm.guest.host.boots == 2
    assert host.boots == 0
    assert [type(r).__name__ for r in host.history[len(before):]] == ["Command"]
    assert host.history[-1].name == "Invoke-Command"


async def test_wrong_password_is_an_authentication_failure(sim_host):
    host, vm, runner = await _running_guest(sim_host)
    await host.clock.sleep(vm.guest.boot_seconds)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", Credential("Administrator", "wrong"))
    with pytest.raises(AuthenticationFailed) as info:
        await direct.run(Command.of("Get-NetNat"))
    assert "The credential is invalid." in info.value.detail
    assert "password" in info.value.message


async def test_a_guest_still_booting_is_not_ready(sim_host):
    _, _, runner = await _running_guest(sim_host, boot_seconds=1e9)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    with pytest.raises(GuestNotReady) as info:
        await direct.run(Command.of("Get-NetNat"))
    assert "A remote session might have ended." in info.value.detail


async def test_a_missing_or_stopped_vm(sim_host):
    _, _, runner = await _running_guest(sim_host)
    with pytest.raises(HostUnreachable) as info:
        await PowerShellDirectRunner(runner, "No-Such-VM", GOOD).run(Command.of("Get-NetNat"))
    assert "does not resolve to any virtual machine" in info.value.detail
    await runner.run(Command.of("Stop-VM", Name="Lab-Host01", TurnOff=True))
    with pytest.raises(GuestNotReady) as stopped:
        await PowerShellDirectRunner(runner, "Lab-Host01", GOOD).run(Command.of("Get-NetNat"))
    assert "not in running state" in stopped.value.detail


async def test_guest_errors_stay_powershell_errors_and_records_stream(sim_host):
    host, vm, runner = await _running_guest(sim_host)
    await host.clock.sleep(vm.guest.boot_seconds)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    seen = []
    result = await direct.run(Command.of("Install-WindowsFeature", Name="Hyper-V", IncludeManagementTools=True),
                              on_record=seen.append)
    assert result.first()["RestartNeeded"] == "Yes"
    assert any(r.kind == "progress" for r in seen)
    with pytest.raises(PowerShellError) as info:
        await direct.run(Command.of("Get-NetAdapter", Name="Nope"))
    assert "No MSFT_NetAdapter objects found" in info.value.message


def test_over_the_local_runner_the_request_travels_as_json_data(sim_runner):
    import json

    from core.runners.wire import encode_request

    direct = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD)
    wrapped = direct.wrap(Command.of("New-VMSwitch", Name=NASTY, SwitchType="Internal"))
    request = encode_request(wrapped, "1", 6)
    text = json.dumps(request)
    block = next(v for k, v in request["commands"][0]["params"] if k == "ScriptBlock")
    assert block["text"] == resource("scripts", "Invoke-DirectRequest.ps1").read_text(encoding="utf-8")
    assert NASTY not in block["text"]
    (argument,) = next(v for k, v in request["commands"][0]["params"] if k == "ArgumentList")
    stages = dict(argument["items"])["Stages"]
    assert dict(dict(stages[0]["items"])["Parameters"]["items"])["Name"] == NASTY
    assert json.loads(text) == request


def test_a_script_block_cannot_be_an_inner_value():
    from core.errors import CommandRejected

    inner = Command.of("Invoke-Command", ScriptBlock=ScriptBlock("Get-Date"))
    with pytest.raises(CommandRejected) as info:
        request_for(inner)
    assert "cannot cross PowerShell Direct" in info.value.message
