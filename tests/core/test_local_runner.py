"""The local runner through its real plumbing: subprocesses speaking the wrapper's protocol (a Python stand-in)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import sys
import time
from pathlib import Path

import pytest

from core.commands import Command, Credential, Script, ScriptBlock, Variable
from core.errors import CommandRejected, PowerShellError, RunnerCrashed, RunnerUnavailable, TimedOut
from core.paths import resource
from core.results import Record
from core.runners import local, wire
from core.runners.local import LocalRunner
from tests.ps_lint import assert_clean, lint

STANDIN = Path(__file__).with_name("standin_powershell.py")
WRAPPER = resource("scripts", local.WRAPPER)


def standin(*options: str) -> list[str]:
    return [sys.executable, str(STANDIN), *options]


@pytest.fixture(params=[True, False], ids=["session-process", "process-per-call"])
async def runner(request):
    r = LocalRunner(standin(), reuse_process=request.param)
    yield r
    await r.close()
    assert r.pids == []


@pytest.fixture
async def session_runner():
    r = LocalRunner(standin())
    yield r
    await r.close()


def _gone(pid: int) -> bool:
    """The process no longer runs (absent, or a zombie nobody has reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


async def _wait_gone(*pids: int) -> None:
    deadline = time.monotonic() + 5
    while not all(_gone(p) for p in pids):
        assert time.monotonic() < deadline, f"still running: {[p for p in pids if not _gone(p)]}"
        await asyncio.sleep(0.02)


# ------------------------------------------------------------------ success and values
VALUES = [
    "plain",
    "quote ' ‘ ’ ‚ ‛ \" $(Get-Date) `n ; & | @{}",
    "emoji 🎉 and ü and 中文",
    "",
    "line\nbreak\r\n",
    0,
    -1,
    2**40,
    1.5,
    True,
    False,
]


async def test_values_round_trip(runner):
    result = await runner.run(Command.of("Write-Output", InputObject=VALUES))
    assert result.ok
    assert result.output == VALUES


async def test_hashtables_and_nested_lists(runner):
    value = [{"Name": "x", "Tags": ["a"], "Nested": {"n": [1, [2]]}}, "y"]
    result = await runner.run(Command.of("Write-Output", InputObject=value))
    assert result.output == [{"Name": "x", "Tags": ["a"], "Nested": {"n": [1, [2]]}}, "y"]


async def test_credential_travels_on_stdin_not_the_command_line(runner):
    result = await runner.run(Command.of("Get-Credential", Credential=Credential("lab\\admin", "S3cret!pw")))
    assert result.output == [{"UserName": "lab\\admin", "PasswordLength": 9}]
    assert not any("S3cret" in part for part in runner.command_line())


async def test_password_never_reaches_the_log(session_runner, caplog):
    caplog.set_level(logging.DEBUG)
    await session_runner.run(Command.of("Get-Credential", Credential=Credential("admin", "Never-Logged-42")))
    with pytest.raises(RunnerCrashed):
        await session_runner.run(Command.of("Get-Host"))
    assert "Never-Logged-42" not in caplog.text


def test_command_line_is_fixed():
    argv = LocalRunner("powershell.exe").command_line()
    assert argv[:7] == [
        "powershell.exe",
        "-NoLogo",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Bypass",
        "-File",
    ]
    assert argv[7].endswith("NestWiz-Invoke.ps1")
    assert len(argv) == 8


def test_variables_cannot_be_sent():
    with pytest.raises(CommandRejected, match=r"\$Credential is a variable of an exported script"):
        wire.encode_request(Command.of("Get-VM", Name=Variable("Credential")), "id", 2)


def test_request_encoding_is_tagged_data():
    request = wire.encode_request(
        Command.of("Invoke-Command", ScriptBlock=ScriptBlock("param($r) $r"), ArgumentList=[{"a": 1}]), "r1", 3
    )
    assert request == {
        "id": "r1",
        "depth": 3,
        "commands": [
            {
                "name": "Invoke-Command",
                "params": [
                    ["ScriptBlock", {"__nw": "scriptblock", "text": "param($r) $r"}],
                    ["ArgumentList", [{"__nw": "hashtable", "items": [["a", 1]]}]],
                ],
            }
        ],
    }
    script = wire.encode_request(Script.of("Get-HostFacts.ps1", Depth=1), "r2", 2)
    assert script == {"id": "r2", "depth": 2, "script": "Get-HostFacts.ps1", "params": [["Depth", 1]]}


# ------------------------------------------------------------------ records
async def test_error_record_raises_by_default(runner):
    with pytest.raises(PowerShellError) as caught:
        await runner.run(Command.of("Write-Error", Message="VM 'x' not found"))
    assert caught.value.message == "VM 'x' not found"
    assert caught.value.error_id == "Microsoft.PowerShell.Commands.WriteErrorException"


async def test_error_record_with_check_false(runner):
    result = await runner.run(Command.of("Write-Error", Message="soft"), check=False)
    assert not result.ok and not result.failed
    assert [e.message for e in result.errors] == ["soft"]


async def test_terminating_error_fails_the_pipeline(runner):
    result = await runner.run(Command.of("Write-Error", Message="hard", ErrorAction="Stop"), check=False)
    assert result.failed
    assert result.errors[0].category == "NotSpecified"


async def test_streams_kept_apart_and_streamed_in_order(runner):
    seen: list[Record] = []
    result = await runner.run(Script.of("Standin-Streams.ps1"), check=False, on_record=seen.append)
    assert [r.kind for r in seen] == ["verbose", "output", "warning", "progress", "information", "error", "output"]
    assert result.output == [1, 2]
    assert result.warnings == ["careful"] and result.verbose == ["starting"] and result.information == ["note"]
    assert result.progress[0].activity == "Copying" and result.progress[0].percent == 50
    assert result.progress[0].activity_id == 3
    assert result.errors[0].error_id == "Standin.Failed" and result.errors[0].target == "x"


async def test_unknown_command_on_the_far_side_fails(runner):
    result = await runner.run(Command.of("Get-VMHost"), check=False)
    assert result.failed and "is not recognized" in result.errors[0].message


# ------------------------------------------------------------------ size and bytes
async def test_huge_output(runner):
    started = time.perf_counter()
    result = await runner.run(Command.of("Get-Random", Count=6))
    elapsed = time.perf_counter() - started
    assert len(result.output) == 6 * 16 + 1
    assert sum(len(o) for o in result.output[:-1]) == 6 * 2**20
    assert result.output[-1] == {"Name": "big", "Data": "y" * 2**20}
    assert elapsed < 10


async def test_bytes_that_are_not_utf8_are_replaced_and_reported(runner, caplog):
    caplog.set_level(logging.WARNING, logger="core.runners.local")
    result = await runner.run(Command.of("Get-Content", Path="latin1.txt"))
    assert result.output == ["caf\ufffd \ufffd end", "after"]
    assert result.warnings == [
        "NestWiz: 2 byte(s) of PowerShell's answer were not valid UTF-8 and were replaced by \ufffd."
    ]
    assert "2 bytes from PowerShell were not UTF-8" in caplog.text


async def test_text_outside_the_protocol_is_logged_not_fatal(runner, caplog):
    caplog.set_level(logging.WARNING, logger="core.runners.local")
    result = await runner.run(Command.of("Write-Host", Object="stray console text"))
    assert result.output == ["done"]
    assert "stray console text" in caplog.text


# ------------------------------------------------------------------ failures
async def test_crash_is_a_clear_error_and_the_next_call_works(runner):
    with pytest.raises(RunnerCrashed) as caught:
        await runner.run(Command.of("Stop-Process", Id=7))
    assert "stopped unexpectedly (exit code 7)" in caught.value.message
    assert "'Stop-Process'" in caught.value.message
    assert "crashed on purpose" in caught.value.detail
    assert (await runner.run(Command.of("Write-Output", InputObject="again"))).output == ["again"]


async def test_garbage_output_is_a_crash_with_the_garbage_in_the_detail(runner):
    with pytest.raises(RunnerCrashed) as caught:
        await runner.run(Command.of("Get-Host"))
    assert "this is not JSON" in caught.value.detail


async def test_hang_times_out_and_the_process_tree_is_gone(runner):
    children: list[int] = []

    def watch(record: Record) -> None:
        if record.kind == "verbose" and str(record.value).startswith("child "):
            children.append(int(str(record.value).split()[1]))

    task = asyncio.create_task(runner.run(Command.of("Start-Sleep", Seconds=600), timeout=30, on_record=watch))
    while not children:
        await asyncio.sleep(0.01)
    pids = runner.pids
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await _wait_gone(*pids, *children)


async def test_timeout_is_typed_and_kills_the_tree(runner):
    children: list[int] = []
    with pytest.raises(TimedOut, match=r"did not finish 'Start-Sleep' within 3 seconds"):
        await runner.run(
            Command.of("Start-Sleep", Seconds=600),
            timeout=3,
            on_record=lambda r: children.append(int(str(r.value).split()[1])),
        )
    assert children
    await _wait_gone(*children)
    assert runner.pids == []
    assert (await runner.run(Command.of("Write-Output", InputObject="alive"))).output == ["alive"]


async def test_missing_executable():
    r = LocalRunner("/nonexistent/WindowsPowerShell/powershell.exe")
    with pytest.raises(RunnerUnavailable, match=r"could not be started: /nonexistent/.*powershell.exe does not exist"):
        await r.run(Command.of("Get-VM"))
    await r.close()


async def test_no_powershell_on_this_computer(monkeypatch):
    monkeypatch.setattr(local, "default_powershell", lambda: None)
    r = LocalRunner()
    with pytest.raises(RunnerUnavailable, match=r"Windows PowerShell \(powershell.exe\) was not found"):
        await r.run(Command.of("Get-VM"))
    await r.close()


async def test_wrong_protocol_is_refused(tmp_path):
    fake = tmp_path / "old_wrapper.py"
    fake.write_text(
        'print(\'{"id": "", "k": "ready", "v": {"protocol": 0}}\', flush=True)\nimport sys; sys.stdin.read()\n'
    )
    r = LocalRunner([sys.executable, str(fake)])
    with pytest.raises(RunnerCrashed, match="speaks protocol 0"):
        await r.run(Command.of("Get-VM"))
    await r.close()


async def test_execution_policy_from_group_policy_is_explained(tmp_path):
    # What powershell.exe -File prints (https://github.com/winsw/winsw/issues/931), English UI.
    fake = tmp_path / "locked_down.py"
    fake.write_text(
        "import sys\nsys.stderr.write('File NestWiz-Invoke.ps1 cannot be loaded because running scripts is disabled on "
        "this system.\\n    + CategoryInfo          : SecurityError: (:) [], ParentContainsErrorRecordException\\n"
        "    + FullyQualifiedErrorId : UnauthorizedAccess\\n')\nsys.exit(1)\n"
    )
    r = LocalRunner([sys.executable, str(fake)])
    with pytest.raises(RunnerUnavailable, match="execution policy set by Group Policy"):
        await r.run(Command.of("Get-VM"))
    await r.close()


async def test_execution_policy_refusal_in_another_language_and_code_page():
    """A French host: the message is localized and arrives in the console's OEM code page (cp850), not UTF-8."""
    r = LocalRunner(standin("--policy-refusal", "cp850"), stderr_encoding="cp850")
    with pytest.raises(RunnerUnavailable, match="execution policy set by Group Policy") as caught:
        await r.run(Command.of("Get-VM"))
    await r.close()
    assert "l'exécution de scripts est désactivée" in caught.value.detail
    assert "\ufffd" not in caught.value.detail


def test_console_encoding_is_a_real_codec():
    import codecs

    assert codecs.lookup(local.console_encoding())


async def test_crash_that_only_mentions_security_is_a_crash(tmp_path):
    """Not every stderr that names the policy is a refusal: only the error record's ID says so."""
    fake = tmp_path / "other.py"
    fake.write_text(
        "import sys\nsys.stderr.write('Get-ExecutionPolicy says RemoteSigned; then it crashed.\\n')\nsys.exit(3)\n"
    )
    r = LocalRunner([sys.executable, str(fake)])
    with pytest.raises(RunnerCrashed, match="exit code 3"):
        await r.run(Command.of("Get-VM"))
    await r.close()


# ------------------------------------------------------------------ process reuse
async def test_session_process_serves_many_calls():
    r = LocalRunner(standin())
    for i in range(5):
        assert (await r.run(Command.of("Write-Output", InputObject=i))).output == [i]
    assert r.processes_started == 1
    await r.close()


async def test_process_per_call():
    r = LocalRunner(standin(), reuse_process=False)
    for i in range(3):
        assert (await r.run(Command.of("Write-Output", InputObject=i))).output == [i]
    assert r.processes_started == 3
    await r.close()


async def test_concurrent_calls_get_their_own_process(session_runner):
    results = await asyncio.gather(
        *(session_runner.run(Command.of("Write-Output", InputObject=f"call {i}")) for i in range(3))
    )
    assert [r.output for r in results] == [["call 0"], ["call 1"], ["call 2"]]
    assert session_runner.processes_started == 3
    await asyncio.sleep(0)
    assert len(session_runner.pids) == 1  # one kept for the next call, the others ended


async def test_start_warms_a_process(session_runner):
    await session_runner.start()
    assert session_runner.processes_started == 1
    await session_runner.run(Command.of("Write-Output", InputObject=1))
    assert session_runner.processes_started == 1


# ------------------------------------------------------------------ the simulated host behind the protocol
async def test_simulated_host_diagnosis_and_a_vm_change():
    r = LocalRunner(standin("--profile", "intel-laptop-win11-pro"))
    vms = (await r.run(Command.of("Get-VM"))).output
    assert {vm["Name"] for vm in vms} >= {"Ubuntu-Dev"}
    assert all(isinstance(vm["State"], str) for vm in vms)
    name = next(vm["Name"] for vm in vms if vm["State"] == "Off")
    await r.run(Command.of("Set-VMProcessor", VMName=name, ExposeVirtualizationExtensions=True, Count=4))
    processor = (await r.run(Command.of("Get-VMProcessor", VMName=name))).first()
    assert processor["ExposeVirtualizationExtensions"] is True and processor["Count"] == 4
    with pytest.raises(PowerShellError, match="Hyper-V was unable to find a virtual machine"):
        await r.run(Command.of("Get-VM", Name="No-Such-VM"))
    await r.close()


async def test_powershell_direct_keeps_one_session_in_the_powershell_process():
    """Through the real wire: the session opened by New-PSSession stays in the host's PowerShell process between
    calls, and the error's exception type (how a refused password is told apart) crosses the protocol."""
    from core.commands import Credential, Script
    from core.errors import AuthenticationFailed
    from core.runners.direct import PowerShellDirectRunner

    r = LocalRunner(standin("--profile", "intel-laptop-win11-pro"))
    try:
        await r.run(Command.of("Start-VM", Name="Lab-Host01"))
        direct = PowerShellDirectRunner(r, "Lab-Host01", Credential("Administrator", "Lab-Passw0rd!"))
        for _ in range(3):
            facts = (await direct.run(Script.of("Get-HostFacts.ps1"))).first()
            assert facts["OS"]["BuildNumber"] == "20348"
        assert direct.sessions_opened == 1
        await direct.close()
        wrong = PowerShellDirectRunner(r, "Lab-Host01", Credential("Administrator", "not-it"))
        with pytest.raises(AuthenticationFailed) as info:
            await wrong.run(Command.of("Get-NetNat"))
        assert info.value.record.exception_type.endswith("PSDirectException")
    finally:
        await r.close()


# ------------------------------------------------------------------ Windows PowerShell 5.1 JSON habits
def test_json_dates():
    assert wire.from_json("/Date(1700000000000)/") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert wire.from_json("/Date(-1000+0100)/") == dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    hinted = {"value": "/Date(0)/", "DisplayHint": 2, "DateTime": "Thursday, January 1, 1970 12:00:00 AM"}
    assert wire.from_json(hinted) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert wire.from_json("Date(0)") == "Date(0)"


def test_json_timespan():
    span = {
        "Ticks": 36_000_000_000,
        "Days": 0,
        "Hours": 1,
        "Milliseconds": 0,
        "Minutes": 0,
        "Seconds": 0,
        "TotalDays": 0.0416,
        "TotalHours": 1.0,
        "TotalMilliseconds": 3.6e6,
        "TotalMinutes": 60.0,
        "TotalSeconds": 3600.0,
    }
    assert wire.from_json({"Uptime": span}) == {"Uptime": dt.timedelta(hours=1)}


@pytest.mark.parametrize(
    "text",
    [
        "System.Collections.Hashtable",
        "System.Object[]",
        "System.String[]",
        "System.Collections.Generic.List`1[System.Object]",
        "@{Name=web01; State=2}",
        "System.Management.Automation.PSCustomObject",
    ],
)
def test_truncated_objects_are_marked(text):
    value = wire.from_json({"Adapters": [text]})
    assert isinstance(value["Adapters"][0], wire.Truncated) and value["Adapters"][0] == text
    assert wire.truncated_paths(value) == [".Adapters[0]"]


@pytest.mark.parametrize("text", ["System", "C:\\Windows\\System32", "@{", "a@{b=c}", "System.Object"])
def test_ordinary_text_is_not_marked(text):
    assert not isinstance(wire.from_json(text), wire.Truncated)


def test_tagged_output():
    assert wire.from_json({"__nw": "bytes", "base64": "AAEC"}) == b"\x00\x01\x02"
    assert isinstance(wire.from_json({"__nw": "truncated", "text": "VMNetworkAdapter"}), wire.Truncated)


def test_single_element_arrays():
    assert wire.as_list(None) == [] and wire.as_list("a") == ["a"] and wire.as_list(["a"]) == ["a"]


def test_error_categories():
    assert wire.category_name(13) == "ObjectNotFound" and wire.category_name("InvalidData") == "InvalidData"
    assert wire.category_name(99) == "99"


# ------------------------------------------------------------------ the wrapper script itself
def test_wrapper_passes_the_lint():
    assert_clean(WRAPPER)


def test_wrapper_and_runner_agree_on_the_protocol():
    text = WRAPPER.read_text(encoding="utf-8")
    assert f"protocol = {wire.PROTOCOL};" in text
    kinds = set(re.findall(r"-Kind '(\w+)'", text))
    assert kinds == {"ready", "output", "error", "warning", "verbose", "information", "progress", "end"}
    for kind in kinds - {"ready", "end"}:
        assert local._record(kind, {}) is not None


def test_wrapper_never_turns_request_text_into_code():
    text = WRAPPER.read_text(encoding="utf-8")
    assert "Invoke-Expression" not in text and "iex " not in text.lower()
    assert "AddScript([System.IO.File]::ReadAllText($path, $Utf8), $true)" in text  # files only, local scope
    assert text.count("[scriptblock]::Create(") == 1  # the tagged ScriptBlock type, NestWiz's own text


def test_lint_finds_problems():
    bad = (
        "function Send-It {\n    param($Value)\n    $Value\n}\n"
        "Get-VM -Nme x | Select-Object -Property Name\nGet-Foo -X 1\nSend-It -Other 2\n"
        "gci -Path x\n$x = $a ?? 'b'\n"
    )
    found = [p.message for p in lint(bad)]
    assert "Get-VM has no parameter -Nme" in found
    assert any("'Get-Foo' is not a cmdlet" in m for m in found)
    assert "Send-It has no parameter -Other" in found
    assert "'gci' is an alias; write Get-ChildItem" in found
    assert any(m.startswith("syntax error") for m in found)


def test_lint_accepts_native_programs_when_named():
    assert lint("bcdedit.exe /enum\n", native=["bcdedit.exe"]) == []
    assert lint("bcdedit.exe /enum\n")


@pytest.mark.parametrize("script", sorted(p.name for p in resource("scripts").glob("*.ps1")))
def test_every_fixed_script_passes_the_lint(script):
    assert_clean(resource("scripts", script))
