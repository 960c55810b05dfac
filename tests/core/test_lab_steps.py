"""Each lab step on its own, on a fresh simulated host: check, apply, verify, check again; undo removes exactly what
the step created, leaves nothing the lab did not create, and a second undo does nothing."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.lab.engine import Engine
from core.lab.journal import Journal
from core.lab.plan import LabPlan, OuterPlan
from core.lab.steps import STEP_IDS
from core.provision.network import BRIDGE, DEFAULT_BRIDGE_SWITCH, NetworkPlan
from core.runners.simulated import SimulatedRunner
from tests.core.test_lab_engine import PROFILE, engine_for, fitted

HOST_ISO = "C:\\ISO\\WindowsServer2022.iso"  # in the profile's host files
CREATING = ("outer_vm", "network", "inner_vm")


def _state(host: Any, outer_name: str) -> dict[str, set[Any]]:
    """What exists: the host's VMs by Id and its files; inside the outer VM, its VMs by Id, switches, NATs, IP
    addresses and files."""
    found: dict[str, set[Any]] = {"host vms": {v.id for v in host.vms}, "host files": set(host.files)}
    outer = host.find_vms(outer_name)
    guest = outer[0].guest.host if outer and outer[0].guest is not None else None
    found["guest vms"] = {v.id for v in guest.vms} if guest else set()
    found["guest switches"] = {s.name.lower() for s in guest.switches} if guest else set()
    found["guest nats"] = {n.name.lower() for n in guest.nats} if guest else set()
    found["guest addresses"] = {(ip.interface_alias, ip.address) for ip in guest.ip_addresses} if guest else set()
    found["guest files"] = set(guest.files) if guest else set()
    return found


def _before(step_id: str) -> tuple[str, ...]:
    return STEP_IDS[: STEP_IDS.index(step_id)]


async def _engine_at(lab: Any, step_id: str, plan_change: Any = None) -> tuple[SimulatedRunner, LabPlan, Engine]:
    """A fresh host, and an engine that has run every step before `step_id`."""
    runner, plan, journal = await lab()
    if plan_change is not None:
        plan = plan_change(plan)
    engine = engine_for(runner, plan, journal)
    if _before(step_id):
        report = await engine.run(only=_before(step_id))
        assert report.ok, report.error
    return runner, plan, engine


async def _check_apply_verify(engine: Engine, step_id: str) -> str:
    """check says not done (reading only), apply and verify pass, then check says done: its sentence."""
    ctx, step = engine.ctx, engine.step(step_id)
    ctx.step = step_id
    sent = len(ctx.host.sent)
    assert await step.check(ctx) is None
    assert ctx.host.sent[sent:] == [], "a check changed something"
    summary = await step.apply(ctx)
    assert isinstance(summary, str) and summary
    await step.verify(ctx)
    sent = len(ctx.host.sent)
    sentence = await step.check(ctx)
    assert ctx.host.sent[sent:] == [], "a check changed something"
    assert isinstance(sentence, str) and sentence.strip(), (step_id, sentence)
    return sentence


async def _undo_twice(engine: Engine, step_id: str) -> None:
    """The step's undo leaves nothing behind and the journal forgets it; a second undo sends nothing."""
    assert await engine.undo([step_id]) == []
    assert engine.journal.created_by(step_id) == []
    saved = Journal.load(engine.journal.path)
    assert saved is not None and saved.created_by(step_id) == []
    sent = len(engine.ctx.host.sent)
    assert await engine.undo([step_id]) == []
    assert engine.ctx.host.sent[sent:] == []


@pytest.fixture
def lab(sim_runner, tmp_path: Path):
    async def make(profile: str = PROFILE):
        runner = sim_runner(profile)
        return runner, await fitted(runner), Journal(tmp_path / "journal.json")

    return make


# ---------------------------------------------------------------------------------------------- steps that create
@pytest.mark.parametrize("step_id", CREATING)
async def test_a_creating_step_applies_then_its_undo_leaves_the_host_as_before(lab, step_id):
    runner, plan, engine = await _engine_at(lab, step_id)
    before = _state(runner.host, plan.outer.name)
    await _check_apply_verify(engine, step_id)
    made = engine.journal.created_by(step_id)
    assert made and all(c.confirmed for c in made)
    assert _state(runner.host, plan.outer.name) != before
    await _undo_twice(engine, step_id)
    assert _state(runner.host, plan.outer.name) == before


async def test_undo_of_the_outer_vm_removes_the_vm_and_the_disk_the_lab_made(lab):
    runner, plan, engine = await _engine_at(lab, "outer_vm")
    await _check_apply_verify(engine, "outer_vm")
    vm = runner.host.find_vms(plan.outer.name)[0]
    disk = plan.outer.options.vhd_path
    assert runner.host.has_file(disk) and engine.journal.vms["outer"].id == vm.id
    await _undo_twice(engine, "outer_vm")
    assert runner.host.find_vms(plan.outer.name) == []
    assert not runner.host.has_file(disk)  # Remove-VM leaves the disk; the undo removes it
    assert "outer" not in engine.journal.vms


async def test_undo_of_the_inner_vm_removes_its_disk(lab):
    runner, plan, engine = await _engine_at(lab, "inner_vm")
    await _check_apply_verify(engine, "inner_vm")
    guest = runner.host.find_vms(plan.outer.name)[0].guest.host
    assert guest.has_file(plan.inner.guest_vhd) and "inner" in engine.journal.vms
    await _undo_twice(engine, "inner_vm")
    assert guest.find_vms(plan.inner.name) == [] and not guest.has_file(plan.inner.guest_vhd)
    assert "inner" not in engine.journal.vms


async def test_undo_of_the_inner_vm_removes_the_iso_it_copied(lab):
    def with_iso(plan: LabPlan) -> LabPlan:
        return replace(plan, inner=replace(plan.inner, iso_path=HOST_ISO))

    runner, plan, engine = await _engine_at(lab, "inner_vm", with_iso)
    before = _state(runner.host, plan.outer.name)
    await _check_apply_verify(engine, "inner_vm")
    guest = runner.host.find_vms(plan.outer.name)[0].guest.host
    assert guest.has_file(plan.inner.guest_iso)
    await _undo_twice(engine, "inner_vm")
    assert _state(runner.host, plan.outer.name) == before


async def test_undo_of_the_inner_vm_keeps_an_iso_that_was_inside_before(lab):
    def with_iso(plan: LabPlan) -> LabPlan:
        return replace(plan, inner=replace(plan.inner, iso_path=HOST_ISO))

    runner, plan, engine = await _engine_at(lab, "inner_vm", with_iso)
    guest = runner.host.find_vms(plan.outer.name)[0].guest.host
    guest.add_file(plan.inner.guest_iso, 4096)  # the user's copy, there before the step
    before = _state(runner.host, plan.outer.name)
    await _check_apply_verify(engine, "inner_vm")
    assert all(c.target != plan.inner.guest_iso for c in engine.journal.created_by("inner_vm"))
    await _undo_twice(engine, "inner_vm")
    assert _state(runner.host, plan.outer.name) == before
    assert guest.has_file(plan.inner.guest_iso)


async def test_undo_of_the_network_after_the_nat_was_removed_by_hand_removes_the_rest(lab):
    runner, plan, engine = await _engine_at(lab, "network")
    before = _state(runner.host, plan.outer.name)
    await _check_apply_verify(engine, "network")
    guest = runner.host.find_vms(plan.outer.name)[0].guest.host
    guest.nats.clear()  # someone ran Remove-NetNat themselves
    await _undo_twice(engine, "network")
    assert _state(runner.host, plan.outer.name) == before


async def test_undo_of_a_bridged_network_removes_its_switch(lab):
    def bridged(plan: LabPlan) -> LabPlan:
        return replace(plan, network=NetworkPlan(BRIDGE, DEFAULT_BRIDGE_SWITCH))

    runner, plan, engine = await _engine_at(lab, "network", bridged)
    before = _state(runner.host, plan.outer.name)
    await _check_apply_verify(engine, "network")
    assert [c.kind for c in engine.journal.created_by("network")] == ["switch"]
    await _undo_twice(engine, "network")
    assert _state(runner.host, plan.outer.name) == before


async def test_undo_of_everything_after_the_whole_chain_leaves_the_host_as_it_was(lab):
    runner, plan, journal = await lab()
    before = _state(runner.host, plan.outer.name)
    engine = engine_for(runner, plan, journal)
    assert (await engine.run()).ok
    assert await engine.undo() == []
    assert engine.journal.created == []
    assert _state(runner.host, plan.outer.name) == before
    sent = len(engine.ctx.host.sent)
    assert await engine.undo() == []
    assert engine.ctx.host.sent[sent:] == []


# ---------------------------------------------------------------------------------------------- never the user's VM
async def test_undo_of_the_outer_vm_step_never_removes_a_vm_the_lab_did_not_create(lab):
    runner, plan, journal = await lab()
    mine = runner.host.vms[0]
    plan = replace(plan, outer=OuterPlan("existing", replace(plan.outer.options, name=mine.name)))
    engine = engine_for(runner, plan, journal)
    before = _state(runner.host, mine.name)
    assert (await engine.run(only=("host", "outer_vm"))).ok
    assert engine.journal.vms["outer"].id == mine.id
    assert engine.journal.created_by("outer_vm") == []
    await _undo_twice(engine, "outer_vm")
    assert _state(runner.host, mine.name) == before
    assert runner.host.find_vms(mine.name) == [mine]
    assert engine.journal.vms["outer"].id == mine.id  # still the user's chosen VM


async def test_undo_of_the_outer_vm_leaves_a_vm_that_took_its_name_after_it_was_gone(lab):
    runner, plan, engine = await _engine_at(lab, "outer_vm")
    await _check_apply_verify(engine, "outer_vm")
    made = runner.host.find_vms(plan.outer.name)[0]
    runner.host.vms.remove(made)  # removed by hand; another VM of that name now
    other = copy.copy(made)
    other.id, other.disks = "00000000-0000-0000-0000-00000000cafe", []
    runner.host.vms.append(other)
    assert await engine.undo(["outer_vm"]) == []
    assert runner.host.find_vms(plan.outer.name) == [other]
    assert not runner.host.has_file(plan.outer.options.vhd_path)  # the lab's disk, no longer in use
    assert engine.journal.created_by("outer_vm") == []


# ---------------------------------------------------------------------------------------------- steps that only set
async def test_the_host_step_diagnoses_and_changes_nothing(lab):
    runner, plan, engine = await _engine_at(lab, "host")
    before = _state(runner.host, plan.outer.name)
    ctx, step = engine.ctx, engine.step("host")
    ctx.step = "host"
    sentence = await step.check(ctx)
    assert isinstance(sentence, str) and sentence.strip()
    assert await step.apply(ctx) == ""
    await step.verify(ctx)
    assert await engine.undo(["host"]) == []
    assert ctx.host.sent == []
    assert _state(runner.host, plan.outer.name) == before


def _on_the_users_vm(plan: LabPlan) -> LabPlan:
    return replace(plan, outer=OuterPlan("existing", replace(plan.outer.options, name="Lab-Host01")))


async def test_nesting_is_already_on_for_an_outer_vm_the_lab_created(lab):
    _runner, plan, engine = await _engine_at(lab, "nesting")
    engine.ctx.step = "nesting"
    sentence = await engine.step("nesting").check(engine.ctx)
    assert sentence is not None and plan.outer.name in sentence


@pytest.mark.parametrize(
    ("step_id", "plan_change"), [("nesting", _on_the_users_vm), ("guest_os", None), ("guest_hyperv", None)]
)
async def test_a_setting_step_applies_and_its_undo_sends_nothing(lab, step_id, plan_change):
    runner, plan, engine = await _engine_at(lab, step_id, plan_change)
    await _check_apply_verify(engine, step_id)
    assert engine.journal.created_by(step_id) == []
    after = _state(runner.host, plan.outer.name)
    sent = len(engine.ctx.host.sent)
    assert await engine.undo([step_id]) == []
    assert engine.ctx.host.sent[sent:] == []
    assert _state(runner.host, plan.outer.name) == after
