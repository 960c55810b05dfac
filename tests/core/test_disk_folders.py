"""A new disk's folder is made first (New-Item -ItemType Directory -Force, guarded): whether New-VHD or
New-VM -NewVHDPath make a missing one is not documented, and the simulated host refuses to guess."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from core.commands import Command
from core.lab.journal import Journal
from core.lab.plan import LabPlan
from core.lab.scripts import inner_vm
from core.provision.export import outer_steps
from core.provision.inner import GUEST_FOLDER, InnerVm, InnerVmPlan
from core.provision.network import NetworkPlan
from core.provision.outer import OuterVmOptions
from core.sim.handlers.provision import is_dir
from tests.core.test_inner_vm import _ready_outer
from tests.core.test_lab_engine import engine_for, fitted


def _names(host) -> list[str]:
    return [c.name for c in host.history if isinstance(c, Command)]


async def test_the_engine_makes_the_disks_folder_before_the_disk(sim_runner, tmp_path: Path) -> None:
    runner = sim_runner()
    plan = await fitted(runner)
    folder = plan.outer.options.vhd_path.rpartition("\\")[0]
    assert not is_dir(runner.host, folder)  # the profile's default disk folder does not exist yet
    report = await engine_for(runner, plan, Journal(tmp_path / "journal.json")).run(only=("host", "outer_vm"))
    assert report.ok, report.error
    names = _names(runner.host)
    assert names.index("New-Item") < names.index("New-VHD")
    made = next(c for c in runner.host.history if isinstance(c, Command) and c.name == "New-Item")
    assert made == Command.of("New-Item", ItemType="Directory", Path=folder, Force=True)
    assert runner.host.has_file(plan.outer.options.vhd_path)


async def test_the_inner_vms_folder_is_made_inside_the_outer_vm(sim_host) -> None:
    _host, vm, runner, guest = await _ready_outer(sim_host)
    plan = InnerVmPlan()  # no ISO: nothing else makes the folder of its disk inside the outer VM
    outcome = await InnerVm(runner, guest, "Lab-Host01", plan, NetworkPlan()).run()
    ran = [c for where, c in outcome.ran if where == "guest"]
    assert Command.of("New-Item", ItemType="Directory", Path=GUEST_FOLDER, Force=True) in ran
    assert ran.index(Command.of("New-Item", ItemType="Directory", Path=GUEST_FOLDER, Force=True)) < [
        c.name for c in ran
    ].index("New-VM")
    assert vm.guest.host.has_file(plan.guest_vhd)
    again = InnerVm(runner, guest, "Lab-Host01", replace(plan, name="Second"), NetworkPlan())
    await again.create()
    assert [c.name for _, c in again.outcome.ran] == ["New-VM"]  # guarded: the folder is there now


def test_the_export_makes_the_folders_guarded() -> None:
    outer = "\n".join(outer_steps(OuterVmOptions(vhd_path="C:\\VMs\\a.vhdx")))
    assert outer.index("New-Item -ItemType 'Directory' -Path $vhdFolder -Force") < outer.index("New-VHD -Path")
    assert "-not (Test-Path -LiteralPath $vhdFolder)" in outer
    inner = "\n".join(inner_vm(LabPlan()))
    assert inner.index("New-Item -ItemType 'Directory' -Path $folder -Force") < inner.index("New-VM -Name")
