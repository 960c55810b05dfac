"""The VM nesting-readiness model: parsing outputs, every blocker and its fix, the one-trip read, the .ps1 lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.commands import Command, Pipeline
from core.reference import Reference
from core.sim.model import GB, SimAdapter, SimCheckpoint, SimVM
from core.vm import (
    AdapterInfo,
    Severity,
    VmInfo,
    assess,
    read_vm,
    read_vms,
    settings_in_place,
    spoofing_on,
    vm_state,
)
from tests import ps_lint

SCRIPTS = Path(__file__).resolve().parents[2] / "resources" / "scripts"
NASTY_NAMES = ['It\'s "my" VM', "cost$HOME`n; Remove-VM *", "line1\nline2", "Лаборатория-虚拟机", "a`b$(c)'d'"]


def ready_vm(**changes: object) -> VmInfo:
    base: dict[str, object] = dict(
        name="Lab",
        state="Off",
        generation=2,
        version="10.0",
        memory_startup=8 * GB,
        dynamic_memory=False,
        processor_count=4,
        expose_extensions=True,
        adapters=(AdapterInfo("Network Adapter", "Default Switch", True),),
    )
    base.update(changes)
    return VmInfo(**base)  # type: ignore[arg-type]


# ---------------------------------------------------------------- parsing Hyper-V's outputs
@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (2, "Running"),
        (3, "Off"),
        (6, "Saved"),
        (9, "Paused"),
        (32773, "Saving"),
        (32779, "FastSaved"),
        ("2", "Running"),
        ("running", "Running"),
        ("Off", "Off"),
        ("FASTSAVED", "FastSaved"),
        (1, "Other"),
        (4, "Stopping"),
        (10, "Starting"),
        (11, "Reset"),
        (32776, "Pausing"),
        (32777, "Resuming"),
        (32780, "FastSaving"),
    ],
)
def test_state_names_and_numbers(raw: object, name: str) -> None:
    assert vm_state(raw) == name


def test_unknown_state_number_is_kept_visible() -> None:
    assert vm_state(12345) == "Unknown (12345)"


@pytest.mark.parametrize(
    ("raw", "on"), [("On", True), ("off", False), (1, True), (2, False), ("1", True), ("2", False)]
)
def test_mac_spoofing_names_and_numbers(raw: object, on: bool) -> None:
    assert spoofing_on(raw) is on


def test_mac_spoofing_rejects_other_numbers() -> None:
    with pytest.raises(ValueError):
        spoofing_on(3)


def test_from_get_vm_outputs_with_numbers() -> None:
    # Shapes as Get-VM, Get-VMProcessor, Get-VMMemory and Get-VMNetworkAdapter return them through a runner
    # that keeps enums as their numbers (State 6 = Saved, MacAddressSpoofing 2 = Off).
    vm = {
        "Name": "Lab",
        "Id": "1d7f",
        "State": 6,
        "Generation": 2,
        "Version": "9.0",
        "ProcessorCount": 2,
        "MemoryStartup": 2 * GB,
        "DynamicMemoryEnabled": True,
    }
    info = VmInfo.from_records(
        vm,
        {"Count": 2, "ExposeVirtualizationExtensions": False},
        {"Startup": 2 * GB, "DynamicMemoryEnabled": True},
        [
            {"Name": "NIC 1", "SwitchName": "Default Switch", "MacAddressSpoofing": 2},
            {"Name": "NIC 2", "SwitchName": None, "MacAddressSpoofing": 1},
        ],
        checkpoints=3,
    )
    assert info.state == "Saved" and info.saved and not info.running
    assert info.adapters == (AdapterInfo("NIC 1", "Default Switch", False), AdapterInfo("NIC 2", None, True))
    assert info.version_tuple == (9, 0) and info.checkpoints == 3 and info.id == "1d7f"


def test_from_state_script_output_with_one_adapter_as_object() -> None:
    info = VmInfo.from_state(
        {
            "Name": "Lab",
            "State": "Running",
            "Generation": 1,
            "Version": "8.0",
            "ProcessorCount": 1,
            "ExposeVirtualizationExtensions": True,
            "MemoryStartup": 4 * GB,
            "DynamicMemoryEnabled": False,
            "Adapters": {"Name": "Legacy", "SwitchName": "X", "MacAddressSpoofing": "On"},
            "CheckpointCount": 0,
        }
    )
    assert info.running and info.adapters == (AdapterInfo("Legacy", "X", True),)


# ---------------------------------------------------------------- readiness
def test_a_ready_vm_has_nothing_to_fix() -> None:
    readiness = assess(ready_vm())
    assert readiness.ready and readiness.items == ()


def test_every_blocker_of_a_poor_vm_in_order_with_fixes() -> None:
    vm = ready_vm(
        state="Running",
        version="7.0",
        expose_extensions=False,
        dynamic_memory=True,
        memory_startup=2 * GB,
        processor_count=1,
        generation=1,
        checkpoints=2,
        adapters=(AdapterInfo("NIC", "External", False),),
    )
    readiness = assess(vm, cpu_vendor="GenuineIntel", host_default_version="10.0")
    assert readiness.keys() == [
        "running",
        "version",
        "extensions",
        "dynamic-memory",
        "memory",
        "processors",
        "generation",
        "mac-spoofing",
        "checkpoints",
    ]
    assert {i.key for i in readiness.blockers} == {"running", "version", "extensions", "dynamic-memory", "mac-spoofing"}
    fixes = {i.key: i.fix for i in readiness.items}
    assert fixes["running"] == (Command.of("Stop-VM", Name="Lab", Force=True),)
    assert fixes["version"] == (Command.of("Update-VMVersion", Name="Lab", Force=True),)
    assert fixes["extensions"] == (Command.of("Set-VMProcessor", VMName="Lab", ExposeVirtualizationExtensions=True),)
    assert fixes["dynamic-memory"] == (Command.of("Set-VMMemory", VMName="Lab", DynamicMemoryEnabled=False),)
    assert fixes["memory"] == (Command.of("Set-VMMemory", VMName="Lab", StartupBytes=4 * GB),)
    assert fixes["mac-spoofing"] == (
        Command.of("Get-VMNetworkAdapter", VMName="Lab") | Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On"),
    )
    assert fixes["generation"] == () and fixes["checkpoints"] == ()
    assert readiness.item("running").caution.startswith("The guest operating system is asked to shut down")  # type: ignore[union-attr]
    assert "2 checkpoints" in readiness.item("checkpoints").message  # type: ignore[union-attr]
    for item in readiness.items:
        assert item.message.endswith(".")
        for fix in item.fix:
            Reference.default().check_runnable(fix)


def test_saved_state_offers_removal_with_its_cost() -> None:
    item = assess(ready_vm(state="Saved")).item("saved")
    assert item is not None and item.severity is Severity.BLOCKER
    assert item.fix == (Command.of("Remove-VMSavedState", VMName="Lab"),)
    assert "work not saved inside the guest is lost" in item.caution


@pytest.mark.parametrize(
    ("vendor", "version", "blocked"),
    [
        ("GenuineIntel", "7.1", True),
        ("GenuineIntel", "8.0", False),
        ("AuthenticAMD", "9.2", True),
        ("AuthenticAMD", "9.3", False),
        ("AuthenticAMD", "8.0", True),
        ("AuthenticAMD", "10.0", False),
    ],
)
def test_configuration_version_by_vendor(vendor: str, version: str, blocked: bool) -> None:
    readiness = assess(ready_vm(version=version), cpu_vendor=vendor)
    assert (readiness.item("version") is not None) is blocked


def test_amd_host_that_cannot_reach_9_3_has_no_fix() -> None:
    item = assess(ready_vm(version="9.0"), cpu_vendor="AuthenticAMD", host_default_version="9.2").item("version")
    assert item is not None and item.fix == () and "only to 9.2" in item.message


def test_mac_spoofing_matters_only_for_bridged_networking() -> None:
    vm = ready_vm(adapters=(AdapterInfo("A", "S", True), AdapterInfo("B", "S", False)))
    assert "'B'" in assess(vm).item("mac-spoofing").message  # type: ignore[union-attr]
    assert assess(vm, mac_spoofing=False).item("mac-spoofing") is None


def test_memory_below_4gb_is_advice_or_information() -> None:
    vm = ready_vm(memory_startup=2 * GB)
    assert assess(vm).item("memory").severity is Severity.ADVICE  # type: ignore[union-attr]
    declined = assess(vm, memory_4gb=False).item("memory")
    assert declined is not None and declined.severity is Severity.INFO and declined.fix == ()
    assert assess(vm).ready


def test_generation_1_blocks_only_where_it_matters() -> None:
    assert assess(ready_vm(generation=1)).item("generation").severity is Severity.INFO  # type: ignore[union-attr]
    needed = assess(ready_vm(generation=1), needs_generation2=True).item("generation")
    assert needed is not None and needed.severity is Severity.BLOCKER


@pytest.mark.parametrize("name", NASTY_NAMES)
def test_names_stay_data_in_every_fix(name: str) -> None:
    vm = ready_vm(
        name=name,
        state="Saved",
        version="5.0",
        expose_extensions=False,
        dynamic_memory=True,
        memory_startup=GB,
        adapters=(AdapterInfo("NIC", None, False),),
    )
    for item in assess(vm).items:
        for fix in item.fix:
            commands = fix.commands if isinstance(fix, Pipeline) else (fix,)
            assert name in [v for c in commands for _, v in c.params]


def test_settings_read_back() -> None:
    vm = ready_vm(expose_extensions=False, memory_startup=2 * GB, adapters=(AdapterInfo("NIC", None, False),))
    checks = {c.key: c for c in settings_in_place(vm, cpu_vendor="AuthenticAMD")}
    assert not checks["extensions"].in_place and "still off" in checks["extensions"].sentence
    assert not checks["memory"].in_place and "2 GB" in checks["memory"].sentence
    assert not checks["mac-spoofing:NIC"].in_place
    assert checks["version"].in_place and checks["dynamic-memory"].in_place
    assert "Start it when you are ready" in checks["state"].sentence
    assert "memory" not in {c.key for c in settings_in_place(vm, memory_4gb=False)}


# ---------------------------------------------------------------- reading on the simulated host
async def test_all_vms_in_one_round_trip(sim_runner) -> None:
    runner = sim_runner()
    infos = await read_vms(runner)
    assert runner.round_trips == 1
    by_name = {i.name: i for i in infos}
    assert by_name["Lab-Host01"].dynamic_memory and by_name["Lab-Host01"].memory_startup == 2 * GB
    assert by_name["Ubuntu-Dev"].running
    assert by_name["Lab-Host01"].adapters[0] == AdapterInfo("Network Adapter", "Default Switch", False)


@pytest.mark.parametrize("name", [*NASTY_NAMES, "Lab*"])
async def test_exact_names_of_any_characters(sim_runner, name: str) -> None:
    runner = sim_runner()
    host = runner.host
    host.vms.append(SimVM(name=name, adapters=[SimAdapter()], checkpoints=[SimCheckpoint("before")]))
    info = await read_vm(runner, name)
    assert info.name == name and info.checkpoints == 1
    assert runner.round_trips == 1
    assert [i.name for i in await read_vms(runner, [name])] == [name]  # "Lab*" is no wildcard


async def test_missing_vm_is_a_clear_error(sim_runner) -> None:
    from core.errors import PowerShellError

    with pytest.raises(PowerShellError, match='unable to find a virtual machine with name "Nope"'):
        await read_vm(sim_runner(), "Nope")


# ---------------------------------------------------------------- lint of the fixed scripts
@pytest.mark.parametrize("script", ["Get-VmNestingState.ps1", "Invoke-EnableNestedVm.ps1"])
def test_fixed_scripts_parse_and_use_only_documented_commands(script: str) -> None:
    ps_lint.assert_clean(SCRIPTS / script)
