"""Microsoft's script run on the simulated host: answered questions, running and saved VMs, refusals, readback."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from core.commands import Command, Script, render
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.enable.run import (
    WRAPPER,
    EnableChoices,
    ScriptNotTrusted,
    ScriptRefused,
    run_microsoft_script,
    wrapper_call,
)
from core.results import ErrorRecord, Record
from core.sim import scripts_enable
from core.sim.model import GB, SimAdapter, SimVM
from tests import ps_eval

# A stand-in for Enable-NestedVm.ps1: the tests never ship Microsoft's text; the simulated host is told its digest.
STAND_IN = "\ufeffparam([string]$vmName)\n# stand-in for Enable-NestedVm.ps1 in NestWiz's tests\n".encode()
DIGEST = sha256_hex(STAND_IN)
DEFAULTS = EnableChoices()
NASTY_NAMES = ['It\'s "my" VM', "cost$HOME`n; Remove-VM x", "line1\nline2", "Лаборатория-虚拟机", "a`b$(c)'d'"]


@pytest.fixture(autouse=True)
def stand_in_known(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scripts_enable, "STAND_IN_DIGESTS", {DIGEST})


class Log:
    def __init__(self) -> None:
        self.records: list[Record] = []

    def __call__(self, record: Record) -> None:
        self.records.append(record)

    @property
    def lines(self) -> list[str]:
        return [str(r.value) for r in self.records if r.kind == "information"]

    @property
    def errors(self) -> list[str]:
        return [r.value.message for r in self.records if isinstance(r.value, ErrorRecord)]


async def run(runner, name: str, choices: EnableChoices = DEFAULTS, log: Log | None = None, **kwargs):
    return await run_microsoft_script(runner, name, STAND_IN, choices, accepted=[DIGEST], on_record=log, **kwargs)


def sent(host) -> list[Command]:
    """The cmdlets the simulated script ran, in order (from the host's call history and its own invocations)."""
    return [c for c in host.history if isinstance(c, Command)]


@pytest.mark.parametrize(("mac", "memory"), [(True, True), (True, False), (False, True), (False, False)])
async def test_both_choices_answer_the_questions(sim_runner, mac: bool, memory: bool) -> None:
    runner = sim_runner()
    log = Log()
    outcome = await run(runner, "Lab-Host01", EnableChoices(mac_spoofing=mac, memory_4gb=memory), log)
    vm = runner.host.find_vms("Lab-Host01")[0]
    assert vm.expose_virtualization_extensions and not vm.dynamic_memory
    assert vm.memory_startup == (4 * GB if memory else 2 * GB)
    assert vm.adapters[0].mac_spoofing == ("On" if mac else "Off")
    assert vm.state == "Off"
    assert "Input Y to accept or N to cancel: Y" in log.lines
    assert f"Would you like to enable MAC address spoofing? (Y/N) {'Y' if mac else 'N'}" in log.lines
    assert f"Would you like to set Vm memory to 4GB? (Y/N) {'Y' if memory else 'N'}" in log.lines
    assert ("Not enabling Mac address spoofing." in log.lines) is not mac
    assert ("Not setting Vm Memory to 4GB." in log.lines) is not memory
    assert outcome.complete and outcome.method == "script" and outcome.errors == ()
    keys = {c.key for c in outcome.checks}
    assert ("memory" in keys) is memory and ("mac-spoofing:Network Adapter" in keys) is mac
    assert outcome.vm.memory_startup == vm.memory_startup


async def test_wrapper_then_one_readback(sim_runner) -> None:
    runner = sim_runner()
    await run(runner, "Lab-Host01")
    scripts = [r for r in runner.host.history if isinstance(r, Script)]
    assert [s.name for s in scripts] == [WRAPPER, "Get-VmNestingState.ps1"]
    assert runner.round_trips == 2
    assert base64.b64decode(scripts[0].get("ScriptBase64")) == STAND_IN
    assert scripts[0].get("ExpectedSha256") == DIGEST


async def test_running_vm_is_shut_down_and_not_restarted(sim_runner) -> None:
    runner = sim_runner()
    host = runner.host
    vm = host.find_vms("Lab-Host01")[0]
    vm.state = "Running"
    host.boot_guest(vm)
    vm.guest.ready_at = host.clock.now()
    log = Log()
    outcome = await run(runner, "Lab-Host01", log=log)
    assert "Vm State: Running" in log.lines and "    Lab-Host01 will be turned off" in log.lines
    names = [c.name for c in sent(host)]
    assert names.index("Stop-VM") < names.index("Set-VMProcessor")
    stop = next(c for c in sent(host) if c.name == "Stop-VM")
    assert not stop.get("Force") and not stop.get("TurnOff")
    assert "Start-VM" not in names
    assert vm.state == "Off" and vm.expose_virtualization_extensions
    assert outcome.complete


async def test_saved_vm_loses_its_saved_state_first(sim_runner) -> None:
    runner = sim_runner()
    host = runner.host
    vm = host.find_vms("Lab-Host01")[0]
    vm.state = "Saved"
    log = Log()
    outcome = await run(runner, "Lab-Host01", log=log)
    assert "\\tSaved state will be removed" in log.lines  # the script's literal \t, as it prints it
    assert "Vm State: Saved" in log.lines
    names = [c.name for c in sent(host)]
    assert names.index("Remove-VMSavedState") < names.index("Stop-VM") < names.index("Set-VMProcessor")
    assert vm.state == "Off" and outcome.complete and log.errors == []


async def test_setting_that_did_not_take_is_reported_from_the_readback(sim_runner) -> None:
    # Ubuntu-Dev runs with no guest answering, so Stop-VM (no -Force) fails and the processor cannot change.
    runner = sim_runner()
    log = Log()
    outcome = await run(runner, "Ubuntu-Dev", log=log)
    vm = runner.host.find_vms("Ubuntu-Dev")[0]
    assert vm.state == "Running" and not vm.expose_virtualization_extensions
    assert any("could not be shut down" in e for e in log.errors)
    assert any("while it is running" in e for e in log.errors)
    assert not outcome.complete
    missing = {c.key: c.sentence for c in outcome.missing}
    assert set(missing) == {"extensions"}
    assert missing["extensions"] == "Virtualization extensions are still off: Hyper-V cannot run inside the VM."
    assert "not fully set up" in outcome.summary()
    assert len(outcome.errors) == 2


async def test_vm_already_set_up_is_not_asked_anything(sim_runner) -> None:
    runner = sim_runner()
    vm = runner.host.find_vms("Lab-Host01")[0]
    vm.expose_virtualization_extensions, vm.dynamic_memory, vm.memory_startup = True, False, 8 * GB
    vm.adapters[0].mac_spoofing = "On"
    log = Log()
    outcome = await run(runner, "Lab-Host01", log=log)
    assert log.lines[-1] == "    None, vm is already setup for nesting"
    assert not any("Input Y" in line for line in log.lines)
    assert outcome.complete


async def test_unknown_script_text_is_refused_by_the_host(sim_runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scripts_enable, "STAND_IN_DIGESTS", set())
    runner = sim_runner()
    with pytest.raises(ScriptRefused, match=r"runs only the pinned Enable-NestedVm\.ps1"):
        await run(runner, "Lab-Host01")
    vm = runner.host.find_vms("Lab-Host01")[0]
    assert not vm.expose_virtualization_extensions
    assert not any(isinstance(c, Command) for c in runner.host.history)


async def test_unaccepted_text_never_leaves_the_app(sim_runner) -> None:
    runner = sim_runner()
    with pytest.raises(ScriptNotTrusted, match="not a known version"):
        await run_microsoft_script(runner, "Lab-Host01", STAND_IN, EnableChoices())
    assert runner.round_trips == 0


async def test_a_changed_byte_in_transit_is_refused(sim_runner) -> None:
    runner = sim_runner()
    call = wrapper_call("Lab-Host01", STAND_IN, EnableChoices())
    tampered = Script(
        call.name,
        tuple(
            (k, DIGEST.replace(DIGEST[0], "0" if DIGEST[0] != "0" else "1")) if k == "ExpectedSha256" else (k, v)
            for k, v in call.params
        ),
    )
    result = await runner.run(tampered, check=False)
    assert result.failed and "not the verified" in result.errors[0].message


async def test_not_elevated_is_refused(sim_runner) -> None:
    runner = sim_runner()
    runner.host.state.elevated = False
    with pytest.raises(ScriptRefused, match="needs an elevated session"):
        await run(runner, "Lab-Host01")


async def test_missing_vm_runs_as_the_script_does_and_readback_fails(sim_runner) -> None:
    from core.errors import PowerShellError

    runner = sim_runner()
    log = Log()
    with pytest.raises(PowerShellError, match="unable to find a virtual machine"):
        await run(runner, "Nope", log=log)
    assert any('unable to find a virtual machine with name "Nope"' in e for e in log.errors)


@pytest.mark.parametrize("name", NASTY_NAMES)
async def test_names_survive_as_data(sim_runner, name: str) -> None:
    runner = sim_runner()
    runner.host.vms.append(SimVM(name=name, dynamic_memory=True, memory_startup=2 * GB, adapters=[SimAdapter()]))
    log = Log()
    outcome = await run(runner, name, log=log)
    wrapper = next(r for r in runner.host.history if isinstance(r, Script))
    assert wrapper.get("VmName") == name
    assert f"This script will set the following for {name} in order to enable nesting:" in log.lines
    processor = next(c for c in sent(runner.host) if c.name == "Set-VMProcessor")
    assert processor.get("VMName") == name
    assert outcome.vm.name == name and outcome.complete
    # The readable rendering (what a log or an export shows) reads back to the same name.
    [(_, params)] = ps_eval.commands(render(processor))
    assert dict(params)["VMName"] == name


def test_wrapper_declares_exactly_the_parameters_python_sends() -> None:
    text = (Path(__file__).resolve().parents[2] / "resources" / "scripts" / WRAPPER).read_text(encoding="utf-8")
    block = text[text.index("param(") : text.index("\n)\n")]
    declared = set(re.findall(r"\]\$(\w+)", block))
    assert declared == {k for k, _ in wrapper_call("x", STAND_IN, EnableChoices()).params}


@pytest.mark.parametrize(
    ("recent", "answer"),
    [
        (["    Optionally set vm memory to 4GB", "Input Y to accept or N to cancel:"], "Y"),
        (["", "Invalid Input, Y or N"], "Y"),
        (
            [
                "Mac Address Spoofing isn't enabled (nested guests won't have network).",
                "Would you like to enable MAC address spoofing? (Y/N)",
            ],
            "mac",
        ),
        (
            [
                "Mac Adderess Spoofing isn't enabled, nested guests won't have network!",
                "Would you like to enable? (Y/N)",
            ],
            "mac",
        ),
        (
            [
                "VM memory is set less than 4GB, without 4GB or more, you may not be able to start VMs.",
                "Would you like to set Vm memory to 4GB? (Y/N)",
            ],
            "mem",
        ),
        (["", "Press any key"], None),
    ],
)
def test_read_host_answers_by_the_question_asked(recent: list[str], answer: str | None) -> None:
    assert scripts_enable.answer_for(recent, {"MacSpoofing": "mac", "Memory": "mem"}) == answer


def test_pinned_digests_are_known_to_the_simulated_host() -> None:
    assert {d.sha256 for d in ENABLE_NESTED_VM.digests} <= scripts_enable.known_digests()
