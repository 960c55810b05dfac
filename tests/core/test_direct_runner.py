"""PowerShell Direct: one session per guest boot, requests as data, and failures told apart as Windows reports them."""

from __future__ import annotations

import json

import pytest

from core.commands import Command, Credential, Hashtable, Script, ScriptBlock, render
from core.errors import AuthenticationFailed, CommandRejected, HostUnreachable, PowerShellError
from core.paths import resource
from core.results import ErrorRecord
from core.runners.direct import (
    SESSION_SCRIPT,
    GuestNotReady,
    PowerShellDirectRunner,
    SessionBroken,
    call_error,
    dispatcher,
    inner_of,
    open_error,
    opens_session,
    request_for,
    runnable_from,
)
from core.runners.simulated import SimulatedRunner
from tests.ps_lint import lint, lint_file

GOOD = Credential("Administrator", "Lab-Passw0rd!")
NASTY = 'a\'b\u2019c $(Remove-Item C:\\ -Recurse) `n "d" ; & calc'


def test_wrap_sends_the_inner_command_as_data_to_the_fixed_session_script(sim_runner):
    direct = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD)
    inner = Command.of("New-VMSwitch", Name=NASTY, SwitchType="Internal")
    wrapped = direct.wrap(inner, "NestWiz-0123456789ab")
    assert isinstance(wrapped, Script) and wrapped.name == SESSION_SCRIPT
    assert wrapped.get("SessionName") == "NestWiz-0123456789ab"
    assert wrapped.get("Dispatcher") == dispatcher().text
    assert NASTY not in wrapped.get("Dispatcher")
    (stage,) = wrapped.get("Request").as_dict()["Stages"]
    assert stage.as_dict() == {
        "Name": "New-VMSwitch",
        "Parameters": Hashtable((("Name", NASTY), ("SwitchType", "Internal"))),
    }
    assert inner_of(wrapped) == inner
    assert runnable_from(wrapped.get("Request")) == inner


def test_the_session_is_opened_by_vm_id_when_the_lab_knows_it(sim_runner):
    by_name = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD).open_command("NestWiz-1")
    assert by_name.get("VMName") == "Lab-Host01" and by_name.get("VMId") is None
    by_id = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD, vm_id="0A2B").open_command("NestWiz-1")
    assert by_id.get("VMId") == "0A2B" and by_id.get("VMName") is None
    assert by_id.get("Credential") is GOOD and by_id.get("Name") == "NestWiz-1"
    assert opens_session(by_id) and opens_session(by_name)


def test_pipelines_and_scripts_round_trip_as_requests():
    pipeline = Command.of("Get-NetAdapter", Name="vEthernet (NAT)") | Command.of(
        "New-NetIPAddress", IPAddress="192.168.100.1", PrefixLength=24
    )
    assert runnable_from(request_for(pipeline)) == pipeline
    script = Script.of("Get-HostFacts.ps1")
    request = request_for(script).as_dict()
    assert request["Kind"] == "Script" and request["Name"] == "Get-HostFacts.ps1"
    assert request["Text"] == resource("scripts", "Get-HostFacts.ps1").read_text(encoding="utf-8")
    assert runnable_from(request_for(script)) == script


def test_what_the_host_runs_passes_the_reference_and_renders_as_valid_powershell(sim_runner):
    direct = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD)
    opening = direct.open_command("NestWiz-1")
    direct.reference.check(opening)
    text = render(opening)
    assert lint(text) == []
    assert "$Credential" in text and "Lab-Passw0rd!" not in text
    direct.reference.check_runnable(direct.wrap(Command.of("Get-NetNat"), "NestWiz-1"))
    direct.reference.check(Command.of("Remove-PSSession", Name=("NestWiz-1",)))


def test_the_fixed_scripts_lint_clean():
    assert lint_file(resource("scripts", "Invoke-DirectRequest.ps1")) == []
    assert lint_file(resource("scripts", SESSION_SCRIPT)) == []


async def _running_guest(sim_host, **guest):
    host = sim_host()
    vm = host.find_vms("Lab-Host01")[0]
    for key, value in guest.items():
        setattr(vm.guest, key, value)
    runner = SimulatedRunner(host)
    await runner.run(Command.of("Start-VM", Name="Lab-Host01"))
    return host, vm, runner


async def _booted_guest(sim_host):
    """The outer VM running, its guest booted: ready for a session."""
    host, vm, runner = await _running_guest(sim_host)
    await host.clock.sleep(vm.guest.boot_seconds)
    return host, vm, runner


def _opened(host) -> int:
    return sum(1 for r in host.history if isinstance(r, Command) and r.name == "New-PSSession")


async def test_many_calls_share_one_session_on_the_guest_host(sim_host):
    host, vm, runner = await _booted_guest(sim_host)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD, vm_id=vm.id)
    facts = (await direct.run(Script.of("Get-HostFacts.ps1"))).first()
    assert facts["OS"]["Caption"] == "Microsoft Windows Server 2022 Standard"
    assert "PSComputerName" not in facts
    for _ in range(4):
        await direct.run(Command.of("Get-NetNat"))
    assert _opened(host) == 1 and direct.sessions_opened == 1
    assert len(host.sessions) == 1
    await direct.close()
    assert host.sessions == {}
    assert host.history[-1].name == "Remove-PSSession"


async def test_a_restart_breaks_the_session_and_the_next_call_opens_a_new_one(sim_host):
    host, vm, runner = await _booted_guest(sim_host)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    await direct.run(Command.of("Get-NetNat"))
    vm.guest.boot_seconds = 1e9  # this restart takes its time (the test clock runs fast)
    with pytest.raises(SessionBroken) as broken:
        await direct.run(Command.of("Restart-Computer", Force=True))
    assert "PSSessionStateBroken" in broken.value.detail
    assert "PSRemotingTransportException" in broken.value.record.exception_type
    assert vm.guest.host.boots == 2 and host.boots == 0  # the guest restarted, not the host
    # While it boots again, a new session is refused as Windows refuses it: retried by the guest wait.
    with pytest.raises(GuestNotReady) as booting:
        await direct.run(Command.of("Get-NetNat"))
    assert booting.value.record.error_id.startswith("PSSessionOpenFailed,")
    vm.guest.ready_at = host.clock.now()  # back
    await direct.run(Command.of("Get-NetNat"))
    assert direct.sessions_opened == 2


async def test_a_session_the_host_process_lost_is_opened_again_without_running_twice(sim_host):
    host, vm, runner = await _booted_guest(sim_host)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    await direct.run(Command.of("Get-NetNat"))
    host.sessions.clear()  # the host's powershell.exe was restarted (a cancelled call kills it)
    before = len(vm.guest.host.history)
    await direct.run(Command.of("New-Item", Path="C:\\Lab", ItemType="Directory"))
    assert [r.name for r in vm.guest.host.history[before:]] == ["New-Item"]
    assert direct.sessions_opened == 2


async def test_a_session_found_broken_before_the_call_runs_nothing_and_reopens(sim_host):
    host, vm, runner = await _booted_guest(sim_host)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    await direct.run(Command.of("Get-NetNat"))
    vm.guest.host.boot()  # someone restarted the guest between two calls; it is back already
    vm.guest.ready_at = host.clock.now()
    before = len(vm.guest.host.history)
    await direct.run(Command.of("New-Item", Path="C:\\Lab", ItemType="Directory"))
    assert [r.name for r in vm.guest.host.history[before:]] == ["New-Item"]
    assert direct.sessions_opened == 2


async def test_wrong_password_is_an_authentication_failure(sim_host):
    host, _vm, runner = await _booted_guest(sim_host)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", Credential("Administrator", "wrong"))
    with pytest.raises(AuthenticationFailed) as info:
        await direct.run(Command.of("Get-NetNat"))
    assert "The credential is invalid." in info.value.detail
    assert info.value.record.error_id.startswith("PSSessionOpenFailed,")
    assert "password" in info.value.message
    assert host.sessions == {}


def test_failures_are_told_apart_by_id_and_exception_type_not_by_english_text():
    german = "Die Anmeldeinformationen sind ungültig."
    refused = ErrorRecord(
        german,
        "PSSessionOpenFailed,Microsoft.PowerShell.Commands.NewPSSessionCommand",
        "OpenError",
        exception_type="System.Management.Automation.Remoting.PSDirectException",
    )
    assert isinstance(open_error(refused, "Lab"), AuthenticationFailed)
    booting = ErrorRecord(
        "Ein Fehler ist aufgetreten, den Windows PowerShell nicht verarbeiten kann.",
        "PSSessionOpenFailed,Microsoft.PowerShell.Commands.NewPSSessionCommand",
        "OpenError",
        exception_type="System.Management.Automation.Remoting.PSRemotingDataStructureException",
    )
    failure = open_error(booting, "Lab")
    assert isinstance(failure, GuestNotReady) and not isinstance(failure, AuthenticationFailed)
    dropped = ErrorRecord(
        "[Lab] Der Hintergrundprozess hat einen Fehler gemeldet.",
        "PSSessionStateBroken",
        "OpenError",
        exception_type="System.Management.Automation.Remoting.PSRemotingTransportException",
    )
    assert isinstance(call_error(dropped, "Lab"), SessionBroken)
    stale = ErrorRecord(
        "…",
        "InvokeCommandCommandInvalidSessionState,Microsoft.PowerShell.Commands.InvokeCommandCommand",
        "InvalidOperation",
    )
    failure = call_error(stale, "Lab")
    assert isinstance(failure, GuestNotReady) and not isinstance(failure, SessionBroken)
    guest_own = ErrorRecord(
        "No MSFT_NetAdapter objects found", "CmdletizationQuery_NotFound_Name,Get-NetAdapter", "ObjectNotFound"
    )
    assert call_error(guest_own, "Lab") is None and open_error(guest_own, "Lab") is None


async def test_a_guest_still_booting_is_not_ready(sim_host):
    _, _, runner = await _running_guest(sim_host, boot_seconds=1e9)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    with pytest.raises(GuestNotReady) as info:
        await direct.run(Command.of("Get-NetNat"))
    assert "A remote session might have ended." in info.value.detail
    assert "PSSessionOpenFailed" in info.value.detail


async def test_a_missing_or_stopped_vm(sim_host):
    _, _, runner = await _running_guest(sim_host)
    with pytest.raises(HostUnreachable) as info:
        await PowerShellDirectRunner(runner, "No-Such-VM", GOOD).run(Command.of("Get-NetNat"))
    assert "The input VMName No-Such-VM does not resolve to a single virtual machine." in info.value.detail
    with pytest.raises(HostUnreachable) as by_id:
        await PowerShellDirectRunner(runner, "Lab-Host01", GOOD, vm_id="0000-gone").run(Command.of("Get-NetNat"))
    assert by_id.value.record.error_id.startswith("InvalidVMIdNotSingle,")
    await runner.run(Command.of("Stop-VM", Name="Lab-Host01", TurnOff=True))
    with pytest.raises(GuestNotReady) as stopped:
        await PowerShellDirectRunner(runner, "Lab-Host01", GOOD).run(Command.of("Get-NetNat"))
    assert "The virtual machine Lab-Host01 is not in running state." in stopped.value.detail


async def test_guest_errors_stay_powershell_errors_and_records_stream(sim_host):
    _host, _vm, runner = await _booted_guest(sim_host)
    direct = PowerShellDirectRunner(runner, "Lab-Host01", GOOD)
    seen = []
    result = await direct.run(
        Command.of("Install-WindowsFeature", Name="Hyper-V", IncludeManagementTools=True), on_record=seen.append
    )
    assert result.first()["RestartNeeded"] == "Yes"
    assert any(r.kind == "progress" for r in seen)
    with pytest.raises(PowerShellError) as info:
        await direct.run(Command.of("Get-NetAdapter", Name="Nope"))
    assert "No MSFT_NetAdapter objects found" in info.value.message
    assert direct.sessions_opened == 1  # a guest's own error leaves the session open


async def test_invoke_command_vmname_reports_a_guest_not_ready_as_a_broken_session(sim_host):
    """As the exported script calls it: the runspace opens after the cmdlet started, so Windows reports
    PSSessionStateBroken (Job.cs), not CreateRemoteRunspaceForVMFailed."""
    _, _, runner = await _running_guest(sim_host, boot_seconds=1e9)
    request = request_for(Command.of("Get-NetNat"))
    result = await runner.run(
        Command.of(
            "Invoke-Command", VMName="Lab-Host01", Credential=GOOD, ScriptBlock=dispatcher(), ArgumentList=(request,)
        ),
        check=False,
    )
    assert [e.error_id for e in result.errors] == ["PSSessionStateBroken"]


def test_over_the_local_runner_the_request_travels_as_json_data(sim_runner):
    from core.runners.wire import encode_request

    direct = PowerShellDirectRunner(sim_runner(), "Lab-Host01", GOOD)
    wrapped = direct.wrap(Command.of("New-VMSwitch", Name=NASTY, SwitchType="Internal"), "NestWiz-1")
    request = encode_request(wrapped, "1", 6)
    text = json.dumps(request)
    params = dict(request["params"])
    assert request["script"] == SESSION_SCRIPT
    assert params["Dispatcher"] == resource("scripts", "Invoke-DirectRequest.ps1").read_text(encoding="utf-8")
    assert NASTY not in params["Dispatcher"]
    stages = dict(params["Request"]["items"])["Stages"]
    assert dict(dict(stages[0]["items"])["Parameters"]["items"])["Name"] == NASTY
    assert json.loads(text) == request


def test_a_script_block_cannot_be_an_inner_value():
    inner = Command.of("Invoke-Command", ScriptBlock=ScriptBlock("Get-Date"))
    with pytest.raises(CommandRejected) as info:
        request_for(inner)
    assert "cannot cross PowerShell Direct" in info.value.message
