"""The lab engine on the simulated host: the whole chain, resume by re-checking, never another VM, cancel anywhere."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import replace
from pathlib import Path

import pytest

from core.commands import Credential
from core.lab.engine import Engine, Event
from core.lab.fit import fitted_plan
from core.lab.journal import Journal
from core.lab.plan import LabPlan, OuterPlan, TargetPlan
from core.lab.steps import STEP_IDS, chain
from core.runners.simulated import SimulatedRunner
from core.targets import SIMULATED_PASSWORD, SimulatedSetup

PROFILE = "intel-laptop-win11-pro"


async def fitted(runner: SimulatedRunner) -> LabPlan:
    return await fitted_plan(runner, TargetPlan("simulated", PROFILE))


def engine_for(runner: SimulatedRunner, plan: LabPlan, journal: Journal) -> Engine:
    credential = Credential(plan.guest.user, SIMULATED_PASSWORD, variable="GuestCredential")
    return Engine(plan, runner, journal, chain(), credential=credential, installer=SimulatedSetup(runner.host))


@pytest.fixture
def lab(sim_runner, tmp_path: Path):
    async def make(profile: str = PROFILE):
        runner = sim_runner(profile)
        plan = await fitted(runner)
        return runner, plan, Journal(tmp_path / "journal.json")

    return make


async def test_the_whole_chain_then_nothing_to_do(lab):
    runner, plan, journal = await lab()
    first = await engine_for(runner, plan, journal).run()
    assert first.ok, first.error
    assert [s.id for s in first.steps] == list(STEP_IDS)
    statuses = {s.id: s.status for s in first.steps}
    assert statuses["outer_vm"] == statuses["guest_os"] == statuses["guest_hyperv"] == statuses["inner_vm"] == "done"
    assert first.changes and any(c.where == "outer" for c in first.changes)
    assert journal.finished
    outer = runner.host.find_vms(plan.outer.name)[0]
    assert journal.vms["outer"].id == outer.id
    inner = outer.guest.host.find_vms(plan.inner.name)
    assert [journal.vms["inner"].id] == [v.id for v in inner]

    again = await engine_for(runner, plan, Journal.load(journal.path)).run()
    assert again.ok
    assert again.changes == []
    assert {s.status for s in again.steps} == {"already"}


async def test_outer_vm_deleted_before_resume_stops_and_touches_nothing(lab):
    runner, plan, journal = await lab()
    engine = engine_for(runner, plan, journal)
    await engine.run(only=("host", "outer_vm", "nesting"))
    vm = runner.host.find_vms(plan.outer.name)[0]
    runner.host.vms.remove(vm)
    again = await engine_for(runner, plan, Journal.load(journal.path)).run()
    assert not again.ok
    assert type(again.error).__name__ == "LabStopped"
    assert "no longer on this host" in again.error.message and vm.id in again.error.message
    assert again.changes == []


async def test_outer_vm_renamed_before_resume_stops(lab):
    runner, plan, journal = await lab()
    await engine_for(runner, plan, journal).run(only=("host", "outer_vm"))
    vm = runner.host.find_vms(plan.outer.name)[0]
    vm.name = "Someone-Else"
    again = await engine_for(runner, plan, Journal.load(journal.path)).run()
    assert type(again.error).__name__ == "LabStopped"
    assert "'Someone-Else'" in again.error.message
    assert again.changes == []


async def test_an_existing_vm_that_is_not_there_stops_with_no_change(lab):
    runner, plan, journal = await lab()
    plan = replace(plan, outer=OuterPlan("existing", replace(plan.outer.options, name="NoSuchVM")))
    report = await engine_for(runner, plan, journal).run()
    assert type(report.error).__name__ == "LabStopped"
    assert "no VM named 'NoSuchVM'" in report.error.message
    assert report.changes == []
    assert "outer" not in journal.vms


async def test_two_vms_with_the_plans_name_stop_the_lab(lab):
    runner, plan, journal = await lab()
    existing = runner.host.vms[0]
    plan = replace(plan, outer=OuterPlan("existing", replace(plan.outer.options, name=existing.name)))
    clone = copy.copy(existing)
    clone.id = "00000000-0000-0000-0000-00000000beef"
    runner.host.vms.append(clone)
    report = await engine_for(runner, plan, journal).run()
    assert type(report.error).__name__ == "LabStopped"
    assert "More than one VM" in report.error.message
    assert report.changes == []


async def test_a_vm_of_that_name_that_is_not_the_labs_is_left_alone(lab):
    runner, plan, journal = await lab()
    existing = runner.host.vms[0]
    plan = replace(plan, outer=OuterPlan("new", replace(plan.outer.options, name=existing.name)))
    report = await engine_for(runner, plan, journal).run()
    assert type(report.error).__name__ == "LabStopped"
    assert "is not this lab's" in report.error.message
    assert report.changes == []


def _objects(host) -> set[tuple[str, str, str]]:
    """What exists: VMs by Id and files on the host, and VMs, switches, NATs and files inside each guest."""
    found = {("vm", vm.id, "host") for vm in host.vms} | {("file", k, "host") for k in host.files}
    for vm in host.vms:
        if vm.guest is None:
            continue
        guest = vm.guest.host
        found |= {("vm", v.name.lower(), "outer") for v in guest.vms}
        found |= {("switch", s.name.lower(), "outer") for s in guest.switches}
        found |= {("nat", str(getattr(n, "name", n)).lower(), "outer") for n in guest.nats}
        found |= {("file", k, "outer") for k in guest.files}
    return found


def _comparable(items: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(kind, where) if kind == "vm" and where == "host" else (kind, target) for kind, target, where in items}


def _named(journal: Journal, *, confirmed: bool = False) -> set[tuple[str, str, str]]:
    out = set()
    for c in journal.created:
        if confirmed and not c.confirmed:
            continue
        if c.kind == "vm" and c.where == "host" and c.vm_id:
            out.add(("vm", c.vm_id, "host"))
        elif c.kind == "vm" and c.where == "host":
            out.add(("vm", c.target.lower(), "host"))
        elif c.kind in ("vm", "switch", "nat"):
            out.add((c.kind, c.target.lower(), c.where))
        elif c.kind == "file":
            out.add(("file", c.target.lower(), c.where))
    return out


async def test_cancel_anywhere_leaves_a_journal_that_names_what_exists(lab):
    runner, plan, journal = await lab()
    events: list[Event] = []
    engine = engine_for(runner, plan, journal)
    engine.events.subscribe(events.append)
    assert (await engine.run()).ok
    count = sum(e.kind in ("step", "say", "fraction") for e in events) - 1  # the last one: the run has ended
    tried = 0
    for point in range(0, count, max(1, count // 25)):
        runner, plan, journal = await lab()
        before = _objects(runner.host)
        engine = engine_for(runner, plan, journal)
        seen = 0
        task: asyncio.Task = asyncio.ensure_future(engine.run())

        def stop(event: Event, point: int = point, task: asyncio.Task = task) -> None:
            nonlocal seen
            if event.kind in ("step", "say", "fraction"):
                if seen == point:
                    task.cancel()
                seen += 1

        engine.events.subscribe(stop)
        with pytest.raises(asyncio.CancelledError):
            await task
        tried += 1
        made = _objects(runner.host) - before
        saved = Journal.load(journal.path)
        confirmed = _named(saved, confirmed=True)
        # Everything on the host that the run made is in the journal; what the journal confirms is on the host.
        # A creation whose command was on its way when the cancel came is recorded unconfirmed, by name.
        assert _comparable(made) <= _comparable(_named(saved)), (point, made, saved.created)
        assert confirmed <= made, (point, made, confirmed)
        assert any(r.status == "cancelled" for r in saved.steps.values()), (point, saved.steps)
    assert tried >= 10


@pytest.mark.parametrize("mode", ["new", "existing"])
async def test_a_plan_that_now_names_another_outer_vm_stops_with_no_change(lab, mode):
    runner, plan, journal = await lab()
    await engine_for(runner, plan, journal).run(only=("host", "outer_vm", "nesting"))
    other = replace(plan, outer=OuterPlan(mode, replace(plan.outer.options, name="Other-Outer")))
    report = await engine_for(runner, other, Journal.load(journal.path)).run()
    assert type(report.error).__name__ == "LabStopped"
    assert "the plan now names 'Other-Outer'" in report.error.message and "--fresh" in report.error.message
    assert report.changes == []


async def test_a_second_engine_on_the_same_lab_waits_its_turn(lab):
    from core.lab.lock import holding

    runner, plan, journal = await lab()
    with holding(journal.path):  # as another process running this lab would
        report = await engine_for(runner, plan, journal).run()
    assert type(report.error).__name__ == "LabStopped" and "Another NestWiz" in report.error.message
    assert report.changes == [] and report.steps == []
    assert (await engine_for(runner, plan, journal).run()).ok  # released with its holder
