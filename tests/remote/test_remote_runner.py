"""The remote runner with pypsrp's real client against a WinRM endpoint on 127.0.0.1 (HTTPS, a trustme CA)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
import time
import uuid
from typing import Any

import pytest
import trustme
from psrpcore.types import PSCustomObject, PSEnumBase, PSType

from core.commands import Command, Credential, Script, ScriptBlock
from core.errors import (
    AuthenticationFailed,
    CertificateRejected,
    ConnectionLost,
    HostUnreachable,
    PowerShellError,
    RunnerUnavailable,
    TimedOut,
)
from core.paths import resource
from core.results import Record
from core.runners import wire
from core.runners.remote import ConnectionSettings, RemoteRunner
from tests.ps_lint import assert_clean
from tests.remote.conftest import PASSWORD, USER
from tests.remote.winrm_server import CommandFailed, CommandTable


@PSType(["Microsoft.HyperV.PowerShell.VMState"])
class VMState(PSEnumBase):
    Running = 2
    Off = 3


def echo(call, data, writer):
    return list(call.params.get("InputObject") or [])


def get_vm(call, data, writer):
    names = call.params.get("Name") or ["web01", "db01"]
    found = []
    for name in names if isinstance(names, list) else [names]:
        if name not in ("web01", "db01"):
            writer.error(
                f'Hyper-V was unable to find a virtual machine with name "{name}".',
                "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
                "ObjectNotFound",
                name,
                "Microsoft.HyperV.PowerShell.VirtualizationException",
            )
            continue
        found.append(
            PSCustomObject(
                PSTypeName="Microsoft.HyperV.PowerShell.VirtualMachine",
                Name=name,
                State=VMState.Running if name == "web01" else VMState.Off,
                VMId=uuid.UUID(int=7),
                MemoryStartup=4 * 2**30,
                Uptime=dt.timedelta(minutes=90, seconds=5),
                CreationTime=dt.datetime(2024, 5, 1, 10, 20, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
                NetworkAdapters=["Network Adapter"],
                Notes="",
            )
        )
    return found


def start_vm(call, data, writer):
    if call.params.get("Name") == "broken":
        raise CommandFailed("The virtual machine 'broken' failed to start.", "OperationFailed")
    writer.progress("Starting virtual machines", "web01", 50, 1)
    writer.verbose("Starting web01")
    writer.warning("web01 has no network adapter connected")
    writer.information("started")
    return [f"started {vm.Name}" for vm in data]


SECRET = "S3cret‘pw’"


def credential_probe(call, data, writer):
    credential = call.params["Credential"]
    return [{"User": str(credential.UserName), "PasswordArrived": credential.Password.decrypt() == SECRET}]


def slow(call, data, writer):
    writer.verbose("working")
    if writer.wait_stopped(30):
        return []
    return ["finished"]


HANDLERS = {
    "Write-Output": echo,
    "Get-VM": get_vm,
    "Start-VM": start_vm,
    "Get-Credential": credential_probe,
    "Start-Sleep": slow,
}


def scripts(call, data, writer):
    return [{"Script": call.name, "Params": {k: str(v) for k, v in call.params.items()}}]


@pytest.fixture
def server(make_server):
    return make_server(CommandTable(HANDLERS, scripts))


@pytest.fixture
def runner(server, make_runner) -> RemoteRunner:
    return make_runner(server)


# ------------------------------------------------------------------ calls and values
VALUES = [
    "plain",
    "quote ' ‘ ’ \" $(Get-Date) `n ; & |",
    "emoji 🎉 ü 中文",
    "",
    "_x0041_ stays",
    0,
    -1,
    2**31,
    -(2**40),
    1.5,
    True,
    False,
]


async def test_values_round_trip_as_clixml(runner, server):
    result = await runner.run(Command.of("Write-Output", InputObject=VALUES))
    assert result.output == VALUES
    call = server.invocations[-1].commands[0]
    assert call.name == "Write-Output" and not call.is_script
    assert list(call.params["InputObject"]) == VALUES


async def test_hashtables_and_lists(runner):
    result = await runner.run(Command.of("Write-Output", InputObject=[{"Name": "x", "Tags": ["a"], "N": {"n": 1}}]))
    assert result.output == [{"Name": "x", "Tags": ["a"], "N": {"n": 1}}]


async def test_objects_become_plain_data(runner):
    vms = (await runner.run(Command.of("Get-VM", Name="web01"))).output
    assert vms == [
        {
            "Name": "web01",
            "State": "Running",
            "VMId": str(uuid.UUID(int=7)),
            "MemoryStartup": 4 * 2**30,
            "Uptime": dt.timedelta(minutes=90, seconds=5),
            "CreationTime": dt.datetime(2024, 5, 1, 10, 20, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "NetworkAdapters": ["Network Adapter"],
            "Notes": "",
        }
    ]


async def test_pipeline_of_two_commands(runner, server):
    result = await runner.run(Command.of("Get-VM") | Command.of("Start-VM"))
    assert result.output == ["started web01", "started db01"]
    assert [c.name for c in server.invocations[-1].commands] == ["Get-VM", "Start-VM"]


async def test_switches_travel_as_true(runner, server):
    await runner.run(Command.of("Get-VM", Name="web01", Verbose=True))
    assert server.invocations[-1].commands[0].params["Verbose"] is True


async def test_credential_travels_as_a_secure_string(runner, server, caplog):
    caplog.set_level(logging.DEBUG)
    result = await runner.run(Command.of("Get-Credential", Credential=Credential(USER, SECRET)))
    assert result.output == [{"User": USER, "PasswordArrived": True}]
    assert SECRET not in caplog.text and PASSWORD not in caplog.text


async def test_fixed_script_travels_as_its_text(runner, server):
    result = await runner.run(Script.of("Get-HostFacts.ps1"))
    assert result.output[0]["Script"] == resource("scripts", "Get-HostFacts.ps1").read_text(encoding="utf-8")
    assert server.invocations[-1].commands[0].is_script and server.invocations[-1].commands[0].local_scope


async def test_script_block_parameters_go_through_the_pipeline_shim(runner, server):
    block = ScriptBlock("param($Request) $Request.Name")
    command = Command.of(
        "Invoke-Command",
        VMName="guest",
        Credential=Credential("guest\\admin", SECRET),
        ScriptBlock=block,
        ArgumentList=[{"Name": "x"}],
    )
    await runner.run(command)
    call = server.invocations[-1].commands[0]
    assert call.is_script and call.name == resource("scripts", "NestWiz-Pipeline.ps1").read_text(encoding="utf-8")
    stage = call.params["Stages"][0]
    assert stage["Name"] == "Invoke-Command" and list(stage["ScriptBlocks"]) == ["ScriptBlock"]
    assert stage["Parameters"]["ScriptBlock"] == block.text
    assert stage["Parameters"]["ArgumentList"][0]["Name"] == "x"
    assert stage["Parameters"]["Credential"].Password.decrypt() == SECRET


def test_pipeline_shim_passes_the_lint():
    assert_clean(resource("scripts", "NestWiz-Pipeline.ps1"))


# ------------------------------------------------------------------ records
async def test_error_records_and_streams(runner):
    result = await runner.run(Command.of("Get-VM", Name=["web01", "nope"]), check=False)
    assert [vm["Name"] for vm in result.output] == ["web01"]
    assert not result.failed
    error = result.errors[0]
    assert error.message == 'Hyper-V was unable to find a virtual machine with name "nope".'
    assert error.error_id == "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM"
    assert error.category == "ObjectNotFound" and error.target == "nope"
    assert error.exception_type == "Microsoft.HyperV.PowerShell.VirtualizationException"
    with pytest.raises(PowerShellError, match="unable to find a virtual machine"):
        await runner.run(Command.of("Get-VM", Name="nope"))


async def test_progress_and_other_streams_arrive_through_on_record(runner):
    seen: list[Record] = []
    result = await runner.run(Command.of("Get-VM", Name="web01") | Command.of("Start-VM"), on_record=seen.append)
    assert {r.kind for r in seen} == {"output", "progress", "verbose", "warning", "information"}
    assert result.progress[0].activity == "Starting virtual machines" and result.progress[0].percent == 50
    assert result.verbose == ["Starting web01"] and result.information == ["started"]
    assert result.warnings == ["web01 has no network adapter connected"]


async def test_terminating_error(runner):
    result = await runner.run(Command.of("Start-VM", Name="broken"), check=False)
    assert result.failed
    assert result.errors[0].message == "The virtual machine 'broken' failed to start."


async def test_command_unknown_to_the_host(runner):
    with pytest.raises(PowerShellError, match="is not recognized"):
        await runner.run(Command.of("Get-VMHost"))


# ------------------------------------------------------------------ security
async def test_wrong_password(server, make_runner, caplog):
    caplog.set_level(logging.DEBUG)
    runner = make_runner(server, password="not-the-password")
    with pytest.raises(AuthenticationFailed, match="did not accept the user name or password") as caught:
        await runner.run(Command.of("Get-VM"))
    assert "not-the-password" not in caught.value.message + caught.value.detail + caplog.text


async def test_untrusted_certificate_is_rejected(make_server, make_runner):
    server = make_server(CommandTable(HANDLERS), tls_ca=trustme.CA())
    runner = make_runner(server)
    with pytest.raises(CertificateRejected, match=r"certificate of 127\.0\.0\.1 is not trusted"):
        await runner.run(Command.of("Get-VM"))
    assert server.actions == []  # nothing was sent


async def test_certificate_for_another_name_is_rejected(make_server, make_runner):
    server = make_server(CommandTable(HANDLERS), names=("hyperv01.example.test",))
    with pytest.raises(CertificateRejected):
        await make_runner(server).run(Command.of("Get-VM"))


async def test_verify_off_is_the_users_explicit_choice(make_server, make_runner):
    server = make_server(CommandTable(HANDLERS), tls_ca=trustme.CA())
    result = await make_runner(server, verify=False, ca_file=None).run(Command.of("Get-VM", Name="web01"))
    assert result.output[0]["Name"] == "web01"


def test_basic_over_plain_http_is_refused():
    settings = ConnectionSettings("hyperv01", "admin", "pw", https=False, auth="basic")
    with pytest.raises(RunnerUnavailable, match="Basic authentication over plain HTTP would send the password"):
        RemoteRunner(settings)
    assert (
        "certificate authentication over plain http"
        in (ConnectionSettings("h", https=False, auth="certificate").problem() or "").lower()
    )
    assert ConnectionSettings("h", "u", "p", https=False, auth="negotiate").problem() is None
    assert ConnectionSettings("h", "u", "p", https=False).effective_port == 5985
    assert ConnectionSettings("h", "u", "p").effective_port == 5986


def test_password_is_hidden():
    settings = ConnectionSettings("hyperv01", "admin", "Sup3r-secret")
    assert "Sup3r-secret" not in repr(settings) and "Sup3r-secret" not in str(settings)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"host": " "}, "Enter the name or address"),
        ({"auth": "digest"}, "Unknown authentication 'digest'"),
        ({"auth": "certificate"}, "needs the client certificate"),
        (
            {"auth": "certificate", "certificate_pem": "-----BEGIN CERTIFICATE-----\nMIIB", "certificate_key_pem": "k"},
            "paths of the client certificate and key files, not their contents",
        ),
        (
            {"auth": "certificate", "certificate_pem": "/no/such/cert.pem", "certificate_key_pem": "/no/key.pem"},
            "The file /no/such/cert.pem does not exist",
        ),
        ({"auth": "basic", "password": ""}, "needs a user name and a password"),
        ({"auth": "basic", "password": "‘quoted’"}, "cannot carry characters beyond Latin-1"),
        ({"port": 70000}, "not a TCP port"),
        ({"read_timeout": 5.0, "operation_timeout": 20}, "read timeout must be longer"),
    ],
)
def test_settings_problems(overrides, message):
    values: dict[str, Any] = {"host": "hyperv01", "user": "u", "password": "p"}
    values.update(overrides)
    assert message in (ConnectionSettings(**values).problem() or "")


# ------------------------------------------------------------------ the network failing
async def test_nothing_listening(make_server, settings_for):
    server = make_server(CommandTable(HANDLERS))
    server.stop()
    runner = RemoteRunner(settings_for(server))
    with pytest.raises(HostUnreachable, match=r"refused the connection: WinRM does not listen there"):
        await runner.run(Command.of("Get-VM"))
    await runner.close()


async def test_server_dies_mid_pipeline(make_server, make_runner):
    def die(call, data, writer):
        writer.verbose("about to die")
        threading.Timer(0.2, call_server[0].die).start()
        writer.wait_stopped(10)
        return []

    call_server: list[Any] = []
    server = make_server(CommandTable({"Start-VM": die}))
    call_server.append(server)
    runner = make_runner(server)
    seen: list[Record] = []
    with pytest.raises(ConnectionLost, match=r"connection to 127\.0\.0\.1 was lost"):
        await runner.run(Command.of("Start-VM", Name="web01"), on_record=seen.append)
    assert [r.value for r in seen] == ["about to die"]
    with pytest.raises(HostUnreachable):
        await runner.run(Command.of("Get-VM"))


async def test_slow_server_read_timeout(make_server, make_runner):
    server = make_server(CommandTable(HANDLERS), delays={"Command": 3.0})
    runner = make_runner(server, read_timeout=1.0, operation_timeout=0)
    started = time.perf_counter()
    with pytest.raises(TimedOut, match="stopped answering"):
        await runner.run(Command.of("Get-VM"))
    assert time.perf_counter() - started < 3.0


async def test_call_timeout_stops_the_pipeline_on_the_host(runner, server):
    with pytest.raises(TimedOut, match="did not finish 'Start-Sleep' within 1 seconds"):
        await runner.run(Command.of("Start-Sleep", Seconds=60), timeout=1)
    assert "ctrl_c" in server.signals
    assert (await runner.run(Command.of("Get-VM", Name="db01"))).output[0]["State"] == "Off"


async def test_cancel_stops_the_pipeline(runner, server):
    seen = asyncio.Event()
    task = asyncio.create_task(runner.run(Command.of("Start-Sleep", Seconds=60), on_record=lambda r: seen.set()))
    await asyncio.wait_for(seen.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert "ctrl_c" in server.signals  # the stop reached the host before the cancellation completed
    assert server.invocations[-1].writer.stopping
    assert runner.pools_opened == 1
    assert (await runner.run(Command.of("Get-VM", Name="web01"))).output[0]["Name"] == "web01"


async def test_expired_pool_is_recycled(runner, server):
    await runner.run(Command.of("Get-VM"))
    server.expire_shells()
    assert len((await runner.run(Command.of("Get-VM"))).output) == 2
    assert runner.pools_opened == 2


async def test_idle_pool_is_recycled(server, make_runner):
    runner = make_runner(server, idle_recycle=0.0)
    await runner.run(Command.of("Get-VM"))
    await runner.run(Command.of("Get-VM"))
    assert runner.pools_opened == 2
    assert server.actions.count("Delete") == 1


async def test_one_worker_thread_serves_every_call(runner):
    results = await asyncio.gather(*(runner.run(Command.of("Write-Output", InputObject=[i])) for i in range(4)))
    assert [r.output for r in results] == [[0], [1], [2], [3]]
    workers = [t for t in threading.enumerate() if t.name.startswith(runner.thread_name)]
    assert len(workers) == 1 and runner.pools_opened == 1


async def test_connect_reports_problems_before_any_command(make_server, make_runner):
    server = make_server(CommandTable(HANDLERS))
    await make_runner(server).connect()
    with pytest.raises(AuthenticationFailed):
        await make_runner(server, password="wrong").connect()


async def test_the_loop_runs_other_work_while_a_call_is_in_flight(runner):
    """pypsrp blocks, so it must run in the runner's worker thread: the loop keeps serving other tasks meanwhile.
    (How long the loop may freeze is measured by bench/bench_runners.py, not asserted here.)"""
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            await asyncio.sleep(0)
            ticks += 1

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    for _ in range(5):
        before = ticks
        await runner.run(Command.of("Get-VM"))
        assert ticks > before + 1, "the event loop did not run while the call was in flight"
    stop.set()
    await tick


# ------------------------------------------------------------------ the simulated host over the wire (sim_server)
async def test_diagnosis_over_the_wire(sim_server, make_runner):
    server, host = sim_server
    runner = make_runner(server)
    facts = (await runner.run(Script.of("Get-HostFacts.ps1"))).first()
    assert isinstance(facts, dict) and facts
    vmhost = (await runner.run(Command.of("Get-VMHost"))).first()
    assert vmhost["LogicalProcessorCount"] == host.state.cpu.logical
    vms = (await runner.run(Command.of("Get-VM"))).output
    assert {vm["Name"] for vm in vms} == {vm.name for vm in host.vms}


async def test_vm_changes_over_the_wire(sim_server, make_runner):
    server, host = sim_server
    runner = make_runner(server)
    await runner.run(Command.of("New-VM", Name="Nest-Outer", Generation=2, MemoryStartupBytes=8 * 2**30, NoVHD=True))
    await runner.run(Command.of("Set-VMProcessor", VMName="Nest-Outer", ExposeVirtualizationExtensions=True, Count=4))
    processor = (await runner.run(Command.of("Get-VMProcessor", VMName="Nest-Outer"))).first()
    assert processor["ExposeVirtualizationExtensions"] is True and processor["Count"] == 4
    assert [vm for vm in host.vms if vm.name == "Nest-Outer"]
    with pytest.raises(PowerShellError) as caught:
        await runner.run(Command.of("Get-VM", Name="No-Such-VM"))
    assert "unable to find a virtual machine" in caught.value.message


def test_truncated_objects_over_the_wire_are_marked():
    from pypsrp.complex_objects import GenericComplexObject

    cut = GenericComplexObject()
    cut.types = ["Deserialized.Microsoft.HyperV.PowerShell.VMNetworkAdapter"]
    cut.to_string = "VMNetworkAdapter (Name = 'Network Adapter')"
    value = wire.plain(cut)
    assert isinstance(value, wire.Truncated) and value == cut.to_string


async def test_credssp_without_its_library_is_explained(server, make_runner):
    pytest.importorskip("spnego")
    try:
        import requests_credssp  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("requests-credssp is installed here")
    with pytest.raises(RunnerUnavailable, match="CredSSP authentication is not available in this installation"):
        await make_runner(server, auth="credssp").run(Command.of("Get-VM"))


# ------------------------------------------------------------------ plain HTTP with message encryption (NTLM)
NTLM_PASSWORD = "Ntlm-pässword 'quoted' $x"


@pytest.fixture
def ntlm_server(make_server, tmp_path, monkeypatch):
    users = tmp_path / "ntlm-users"
    users.write_text(f"lab:nestwiz:{NTLM_PASSWORD}\n", encoding="utf-8")
    monkeypatch.setenv("NTLM_USER_FILE", str(users))
    return make_server(CommandTable(HANDLERS), https=False, auth="negotiate")


async def test_plain_http_with_ntlm_encrypts_every_message(ntlm_server, make_runner):
    runner = make_runner(ntlm_server, https=False, auth="negotiate", password=NTLM_PASSWORD, ca_file=None)
    result = await runner.run(Command.of("Get-Credential", Credential=Credential(USER, SECRET)))
    assert result.output == [{"User": USER, "PasswordArrived": True}]
    assert (await runner.run(Command.of("Get-VM", Name="web01"))).output[0]["State"] == "Running"
    assert ntlm_server.logons == 1
    assert ntlm_server.encrypted_messages >= 5 and ntlm_server.plain_messages == 0


async def test_ntlm_wrong_password(ntlm_server, make_runner):
    runner = make_runner(ntlm_server, https=False, auth="ntlm", password="wrong", ca_file=None)
    with pytest.raises(AuthenticationFailed):
        await runner.run(Command.of("Get-VM"))
    assert ntlm_server.logons == 0 and ntlm_server.encrypted_messages == 0


async def test_powershell_direct_through_winrm_keeps_one_session(sim_server, make_runner):
    """A lab server reached over WinRM: its PowerShell Direct session lives in the WinRM runspace between calls, the
    request (a hashtable of nasty values) crosses as PSRP data, and a refused password keeps its exception type."""
    from core.commands import Credential
    from core.errors import AuthenticationFailed
    from core.runners.direct import PowerShellDirectRunner

    server, host = sim_server
    runner = make_runner(server)
    await runner.run(Command.of("Start-VM", Name="Lab-Host01"))
    direct = PowerShellDirectRunner(runner, "Lab-Host01", Credential("Administrator", "Lab-Passw0rd!"))
    nasty = 'C:\\a\'b $(calc) "q"'
    await direct.run(Command.of("New-Item", Path=nasty, ItemType="Directory"))
    facts = (await direct.run(Script.of("Get-HostFacts.ps1"))).first()
    assert facts["OS"]["BuildNumber"] == "20348"
    assert direct.sessions_opened == 1 and len(host.sessions) == 1
    guest = host.find_vms("Lab-Host01")[0].guest.host
    assert nasty.lower() in guest.directories
    await direct.close()
    assert host.sessions == {}
    with pytest.raises(AuthenticationFailed) as info:
        await PowerShellDirectRunner(runner, "Lab-Host01", Credential("Administrator", "no")).run(
            Command.of("Get-NetNat")
        )
    assert info.value.record.exception_type.endswith("PSDirectException")
