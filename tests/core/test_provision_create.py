"""Validation, creation on the simulated host, and the exact cleanup after a failure injected at each step."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.commands import Command, Script
from core.host.facts import parse_facts
from core.provision.apply import Created, apply, present, remove_created
from core.provision.outer import GB, OuterVmOptions, defaults_for, plan
from core.provision.validate import check_options, validate

ISO = "C:\\ISO\\Windows11_23H2.iso"


@pytest.fixture
def runner(sim_runner):
    return sim_runner()


async def facts_of(runner):
    return parse_facts((await runner.run(Script.of("Get-HostFacts.ps1"))).first())


def options_for(facts, **changes) -> OuterVmOptions:
    return replace(defaults_for(facts, ["Default Switch"], [ISO]), **changes)


def snapshot(host):
    return sorted(vm.id for vm in host.vms), dict(host.files)


# ------------------------------------------------------------------ validation
async def test_defaults_validate_clean(runner):
    facts = await facts_of(runner)
    assert await validate(runner, options_for(facts), facts) == []


async def test_validation_batches_its_round_trips(runner):
    facts = await facts_of(runner)
    before = runner.round_trips
    await validate(runner, options_for(facts), facts)
    assert runner.round_trips - before == 1  # Get-OuterVmView.ps1: VMs, switches and every path
    before = runner.round_trips
    await validate(runner, options_for(facts))  # without facts: memory, disks and versions asked too
    assert runner.round_trips - before == 5


async def test_the_view_script_answers_for_each_path_as_given(runner):
    facts = await facts_of(runner)
    iso = options_for(facts).iso_path
    folder = iso.rpartition("\\")[0] + "\\"  # the ISO's folder, with a trailing backslash
    result = await runner.run(Script.of("Get-OuterVmView.ps1", LiteralPath=(iso, folder, "Z:\\nope")))
    paths = {r["Path"]: (r["Exists"], r["IsFolder"], r["Error"]) for r in result.output if r["Kind"] == "Path"}
    assert paths == {iso: (True, False, None), folder: (True, True, None), "Z:\\nope": (False, False, None)}
    kinds = [r["Kind"] for r in result.output]
    assert kinds == sorted(kinds, key=["VM", "Switch", "Path"].index) and "VM" in kinds and "Switch" in kinds


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "Lab-Host01"}, "name", "already exists"),
        ({"name": "lab-host01"}, "name", "already exists"),
        ({"name": ""}, "name", "Give the VM a name"),
        ({"name": "a\nb"}, "name", "control characters"),
        ({"name": "Lab[1]"}, "name", "wildcards"),
        ({"name": "x" * 101}, "name", "100 characters"),
        ({"vhd_path": "disks\\a.vhdx"}, "vhd_path", "full path"),
        ({"vhd_path": ""}, "vhd_path", "needs a path"),
        ({"vhd_path": "C:\\ISO\\WindowsServer2022.iso"}, "vhd_path", ".vhdx"),
        ({"location": "VMs"}, "location", "full path"),
        ({"iso_path": "C:\\ISO\\missing.iso"}, "iso_path", "does not exist"),
        ({"iso_path": "C:\\ISO"}, "iso_path", "is a folder"),
        ({"iso_path": "Q:\\x.iso"}, "iso_path", "no drive Q:"),
        ({"switch_name": "Nope"}, "switch_name", "no virtual switch"),
        ({"memory_bytes": 2 * GB}, "memory_bytes", "at least 4 GB"),
        ({"memory_bytes": 64 * GB}, "memory_bytes", "more than this host's memory"),
        ({"processors": 1}, "processors", "at least 2"),
        ({"vhd_size_bytes": 2000 * GB}, "vhd_size_bytes", "more than the whole drive"),
        ({"version": "12.0"}, "version", "does not support configuration version 12.0"),
        ({"new_disk": False, "vhd_path": "C:\\Disks\\none.vhdx"}, "vhd_path", "does not exist"),
    ],
)
async def test_each_problem_has_a_clear_message(runner, changes, field, words):
    facts = await facts_of(runner)
    problems = await validate(runner, options_for(facts, **changes), facts)
    assert any(p.field == field and words in p.message and p.blocking for p in problems), problems


async def test_an_existing_vhdx_is_never_overwritten(runner):
    host = runner.host
    host.add_file("C:\\VMs\\Taken.vhdx", 5 * GB)
    facts = await facts_of(runner)
    problems = await validate(runner, options_for(facts, vhd_path="C:\\VMs\\Taken.vhdx"), facts)
    assert [p.field for p in problems] == ["vhd_path"]
    assert "never overwrites" in problems[0].message
    existing = options_for(facts, vhd_path="C:\\VMs\\Taken.vhdx", new_disk=False)
    assert await validate(runner, existing, facts) == []


async def test_more_than_free_memory_is_a_warning_only(runner):
    facts = await facts_of(runner)
    problems = await validate(runner, options_for(facts, memory_bytes=30 * GB), facts)
    assert [(p.field, p.severity) for p in problems] == [("memory_bytes", "warning")]


def test_local_checks_need_no_host():
    assert check_options(OuterVmOptions(vhd_path="C:\\a.vhdx")) == []
    assert [p.field for p in check_options(OuterVmOptions(name=" Lab", vhd_path="C:\\a.vhdx"))] == ["name"]


# ------------------------------------------------------------------ creation
async def test_create_leaves_the_vm_the_plan_describes(runner):
    host = runner.host
    facts = await facts_of(runner)
    options = options_for(facts, tpm=True, checkpoint_type="Standard", automatic_checkpoints=False)
    others = {vm.id for vm in host.vms}
    report = await apply(runner, plan(options))
    assert report.ok, report.summary()
    assert [c.kind for c in report.created] == ["file", "vm"]
    [vm] = [vm for vm in host.vms if vm.id not in others]
    assert vm.id == report.created[1].vm_id
    assert (vm.name, vm.generation, vm.version, vm.state) == ("NestWiz-Outer", 2, "11.0", "Off")
    assert vm.memory_startup == 8 * GB and not vm.dynamic_memory
    assert vm.processor_count == 4 and vm.expose_virtualization_extensions
    assert [d.path for d in vm.disks] == [options.vhd_path] and host.has_file(options.vhd_path)
    assert [d.path for d in vm.dvds] == [ISO] and vm.first_boot_device == "DvdDrive"
    assert vm.secure_boot and vm.secure_boot_template == "MicrosoftWindows"
    assert vm.key_protector and vm.tpm
    assert [(a.switch_name, a.mac_spoofing) for a in vm.adapters] == [("Default Switch", "On")]
    assert (vm.checkpoint_type, vm.automatic_checkpoints) == ("Standard", False)
    assert host.nesting_possible(vm)


async def test_linux_guest_on_an_existing_disk_with_nat(runner):
    host = runner.host
    host.add_file("C:\\Disks\\ubuntu.vhdx", 9 * GB)
    facts = await facts_of(runner)
    options = options_for(
        facts,
        new_disk=False,
        vhd_path="C:\\Disks\\ubuntu.vhdx",
        iso_path="",
        networking="nat",
        secure_boot_template="MicrosoftUEFICertificateAuthority",
        tpm=False,
    )
    assert await validate(runner, options, facts) == []
    report = await apply(runner, plan(options))
    assert report.ok and [c.kind for c in report.created] == ["vm"]
    vm = host.find_vms(options.name)[0]
    assert vm.secure_boot_template == "MicrosoftUEFICertificateAuthority" and not vm.tpm and not vm.dvds
    assert [a.mac_spoofing for a in vm.adapters] == ["Off"]


async def test_progress_reports_each_step(runner):
    facts = await facts_of(runner)
    steps = plan(options_for(facts))
    seen: list[int] = []
    await apply(runner, steps, lambda index, _step: seen.append(index))
    assert seen == [*range(len(steps)), len(steps)]


STEP_NAMES = [
    s.command.name
    for s in plan(replace(defaults_for(None, ["Default Switch"], [ISO]), vhd_path="C:\\VMs\\x.vhdx", tpm=True))
]


@pytest.mark.parametrize("index", range(len(STEP_NAMES)), ids=STEP_NAMES)
async def test_failure_at_each_step_leaves_only_what_the_report_says(runner, index):
    host = runner.host
    facts = await facts_of(runner)
    options = options_for(facts, tpm=True)
    steps = plan(options)
    vms_before, files_before = snapshot(host)
    host.fail_next[steps[index].command.name] = "The operation failed (injected)."
    report = await apply(runner, steps)
    assert not report.ok and report.done == index and report.failed is steps[index]
    assert "injected" in report.summary() and steps[index].description in report.summary()
    assert [s.command.name for s in steps] == STEP_NAMES  # the disk's folder first, as in STEP_NAMES
    expected = [kind for kind, position in (("file", 1), ("vm", 2)) if position < index]
    assert [c.kind for c in report.created] == expected
    vms_now, files_now = snapshot(host)
    new_vms = set(vms_now) - set(vms_before)
    new_files = set(files_now) - set(files_before)
    assert new_vms == {c.vm_id for c in report.created if c.kind == "vm"}
    assert new_files == {c.target.lower() for c in report.created if c.kind == "file"}
    assert await present(runner, report.created) == report.created

    removal = await remove_created(runner, report.created)
    assert removal.ok and len(removal.removed) == len(report.created)
    assert snapshot(host) == (vms_before, files_before)


async def test_cleanup_never_touches_a_namesake(runner):
    host = runner.host
    facts = await facts_of(runner)
    options = options_for(facts)
    steps = plan(options)
    host.fail_next["Set-VM"] = "boom"
    report = await apply(runner, steps)
    # Someone makes a second VM of the same name meanwhile: Hyper-V allows it.
    await runner.run(Command.of("New-VM", Name=options.name, Generation=2, NoVHD=True))
    namesake = [vm.id for vm in host.find_vms(options.name) if vm.id != report.created[1].vm_id]
    removal = await remove_created(runner, report.created)
    assert [c.kind for c, _ in removal.left] == ["vm", "file"] and removal.removed == []
    assert "another VM is also named" in removal.left[0][1]
    assert "being used by another process" in removal.left[1][1]  # the VM that stayed holds its disk
    assert {vm.id for vm in host.find_vms(options.name)} == {report.created[1].vm_id, *namesake}


async def test_cleanup_skips_what_is_already_gone(runner):
    host = runner.host
    created = [Created("file", "C:\\gone.vhdx"), Created("vm", "Ghost", "0000")]
    assert await present(runner, created) == []
    before = snapshot(host)
    removal = await remove_created(runner, [Created("vm", "Lab-Host01", "not-its-id")])
    assert removal.ok and snapshot(host) == before


async def test_an_unreadable_iso_is_reported_with_windows_words(sim_runner):
    from core.results import Result
    from core.runners.simulated import SimulatedRunner

    class LockedIso(SimulatedRunner):
        """Windows answers Get-Item on a file it may not read with UnauthorizedAccess: the view script passes the
        error's message on."""

        async def _run(self, runnable, on_record):
            result: Result = await super()._run(runnable, on_record)
            if runnable.name == "Get-OuterVmView.ps1":
                for record in result.output:
                    if record.get("Path") == ISO:
                        record.update(Exists=False, Error=f"Access to the path '{ISO}' is denied.")
            return result

    runner = LockedIso(sim_runner().host)
    facts = await facts_of(runner)
    problems = await validate(runner, options_for(facts), facts)
    assert [(p.field, p.message) for p in problems] == [
        ("iso_path", f"The ISO '{ISO}' cannot be read: Access to the path '{ISO}' is denied.")
    ]
